/**
 * Amendments of a plan in execution. Once the councils have adopted a plan its text is fixed; the region may still
 * amend its indicators and targets, each time with a date and a reason. An amendment renames or redefines an
 * indicator, changes a target's value for a period, or adds a target. It is kept with what changed from → to, so the
 * plan as it stood on any earlier date stays readable (`asOn`). Every refusal is a Dutch sentence.
 */
import { Result, Schema } from "effect"
import * as CalendarDate from "./CalendarDate.js"
import { formatDate } from "./CouncilLetter.js"
import { IndicatorId, PlanId } from "./Ids.js"
import * as Indicator from "./Indicator.js"
import * as Period from "./Period.js"
import type * as Plan from "./Plan.js"
import type * as PlanLifecycle from "./PlanLifecycle.js"
import * as Target from "./Target.js"
import * as Text from "./Text.js"

/** The most characters of an amendment's reason. */
export const reasonMax = 2000

/** The most changes one amendment makes. */
export const changesMax = 50

/** Why the plan is amended: Dutch free text a council member reads, required, at most `reasonMax` characters. */
export const Reason = Text.bounded(reasonMax).check(
  Schema.makeFilter((s: string) => s.trim().length > 0 || "verwacht de reden van de wijziging"),
)

const nonEmptyLine = Text.Line.check(
  Schema.makeFilter((s: string) => s.trim().length > 0 || "verwacht een naam die niet leeg is"),
)
const nonEmptyParagraphs = Text.Paragraphs.check(
  Schema.makeFilter((s: string) => s.trim().length > 0 || "verwacht een definitie die niet leeg is"),
)

/** Renames or redefines an indicator of the plan (at least one of the two). */
const IndicatorChange = Schema.TaggedStruct("IndicatorChange", {
  indicator: IndicatorId,
  name: Schema.optionalKey(nonEmptyLine),
  definition: Schema.optionalKey(nonEmptyParagraphs),
})
/** Sets another value for a target the plan has for an indicator and period. */
const TargetChange = Schema.TaggedStruct("TargetChange", {
  indicator: IndicatorId,
  period: Period.Period,
  value: Schema.Finite,
})
/** Adds a target for an indicator and a period the plan has no target for yet. */
const TargetAdded = Schema.TaggedStruct("TargetAdded", {
  indicator: IndicatorId,
  period: Period.Period,
  value: Schema.Finite,
  baseline: Schema.optionalKey(Target.Baseline),
})
/** One change an amendment makes. */
export const Change = Schema.Union([IndicatorChange, TargetChange, TargetAdded])
export type Change = typeof Change.Type

/** What the region asks: amend `plan` on `date` for `reason` with these changes. */
export const Request = Schema.Struct({
  plan: PlanId,
  date: CalendarDate.CalendarDate,
  reason: Reason,
  changes: Schema.Array(Change).check(
    Schema.isMinLength(1, { message: "verwacht ten minste één wijziging" }),
    Schema.isMaxLength(changesMax, { message: `verwacht ten hoogste ${changesMax} wijzigingen` }),
  ),
})
export type Request = typeof Request.Type

/** An indicator's name, from → to. */
const IndicatorName = Schema.TaggedStruct("IndicatorName", {
  indicator: IndicatorId,
  from: Schema.String,
  to: Schema.String,
})
/** An indicator's definition, from → to. */
const IndicatorDefinition = Schema.TaggedStruct("IndicatorDefinition", {
  indicator: IndicatorId,
  from: Schema.String,
  to: Schema.String,
})
/** A target's value for a period, from → to; `from` is null when the amendment added the target. */
const TargetValue = Schema.TaggedStruct("TargetValue", {
  indicator: IndicatorId,
  period: Period.Period,
  from: Schema.NullOr(Schema.Finite),
  to: Schema.Finite,
  baseline: Schema.optionalKey(Target.Baseline),
})
/** One thing an amendment changed, with its value before and after. */
export const Difference = Schema.Union([IndicatorName, IndicatorDefinition, TargetValue])
export type Difference = typeof Difference.Type

