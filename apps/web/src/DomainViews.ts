/**
 * How the plan's data becomes the dashboard's view data, with every rule taken from `@baken/domain`: plan status and
 * the council table from `PlanLifecycle.adoptionStatus`, progress and its "waarom?" from `Progress`, region figures
 * from `Aggregation` (membership-aware), published cells from `Disclosure.protect` with the audience's rules, budget
 * shares from `Budget.allocate`, the council letter from `CouncilLetter.adoptionLetter`. Pure: the same data and day
 * give the same views, so any `DashboardSource` over domain objects (the demo, or one over the API) can use it.
 */
import {
  Action,
  Aggregation,
  Budget,
  type CalendarDate,
  type CouncilDecision,
  CouncilLetter,
  Disclosure,
  Goal,
  type Indicator,
  Membership,
  Municipality,
  type Partner,
  Period,
  Plan,
  PlanLifecycle,
  Programme,
  Progress,
  type Region,
  type Target,
} from "@baken/domain"
import { Option, Result } from "effect"
import type {
  ActionView,
  BudgetShare,
  Cell,
  CouncilRow,
  DecisionView,
  DisclosureRules,
  GoalView,
  MembershipSpan,
  PlanView,
  ProgrammeSummary,
  ProgressView,
  Series,
  SeriesRow,
} from "./DashboardSource.js"
import * as Schemas from "./DomainSchemas.js"
import * as Format from "./Format.js"

/** Everything the views read: the region and its municipalities, one plan with its parts, decisions and figures. */
export interface PlanState {
  readonly region: Region.Region
  readonly municipalities: ReadonlyArray<Municipality.Municipality>
  /** Every plan, to name the plan of a council decision. */
  readonly plans: ReadonlyArray<Plan.Plan>
  readonly plan: Plan.Plan
  readonly status: PlanLifecycle.Status
  readonly decisions: ReadonlyArray<CouncilDecision.CouncilDecision>
  readonly programmes: ReadonlyArray<Programme.Programme>
  readonly goals: ReadonlyArray<Goal.Goal>
  readonly actions: ReadonlyArray<Action.Action>
  readonly indicators: ReadonlyArray<Indicator.Indicator>
  readonly targets: ReadonlyArray<Target.Target>
  readonly partners: ReadonlyArray<Partner.Partner>
  readonly observations: Aggregation.ObservationIndex
  /** A Dutch benchmark per indicator and period, where one is known. */
  readonly benchmarks: ReadonlyMap<string, ReadonlyMap<string, number>>
}

/** Dutch names of the domain's indicator units. */
export const unitNl: Record<Indicator.Unit, string> = {
  count: "aantal",
  percentage: "procent",
  "per-1000-residents": "per 1.000 inwoners",
  days: "dagen",
  "euro-cents": "eurocent",
  residents: "inwoners",
}

/** A name with its unit, stated once: "Inwoners" stays "Inwoners", not "Inwoners (inwoners)". */
export const withUnit = (name: string, unit: string): string =>
  name.toLowerCase().includes(unit) ? name : `${name} (${unit})`

/** An indicator's name with its Dutch unit, stated once. */
export const nameWithUnit = (indicator: Indicator.Indicator): string => withUnit(indicator.name, unitNl[indicator.unit])

const day = (iso: string): CalendarDate.CalendarDate => Schemas.CalendarDate.make(iso)

/** The disclosure rules the pages explain, from the domain's rules for `audience`. */
export const disclosureRules = (audience: Disclosure.Audience): DisclosureRules => {
  const rules = Disclosure.rulesFor(audience)
  return { threshold: rules.threshold, rounding: rules.roundTo }
}

// ---- plan status -----------------------------------------------------------------------------------------------

const adoptionInput = (state: PlanState): PlanLifecycle.AdoptionInput => ({
  plan: state.plan,
  region: state.region,
  municipalities: state.municipalities,
  decisions: state.decisions,
})

