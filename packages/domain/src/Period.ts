/**
 * Reporting periods: a year, half year, quarter or month, written `2024`, `2024-H1`, `2024-Q1`, `2024-03`, with
 * their first and last day, containment, ordering, and conversion to and from the period codes of CBS StatLine
 * (`2024JJ00`, `2024HJ01`, `2024KW01`, `2024MM03`).
 */
import { Option, Order, Schema, SchemaGetter } from "effect"
import * as CalendarDate from "./CalendarDate.js"

/** The granularity of a period. */
export const Kind = Schema.Literals(["year", "half", "quarter", "month"])
export type Kind = typeof Kind.Type

const pattern = /^(\d{4})(?:-H([12])|-Q([1-4])|-(0[1-9]|1[0-2]))?$/

/** A period as written in Baken: `2024`, `2024-H1`, `2024-Q1` or `2024-03`. */
export const Period = Schema.String.check(
  Schema.isPattern(pattern, { message: "expected a period like 2024, 2024-H1, 2024-Q1 or 2024-03" }),
).pipe(Schema.brand("Period"))
export type Period = typeof Period.Type

/** A period taken apart: its year, kind, and index within the year (1 for a year; 1-2, 1-4 or 1-12 otherwise). */
export interface Parts {
  readonly year: number
  readonly kind: Kind
  readonly index: number
}

/** Takes a period apart. */
export const parts = (period: Period): Parts => {
  const m = pattern.exec(period)
  if (m === null) throw new TypeError(`not a period: ${period}`)
  const year = Number(m[1])
  if (m[2] !== undefined) return { year, kind: "half", index: Number(m[2]) }
  if (m[3] !== undefined) return { year, kind: "quarter", index: Number(m[3]) }
  if (m[4] !== undefined) return { year, kind: "month", index: Number(m[4]) }
  return { year, kind: "year", index: 1 }
}

const monthsPer: Record<Kind, number> = { year: 12, half: 6, quarter: 3, month: 1 }

/** Builds a period from its parts. */
export const fromParts = ({ year, kind, index }: Parts): Period => {
  const y = String(year).padStart(4, "0")
  switch (kind) {
    case "year":
      return Period.make(y)
    case "half":
      return Period.make(`${y}-H${index}`)
    case "quarter":
      return Period.make(`${y}-Q${index}`)
    case "month":
      return Period.make(`${y}-${String(index).padStart(2, "0")}`)
  }
}

/** The kind of a period. */
export const kind = (period: Period): Kind => parts(period).kind

/** The year (e.g. `2024`) a period lies in. */
export const year = (period: Period): Period => Period.make(period.slice(0, 4))

/** The first day of a period. */
export const start = (period: Period): CalendarDate.CalendarDate => {
  const p = parts(period)
  return CalendarDate.make(p.year, (p.index - 1) * monthsPer[p.kind] + 1, 1)
}

/** The last day of a period. */
export const end = (period: Period): CalendarDate.CalendarDate => {
  const p = parts(period)
  return CalendarDate.make(p.year, p.index * monthsPer[p.kind] + 1, 0)
}

/** Whether `date` falls within `period`. */
export const includesDate = (period: Period, date: CalendarDate.CalendarDate): boolean =>
  start(period) <= date && date <= end(period)

/** Whether `inner` lies entirely within `outer` (a period contains itself). */
export const contains = (outer: Period, inner: Period): boolean =>
  start(outer) <= start(inner) && end(inner) <= end(outer)

/** The period of the given kind in which `date` lies. */
export const ofDate = (date: CalendarDate.CalendarDate, k: Kind): Period => {
  const y = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  return fromParts({ year: y, kind: k, index: Math.ceil(month / monthsPer[k]) })
}

/** The periods of kind `k` that make up `period`, in order (a year has 4 quarters; a month has one month). */
export const split = (period: Period, k: Kind): ReadonlyArray<Period> => {
  const p = parts(period)
  if (monthsPer[k] > monthsPer[p.kind]) return []
  const count = monthsPer[p.kind] / monthsPer[k]
  const first = ((p.index - 1) * monthsPer[p.kind]) / monthsPer[k] + 1
  return Array.from({ length: count }, (_, i) => fromParts({ year: p.year, kind: k, index: first + i }))
}

/**
 * Chronological order: by first day, and a longer period before the shorter ones it contains (`2024` before
 * `2024-H1` before `2024-Q1` before `2024-01`).
 */
export const order: Order.Order<Period> = Order.combine(
  Order.mapInput(Order.String, start),
  Order.mapInput(Order.flip(Order.Number), (p: Period) => monthsPer[kind(p)]),
)

const cbsPattern = /^(\d{4})(JJ00|HJ0([12])|KW0([1-4])|MM(0[1-9]|1[0-2]))$/

/** A CBS StatLine period code: `2024JJ00`, `2024HJ01`, `2024KW01`, `2024MM03`. */
export const CbsPeriodCode = Schema.String.check(
  Schema.isPattern(cbsPattern, { message: "expected a CBS period code like 2024JJ00, 2024HJ01, 2024KW01 or 2024MM03" }),
).pipe(Schema.brand("CbsPeriodCode"))
export type CbsPeriodCode = typeof CbsPeriodCode.Type

/** The CBS StatLine code of a period. */
export const toCbs = (period: Period): CbsPeriodCode => {
  const p = parts(period)
  const y = String(p.year).padStart(4, "0")
  const two = String(p.index).padStart(2, "0")
  const suffix = { year: "JJ00", half: `HJ${two}`, quarter: `KW${two}`, month: `MM${two}` }[p.kind]
  return CbsPeriodCode.make(`${y}${suffix}`)
}

/**
 * The period of a CBS StatLine code, or none for codes Baken does not model (e.g. CBS's `2024X000` for
 * multi-year averages). Surrounding spaces, as OData v3 pads keys, are ignored.
 */
export const fromCbs = (code: string): Option.Option<Period> => {
  const m = cbsPattern.exec(code.trim())
  if (m === null) return Option.none()
  const year = Number(m[1])
  if (m[3] !== undefined) return Option.some(fromParts({ year, kind: "half", index: Number(m[3]) }))
  if (m[4] !== undefined) return Option.some(fromParts({ year, kind: "quarter", index: Number(m[4]) }))
  if (m[5] !== undefined) return Option.some(fromParts({ year, kind: "month", index: Number(m[5]) }))
  return Option.some(fromParts({ year, kind: "year", index: 1 }))
}

/** Decodes a CBS period code into a period, failing with a located error for unknown codes. */
export const FromCbsCode = CbsPeriodCode.pipe(
  Schema.decodeTo(Period, {
    // The code's pattern admits only codes that `fromCbs` maps, so the fallback is never taken.
    decode: SchemaGetter.transform((code: CbsPeriodCode) =>
      Option.getOrElse(fromCbs(code), () => year(Period.make(code.slice(0, 4)))),
    ),
    encode: SchemaGetter.transform((p: string) => toCbs(Period.make(p))),
  }),
)
