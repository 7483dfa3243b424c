/**
 * The progress letter (voortgangsbrief): the raadsinformatiebrief that tells the councils how a plan is doing. It
 * has a date and kenmerk, the councils addressed, "Aanleiding", per programme its progress with the published yearly
 * region figures of its goals' indicators against their targets, "Wat is er veranderd sinds de vorige brief" (compared
 * with the snapshot kept in the previous letter), the pooled budget per year with each municipality's share, "Vervolg"
 * and the closing. Built from data the caller passes in (the figures must already be the published ones the letter's
 * readers may see); every sentence is Dutch, dates are written as `6 december 2026`, numbers with Dutch separators
 * and amounts as `€ 1.234.567`. The letter carries its own snapshot, so that a stored letter is what the next one
 * compares with.
 */
import { Result, Schema } from "effect"
import * as Action from "./Action.js"
import * as Budget from "./Budget.js"
import { CalendarDate } from "./CalendarDate.js"
import type * as CouncilDecision from "./CouncilDecision.js"
import { Addressee, formatDate, joinNl } from "./CouncilLetter.js"
import type { Goal } from "./Goal.js"
import { ActionId, GoalId, IndicatorId, Kenmerk, MilestoneId, MunicipalityCode, PlanId, ProgrammeId } from "./Ids.js"
import * as Indicator from "./Indicator.js"
import type * as Membership from "./Membership.js"
import * as Municipality from "./Municipality.js"
import * as Period from "./Period.js"
import * as Plan from "./Plan.js"
import * as PlanLifecycle from "./PlanLifecycle.js"
import * as Programme from "./Programme.js"
import * as Progress from "./Progress.js"
import type * as Publication from "./Publication.js"
import type * as Target from "./Target.js"

// ---- writing numbers, amounts and values the Dutch way ---------------------------------------------------------

/** A number with Dutch separators and at most `fractionDigits` decimals: `1.234,5`; independent of the runtime's ICU. */
export const formatNumber = (n: number, fractionDigits = 2): string => {
  if (!Number.isFinite(n)) return "–"
  const factor = 10 ** fractionDigits
  const rounded = Math.round(Math.abs(n) * factor) / factor
  const [whole = "0", fraction = ""] = rounded.toFixed(fractionDigits).split(".")
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".")
  const trimmed = fraction.replace(/0+$/, "")
  const sign = n < 0 && rounded !== 0 ? "-" : ""
  return `${sign}${grouped}${trimmed === "" ? "" : `,${trimmed}`}`
}

/** An amount of euro cents in whole euros: `€ 1.234.567` (`-€ 12` for a refund). */
export const formatEuros = (cents: number): string => {
  const euros = Math.round(cents / 100)
  return `${euros < 0 ? "-" : ""}€ ${formatNumber(Math.abs(euros), 0)}`
}

/** A value of an indicator as a table cell writes it: `35`, `12,5%`, `0,62`, `34`, `€ 1.234`. */
export const formatValue = (unit: Indicator.Unit, value: number): string => {
  switch (unit) {
    case "percentage":
      return `${formatNumber(value, 1)}%`
    case "euro-cents":
      return formatEuros(value)
    default:
      return formatNumber(value)
  }
}

const unitWords: Record<Indicator.Unit, string> = {
  count: "",
  percentage: "",
  "per-1000-residents": "per 1.000 inwoners",
  days: "dagen",
  "euro-cents": "",
  residents: "inwoners",
}

/** The unit to write beside an indicator's name, or "" when the value says it or the name already names it. */
export const unitLabel = (indicator: Pick<Indicator.Indicator, "name" | "unit">): string => {
  const words = unitWords[indicator.unit]
  return words === "" || indicator.name.toLowerCase().includes(words) ? "" : words
}

/** A value in a sentence, with its unit once: `34 dagen`, `0,62 per 1.000 inwoners`, `12,5%`. */
export const formatValueInText = (unit: Indicator.Unit, value: number): string => {
  const words = unitWords[unit]
  return words === "" ? formatValue(unit, value) : `${formatValue(unit, value)} ${words}`
}

// ---- the letter's shape ----------------------------------------------------------------------------------------

/** How a published cell stood: shown, hidden by disclosure control, not for this audience, or no figure. */
const FigureStatus = Schema.Literals(["shown", "hidden", "withheld", "none"])
export type FigureStatus = typeof FigureStatus.Type

/** One year's published region value of an indicator, with how a table writes it. */
class FigureValue extends Schema.Class<FigureValue>("FigureValue")({
  year: Period.Period,
  value: Schema.NullOr(Schema.Finite),
  status: FigureStatus,
  /** `35`, `–` (no figure), `verborgen` or `niet openbaar`. */
  text: Schema.String,
}) {}

