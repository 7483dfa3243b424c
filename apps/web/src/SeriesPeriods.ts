/**
 * A series' periods as the pages show them: years are the columns; finer periods (quarters, half-years, months) are
 * a separate detail of one kind. `split` turns a table that mixes them into that shape; `label` and `detailHeading`
 * give the Dutch words for the finer periods.
 */
import type { SeriesDetail, SeriesRow } from "./DashboardSource.js"

/** The granularity of a period string: `2024`, `2024-H1`, `2024-Q1` or `2024-03`; null for anything else. */
export type Kind = "year" | "half" | "quarter" | "month"

const pattern = /^(\d{4})(?:-H([12])|-Q([1-4])|-(0[1-9]|1[0-2]))?$/

/** The kind of `period`, or null when it is not written as Baken writes periods. */
export const kindOf = (period: string): Kind | null => {
  const m = pattern.exec(period)
  if (m === null) return null
  if (m[2] !== undefined) return "half"
  if (m[3] !== undefined) return "quarter"
  if (m[4] !== undefined) return "month"
  return "year"
}

const months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

/** A period as a column header: "2024", "2024 K1" (kwartaal), "2024 H1" (halfjaar), "mrt 2024". */
export const label = (period: string): string => {
  const m = pattern.exec(period)
  if (m === null) return period
  if (m[2] !== undefined) return `${m[1]} H${m[2]}`
  if (m[3] !== undefined) return `${m[1]} K${m[3]}`
  if (m[4] !== undefined) return `${months[Number(m[4]) - 1]} ${m[1]}`
  return period
}

const headings: Record<Kind, string> = {
  year: "Per jaar",
  half: "Per halfjaar",
  quarter: "Per kwartaal",
  month: "Per maand",
}

/** "Per kwartaal", "Per halfjaar", "Per maand" for a detail's periods (they are of one kind). */
export const detailHeading = (periods: ReadonlyArray<string>): string => {
  const kind = periods[0] === undefined ? null : kindOf(periods[0])
  return kind === null ? "Per periode" : headings[kind]
}

/** A word for the detail's periods inside a sentence: "kwartaal", "halfjaar", "maand". */
export const detailNoun = (periods: ReadonlyArray<string>): string => detailHeading(periods).replace(/^Per /, "")

const pick = (rows: ReadonlyArray<SeriesRow>, periods: ReadonlyArray<string>, keep: ReadonlyArray<number>) => ({
  periods: keep.map((j) => periods[j] ?? ""),
  rows: rows.map((r) => ({ ...r, cells: keep.map((j) => r.cells[j] ?? { value: null, suppressed: false }) })),
})

/**
 * Splits a table whose columns mix years and finer periods: the years stay the columns, and the finer periods of the
 * one kind with the most figures become the detail (null when there are none, or none with a figure).
 */
export const split = (
  periods: ReadonlyArray<string>,
  rows: ReadonlyArray<SeriesRow>,
): {
  readonly periods: ReadonlyArray<string>
  readonly rows: ReadonlyArray<SeriesRow>
  readonly detail: SeriesDetail | null
} => {
  const byKind = (kind: Kind) => periods.flatMap((p, j) => (kindOf(p) === kind ? [j] : []))
  const years = pick(rows, periods, byKind("year"))
  const filled = (js: ReadonlyArray<number>) =>
    js.filter((j) => rows.some((r) => r.kind !== "target" && (r.cells[j]?.value != null || r.cells[j]?.suppressed)))
      .length
  const finer = (["quarter", "month", "half"] as const)
    .map((kind) => byKind(kind))
    .filter((js) => filled(js) > 0)
    .sort((a, b) => filled(b) - filled(a))[0]
  return { ...years, detail: finer === undefined ? null : pick(rows, periods, finer) }
}
