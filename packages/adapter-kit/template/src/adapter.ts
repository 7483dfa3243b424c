/**
 * A Baken adapter, made from the template of @baken/adapter-kit (`baken-adapter new`). As it comes, it reads a CSV of
 * person events (`bsn,event,date,municipality`, one row per event, UTF-8), checks every field, pseudonymises the BSN
 * and emits a `PersonEvent` per good row and a located rejection per bad one. Change the format to your system's
 * export; keep the shape: validate, pseudonymise, emit domain records, never fail. CONTRACT.md in the kit lists what a
 * record may hold and what the server checks.
 */
import { defineAdapter, Item, Lines, Pseudonymiser, Source } from "@baken/adapter-kit"
import { CalendarDate, Ids, PersonEvent } from "@baken/domain"
import { Effect, Result, Schema, Stream } from "effect"

/** The header line the template format starts with. */
export const header = "bsn,event,date,municipality"

const isEventKind = Schema.is(PersonEvent.EventKind)
const isDate = Schema.is(CalendarDate.CalendarDate)
const isMunicipality = Schema.is(Ids.MunicipalityCode)

/** The template adapter, reading `header`-style CSV files, folders of them, or zip archives of them. */
export const adapter = defineAdapter({
  id: "template-csv",
  partnerKinds: ["example"],
  formats: [
    {
      id: "template-csv-1",
      extensions: [".csv", ".zip"],
      description: "CSV met de kolommen bsn,event,date,municipality: één gebeurtenis van een persoon per regel.",
    },
  ],
  read: (source) =>
    Stream.unwrap(
      Effect.gen(function* () {
        const pseudonymiser = yield* Pseudonymiser.Pseudonymiser
        const readEntry = (entry: Source.Entry): Stream.Stream<Item.Item> => {
          let sawSomething = false
          // A file without rows would otherwise vanish from the delivery without a trace.
          const emptyFile = Stream.suspend(() =>
            sawSomething
              ? Stream.empty
              : Stream.succeed(
                  Item.rejected({
                    location: { file: entry.name, line: 1 },
                    rule: "empty",
                    nl: "Het bestand bevat geen gegevens.",
                    en: "The file holds no rows.",
                  }),
                ),
          )
          return Lines.lines(entry.bytes).pipe(
            Stream.map((line): ReadonlyArray<Item.Item> => {
              const at = { file: entry.name, line: line.number, column: 1 }
              const reject = (rule: string, field: string | undefined, nl: string, en: string) => [
                Item.rejected({ location: at, rule, field, nl, en }),
              ]
              sawSomething ||= line.number > 1 || line.text !== header
              if (line.number === 1) {
                return line.text === header
                  ? []
                  : reject(
                      "header",
                      undefined,
                      `De eerste regel moet "${header}" zijn.`,
                      `The first line must be "${header}".`,
                    )
              }
              const cells = line.text.split(",")
              if (cells.length !== 4) {
                return reject(
                  "columns",
                  undefined,
                  "Een regel heeft precies 4 kolommen.",
                  "A row has exactly 4 columns.",
                )
              }
              const [bsn, event, date, municipality] = cells as [string, string, string, string]
              const person = pseudonymiser.pseudonymiseResult(bsn)
              if (Result.isFailure(person)) {
                return person.failure.problem === "format"
                  ? reject("bsn-format", "bsn", "Het BSN moet uit 9 cijfers bestaan.", "The BSN must be 9 digits.")
                  : reject(
                      "bsn-eleven-test",
                      "bsn",
                      "Het BSN voldoet niet aan de elfproef.",
                      "The BSN fails the eleven-test.",
                    )
              }
              if (!isEventKind(event)) {
                return reject("event-kind", "event", "Onbekende gebeurtenis.", "Unknown event kind.")
              }
              if (!isDate(date)) {
                return reject(
                  "date",
                  "date",
                  "De datum moet een bestaande dag zijn, zoals 2024-03-01.",
                  "The date must be a real day, like 2024-03-01.",
                )
              }
              if (!isMunicipality(municipality)) {
                return reject(
                  "municipality",
                  "municipality",
                  "Gemeente als CBS-code, zoals GM0402.",
                  "Municipality as a CBS code, like GM0402.",
                )
              }
              return [
                Item.accepted(
                  new PersonEvent.PersonEvent({
                    person: person.success,
                    kind: event,
                    date,
                    municipality,
                    source: adapterId,
                  }),
                ),
              ]
            }),
            Stream.flattenIterable,
            Stream.catch((error) => {
              sawSomething = true
              return Stream.succeed(
                error._tag === "TextError"
                  ? Item.rejected({
                      location: { file: entry.name, line: error.line },
                      rule: error.reason,
                      nl: error.reason === "not-utf8" ? "Het bestand is geen UTF-8-tekst." : "De regel is te lang.",
                      en: error.reason === "not-utf8" ? "The file is not UTF-8 text." : "The line is too long.",
                    })
                  : sourceRejection(error),
              )
            }),
            Stream.concat(emptyFile),
          )
        }
        return Source.entries(source).pipe(
          Stream.map(readEntry),
          Stream.catch((error) => Stream.succeed(Stream.succeed(sourceRejection(error)))),
          Stream.flatten(),
        )
      }),
    ),
})

const adapterId = Ids.AdapterId.make("template-csv")

/** The rejection for bytes that could not be read at all; `path: "/"` means the whole file. */
export const sourceRejection = (error: Source.SourceError): Item.Item =>
  Item.rejected({
    location: { file: error.file, path: "/" },
    rule: error.reason,
    ...sourceMessages[error.reason](error.detail),
  })

const sourceMessages: Record<Source.SourceError["reason"], (detail: string) => { nl: string; en: string }> = {
  unreadable: (detail) => ({
    nl: `Het bestand kon niet worden gelezen (${detail}).`,
    en: `The file could not be read (${detail}).`,
  }),
  "broken-archive": (detail) => ({
    nl: `Het archief is beschadigd of afgebroken (${detail}).`,
    en: `The archive is damaged or truncated (${detail}).`,
  }),
  // The limits' own words only: nothing the archive chose is repeated.
  "archive-entries": (detail) => ({
    nl: "Het archief bevat te veel bestanden; er is niets uit gelezen. Lever in kleinere delen.",
    en: `The archive holds ${detail}; nothing in it was read. Deliver it in smaller parts.`,
  }),
  "archive-bytes": (detail) => ({
    nl: "Het archief pakt uit tot te veel gegevens; er is niets uit gelezen. Lever in kleinere delen.",
    en: `The archive unpacks to ${detail}; nothing in it was read. Deliver it in smaller parts.`,
  }),
  "archive-ratio": (detail) => ({
    nl: "Dit bestand in het archief pakt onwaarschijnlijk ver uit (een zip-bom?); er is niets uit het archief gelezen.",
    en: `This file in the archive ${detail} (a zip bomb?); nothing in the archive was read.`,
  }),
}
