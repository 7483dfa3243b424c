/**
 * A plan's lifecycle: draft → released for decision-making → adopted (when every council that decides on the plan on
 * the adoption date has adopted it) → in execution → evaluated → superseded. Each step is a pure function that
 * returns the next status or a `PlanTransitionRefused` error whose reasons a person can read ("Laren has not decided
 * yet").
 */
import { Option, Result, Schema } from "effect"
import * as CalendarDate from "./CalendarDate.js"
import * as CouncilDecision from "./CouncilDecision.js"
import { MunicipalityCode, PlanId } from "./Ids.js"
import type * as Membership from "./Membership.js"
import * as Municipality from "./Municipality.js"
import * as Plan from "./Plan.js"

const Day = CalendarDate.CalendarDate

/** Being written; not yet put to the councils. */
export const Draft = Schema.TaggedStruct("Draft", {})
/** Released to the councils for decision-making on a date. */
export const Released = Schema.TaggedStruct("Released", { releasedOn: Day })
/** Adopted by every council that decides on it. */
export const Adopted = Schema.TaggedStruct("Adopted", { releasedOn: Day, adoptedOn: Day })
/** Being carried out since a date. */
export const InExecution = Schema.TaggedStruct("InExecution", { releasedOn: Day, adoptedOn: Day, executionFrom: Day })
/** Evaluated with the partners on a date. */
export const Evaluated = Schema.TaggedStruct("Evaluated", {
  releasedOn: Day,
  adoptedOn: Day,
  executionFrom: Day,
  evaluatedOn: Day,
})
/** Replaced by another plan from a date. */
export const Superseded = Schema.TaggedStruct("Superseded", {
  releasedOn: Day,
  adoptedOn: Day,
  executionFrom: Day,
  evaluatedOn: Schema.optionalKey(Day),
  supersededOn: Day,
  supersededBy: PlanId,
})

/** Where a plan is in its lifecycle, with the dates of the steps it took. */
export const Status = Schema.Union([Draft, Released, Adopted, InExecution, Evaluated, Superseded])
export type Status = typeof Status.Type

/** The name of a status. */
export const Stage = Schema.Literals(["Draft", "Released", "Adopted", "InExecution", "Evaluated", "Superseded"])
export type Stage = typeof Stage.Type

/** A step in the lifecycle. */
export const Step = Schema.Literals(["release", "adopt", "start-execution", "evaluate", "supersede"])
export type Step = typeof Step.Type

/** The step cannot be taken from the plan's current status. */
export const NotAllowed = Schema.TaggedStruct("NotAllowed", { step: Step, stage: Stage })
/** A council that decides on the plan has no decision yet. */
export const NotDecided = Schema.TaggedStruct("NotDecided", { municipality: MunicipalityCode, name: Schema.String })
/** A council postponed its decision. */
export const Postponed = Schema.TaggedStruct("Postponed", {
  municipality: MunicipalityCode,
  name: Schema.String,
  date: Day,
})
/** A council rejected the plan. */
export const Rejected = Schema.TaggedStruct("Rejected", {
  municipality: MunicipalityCode,
  name: Schema.String,
  date: Day,
})
/** The step's date lies before the date of the step it follows. */
export const TooEarly = Schema.TaggedStruct("TooEarly", { step: Step, date: Day, previous: Day })
/** A plan was said to supersede itself. */
export const SupersedesItself = Schema.TaggedStruct("SupersedesItself", {})

/** Why a step was refused. */
export const Reason = Schema.Union([NotAllowed, NotDecided, Postponed, Rejected, TooEarly, SupersedesItself])
export type Reason = typeof Reason.Type

const stageEn: Record<Stage, string> = {
  Draft: "a draft",
  Released: "released",
  Adopted: "adopted",
  InExecution: "in execution",
  Evaluated: "evaluated",
  Superseded: "superseded",
}
const stageNl: Record<Stage, string> = {
  Draft: "een concept",
  Released: "vrijgegeven",
  Adopted: "vastgesteld",
  InExecution: "in uitvoering",
  Evaluated: "geëvalueerd",
  Superseded: "vervangen",
}
const stepEn: Record<Step, string> = {
  release: "released",
  adopt: "adopted",
  "start-execution": "put into execution",
  evaluate: "evaluated",
  supersede: "superseded",
}
const stepNl: Record<Step, string> = {
  release: "vrijgegeven",
  adopt: "vastgesteld",
  "start-execution": "in uitvoering genomen",
  evaluate: "geëvalueerd",
  supersede: "vervangen",
}

