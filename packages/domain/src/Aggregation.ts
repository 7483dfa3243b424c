/**
 * Aggregation of municipal observations to the region. A municipality counts for a period only if it is a member of
 * the region on every day of that period; figures of a municipality that joined or left during the period, or was
 * never a member, are set aside and named — never silently added. Members without a usable value are named as
 * missing, and by default the region figure is then withheld rather than understated. The indicator's rule says how
 * values combine: a sum, a mean weighted by the persons behind it, or a ratio of two summed counts (ratios are
 * never averaged).
 */
import { Schema } from "effect"
import { AreaCode, isMunicipality, ofMunicipality } from "./Area.js"
import { IndicatorId, MunicipalityCode, RegionId } from "./Ids.js"
import type { Indicator } from "./Indicator.js"
import * as Membership from "./Membership.js"
import type { Observation } from "./Observation.js"
import * as Period from "./Period.js"

/** Why a member's value is missing. */
export const MissingReason = Schema.Literals(["no-observation", "unknown-value", "conflicting-observations"])
export type MissingReason = typeof MissingReason.Type

/** A member municipality whose value could not be used. */
export class Missing extends Schema.Class<Missing>("Missing")({
  municipality: MunicipalityCode,
  reason: MissingReason,
}) {}

/** Why an area's observation was set aside. */
export const ExclusionReason = Schema.Literals(["member-for-part-of-period", "not-a-member", "not-a-municipality"])
export type ExclusionReason = typeof ExclusionReason.Type

/** An area whose observation was not added to the region, and why. */
export class Excluded extends Schema.Class<Excluded>("Excluded")({
  area: AreaCode,
  reason: ExclusionReason,
}) {}

/** A region-level figure with an account of what went into it. */
export class RegionFigure extends Schema.Class<RegionFigure>("RegionFigure")({
  region: RegionId,
  indicator: IndicatorId,
  period: Period.Period,
  /** The region's value; null when withheld (incomplete, by default) or when there is nothing to compute it from. */
  value: Schema.NullOr(Schema.Finite),
  /** True when every member on every day of the period contributed a value. */
  complete: Schema.Boolean,
  /** The municipalities whose values were counted. */
  counted: Schema.Array(MunicipalityCode),
  missing: Schema.Array(Missing),
  excluded: Schema.Array(Excluded),
  /** For ratios: the summed numerator and denominator. */
  numerator: Schema.optionalKey(Schema.Finite),
  denominator: Schema.optionalKey(Schema.Finite),
}) {}

/** What to do when a member's value is missing: withhold the region value (default) or compute it from the rest. */
export type WhenIncomplete = "withhold" | "partial"

/** Options for aggregation. */
export interface Options {
  readonly whenIncomplete?: WhenIncomplete
}

/** The region being aggregated: its id and memberships. */
export interface RegionLike extends Membership.HasMemberships {
  readonly id: RegionId
}

// Values built here are valid by construction (codes come from decoded inputs), so their filters are not re-run.
const trusted = { disableChecks: true } as const

const conflict: unique symbol = Symbol("conflict")
type Cell = number | null | typeof conflict
type AreaValues = Map<AreaCode, Cell>

/** Observations indexed by indicator, period and area; the same value delivered twice is kept once. */
export class ObservationIndex {
  private readonly byIndicator = new Map<IndicatorId, Map<Period.Period, AreaValues>>()

  /** Adds one observation; two different values for the same indicator, area and period become a conflict. */
  add(o: Observation): void {
    let periods = this.byIndicator.get(o.indicator)
    if (periods === undefined) {
      periods = new Map()
      this.byIndicator.set(o.indicator, periods)
    }
    let areas = periods.get(o.period)
    if (areas === undefined) {
      areas = new Map()
      periods.set(o.period, areas)
    }
    const before = areas.get(o.area)
    if (before === undefined) areas.set(o.area, o.value)
    else if (before !== o.value) areas.set(o.area, conflict)
  }

  /** The periods for which `indicator` has observations. */
  periods(indicator: IndicatorId): ReadonlyArray<Period.Period> {
    return [...(this.byIndicator.get(indicator)?.keys() ?? [])]
  }

  /** The values per area for `indicator` in `period`. */
  values(indicator: IndicatorId, period: Period.Period): AreaValues | undefined {
    return this.byIndicator.get(indicator)?.get(period)
  }
}

/** Indexes observations for aggregation. */
export const index = (observations: Iterable<Observation>): ObservationIndex => {
  const idx = new ObservationIndex()
  for (const o of observations) idx.add(o)
  return idx
}

interface Members {
  readonly throughout: ReadonlyArray<readonly [MunicipalityCode, AreaCode]>
  readonly throughoutSet: ReadonlySet<string>
  readonly partly: ReadonlySet<string>
}

const membersFor = (region: RegionLike, period: Period.Period): Members => {
  const start = Period.start(period)
  const end = Period.end(period)
  const throughout = Membership.membersThroughout(region, start, end)
  const throughoutSet = new Set<string>(throughout)
  const partly = new Set<string>(Membership.membersAtSomePoint(region, start, end).filter((c) => !throughoutSet.has(c)))
  return { throughout: throughout.map((m) => [m, ofMunicipality(m)] as const), throughoutSet, partly }
}

