/**
 * CSV downloads of a series: the same published numbers as its chart and table, one line per row and period, so a
 * reader can take the figures into a spreadsheet. RFC 4180 quoting, a dot as decimal separator, and a status column
 * that says whether a value was hidden by disclosure control or is simply not there. Text cells that a spreadsheet
 * would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR, as OWASP lists) get a leading `'`; the value
 * column holds numbers written by this module, so a negative value stays a number.
 */
import type { Cell, Series } from "./DashboardSource.js"

/** The header line of every series CSV. */
export const header = ["indicator", "rij", "soort", "periode", "waarde", "status"] as const

/** Quotes a field when it holds a comma, a quote or a line break. */
export const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/** A text cell a spreadsheet will show as text: one that starts like a formula gets a leading `'` (OWASP). */
export const text = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

/** The status word of a cell: `getoond`, `verborgen` (disclosure control) or `geen gegevens`. */
export const status = (cell: Cell): string =>
  cell.suppressed ? "verborgen" : cell.value === null ? "geen gegevens" : "getoond"

/** The series as CSV text, lines ending in CRLF. */
export const ofSeries = (series: Series): string => {
  const lines = [header.join(",")]
  for (const row of series.rows) {
    series.periods.forEach((period, i) => {
      const cell = row.cells[i] ?? { value: null, suppressed: false }
      const texts = [series.id, row.label, row.kind, period].map(text)
      const value = cell.value === null ? "" : String(cell.value)
      lines.push([...texts, value, status(cell)].map(field).join(","))
    })
  }
  return `${lines.join("\r\n")}\r\n`
}

/** Parses CSV text made by `ofSeries` back into records (used by tests and by readers who script against it). */
export const parse = (text: string): ReadonlyArray<ReadonlyArray<string>> => {
  const records: Array<Array<string>> = []
  let record: Array<string> = []
  let value = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        value += '"'
        i++
      } else if (ch === '"') quoted = false
      else value += ch
    } else if (ch === '"') quoted = true
    else if (ch === ",") {
      record.push(value)
      value = ""
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(value)
      records.push(record)
      record = []
      value = ""
      i++
    } else value += ch
  }
  if (value !== "" || record.length > 0) {
    record.push(value)
    records.push(record)
  }
  return records
}
