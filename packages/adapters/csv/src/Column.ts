/**
 * Columns of a delivery format: a header name, what the column means (in Dutch for the data steward, in English for
 * developers), the type written in the README, and a parser that turns one cell into a value or a `Problem`. The
 * parsers are plain functions over strings because they run once per cell of files with millions of rows.
 */
import type { Area, CalendarDate, Ids, Period } from "@baken/domain"

/** Why a cell was refused: a stable rule id and a message in Dutch and English. Never contains the cell's value. */
export class Problem {
  constructor(
    readonly rule: string,
    readonly nl: string,
    readonly en: string,
    /** The column the problem is in, when a rule over a whole row names one. */
    readonly column?: string,
  ) {}
}

/** Whether a parsed cell is a problem. */
export const isProblem = (value: unknown): value is Problem => value instanceof Problem

/** One column of a format. `A` is the parsed value of a filled cell; `O` whether the cell may be empty. */
export interface Column<A, O extends boolean = boolean> {
  /** The header name, lower case, as it must appear in the header row. */
  readonly name: string
  /** The type as written in the README, e.g. `geheel getal ≥ 0`. */
  readonly type: string
  /** What the column holds, for the data steward. */
  readonly nl: string
  /** What the column holds, for developers. */
  readonly en: string
  /** Whether an empty cell is allowed; it then parses to `null`. */
  readonly optional: O
  /** The allowed codes, for code-list columns; the README lists them. */
  readonly codes?: ReadonlyArray<Code>
  /** Whether values repeat from row to row (codes, municipalities, periods), so the intake may cache parsed cells. */
  readonly repeats?: boolean
  /** Parses a non-empty cell (surrounding spaces already removed). */
  readonly parse: (cell: string) => A | Problem
  /**
   * Other names the header may give this column (lower case), e.g. the English name of an earlier version of the
   * format, so that files written before a rename still read.
   */
  readonly also?: ReadonlyArray<string>
  /** Whether the header may leave this column out; every cell of the column is then empty. Only optional columns. */
  readonly mayBeAbsent?: boolean
}

/** A code of a code list with its meaning. */
export interface Code {
  readonly code: string
  readonly nl: string
  readonly en: string
}

/** The value type of a column, `null` included when the column is optional. */
export type Value<C> = C extends Column<infer A, infer O> ? (O extends true ? A | null : A) : never

interface Meta {
  readonly name: string
  readonly nl: string
  readonly en: string
  /** Other names the header may give the column (see `Column.also`). */
  readonly also?: ReadonlyArray<string>
}

const required = { optional: false } as const

/** Builds a column that is optional (`optional: true`, empty cell = null) or required (the default). */
interface Maker<A> {
  (meta: Meta & { readonly optional: true }): Column<A, true>
  (meta: Meta & { readonly optional?: false }): Column<A, false>
}

/** Builds a code-list column, optional or required. */
interface CodeMaker {
  (meta: Meta & { readonly optional: true }, codes: ReadonlyArray<Code>): Column<string, true>
  (meta: Meta & { readonly optional?: false }, codes: ReadonlyArray<Code>): Column<string, false>
}

/** A count: a whole number from 0 up to 99,999,999 (nine digits look like a BSN and are refused). */
export const count: Maker<number> = (meta: Meta & { readonly optional?: boolean }): Column<number, never> => ({
  ...meta,
  optional: (meta.optional ?? false) as never,
  type: meta.optional === true ? "geheel getal ≥ 0, of leeg (onbekend)" : "geheel getal ≥ 0",
  parse: (cell) => {
    // Digits only, read in one pass: this runs for every count cell of every row.
    let value = cell.length > 0 && cell.length <= 8 ? 0 : -1
    for (let i = 0; i < cell.length && value >= 0; i++) {
      const digit = cell.charCodeAt(i) - 48
      value = digit >= 0 && digit <= 9 ? value * 10 + digit : -1
    }
    return value >= 0
      ? value
      : new Problem(
          "not-a-count",
          `In kolom ${meta.name} hoort een geheel getal van 0 tot 99999999, zonder punten of spaties.`,
          `Column ${meta.name} takes a whole number from 0 to 99999999, without separators.`,
        )
  },
})

const decimalPattern = /^-?\d+(?:[.,]\d+)?(?:[eE][+-]?\d{1,3})?$/

/**
 * A decimal number with `.` or `,` as decimal separator and no thousands separators; an exponent (`1.5e-7`, as
 * JavaScript and Excel write very small or large numbers) is accepted so that any number Baken writes reads back.
 */
