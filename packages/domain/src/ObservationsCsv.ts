/**
 * The observations CSV, the one CSV format Baken writes and reads: the API's export, the dashboard's downloads, and
 * what `@baken/adapter-observations-csv` reads back (its format's columns are these names; its tests read this
 * writer's output back unchanged). The writer lives in the domain so that the API and the web app write it without
 * depending on an adapter. It writes a UTF-8 byte-order mark (so Excel opens it as UTF-8), `;` between cells (the
 * list separator of Dutch Excel, so a file opens in columns), the Dutch header `indicator;gemeente;periode;waarde`,
 * CRLF line ends, `.` as decimal separator and an empty cell for an unknown value.
 *
 * A file may carry two more columns for the reader, `naam` (the municipality's name, or what a row is) and
 * `toelichting` (whether a value is shown, hidden or missing), which the adapter reads but never stores. A value hidden by disclosure control is written as an empty value
 * with a note saying so, so that delivering the file back stores "unknown" and never invents a number.
 *
 * Only municipal observations fit the format; `write` leaves others out. The text cells never start like a
 * spreadsheet formula (`Writer.text`); the value is a number, so a negative value keeps its minus sign.
 */
import * as Area from "./Area.js"
import * as Writer from "./CsvWriter.js"
import type * as Observation from "./Observation.js"

/** The column names, in the order they are written. */
export const names = {
  indicator: "indicator",
  municipality: "gemeente",
  name: "naam",
  period: "periode",
  value: "waarde",
  note: "toelichting",
} as const

/** The header row of the format, version 1: the four columns every file has. */
export const header = [names.indicator, names.municipality, names.period, names.value].join(";")

/** The header row of a file with notes: the name of the row after the municipality, the note at the end. */
export const headerWithNotes = [
  names.indicator,
  names.municipality,
  names.name,
  names.period,
  names.value,
  names.note,
].join(";")

/**
 * The text of a value: empty for unknown, otherwise JavaScript's shortest exact decimal form with a decimal comma
 * (`0,48`), as Dutch Excel reads a number in a `;`-separated file; a point would make it read `0.48` as 48. The
 * adapter reads a comma and a point alike.
 */
export const valueText = (value: number | null): string => (value === null ? "" : String(value).replace(".", ","))

/** One observation as a CSV row (with CRLF). */
export const row = (o: Observation.Observation): string =>
  Writer.row([Writer.text(o.indicator), Writer.text(o.area), Writer.text(o.period), valueText(o.value)])

/**
 * One row of a file with notes. `municipality` is a CBS municipality code, or empty for a row that is not about a
 * municipality (a region total, a target, the Dutch benchmark): such a row is for the reader, and the adapter
 * refuses it (with its line) when the file is delivered back, because Baken computes region totals itself.
 */
export interface Line {
  readonly indicator: string
  readonly municipality: string
  /** What the row is about, for the reader: `Hilversum`, `Streefwaarde regio`. */
  readonly name: string
  readonly period: string
  readonly value: number | null
  /** Whether the value is shown, hidden or missing, and for a row that is no municipality's, what it is. */
  readonly note: string
}

/** A line of a file with notes as a CSV row (with CRLF). */
export const line = (l: Line): string =>
  Writer.row([
    Writer.text(l.indicator),
    Writer.text(l.municipality),
    Writer.text(l.name),
    Writer.text(l.period),
    valueText(l.value),
    Writer.text(l.note),
  ])

/** Whether an observation fits the format: its area must be a municipality. */
export const fits = (o: Observation.Observation): boolean => Area.isMunicipality(o.area)

/** The whole file for `observations`, with byte-order mark and header; observations that do not fit are skipped. */
export const write = (observations: Iterable<Observation.Observation>): string => {
  let out = `${Writer.bom}${header}\r\n`
  for (const o of observations) if (fits(o)) out += row(o)
  return out
}

/** The whole file for `lines`, with byte-order mark and the header with `toelichting`. */
export const writeWithNotes = (lines: Iterable<Line>): string => {
  let out = `${Writer.bom}${headerWithNotes}\r\n`
  for (const l of lines) out += line(l)
  return out
}

/** The file as a lazy sequence of chunks (header first, then one row each), for streaming an export of any size. */
export function* chunks(observations: Iterable<Observation.Observation>): Generator<string> {
  yield `${Writer.bom}${header}\r\n`
  for (const o of observations) if (fits(o)) yield row(o)
}