/** A reason in English, e.g. "Laren has not decided yet". */
export const describe = (reason: Reason): string => {
  switch (reason._tag) {
    case "NotAllowed":
      return `a plan that is ${stageEn[reason.stage]} cannot be ${stepEn[reason.step]}`
    case "NotDecided":
      return `${reason.name} has not decided yet`
    case "Postponed":
      return `${reason.name} postponed its decision on ${reason.date}`
    case "Rejected":
      return `${reason.name} rejected the plan on ${reason.date}`
    case "TooEarly":
      return `the plan cannot be ${stepEn[reason.step]} on ${reason.date}, before the previous step on ${reason.previous}`
    case "SupersedesItself":
      return "a plan cannot supersede itself"
  }
}

/** A reason in Dutch, for the dashboard, e.g. "Laren heeft nog niet besloten". */
export const describeNl = (reason: Reason): string => {
  switch (reason._tag) {
    case "NotAllowed":
      return `een plan dat ${stageNl[reason.stage]} is, kan niet worden ${stepNl[reason.step]}`
    case "NotDecided":
      return `${reason.name} heeft nog niet besloten`
    case "Postponed":
      return `${reason.name} heeft het besluit op ${reason.date} aangehouden`
    case "Rejected":
      return `${reason.name} heeft het plan op ${reason.date} verworpen`
    case "TooEarly":
      return `het plan kan niet op ${reason.date} worden ${stepNl[reason.step]}, vóór de vorige stap op ${reason.previous}`
    case "SupersedesItself":
      return "een plan kan zichzelf niet vervangen"
  }
}

/** A lifecycle step was refused; `reasons` says why, `message` (English) and `messageNl` (Dutch) read as sentences. */
export class PlanTransitionRefused extends Schema.TaggedError<PlanTransitionRefused>()("PlanTransitionRefused", {
  plan: PlanId,
  step: Step,
  reasons: Schema.NonEmptyArray(Reason),
}) {
  override get message(): string {
    return `${this.plan} cannot be ${stepEn[this.step]}: ${this.reasons.map(describe).join("; ")}`
  }
  /** The same in Dutch. */
  get messageNl(): string {
    return `${this.plan} kan niet worden ${stepNl[this.step]}: ${this.reasons.map(describeNl).join("; ")}`
  }
}

/** Where one council stands on a plan on a date. */
export const Standing = Schema.Literals(["adopted", "pending", "rejected"])
export type Standing = typeof Standing.Type

/** One council's standing, with the decision it rests on (absent when the council has not decided). */
export class CouncilStanding extends Schema.Class<CouncilStanding>("CouncilStanding")({
  municipality: MunicipalityCode,
  name: Schema.String,
  standing: Standing,
  decision: Schema.optionalKey(CouncilDecision.CouncilDecision),
}) {}

/** Where every council that decides on a plan stands on a date, and whether that makes the plan adopted. */
export class AdoptionStatus extends Schema.Class<AdoptionStatus>("AdoptionStatus")({
  plan: PlanId,
  on: Day,
  councils: Schema.Array(CouncilStanding),
  /** True when every council listed has adopted (and there is at least one). */
  adopted: Schema.Boolean,
}) {}

/** What adoption is judged on: the plan, its region, names for the councils, and the decisions so far. */
export interface AdoptionInput {
  readonly plan: Plan.Plan
  readonly region: Membership.HasMemberships
  readonly municipalities: ReadonlyArray<Municipality.Municipality>
  readonly decisions: ReadonlyArray<CouncilDecision.CouncilDecision>
}

/** Where the councils stand on `on`: only councils that are members on that date (and named by the plan) count. */
export const adoptionStatus = (input: AdoptionInput, on: CalendarDate.CalendarDate): AdoptionStatus => {
  const councils = Plan.councilsOn(input.plan, input.region, on).map((municipality) => {
    const name = Municipality.nameOf(input.municipalities, municipality)
    const decision = CouncilDecision.latest(input.decisions, input.plan.id, municipality, on)
    if (Option.isNone(decision)) return new CouncilStanding({ municipality, name, standing: "pending" })
    const standing: Standing = CouncilDecision.adopts(decision.value.outcome)
      ? "adopted"
      : decision.value.outcome === "rejected"
        ? "rejected"
        : "pending"
    return new CouncilStanding({ municipality, name, standing, decision: decision.value })
  })
  return new AdoptionStatus({
    plan: input.plan.id,
    on,
    councils,
    adopted: councils.length > 0 && councils.every((c) => c.standing === "adopted"),
  })
}

