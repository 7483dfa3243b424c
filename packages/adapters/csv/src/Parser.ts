/**
 * The CSV parser every format uses: csv-parse, configured the way Dutch Excel writes CSV (`;` separator, optional
 * UTF-8 byte-order mark, CRLF or LF, double-quoted fields with `""` escapes), driven synchronously chunk by chunk.
 *
 * csv-parse's public `Parser` is a Node Transform stream that pushes records; Baken's streams are pulled. Both sit on
 * the same synchronous core (`parse(chunk, end, push, close)`), which the `Parser` instance carries as `api`. Driving
 * that core directly keeps effect's pull-based back-pressure (the next chunk is parsed only when the consumer asks)
 * with no extra buffering between two stream models. `bench/` measures it against the public stream API.
 */
import { type CsvError, Parser } from "csv-parse"

/** The options every delivery is parsed with. */
export const options = {
  delimiter: ";",
  bom: true,
  // Rows with too many or too few cells are reported by the intake, with the line and the first surplus column.
  relax_column_count: true,
  // A stray quote inside an unquoted cell is kept as text; the cell's own check then refuses it.
  relax_quotes: true,
  skip_empty_lines: true,
  // No record of a delivery format comes near this; an unclosed quote stops here instead of eating the file.
  max_record_size: 64 * 1024,
} as const

interface Core {
  parse(
    chunk: Buffer | undefined,
    end: boolean,
    push: (record: Array<string>) => void,
    close: () => void,
  ): CsvError | undefined
  readonly info: { readonly lines: number }
}

/** A parse error: what csv-parse reported, and the line it reported it on. */
export interface Failure {
  readonly code: string
  readonly line: number
}

/** A running parser over one file. */
export interface Running {
  /** Parses the next chunk; calls `onRecord` for every complete record with the line it ends on. */
  readonly feed: (chunk: Uint8Array) => Failure | undefined
  /** Parses what is left at the end of the file. */
  readonly end: () => Failure | undefined
}

const toBuffer = (chunk: Uint8Array): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)

/**
 * Starts a parser that hands each record and the (1-based) line it ends on to `onRecord`; cells are separated by
 * `delimiter` (`;` unless given).
 */
export const start = (onRecord: (record: Array<string>, line: number) => void, delimiter: ";" | "," = ";"): Running => {
  const core = (
    new Parser(delimiter === ";" ? options : { ...options, delimiter }) as unknown as { readonly api: Core }
  ).api
  const push = (record: Array<string>) => onRecord(record, core.info.lines)
  const close = () => {}
  const failure = (error: CsvError | undefined): Failure | undefined =>
    error === undefined ? undefined : { code: error.code, line: core.info.lines }
  return {
    feed: (chunk) => failure(core.parse(toBuffer(chunk), false, push, close)),
    end: () => failure(core.parse(undefined, true, push, close)),
  }
}

/** How many lines a record spans beyond its last line's (cells with line breaks inside quotes). */
export const extraLines = (record: ReadonlyArray<string>): number => {
  let n = 0
  for (const cell of record) for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) n++
  return n
}

/**
 * The separator of a file whose first line (or as much of it as is known) is `head`: the one of `separators` that
 * appears most often in it, the first of the list on a tie. Header names hold neither `;` nor `,`, so the header row
 * says which one the file uses.
 */
export const separatorOf = <S extends string>(head: string, separators: ReadonlyArray<S>): S => {
  let best = separators[0] as S
  let most = -1
  for (const s of separators) {
    const n = head.split(s).length - 1
    if (n > most) {
      best = s
      most = n
    }
  }
  return best
}
