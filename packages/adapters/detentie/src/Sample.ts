/**
 * Writing detention notices: a valid `detentie-csv-1` file from rows, as the demo and the samples deliver them. Only
 * for test data: the rows' BSNs must be test BSNs (999900006, … — the 9999 range, eleven-test valid).
 */
import { Format, Writer } from "@baken/adapter-csv"
import { format, type Soort } from "./DetentieFormat.js"

/** One notice: a test BSN, the municipality (`GM0402` or `0402`), begin or einde, the date (`JJJJ-MM-DD`). */
export interface Row {
  readonly bsn: string
  readonly gemeente: string
  readonly soort: Soort
  readonly datum: string
}

/** A detention CSV as Baken writes it: UTF-8 with a byte-order mark, `;`, the format's header, CRLF line ends. */
export const writeDetentionCsv = (rows: ReadonlyArray<Row>): string =>
  `${Writer.bom}${Format.header(format)}\r\n${rows.map((r) => Writer.row([r.bsn, r.gemeente, r.soort, r.datum])).join("")}`