/** An amendment as kept: its number within the plan (1, 2, …), date, reason and what changed from → to. */
export class Amendment extends Schema.Class<Amendment>("Amendment")({
  plan: PlanId,
  number: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  date: CalendarDate.CalendarDate,
  reason: Reason,
  differences: Schema.NonEmptyArray(Difference),
}) {}

const formatValue = (value: number): string => value.toLocaleString("nl-NL", { maximumFractionDigits: 4 })

/**
 * A difference in Dutch, naming the indicator by `name` (its id when not given), e.g.
 * `streefwaarde van Huisuitzettingen voor 2025: 20 → 15`.
 */
export const describeNl = (d: Difference, name: string = d.indicator): string => {
  switch (d._tag) {
    case "IndicatorName":
      return `naam van indicator „${d.from}” gewijzigd in „${d.to}”`
    case "IndicatorDefinition":
      return `definitie van ${name} gewijzigd`
    case "TargetValue":
      return d.from === null
        ? `streefwaarde van ${name} voor ${d.period} toegevoegd: ${formatValue(d.to)}`
        : `streefwaarde van ${name} voor ${d.period}: ${formatValue(d.from)} → ${formatValue(d.to)}`
  }
}

/** Amendments of one plan, newest first (by date, then number). */
export const newestFirst = (amendments: ReadonlyArray<Amendment>, plan: PlanId): ReadonlyArray<Amendment> =>
  amendments
    .filter((a) => a.plan === plan)
    .toSorted((a, b) => (a.date === b.date ? b.number - a.number : a.date < b.date ? 1 : -1))

// ---- refusals ----------------------------------------------------------------------------------------------------

const stageNl: Record<PlanLifecycle.Stage, string> = {
  Draft: "een concept",
  Released: "vrijgegeven aan de raden",
  Adopted: "vastgesteld maar nog niet in uitvoering",
  InExecution: "in uitvoering",
  Evaluated: "geëvalueerd",
  Superseded: "vervangen",
}

/** The plan is not in execution. */
const NotInExecution = Schema.TaggedStruct("NotInExecution", { stage: Schema.String })
/** The amendment's date lies before the plan's adoption. */
const BeforeAdoption = Schema.TaggedStruct("BeforeAdoption", {
  date: CalendarDate.CalendarDate,
  adoptedOn: CalendarDate.CalendarDate,
})
/** The amendment's date lies after today. */
const InFuture = Schema.TaggedStruct("InFuture", {
  date: CalendarDate.CalendarDate,
  today: CalendarDate.CalendarDate,
})
/** The amendment's date lies before the plan's latest amendment. */
const BeforePrevious = Schema.TaggedStruct("BeforePrevious", {
  date: CalendarDate.CalendarDate,
  previous: CalendarDate.CalendarDate,
})
/** The plan has no indicator with this id. */
const UnknownIndicator = Schema.TaggedStruct("UnknownIndicator", { indicator: Schema.String })
/** An indicator change changes neither name nor definition. */
const NothingToChange = Schema.TaggedStruct("NothingToChange", { indicator: Schema.String })
/** The plan has no target for this indicator and period (to add one, use a new target). */
const UnknownTarget = Schema.TaggedStruct("UnknownTarget", { indicator: Schema.String, period: Schema.String })
/** The plan already has a target for this indicator and period (to change it, use a changed target). */
const TargetExists = Schema.TaggedStruct("TargetExists", { indicator: Schema.String, period: Schema.String })
/** A target's period lies outside the plan's years. */
const OutsidePlan = Schema.TaggedStruct("OutsidePlan", {
  period: Schema.String,
  firstYear: Schema.Int,
  lastYear: Schema.Int,
})
/** A target's period had ended by the amendment's date: a target is not changed after the fact. */
const PeriodOver = Schema.TaggedStruct("PeriodOver", { period: Schema.String, date: Schema.String })
/** A target value that no indicator can have: below zero, or beyond any count of people or days. */
const ImpossibleValue = Schema.TaggedStruct("ImpossibleValue", { value: Schema.Number })
/** The change leaves everything as it was. */
const Unchanged = Schema.TaggedStruct("Unchanged", { what: Schema.String })

