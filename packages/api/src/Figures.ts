/**
 * The figures every audience reads: answers cut out of the domain's canonical published tables
 * (`Publication.publish`), one per indicator and disclosure audience, built once per state of the data and reused.
 * A query only picks cells; it never builds or protects a table of its own, so no combination of queries (a subset
 * of municipalities, the same one fifty times, a year beside its quarters) says more than the one table does.
 * Indicators are defined by the plans the caller may see, and the published definition is that of the newest plan
 * that is no longer a draft, so editing a draft never changes what the public reads.
 */
import {
  Area,
  CalendarDate,
  type Disclosure,
  type Ids,
  Indicator,
  Membership,
  Period,
  Publication,
} from "@baken/domain"
import { FlowRepository, ObservationRepository, PlanRepository } from "@baken/store"
import { Effect, Schema } from "effect"
import { InvalidInput } from "./ApiError.js"
import type { Audience, Caller } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import { AnswerCache, answerTtlMs, Reference } from "./Environment.js"
import * as Entities from "./PlanEntities.js"

/** Which figures: some indicators, some periods, and optionally some municipalities (default: the members). */
export const TableQuery = Schema.Struct({
  indicators: Schema.Array(S.IndicatorId).check(Schema.isMinLength(1), Schema.isMaxLength(50)),
  periods: Schema.Array(S.Period).check(Schema.isMinLength(1), Schema.isMaxLength(60)),
  municipalities: Schema.optionalKey(Schema.Array(S.MunicipalityCode).check(Schema.isMaxLength(50))),
})
export type TableQuery = typeof TableQuery.Type

/** The disclosure audience an API audience reads with. */
export const disclosureAudience = (audience: Audience): Disclosure.Audience =>
  audience === "region" || audience === "admin"
    ? "region"
    : audience === "municipality"
      ? "municipality"
      : audience === "partner"
        ? "partner"
        : "public"

/** A published cell: shown (with its value), suppressed (with why), withheld from the caller, or without data. */
export type PublishedCell = Publication.Cell

/** One indicator's published table: municipalities × periods, with the region's values per period. */
export interface PublishedIndicator {
  readonly indicator: string
  readonly disclosure: Indicator.DisclosureClass
  /** Count, rate or mean: how the values were protected. */
  readonly kind: Publication.FigureKind
  /** The unit of every value, stated once. */
  readonly unit: Indicator.Unit
  readonly municipalities: ReadonlyArray<string>
  readonly periods: ReadonlyArray<string>
  readonly cells: ReadonlyArray<ReadonlyArray<PublishedCell>>
  /** The region's value per period: over the members throughout that period, never over the municipalities asked. */
  readonly regionTotals: ReadonlyArray<PublishedCell>
  /** The Netherlands' value per period (the benchmark the CBS adapter delivers), protected on its own; NoData without. */
  readonly netherlands: ReadonlyArray<PublishedCell>
  /**
   * Per period, whether its values may still change: the period, or the look-ahead after it that the measure needs
   * (`Indicator.provisionalForDays`), has not ended today (`Indicator.isProvisional`).
   */
  readonly provisional: ReadonlyArray<boolean>
}

/** Whether a plan is visible to the caller: a draft only to the region. */
export const planVisibleTo = (caller: Caller, record: Entities.PlanRecord): boolean =>
  record.status._tag !== "Draft" || caller.audience === "region" || caller.audience === "admin"

const stageRank = (record: Entities.PlanRecord): number => (record.status._tag === "Draft" ? 0 : 1)

/**
 * The indicators the caller may read figures of, each as defined by the newest plan that defines it: plans that are
 * no longer drafts first, so a draft's edits reach nobody's figures until it is released.
 */
export const indicatorsFor = (caller: Caller) =>
  Effect.gen(function* () {
    const repo = yield* PlanRepository.PlanRepository
    const plans = (yield* repo.list(Entities.plan))
      .filter((r) => planVisibleTo(caller, r))
      .sort((a, b) => stageRank(a) - stageRank(b) || a.plan.firstYear - b.plan.firstYear)
    const byId = new Map<string, Indicator.Indicator>()
    for (const record of plans) {
      for (const i of yield* repo.list(Entities.indicator(record.plan.id), record.plan.id)) byId.set(i.id, i)
    }
    return byId
  })

