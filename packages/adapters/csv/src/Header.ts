/**
 * The header check: the first row of a delivery names its columns, in any order. The check finds each column of the
 * format in it and names every missing, unknown or repeated column at once, so that the data steward fixes the file
 * in one go. A column may also be found under one of its other names (`Column.also`), and a column that may be
 * absent (`Column.mayBeAbsent`) may be left out; a format that ignores other columns (`Format.otherColumns`) reads
 * past every name it does not know. In an aggregated format a column that looks like it holds BSNs is refused outright: such a file must
 * not be read at all. Names from the file are shown with BSN-shaped digit runs masked.
 */
import { Bsn } from "@baken/adapter-kit"
import type * as Format from "./Format.js"

/** A header problem, located at a column of the header row (1-based). */
export interface Problem {
  readonly rule: "header-missing" | "header-unknown" | "header-duplicate" | "bsn-column" | "not-utf8"
  readonly column: number
  readonly field?: string
  readonly nl: string
  readonly en: string
}

/**
 * Where each of the format's columns is in the file, in the format's column order (-1 for a column the header may
 * leave out and did), and how wide a row must be.
 */
export interface Match {
  readonly positions: ReadonlyArray<number>
  readonly width: number
}

const bsnName = /(^|[^a-z])(bsn|burgerservicenummer|sofinummer|sofi-nummer|sofi_nummer)([^a-z]|$)/

/** Whether a header name says its column holds BSNs. */
export const looksLikeBsn = (name: string): boolean => bsnName.test(name.toLowerCase())

const shown = (name: string): string => {
  const masked = Bsn.redact(name)
  return masked.length > 40 ? `${masked.slice(0, 40)}…` : masked
}

/** Checks a header row against a format: the match, or every problem found. */
export const check = (cells: ReadonlyArray<string>, format: Format.Shape): Match | ReadonlyArray<Problem> => {
  const names = cells.map((c) => c.trim().toLowerCase())
  const expected = Object.keys(format.columns)
  const problems: Array<Problem> = []
  const refused = " Het hele bestand is geweigerd."
  const refusedEn = " The whole file was refused."

  const known = new Set(Object.values(format.columns).flatMap((c) => [c.name, ...(c.also ?? [])]))
  names.forEach((name, i) => {
    // A column the format ignores is not read, so its name's encoding does not matter.
    if (format.otherColumns === "ignore" && !known.has(name)) return
    if (name.includes("\uFFFD"))
      problems.push({
        rule: "not-utf8",
        column: i + 1,
        nl: `De kopregel bevat tekens die geen UTF-8 zijn (waarschijnlijk Windows-1252). Sla het bestand op als 'CSV UTF-8'.${refused}`,
        en: `The header holds characters that are not UTF-8 (probably Windows-1252). Save the file as 'CSV UTF-8'.${refusedEn}`,
      })
    else if (format.level === "aggregated" && looksLikeBsn(name))
      problems.push({
        rule: "bsn-column",
        column: i + 1,
        field: shown(name),
        nl: `Kolom ${i + 1} ("${shown(name)}") lijkt BSN's te bevatten. Dit formaat bevat alleen totalen: lever nooit BSN's mee.${refused}`,
        en: `Column ${i + 1} ("${shown(name)}") looks like it holds BSNs. This format holds totals only: never deliver BSNs.${refusedEn}`,
      })
  })
  if (problems.length > 0) return problems

  // Each header name read as the format's own name of its column (a column's other names, `also`, included).
  const canonical = new Map<string, string>()
  for (const column of Object.values(format.columns)) {
    canonical.set(column.name, column.name)
    for (const other of column.also ?? []) canonical.set(other, column.name)
  }
  // Columns the format ignores are never looked at: not for repeats, not as unknown.
  const ignoring = format.otherColumns === "ignore"
  const seen = new Map<string, number>()
  names.forEach((name, i) => {
    if (ignoring && !canonical.has(name)) return
    const key = canonical.get(name) ?? name
    const first = seen.get(key)
    if (first !== undefined && name !== "")
      problems.push({
        rule: "header-duplicate",
        column: i + 1,
        field: shown(name),
        nl: `Kolom "${shown(name)}" staat twee keer in de kopregel (kolom ${first + 1} en ${i + 1}).${refused}`,
        en: `Column "${shown(name)}" appears twice in the header (columns ${first + 1} and ${i + 1}).${refusedEn}`,
      })
    else seen.set(key, i)
  })
  const missing = expected.filter((name) => !seen.has(name) && format.columns[name]?.mayBeAbsent !== true)
  if (missing.length > 0)
    problems.push({
      rule: "header-missing",
      column: 1,
      field: missing.join(";"),
      nl: `De kopregel mist ${missing.length === 1 ? "de kolom" : "de kolommen"} ${missing.join(", ")}. Verwacht: ${expected.join(";")} (volgorde vrij).${refused}`,
      en: `The header lacks ${missing.length === 1 ? "the column" : "the columns"} ${missing.join(", ")}. Expected: ${expected.join(";")} (any order).${refusedEn}`,
    })
  const unknown = ignoring ? [] : names.map((name, i) => ({ name, i })).filter(({ name }) => !canonical.has(name))
  if (unknown.length > 0) {
    const list = unknown.map(({ name, i }) => (name === "" ? `(kolom ${i + 1} zonder naam)` : shown(name))).join(", ")
    const listEn = unknown
      .map(({ name, i }) => (name === "" ? `(column ${i + 1} without a name)` : shown(name)))
      .join(", ")
    problems.push({
      rule: "header-unknown",
      column: (unknown[0]?.i ?? 0) + 1,
      field: unknown.map(({ name }) => shown(name)).join(";"),
      nl: `De kopregel heeft ${unknown.length === 1 ? "een onbekende kolom" : "onbekende kolommen"}: ${list}. Dit formaat (${format.id}) kent alleen ${expected.join(";")}.${refused}`,
      en: `The header has ${unknown.length === 1 ? "an unknown column" : "unknown columns"}: ${listEn}. This format (${format.id}) knows only ${expected.join(";")}.${refusedEn}`,
    })
  }
  if (problems.length > 0) return problems
  return { positions: expected.map((name) => seen.get(name) ?? -1), width: names.length }
}

/** Whether `check` found the header good. */
export const isMatch = (result: Match | ReadonlyArray<Problem>): result is Match => "positions" in result
