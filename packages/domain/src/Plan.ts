/**
 * A multi-year regional plan for Bescherming en Opvang: its years, title, kenmerk, the plan it deepens, the task
 * areas and linked domains it covers, and — when the sources name them — the councils it is put to. Its lifecycle
 * (released, adopted, in execution, …) lives in `PlanLifecycle`, its programmes in `Programme`.
 */
import { Schema } from "effect"
import * as CalendarDate from "./CalendarDate.js"
import { Kenmerk, MunicipalityCode, PlanId, RegionId } from "./Ids.js"
import { LinkedDomainId } from "./LinkedDomain.js"
import * as Membership from "./Membership.js"
import * as Period from "./Period.js"
import { TaskAreaId } from "./TaskArea.js"
import * as Text from "./Text.js"

const Year = Schema.Int.check(
  Schema.isBetween({ minimum: 1900, maximum: 2200 }, { message: "expected a year between 1900 and 2200" }),
)

/** A plan of a region. */
export class Plan extends Schema.Class<Plan>("Plan")(
  Schema.Struct({
    id: PlanId,
    region: RegionId,
    title: Text.requiredLine("plan's title"),
    kenmerk: Kenmerk,
    /** The first calendar year the plan covers. */
    firstYear: Year,
    /** The last calendar year the plan covers (inclusive). */
    lastYear: Year,
    /** The plan this one deepens or replaces. */
    predecessor: Schema.optionalKey(PlanId),
    /** The date of the final text, when known. */
    finalTextOn: Schema.optionalKey(CalendarDate.CalendarDate),
    taskAreas: Schema.Array(TaskAreaId),
    linkedDomains: Schema.Array(LinkedDomainId),
    /**
     * The councils the plan is put to, when the sources name them. Absent means every member of the region. A
     * member that is not listed (e.g. a municipality about to merge into another region) neither decides nor is
     * addressed.
     */
    councils: Schema.optionalKey(Schema.Array(MunicipalityCode)),
  }).check(
    Schema.makeFilter(
      (p) => p.firstYear <= p.lastYear || `the first year (${p.firstYear}) is after the last (${p.lastYear})`,
    ),
  ),
) {}

/** The first day of the plan. */
export const startsOn = (plan: Plan): CalendarDate.CalendarDate =>
  Period.start(Period.Period.make(String(plan.firstYear)))

/** The last day of the plan. */
export const endsOn = (plan: Plan): CalendarDate.CalendarDate => Period.end(Period.Period.make(String(plan.lastYear)))

/** The calendar years the plan covers, as periods. */
export const years = (plan: Plan): ReadonlyArray<Period.Period> =>
  Array.from({ length: plan.lastYear - plan.firstYear + 1 }, (_, i) => Period.Period.make(String(plan.firstYear + i)))

/** Whether `period` lies within the plan's years. */
export const covers = (plan: Plan, period: Period.Period): boolean =>
  startsOn(plan) <= Period.start(period) && Period.end(period) <= endsOn(plan)

/** The plan's years written the way the region writes them: `2022 - 2025`. */
export const yearsLabel = (plan: Plan): string => `${plan.firstYear} - ${plan.lastYear}`

/** The councils that decide on `plan` on `date`: the region's members on that date, limited to the plan's councils. */
export const councilsOn = (
  plan: Plan,
  region: Membership.HasMemberships,
  date: CalendarDate.CalendarDate,
): ReadonlyArray<MunicipalityCode> => {
  const members = Membership.membersOn(region, date)
  const listed = plan.councils
  return listed === undefined ? members : members.filter((code) => listed.includes(code))
}
