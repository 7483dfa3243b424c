/**
 * A delivery format: a versioned set of named columns with their types and code lists, whether rows are about
 * persons or aggregated figures, where a row's municipality and period are, and how a valid row becomes records.
 * The format is the single source of its documentation: `documentColumns` writes the README's column table and
 * `documentCodes` its code lists, and each format package tests that its README contains them.
 */
import type { CalendarDate, Delivery, Ids, Period } from "@baken/domain"
import type * as Column from "./Column.js"

/** The columns of a format, by header name. */
export type Columns = Readonly<Record<string, Column.Column<unknown>>>

/** A valid row: every column's parsed value. */
export type Row<Cs extends Columns> = { readonly [K in keyof Cs]: Column.Value<Cs[K]> }

/** What a format's `records` may use besides the row. */
export interface RecordContext {
  /** The adapter id to put in `source`. */
  readonly source: Ids.AdapterId
  /** The pseudonym of a BSN, or a problem when it is not a valid BSN; only person-level formats receive BSNs. */
  readonly pseudonymise: (bsn: string) => Ids.Pseudonym | Column.Problem
  /** The day the delivery is read (the effect `Clock`'s), for rules such as "not after today". */
  readonly today: CalendarDate.CalendarDate
  /**
   * Where the row being turned into records was read: the file (BSN-shaped digits redacted, at most 300 characters)
   * and the line the row starts on. Counted only when called, so formats that do not ask pay nothing for it.
   */
  readonly origin: () => { readonly file: string; readonly line: number }
}

/** The separators a delivery may use between cells; the first is what Baken writes. */
export type Separator = ";" | ","

/** Whether rows describe persons (pseudonymised at the edge) or aggregated figures (which may hold no BSN). */
export type Level = "person" | "aggregated"

/** A delivery format. */
export interface Format<Cs extends Columns> {
  /** The format's id with its version, a slug: `veilig-thuis-csv-1`. */
  readonly id: string
  /** The format's version number; a new version gets a new id. */
  readonly version: number
  /** The format's name for the data steward. */
  readonly title: string
  readonly level: Level
  readonly columns: Cs
  /**
   * What the header may hold besides the format's columns: `refuse` (the default) refuses the whole file naming
   * them; `ignore` reads past them, so that a file exported from another system with more columns (names, birth
   * dates, notes) is read without those cells ever being looked at.
   */
  readonly otherColumns?: "refuse" | "ignore"
  /**
   * The separators the format accepts, `[";"]` unless given. With more than one, the header row decides: the
   * accepted separator it holds most often (the first of the list on a tie) splits every row of that file.
   */
  readonly separators?: ReadonlyArray<Separator>
  /**
   * Whether a municipality code names a municipality at all. A row whose code names none and no member (past or
   * present) of the scope's region either is refused as `unknown-municipality`, whatever the scope (`Scope.open`
   * too); a row about a known municipality that was not a member then is refused as `not-a-member`.
   */
  readonly knownMunicipality?: (code: Ids.MunicipalityCode) => boolean
  /**
   * The columns that hold the row's municipality and period, checked against the region's membership and the
   * plan's years and used to locate those rejections.
   */
  readonly placeColumns: { readonly municipality: keyof Cs & string; readonly period: keyof Cs & string }
  /** The row's period when its period column is not a period (e.g. the month of a date); default that column. */
  readonly periodOf?: (row: Row<Cs>) => Period.Period
  /** The records of a valid row, or a problem with a rule that spans columns. */
  readonly records: (row: Row<Cs>, context: RecordContext) => ReadonlyArray<Delivery.AcceptedRecord> | Column.Problem
}

/** What documentation and header checks need of a format: its id, level and columns. */
export type Shape = Pick<Format<Columns>, "id" | "level" | "columns" | "otherColumns">

/** Defines a format; checks that header names are lower-case and unique, and that the place columns exist. */
export const define = <Cs extends Columns>(format: Format<Cs>): Format<Cs> => {
  const names = Object.values(format.columns).map((c) => c.name)
  for (const [key, column] of Object.entries(format.columns)) {
    if (key !== column.name) throw new TypeError(`format ${format.id}: column key ${key} differs from its name`)
    if (column.name !== column.name.toLowerCase()) throw new TypeError(`format ${format.id}: ${key} is not lower case`)
  }
  const allNames = Object.values(format.columns).flatMap((c) => [c.name, ...(c.also ?? [])])
  if (new Set(allNames).size !== allNames.length) throw new TypeError(`format ${format.id}: duplicate column names`)
  for (const column of Object.values(format.columns)) {
    if (column.also?.some((n) => n !== n.toLowerCase()))
      throw new TypeError(`format ${format.id}: ${column.name}'s other names are not lower case`)
    if (column.mayBeAbsent === true && !column.optional)
      throw new TypeError(`format ${format.id}: ${column.name} may be absent, so it must be optional`)
  }
  if (!names.includes(format.placeColumns.municipality) || !names.includes(format.placeColumns.period))
    throw new TypeError(`format ${format.id}: place columns must be columns of the format`)
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(format.id)) throw new TypeError(`format ${format.id}: id is not a slug`)
  if (format.separators !== undefined && format.separators.length === 0)
    throw new TypeError(`format ${format.id}: separators must name at least one`)
  return format
}

/** The header row a delivery of this format starts with, columns in their documented order. */
export const header = (format: Shape): string => Object.keys(format.columns).join(";")

/** The README table of columns: name, type, required or optional, meaning. */
export const documentColumns = (format: Shape): string =>
  [
    "| kolom | type | verplicht | betekenis |",
    "| --- | --- | --- | --- |",
    ...Object.values(format.columns).map(
      (c) =>
        `| \`${c.name}\`${(c.also ?? []).map((n) => ` (of \`${n}\`)`).join("")} | ${c.type} | ${c.mayBeAbsent === true ? "nee (kolom mag ontbreken)" : c.optional ? "nee (leeg = onbekend)" : "ja"} | ${c.nl} |`,
    ),
  ].join("\n")

/** The README code lists: one table per code-list column. */
export const documentCodes = (format: Shape): string =>
  Object.values(format.columns)
    .filter((c) => c.codes !== undefined)
    .map((c) =>
      [
        `Codelijst \`${c.name}\`:`,
        "",
        "| code | betekenis | meaning |",
        "| --- | --- | --- |",
        ...(c.codes ?? []).map((k) => `| \`${k.code}\` | ${k.nl} | ${k.en} |`),
      ].join("\n"),
    )
    .join("\n\n")