/** Why an amendment was refused. */
export const Refusal = Schema.Union([
  NotInExecution,
  BeforeAdoption,
  InFuture,
  BeforePrevious,
  UnknownIndicator,
  NothingToChange,
  UnknownTarget,
  TargetExists,
  OutsidePlan,
  PeriodOver,
  ImpossibleValue,
  Unchanged,
])
export type Refusal = typeof Refusal.Type

/** A refusal in Dutch. */
export const refusalNl = (r: Refusal): string => {
  switch (r._tag) {
    case "NotInExecution":
      return `alleen een plan in uitvoering kan worden gewijzigd; dit plan is ${stageNl[r.stage as PlanLifecycle.Stage] ?? r.stage}`
    case "BeforeAdoption":
      return `de datum ${formatDate(r.date)} ligt vóór de vaststelling van het plan op ${formatDate(r.adoptedOn)}`
    case "InFuture":
      return `de datum ${formatDate(r.date)} ligt in de toekomst (vandaag is het ${formatDate(r.today)})`
    case "BeforePrevious":
      return `de datum ${formatDate(r.date)} ligt vóór de vorige wijziging van het plan op ${formatDate(r.previous)}`
    case "UnknownIndicator":
      return `het plan heeft geen indicator ${r.indicator}`
    case "NothingToChange":
      return `de wijziging van indicator ${r.indicator} noemt geen nieuwe naam en geen nieuwe definitie`
    case "UnknownTarget":
      return `het plan heeft geen streefwaarde voor ${r.indicator} in ${r.period}; voeg er een toe`
    case "TargetExists":
      return `het plan heeft al een streefwaarde voor ${r.indicator} in ${r.period}; wijzig die`
    case "OutsidePlan":
      return `de periode ${r.period} valt buiten de jaren van het plan (${r.firstYear} tot en met ${r.lastYear})`
    case "PeriodOver":
      return `de periode ${r.period} was op ${formatDate(r.date as CalendarDate.CalendarDate)} al voorbij; een streefwaarde wordt niet achteraf gewijzigd`
    case "ImpossibleValue":
      return `${formatValue(r.value)} kan geen streefwaarde zijn: een streefwaarde ligt tussen 0 en 1 miljard`
    case "Unchanged":
      return `${r.what} blijft gelijk; er is niets te wijzigen`
  }
}

/** An amendment was refused; `message` says why in Dutch, naming the change (`wijziging 2`) where one is at fault. */
export class AmendmentRefused extends Schema.TaggedError<AmendmentRefused>()("AmendmentRefused", {
  plan: PlanId,
  /** Per reason, the 1-based number of the change it is about, or 0 for the amendment as a whole. */
  reasons: Schema.NonEmptyArray(Schema.Struct({ change: Schema.Int, refusal: Refusal })),
}) {
  override get message(): string {
    const parts = this.reasons.map((r) =>
      r.change === 0 ? refusalNl(r.refusal) : `wijziging ${r.change}: ${refusalNl(r.refusal)}`,
    )
    return `De wijziging van plan ${this.plan} is geweigerd: ${parts.join("; ")}.`
  }
}

/** Why a plan that left the draft stage cannot be edited directly, in Dutch, pointing to what can be done. */
export const editRefusedNl = (plan: string, stage: PlanLifecycle.Stage): string =>
  stage === "InExecution"
    ? `Plan ${plan} is in uitvoering en kan niet meer rechtstreeks worden bewerkt. Leg een wijziging vast met een datum en een reden; alleen indicatoren en streefwaarden kunnen worden gewijzigd.`
    : `Plan ${plan} is ${stageNl[stage]} en kan niet meer worden bewerkt; alleen een concept kan worden bewerkt.`