export const decimal: Maker<number> = (meta: Meta & { readonly optional?: boolean }): Column<number, never> => ({
  ...meta,
  optional: (meta.optional ?? false) as never,
  type: meta.optional === true ? "getal (decimaalteken . of ,), of leeg (onbekend)" : "getal (decimaalteken . of ,)",
  parse: (cell) => {
    const value = cell.length <= 40 && decimalPattern.test(cell) ? Number(cell.replace(",", ".")) : Number.NaN
    return Number.isFinite(value)
      ? value
      : new Problem(
          "not-a-number",
          `In kolom ${meta.name} hoort een getal, zoals 12 of 3,5, zonder scheidingstekens voor duizendtallen.`,
          `Column ${meta.name} takes a number such as 12 or 3.5, without thousands separators.`,
        )
  },
})

const plain = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()

/**
 * A code from a fixed list. Codes are compared without regard to case or accents (`Beëindigd` finds `beeindigd`)
 * and stored as listed.
 */
export const code: CodeMaker = (
  meta: Meta & { readonly optional?: boolean },
  codes: ReadonlyArray<Code>,
): Column<string, never> => {
  const byPlain = new Map(codes.map((c) => [plain(c.code), c.code]))
  const exact = new Set(codes.map((c) => c.code))
  return {
    ...meta,
    optional: (meta.optional ?? false) as never,
    repeats: true,
    type: meta.optional === true ? "code (zie codelijst), of leeg" : "code (zie codelijst)",
    codes,
    parse: (cell) =>
      (exact.has(cell) ? cell : byPlain.get(plain(cell))) ??
      new Problem(
        "unknown-code",
        `Kolom ${meta.name} bevat een code die niet in de codelijst staat.`,
        `Column ${meta.name} holds a code that is not in its code list.`,
      ),
  }
}

const kindNl: Record<Period.Kind, string> = { year: "jaar", half: "halfjaar", quarter: "kwartaal", month: "maand" }
const kindExample: Record<Period.Kind, string> = { year: "2024", half: "2024-H1", quarter: "2024-Q1", month: "2024-03" }
const kindOf = (period: string): Period.Kind =>
  period.length === 4
    ? "year"
    : period.charCodeAt(5) === 72
      ? "half"
      : period.charCodeAt(5) === 81
        ? "quarter"
        : "month"

const periodPattern = /^\d{4}(?:-H[12]|-Q[1-4]|-(?:0[1-9]|1[0-2]))?$/

/** A period of one of the given kinds, written as Baken writes periods (`2024`, `2024-H1`, `2024-Q1`, `2024-03`). */
export const period = (meta: Meta, kinds: ReadonlyArray<Period.Kind>): Column<Period.Period, false> => {
  const examples = kinds.map((k) => kindExample[k]).join(", ")
  return {
    ...meta,
    ...required,
    repeats: true,
    type: `periode: ${kinds.map((k) => `${kindNl[k]} (${kindExample[k]})`).join(", ")}`,
    parse: (cell) => {
      if (!periodPattern.test(cell))
        return new Problem(
          "period-format",
          `In kolom ${meta.name} hoort een periode zoals ${examples}.`,
          `Column ${meta.name} takes a period such as ${examples}.`,
        )
      // The pattern above is the domain's period pattern, so the brand holds.
      const p = cell as Period.Period
      if (!kinds.includes(kindOf(cell)))
        return new Problem(
          "period-kind",
          `Kolom ${meta.name} neemt alleen een ${kinds.map((k) => kindNl[k]).join(" of ")}, zoals ${examples}.`,
          `Column ${meta.name} takes only a ${kinds.join(" or ")}, such as ${examples}.`,
        )
      return p
    },
  }
}

const municipalityPattern = /^GM\d{4}$/
const gemeentecodePattern = /^\d{4}$/

/**
 * A municipality as its CBS code, `GM0402`; lower-case `gm0402` is accepted, and with `gemeentecode` also the bare
 * four-digit gemeentecode `0402` that iWmo and DJI write. The value is always the CBS code.
 */
export const municipality = (
  meta: Meta,
  options: { readonly gemeentecode?: boolean } = {},
): Column<Ids.MunicipalityCode, false> => {
  const bare = options.gemeentecode === true
  return {
    ...meta,
    ...required,
    repeats: true,
    type: bare ? "CBS-gemeentecode (GM0402) of gemeentecode (0402)" : "CBS-gemeentecode (GM0402)",
    parse: (cell) => {
      const upper = bare && gemeentecodePattern.test(cell) ? `GM${cell}` : cell.toUpperCase()
      // The pattern is the domain's municipality-code pattern, so the brand holds.
      return municipalityPattern.test(upper)
        ? (upper as Ids.MunicipalityCode)
        : new Problem(
            "municipality-format",
            bare
              ? `In kolom ${meta.name} hoort een gemeentecode zoals GM0402 of 0402 (Hilversum).`
              : `In kolom ${meta.name} hoort een CBS-gemeentecode zoals GM0402 (Hilversum).`,
            bare
              ? `Column ${meta.name} takes a municipality code such as GM0402 or 0402 (Hilversum).`
              : `Column ${meta.name} takes a CBS municipality code such as GM0402 (Hilversum).`,
          )
    },
  }
}

