/**
 * ISO calendar dates (`2022-03-24`) as the domain's one representation of a day, in Europe/Amsterdam. Dates are
 * compared as strings, which is correct for ISO dates and keeps them plain JSON on every edge.
 */
import { Clock, Effect, Order, Schema } from "effect"

const isRealDate = (s: string): boolean => {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** A calendar day written `YYYY-MM-DD`; `2023-02-30` is refused. */
export const CalendarDate = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/, { message: "expected an ISO date like 2022-03-24" }),
  Schema.makeFilter((s: string) => isRealDate(s) || `${s} is not a day of the calendar`),
).pipe(Schema.brand("CalendarDate"))
export type CalendarDate = typeof CalendarDate.Type

/** Builds a date from year, month (1-12) and day, without validation beyond the arithmetic of `Date`. */
export const make = (year: number, month: number, day: number): CalendarDate =>
  CalendarDate.make(new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10))

/** The day after `date`. */
export const next = (date: CalendarDate): CalendarDate => addDays(date, 1)

/** The day before `date`. */
export const previous = (date: CalendarDate): CalendarDate => addDays(date, -1)

/** `date` moved by `days` (negative moves back). */
export const addDays = (date: CalendarDate, days: number): CalendarDate => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number]
  return make(y, m, d + days)
}

/** Days from `from` to `to`; negative when `to` is earlier. */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/** The calendar day in Europe/Amsterdam of an instant given in epoch milliseconds (e.g. from `Clock`). */
export const fromEpochMillis = (millis: number): CalendarDate =>
  CalendarDate.make(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Amsterdam",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(new Date(millis)),
  )

/** Chronological order of dates. */
export const order: Order.Order<CalendarDate> = Order.String

/** The earlier of two dates. */
export const min = (a: CalendarDate, b: CalendarDate): CalendarDate => (a <= b ? a : b)

/** The later of two dates. */
export const max = (a: CalendarDate, b: CalendarDate): CalendarDate => (a >= b ? a : b)

/** Today in Europe/Amsterdam, read from the `Clock` service so that tests control it. */
export const today: Effect.Effect<CalendarDate> = Effect.map(Clock.currentTimeMillis, fromEpochMillis)

const monthsNl = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
]

/** A date as a Dutch reader writes it: `23 december 2021`. */
export const formatNl = (date: CalendarDate): string =>
  `${Number(date.slice(8, 10))} ${monthsNl[Number(date.slice(5, 7)) - 1] ?? ""} ${date.slice(0, 4)}`
