/**
 * Writing CSV the way the formats read it: `;` between cells, CRLF between rows (what Excel writes), and a cell
 * quoted only when it holds a `;`, a quote or a line break. The API's export and the formats' example files use it,
 * so what Baken writes is exactly what it reads.
 */

const needsQuotes = /[;"\r\n]/

/** One cell, quoted when needed. */
export const cell = (value: string): string => (needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/** One row with its line ending. */
export const row = (cells: ReadonlyArray<string>): string => `${cells.map(cell).join(";")}\r\n`

/** A UTF-8 byte-order mark, which makes Excel open the file as UTF-8. */
export const bom = "\uFEFF"
