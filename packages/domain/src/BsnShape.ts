/**
 * The shape of a BSN written in text, whether or not it passes the eleven-test: the ONE definition that the adapter
 * kit's `Bsn.shaped`, `Bsn.redact` and `Bsn.find` use in JavaScript and the store's guard on free-text columns uses in
 * PostgreSQL, so that text the kit has redacted is never refused by the database.
 *
 * **What is BSN-shaped.** Text is read as runs of digits:
 *
 * - a *digit* is any Unicode decimal digit (`0-9`, full-width `０-９`, Arabic-Indic `٠-٩`, mathematical `𝟗` …,
 *   general category Nd of Unicode 17, frozen in `digits`);
 * - *marks* (`marks`) are ignored wherever they stand between digits and separators: zero-width space, joiners and
 *   word joiner (U+200B-U+200D, U+2060), the byte-order mark U+FEFF, the soft hyphen U+00AD, direction marks and
 *   overrides, variation selectors and combining marks (an underlined or struck-through digit is still a digit);
 * - a *group* is digits joined by marks only (`999900006`, `999\u200b900006`);
 * - a *run* is groups joined by exactly one *separator* (`separators`) each: any space (space, no-break space U+00A0,
 *   narrow no-break space U+202F, thin space …), a dot (`.`, full-width `．`, middle dot `·`), a hyphen or dash
 *   (`-`, `‐`, `–`, `—`, `−`, full-width `－` …) or an underscore (`_`, full-width `＿`). Two separators in a row end
 *   the run.
 *
 * BSN-shaped is a group of exactly nine digits (`999900006`, `９９９９０００６` with nine full-width digits), or a
 * run of exactly nine digits in any grouping (`999.900.006`, `9999 00 006`, `9999 000 43` with U+00A0,
 * `999_900_006`, `9-9-9-9-0-0-0-0-6`). A group of nine digits ends a run just like the edge of the text does, so in
 * `12345678 9 999900006` both the nine-digit group and the nine digits before it are BSN-shaped; this keeps
 * redaction final (redacting twice changes nothing).
 *
 * **What is not.** More than nine digits is not cut to nine: a group of ten or more digits (an IBAN's account
 * number, `1234567890`) and a run of ten or more (`+31 6 12345678`, `NL91 ABNA 0417 1643 00`, `035 123 4567`) stay.
 * Slashes, commas, colons, apostrophes, plus signs, tabs and line breaks are not separators, so kenmerken
 * (`ZK/2023/0412`), amounts with a decimal comma (`1.234.567,89`: a run of seven digits, then `89`), times
 * (`12:30:00`), CSV rows and table columns never join into one run. Letters end a run as any non-separator does.
 * Dates (`2026-11-30`, eight digits), periods (`2026-11`), CBS codes (`GM0406`, `2023KW01`), postcodes, AGB codes
 * and eight-digit counts are never BSN-shaped.
 *
 * **Chosen false positives.** Any other nine digits written as one run are BSN-shaped, since they cannot be told
 * from a BSN written that way: a date followed by a one-digit number (`2026-11-30 9:00`), an amount of a hundred
 * million or more with dots (`123.456.789`), an IPv4 address with nine digits (`192.168.1.10`), and the region's own
 * kenmerk numbering `21.0008702` (two digits, a dot, seven digits). Redaction masks them; the database guard sees
 * none of them, since plan text and letters are not guarded and the processing log holds no such text.
 *
 * **The database guard** (`postgresPattern`) is the same pattern, with one more condition: the match may not touch
 * an ASCII letter on either side, so identifiers that contain digit runs pass (a SHA-256 in hex `…a123456789b…`, a
 * UUID, an iWmo allocation key as older adapters wrote it, `T123_456_789A…`). It is never broader than the
 * JavaScript shape: what `Bsn.redact` leaves, the guard accepts.
 *
 * Both patterns take linear time: every repetition is bounded or ends at a character that cannot continue it, and
 * every match starts at a digit, so no other position pays for the look-behinds (a 1 MB string of digits,
 * separators and marks takes well under a second in JavaScript, PGlite and PostgreSQL alike). In the database the
 * guard runs `postgresPrefilter` first: a short text costs about as much as under the old guard (1-2 µs on PGlite),
 * the look-arounds 10-40 µs, paid only by text with nine digits close together.
 *
 * The store's migration 15 writes these patterns into the database's checks: a change of the shape needs a new
 * store migration that replaces the guards.
 */

