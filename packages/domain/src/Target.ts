/**
 * Targets: the value an indicator should reach in a period, optionally from a baseline. Progress towards a target is
 * the share of the way from baseline to target that has been covered, between 0 and 1.
 */
import { Schema } from "effect"
import { IndicatorId } from "./Ids.js"
import type { Direction } from "./Indicator.js"
import { Period } from "./Period.js"

/** Where an indicator started: its value in a period. */
export class Baseline extends Schema.Class<Baseline>("Baseline")({
  period: Period,
  value: Schema.Finite,
}) {}

/** The value an indicator should reach (region level) by the end of a period. */
export class Target extends Schema.Class<Target>("Target")({
  indicator: IndicatorId,
  period: Period,
  value: Schema.Finite,
  baseline: Schema.optionalKey(Baseline),
}) {}

/** Whether `value` meets `target` for an indicator of `direction`. */
export const isMet = (target: Target, direction: Direction, value: number): boolean =>
  direction === "higher-is-better" ? value >= target.value : value <= target.value

const clamp = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0)

/**
 * How far `value` has come towards `target`, from 0 to 1. With a baseline: the share of the distance from baseline to
 * target covered. Without one: value / target (higher is better) or target / value (lower is better), capped at 1.
 */
export const progress = (target: Target, direction: Direction, value: number): number => {
  if (isMet(target, direction, value)) return 1
  if (target.baseline !== undefined) {
    const distance = target.value - target.baseline.value
    return distance === 0 ? 0 : clamp((value - target.baseline.value) / distance)
  }
  if (direction === "higher-is-better") return target.value <= 0 ? 0 : clamp(value / target.value)
  return value <= 0 ? 1 : clamp(target.value / value)
}