/** The area of a municipality: every CBS municipality code is also a CBS area code, so no check is needed. */
export const areaOf = (municipality: Ids.MunicipalityCode): Area.AreaCode => municipality as string as Area.AreaCode

const datePattern = /^\d{4}-\d{2}-\d{2}$/
const isCalendarDate = (s: string): boolean => {
  const y = Number(s.slice(0, 4))
  const m = Number(s.slice(5, 7))
  const d = Number(s.slice(8, 10))
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

const dayFirstPattern = /^\d{2}-\d{2}-\d{4}$/

/**
 * An ISO calendar date, `2024-03-01`; with `dayFirst` also the Dutch order `01-03-2024` (day, month, year), as Dutch
 * Excel and case systems write dates. The value is always the ISO date.
 */
export const date = (
  meta: Meta,
  options: { readonly dayFirst?: boolean } = {},
): Column<CalendarDate.CalendarDate, false> => {
  const dayFirst = options.dayFirst === true
  return {
    ...meta,
    ...required,
    repeats: true,
    type: dayFirst ? "datum (JJJJ-MM-DD of DD-MM-JJJJ)" : "datum (JJJJ-MM-DD)",
    parse: (cell) => {
      const iso =
        dayFirst && dayFirstPattern.test(cell) ? `${cell.slice(6, 10)}-${cell.slice(3, 5)}-${cell.slice(0, 2)}` : cell
      return datePattern.test(iso) && isCalendarDate(iso)
        ? (iso as CalendarDate.CalendarDate)
        : new Problem(
            "date",
            dayFirst
              ? `In kolom ${meta.name} hoort een bestaande datum als JJJJ-MM-DD of DD-MM-JJJJ, zoals 2024-03-01 of 01-03-2024.`
              : `In kolom ${meta.name} hoort een bestaande datum als JJJJ-MM-DD, zoals 2024-03-01.`,
            dayFirst
              ? `Column ${meta.name} takes a real date written YYYY-MM-DD or DD-MM-YYYY, such as 2024-03-01 or 01-03-2024.`
              : `Column ${meta.name} takes a real date written YYYY-MM-DD, such as 2024-03-01.`,
          )
    },
  }
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** An indicator id, a slug such as `bw-instroom`. */
export const indicator = (meta: Meta): Column<Ids.IndicatorId, false> => ({
  ...meta,
  ...required,
  repeats: true,
  type: "indicator-id (kleine letters, cijfers en -)",
  parse: (cell) =>
    cell.length <= 80 && slugPattern.test(cell)
      ? (cell as Ids.IndicatorId)
      : new Problem(
          "indicator-format",
          `In kolom ${meta.name} hoort een indicator-id van kleine letters, cijfers en koppeltekens, zoals bw-instroom.`,
          `Column ${meta.name} takes an indicator id of lower-case letters, digits and hyphens, such as bw-instroom.`,
        ),
})

/**
 * A note for the reader of the file (free text, at most 500 characters), which the format reads but never stores:
 * the header may leave it out, a cell may be empty. Baken writes such notes in its downloads, e.g. why a value is
 * empty.
 */
export const note = (meta: Meta): Column<string, true> => ({
  ...meta,
  optional: true,
  mayBeAbsent: true,
  type: "tekst, of leeg; kolom mag ontbreken; wordt niet opgeslagen",
  parse: (cell) =>
    cell.length <= 500
      ? cell
      : new Problem(
          "note-too-long",
          `In kolom ${meta.name} past hoogstens 500 tekens toelichting.`,
          `Column ${meta.name} takes at most 500 characters of notes.`,
        ),
})

/**
 * A BSN, only in person-level formats. The cell is kept as text here; the intake hands it to the kit's
 * pseudonymiser, which checks the eleven-test, and the BSN itself never reaches a record.
 */
export const bsn = (meta: Meta): Column<string, false> => ({
  ...meta,
  ...required,
  type: "BSN (9 cijfers, elfproef); wordt direct gepseudonimiseerd",
  parse: (cell) => cell,
})
