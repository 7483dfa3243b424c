/**
 * An action: what a partner does to serve a goal, between a start and an end date, with milestones and a status.
 * One partner owns it; others contribute. Its progress is the weighted share of milestones completed (see
 * `Progress`).
 */
import { Schema } from "effect"
import { CalendarDate, formatNl } from "./CalendarDate.js"
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

/** Dutch wording of a recorded status, for the form that sets it. What a reader sees on a day is `describeOn`. */
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

/**
 * Where an action stands on a day, judged on its recorded status and its dates: a planned action whose start has
 * come is running, one whose end has passed has expired (it was never reported started or done), and an action in
 * progress past its end is overdue. Completed, cancelled and stalled stay as recorded.
 */
export const DayStatus = Schema.Literals([
  "planned",
  "running",
  "overdue",
  "expired",
  "stalled",
  "completed",
  "cancelled",
])
export type DayStatus = typeof DayStatus.Type

/** The short Dutch label of a status on a day, as a council member reads it. */
export const dayStatusNl: Record<DayStatus, string> = {
  planned: "gepland",
  running: "loopt",
  overdue: "over tijd",
  expired: "verlopen",
  stalled: "vertraagd",
  completed: "afgerond",
  cancelled: "geannuleerd",
}

/** Where `action` stands on `day`: never "planned" once its end date has passed. */
export const statusOn = (action: Action, day: CalendarDate): DayStatus => {
  const ended = day > action.end
  switch (action.status) {
    case "completed":
    case "cancelled":
    case "stalled":
      return action.status
    case "in-progress":
      return ended ? "overdue" : "running"
    case "planned":
      return ended ? "expired" : day >= action.start ? "running" : "planned"
  }
}

/** An action's status on a day: the status, its Dutch label, and a Dutch sentence that says what it rests on. */
export interface StatusOnDay {
  readonly action: ActionId
  readonly status: DayStatus
  readonly labelNl: string
  readonly sentenceNl: string
}

/** Where `action` stands on `day`, in Dutch, with Dutch dates. */
export const describeOn = (action: Action, day: CalendarDate): StatusOnDay => {
  const status = statusOn(action, day)
  const start = formatNl(action.start)
  const end = formatNl(action.end)
  const sentence = (): string => {
    switch (status) {
      case "planned":
        return `Gepland van ${start} tot en met ${end}.`
      case "running":
        return action.status === "planned"
          ? `Volgens de planning loopt de actie sinds ${start}, tot en met ${end}; er is nog niet gemeld dat ze is begonnen.`
          : `In uitvoering, tot en met ${end}.`
      case "overdue":
        return `Nog in uitvoering, terwijl de einddatum (${end}) voorbij is.`
      case "expired":
        return `De einddatum (${end}) is voorbij; de actie is niet als begonnen of afgerond gemeld.`
      case "stalled":
        return day > action.end ? `Vertraagd; de einddatum (${end}) is voorbij.` : `Vertraagd; de einddatum is ${end}.`
      case "completed":
        return "Afgerond."
      case "cancelled":
        return "Geannuleerd."
    }
  }
  return { action: action.id, status, labelNl: dayStatusNl[status], sentenceNl: sentence() }
}