/** A value with how it is written: in a sentence (`0,6 per 1.000 inwoners`) and in a table cell (`0,6`). */
class Written extends Schema.Class<Written>("Written")({
  period: Period.Period,
  value: Schema.Finite,
  text: Schema.String,
  cell: Schema.String,
}) {}

/** One indicator of a goal: its yearly figures, its target and how far it has come. */
class FigureRow extends Schema.Class<FigureRow>("FigureRow")({
  goal: GoalId,
  goalTitle: Schema.String,
  indicator: IndicatorId,
  name: Schema.String,
  unit: Indicator.Unit,
  /** The unit to write beside the name (empty when the name or the value says it). */
  unitLabel: Schema.String,
  direction: Indicator.Direction,
  values: Schema.Array(FigureValue),
  /** The target the latest figure is judged against (the plan's last, if none is later). */
  target: Schema.NullOr(Written),
  baseline: Schema.NullOr(Written),
  /** The latest shown figure up to the letter's date. */
  latest: Schema.NullOr(Written),
  /** Whether the latest figure meets the target; null without a figure or target. */
  met: Schema.NullOr(Schema.Boolean),
  /** Progress towards the target, 0-1, as the plan's roll-up counts it. */
  progress: Schema.NullOr(Schema.Finite),
  /** One sentence about this indicator. */
  summary: Schema.String,
}) {}

/** A programme's progress with its figures. */
class ProgrammeSection extends Schema.Class<ProgrammeSection>("ProgrammeSection")({
  programme: ProgrammeId,
  number: Schema.Int,
  heading: Schema.String,
  progress: Schema.NullOr(Schema.Finite),
  /** `55%` or `onbekend`. */
  progressText: Schema.String,
  paragraphs: Schema.Array(Schema.String),
  /** The columns of the figures table: the plan's years. */
  years: Schema.Array(Period.Period),
  rows: Schema.Array(FigureRow),
}) {}

/** An amount in cents with how it is written (`€ 1.234.567`). */
class Amount extends Schema.Class<Amount>("Amount")({
  amount: Budget.Cents,
  text: Schema.String,
}) {}

/** An amount of one year. */
class YearAmount extends Schema.Class<YearAmount>("YearAmount")({
  year: Schema.Int,
  amount: Budget.Cents,
  text: Schema.String,
}) {}

/** One municipality's share of the pooled budget per year. */
class BudgetShare extends Schema.Class<BudgetShare>("BudgetShare")({
  municipality: MunicipalityCode,
  name: Schema.String,
  years: Schema.Array(YearAmount),
  total: Amount,
}) {}

/** The budget: the pooled total per year and each municipality's share. */
class BudgetSection extends Schema.Class<BudgetSection>("BudgetSection")({
  heading: Schema.String,
  paragraphs: Schema.Array(Schema.String),
  years: Schema.Array(Schema.Int),
  /** The pooled total per year. */
  totals: Schema.Array(YearAmount),
  total: Schema.NullOr(Amount),
  shares: Schema.Array(BudgetShare),
}) {}

/** A section of plain paragraphs and, optionally, a list. */
class TextSection extends Schema.Class<TextSection>("TextSection")({
  heading: Schema.String,
  paragraphs: Schema.Array(Schema.String),
  items: Schema.Array(Schema.String),
}) {}

/** The letter a progress letter compares with. */
class PreviousLetter extends Schema.Class<PreviousLetter>("PreviousLetter")({
  date: CalendarDate,
  kenmerk: Schema.NullOr(Kenmerk),
}) {}

/** What a letter reported, kept with it so that the next letter can say what changed. */
class Snapshot extends Schema.Class<Snapshot>("Snapshot")({
  figures: Schema.Array(
    Schema.Struct({
      indicator: IndicatorId,
      name: Schema.String,
      unit: Indicator.Unit,
      year: Period.Period,
      value: Schema.NullOr(Schema.Finite),
      status: FigureStatus,
    }),
  ),
  programmes: Schema.Array(
    Schema.Struct({ programme: ProgrammeId, heading: Schema.String, progress: Schema.NullOr(Schema.Finite) }),
  ),
  actions: Schema.Array(
    Schema.Struct({
      action: ActionId,
      title: Schema.String,
      status: Action.Status,
      reached: Schema.Array(MilestoneId),
    }),
  ),
  budget: Schema.Array(Schema.Struct({ year: Schema.Int, amount: Budget.Cents })),
  councils: Schema.Array(
    Schema.Struct({ municipality: MunicipalityCode, name: Schema.String, standing: PlanLifecycle.Standing }),
  ),
}) {}