// ---- applying --------------------------------------------------------------------------------------------------

/** What an amendment is judged against: the plan, its status, its current indicators and targets, and the amendments so far. */
export interface State {
  readonly plan: Plan.Plan
  readonly status: PlanLifecycle.Status
  readonly indicators: ReadonlyArray<Indicator.Indicator>
  readonly targets: ReadonlyArray<Target.Target>
  readonly amendments: ReadonlyArray<Amendment>
}

/** An amendment accepted: the record to keep, and the indicators and targets to store in place of the current ones. */
export interface Applied {
  readonly amendment: Amendment
  readonly indicators: ReadonlyArray<Indicator.Indicator>
  readonly targets: ReadonlyArray<Target.Target>
}

const targetKey = (indicator: string, period: string): string => `${indicator}\u0000${period}`

/**
 * Applies `request` to the plan on `today`, or refuses it with every reason at once. Changes apply in order, so a
 * later change in the same amendment sees an earlier one.
 */
export const apply = (
  state: State,
  request: Request,
  today: CalendarDate.CalendarDate,
): Result.Result<Applied, AmendmentRefused> => {
  const reasons: Array<{ change: number; refusal: Refusal }> = []
  const whole = (refusal: Refusal) => reasons.push({ change: 0, refusal })
  const status = state.status
  if (status._tag !== "InExecution") whole(NotInExecution.make({ stage: status._tag }))
  else if (request.date < status.adoptedOn)
    whole(BeforeAdoption.make({ date: request.date, adoptedOn: status.adoptedOn }))
  if (request.date > today) whole(InFuture.make({ date: request.date, today }))
  const previous = newestFirst(state.amendments, state.plan.id)[0]
  if (previous !== undefined && request.date < previous.date)
    whole(BeforePrevious.make({ date: request.date, previous: previous.date }))

  const indicators = new Map(state.indicators.map((i) => [i.id as string, i]))
  const targets = new Map(state.targets.map((t) => [targetKey(t.indicator, t.period), t]))
  const touchedIndicators = new Set<string>()
  const touchedTargets = new Set<string>()
  const differences: Array<Difference> = []

  for (const [i, change] of request.changes.entries()) {
    const refuse = (refusal: Refusal): void => {
      reasons.push({ change: i + 1, refusal })
    }
    const indicator = indicators.get(change.indicator)
    if (indicator === undefined) {
      refuse(UnknownIndicator.make({ indicator: change.indicator }))
      continue
    }
    switch (change._tag) {
      case "IndicatorChange": {
        if (change.name === undefined && change.definition === undefined) {
          refuse(NothingToChange.make({ indicator: change.indicator }))
          continue
        }
        const name = change.name ?? indicator.name
        const definition = change.definition ?? indicator.definition
        if (name === indicator.name && definition === indicator.definition) {
          refuse(Unchanged.make({ what: `indicator ${change.indicator}` }))
          continue
        }
        if (name !== indicator.name)
          differences.push(IndicatorName.make({ indicator: change.indicator, from: indicator.name, to: name }))
        if (definition !== indicator.definition)
          differences.push(
            IndicatorDefinition.make({ indicator: change.indicator, from: indicator.definition, to: definition }),
          )
        indicators.set(change.indicator, Indicator.Indicator.make({ ...indicator, name, definition }))
        touchedIndicators.add(change.indicator)
        continue
      }
      case "TargetChange":
      case "TargetAdded": {
        const { firstYear, lastYear } = state.plan
        const year = Period.parts(change.period).year
        if (year < firstYear || year > lastYear) {
          refuse(OutsidePlan.make({ period: change.period, firstYear, lastYear }))
          continue
        }
        if (Period.end(change.period) < request.date) {
          refuse(PeriodOver.make({ period: change.period, date: request.date }))
          continue
        }
        if (!(change.value >= 0 && change.value <= 1_000_000_000)) {
          refuse(ImpossibleValue.make({ value: change.value }))
          continue
        }
        const key = targetKey(change.indicator, change.period)
        const current = targets.get(key)
        if (change._tag === "TargetChange") {
          if (current === undefined) {
            refuse(UnknownTarget.make({ indicator: change.indicator, period: change.period }))
            continue
          }
          if (current.value === change.value) {
            refuse(Unchanged.make({ what: `de streefwaarde van ${change.indicator} in ${change.period}` }))
            continue
          }
          differences.push(
            TargetValue.make({
              indicator: change.indicator,
              period: change.period,
              from: current.value,
              to: change.value,
            }),
          )
          targets.set(key, new Target.Target({ ...current, value: change.value }))
        } else {
          if (current !== undefined) {
            refuse(TargetExists.make({ indicator: change.indicator, period: change.period }))
            continue
          }
          const added = new Target.Target({
            indicator: change.indicator,
            period: change.period,
            value: change.value,
            ...(change.baseline === undefined ? {} : { baseline: change.baseline }),
          })
          differences.push(
            TargetValue.make({
              indicator: change.indicator,
              period: change.period,
              from: null,
              to: change.value,
              ...(change.baseline === undefined ? {} : { baseline: change.baseline }),
            }),
          )
          targets.set(key, added)
        }
        touchedTargets.add(key)
        continue
      }
    }
  }

  const [first, ...rest] = reasons
  if (first !== undefined) return Result.fail(new AmendmentRefused({ plan: state.plan.id, reasons: [first, ...rest] }))
  const [d0, ...ds] = differences
  // Every accepted change adds at least one difference, and there is at least one change.
  if (d0 === undefined) throw new Error("an accepted amendment changed nothing")
  const number = Math.max(0, ...state.amendments.filter((a) => a.plan === state.plan.id).map((a) => a.number)) + 1
  return Result.succeed({
    amendment: new Amendment({
      plan: state.plan.id,
      number,
      date: request.date,
      reason: request.reason,
      differences: [d0, ...ds],
    }),
    indicators: [...touchedIndicators].flatMap((id) => indicators.get(id) ?? []),
    targets: [...touchedTargets].flatMap((key) => targets.get(key) ?? []),
  })
}

