/**
 * The intake of one CSV file of a format: sniffs the first bytes (an Excel workbook or UTF-16 file is refused
 * whole), checks the header (missing, unknown, repeated and BSN columns refuse the whole file), then turns every row
 * into records or one located rejection, streaming, so that a file of any length runs in constant memory.
 *
 * The policy is the same for every format built on this engine and is stated in each README: a problem with the
 * file as a whole (not CSV, header, unclosed quote) refuses the whole file, and nothing of it is accepted; a problem
 * with a row rejects that row, with its line, column, field and rule, and the valid rows of the same file are
 * accepted. Rows are never dropped without a rejection, except rows whose cells are all empty (Excel writes those).
 */
import { Bsn, Item, type Pseudonymiser, type Source, Template } from "@baken/adapter-kit"
import { CalendarDate, type Ids, type Period } from "@baken/domain"
import { Result, Stream } from "effect"
import * as CellCache from "./CellCache.js"
import * as Column from "./Column.js"
import type * as Format from "./Format.js"
import * as Header from "./Header.js"
import * as Parser from "./Parser.js"
import * as Scope from "./Scope.js"
import * as Signature from "./Signature.js"

/** What the intake needs besides the format. */
export interface Options {
  /** The adapter id written into every record's `source`. */
  readonly source: Ids.AdapterId
  readonly scope: Scope.Scope
  /** The day the delivery is read, for rules such as "not after today"; the system clock's day unless given. */
  readonly today?: CalendarDate.CalendarDate
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1)

/**
 * The line a record starts on: a quoted cell may hold line breaks, and the row then starts that many lines before
 * the line it ends on. Counted only when a row is rejected, so accepted rows pay nothing for it.
 */
const lineOf = (record: ReadonlyArray<string>, endLine: number): number => endLine - Parser.extraLines(record)

/** Whether every cell of a record is empty or blank (Excel writes such rows); most rows fail on the first cell. */
const isBlank = (record: ReadonlyArray<string>): boolean => {
  for (const cell of record) if (cell.length > 0 && cell.trim() !== "") return false
  return true
}

/**
 * A plain decimal number as `Column.decimal` reads it (`1234567.89`, `-0,12345678`, `1.23456789e-7`): its decimal
 * point is no grouping.
 */
const plainNumber = /^-?\d+(?:[.,]\d+)?(?:[eE][+-]?\d{1,3})?$/
const nineDigitGroup = /(?<!\d)\d{9}(?!\d)/

/**
 * Whether a cell of an aggregated format holds a BSN: nine digits in any grouping (`Bsn.contains`: `999 900 006`,
 * `999_900_006`, full-width digits), but in a plain number only nine digits in one group, so that an amount or a
 * rate with nine digits in all (`1234567.89`, `0.12345678`) is read as the number it is.
 */
const bsnShaped = (cell: string): boolean => (plainNumber.test(cell) ? nineDigitGroup.test(cell) : Bsn.contains(cell))

const notUtf8 = (column: string) =>
  new Column.Problem(
    "not-utf8",
    `Kolom ${column} bevat tekens die geen UTF-8 zijn, waarschijnlijk Windows-1252 (zoals é of ë uit Excel's 'CSV (gescheiden door lijstscheidingsteken)'). Sla het bestand op als 'CSV UTF-8 (gescheiden door lijstscheidingsteken)'.`,
    `Column ${column} holds characters that are not UTF-8, probably Windows-1252 (such as é or ë from Excel's plain 'CSV'). Save the file as 'CSV UTF-8'.`,
  )

const bsnValue = (column: string) =>
  new Column.Problem(
    "bsn-shaped-value",
    `Kolom ${column} bevat een getal van 9 cijfers, de vorm van een BSN. Dit formaat bevat alleen totalen: de regel is geweigerd en de waarde niet bewaard.`,
    `Column ${column} holds a nine-digit number, the shape of a BSN. This format holds totals only: the row was refused and the value not kept.`,
  )