// The parts are exported as types only: a letter is stored and decoded whole, with `ProgressLetter`.
export type {
  Amount,
  BudgetSection,
  BudgetShare,
  FigureRow,
  FigureValue,
  PreviousLetter,
  ProgrammeSection,
  Snapshot,
  TextSection,
  Written,
  YearAmount,
}

/** A progress letter to the councils. */
export class ProgressLetter extends Schema.Class<ProgressLetter>("ProgressLetter")({
  plan: PlanId,
  date: CalendarDate,
  /** The date as the letter writes it: `6 december 2026`. */
  dateText: Schema.String,
  /** The letter's kenmerk; null for a concept that has not been sent yet. */
  kenmerk: Schema.NullOr(Kenmerk),
  addressees: Schema.Array(Addressee),
  /** `de gemeenteraden van Blaricum, Eemnes … en Wijdemeren`. */
  addressLine: Schema.String,
  subject: Schema.String,
  salutation: Schema.String,
  aanleiding: TextSection,
  programmes: Schema.Array(ProgrammeSection),
  /** What the table cells `–`, `verborgen` and `niet openbaar` mean. */
  legend: Schema.String,
  changes: TextSection,
  /** The letter compared with, or null for the first letter. */
  previous: Schema.NullOr(PreviousLetter),
  budget: BudgetSection,
  vervolg: TextSection,
  closing: Schema.String,
  signatory: Schema.String,
  snapshot: Snapshot,
}) {}

/** Every paragraph, list item and sentence of a letter, in reading order (for checks and plain-text renderings). */
export const sentences = (letter: ProgressLetter): ReadonlyArray<string> => [
  letter.dateText,
  letter.addressLine,
  letter.subject,
  letter.salutation,
  ...letter.aanleiding.paragraphs,
  ...letter.aanleiding.items,
  ...letter.programmes.flatMap((p) => [
    p.heading,
    ...p.paragraphs,
    ...p.rows.flatMap((r) => [r.goalTitle, r.name, r.unitLabel, r.summary, ...r.values.map((v) => v.text)]),
  ]),
  letter.legend,
  ...letter.changes.paragraphs,
  ...letter.changes.items,
  ...letter.budget.paragraphs,
  ...letter.budget.totals.map((t) => t.text),
  ...letter.budget.shares.flatMap((s) => [s.name, ...s.years.map((y) => y.text), s.total.text]),
  ...letter.vervolg.paragraphs,
  ...letter.vervolg.items,
  letter.closing,
  letter.signatory,
]

// ---- what the letter is built from ---------------------------------------------------------------------------

/** A published yearly region value of an indicator, as the letter's readers may see it. */
export interface Figure {
  readonly indicator: IndicatorId
  readonly year: Period.Period
  readonly cell: Publication.Cell
}

/** The pooled budget: its lines and the cost key that divides each year's total (with `Budget.allocate`). */
export interface BudgetInput {
  readonly lines: ReadonlyArray<Budget.BudgetLine>
  readonly key: Budget.CostKey
}

/** Everything a progress letter is built from. */
export interface ProgressLetterInput {
  readonly plan: Plan.Plan
  readonly status: PlanLifecycle.Status
  readonly region: Membership.HasMemberships
  readonly regionName: string
  readonly municipalities: ReadonlyArray<Municipality.Municipality>
  readonly decisions: ReadonlyArray<CouncilDecision.CouncilDecision>
  readonly programmes: ReadonlyArray<Programme.Programme>
  readonly goals: ReadonlyArray<Goal>
  readonly actions: ReadonlyArray<Action.Action>
  readonly indicators: ReadonlyArray<Indicator.Indicator>
  readonly targets: ReadonlyArray<Target.Target>
  /** The published yearly region figures (only what the letter's readers may see). */
  readonly figures: ReadonlyArray<Figure>
  /** The pooled budget, when one is recorded. */
  readonly budget?: BudgetInput | undefined
  /** The latest letter sent before this one, if any. */
  readonly previous?: ProgressLetter | undefined
  readonly date: CalendarDate
  readonly kenmerk: Kenmerk | null
  readonly signatory: string
  /** The region's own salutation and closing (its definition's `letter`); default the usual Dutch ones. */
  readonly wording?: { readonly salutation: string; readonly closing: string } | undefined
}

const quoted = (s: string): string => `"${s}"`

const percentText = (value: number | null): string => Progress.percent(value)

