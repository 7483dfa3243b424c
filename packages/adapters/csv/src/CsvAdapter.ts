/**
 * A kit adapter for a CSV delivery format: reads a `.csv` file, a folder of them or a zip archive of them through the
 * kit's sources, and runs each file through the intake. Files with another extension inside a folder or archive
 * are reported, never skipped in silence.
 */
import { type Adapter, defineAdapter, Pseudonymiser, Source, Template } from "@baken/adapter-kit"
import { CalendarDate, Ids } from "@baken/domain"
import { Effect, Stream } from "effect"
import type * as Format from "./Format.js"
import * as Intake from "./Intake.js"
import type * as Scope from "./Scope.js"

/** What an adapter for a format needs besides the format. */
export interface Options {
  /** The adapter id, a slug such as `veilig-thuis`; it is every record's `source`. */
  readonly id: string
  /** The kinds of partner that deliver this format. */
  readonly partnerKinds: ReadonlyArray<string>
  /** One sentence for the data steward. */
  readonly description: string
  readonly scope: Scope.Scope
}

/** The file name endings a CSV adapter reads. */
export const extensions: ReadonlyArray<string> = [".csv", ".txt", ".zip"]

const readsAsCsv = (name: string): boolean => {
  const lower = name.toLowerCase()
  return lower.endsWith(".csv") || lower.endsWith(".txt")
}

/** Builds the adapter for `format`. */
export const make = <Cs extends Format.Columns>(format: Format.Format<Cs>, options: Options): Adapter.Adapter =>
  defineAdapter<never>({
    id: options.id,
    partnerKinds: options.partnerKinds,
    formats: [{ id: format.id, extensions, description: options.description }],
    read: (source) =>
      Stream.unwrap(
        Effect.gen(function* () {
          const pseudonymiser = yield* Pseudonymiser.Pseudonymiser
          const today = yield* CalendarDate.today
          const intake = { source: Ids.AdapterId.make(options.id), scope: options.scope, today }
          return Source.entries(source).pipe(
            Stream.map((entry) =>
              readsAsCsv(entry.name)
                ? Intake.read(format, intake, pseudonymiser, entry)
                : Stream.succeed(Intake.unexpectedFile(entry.name, extensions)),
            ),
            Stream.catch((error) => Stream.succeed(Stream.succeed(Template.sourceRejection(error)))),
            Stream.flatten(),
          )
        }),
      ),
  })
