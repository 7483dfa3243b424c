/**
 * Writing observations as the generic observations CSV: the export the API offers and
 * `@baken/adapter-observations-csv` reads back (its format's columns are this header; its tests read this writer's
 * output back unchanged). The writer lives in the domain so that the API exports without depending on an adapter. It
 * writes a UTF-8 byte-order mark (so Excel opens it as UTF-8), the header `indicator;municipality;period;value`,
 * CRLF line ends, `.` as decimal separator and an empty cell for an unknown value. Only municipal observations fit
 * the format; others are left to the caller, who gets them back from `write`. The text cells (indicator,
 * municipality, period) never start like a spreadsheet formula (`Writer.text`); the value is a number, so a negative
 * value keeps its minus sign.
 */
import * as Area from "./Area.js"
import * as Writer from "./CsvWriter.js"
import type * as Observation from "./Observation.js"

/** The header row of the format, version 1. */
export const header = "indicator;municipality;period;value"

/** The text of a value: empty for unknown, otherwise JavaScript's shortest exact decimal form. */
export const valueText = (value: number | null): string => (value === null ? "" : String(value))

/** One observation as a CSV row (with CRLF). */
export const row = (o: Observation.Observation): string =>
  Writer.row([Writer.text(o.indicator), Writer.text(o.area), Writer.text(o.period), valueText(o.value)])

/** Whether an observation fits the format: its area must be a municipality. */
export const fits = (o: Observation.Observation): boolean => Area.isMunicipality(o.area)

/** The whole file for `observations`, with byte-order mark and header; observations that do not fit are skipped. */
export const write = (observations: Iterable<Observation.Observation>): string => {
  let out = `${Writer.bom}${header}\r\n`
  for (const o of observations) if (fits(o)) out += row(o)
  return out
}

/** The file as a lazy sequence of chunks (header first, then one row each), for streaming an export of any size. */
export function* chunks(observations: Iterable<Observation.Observation>): Generator<string> {
  yield `${Writer.bom}${header}\r\n`
  for (const o of observations) if (fits(o)) yield row(o)
}