const statusOf = (cell: Publication.Cell | undefined): FigureStatus =>
  cell === undefined
    ? "none"
    : cell._tag === "Shown"
      ? "shown"
      : cell._tag === "Suppressed"
        ? "hidden"
        : cell._tag === "Withheld"
          ? "withheld"
          : "none"

const cellText: Record<Exclude<FigureStatus, "shown">, string> = {
  hidden: "verborgen",
  withheld: "niet openbaar",
  none: "–",
}

// ---- the sections ----------------------------------------------------------------------------------------------

/** Why an indicator has no figure to report: not public, hidden, or not yet published. */
const noFigure = (values: ReadonlyArray<FigureValue>): string =>
  values.some((v) => v.status === "withheld")
    ? "dit cijfer is niet openbaar en staat daarom niet in deze brief"
    : values.some((v) => v.status === "hidden")
      ? "het cijfer is verborgen, zodat niemand herkenbaar is"
      : "er is nog geen gepubliceerd cijfer"

const figureRows = (
  input: ProgressLetterInput,
  goals: ReadonlyArray<Goal>,
  years: ReadonlyArray<Period.Period>,
  values: ReadonlyArray<Progress.IndicatorValue>,
): ReadonlyArray<FigureRow> =>
  goals.flatMap((goal) =>
    goal.indicators.flatMap((gi) => {
      const indicator = input.indicators.find((i) => i.id === gi.indicator)
      if (indicator === undefined) return []
      const figureValues = years.map((year) => {
        const cell = input.figures.find((f) => f.indicator === indicator.id && f.year === year)?.cell
        const status = statusOf(cell)
        return new FigureValue({
          year,
          value: cell?._tag === "Shown" ? cell.value : null,
          status,
          text: cell?._tag === "Shown" ? formatValue(indicator.unit, cell.value) : cellText[status as "none"],
        })
      })
      const latestValue = figureValues.filter((v) => v.value !== null && Period.end(v.year) <= input.date).at(-1) as
        | (FigureValue & { value: number })
        | undefined
      const targets = input.targets
        .filter((t) => t.indicator === indicator.id)
        .sort((a, b) => Period.end(a.period).localeCompare(Period.end(b.period)))
      const target =
        (latestValue === undefined
          ? targets.at(-1)
          : (targets.find((t) => Period.end(t.period) >= Period.end(latestValue.year)) ?? targets.at(-1))) ?? undefined
      const written = (period: Period.Period, value: number) =>
        new Written({
          period,
          value,
          text: formatValueInText(indicator.unit, value),
          cell: formatValue(indicator.unit, value),
        })
      const explanation = Progress.ofIndicator(indicator, gi.weight, { targets: input.targets, values }, input.date)
      const met =
        latestValue === undefined || target === undefined
          ? null
          : indicator.direction === "higher-is-better"
            ? latestValue.value >= target.value
            : latestValue.value <= target.value
      const name = indicator.name
      const summary =
        latestValue === undefined
          ? `${name}: ${noFigure(figureValues)}${target === undefined ? "" : `; het doel is ${formatValueInText(indicator.unit, target.value)} in ${target.period}`}.`
          : `${name}: ${formatValueInText(indicator.unit, latestValue.value)} in ${latestValue.year}` +
            (target === undefined
              ? "; er is geen streefwaarde."
              : `, tegen een doel van ${indicator.direction === "higher-is-better" ? "minstens" : "hoogstens"} ${formatValueInText(indicator.unit, target.value)} in ${target.period}` +
                (target.baseline === undefined
                  ? ""
                  : ` (uitgangswaarde ${formatValueInText(indicator.unit, target.baseline.value)} in ${target.baseline.period})`) +
                (met ? "; het doel is gehaald." : `; ${percentText(explanation.value)} van de weg naar het doel.`))
      return [
        new FigureRow({
          goal: goal.id,
          goalTitle: goal.title,
          indicator: indicator.id,
          name,
          unit: indicator.unit,
          unitLabel: unitLabel(indicator),
          direction: indicator.direction,
          values: figureValues,
          target: target === undefined ? null : written(target.period, target.value),
          baseline: target?.baseline === undefined ? null : written(target.baseline.period, target.baseline.value),
          latest: latestValue === undefined ? null : written(latestValue.year, latestValue.value),
          met,
          progress: explanation.value,
          summary,
        }),
      ]
    }),
  )

const countBy = <A>(items: ReadonlyArray<A>, key: (a: A) => string): ReadonlyMap<string, number> => {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}

