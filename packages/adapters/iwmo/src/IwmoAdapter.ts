/**
 * The iWmo 3.2 adapter: reads WMO301, 305, 307, 315, 317, 319 and 323 messages — one per `.xml` file, many in a
 * folder or a zip — and streams out, per message, either its records or located rejections, and at the end the
 * delivery's counts and spending as observations. Person events are made for the Bescherming en Opvang categories
 * (15-18) only; every category is counted.
 */

import type { Item } from "@baken/adapter-kit"
import { Adapter, Pseudonymiser, Source, Template } from "@baken/adapter-kit"
import { CalendarDate } from "@baken/domain"
import { Clock, Effect, Stream } from "effect"
import { MessageReader, notXmlFile } from "./MessageReader.js"
import { Totals } from "./Totals.js"

const readEntry = (
  entry: Source.Entry,
  context: ConstructorParameters<typeof MessageReader>[1],
): Stream.Stream<Item.Item> =>
  Stream.suspend(() => {
    if (!entry.name.toLowerCase().endsWith(".xml")) return Stream.succeed(notXmlFile(entry.name))
    const reader = new MessageReader(entry.name, context)
    return entry.bytes.pipe(
      Stream.takeWhile(() => !reader.stopped),
      Stream.map((chunk) => reader.write(chunk)),
      Stream.catch((error) => Stream.succeed(reader.fail(`${error.reason}: ${error.detail}`))),
      Stream.concat(Stream.suspend(() => Stream.succeed(reader.end()))),
      Stream.flattenIterable,
    )
  })

/** The iWmo 3.2 adapter. */
export const adapter = Adapter.defineAdapter<never>({
  id: "iwmo",
  partnerKinds: ["zorgaanbieder", "gemeente"],
  formats: [
    {
      id: "iwmo-3-2",
      extensions: [".xml", ".zip"],
      description:
        "iWmo 3.2-berichten WMO301, 305, 307, 315, 317, 319 en 323 in UTF-8-XML: één bericht per .xml-bestand, meerdere in een map of zip.",
    },
  ],
  read: (source) =>
    Stream.unwrap(
      Effect.gen(function* () {
        const pseudonymiser = yield* Pseudonymiser.Pseudonymiser
        const today = CalendarDate.fromEpochMillis(yield* Clock.currentTimeMillis)
        const totals = new Totals()
        const context = { pseudonymise: pseudonymiser.pseudonymiseResult, today, totals }
        return Source.entries(source).pipe(
          Stream.map((entry) => readEntry(entry, context)),
          Stream.catch((error) => Stream.succeed(Stream.succeed(Template.sourceRejection(error)))),
          Stream.flatten(),
          Stream.concat(
            Stream.suspend(() =>
              Stream.fromIterable(totals.observations().map((o): Item.Item => ({ _tag: "Accepted", record: o }))),
            ),
          ),
        )
      }),
    ),
})
