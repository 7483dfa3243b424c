/**
 * Which deliveries a partner owes, and which of them are overdue. A partner delivers through each of its adapters
 * every period of a kind, due some days after the period ends. The kind is the coarser of what the schedule asks
 * (every quarter until the region sets otherwise) and the period kind of the adapter's format: a format that holds
 * half years (Veilig Thuis) is never asked for a quarter. Only periods within the plan's years are expected, so a plan
 * 2022–2025 never asks for 2026. A period counts as delivered when one delivery through that adapter covers it whole.
 */
import { Schema } from "effect"
import * as CalendarDate from "./CalendarDate.js"
import { AdapterId, PartnerId } from "./Ids.js"
import * as Period from "./Period.js"

/** The default until the region sets a schedule: every quarter, due 30 days after it ends. */
export const defaults = { every: "quarter", dueAfterDays: 30 } as const satisfies {
  readonly every: Period.Kind
  readonly dueAfterDays: number
}

/** How often a partner delivers through one adapter: every period of a kind, due some days after it ends. */
export const Schedule = Schema.Struct({
  partner: PartnerId,
  adapter: AdapterId,
  every: Period.Kind,
  dueAfterDays: Schema.Int.check(
    Schema.isBetween({ minimum: 0, maximum: 366 }, { message: "verwacht een aantal dagen van 0 tot en met 366" }),
  ),
})
export type Schedule = typeof Schedule.Type

/** The period kind of an adapter's format; `any` for a generic format that holds periods of every kind. */
export type FormatKind = Period.Kind | "any"

/** The years a plan covers, inclusive. */
export interface Years {
  readonly firstYear: number
  readonly lastYear: number
}

const monthsPer: Record<Period.Kind, number> = { year: 12, half: 6, quarter: 3, month: 1 }

/** The coarser of two period kinds (`quarter` and `half` give `half`). */
export const coarser = (a: Period.Kind, b: Period.Kind): Period.Kind => (monthsPer[a] >= monthsPer[b] ? a : b)

/** The period kind a schedule expects through a format: the schedule's, never finer than the format's own. */
export const expectedKind = (every: Period.Kind, format: FormatKind): Period.Kind =>
  format === "any" ? every : coarser(every, format)

/** The day a period's delivery is due. */
export const dueOn = (period: Period.Period, dueAfterDays: number): CalendarDate.CalendarDate =>
  CalendarDate.addDays(Period.end(period), dueAfterDays)

/** One delivery owed: the period and the day it is due. */
export interface Expected {
  readonly period: Period.Period
  readonly due: CalendarDate.CalendarDate
}

/**
 * The deliveries owed through one adapter by `on`: every period of the expected kind within the plan's years that
 * ended before `on`, oldest first, with its due date (which may still lie ahead).
 */
export const expected = (input: {
  readonly plan: Years
  readonly every: Period.Kind
  readonly format: FormatKind
  readonly dueAfterDays: number
  readonly on: CalendarDate.CalendarDate
}): ReadonlyArray<Expected> => {
  const kind = expectedKind(input.every, input.format)
  const out: Array<Expected> = []
  const lastYear = Math.min(input.plan.lastYear, Number(input.on.slice(0, 4)))
  for (let year = input.plan.firstYear; year <= lastYear; year++) {
    for (const period of Period.split(Period.Period.make(String(year).padStart(4, "0")), kind)) {
      if (Period.end(period) < input.on) out.push({ period, due: dueOn(period, input.dueAfterDays) })
    }
  }
  return out
}

/** What a delivery covers, as its summary says: the first and last period of its accepted records. */
export interface Covered {
  readonly adapter: string
  readonly periodFrom?: Period.Period | undefined
  readonly periodTo?: Period.Period | undefined
}

/** Whether a delivery through `adapter` covers `period` whole. */
export const isDelivered = (deliveries: ReadonlyArray<Covered>, adapter: string, period: Period.Period): boolean =>
  deliveries.some((d) => {
    if (d.adapter !== adapter || d.periodTo === undefined) return false
    const from = d.periodFrom ?? d.periodTo
    return Period.start(from) <= Period.start(period) && Period.end(period) <= Period.end(d.periodTo)
  })

/** One row of a partner's schedule: a period owed through an adapter, when it is due, and whether it came. */
export interface Row extends Expected {
  readonly adapter: AdapterId
  readonly delivered: boolean
  readonly overdue: boolean
}

/** A schedule of one adapter with the period kind of its format. */
export interface AdapterSchedule {
  readonly adapter: AdapterId
  readonly every: Period.Kind
  readonly dueAfterDays: number
  readonly format: FormatKind
}

/**
 * Every delivery a partner owes by `on` through its adapters within the plan's years (periods that ended), delivered
 * or not; a row is overdue when nothing covers its period and its due date has passed. Ordered by adapter as given, then period.
 */
export const rows = (input: {
  readonly plan: Years
  readonly schedules: ReadonlyArray<AdapterSchedule>
  readonly deliveries: ReadonlyArray<Covered>
  readonly on: CalendarDate.CalendarDate
}): ReadonlyArray<Row> =>
  input.schedules.flatMap((s) =>
    expected({ plan: input.plan, every: s.every, format: s.format, dueAfterDays: s.dueAfterDays, on: input.on }).map(
      ({ period, due }) => {
        const delivered = isDelivered(input.deliveries, s.adapter, period)
        return { adapter: s.adapter, period, due, delivered, overdue: !delivered && due < input.on }
      },
    ),
  )

/** The overdue deliveries of a partner: the rows nothing covers whose due date has passed. */
export const overdue = (input: Parameters<typeof rows>[0]): ReadonlyArray<Row> => rows(input).filter((r) => r.overdue)