const numberWord = (n: number): string =>
  ["geen", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"][n] ?? formatNumber(n, 0)

const programmeSection = (
  input: ProgressLetterInput,
  programme: Programme.Programme,
  data: Progress.PlanData,
  years: ReadonlyArray<Period.Period>,
): ProgrammeSection => {
  const explanation = Progress.ofProgramme(programme, data, input.date)
  const goals = input.goals.filter((g) => g.programme === programme.id)
  const actions = input.actions.filter((a) => goals.some((g) => g.id === a.goal))
  const paragraphs: Array<string> = []
  paragraphs.push(
    explanation.value === null
      ? `De voortgang van dit programma is nog niet te bepalen: er zijn nog geen bereikte mijlpalen of gepubliceerde cijfers om mee te rekenen.`
      : `De voortgang van dit programma is ${percentText(explanation.value)}: het gewogen gemiddelde van de mijlpalen van de acties en de cijfers van de indicatoren van ${goals.length === 1 ? "het doel" : `de ${numberWord(goals.length)} doelen`}.`,
  )
  for (const goal of goals) {
    const node = explanation.children.find((c) => c.level === "goal" && c.id === goal.id)
    paragraphs.push(`Doel ${quoted(goal.title)}: ${percentText(node?.value ?? null)}.`)
  }
  if (actions.length > 0) {
    const counts = countBy(actions, (a) => displayStatus(a, input.date))
    const parts = [...counts].map(([status, n]) => `${numberWord(n)} ${status}`)
    paragraphs.push(
      `${actions.length === 1 ? "Er is één actie" : `Er zijn ${numberWord(actions.length)} acties`}: ${joinNl(parts)}.`,
    )
  }
  return new ProgrammeSection({
    programme: programme.id,
    number: programme.number,
    heading: Programme.label(programme),
    progress: explanation.value,
    progressText: percentText(explanation.value),
    paragraphs,
    years,
    rows: figureRows(input, goals, years, data.values),
  })
}

/** An action's status as the letter writes it: an open action past its end date is never "gepland". */
const displayStatus = (action: Action.Action, date: CalendarDate): string =>
  (action.status === "planned" || action.status === "in-progress") && action.end < date
    ? "over de einddatum"
    : Action.statusNl[action.status]

const budgetSection = (input: ProgressLetterInput): BudgetSection => {
  const heading = "Budget"
  const budget = input.budget
  const lines = budget?.lines.filter((l) => l.plan === input.plan.id) ?? []
  if (budget === undefined || lines.length === 0) {
    return new BudgetSection({
      heading,
      paragraphs: ["Voor dit plan is nog geen gezamenlijk budget vastgelegd."],
      years: [],
      totals: [],
      total: null,
      shares: [],
    })
  }
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b)
  const totals = years.map((year) => {
    const amount = Budget.total(lines.filter((l) => l.year === year))
    return new YearAmount({ year, amount, text: formatEuros(amount) })
  })
  const grand = Budget.total(lines)
  const paragraphs = [
    `Het gezamenlijke budget voor het plan is ${formatEuros(grand)} over ${years.length === 1 ? years[0] : `${years[0]} - ${years.at(-1)}`}.`,
  ]
  // Each year among the plan's councils that are members that year, for the days they are (a joiner from joining).
  const shared = Budget.sharesPerYear(lines, () => budget.key, {
    region: input.region,
    municipalities: input.municipalities,
    plan: input.plan,
  })
  if (Result.isFailure(shared)) {
    paragraphs.push(
      `De verdeling over de gemeenten kan niet worden berekend: ${shared.failure.problems.map(Budget.describeNl).join("; ")}.`,
    )
    return new BudgetSection({
      heading,
      paragraphs,
      years,
      totals,
      total: new Amount({ amount: grand, text: formatEuros(grand) }),
      shares: [],
    })
  }
  const succeeded = years.map(
    (year) => shared.success.find((y) => y.year === year) ?? { contributions: [], setAside: [] },
  )
  const codes = [...new Set(succeeded.flatMap((a) => a.contributions.map((c) => c.municipality)))]
  const shares = codes
    .map((municipality) => {
      const perYear = years.map((year, i) => {
        const amount =
          succeeded[i]?.contributions.find((c) => c.municipality === municipality)?.amount ?? Budget.Cents.make(0)
        return new YearAmount({ year, amount, text: formatEuros(amount) })
      })
      const total = Budget.Cents.make(perYear.reduce((sum, y) => sum + y.amount, 0))
      return new BudgetShare({
        municipality,
        name: Municipality.nameOf(input.municipalities, municipality),
        years: perYear,
        total: new Amount({ amount: total, text: formatEuros(total) }),
      })
    })
    .sort((a, b) => a.name.localeCompare(b.name, "nl"))
  paragraphs.push(
    `De gemeenten dragen bij volgens de kostenverdeelsleutel met peildatum ${formatDate(budget.key.referenceDate)}; alleen de gemeenten die het plan vaststellen, betalen mee. De bedragen zijn afgerond op hele euro's.`,
  )
  const setAside = [...new Set(succeeded.flatMap((a) => a.setAside))]
  if (setAside.length > 0) {
    paragraphs.push(
      `${joinNl(setAside.map((m) => Municipality.nameOf(input.municipalities, m)))} ${setAside.length === 1 ? "staat" : "staan"} wel in de sleutel, maar ${setAside.length === 1 ? "draagt" : "dragen"} niet bij aan dit plan.`,
    )
  }
  return new BudgetSection({
    heading,
    paragraphs,
    years,
    totals,
    total: new Amount({ amount: grand, text: formatEuros(grand) }),
    shares,
  })
}

