/**
 * An indicator: a figure that shows whether the plan works, with its definition, unit, which direction is better,
 * how municipal values add up to the region (sum, mean, or a ratio of two counts), where its data comes from, and
 * how carefully it must be published (its disclosure class).
 */
import { Schema } from "effect"
import { AdapterId, IndicatorId } from "./Ids.js"
import * as Text from "./Text.js"

/** The unit of an indicator's values. */
export const Unit = Schema.Literals(["count", "percentage", "per-1000-residents", "days", "euro-cents", "residents"])
export type Unit = typeof Unit.Type

/** Which way is better. */
export const Direction = Schema.Literals(["higher-is-better", "lower-is-better"])
export type Direction = typeof Direction.Type

/** Municipal values are added up. */
export const Sum = Schema.TaggedStruct("Sum", {})
/**
 * The value is a mean (or median) over persons or stays; `count` names the indicator that counts them per area and
 * period. The region's value is the mean over the region's persons (weighted by `count`), never a sum or a plain
 * mean of municipal values; without `count` it cannot be computed or protected, and is not published.
 */
export const Mean = Schema.TaggedStruct("Mean", { count: Schema.optionalKey(IndicatorId) })
/**
 * The region's value is the sum of one count divided by the sum of another, times `scale` (100 for a percentage,
 * 1000 for a rate per 1,000). Ratios are never averaged.
 */
export const Ratio = Schema.TaggedStruct("Ratio", {
  numerator: IndicatorId,
  denominator: IndicatorId,
  scale: Schema.Finite.check(Schema.isGreaterThan(0, { message: "expected a scale above 0" })),
})
/**
 * The value is a median over stays or persons. A median of medians is no median, so the region's value is the
 * median over the stays of all its members, computed where the stays are (the store), never from municipal values.
 * Shown only when it stands on at least the disclosure rules' minimum base.
 */
export const Median = Schema.TaggedStruct("Median", {})
/** How municipal values become a region value. */
export const AggregationRule = Schema.Union([Sum, Mean, Ratio, Median])
export type AggregationRule = typeof AggregationRule.Type

/**
 * How an indicator may be published: `open` figures (population, money) as they are; `person-counts` only after
 * disclosure control; `restricted` never to the public.
 */
export const DisclosureClass = Schema.Literals(["open", "person-counts", "restricted"])
export type DisclosureClass = typeof DisclosureClass.Type

/** Where an indicator's data comes from: the adapter that delivers it and, for tables, which one. */
export class DataSource extends Schema.Class<DataSource>("DataSource")({
  adapter: AdapterId,
  description: Text.Paragraphs,
  /** The source's own table or data-set id, e.g. CBS `85043NED`. */
  table: Schema.optionalKey(Text.Line),
  /**
   * `person-events`: the store computes the figure from the pseudonymised person events (the flow measures of
   * `Flow`); no partner delivers it, whatever the adapter.
   */
  derived: Schema.optionalKey(Schema.Literal("person-events")),
}) {}

/** An indicator of a plan. */
export class Indicator extends Schema.Class<Indicator>("Indicator")({
  id: IndicatorId,
  name: Text.requiredLine("indicator's name"),
  /** What exactly is counted or measured. */
  definition: Text.Paragraphs,
  unit: Unit,
  direction: Direction,
  aggregation: AggregationRule,
  source: DataSource,
  disclosure: DisclosureClass,
  /**
   * For a measure that looks ahead (a return within 365 days): how many days after the end of a period its value can
   * still change as later events arrive. Until then the value is provisional.
   */
  provisionalForDays: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
}) {}

/** Whether nobody delivers the indicator's values: a ratio or median computed from others, or a derived figure. */
export const isComputed = (indicator: Indicator): boolean =>
  indicator.aggregation._tag === "Ratio" ||
  indicator.aggregation._tag === "Median" ||
  indicator.source.derived !== undefined

/** Whether the indicator's value for a period ending on `periodEnd` is still provisional on `today`. */
export const isProvisional = (indicator: Indicator, periodEnd: string, today: string): boolean => {
  const days = indicator.provisionalForDays
  if (days === undefined) return false
  const settled = new Date(Date.parse(`${periodEnd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
  return today <= settled
}

/** Whether `value` is better than `than` for an indicator of this direction. */
export const isBetter = (direction: Direction, value: number, than: number): boolean =>
  direction === "higher-is-better" ? value > than : value < than
