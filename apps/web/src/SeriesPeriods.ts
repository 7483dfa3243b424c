/**
 * A series' periods as the pages write them: years are the columns; the finer periods of a series' detail (quarters,
 * half-years, months; the API keeps them apart) get Dutch column headers and a Dutch heading for their toggle. What a
 * period is comes from `@baken/domain`'s `Period`.
 */
import { Period } from "@baken/domain"
import { Schema } from "effect"

/** A period taken apart, or null when it is not written as Baken writes periods. */
const partsOf = (period: string): Period.Parts | null =>
  Schema.is(Period.Period)(period) ? Period.parts(period) : null

const months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

/** The kind of `period` ("year", "half", "quarter", "month"), or null when it is not a period. */
export const kindOf = (period: string): Period.Kind | null => partsOf(period)?.kind ?? null

/** A period as a column header: "2024", "2024 K1" (kwartaal), "2024 H1" (halfjaar), "mrt 2024". */
export const label = (period: string): string => {
  const p = partsOf(period)
  if (p === null) return period
  switch (p.kind) {
    case "year":
      return String(p.year)
    case "half":
      return `${p.year} H${p.index}`
    case "quarter":
      return `${p.year} K${p.index}`
    case "month":
      return `${months[p.index - 1]} ${p.year}`
  }
}

const headings: Record<Period.Kind, string> = {
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