/** A range of code points, both ends included. */
export type Range = readonly [number, number]

const ranges = (spec: string): ReadonlyArray<Range> =>
  spec
    .trim()
    .split(/\s+/)
    .map((r) => {
      const [from, to = from] = r.split("-") as [string, string?]
      return [Number.parseInt(from, 16), Number.parseInt(to, 16)] as const
    })

/**
 * The decimal digits: Unicode 17's general category Nd, in blocks of ten from zero to nine (Unicode promises this
 * layout). Frozen, so that the JavaScript and the database shape agree whatever Unicode version a runtime knows.
 */
export const digits: ReadonlyArray<Range> = ranges(`
  30-39 660-669 6f0-6f9 7c0-7c9 966-96f 9e6-9ef a66-a6f ae6-aef b66-b6f be6-bef c66-c6f ce6-cef d66-d6f de6-def
  e50-e59 ed0-ed9 f20-f29 1040-1049 1090-1099 17e0-17e9 1810-1819 1946-194f 19d0-19d9 1a80-1a89 1a90-1a99 1b50-1b59
  1bb0-1bb9 1c40-1c49 1c50-1c59 a620-a629 a8d0-a8d9 a900-a909 a9d0-a9d9 a9f0-a9f9 aa50-aa59 abf0-abf9 ff10-ff19
  104a0-104a9 10d30-10d39 10d40-10d49 11066-1106f 110f0-110f9 11136-1113f 111d0-111d9 112f0-112f9 11450-11459
  114d0-114d9 11650-11659 116c0-116c9 116d0-116e3 11730-11739 118e0-118e9 11950-11959 11bf0-11bf9 11c50-11c59
  11d50-11d59 11da0-11da9 11de0-11de9 11f50-11f59 16130-16139 16a60-16a69 16ac0-16ac9 16b50-16b59 16d70-16d79
  1ccf0-1ccf9 1d7ce-1d7ff 1e140-1e149 1e2f0-1e2f9 1e4f0-1e4f9 1e5f1-1e5fa 1e950-1e959 1fbf0-1fbf9
`)

/**
 * What may stand, once, between two groups of a run: every space character (Unicode Zs), dots (`.`, `·`, `․`, `‧`,
 * `﹒`, `．`), hyphens and dashes (Unicode Pd and the minus sign `−`), and underscores (Unicode Pc).
 */
export const separators: ReadonlyArray<Range> = ranges(`
  20 a0 1680 2000-200a 202f 205f 3000
  2e b7 2024 2027 fe52 ff0e
  2d 58a 5be 1400 1806 2010-2015 2e17 2e1a 2e3a-2e3b 2e40 2e5d 301c 3030 30a0 fe31-fe32 fe58 fe63 ff0d 10d6e 10ead
  2212
  5f 203f-2040 2054 fe33-fe34 fe4d-fe4f ff3f
`)

/**
 * What is ignored inside a run: the soft hyphen, combining marks (U+0300-U+036F, U+20D0-U+20FF, U+FE20-U+FE2F, with
 * the combining grapheme joiner), the Arabic letter mark, Mongolian variation selectors, zero-width space and joiners,
 * direction marks, embeddings, overrides and isolates, the word joiner and invisible operators, variation selectors,
 * the byte-order mark, and tags.
 */
export const marks: ReadonlyArray<Range> = ranges(`
  ad 300-36f 61c 180b-180f 200b-200f 202a-202e 2060-2064 2066-206f 20d0-20ff fe00-fe0f fe20-fe2f feff e0000-e007f
  e0100-e01ef
`)

const hex = (cp: number, width: number) => cp.toString(16).toUpperCase().padStart(width, "0")

/** A bracket expression of `rs` with each code point written by `write`. */
const bracket = (rs: ReadonlyArray<Range>, write: (cp: number) => string): string =>
  `[${rs.map(([a, b]) => (a === b ? write(a) : `${write(a)}-${write(b)}`)).join("")}]`

/**
 * The pattern, from the bracket expressions of digits `D`, separators `S` and marks `I`. The same text is a
 * JavaScript regular expression (flag `u`) and a PostgreSQL advanced regular expression.
 */