/**
 * The plan's indicators and targets as they stood at the end of `date`: today's values with every amendment dated
 * after `date` undone, newest first. A target an amendment added is absent before it.
 */
export const asOn = (
  current: { readonly indicators: ReadonlyArray<Indicator.Indicator>; readonly targets: ReadonlyArray<Target.Target> },
  amendments: ReadonlyArray<Amendment>,
  date: CalendarDate.CalendarDate,
): { readonly indicators: ReadonlyArray<Indicator.Indicator>; readonly targets: ReadonlyArray<Target.Target> } => {
  const indicators = new Map(current.indicators.map((i) => [i.id as string, i]))
  const targets = new Map(current.targets.map((t) => [targetKey(t.indicator, t.period), t]))
  const undo = amendments.filter((a) => a.date > date).toSorted((a, b) => b.number - a.number)
  for (const amendment of undo) {
    for (const d of [...amendment.differences].reverse()) {
      switch (d._tag) {
        case "IndicatorName":
        case "IndicatorDefinition": {
          const found = indicators.get(d.indicator)
          if (found === undefined) break
          const field = d._tag === "IndicatorName" ? { name: d.from } : { definition: d.from }
          indicators.set(d.indicator, Indicator.Indicator.make({ ...found, ...field }))
          break
        }
        case "TargetValue": {
          const key = targetKey(d.indicator, d.period)
          const found = targets.get(key)
          if (d.from === null) targets.delete(key)
          else if (found !== undefined) targets.set(key, new Target.Target({ ...found, value: d.from }))
          break
        }
      }
    }
  }
  return { indicators: [...indicators.values()], targets: [...targets.values()] }
}
