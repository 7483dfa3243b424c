// fast-check generators for the schemas of `DeliverySchedule` and `PlanAmendment`, registered in `Schemas.test.ts`
// through `schemas` below.
import type { Schema } from "effect"
import * as fc from "fast-check"
import { DeliverySchedule, PlanAmendment, Target, Text } from "../src/index.js"
import { adapterId, calendarDate, indicatorId, partnerId, period, periodKind, planId, stage } from "./arbitraries.js"

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map((x) => x + 0)
const typable = (max: number) =>
  fc.string({ unit: "grapheme", maxLength: max }).filter((s) => s.length <= max && Text.isTypable(s))
const nonBlank = (max: number) => typable(max).filter((s) => s.trim().length > 0)

export const schedule = fc
  .record({ partner: partnerId, adapter: adapterId, every: periodKind, dueAfterDays: fc.integer({ min: 0, max: 366 }) })
  .map((f) => DeliverySchedule.Schedule.make(f))

export const amendmentReason = nonBlank(PlanAmendment.reasonMax)

const baseline = fc.record({ period, value: finite }).map((f) => new Target.Baseline(f))

export const change: fc.Arbitrary<PlanAmendment.Change> = fc.oneof(
  fc.record(
    {
      _tag: fc.constant("IndicatorChange" as const),
      indicator: indicatorId,
      name: nonBlank(Text.lineMax),
      definition: nonBlank(Text.paragraphsMax),
    },
    { requiredKeys: ["_tag", "indicator"] },
  ),
  fc.record({ _tag: fc.constant("TargetChange" as const), indicator: indicatorId, period, value: finite }),
  fc.record(
    { _tag: fc.constant("TargetAdded" as const), indicator: indicatorId, period, value: finite, baseline },
    { requiredKeys: ["_tag", "indicator", "period", "value"] },
  ),
)

export const request = fc.record({
  plan: planId,
  date: calendarDate,
  reason: amendmentReason,
  changes: fc.array(change, { minLength: 1, maxLength: PlanAmendment.changesMax }) as fc.Arbitrary<
    [PlanAmendment.Change, ...Array<PlanAmendment.Change>]
  >,
})

export const difference: fc.Arbitrary<PlanAmendment.Difference> = fc.oneof(
  fc.record({
    _tag: fc.constant("IndicatorName" as const),
    indicator: indicatorId,
    from: fc.string(),
    to: fc.string(),
  }),
  fc.record({
    _tag: fc.constant("IndicatorDefinition" as const),
    indicator: indicatorId,
    from: fc.string(),
    to: fc.string(),
  }),
  fc.record(
    {
      _tag: fc.constant("TargetValue" as const),
      indicator: indicatorId,
      period,
      from: fc.option(finite, { nil: null }),
      to: finite,
      baseline,
    },
    { requiredKeys: ["_tag", "indicator", "period", "from", "to"] },
  ),
)

export const amendment = fc
  .record({
    plan: planId,
    number: fc.integer({ min: 1, max: 10_000 }),
    date: calendarDate,
    reason: amendmentReason,
    differences: fc.array(difference, { minLength: 1, maxLength: 5 }) as fc.Arbitrary<
      [PlanAmendment.Difference, ...Array<PlanAmendment.Difference>]
    >,
  })
  .map((f) => new PlanAmendment.Amendment(f))

const text = fc.string({ maxLength: 20 })
export const refusal: fc.Arbitrary<PlanAmendment.Refusal> = fc.oneof(
  fc.record({ _tag: fc.constant("NotInExecution" as const), stage }),
  fc.record({ _tag: fc.constant("BeforeAdoption" as const), date: calendarDate, adoptedOn: calendarDate }),
  fc.record({ _tag: fc.constant("InFuture" as const), date: calendarDate, today: calendarDate }),
  fc.record({ _tag: fc.constant("BeforePrevious" as const), date: calendarDate, previous: calendarDate }),
  fc.record({ _tag: fc.constant("UnknownIndicator" as const), indicator: text }),
  fc.record({ _tag: fc.constant("NothingToChange" as const), indicator: text }),
  fc.record({ _tag: fc.constant("UnknownTarget" as const), indicator: text, period: text }),
  fc.record({ _tag: fc.constant("TargetExists" as const), indicator: text, period: text }),
  fc.record({
    _tag: fc.constant("OutsidePlan" as const),
    period: text,
    firstYear: fc.integer({ min: 1900, max: 2200 }),
    lastYear: fc.integer({ min: 1900, max: 2200 }),
  }),
  fc.record({ _tag: fc.constant("Unchanged" as const), what: text }),
)

export const amendmentRefused = fc
  .record({
    plan: planId,
    reasons: fc.array(fc.record({ change: fc.integer({ min: 0, max: 50 }), refusal }), {
      minLength: 1,
      maxLength: 4,
    }) as fc.Arbitrary<[{ change: number; refusal: PlanAmendment.Refusal }, ...Array<never>]>,
  })
  .map((f) => new PlanAmendment.AmendmentRefused(f))

/** The schemas of both modules with their generators, for the registry of `Schemas.test.ts`. */
export const schemas: Record<string, readonly [Schema.Codec<unknown, unknown>, fc.Arbitrary<unknown>]> = {
  "DeliverySchedule.Schedule": [DeliverySchedule.Schedule, schedule],
  "PlanAmendment.Amendment": [PlanAmendment.Amendment, amendment],
  "PlanAmendment.AmendmentRefused": [PlanAmendment.AmendmentRefused, amendmentRefused],
  "PlanAmendment.Change": [PlanAmendment.Change, change],
  "PlanAmendment.Difference": [PlanAmendment.Difference, difference],
  "PlanAmendment.Reason": [PlanAmendment.Reason, amendmentReason],
  "PlanAmendment.Refusal": [PlanAmendment.Refusal, refusal],
  "PlanAmendment.Request": [PlanAmendment.Request, request],
}