/** Every council that decides on the plan today, by name, with the decision that counts today. */
export const councilRows = (state: PlanState, today: string): ReadonlyArray<CouncilRow> =>
  PlanLifecycle.adoptionStatus(adoptionInput(state), day(today))
    .councils.map((c) => ({
      municipality: c.municipality,
      name: c.name,
      outcome: c.decision?.outcome ?? null,
      date: c.decision?.date ?? null,
      reference: c.decision?.reference ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"))

const stageNl: Record<PlanLifecycle.Stage, string> = {
  Draft: "In voorbereiding",
  Released: "Vrijgegeven voor besluitvorming",
  Adopted: "Vastgesteld",
  InExecution: "In uitvoering",
  Evaluated: "Geëvalueerd",
  Superseded: "Vervangen",
}

/** The plan with its stage and a Dutch sentence on its status, naming what still stands in the way of adoption. */
export const planView = (state: PlanState, today: string): PlanView => {
  const input = adoptionInput(state)
  const councils = PlanLifecycle.adoptionStatus(input, day(today)).councils
  const adopted = councils.filter((c) => c.standing === "adopted").length
  const status = state.status
  const allAdopted = (on: string) =>
    `Vastgesteld door alle ${councils.length} gemeenteraden; het laatste besluit was op ${Format.date(on)}.`
  let sentence: string
  switch (status._tag) {
    case "Draft":
      sentence = "Het plan wordt geschreven en is nog niet aan de gemeenteraden voorgelegd."
      break
    case "Released": {
      const refused = PlanLifecycle.adopt(status, input, day(today))
      const open = Result.isFailure(refused)
        ? ` Nog open: ${refused.failure.reasons.map(PlanLifecycle.describeNl).join("; ")}.`
        : ""
      sentence = `Op ${Format.date(status.releasedOn)} aan de gemeenteraden voorgelegd; ${adopted} van de ${councils.length} gemeenteraden hebben het plan vastgesteld.${open}`
      break
    }
    case "Adopted":
      sentence = allAdopted(status.adoptedOn)
      break
    case "InExecution":
    case "Evaluated":
      sentence = `In uitvoering sinds ${Format.date(status.executionFrom)}. ${allAdopted(status.adoptedOn)}`
      break
    case "Superseded":
      sentence = `Vervangen op ${Format.date(status.supersededOn)}. ${allAdopted(status.adoptedOn)}`
      break
  }
  return {
    id: state.plan.id,
    title: state.plan.title,
    kenmerk: state.plan.kenmerk,
    firstYear: state.plan.firstYear,
    lastYear: state.plan.lastYear,
    stage: status._tag,
    statusNl: `${stageNl[status._tag]}. ${sentence}`,
  }
}

// ---- figures ---------------------------------------------------------------------------------------------------

/** The years shown in series: every year with observations, and the plan's years. */
export const seriesYears = (state: PlanState): ReadonlyArray<Period.Period> => {
  const years = new Set<Period.Period>(Plan.years(state.plan))
  for (const indicator of state.indicators) {
    for (const p of state.observations.periods(indicator.id)) if (Period.kind(p) === "year") years.add(p)
  }
  return [...years].sort(Period.order)
}

/** An indicator's published municipal and region cells for some periods, for one audience. */
export interface Published {
  readonly indicator: Indicator.Indicator
  readonly periods: ReadonlyArray<Period.Period>
  /** The municipalities that were members at some point in those periods, by name. */
  readonly municipalities: ReadonlyArray<{
    readonly code: string
    readonly name: string
    readonly cells: ReadonlyArray<Cell>
  }>
  readonly region: ReadonlyArray<Cell>
  /** True when the audience may not see this indicator at all (a restricted figure outside the region). */
  readonly withheld: boolean
}

const empty: Cell = { value: null, suppressed: false }
const hidden: Cell = { value: null, suppressed: true }
const ofDomainCell = (cell: Disclosure.Cell | undefined): Cell =>
  cell === undefined ? empty : cell._tag === "Shown" ? { value: cell.value, suppressed: false } : hidden

/**
 * Publishes an indicator: each municipality's value is the domain's aggregation over that municipality alone (so a
 * period it was not a member for all of has no value), the region's is `Aggregation.aggregate` over the region, and
 * counts go through `Disclosure.protect` under the audience's rules with the region value as the column total.
 */
export const publish = (
  state: PlanState,
  indicator: Indicator.Indicator,
  periods: ReadonlyArray<Period.Period>,
  audience: Disclosure.Audience,
): Published => {
  const first = periods[0]
  const last = periods[periods.length - 1]
  const codes =
    first === undefined || last === undefined
      ? []
      : Membership.membersAtSomePoint(state.region, Period.start(first), Period.end(last))
  const members = codes
    .map((code) => ({ code, name: Municipality.nameOf(state.municipalities, code) }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"))
  const alone = (code: string): Aggregation.RegionLike => ({
    id: state.region.id,
    memberships: state.region.memberships.filter((m) => m.municipality === code),
  })
  const raw = members.map((m) =>
    periods.map((p) => Aggregation.aggregate(alone(m.code), indicator, p, state.observations).value),
  )
  const region = periods.map((p) => Aggregation.aggregate(state.region, indicator, p, state.observations).value)
  const rules = Disclosure.rulesForIndicator(indicator.disclosure, audience)
  if (Option.isNone(rules)) {
    return {
      indicator,
      periods,
      municipalities: members.map((m) => ({ ...m, cells: periods.map(() => empty) })),
      region: periods.map(() => empty),
      withheld: true,
    }
  }
  const needsProtection = rules.value.threshold > 0 || rules.value.roundTo > 1 || rules.value.secondary
  if (!needsProtection) {
    const cell = (v: number | null): Cell => ({
      value: v === null ? null : Math.round(v * 100) / 100,
      suppressed: false,
    })
    return {
      indicator,
      periods,
      municipalities: members.map((m, i) => ({ ...m, cells: (raw[i] ?? []).map(cell) })),
      region: region.map(cell),
      withheld: false,
    }
  }
  const table = Disclosure.protect(
    new Disclosure.CountTable({
      rows: members.map((m) => m.code),
      columns: [...periods],
      counts: raw.map((row) => row.map((v) => (v === null ? 0 : Math.max(0, Math.round(v))))),
    }),
    rules.value,
  )
  return {
    indicator,
    periods,
    municipalities: members.map((m, i) => ({
      ...m,
      cells: periods.map((_, j) => ((raw[i]?.[j] ?? null) === null ? empty : ofDomainCell(table.cells[i]?.[j]))),
    })),
    region: periods.map((_, j) => (region[j] === null ? empty : ofDomainCell(table.columnTotals[j]))),
    withheld: false,
  }
}

const definitionOf = (published: Published): string =>
  published.withheld
    ? `${published.indicator.definition} Deze cijfers zijn alleen voor de regio en worden niet openbaar gemaakt.`
    : published.indicator.definition

/**
 * An indicator's series: its municipalities, the region, its targets and the Dutch benchmark where known. A figure
 * withheld from the audience keeps only an empty region row beside its targets.
 */
export const series = (state: PlanState, published: Published, regionName: string): Series => {
  const { indicator, periods } = published
  const shown = published.withheld ? [] : published.municipalities
  const rows: Array<SeriesRow> = shown.map((m) => ({
    key: m.code,
    label: m.name,
    kind: "municipality",
    cells: m.cells,
  }))
  rows.push({ key: "regio", label: regionName, kind: "region", cells: published.region })
  const targets = state.targets.filter((t) => t.indicator === indicator.id)
  if (targets.length > 0) {
    rows.push({
      key: "doel",
      label: "Streefwaarde regio",
      kind: "target",
      cells: periods.map((p) => {
        const t = targets.find((x) => x.period === p)
        return t === undefined ? empty : { value: t.value, suppressed: false }
      }),
    })
  }
  const benchmark = state.benchmarks.get(indicator.id)
  if (benchmark !== undefined) {
    rows.push({
      key: "nederland",
      label: "Nederland",
      kind: "benchmark",
      cells: periods.map((p) => {
        const v = benchmark.get(p)
        return v === undefined ? empty : { value: v, suppressed: false }
      }),
    })
  }
  return {
    id: indicator.id,
    title: indicator.name,
    unit: unitNl[indicator.unit],
    definition: definitionOf(published),
    periods: [...periods],
    rows,
  }
}

/** The published region values per indicator and year, as the progress roll-up reads them. */
export const publishedValues = (
  state: PlanState,
  audience: Disclosure.Audience,
): ReadonlyArray<Progress.IndicatorValue> => {
  const years = seriesYears(state)
  return state.indicators.flatMap((indicator) => {
    const published = publish(state, indicator, years, audience)
    return years.flatMap((period, j) => {
      const value = published.region[j]?.value ?? null
      return value === null ? [] : [new Progress.IndicatorValue({ indicator: indicator.id, period, value })]
    })
  })
}

// ---- progress --------------------------------------------------------------------------------------------------

/**
 * The progress roll-up's data for an audience. Only published region values go in, yearly ones, so the "waarom?"
 * never shows a figure the audience may not see and never sets a quarter against a yearly target.
 */
export const progressData = (state: PlanState, audience: Disclosure.Audience): Progress.PlanData => ({
  programmes: state.programmes,
  goals: state.goals,
  actions: state.actions,
  indicators: state.indicators,
  targets: state.targets,
  values: publishedValues(state, audience),
})

/** An explanation as the meter shows it: its value, and `Progress.render`'s lines below the first, indented by dashes. */
export const progressView = (explanation: typeof Progress.Explanation.Type): ProgressView => ({
  share: explanation.value,
  why: Progress.render(explanation)
    .split("\n")
    .slice(1)
    .map((line) => {
      const depth = (line.length - line.trimStart().length) / 2
      return `${"– ".repeat(Math.max(0, depth - 1))}${line.trim()}`
    }),
})

/** A programme with its rolled-up progress. */
export const programmeSummary = (
  programme: Programme.Programme,
  data: Progress.PlanData,
  today: string,
): ProgrammeSummary => ({
  id: programme.id,
  number: programme.number,
  name: Programme.label(programme),
  description: programme.description ?? "",
  progress: progressView(Progress.ofProgramme(programme, data, day(today))),
})

const partnerName = (state: PlanState, id: string): string => state.partners.find((p) => p.id === id)?.name ?? id

/** An action with its owner, partners, milestones (overdue ones marked by `Action.overdue`) and progress. */
export const actionView = (state: PlanState, action: Action.Action, today: string): ActionView => {
  const overdue = Action.overdue(action, day(today))
  return {
    id: action.id,
    title: action.title,
    owner: partnerName(state, action.owner),
    partners: action.contributors.map((p) => partnerName(state, p)),
    start: action.start,
    end: action.end,
    status: action.status,
    milestones: action.milestones.map((m) => ({
      title: m.title,
      due: m.due,
      completedOn: m.completedOn ?? null,
      overdue: overdue.includes(m),
    })),
    progress: progressView(Progress.ofAction(action, day(today))),
  }
}

/** A goal with its actions, its indicators' series and its progress. */
export const goalView = (
  state: PlanState,
  goal: Goal.Goal,
  data: Progress.PlanData,
  audience: Disclosure.Audience,
  regionName: string,
  today: string,
): GoalView => {
  const years = seriesYears(state)
  return {
    id: goal.id,
    title: goal.title,
    description: goal.description ?? "",
    progress: progressView(Progress.ofGoal(goal, data, day(today))),
    actions: Action.ofGoal(state.actions, goal.id).map((a) => actionView(state, a, today)),
    indicators: goal.indicators.flatMap((gi) => {
      const indicator = state.indicators.find((i) => i.id === gi.indicator)
      return indicator === undefined ? [] : [series(state, publish(state, indicator, years, audience), regionName)]
    }),
  }
}

/** The goals of a programme. */
export const goalsOf = (state: PlanState, programme: Programme.Programme): ReadonlyArray<Goal.Goal> =>
  Goal.ofProgramme(state.goals, programme.id)

// ---- municipalities --------------------------------------------------------------------------------------------

/** The municipalities that were members at some time since the first day of `since`. */
export const municipalitiesSince = (
  state: PlanState,
  since: Plan.Plan,
  today: string,
): ReadonlyArray<{ readonly code: string; readonly name: string }> =>
  Membership.membersAtSomePoint(state.region, Plan.startsOn(since), day(today))
    .map((code) => ({ code, name: Municipality.nameOf(state.municipalities, code) }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"))

/** A municipality's spans of membership. */
export const memberships = (state: PlanState, code: string): ReadonlyArray<MembershipSpan> =>
  state.region.memberships
    .filter((m) => m.municipality === code)
    .map((m) => ({ from: m.from ?? null, until: m.until ?? null }))

/** A sentence on a municipality that merged into another, naming the plans its council was and was not put to. */
export const membershipNote = (state: PlanState, code: string): string | null => {
  const m = state.municipalities.find((x) => x.code === code)
  const succession = m?.succeededBy
  if (m === undefined || succession === undefined) return null
  const until = state.region.memberships.find((x) => x.municipality === code && x.until !== undefined)?.until
  const plans = state.plans.filter((p) => p.councils !== undefined)
  const putTo = plans.filter((p) => p.councils?.includes(m.code))
  const notPutTo = plans.filter((p) => !p.councils?.includes(m.code))
  const name = (p: Plan.Plan) => `"${p.title}" (${Plan.yearsLabel(p)})`
  return [
    `${m.name} is op ${Format.date(succession.on)} opgegaan in ${Municipality.nameOf(state.municipalities, succession.successor)}`,
    until === undefined ? "." : ` en was lid van de regio tot en met ${Format.date(until)}.`,
    ` Cijfers staan hier alleen voor de jaren waarin ${m.name} het hele jaar lid was.`,
    putTo.length === 0 ? "" : ` Het plan ${putTo.map(name).join(" en ")} is aan de raad van ${m.name} voorgelegd`,
    notPutTo.length === 0
      ? "."
      : `${putTo.length === 0 ? " Het plan" : "; het plan"} ${notPutTo.map(name).join(" en ")} niet.`,
  ].join("")
}

/** A municipality's own figures: one row per indicator the audience may see, for the years with observations. */
export const municipalFigures = (
  state: PlanState,
  code: string,
  audience: Disclosure.Audience,
): ReadonlyArray<SeriesRow> => {
  const years = observedYears(state)
  return state.indicators.flatMap((indicator) => {
    const published = publish(state, indicator, years, audience)
    const row = published.municipalities.find((m) => m.code === code)
    if (published.withheld || row === undefined) return []
    return [
      {
        key: indicator.id,
        label: nameWithUnit(indicator),
        kind: "municipality",
        cells: row.cells,
      },
    ]
  })
}

/** The years for which any indicator has observations. */
export const observedYears = (state: PlanState): ReadonlyArray<Period.Period> =>
  seriesYears(state).filter((y) => state.indicators.some((i) => state.observations.values(i.id, y)))

const simpleKeyNl = (key: Budget.SimpleKey): string =>
  key._tag === "PerResident"
    ? "naar inwonertal"
    : new Set(key.shares.map((s) => s.value)).size === 1
      ? "in gelijke delen"
      : "naar vaste aandelen"

/** A cost key in Dutch, e.g. `80 delen naar inwonertal en 20 delen in gelijke delen (peildatum 1 januari 2024)`. */
export const costKeyNl = (key: Budget.CostKey): string =>
  `${key._tag === "Mix" ? CouncilLetter.joinNl(key.parts.map((p) => `${p.weight} delen ${simpleKeyNl(p.key)}`)) : simpleKeyNl(key)} (peildatum ${Format.date(key.referenceDate)})`

/** A municipality's contribution to the pooled budget per year, divided by `Budget.allocate` among the plan's councils. */
export const budgetShares = (
  state: PlanState,
  code: string,
  lines: ReadonlyArray<Budget.BudgetLine>,
  costKey: (year: number) => Budget.CostKey,
): ReadonlyArray<BudgetShare> => {
  const years = [...new Set(lines.filter((l) => l.plan === state.plan.id).map((l) => l.year))].sort()
  return years.flatMap((year) => {
    const total = Budget.total(lines.filter((l) => l.plan === state.plan.id && l.year === year))
    const key = costKey(year)
    const allocation = Budget.allocate(total, key, {
      region: state.region,
      municipalities: state.municipalities,
      plan: state.plan,
    })
    if (Result.isFailure(allocation)) return []
    const share = allocation.success.contributions.find((c) => c.municipality === code)
    return share === undefined ? [] : [{ year, totalCents: total, shareCents: share.amount, key: costKeyNl(key) }]
  })
}

/** A municipality's council decisions, on every plan. */
export const decisionsOf = (state: PlanState, code: string): ReadonlyArray<DecisionView> =>
  state.decisions
    .filter((d) => d.municipality === code)
    .map((d) => {
      const plan = state.plans.find((p) => p.id === d.plan)
      return {
        plan: plan === undefined ? d.plan : `${plan.title} (${Plan.yearsLabel(plan)})`,
        outcome: d.outcome,
        date: d.date,
        reference: d.reference ?? null,
      }
    })