/** The first day on which the plan counts as adopted, judged on the decision dates; none if it never does. */
export const adoptionDate = (input: AdoptionInput): Option.Option<CalendarDate.CalendarDate> => {
  const dates = [...new Set(input.decisions.filter((d) => d.plan === input.plan.id).map((d) => d.date))].sort()
  return Option.fromNullishOr(dates.find((date) => adoptionStatus(input, date).adopted))
}

const refuse = (plan: PlanId, step: Step, reasons: readonly [Reason, ...Array<Reason>]) =>
  Result.fail(new PlanTransitionRefused({ plan, step, reasons }))

const notAllowed = (plan: PlanId, step: Step, status: Status) =>
  refuse(plan, step, [NotAllowed.make({ step, stage: status._tag })])

const tooEarly = (plan: PlanId, step: Step, date: CalendarDate.CalendarDate, previous: CalendarDate.CalendarDate) =>
  refuse(plan, step, [TooEarly.make({ step, date, previous })])

/** Releases a draft plan for decision-making on `on`. */
export const release = (
  plan: PlanId,
  status: Status,
  on: CalendarDate.CalendarDate,
): Result.Result<Status, PlanTransitionRefused> =>
  status._tag === "Draft" ? Result.succeed(Released.make({ releasedOn: on })) : notAllowed(plan, "release", status)

/** Adopts a released plan on `on`, if every council that decides on it on that date has adopted it. */
export const adopt = (
  status: Status,
  input: AdoptionInput,
  on: CalendarDate.CalendarDate,
): Result.Result<Status, PlanTransitionRefused> => {
  const plan = input.plan.id
  if (status._tag !== "Released") return notAllowed(plan, "adopt", status)
  if (on < status.releasedOn) return tooEarly(plan, "adopt", on, status.releasedOn)
  const standing = adoptionStatus(input, on)
  const reasons: Array<Reason> = standing.councils.flatMap((c): Array<Reason> => {
    if (c.standing === "adopted") return []
    if (c.decision === undefined) return [NotDecided.make({ municipality: c.municipality, name: c.name })]
    const detail = { municipality: c.municipality, name: c.name, date: c.decision.date }
    return [c.standing === "rejected" ? Rejected.make(detail) : Postponed.make(detail)]
  })
  const [first, ...rest] = reasons
  if (first !== undefined) return refuse(plan, "adopt", [first, ...rest])
  if (!standing.adopted) return notAllowed(plan, "adopt", status)
  return Result.succeed(Adopted.make({ releasedOn: status.releasedOn, adoptedOn: on }))
}

/** Starts carrying out an adopted plan on `on`. */
export const startExecution = (
  plan: PlanId,
  status: Status,
  on: CalendarDate.CalendarDate,
): Result.Result<Status, PlanTransitionRefused> => {
  if (status._tag !== "Adopted") return notAllowed(plan, "start-execution", status)
  if (on < status.adoptedOn) return tooEarly(plan, "start-execution", on, status.adoptedOn)
  return Result.succeed(InExecution.make({ ...status, _tag: "InExecution", executionFrom: on }))
}

/** Records the evaluation of a plan in execution on `on`. */
export const evaluate = (
  plan: PlanId,
  status: Status,
  on: CalendarDate.CalendarDate,
): Result.Result<Status, PlanTransitionRefused> => {
  if (status._tag !== "InExecution") return notAllowed(plan, "evaluate", status)
  if (on < status.executionFrom) return tooEarly(plan, "evaluate", on, status.executionFrom)
  return Result.succeed(Evaluated.make({ ...status, _tag: "Evaluated", evaluatedOn: on }))
}

/** Records that plan `by` replaces a plan in execution or evaluated, from `on`. */
export const supersede = (
  plan: PlanId,
  status: Status,
  by: PlanId,
  on: CalendarDate.CalendarDate,
): Result.Result<Status, PlanTransitionRefused> => {
  if (status._tag !== "InExecution" && status._tag !== "Evaluated") return notAllowed(plan, "supersede", status)
  if (by === plan) return refuse(plan, "supersede", [SupersedesItself.make({})])
  if (on < status.executionFrom) return tooEarly(plan, "supersede", on, status.executionFrom)
  return Result.succeed(Superseded.make({ ...status, _tag: "Superseded", supersededOn: on, supersededBy: by }))
}