const pattern = (D: string, S: string, I: string, lettersBound: boolean): string => {
  /** What may stand between two digits of a run: marks, at most one separator, marks. */
  const G = `${I}*(?:${S}${I}*)?`
  const nineDigits = `${D}(?:${I}*${D}){8}`
  const groupStart = `(?<!${D}${I}*)`
  const groupEnd = `(?!${I}*${D})`
  const nineGroup = `${groupStart}${nineDigits}${groupEnd}`
  // A run starts where no digit comes before it, or right after a group of nine digits and its separator.
  const runStart = `(?:(?<!${D}${G})|(?<=${groupStart}${nineDigits}${I}*${S}${I}*))`
  const runEnd = `(?:(?!${G}${D})|(?=${I}*${S}${I}*${nineDigits}${groupEnd}))`
  const nineRun = `${runStart}${D}(?:${G}${D}){8}${runEnd}`
  // Every match starts at a digit: said first, so no other position pays for the look-behinds.
  const body = `(?=${D})(?:${nineGroup}|${nineRun})`
  return lettersBound ? `(?<![A-Za-z])${body}(?![A-Za-z])` : body
}

const js = (cp: number) => `\\u{${hex(cp, 1)}}`
const pg = (cp: number) => (cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`)

/** The source of the JavaScript regular expression of BSN-shaped text; use it with the flag `u` (and `g`). */
export const source: string = pattern(bracket(digits, js), bracket(separators, js), bracket(marks, js), false)

/**
 * The source of a JavaScript regular expression (flag `u`) of every run of digits, however many, read as `source`
 * reads them: for looking for known numbers in text (a BSN written in any grouping inside a longer number).
 */
export const runSource: string = `${bracket(digits, js)}(?:${bracket(marks, js)}*(?:${bracket(separators, js)}${bracket(marks, js)}*)?${bracket(digits, js)})*`

/**
 * The source of a JavaScript regular expression (flag `u`) of what the store's guard refuses: `source`, not touching
 * an ASCII letter on either side; `postgresPattern` in JavaScript.
 */
export const guardSource: string = pattern(bracket(digits, js), bracket(separators, js), bracket(marks, js), true)

/**
 * The PostgreSQL advanced regular expression the store's guard refuses in free-text columns: `source`, not
 * touching an ASCII letter on either side. Written with `\u` and `\U` escapes only, for a standard string literal.
 */
export const postgresPattern: string = pattern(bracket(digits, pg), bracket(separators, pg), bracket(marks, pg), true)

/**
 * A cheap test that `postgresPattern` may match: nine digits with nothing but separators and marks between them, a
 * plain regular expression without look-arounds, which PostgreSQL runs several times faster. Text it does not match
 * (most text: file names, messages, JSON with line numbers) cannot hold BSN-shaped digits.
 */
export const postgresPrefilter: string = (() => {
  const D = bracket(digits, pg)
  return `${D}(?:(?:${bracket(marks, pg)}|${bracket(separators, pg)})*${D}){8}`
})()

/** A fresh regular expression of BSN-shaped text: global (for `replace` and `matchAll`) and Unicode. */
export const regExp = (): RegExp => new RegExp(source, "gu")

const nonGlobal = new RegExp(source, "u")

/** Whether `text` holds BSN-shaped digits. */
export const occursIn = (text: string): boolean => nonGlobal.test(text)

const guard = new RegExp(guardSource, "u")

/** Whether the store's guard refuses `text` in a free-text column (`postgresPattern`, run in JavaScript). */
export const refusedByGuard = (text: string): boolean => guard.test(text)

/** The value 0-9 of a digit (any script), or -1 for another code point. */
export const digitValue = (cp: number): number => {
  let lo = 0
  let hi = digits.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [from, to] = digits[mid] as Range
    if (cp < from) hi = mid - 1
    else if (cp > to) lo = mid + 1
    else return (cp - from) % 10
  }
  return -1
}

/** The digits of `text`, each as its ASCII digit, everything else left out: `９９９.９００.００６` gives `999900006`. */
export const asciiDigits = (text: string): string => {
  let out = ""
  for (const ch of text) {
    const value = digitValue(ch.codePointAt(0) as number)
    if (value >= 0) out += String.fromCharCode(48 + value)
  }
  return out
}