/** Reads one file of `format` into items; the pseudonymiser is used only by person-level formats. */
export const read = <Cs extends Format.Columns>(
  format: Format.Format<Cs>,
  options: Options,
  pseudonymiser: Pseudonymiser.Pseudonymiser["Service"],
  entry: Source.Entry,
): Stream.Stream<Item.Item> =>
  Stream.suspend(() => {
    const file = entry.name
    const columns = Object.values(format.columns) as ReadonlyArray<Column.Column<unknown>>
    const names = columns.map((c) => c.name)
    const rowTemplate: Record<string, unknown> = {}
    for (const name of names) rowTemplate[name] = null
    const aggregated = format.level === "aggregated"
    const scope = Scope.memo(options.scope)
    const municipalityColumn = format.placeColumns.municipality
    const periodColumn = format.placeColumns.period
    const periodOf = format.periodOf
    // Codes, municipalities, periods and dates repeat from row to row: each distinct cell is parsed once per file.
    const caches = columns.map((c) => (c.repeats === true ? CellCache.make<unknown>() : undefined))
    // One HMAC per distinct BSN of this file: the HMAC is the costliest step of a person-level row, and a person's
    // events repeat the BSN. The map is held by this file's intake only, in memory, is never written anywhere, and is
    // cleared when the file ends; the pseudonymiser stays the only way from a BSN to a pseudonym.
    const pseudonyms = new Map<string, Ids.Pseudonym>()
    // The row being turned into records, for `origin`; its line is counted only when a format asks.
    let currentRecord: ReadonlyArray<string> = []
    let currentEndLine = 0
    const originFile = Bsn.redact(file).slice(0, 300)
    const context: Format.RecordContext = {
      source: options.source,
      today: options.today ?? CalendarDate.fromEpochMillis(Date.now()),
      origin: () => ({ file: originFile, line: lineOf(currentRecord, currentEndLine) }),
      pseudonymise: (bsn) => {
        const known = pseudonyms.get(bsn)
        if (known !== undefined) return known
        const result = pseudonymiser.pseudonymiseResult(bsn)
        if (Result.isSuccess(result)) {
          if (pseudonyms.size < 100_000) pseudonyms.set(bsn, result.success)
          return result.success
        }
        return result.failure.problem === "format"
          ? new Column.Problem(
              "bsn-format",
              "Het BSN moet uit 9 cijfers bestaan.",
              "The BSN must be nine digits.",
              "bsn",
            )
          : new Column.Problem(
              "bsn-eleven-test",
              "Het BSN voldoet niet aan de elfproef.",
              "The BSN fails the eleven-test.",
              "bsn",
            )
      },
    }

    let out: Array<Item.Item> = []
    let stopped = false
    let sniffed = false
    let head: Uint8Array = new Uint8Array(0)
    let match: Header.Match | undefined
    let lastLine = 0
    let rows = 0

    const reject = (line: number, column: number | undefined, field: string | undefined, problem: Column.Problem) => {
      out.push(
        Item.rejected({
          location: { file, line, column },
          field,
          rule: problem.rule,
          nl: `Regel ${line}${column === undefined ? "" : `, kolom ${column}`}: ${lowerFirst(problem.nl)}`,
          en: `Line ${line}${column === undefined ? "" : `, column ${column}`}: ${lowerFirst(problem.en)}`,
        }),
      )
    }

    const refuseFile = (rule: string, nl: string, en: string, line?: number) => {
      // The line says where the file went wrong; the path says the whole file is refused.
      out.push(
        Item.rejected({
          location: { file, ...(line === undefined ? {} : { line }), path: Item.wholeFile },
          rule,
          nl,
          en,
        }),
      )
      stopped = true
    }

    const onHeader = (record: Array<string>, line: number) => {
      const checked = Header.check(record, format)
      if (Header.isMatch(checked)) {
        match = checked
        return
      }
      for (const p of checked)
        out.push(
          Item.rejected({
            location: { file, line, column: p.column, path: Item.wholeFile },
            field: p.field,
            rule: p.rule,
            nl: `Regel ${line}: ${p.nl}`,
            en: `Line ${line}: ${p.en}`,
          }),
        )
      stopped = true
    }

    const onRow = (record: Array<string>, endLine: number, m: Header.Match) => {
      if (isBlank(record)) return
      rows++
      if (record.length !== m.width) {
        const more = record.length > m.width
        const diff = Math.abs(record.length - m.width)
        reject(
          lineOf(record, endLine),
          more ? m.width + 1 : record.length,
          undefined,
          new Column.Problem(
            more ? "too-many-columns" : "too-few-columns",
            more
              ? `de regel heeft ${diff} ${diff === 1 ? "kolom" : "kolommen"} te veel (${record.length} in plaats van ${m.width} zoals de kopregel). De regel is geweigerd.`
              : `de regel heeft ${diff} ${diff === 1 ? "kolom" : "kolommen"} te weinig (${record.length} in plaats van ${m.width} zoals de kopregel). De regel is geweigerd.`,
            more
              ? `the row has ${diff} more ${diff === 1 ? "column" : "columns"} than the header (${record.length} instead of ${m.width}). The row was refused.`
              : `the row has ${diff} fewer ${diff === 1 ? "column" : "columns"} than the header (${record.length} instead of ${m.width}). The row was refused.`,
          ),
        )
        return
      }
      // Every row object gets the same keys in the same order (a copy of the template), so they share one shape.
      const row: Record<string, unknown> = { ...rowTemplate }
      for (let k = 0; k < columns.length; k++) {
        const column = columns[k] as Column.Column<unknown>
        const position = m.positions[k] as number
        // A column the header left out (one that may be absent) reads as empty in every row.
        const raw = position < 0 ? "" : (record[position] as string)
        const cell =
          raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw
        if (aggregated && cell.length >= 9 && bsnShaped(cell)) {
          reject(lineOf(record, endLine), position + 1, column.name, bsnValue(column.name))
          return
        }
        if (cell === "") {
          if (column.optional) {
            row[names[k] as string] = null
            continue
          }
          reject(
            lineOf(record, endLine),
            position + 1,
            column.name,
            new Column.Problem(
              "required",
              `kolom ${column.name} is leeg maar verplicht.`,
              `column ${column.name} is empty but required.`,
            ),
          )
          return
        }
        const cache = caches[k]
        let value: unknown
        if (cache === undefined) value = column.parse(cell)
        else {
          const slot = CellCache.slot(cell)
          value = CellCache.get(cache, slot, cell)
          if (value === undefined) {
            value = column.parse(cell)
            if (!(value instanceof Column.Problem)) CellCache.set(cache, slot, cell, value)
          }
        }
        if (value instanceof Column.Problem) {
          reject(
            lineOf(record, endLine),
            position + 1,
            column.name,
            cell.includes("\uFFFD") ? notUtf8(column.name) : value,
          )
          return
        }
        row[names[k] as string] = value
      }
      const typed = row as Format.Row<Cs>
      const municipality = row[municipalityColumn] as Ids.MunicipalityCode
      const period = (periodOf === undefined ? row[periodColumn] : periodOf(typed)) as Period.Period
      if (!scope.periodInPlan(period)) {
        const at = m.positions[names.indexOf(format.placeColumns.period)] as number
        reject(
          lineOf(record, endLine),
          at + 1,
          format.placeColumns.period,
          new Column.Problem(
            "period-outside-plan",
            `periode ${period} valt buiten het plan (${Scope.plansLabel(options.scope, "of")}).`,
            `period ${period} lies outside the plan (${Scope.plansLabel(options.scope, "or")}).`,
          ),
        )
        return
      }
      // A code the format does not know is refused as such, whatever the scope (a region's former members are known).
      const unknown =
        format.knownMunicipality !== undefined &&
        !format.knownMunicipality(municipality) &&
        !scope.everMember(municipality)
      if (unknown || !scope.memberDuring(municipality, period)) {
        const at = m.positions[names.indexOf(format.placeColumns.municipality)] as number
        reject(
          lineOf(record, endLine),
          at + 1,
          format.placeColumns.municipality,
          unknown
            ? new Column.Problem(
                "unknown-municipality",
                `${municipality} is geen bestaande Nederlandse gemeentecode (CBS-gemeentelijke indeling).`,
                `${municipality} is not the code of a Dutch municipality (CBS municipal classification).`,
              )
            : new Column.Problem(
                "not-a-member",
                `gemeente ${municipality} was in periode ${period} geen lid van ${options.scope.regionName}.`,
                `municipality ${municipality} was not a member of ${options.scope.regionName} in period ${period}.`,
              ),
        )
        return
      }
      currentRecord = record
      currentEndLine = endLine
      const records = format.records(typed, context)
      if (records instanceof Column.Problem) {
        const name = records.column
        const at = name === undefined ? undefined : names.indexOf(name)
        reject(
          lineOf(record, endLine),
          at === undefined || at < 0 ? undefined : (m.positions[at] as number) + 1,
          name,
          records,
        )
        return
      }
      for (const record of records) out.push(Item.accepted(record))
    }

    const onRecord = (record: Array<string>, line: number) => {
      if (stopped) return
      if (match === undefined) onHeader(record, line)
      else onRow(record, line, match)
      lastLine = line
    }
    // With one separator the parser starts at once; with more, the bytes wait until the header row is complete
    // (or 64 KiB have come without a line break, or the file ends), and the header row picks the separator.
    const separators = format.separators ?? [";"]
    let parser: Parser.Running | undefined =
      separators.length === 1 ? Parser.start(onRecord, separators[0] ?? ";") : undefined
    let held: Uint8Array = new Uint8Array(0)
    const startHeld = (headerEnd: number): Parser.Failure | undefined => {
      const head = Buffer.from(held.buffer, held.byteOffset, headerEnd).toString("latin1")
      const running = Parser.start(onRecord, Parser.separatorOf(head, separators))
      parser = running
      const bytes = held
      held = new Uint8Array(0)
      return bytes.length === 0 ? undefined : running.feed(bytes)
    }
    const parse = (bytes: Uint8Array): Parser.Failure | undefined => {
      if (parser !== undefined) return parser.feed(bytes)
      held = held.length === 0 ? bytes : Buffer.concat([held, bytes])
      const newline = held.indexOf(10)
      if (newline < 0 && held.length < 64 * 1024) return undefined
      return startHeld(newline < 0 ? held.length : newline)
    }
    const endParse = (): Parser.Failure | undefined => {
      const failure = parser === undefined ? startHeld(held.length) : undefined
      if (failure !== undefined) return failure
      return parser?.end()
    }

    const parseFailure = (failure: Parser.Failure) => {
      const line = lastLine + 1
      const tooLarge = failure.code === "CSV_MAX_RECORD_SIZE"
      refuseFile(
        tooLarge ? "record-too-large" : failure.code === "CSV_QUOTE_NOT_CLOSED" ? "quote-not-closed" : "csv-syntax",
        tooLarge
          ? `Regel ${line}: deze regel is langer dan 64 KiB, meestal door een aanhalingsteken (") dat niet gesloten wordt. Het lezen is hier gestopt; regels vanaf ${line} zijn niet gelezen, de eerdere regels zijn verwerkt zoals gemeld.`
          : `Regel ${line}: een aanhalingsteken (") wordt niet gesloten. Het lezen is hier gestopt; regels vanaf ${line} zijn niet gelezen, de eerdere regels zijn verwerkt zoals gemeld.`,
        tooLarge
          ? `Line ${line}: this row is longer than 64 KiB, usually because a quote (") is never closed. Reading stopped here; rows from ${line} on were not read, earlier rows were handled as reported.`
          : `Line ${line}: a quote (") is never closed. Reading stopped here; rows from ${line} on were not read, earlier rows were handled as reported.`,
        line,
      )
    }

    const sniff = (chunk: Uint8Array): Uint8Array | undefined => {
      if (sniffed) return chunk
      const joined = head.length === 0 ? chunk : Buffer.concat([head, chunk])
      if (joined.length < Signature.length) {
        head = joined
        return undefined
      }
      sniffed = true
      head = new Uint8Array(0)
      const kind = Signature.sniff(joined)
      if (kind !== "text") {
        const m = Signature.message(kind)
        refuseFile(kind === "utf-16" ? "utf-16" : "excel-workbook", m.nl, m.en)
        return undefined
      }
      return joined
    }

    const feed = (chunk: Uint8Array): Array<Item.Item> => {
      const bytes = sniff(chunk)
      if (bytes !== undefined && !stopped) {
        const failure = parse(bytes)
        if (failure !== undefined && !stopped) parseFailure(failure)
      }
      const items = out
      out = []
      return items
    }

    const finish = (): Array<Item.Item> => {
      if (!stopped && !sniffed && head.length > 0) {
        sniffed = true
        const kind = Signature.sniff(head)
        if (kind !== "text") {
          const m = Signature.message(kind)
          refuseFile(kind === "utf-16" ? "utf-16" : "excel-workbook", m.nl, m.en)
        } else {
          const failure = parse(head)
          if (failure !== undefined && !stopped) parseFailure(failure)
        }
      }
      if (!stopped) {
        const failure = endParse()
        if (failure !== undefined && !stopped) parseFailure(failure)
      }
      if (!stopped && match === undefined)
        refuseFile(
          "empty-file",
          "Het bestand is leeg: er is geen kopregel en er zijn geen gegevens.",
          "The file is empty: there is no header and no data.",
        )
      else if (!stopped && rows === 0)
        refuseFile(
          "no-rows",
          `Het bestand heeft een kopregel maar geen gegevensregels. Verwacht onder de kopregel minstens één regel.`,
          "The file has a header but no data rows.",
          Math.max(1, lastLine),
        )
      // The file has ended: its BSNs and their pseudonyms are not kept a moment longer.
      pseudonyms.clear()
      const items = out
      out = []
      return items
    }

    return entry.bytes.pipe(
      // A source may hand over many byte chunks in one pull (an in-memory file is one array of 64 KiB chunks);
      // parsing them one at a time lets the items of each be consumed before the next is parsed, so memory stays
      // constant and the records do not outlive the young generation of the garbage collector.
      Stream.rechunk(1),
      Stream.takeWhile(() => !stopped),
      Stream.map(feed),
      Stream.concat(Stream.sync(finish)),
      Stream.filter((items): items is [Item.Item, ...Array<Item.Item>] => items.length > 0),
      Stream.flattenArray,
      Stream.catch((error) => Stream.succeed(Template.sourceRejection(error))),
    )
  })

/** A rejection for a file whose name has an extension the format does not read. */
export const unexpectedFile = (file: string, extensions: ReadonlyArray<string>): Item.Item =>
  Item.rejected({
    location: { file: Bsn.redact(file), path: "/" },
    rule: "unexpected-file",
    nl: `Dit bestand heeft geen van de extensies ${extensions.join(", ")} en is niet gelezen.`,
    en: `This file has none of the extensions ${extensions.join(", ")} and was not read.`,
  })
