/**
 * Weights: how much a child counts in its parent's progress (a goal in its programme, an action in its goal, a
 * milestone in its action). A weight is a finite number of at least 0; a weight of 0 shows the child but lets it
 * count for nothing.
 */
import { Schema } from "effect"

/** A finite weight of at least 0. */
export const Weight = Schema.Finite.check(
  Schema.isGreaterThanOrEqualTo(0, { message: "expected a weight of at least 0" }),
)
export type Weight = typeof Weight.Type
