/**
 * A municipality beside its region and the Netherlands: per indicator and year, a rate per 1,000 inhabitants where
 * the indicator has one, else the published value (the domain's `Comparison` rule). Everything is cut out of the
 * canonical published tables for the caller's audience (`Figures`), so a comparison says no more than those tables:
 * a rate's numerator is the published count, and a hidden count gives a hidden rate.
 */
import { Area, Comparison, Disclosure, type Indicator, Municipality, Period, Plan } from "@baken/domain"
import { ObservationRepository, PlanRepository } from "@baken/store"
import { Effect, Schema } from "effect"
import { InvalidInput } from "./ApiError.js"
import type { Caller } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import { AnswerCache, answerTtlMs, Reference } from "./Environment.js"
import { canonical, disclosureAudience, everMembers, indicatorsFor, planVisibleTo, refuseRepeats } from "./Figures.js"
import * as Entities from "./PlanEntities.js"

/** Which comparison: a municipality, and optionally some indicators and some years (default: the current plan's). */
export const CompareQuery = Schema.Struct({
  municipality: S.MunicipalityCode,
  indicators: Schema.optionalKey(Schema.Array(S.IndicatorId).check(Schema.isMinLength(1), Schema.isMaxLength(50))),
  periods: Schema.optionalKey(Schema.Array(S.Period).check(Schema.isMinLength(1), Schema.isMaxLength(60))),
})
export type CompareQuery = typeof CompareQuery.Type

/** A comparison: the municipality and region it is about, the years, and one comparison per indicator. */
export interface Compared {
  readonly municipality: { readonly code: string; readonly name: string }
  readonly region: { readonly id: string; readonly name: string }
  readonly periods: ReadonlyArray<Period.Period>
  readonly indicators: ReadonlyArray<Comparison.IndicatorComparison>
}

/** The plan a comparison is about by default: the newest one the caller may see that is no longer a draft. */
const currentPlan = (caller: Caller) =>
  Effect.gen(function* () {
    const plans = (yield* (yield* PlanRepository.PlanRepository).list(Entities.plan)).filter((r) =>
      planVisibleTo(caller, r),
    )
    const released = plans.filter((r) => r.status._tag !== "Draft")
    return (released.length > 0 ? released : plans).sort((a, b) => b.plan.firstYear - a.plan.firstYear)[0]
  })

/**
 * Whether an indicator is compared by default: the caller's audience may read it (a restricted one is not for the
 * public), and it is not the population itself (the denominator of every rate, not a figure to compare).
 */
const comparedByDefault = (indicator: Indicator.Indicator, audience: Disclosure.Audience): boolean =>
  indicator.unit !== "residents" && Disclosure.rulesForIndicator(indicator.disclosure, audience)._tag === "Some"

/** The comparison for a query, as the caller may see it. */
export const compareFor = (caller: Caller, query: CompareQuery) =>
  Effect.gen(function* () {
    const reference = yield* Reference
    if (!everMembers(reference.region).includes(query.municipality)) {
      return yield* new InvalidInput({
        field: "input.municipality",
        reason: `${query.municipality} is geen gemeente van de regio`,
      })
    }
    yield* refuseRepeats("input.indicators", query.indicators ?? [])
    yield* refuseRepeats("input.periods", query.periods ?? [])
    for (const [i, p] of (query.periods ?? []).entries()) {
      if (Period.kind(p) !== "year") {
        return yield* new InvalidInput({
          field: `input.periods[${i}]`,
          reason: `${p} is geen jaar; vergelijken gaat alleen per jaar, zoals 2024`,
        })
      }
    }
    const indicators = yield* indicatorsFor(caller)
    for (const [i, id] of (query.indicators ?? []).entries()) {
      if (!indicators.has(id)) {
        return yield* new InvalidInput({ field: `input.indicators[${i}]`, reason: `er is geen indicator ${id}` })
      }
    }
    const plan = yield* currentPlan(caller)
    const years = query.periods ?? (plan === undefined ? [] : Plan.years(plan.plan))
    const version = yield* (yield* ObservationRepository.ObservationRepository).version()
    const audience = disclosureAudience(caller.audience)
    const tableOf = (indicator: Indicator.Indicator) => canonical(indicators, indicator, audience, version)
    const populationDefinition = indicators.get(Comparison.populationIndicator)
    const population = populationDefinition === undefined ? undefined : yield* tableOf(populationDefinition)
    const asked: ReadonlyArray<Indicator.Indicator> =
      query.indicators?.map((id) => indicators.get(id) as Indicator.Indicator) ??
      (plan === undefined
        ? []
        : (yield* (yield* PlanRepository.PlanRepository).list(Entities.indicator(plan.plan.id), plan.plan.id)).flatMap(
            (i) => {
              const published = indicators.get(i.id)
              return published === undefined ? [] : [published]
            },
          ))
    const areas = {
      municipality: {
        kind: "municipality",
        area: query.municipality,
        name: Municipality.nameOf(reference.municipalities, query.municipality),
      },
      region: { kind: "region", area: reference.region.id, name: reference.region.name },
      netherlands: { kind: "netherlands", area: Area.netherlands, name: "Nederland" },
    } as const
    const compared: Array<Comparison.IndicatorComparison> = []
    for (const indicator of asked) {
      // Asked for by name, an indicator is answered even when withheld (as unknown cells); by default it is left out.
      if (query.indicators === undefined && !comparedByDefault(indicator, audience)) continue
      const published = yield* tableOf(indicator)
      compared.push(Comparison.compare({ indicator, published, population, ...areas }, years))
    }
    return {
      municipality: { code: query.municipality, name: areas.municipality.name },
      region: { id: reference.region.id, name: reference.region.name },
      periods: years,
      indicators: compared.slice(0, 50),
    } satisfies Compared
  })

/** The comparison, reused for the same caller and query for a few seconds (as the figure tables are). */
export const cachedCompareFor = (caller: Caller, query: CompareQuery) =>
  AnswerCache.use((cache) =>
    cache.cached(
      `compare:${caller.audience}:${caller.municipality ?? ""}:${JSON.stringify(query)}`,
      answerTtlMs,
      compareFor(caller, query),
    ),
  )
