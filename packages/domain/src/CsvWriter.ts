/**
 * Writing CSV the way Baken's delivery formats read it: `;` between cells, CRLF between rows (what Excel writes), and
 * a cell quoted only when it holds a `;`, a quote or a line break. The API's export (`ObservationsCsv`) and the
 * formats' example files (through `@baken/adapter-csv`, which re-exports it as `Writer`) use it, so what Baken writes
 * is exactly what it reads. Text that a spreadsheet would run as a formula goes through `text`.
 */

const needsQuotes = /[;"\r\n]/

/** One cell, quoted when needed. */
export const cell = (value: string): string => (needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/**
 * A text cell a spreadsheet shows as text: one starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, as
 * OWASP advises against CSV injection. Only for text: a number's own minus sign must stay.
 */
export const text = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

/** One row with its line ending. */
export const row = (cells: ReadonlyArray<string>): string => `${cells.map(cell).join(";")}\r\n`

/** A UTF-8 byte-order mark, which makes Excel open the file as UTF-8. */
export const bom = "\uFEFF"
