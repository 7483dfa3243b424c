/**
 * The domain's value Schemas the dashboard checks form input with, and the type guards built from them once.
 */
import { Budget, CalendarDate as Dates, Ids, Period as Periods } from "@baken/domain"
import { Schema } from "effect"

/** An ISO calendar day. */
export const CalendarDate = Dates.CalendarDate
/** A municipality's CBS code, e.g. `GM0402`. */
export const MunicipalityCode = Ids.MunicipalityCode
/** A period: `2024`, `2024-H1`, `2024-Q1`, `2024-03`. */
export const Period = Periods.Period
/** An indicator's id. */
export const IndicatorId = Ids.IndicatorId
/** A document's kenmerk. */
export const Kenmerk = Ids.Kenmerk
/** An amount in euro cents. */
export const Cents = Budget.Cents

/** Whether a string is a calendar day. */
export const isDay = Schema.is(CalendarDate)
/** Whether a string is a period. */
export const isPeriod = Schema.is(Period)
/** Whether a string is a municipality code. */
export const isMunicipalityCode = Schema.is(MunicipalityCode)