/** Every municipality that was ever a member of the region: the rows of every canonical table. */
export const everMembers = (region: Membership.HasMemberships): ReadonlyArray<Ids.MunicipalityCode> =>
  [...new Set(region.memberships.map((m) => m.municipality))].sort()

const valuesOf = (cells: ReadonlyArray<ObservationRepository.Cell>): Publication.Values => {
  const values = new Map<string, Map<string, number>>()
  for (const c of cells) {
    let byArea = values.get(c.period)
    if (byArea === undefined) {
      byArea = new Map()
      values.set(c.period, byArea)
    }
    // Only known values count; a cell whose every observation was unknown has no value at all.
    if (c.observations > c.unknown) byArea.set(c.area, c.total)
  }
  return values
}

/**
 * The values of a measure the store derives from person events (`source.derived`): a municipality without a value in
 * a period that has values counted nobody there, so it is 0 for every municipality that was a member at some point of
 * the period. Unlike a delivered figure, nothing of it can be missing: left out, one member's zero would withhold the
 * region's total as if that member had not delivered.
 */
export const withZeros = (values: Publication.Values, region: Membership.HasMemberships): Publication.Values => {
  const out = new Map<string, Map<string, number>>()
  for (const [period, byArea] of values) {
    const p = Period.Period.make(period)
    const full = new Map(byArea)
    for (const m of Membership.membersAtSomePoint(region, Period.start(p), Period.end(p))) {
      if (!full.has(m)) full.set(m, 0)
    }
    out.set(period, full)
  }
  return out
}

const noMedians: Publication.Medians = { cells: new Map(), region: new Map() }

/**
 * The medians of a median measure (`Flow.ids.stayLength`) as the store computes them: per municipality and period,
 * and the region's per period over the stays of its members throughout that period (like the region total of a
 * count), each with the number of stays it rests on.
 */
export const mediansOf = (indicator: Ids.IndicatorId, region: Membership.HasMemberships) =>
  Effect.gen(function* () {
    const flows = yield* FlowRepository.FlowRepository
    const cells = new Map<string, Map<string, Publication.MedianValue>>()
    for (const c of yield* flows.medians(indicator)) {
      const byArea = cells.get(c.period) ?? new Map<string, Publication.MedianValue>()
      cells.set(c.period, byArea)
      byArea.set(c.area, { value: c.value, base: c.base })
    }
    const groups = [...cells.keys()].map((period) => {
      const p = Period.Period.make(period)
      return { period: p, areas: Membership.membersThroughout(region, Period.start(p), Period.end(p)) }
    })
    const totals = yield* flows.regionMedians(
      indicator,
      groups.filter((g) => g.areas.length > 0),
    )
    return {
      cells,
      region: new Map(totals.map((r) => [r.period, { value: r.value, base: r.base }])),
    } satisfies Publication.Medians
  })

/** How long a canonical table is kept while the data does not change (a new delivery changes the key). */
const canonicalTtlMs = 10 * 60_000

/** The canonical published table of `indicator` for `audience`, built once per state of the data. */
export const canonical = (
  indicators: ReadonlyMap<string, Indicator.Indicator>,
  indicator: Indicator.Indicator,
  audience: Disclosure.Audience,
  version: string,
) =>
  Effect.gen(function* () {
    const reference = yield* Reference
    const observations = yield* ObservationRepository.ObservationRepository
    const rule = indicator.aggregation
    const related = [
      indicator.id,
      ...(rule._tag === "Ratio" ? [rule.numerator, rule.denominator] : []),
      ...(rule._tag === "Mean" && rule.count !== undefined ? [rule.count] : []),
    ]
    const definitions = related.map((id) => JSON.stringify(indicators.get(id) ?? id)).join("|")
    const cache = yield* AnswerCache
    return yield* cache.cached(
      `canonical:${audience}:${version}:${definitions}`,
      canonicalTtlMs,
      Effect.gen(function* () {
        const values = new Map<string, Publication.Values>()
        for (const id of related) {
          const raw = valuesOf(yield* observations.aggregate(id as Ids.IndicatorId))
          const derived = indicators.get(id)?.source.derived === "person-events"
          values.set(id, derived ? withZeros(raw, reference.region) : raw)
        }
        const medians = rule._tag === "Median" ? yield* mediansOf(indicator.id, reference.region) : undefined
        const sources: Publication.Sources = {
          region: reference.region,
          municipalities: everMembers(reference.region),
          indicators,
          values: (id) => values.get(id) ?? new Map(),
          medians: (id) => (id === indicator.id && medians !== undefined ? medians : noMedians),
        }
        return Publication.publish(sources, indicator, audience, reference.disclosure ?? {})
      }),
    )
  })