const missingReason = (cell: Cell | undefined): MissingReason | undefined =>
  cell === undefined
    ? "no-observation"
    : cell === null
      ? "unknown-value"
      : cell === conflict
        ? "conflicting-observations"
        : undefined

const excludedFrom = (members: Members, ...tables: ReadonlyArray<AreaValues | undefined>): ReadonlyArray<Excluded> => {
  const areas = new Set<AreaCode>()
  for (const table of tables)
    for (const area of table?.keys() ?? []) if (!members.throughoutSet.has(area)) areas.add(area)
  return [...areas].sort().map(
    (area) =>
      new Excluded(
        {
          area,
          reason: members.partly.has(area)
            ? "member-for-part-of-period"
            : isMunicipality(area)
              ? "not-a-member"
              : "not-a-municipality",
        },
        trusted,
      ),
  )
}

const figure = (
  region: RegionLike,
  indicator: Indicator,
  period: Period.Period,
  idx: ObservationIndex,
  members: Members,
  options: Options,
): RegionFigure => {
  const rule = indicator.aggregation
  const counted: Array<MunicipalityCode> = []
  const missing: Array<Missing> = []
  const base = { region: region.id, indicator: indicator.id, period }
  const withhold = (options.whenIncomplete ?? "withhold") === "withhold"
  if (rule._tag === "Ratio") {
    const num = idx.values(rule.numerator, period)
    const den = idx.values(rule.denominator, period)
    let numerator = 0
    let denominator = 0
    for (const [m, area] of members.throughout) {
      const n = num?.get(area)
      const d = den?.get(area)
      const reason = missingReason(n) ?? missingReason(d)
      if (reason !== undefined || typeof n !== "number" || typeof d !== "number") {
        missing.push(new Missing({ municipality: m, reason: reason ?? "unknown-value" }, trusted))
        continue
      }
      numerator += n
      denominator += d
      counted.push(m)
    }
    const complete = missing.length === 0 && counted.length > 0
    const value = (withhold && !complete) || denominator === 0 ? null : (rule.scale * numerator) / denominator
    return new RegionFigure(
      {
        ...base,
        value,
        complete,
        counted,
        missing,
        excluded: excludedFrom(members, num, den),
        numerator,
        denominator,
      },
      trusted,
    )
  }
  const values = idx.values(indicator.id, period)
  // A mean with its count is weighted by the persons behind each municipal value: the region's mean is over the
  // region's persons. A mean without its count is the plain mean of the municipal values.
  const weights = rule._tag === "Mean" && rule.count !== undefined ? idx.values(rule.count, period) : undefined
  let sum = 0
  let weight = 0
  for (const [m, area] of members.throughout) {
    const v = values?.get(area)
    const w = weights === undefined ? 1 : weights.get(area)
    if (typeof v === "number" && typeof w === "number") {
      sum += v * (rule._tag === "Sum" ? 1 : w)
      weight += w
      counted.push(m)
    } else
      missing.push(
        new Missing({ municipality: m, reason: missingReason(v) ?? missingReason(w) ?? "unknown-value" }, trusted),
      )
  }
  const complete = missing.length === 0 && counted.length > 0
  const computed = counted.length === 0 ? null : rule._tag === "Sum" ? sum : weight === 0 ? null : sum / weight
  return new RegionFigure(
    {
      ...base,
      value: withhold && !complete ? null : computed,
      complete,
      counted,
      missing,
      excluded: excludedFrom(members, values),
    },
    trusted,
  )
}

/** The region figure of `indicator` for `period` from indexed observations. */
export const aggregate = (
  region: RegionLike,
  indicator: Indicator,
  period: Period.Period,
  observations: ObservationIndex,
  options: Options = {},
): RegionFigure => figure(region, indicator, period, observations, membersFor(region, period), options)

/**
 * Region figures for every indicator and every period in which it (or, for a ratio, its numerator or denominator)
 * was observed, ordered by indicator as given and then by period.
 */
export const aggregateAll = (
  region: RegionLike,
  indicators: ReadonlyArray<Indicator>,
  observations: Iterable<Observation> | ObservationIndex,
  options: Options = {},
): ReadonlyArray<RegionFigure> => {
  const idx = observations instanceof ObservationIndex ? observations : index(observations)
  const membersByPeriod = new Map<Period.Period, Members>()
  const members = (period: Period.Period): Members => {
    let m = membersByPeriod.get(period)
    if (m === undefined) {
      m = membersFor(region, period)
      membersByPeriod.set(period, m)
    }
    return m
  }
  return indicators.flatMap((indicator) => {
    const rule = indicator.aggregation
    const periods =
      rule._tag === "Ratio"
        ? new Set([...idx.periods(rule.numerator), ...idx.periods(rule.denominator)])
        : new Set(idx.periods(indicator.id))
    return [...periods]
      .sort(Period.order)
      .map((period) => figure(region, indicator, period, idx, members(period), options))
  })
}
