// A copy of the template adapter (src/Template.ts) with switches for the mistakes the conformance suite must catch:
// the mutants of the suite's mutation test. Without a mutation it reads exactly like the template (a test checks
// that); each mutation changes one place, the way a partner developer might get it wrong.
import { CalendarDate, Ids, PersonEvent } from "@baken/domain"
import { Effect, Result, Schema, Stream } from "effect"
import { defineAdapter } from "../../src/Adapter.js"
import * as Item from "../../src/Item.js"
import * as Lines from "../../src/Lines.js"
import { Pseudonymiser } from "../../src/Pseudonymiser.js"
import type * as Source from "../../src/Source.js"
import * as SourceModule from "../../src/Source.js"
import { header, sourceRejection } from "../../src/Template.js"

/** The mistakes, each a mutant of the template. */
export const mutations = [
  /** A strict date parser throws with the row in its message, and the rejection repeats that message. */
  "leaks-bsn-via-parser-error",
  /** The event-kind rejection repeats the unknown event, which may be a person's name. */
  "leaks-name",
  /** The municipality rejection repeats the unknown municipality, which may be an address. */
  "leaks-address",
  /** A row whose BSN is not nine digits is skipped as noise instead of rejected. */
  "drops-row",
  /** The date parser's exception is not caught: a defect instead of a rejection. */
  "throws",
  /** Every line of a file is collected before the first item comes out. */
  "buffers-input",
  /** Rejections name the file only, not the line. */
  "unlocated-rejections",
] as const

/** One of the mutations. */
export type Mutation = (typeof mutations)[number]

const isEventKind = Schema.is(PersonEvent.EventKind)
const isDate = Schema.is(CalendarDate.CalendarDate)
const isMunicipality = Schema.is(Ids.MunicipalityCode)
const adapterId = Ids.AdapterId.make("template-csv")

/** A date parser that throws on a bad date, as many parsers do, with the row it was given in the message. */
const parseDate = (date: string, row: string): string => {
  if (!isDate(date)) throw new Error(`Ongeldige datum in regel "${row}"`)
  return date
}

/** The template adapter with `mutation` applied, or the template itself (as a copy) without one. */
export const mutant = (mutation?: Mutation) =>
  defineAdapter({
    id: mutation === undefined ? "template-csv" : `template-${mutation}`,
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
          const pseudonymiser = yield* Pseudonymiser
          const readEntry = (entry: Source.Entry): Stream.Stream<Item.Item> => {
            let sawSomething = false
            const emptyFile = Stream.suspend(() =>
              sawSomething
                ? Stream.empty
                : Stream.succeed(
                    Item.rejected({
                      location:
                        mutation === "unlocated-rejections" ? { file: entry.name } : { file: entry.name, line: 1 },
                      rule: "empty",
                      nl: "Het bestand bevat geen gegevens.",
                      en: "The file holds no rows.",
                    }),
                  ),
            )
            const lines =
              mutation === "buffers-input"
                ? Stream.unwrap(Stream.runCollect(Lines.lines(entry.bytes)).pipe(Effect.map(Stream.fromIterable)))
                : Lines.lines(entry.bytes)
            return lines.pipe(
              Stream.map((line): ReadonlyArray<Item.Item> => {
                const at =
                  mutation === "unlocated-rejections"
                    ? { file: entry.name }
                    : { file: entry.name, line: line.number, column: 1 }
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
                  if (person.failure.problem === "format" && mutation === "drops-row") return []
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
                  return mutation === "leaks-name"
                    ? reject(
                        "event-kind",
                        "event",
                        `Onbekende gebeurtenis "${event}".`,
                        `Unknown event kind "${event}".`,
                      )
                    : reject("event-kind", "event", "Onbekende gebeurtenis.", "Unknown event kind.")
                }
                if (mutation === "throws") parseDate(date, line.text)
                if (mutation === "leaks-bsn-via-parser-error") {
                  try {
                    parseDate(date, line.text)
                  } catch (error) {
                    const message = (error as Error).message
                    return reject("date", "date", `De datum klopt niet: ${message}`, `The date is wrong: ${message}`)
                  }
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
                  return mutation === "leaks-address"
                    ? reject(
                        "municipality",
                        "municipality",
                        `Onbekende gemeente "${municipality}"; gebruik een CBS-code, zoals GM0402.`,
                        `Unknown municipality "${municipality}"; use a CBS code, like GM0402.`,
                      )
                    : reject(
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
                        location:
                          mutation === "unlocated-rejections"
                            ? { file: entry.name }
                            : { file: entry.name, line: error.line },
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
          return SourceModule.entries(source).pipe(
            Stream.map(readEntry),
            Stream.catch((error) => Stream.succeed(Stream.succeed(sourceRejection(error)))),
            Stream.flatten(),
          )
        }),
      ),
  })
