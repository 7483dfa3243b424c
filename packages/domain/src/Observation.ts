/**
 * An observation: one indicator's value for one area and period, from a named source. It is the unit every
 * aggregated delivery is made of, and it can hold no personal data.
 */
import { Schema } from "effect"
import { AreaCode } from "./Area.js"
import { AdapterId, IndicatorId } from "./Ids.js"
import { Period } from "./Period.js"

/** An indicator's value for an area and period; `value` is null when the source marks it unknown (never 0). */
export class Observation extends Schema.Class<Observation>("Observation")({
  indicator: IndicatorId,
  area: AreaCode,
  period: Period,
  value: Schema.NullOr(Schema.Finite),
  source: AdapterId,
}) {}
