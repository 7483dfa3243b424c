/**
 * A goal of a programme: what the plan wants to reach, measured by the actions that serve it and by indicators with
 * targets. Each goal has a weight within its programme and weights for its indicators.
 */
import { Schema } from "effect"
import { GoalId, IndicatorId, ProgrammeId } from "./Ids.js"
import * as Text from "./Text.js"
import { Weight } from "./Weight.js"

/** An indicator that measures a goal, with its weight in the goal's progress. */
export class GoalIndicator extends Schema.Class<GoalIndicator>("GoalIndicator")({
  indicator: IndicatorId,
  weight: Weight,
}) {}

/** A goal within a programme. */
export class Goal extends Schema.Class<Goal>("Goal")({
  id: GoalId,
  programme: ProgrammeId,
  title: Text.requiredLine("goal's title"),
  description: Schema.optionalKey(Text.Paragraphs),
  /** Its weight within the programme. */
  weight: Weight,
  indicators: Schema.Array(GoalIndicator),
}) {}

/** The goals of `programme`. */
export const ofProgramme = (goals: ReadonlyArray<Goal>, programme: ProgrammeId): ReadonlyArray<Goal> =>
  goals.filter((g) => g.programme === programme)