/** Refuses a list that names a value twice, located at the second. */
export const refuseRepeats = (field: string, values: ReadonlyArray<string>) => {
  const seen = new Set<string>()
  for (const [i, v] of values.entries()) {
    if (seen.has(v)) {
      return Effect.fail(
        new InvalidInput({ field: `${field}[${i}]`, reason: `${v} staat er al eerder in; vraag elke waarde één keer` }),
      )
    }
    seen.add(v)
  }
  return Effect.void
}

/** The published tables for a query, cut out of the canonical tables for the caller's audience. */
export const tableFor = (caller: Caller, query: TableQuery) =>
  Effect.gen(function* () {
    yield* refuseRepeats("input.indicators", query.indicators)
    yield* refuseRepeats("input.periods", query.periods)
    yield* refuseRepeats("input.municipalities", query.municipalities ?? [])
    const reference = yield* Reference
    const members = new Set<string>(everMembers(reference.region))
    for (const [i, m] of (query.municipalities ?? []).entries()) {
      if (!members.has(m)) {
        return yield* new InvalidInput({
          field: `input.municipalities[${i}]`,
          reason: `${m} is geen gemeente van de regio`,
        })
      }
    }
    const indicators = yield* indicatorsFor(caller)
    for (const [i, id] of query.indicators.entries()) {
      if (!indicators.has(id)) {
        return yield* new InvalidInput({ field: `input.indicators[${i}]`, reason: `er is geen indicator ${id}` })
      }
    }
    const municipalities =
      query.municipalities ??
      Membership.membersOn(
        reference.region,
        Period.end(query.periods.reduce((a, b) => (Period.order(a, b) < 0 ? b : a))),
      )
    const version = yield* (yield* ObservationRepository.ObservationRepository).version()
    const audience = disclosureAudience(caller.audience)
    const today = yield* CalendarDate.today
    return yield* Effect.forEach(query.indicators, (id) =>
      Effect.gen(function* () {
        const indicator = indicators.get(id) as Indicator.Indicator
        const table = yield* canonical(indicators, indicator, audience, version)
        return {
          indicator: id,
          disclosure: indicator.disclosure,
          kind: table.kind,
          unit: table.unit,
          municipalities,
          periods: query.periods,
          cells: municipalities.map((m) => query.periods.map((p) => table.cell(m, p))),
          regionTotals: query.periods.map((p) => table.region(p)),
          netherlands: query.periods.map((p) => table.cell(Area.netherlands, p)),
          provisional: query.periods.map((p) => Indicator.isProvisional(indicator, Period.end(p), today)),
        } satisfies PublishedIndicator
      }),
    )
  })

/** The published values of an area outside the region (the Netherlands) for one indicator, protected on their own. */
export const benchmarkFor = (
  caller: Caller,
  indicator: Ids.IndicatorId,
  periods: ReadonlyArray<Period.Period>,
  area: string,
) =>
  Effect.gen(function* () {
    yield* refuseRepeats("input.periods", periods)
    const indicators = yield* indicatorsFor(caller)
    const definition = indicators.get(indicator)
    if (definition === undefined) {
      return yield* new InvalidInput({ field: "input.indicator", reason: `er is geen indicator ${indicator}` })
    }
    const version = yield* (yield* ObservationRepository.ObservationRepository).version()
    const table = yield* canonical(indicators, definition, disclosureAudience(caller.audience), version)
    return periods.map((period) => {
      const cell = table.cell(area, period)
      return { period, area, cell, value: cell._tag === "Shown" ? cell.value : null }
    })
  })

/** How long an answer is reused for the same caller and query. */
export const cachedTableFor = (caller: Caller, query: TableQuery) =>
  AnswerCache.use((cache) =>
    cache.cached(
      `figures:${caller.audience}:${caller.municipality ?? ""}:${JSON.stringify(query)}`,
      answerTtlMs,
      tableFor(caller, query),
    ),
  )