const snapshotOf = (
  input: ProgressLetterInput,
  programmes: ReadonlyArray<ProgrammeSection>,
  budget: BudgetSection,
  councils: ReadonlyArray<PlanLifecycle.CouncilStanding>,
): Snapshot =>
  new Snapshot({
    figures: programmes.flatMap((p) =>
      p.rows.flatMap((r) =>
        r.values.map((v) => ({
          indicator: r.indicator,
          name: r.name,
          unit: r.unit,
          year: v.year,
          value: v.value,
          status: v.status,
        })),
      ),
    ),
    programmes: programmes.map((p) => ({ programme: p.programme, heading: p.heading, progress: p.progress })),
    actions: input.actions.map((a) => ({
      action: a.id,
      title: a.title,
      status: a.status,
      reached: a.milestones.filter((m) => Action.isReached(m, input.date)).map((m) => m.id),
    })),
    budget: budget.totals.map((t) => ({ year: t.year, amount: t.amount })),
    councils: councils.map((c) => ({ municipality: c.municipality, name: c.name, standing: c.standing })),
  })

const standingNl: Record<PlanLifecycle.Standing, string> = {
  adopted: "heeft het plan vastgesteld",
  pending: "heeft nog niet over het plan besloten",
  rejected: "heeft het plan verworpen",
}

const changesSection = (input: ProgressLetterInput, snapshot: Snapshot): TextSection => {
  const heading = "Wat is er veranderd sinds de vorige brief"
  const previous = input.previous
  if (previous === undefined) {
    return new TextSection({
      heading,
      paragraphs: [
        "Dit is de eerste voortgangsbrief over dit plan. Er is geen eerdere brief om mee te vergelijken; de volgende brief vergelijkt met deze.",
      ],
      items: [],
    })
  }
  const before = previous.snapshot
  const items: Array<string> = []
  // Figures: new, revised, no longer shown — per indicator, years in order.
  const indicators = [...new Set(snapshot.figures.map((f) => f.indicator))]
  for (const id of indicators) {
    const now = snapshot.figures.filter((f) => f.indicator === id)
    const name = now[0]?.name ?? id
    const added: Array<string> = []
    for (const f of now) {
      const old = before.figures.find((b) => b.indicator === id && b.year === f.year)
      if (f.value !== null && (old === undefined || old.value === null)) {
        added.push(`${f.year} (${formatValueInText(f.unit, f.value)})`)
      } else if (f.value !== null && old?.value !== null && old !== undefined && old.value !== f.value) {
        items.push(
          `${name}: het cijfer over ${f.year} is bijgesteld van ${formatValueInText(f.unit, old.value as number)} naar ${formatValueInText(f.unit, f.value)}.`,
        )
      } else if (f.value === null && old?.value !== null && old !== undefined) {
        items.push(
          `${name}: het cijfer over ${f.year} wordt niet meer getoond${f.status === "hidden" ? " (verborgen, zodat niemand herkenbaar is)" : ""}.`,
        )
      }
    }
    if (added.length > 0) items.push(`${name}: nieuw cijfer over ${joinNl(added)}.`)
  }
  for (const p of snapshot.programmes) {
    const old = before.programmes.find((b) => b.programme === p.programme)
    if (old === undefined) continue
    if (percentText(old.progress) !== percentText(p.progress)) {
      items.push(
        `De voortgang van ${quoted(p.heading)} ging van ${percentText(old.progress)} naar ${percentText(p.progress)}.`,
      )
    }
  }
  for (const a of input.actions) {
    const old = before.actions.find((b) => b.action === a.id)
    if (old === undefined) {
      items.push(`Nieuwe actie: ${quoted(a.title)} (${Action.statusNl[a.status]}).`)
      continue
    }
    for (const m of a.milestones) {
      if (Action.isReached(m, input.date) && !old.reached.includes(m.id) && m.completedOn !== undefined) {
        items.push(`Mijlpaal ${quoted(m.title)} van ${quoted(a.title)} is bereikt op ${formatDate(m.completedOn)}.`)
      }
    }
    if (old.status !== a.status) {
      items.push(`Actie ${quoted(a.title)} is nu ${Action.statusNl[a.status]} (was ${Action.statusNl[old.status]}).`)
    }
  }
  for (const t of snapshot.budget) {
    const old = before.budget.find((b) => b.year === t.year)
    if (old === undefined) {
      if (before.budget.length > 0) items.push(`Het budget voor ${t.year} is vastgelegd: ${formatEuros(t.amount)}.`)
    } else if (old.amount !== t.amount) {
      items.push(`Het budget voor ${t.year} is gewijzigd van ${formatEuros(old.amount)} naar ${formatEuros(t.amount)}.`)
    }
  }
  if (before.budget.length === 0 && snapshot.budget.length > 0) {
    items.push(
      `Het gezamenlijke budget is vastgelegd: ${formatEuros(snapshot.budget.reduce((s, b) => s + b.amount, 0))}.`,
    )
  }
  for (const c of snapshot.councils) {
    const old = before.councils.find((b) => b.municipality === c.municipality)
    if (old !== undefined && old.standing !== c.standing)
      items.push(`De gemeenteraad van ${c.name} ${standingNl[c.standing]}.`)
  }
  return new TextSection({
    heading,
    paragraphs: [
      `Onze vorige brief over de voortgang is van ${formatDate(previous.date)}${previous.kenmerk === null ? "" : ` (kenmerk ${previous.kenmerk})`}.` +
        (items.length === 0
          ? " Sindsdien zijn er geen nieuwe cijfers, bereikte mijlpalen, wijzigingen in de acties of wijzigingen in het budget."
          : " Sindsdien is het volgende veranderd."),
    ],
    items,
  })
}

