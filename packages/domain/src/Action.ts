/**
 * An action: what a partner does to serve a goal, between a start and an end date, with milestones and a status.
 * One partner owns it; others contribute. Its progress is the weighted share of milestones completed (see
 * `Progress`).
 */
import { Schema } from "effect"
import { CalendarDate } from "./CalendarDate.js"
import { ActionId, GoalId, MilestoneId, PartnerId } from "./Ids.js"
import * as Text from "./Text.js"
import { Weight } from "./Weight.js"

/** A milestone of an action: due on a date, completed on a date once it is reached. */
export class Milestone extends Schema.Class<Milestone>("Milestone")({
  id: MilestoneId,
  title: Text.requiredLine("milestone's title"),
  due: CalendarDate,
  /** The day it was reached; absent while it is open. */
  completedOn: Schema.optionalKey(CalendarDate),
  weight: Weight,
}) {}

/** Where an action stands. */
export const Status = Schema.Literals(["planned", "in-progress", "completed", "stalled", "cancelled"])
export type Status = typeof Status.Type

/** Dutch wording of a status for the dashboard. */
export const statusNl: Record<Status, string> = {
  planned: "gepland",
  "in-progress": "in uitvoering",
  completed: "afgerond",
  stalled: "vertraagd",
  cancelled: "geannuleerd",
}

/** An action serving a goal. */
export class Action extends Schema.Class<Action>("Action")(
  Schema.Struct({
    id: ActionId,
    goal: GoalId,
    title: Text.requiredLine("action's title"),
    /** The partner responsible for the action. */
    owner: PartnerId,
    /** Partners that contribute to it. */
    contributors: Schema.Array(PartnerId),
    start: CalendarDate,
    end: CalendarDate,
    status: Status,
    /** Its weight within the goal. */
    weight: Weight,
    milestones: Schema.Array(Milestone),
  }).check(
    Schema.makeFilter((a) => a.start <= a.end || `the action ends (${a.end}) before it starts (${a.start})`),
    Schema.makeFilter((a) => {
      const ids = a.milestones.map((m) => m.id)
      const twice = ids.find((id, i) => ids.indexOf(id) !== i)
      return twice === undefined || `milestone ${twice} appears twice`
    }),
  ),
) {}

/** The actions serving `goal`. */
export const ofGoal = (actions: ReadonlyArray<Action>, goal: GoalId): ReadonlyArray<Action> =>
  actions.filter((a) => a.goal === goal)

/** Whether a milestone was reached on or before `date`. */
export const isReached = (milestone: Milestone, date: CalendarDate): boolean =>
  milestone.completedOn !== undefined && milestone.completedOn <= date

/** The milestones past their due date on `date` and not reached. */
export const overdue = (action: Action, date: CalendarDate): ReadonlyArray<Milestone> =>
  action.milestones.filter((m) => m.due < date && !isReached(m, date))
