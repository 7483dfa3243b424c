/**
 * The domain's value Schemas the API's inputs are made of, named once for the routers.
 */
import { CalendarDate as Dates, Delivery, Ids, Period as Periods } from "@baken/domain"

/** A plan's id, e.g. `bo-2022-2025`. */
export const PlanId = Ids.PlanId
/** A municipality's CBS code, e.g. `GM0402`. */
export const MunicipalityCode = Ids.MunicipalityCode
/** An ISO calendar date. */
export const CalendarDate = Dates.CalendarDate
/** A partner's slug. */
export const PartnerId = Ids.PartnerId
/** An adapter's id. */
export const AdapterId = Ids.AdapterId
/** A delivery's SHA-256 source hash. */
export const SourceHash = Ids.SourceHash
/** An indicator's id. */
export const IndicatorId = Ids.IndicatorId
/** A period: `2024`, `2024-H1`, `2024-Q1`, `2024-03`. */
export const Period = Periods.Period
/** A document's kenmerk. */
export const Kenmerk = Ids.Kenmerk
/** What an adapter accepted: an observation or a pseudonymised person event. */
export const AcceptedRecord = Delivery.AcceptedRecord