const vervolgSection = (
  input: ProgressLetterInput,
  councils: ReadonlyArray<PlanLifecycle.CouncilStanding>,
): TextSection => {
  const items: Array<string> = []
  const paragraphs: Array<string> = []
  const date = input.date
  const ended = Plan.endsOn(input.plan) < date
  const stage = input.status._tag
  if (ended && stage !== "Evaluated" && stage !== "Superseded") {
    paragraphs.push(
      `Het beleidsplan liep tot en met ${input.plan.lastYear}. De evaluatie met de partners volgt; de uitkomst ervan ontvangt u in een volgende brief.`,
    )
  }
  const open = councils.filter((c) => c.standing !== "adopted")
  for (const c of open) items.push(`De gemeenteraad van ${c.name} ${standingNl[c.standing]}.`)
  const active = input.actions.filter((a) => a.status !== "completed" && a.status !== "cancelled")
  const upcoming = active
    .flatMap((a) => a.milestones.filter((m) => !Action.isReached(m, date) && m.due >= date).map((m) => ({ a, m })))
    .sort((x, y) => x.m.due.localeCompare(y.m.due))
  for (const { a, m } of upcoming) {
    items.push(`Mijlpaal ${quoted(m.title)} van ${quoted(a.title)} staat gepland op ${formatDate(m.due)}.`)
  }
  const late = active
    .flatMap((a) => Action.overdue(a, date).map((m) => ({ a, m })))
    .sort((x, y) => x.m.due.localeCompare(y.m.due))
  for (const { a, m } of late) {
    items.push(
      `Mijlpaal ${quoted(m.title)} van ${quoted(a.title)} had op ${formatDate(m.due)} bereikt moeten zijn en staat nog open.`,
    )
  }
  for (const a of active.filter((a) => a.end < date)) {
    items.push(`Actie ${quoted(a.title)} had op ${formatDate(a.end)} klaar moeten zijn en is niet als afgerond gemeld.`)
  }
  for (const a of active.filter((a) => a.status === "stalled" && a.end >= date)) {
    items.push(`Actie ${quoted(a.title)} is vertraagd; de eigenaar bespreekt met de regio hoe die verder gaat.`)
  }
  paragraphs.push(
    items.length === 0
      ? "Er staan geen mijlpalen of besluiten meer open. Over de verdere voortgang informeren wij u in een volgende brief."
      : "De komende periode staat het volgende op de agenda. Over de voortgang informeren wij u in een volgende brief.",
  )
  return new TextSection({ heading: "Vervolg", paragraphs, items })
}

