/**
 * Progress roll-up: an action's progress from its milestones, a goal's from its actions and indicators, a
 * programme's from its goals, a plan's from its programmes — each a weighted mean, returned as an explanation tree
 * a person can read ("why does this programme show 40%?").
 *
 * The rules that keep roll-ups honest: a child without a value (no milestones, no measurement) is shown but not
 * counted as 0; a child with weight 0 is shown and counts for nothing; a parent with nothing to count has no value
 * (never NaN); a child listed twice counts once.
 */
import { Schema } from "effect"
import * as Action from "./Action.js"
import * as CalendarDate from "./CalendarDate.js"
import type { Goal } from "./Goal.js"
import { IndicatorId } from "./Ids.js"
import type { Indicator } from "./Indicator.js"
import * as Period from "./Period.js"
import type { Plan } from "./Plan.js"
import * as Programme from "./Programme.js"
import * as Target from "./Target.js"

/** The level of a node in the tree. */
export const Level = Schema.Literals(["plan", "programme", "goal", "action", "milestone", "indicator"])
export type Level = typeof Level.Type

/** One node of an explanation: what it is, its progress (0-1, or null when unknown), weight, share, and children. */
export interface Explanation {
  readonly level: Level
  readonly id: string
  readonly label: string
  /** Progress from 0 to 1, or null when there is nothing to judge it by. */
  readonly value: number | null
  readonly weight: number
  /** The part of the parent's value this node carries (weight / sum of counted weights); 0 when not counted. */
  readonly share: number
  /** Why the value is what it is, in Dutch, when that needs saying. */
  readonly note?: string
  readonly children: ReadonlyArray<Explanation>
}

/** The schema of an explanation tree. */
export const Explanation: Schema.Codec<Explanation> = Schema.Struct({
  level: Level,
  id: Schema.String,
  label: Schema.String,
  value: Schema.NullOr(Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 }))),
  weight: Schema.Finite,
  share: Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 })),
  note: Schema.optionalKey(Schema.String),
  children: Schema.Array(Schema.suspend((): Schema.Codec<Explanation> => Explanation)),
})

/** A region-level value of an indicator in a period, as measured (null when unknown). */
export class IndicatorValue extends Schema.Class<IndicatorValue>("IndicatorValue")({
  indicator: IndicatorId,
  period: Period.Period,
  value: Schema.NullOr(Schema.Finite),
}) {}

/** Everything the roll-up reads. */
export interface PlanData {
  readonly programmes: ReadonlyArray<Programme.Programme>
  readonly goals: ReadonlyArray<Goal>
  readonly actions: ReadonlyArray<Action.Action>
  readonly indicators: ReadonlyArray<Indicator>
  readonly targets: ReadonlyArray<Target.Target>
  readonly values: ReadonlyArray<IndicatorValue>
}

interface Node {
  readonly level: Level
  readonly id: string
  readonly label: string
  readonly weight: number
}

const withNote = (note: string | undefined): { readonly note?: string } => (note === undefined ? {} : { note })

const leaf = (node: Node, value: number | null, note?: string): Explanation => ({
  ...node,
  value,
  share: 0,
  ...withNote(note),
  children: [],
})

/**
 * A parent's progress from its children: the weighted mean over children that have a value and a weight above 0.
 * Children listed twice (same level and id) count once. `ifEmpty` says why there is no value when nothing counts.
 */
export const combine = (node: Node, children: ReadonlyArray<Explanation>, ifEmpty?: string): Explanation => {
  const seen = new Set<string>()
  const unique: Array<Explanation> = []
  const doubles: Array<string> = []
  for (const child of children) {
    const key = `${child.level}\u0000${child.id}`
    if (seen.has(key)) doubles.push(child.label)
    else {
      seen.add(key)
      unique.push(child)
    }
  }
  const counted = (c: Explanation): boolean => c.value !== null && c.weight > 0
  const total = unique.filter(counted).reduce((sum, c) => sum + c.weight, 0)
  const sum = unique.filter(counted).reduce((s, c) => s + c.weight * (c.value ?? 0), 0)
  const value = total > 0 ? Math.min(1, Math.max(0, sum / total)) : null
  const notes: Array<string> = []
  if (value === null) {
    notes.push(
      unique.length === 0
        ? (ifEmpty ?? "niets om mee te rekenen")
        : unique.every((c) => c.weight === 0)
          ? "alle gewichten zijn 0"
          : "geen onderdeel heeft een waarde",
    )
  }
  if (doubles.length > 0) notes.push(`dubbel genoemd en één keer geteld: ${doubles.join(", ")}`)
  return {
    ...node,
    value,
    share: 0,
    ...withNote(notes.length > 0 ? notes.join("; ") : undefined),
    children: unique.map((c) => ({ ...c, share: counted(c) ? c.weight / total : 0 })),
  }
}

/** A milestone: 1 when reached on or before `asOf`, else 0. */
export const ofMilestone = (milestone: Action.Milestone, asOf: CalendarDate.CalendarDate): Explanation =>
  leaf(
    { level: "milestone", id: milestone.id, label: milestone.title, weight: milestone.weight },
    Action.isReached(milestone, asOf) ? 1 : 0,
    milestone.completedOn !== undefined && milestone.completedOn <= asOf
      ? `bereikt op ${CalendarDate.formatNl(milestone.completedOn)}`
      : milestone.due < asOf
        ? `te laat: gepland op ${CalendarDate.formatNl(milestone.due)}`
        : `gepland op ${CalendarDate.formatNl(milestone.due)}`,
  )

