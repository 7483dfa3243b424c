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
import * as Membership from "./Membership.js"
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
const stageInSentenceNl: Record<Stage, string> = {
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

/** A reason in Dutch, for the dashboard, e.g. "Laren heeft nog niet besloten", with Dutch dates. */
export const describeNl = (reason: Reason): string => {
  switch (reason._tag) {
    case "NotAllowed":
      return `een plan dat ${stageInSentenceNl[reason.stage]} is, kan niet worden ${stepNl[reason.step]}`
    case "NotDecided":
      return `${reason.name} heeft nog niet besloten`
    case "Postponed":
      return `${reason.name} heeft het besluit op ${CalendarDate.formatNl(reason.date)} aangehouden`
    case "Rejected":
      return `${reason.name} heeft het plan op ${CalendarDate.formatNl(reason.date)} verworpen`
    case "TooEarly":
      return `het plan kan niet op ${CalendarDate.formatNl(reason.date)} worden ${stepNl[reason.step]}, vóór de vorige stap op ${CalendarDate.formatNl(reason.previous)}`
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
  /**
   * For a municipality that joined the region after the plan was adopted: the day it joined. It adopts the running
   * plan by its own council decision; until then the plan stays adopted and only its own standing is open.
   */
  joinedOn: Schema.optionalKey(Day),
}) {}

/** Where every council that decides on a plan stands on a date, and whether that makes the plan adopted. */
export class AdoptionStatus extends Schema.Class<AdoptionStatus>("AdoptionStatus")({
  plan: PlanId,
  on: Day,
  councils: Schema.Array(CouncilStanding),
  /**
   * True when every council listed that is no joiner has adopted (and there is at least one): a municipality that
   * joined after the adoption (`joinedOn`) does not make the running plan unadopted.
   */
  adopted: Schema.Boolean,
}) {}

/** What adoption is judged on: the plan, its region, names for the councils, and the decisions so far. */
export interface AdoptionInput {
  readonly plan: Plan.Plan
  readonly region: Membership.HasMemberships
  readonly municipalities: ReadonlyArray<Municipality.Municipality>
  readonly decisions: ReadonlyArray<CouncilDecision.CouncilDecision>
}

const standingOf = (input: AdoptionInput, municipality: MunicipalityCode, on: CalendarDate.CalendarDate) => {
  const name = Municipality.nameOf(input.municipalities, municipality)
  const decision = CouncilDecision.latest(input.decisions, input.plan.id, municipality, on)
  if (Option.isNone(decision)) return { municipality, name, standing: "pending" as Standing }
  const standing: Standing = CouncilDecision.adopts(decision.value.outcome)
    ? "adopted"
    : decision.value.outcome === "rejected"
      ? "rejected"
      : "pending"
  return { municipality, name, standing, decision: decision.value }
}

/** Whether every council that decides on `on` (the members on that day) has adopted: the rule without joiners. */
const adoptedByMembersOn = (input: AdoptionInput, on: CalendarDate.CalendarDate): boolean => {
  const councils = Plan.councilsOn(input.plan, input.region, on)
  return councils.length > 0 && councils.every((m) => standingOf(input, m, on).standing === "adopted")
}

/**
 * The first day on which every council that was a member that day had adopted the plan, judged on the decision dates;
 * none if there never was one. Municipalities that join later are joiners of a running plan.
 */
export const adoptionDate = (input: AdoptionInput): Option.Option<CalendarDate.CalendarDate> => {
  const dates = [...new Set(input.decisions.filter((d) => d.plan === input.plan.id).map((d) => d.date))].sort()
  return Option.fromNullishOr(dates.find((date) => adoptedByMembersOn(input, date)))
}

/** The first day of the membership of `municipality` that covers `on` (when it has a start). */
const joinedOn = (
  region: Membership.HasMemberships,
  municipality: MunicipalityCode,
  on: CalendarDate.CalendarDate,
): CalendarDate.CalendarDate | undefined =>
  region.memberships.find((m) => m.municipality === municipality && Membership.covers(m, on))?.from

/**
 * Where the councils stand on `on`: only councils that are members on that date (and named by the plan) count. A
 * municipality that was no member on the day the plan was adopted (`adoptionDate`) but is one on `on` joined a
 * running plan: it is listed with `joinedOn` and its own standing, and does not make the plan unadopted.
 */
export const adoptionStatus = (input: AdoptionInput, on: CalendarDate.CalendarDate): AdoptionStatus => {
  const adoptedOn = Option.getOrUndefined(adoptionDate(input))
  const founded = adoptedOn !== undefined && adoptedOn <= on
  const councils = Plan.councilsOn(input.plan, input.region, on).map((municipality) => {
    const standing = standingOf(input, municipality, on)
    const joiner = founded && !Membership.isMemberOn(input.region, municipality, adoptedOn)
    const joined = joiner ? joinedOn(input.region, municipality, on) : undefined
    return new CouncilStanding(joiner && joined !== undefined ? { ...standing, joinedOn: joined } : standing)
  })
  const deciding = councils.filter((c) => c.joinedOn === undefined)
  return new AdoptionStatus({
    plan: input.plan.id,
    on,
    councils,
    adopted: deciding.length > 0 && deciding.every((c) => c.standing === "adopted"),
  })
}

/**
 * Why the councils that have not adopted (by their latest decision) stand in the way: none when all adopted. A joiner
 * of a running plan stands in no one's way; `joinersNl` tells where it stands.
 */
export const openReasons = (adoption: AdoptionStatus): Array<Reason> =>
  adoption.councils.flatMap((c): Array<Reason> => {
    if (c.standing === "adopted" || c.joinedOn !== undefined) return []
    if (c.decision === undefined) return [NotDecided.make({ municipality: c.municipality, name: c.name })]
    const detail = { municipality: c.municipality, name: c.name, date: c.decision.date }
    return [c.standing === "rejected" ? Rejected.make(detail) : Postponed.make(detail)]
  })

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
  const [first, ...rest] = openReasons(standing)
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

// ---- the status in Dutch ---------------------------------------------------------------------------------------

/** What the status sentence is judged on: the adoption input and where the plan stands in its lifecycle. */
export interface StatusInput extends AdoptionInput {
  readonly status: Status
}

/** Whether `today` lies after the plan's last day. */
export const hasEnded = (plan: Plan.Plan, today: CalendarDate.CalendarDate): boolean => today > Plan.endsOn(plan)

/**
 * The plan's stage as a short Dutch label for a badge: "In voorbereiding", "Vrijgegeven voor besluitvorming",
 * "Vastgesteld", "In uitvoering", "Geëvalueerd", "Vervangen", and "Afgelopen" for an adopted plan or one in execution
 * whose last year is over (it is no longer being carried out, whatever was last recorded).
 */
export const stageNl = (plan: Plan.Plan, status: Status, today: CalendarDate.CalendarDate): string => {
  switch (status._tag) {
    case "Draft":
      return "In voorbereiding"
    case "Released":
      return "Vrijgegeven voor besluitvorming"
    case "Adopted":
      return hasEnded(plan, today) ? "Afgelopen" : "Vastgesteld"
    case "InExecution":
      return hasEnded(plan, today) ? "Afgelopen" : "In uitvoering"
    case "Evaluated":
      return "Geëvalueerd"
    case "Superseded":
      return "Vervangen"
  }
}

const nl = CalendarDate.formatNl

/** The plan's years in Dutch, told from `today`: it begins, runs, or ran and is over. */
export const yearsNl = (plan: Plan.Plan, today: CalendarDate.CalendarDate): string => {
  const span = `van ${plan.firstYear} tot en met ${plan.lastYear}`
  if (hasEnded(plan, today)) return `Het plan liep ${span} en is afgelopen.`
  if (today < Plan.startsOn(plan)) return `Het plan loopt ${span} en begint op ${nl(Plan.startsOn(plan))}.`
  return `Het plan loopt ${span}.`
}

const councilsNl = (n: number): string => (n === 1 ? "1 gemeenteraad" : `${n} gemeenteraden`)

/**
 * Where each municipality that joined the running plan stands, in Dutch: "Huizen is op 1 januari 2025 toegetreden en
 * heeft het lopende plan op 3 maart 2025 vastgesteld." Empty when none joined.
 */
export const joinersNl = (adoption: AdoptionStatus): string =>
  adoption.councils
    .flatMap((c) => {
      if (c.joinedOn === undefined) return []
      const joined = `${c.name} is op ${nl(c.joinedOn)} tot de regio toegetreden en heeft`
      if (c.decision === undefined) return [`${joined} nog niet over het lopende plan besloten.`]
      const verb = c.standing === "adopted" ? "vastgesteld" : c.standing === "rejected" ? "verworpen" : "aangehouden"
      return [`${joined} het lopende plan op ${nl(c.decision.date)} ${verb}.`]
    })
    .join(" ")

/**
 * Where the councils stand today, by each council's latest decision: "Vastgesteld door alle 7 gemeenteraden" only
 * when every one of them adopts; otherwise how many adopt and what the others decided. Joiners of the running plan
 * are told apart (`joinersNl`).
 */
const adoptionNl = (adoption: AdoptionStatus, adoptedOn: CalendarDate.CalendarDate): string => {
  const deciding = adoption.councils.filter((c) => c.joinedOn === undefined)
  const n = deciding.length
  const joiners = joinersNl(adoption)
  const withJoiners = (sentence: string) => (joiners === "" ? sentence : `${sentence} ${joiners}`)
  if (n === 0) return "Er is geen gemeenteraad die over het plan beslist."
  if (adoption.adopted) {
    const last = deciding.reduce<CalendarDate.CalendarDate>(
      (max, c) => (c.decision !== undefined && c.decision.date > max ? c.decision.date : max),
      adoptedOn,
    )
    return withJoiners(
      n === 1
        ? `Vastgesteld door de gemeenteraad van ${deciding[0]?.name}; het laatste besluit was op ${nl(last)}.`
        : `Vastgesteld door alle ${n} gemeenteraden; het laatste besluit was op ${nl(last)}.`,
    )
  }
  const adopting = deciding.filter((c) => c.standing === "adopted").length
  return withJoiners(
    `Het plan is op ${nl(adoptedOn)} vastgesteld, maar volgens de laatste besluiten hebben nu ${adopting} van de ${councilsNl(n)} het vastgesteld: ${openReasons(adoption).map(describeNl).join("; ")}.`,
  )
}

/**
 * The plan's status as Dutch sentences for residents and council members, judged on `today`: what stage it is in
 * since when, where the councils stand by each one's latest decision, and whether its years are still to come,
 * running or over. Dates are written the Dutch way. The stage's short label is `stageNl`.
 */
export const statusNl = (input: StatusInput, today: CalendarDate.CalendarDate): string => {
  const status = input.status
  const adoption = adoptionStatus(input, today)
  const n = adoption.councils.length
  const years = yearsNl(input.plan, today)
  switch (status._tag) {
    case "Draft":
      return `Het plan wordt geschreven en is nog niet aan de gemeenteraden voorgelegd. ${years}`
    case "Released": {
      const adopting = adoption.councils.filter((c) => c.standing === "adopted").length
      const open = openReasons(adoption)
      const rest =
        n === 0
          ? " Er is geen gemeenteraad die over het plan beslist."
          : open.length === 0
            ? " Alle gemeenteraden hebben het plan vastgesteld; de vaststelling kan worden vastgelegd."
            : ` Nog open: ${open.map(describeNl).join("; ")}.`
      return `Op ${nl(status.releasedOn)} aan de gemeenteraden voorgelegd; ${adopting} van de ${councilsNl(n)} ${adopting === 1 ? "heeft" : "hebben"} het plan vastgesteld.${rest} ${years}`
    }
    case "Adopted":
      return `${adoptionNl(adoption, status.adoptedOn)} ${years}`
    case "InExecution":
      return `In uitvoering genomen op ${nl(status.executionFrom)}. ${adoptionNl(adoption, status.adoptedOn)} ${years}`
    case "Evaluated":
      return `In uitvoering genomen op ${nl(status.executionFrom)} en geëvalueerd op ${nl(status.evaluatedOn)}. ${adoptionNl(adoption, status.adoptedOn)} ${years}`
    case "Superseded":
      return `Vervangen door een ander plan op ${nl(status.supersededOn)}. ${adoptionNl(adoption, status.adoptedOn)} ${years}`
  }
}