const aanleidingSection = (
  input: ProgressLetterInput,
  councils: ReadonlyArray<PlanLifecycle.CouncilStanding>,
): TextSection => {
  const plan = input.plan
  const paragraphs = [
    `Met deze brief informeren wij u over de voortgang van het beleidsplan Bescherming en Opvang ${Plan.yearsLabel(plan)} ${quoted(plan.title)} van ${input.regionName} (kenmerk ${plan.kenmerk}).`,
  ]
  const open = councils.filter((c) => c.standing !== "adopted")
  const adoptedOn = (c: PlanLifecycle.CouncilStanding) => c.decision?.date
  if (councils.length > 0 && open.length === 0) {
    const last = councils
      .map(adoptedOn)
      .filter((d) => d !== undefined)
      .sort()
      .at(-1)
    paragraphs.push(
      `Het plan is in alle gemeenteraden vastgesteld${last === undefined ? "" : `; het laatste besluit viel op ${formatDate(last)}`}.`,
    )
  } else if (councils.length > 0) {
    paragraphs.push(
      `Het plan is nog niet door alle gemeenteraden vastgesteld: ${joinNl(open.map((c) => `${c.name} ${standingNl[c.standing]}`))}.`,
    )
  }
  const status = input.status
  if (status._tag === "InExecution") {
    paragraphs.push(
      Plan.endsOn(plan) < input.date
        ? `Het plan is op ${formatDate(status.executionFrom)} in uitvoering genomen en liep tot en met ${plan.lastYear}.`
        : `Het plan is sinds ${formatDate(status.executionFrom)} in uitvoering.`,
    )
  }
  paragraphs.push(
    "Per programma leest u hoe ver het is, met de gepubliceerde cijfers van de regio per jaar naast de streefwaarden. Cijfers die tot personen te herleiden zijn, zijn verborgen, zodat niemand herkenbaar is.",
  )
  return new TextSection({ heading: "Aanleiding", paragraphs, items: [] })
}

/**
 * The progress letter on `input.date`. Figures are taken as given (the caller passes only published cells the
 * letter's readers may see); progress is the plan's roll-up (`Progress`) over the shown yearly values; what changed is
 * judged against `input.previous`'s snapshot.
 */
export const progressLetter = (input: ProgressLetterInput): ProgressLetter => {
  const plan = input.plan
  const years = Plan.years(plan)
  const values = input.figures.flatMap((f) =>
    f.cell._tag === "Shown" && Period.kind(f.year) === "year"
      ? [new Progress.IndicatorValue({ indicator: f.indicator, period: f.year, value: f.cell.value })]
      : [],
  )
  const data: Progress.PlanData = {
    programmes: input.programmes,
    goals: input.goals,
    actions: input.actions,
    indicators: input.indicators,
    targets: input.targets,
    values,
  }
  const adoption = PlanLifecycle.adoptionStatus(input, input.date)
  const councils = [...adoption.councils].sort((a, b) => a.name.localeCompare(b.name, "nl"))
  const programmes = Programme.ofPlan(input.programmes, plan.id).map((p) => programmeSection(input, p, data, years))
  const budget = budgetSection(input)
  const snapshot = snapshotOf(input, programmes, budget, councils)
  const addressees = councils.map((c) => new Addressee({ municipality: c.municipality, name: c.name }))
  return new ProgressLetter({
    plan: plan.id,
    date: input.date,
    dateText: formatDate(input.date),
    kenmerk: input.kenmerk,
    addressees,
    addressLine: `de gemeenteraden van ${joinNl(addressees.map((a) => a.name))}`,
    subject: `Voortgang beleidsplan Bescherming en Opvang ${Plan.yearsLabel(plan)}`,
    salutation: input.wording?.salutation ?? "Geachte raadsleden,",
    aanleiding: aanleidingSection(input, councils),
    programmes,
    legend:
      "In de tabellen betekent – dat er (nog) geen gepubliceerd cijfer is, verborgen dat het cijfer niet wordt getoond zodat niemand herkenbaar is, en niet openbaar dat het cijfer alleen voor de regio is.",
    changes: changesSection(input, snapshot),
    previous:
      input.previous === undefined
        ? null
        : new PreviousLetter({ date: input.previous.date, kenmerk: input.previous.kenmerk }),
    budget,
    vervolg: vervolgSection(input, councils),
    closing: input.wording?.closing ?? "Met vriendelijke groet,",
    signatory: input.signatory,
    snapshot,
  })
}