/**
 * An action: the weighted share of its milestones reached. A completed action counts as 100%; a cancelled one has
 * no value (it does not pull its goal down); an action without milestones has no value.
 */
export const ofAction = (action: Action.Action, asOf: CalendarDate.CalendarDate): Explanation => {
  const node: Node = { level: "action", id: action.id, label: action.title, weight: action.weight }
  const milestones = action.milestones.map((m) => ofMilestone(m, asOf))
  if (action.status === "completed") return { ...combine(node, milestones), value: 1, note: "afgerond" }
  if (action.status === "cancelled") {
    return { ...combine(node, milestones), value: null, note: "geannuleerd; telt niet mee" }
  }
  return combine(node, milestones, "geen mijlpalen")
}

const formatNumber = (n: number): string => n.toLocaleString("nl-NL", { maximumFractionDigits: 2 })

/**
 * An indicator: progress towards its target, using the latest measured value whose period ended on or before
 * `asOf`, and the first target whose period ends on or after that measurement (else the last target).
 */
export const ofIndicator = (
  indicator: Indicator,
  weight: number,
  data: Pick<PlanData, "targets" | "values">,
  asOf: CalendarDate.CalendarDate,
): Explanation => {
  const node: Node = { level: "indicator", id: indicator.id, label: indicator.name, weight }
  const measured = data.values
    .filter((v) => v.indicator === indicator.id && v.value !== null && Period.end(v.period) <= asOf)
    .sort((a, b) => Period.order(a.period, b.period))
    .at(-1)
  const targets = data.targets
    .filter((t) => t.indicator === indicator.id)
    .sort((a, b) => Period.end(a.period).localeCompare(Period.end(b.period)))
  if (targets.length === 0) return leaf(node, null, "geen streefwaarde")
  if (measured === undefined || measured.value === null) return leaf(node, null, "nog geen meting")
  const target = targets.find((t) => Period.end(t.period) >= Period.end(measured.period)) ?? targets[targets.length - 1]
  if (target === undefined) return leaf(node, null, "geen streefwaarde")
  const sign = indicator.direction === "higher-is-better" ? "≥" : "≤"
  const baseline =
    target.baseline === undefined ? "" : `, basis ${formatNumber(target.baseline.value)} (${target.baseline.period})`
  return leaf(
    node,
    Target.progress(target, indicator.direction, measured.value),
    `gemeten ${formatNumber(measured.value)} (${measured.period}), doel ${sign} ${formatNumber(target.value)} (${target.period})${baseline}`,
  )
}

/** A goal: its actions and its indicators, by their weights. */
export const ofGoal = (goal: Goal, data: PlanData, asOf: CalendarDate.CalendarDate): Explanation => {
  const actions = Action.ofGoal(data.actions, goal.id).map((a) => ofAction(a, asOf))
  const indicators = goal.indicators.map((gi) => {
    const indicator = data.indicators.find((i) => i.id === gi.indicator)
    return indicator === undefined
      ? leaf(
          { level: "indicator", id: gi.indicator, label: gi.indicator, weight: gi.weight },
          null,
          "onbekende indicator",
        )
      : ofIndicator(indicator, gi.weight, data, asOf)
  })
  return combine(
    { level: "goal", id: goal.id, label: goal.title, weight: goal.weight },
    [...actions, ...indicators],
    "geen acties of indicatoren",
  )
}

/** A programme: its goals, by their weights. */
export const ofProgramme = (
  programme: Programme.Programme,
  data: PlanData,
  asOf: CalendarDate.CalendarDate,
  weight = 1,
): Explanation =>
  combine(
    { level: "programme", id: programme.id, label: Programme.label(programme), weight },
    data.goals.filter((g) => g.programme === programme.id).map((g) => ofGoal(g, data, asOf)),
    "geen doelen",
  )

/** A plan: its programmes, each weighing the same. */
export const ofPlan = (plan: Plan, data: PlanData, asOf: CalendarDate.CalendarDate): Explanation =>
  combine(
    { level: "plan", id: plan.id, label: plan.title, weight: 1 },
    Programme.ofPlan(data.programmes, plan.id).map((p) => ofProgramme(p, data, asOf)),
    "geen programma's",
  )

const levelNl: Record<Level, string> = {
  plan: "Plan",
  programme: "Programma",
  goal: "Doel",
  action: "Actie",
  milestone: "Mijlpaal",
  indicator: "Indicator",
}

/** A percentage as the dashboard writes it: `40%`, or `onbekend`. */
export const percent = (value: number | null): string => (value === null ? "onbekend" : `${Math.round(value * 100)}%`)

/** The explanation as indented Dutch lines, one per node, e.g. `Doel Minder huisuitzettingen: 50% — weegt 2 (40%)`. */
export const render = (explanation: Explanation): string => {
  const lines: Array<string> = []
  const walk = (node: Explanation, depth: number, root: boolean): void => {
    const weighs = root ? "" : ` — weegt ${formatNumber(node.weight)} (${percent(node.share)} van het geheel)`
    const note = node.note === undefined ? "" : ` — ${node.note}`
    lines.push(`${"  ".repeat(depth)}${levelNl[node.level]} ${node.label}: ${percent(node.value)}${weighs}${note}`)
    for (const child of node.children) walk(child, depth + 1, false)
  }
  walk(explanation, 0, true)
  return lines.join("\n")
}
