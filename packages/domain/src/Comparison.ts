/**
 * Comparing a municipality with its region and with the Netherlands. Absolute counts cannot be compared between a
 * town of 40,000 and a country of 18 million, so a count of people or events per municipality is compared as a rate
 * per 1,000 inhabitants; any other figure (a rate already, a mean, a percentage, the population itself) is compared
 * as it is published.
 *
 * A rate is computed from PUBLISHED values only: its numerator is the count as disclosure control published it for
 * the reader (never the raw count), its denominator the population of the same area and year, from the population
 * indicator the CBS adapter delivers. So a rate never says more than the count it comes from: a hidden count gives
 * a hidden rate, and an unknown population gives no rate at all. Comparisons are made per year only: a quarter's
 * count over a year's population is not a rate anyone publishes.
 */
import { Schema } from "effect"
import { IndicatorId } from "./Ids.js"
import type { Indicator, Unit } from "./Indicator.js"
import * as Period from "./Period.js"
import type * as Publication from "./Publication.js"

/** The population on 1 January per area and year, as the CBS adapter emits it (table 03759ned or 70072ned). */
export const populationIndicator: IndicatorId = IndicatorId.make("bevolking")

/** Rates are per this many inhabitants. */
export const perInhabitants = 1000

/** How many decimals a rate per 1,000 is published with. */
export const rateDecimals = 2

/** The Dutch name of each unit, as a reader sees it beside a value. */
export const unitLabels: Readonly<Record<Unit, string>> = {
  count: "aantal",
  percentage: "procent",
  "per-1000-residents": "per 1.000 inwoners",
  days: "dagen",
  "euro-cents": "euro",
  residents: "inwoners",
}

/**
 * Whether an indicator is compared as a rate per 1,000 inhabitants: a count of people or events that adds up over
 * municipalities, other than the population itself. Rates, means, percentages, money and populations are not.
 */
export const hasRate = (indicator: Indicator): boolean =>
  indicator.unit === "count" && indicator.aggregation._tag === "Sum" && indicator.id !== populationIndicator

/** The unit an indicator is compared in: per 1,000 inhabitants when it has a rate, else its own unit. */
export const unitOf = (indicator: Indicator): Unit => (hasRate(indicator) ? "per-1000-residents" : indicator.unit)

/** A compared value: the value, or null when it is hidden by disclosure control (`suppressed`) or not known. */
export const Cell = Schema.Struct({ value: Schema.NullOr(Schema.Finite), suppressed: Schema.Boolean })
export type Cell = typeof Cell.Type

const hidden: Cell = { value: null, suppressed: true }
const unknown: Cell = { value: null, suppressed: false }

/** A published value as compared: shown as it is, hidden as hidden, anything else (withheld, no data) as unknown. */
export const cellOf = (published: Publication.Cell): Cell =>
  published._tag === "Shown"
    ? { value: published.value, suppressed: false }
    : published._tag === "Suppressed"
      ? hidden
      : unknown

/**
 * The rate per 1,000 inhabitants of a published count over a published population: null and suppressed when the
 * count is hidden, null when the count or a positive population is not known, else rounded to `rateDecimals`.
 */
export const rate = (count: Publication.Cell, population: Publication.Cell): Cell => {
  if (count._tag === "Suppressed") return hidden
  if (count._tag !== "Shown") return unknown
  if (population._tag !== "Shown" || !(population.value > 0)) return unknown
  const f = 10 ** rateDecimals
  return { value: Math.round(((perInhabitants * count.value) / population.value) * f) / f, suppressed: false }
}

/** What a row of a comparison stands for. */
export const RowKind = Schema.Literals(["municipality", "region", "netherlands"])
export type RowKind = typeof RowKind.Type

/** One area's values in a comparison, one cell per period. */
export const Row = Schema.Struct({
  kind: RowKind,
  /** The municipality's CBS code, the region's id, or `NL01`. */
  area: Schema.String,
  /** Its Dutch name: "Huizen", "Gooi en Vechtstreek", "Nederland". */
  name: Schema.String,
  cells: Schema.Array(Cell),
})
export type Row = typeof Row.Type

/** One indicator compared: the municipality, the region and the Netherlands, per year. */
export const IndicatorComparison = Schema.Struct({
  indicator: IndicatorId,
  /** The indicator's Dutch name. */
  title: Schema.String,
  /** Whether the values are rates per 1,000 inhabitants computed from the indicator's counts. */
  rate: Schema.Boolean,
  unit: Schema.String,
  /** The unit in Dutch: "per 1.000 inwoners", or the indicator's own unit when it has no rate. */
  unitLabel: Schema.String,
  /** Years only. */
  periods: Schema.Array(Period.Period),
  /** The municipality, the region and the Netherlands, in that order. */
  rows: Schema.Array(Row),
})
export type IndicatorComparison = typeof IndicatorComparison.Type

/** An area in a comparison: what it is, its code and its name. */
export interface Area {
  readonly kind: RowKind
  readonly area: string
  readonly name: string
}

/** What a comparison is made of: published tables only, for the reader's audience. */
export interface Sources {
  readonly indicator: Indicator
  /** The indicator's published table. */
  readonly published: Publication.Table
  /** The population indicator's published table, when it is known. */
  readonly population: Publication.Table | undefined
  /** The municipality, the region and the Netherlands. */
  readonly municipality: Area
  readonly region: Area
  readonly netherlands: Area
}

/**
 * Compares an indicator for `years`: rates per 1,000 inhabitants where the indicator has one (the published count
 * over the population of the same area and year), else the published values. The region's population is the
 * published sum over the same members its count is over, so numerator and denominator always cover the same towns.
 */
export const compare = (sources: Sources, years: ReadonlyArray<Period.Period>): IndicatorComparison => {
  const { indicator, published, population } = sources
  const withRate = hasRate(indicator)
  const compared = (pick: (t: Publication.Table, year: Period.Period) => Publication.Cell) => (year: Period.Period) =>
    withRate
      ? rate(pick(published, year), population === undefined ? { _tag: "NoData" } : pick(population, year))
      : cellOf(pick(published, year))
  const areaRow = (area: Area): Row => ({
    ...area,
    cells: years.map(compared((t, year) => (area.kind === "region" ? t.region(year) : t.cell(area.area, year)))),
  })
  const unit = unitOf(indicator)
  return {
    indicator: indicator.id,
    title: indicator.name,
    rate: withRate,
    unit,
    unitLabel: unitLabels[unit],
    periods: [...years],
    rows: [areaRow(sources.municipality), areaRow(sources.region), areaRow(sources.netherlands)],
  }
}
