/**
 * @baken/region-gooi-en-vechtstreek/demo — EXAMPLE DATA, NOT FACTS. Invented goals, actions, milestones, indicators,
 * targets, council decisions, budget, cost key, populations and observations for the 2022-2025 plan of Gooi en
 * Vechtstreek, so that the API and dashboard have something rich to show. Every number here is made up; nothing here
 * may be quoted as what the region decided, spent or measured. The real, sourced data is in
 * `@baken/region-gooi-en-vechtstreek/reference`.
 */
import { Action, Milestone } from "@baken/domain/Action"
import { AreaCode } from "@baken/domain/Area"
import { BudgetLine, Cents, type CostKey, KeyEntry, MixPart } from "@baken/domain/Budget"
import * as CalendarDate from "@baken/domain/CalendarDate"
import { CouncilDecision, type Outcome } from "@baken/domain/CouncilDecision"
import * as Flow from "@baken/domain/Flow"
import { Goal, GoalIndicator } from "@baken/domain/Goal"
import { ActionId, AdapterId, GoalId, IndicatorId, MilestoneId, MunicipalityCode, PartnerId } from "@baken/domain/Ids"
import { DataSource, Indicator } from "@baken/domain/Indicator"
import { Observation } from "@baken/domain/Observation"
import { Partner } from "@baken/domain/Partner"
import * as Period from "@baken/domain/Period"
import type * as PlanLifecycle from "@baken/domain/PlanLifecycle"
import { Baseline, Target } from "@baken/domain/Target"
import * as Ref from "../reference/index.js"
import * as National from "./national.js"

/** Shown wherever demo data is displayed. */
export const label = "Voorbeelddata: verzonnen om Baken te laten zien, geen echte gegevens van de regio."

const date = CalendarDate.CalendarDate.make
const goalId = GoalId.make
const actionId = ActionId.make
const milestoneId = MilestoneId.make
const indicatorId = IndicatorId.make
const adapter = AdapterId.make

/** Invented partners that carry out demo actions (names say they are examples). */
export const partners: ReadonlyArray<Partner> = [
  new Partner({
    id: PartnerId.make("voorbeeld-zorgaanbieder"),
    name: "Voorbeeld Zorgaanbieder (demo)",
    kind: "zorgaanbieder",
    adapters: [adapter("iwmo")],
  }),
  new Partner({
    id: PartnerId.make("voorbeeld-woningcorporatie"),
    name: "Voorbeeld Woningcorporatie (demo)",
    kind: "woningcorporatie",
    adapters: [adapter("woningcorporatie")],
  }),
  new Partner({
    id: PartnerId.make("gemeente-hilversum-demo"),
    name: "Gemeente Hilversum, team schuldhulpverlening (demo)",
    kind: "gemeente",
    municipality: Ref.hilversum.code,
    adapters: [adapter("vroegsignalering")],
  }),
]

const zorgaanbieder = PartnerId.make("voorbeeld-zorgaanbieder")
const woningcorporatie = PartnerId.make("voorbeeld-woningcorporatie")
const gemeente = PartnerId.make("gemeente-hilversum-demo")

const source = (a: string, description: string) => new DataSource({ adapter: adapter(a), description })

/**
 * The indicators of the demo's 2022-2025 plan: invented ones, one of each aggregation rule and disclosure class, and
 * the plan's flow measures of `Flow` (real definitions, computed from the person events), which a demo goal uses.
 */
export const indicators: ReadonlyArray<Indicator> = [
  new Indicator({
    id: indicatorId("inwoners"),
    name: "Inwoners",
    definition: "Aantal inwoners op 1 januari.",
    unit: "residents",
    direction: "higher-is-better",
    aggregation: { _tag: "Sum" },
    source: source("cbs-statline", "CBS bevolking per gemeente"),
    disclosure: "open",
  }),
  new Indicator({
    id: indicatorId("bw-instroom"),
    name: "Instroom beschermd wonen",
    definition: "Aantal personen met een nieuwe toewijzing in productcategorie 15 (beschermd wonen).",
    unit: "count",
    direction: "lower-is-better",
    aggregation: { _tag: "Sum" },
    source: source("iwmo", "iWmo 301 toewijzingen, productcategorie 15"),
    disclosure: "person-counts",
  }),
  new Indicator({
    id: indicatorId("bw-instroom-per-1000"),
    name: "Instroom beschermd wonen per 1.000 inwoners",
    definition: "Instroom beschermd wonen gedeeld door het aantal inwoners, maal 1.000.",
    unit: "per-1000-residents",
    direction: "lower-is-better",
    aggregation: {
      _tag: "Ratio",
      numerator: indicatorId("bw-instroom"),
      denominator: indicatorId("inwoners"),
      scale: 1000,
    },
    source: source("iwmo", "berekend uit iWmo en CBS"),
    disclosure: "open",
  }),
  new Indicator({
    id: indicatorId("mo-instroom"),
    name: "Instroom maatschappelijke opvang",
    definition: "Aantal personen met een nieuwe toewijzing in productcategorie 16 (opvang).",
    unit: "count",
    direction: "lower-is-better",
    aggregation: { _tag: "Sum" },
    source: source("iwmo", "iWmo 301 toewijzingen, productcategorie 16"),
    disclosure: "person-counts",
  }),
  new Indicator({
    id: indicatorId("huisuitzettingen"),
    name: "Huisuitzettingen",
    definition: "Aantal uitgevoerde huisuitzettingen wegens huurachterstand.",
    unit: "count",
    direction: "lower-is-better",
    aggregation: { _tag: "Sum" },
    source: source("woningcorporatie", "opgave woningcorporaties"),
    disclosure: "person-counts",
  }),
  new Indicator({
    id: indicatorId("vroegsignalen-hulp-aanvaard"),
    name: "Vroegsignalen met aanvaarde hulp",
    definition: "Aantal vroegsignalen waarna de inwoner hulp aanvaardde.",
    unit: "count",
    direction: "higher-is-better",
    aggregation: { _tag: "Sum" },
    source: source("vroegsignalering", "vroegsignalering (VNG DDAS-model)"),
    disclosure: "person-counts",
  }),
  new Indicator({
    id: indicatorId("wachttijd-bw"),
    name: "Wachttijd beschermd wonen",
    definition:
      "Gemiddeld aantal dagen van verzoek om toewijzing tot toewijzing, over de personen die in de periode een toewijzing beschermd wonen kregen.",
    unit: "days",
    direction: "lower-is-better",
    aggregation: { _tag: "Mean", count: indicatorId("bw-instroom") },
    source: source("iwmo", "iWmo 315 en 301"),
    disclosure: "restricted",
  }),
  ...Flow.indicators,
]

const p = Period.Period.make

/** Invented targets for 2025, with 2021 as baseline. */
export const targets: ReadonlyArray<Target> = [
  new Target({
    indicator: indicatorId("huisuitzettingen"),
    period: p("2025"),
    value: 20,
    baseline: new Baseline({ period: p("2021"), value: 44 }),
  }),
  new Target({
    indicator: indicatorId("vroegsignalen-hulp-aanvaard"),
    period: p("2025"),
    value: 600,
    baseline: new Baseline({ period: p("2021"), value: 250 }),
  }),
  new Target({
    indicator: indicatorId("bw-instroom-per-1000"),
    period: p("2025"),
    value: 0.6,
    baseline: new Baseline({ period: p("2021"), value: 0.9 }),
  }),
  new Target({ indicator: indicatorId("wachttijd-bw"), period: p("2025"), value: 30 }),
  new Target({
    indicator: indicatorId("nazorg-detentie-30d"),
    period: p("2025"),
    value: 120,
    baseline: new Baseline({ period: p("2022"), value: 90 }),
  }),
  new Target({
    indicator: indicatorId("mo-instroom"),
    period: p("2025"),
    value: 150,
    baseline: new Baseline({ period: p("2021"), value: 210 }),
  }),
]

const gi = (id: string, weight = 1) => new GoalIndicator({ indicator: indicatorId(id), weight })

/** Invented goals, two per core programme. */
export const goals: ReadonlyArray<Goal> = [
  new Goal({
    id: goalId("minder-huisuitzettingen"),
    programme: Ref.preventieEnPerspectief.id,
    title: "Minder huisuitzettingen",
    weight: 2,
    indicators: [gi("huisuitzettingen")],
  }),
  new Goal({
    id: goalId("eerder-hulp-bij-schulden"),
    programme: Ref.preventieEnPerspectief.id,
    title: "Eerder hulp bij schulden",
    weight: 1,
    indicators: [gi("vroegsignalen-hulp-aanvaard")],
  }),
  new Goal({
    id: goalId("zelfstandig-wonen-met-begeleiding"),
    programme: Ref.beschermdEnVeiligThuisWonen.id,
    title: "Meer inwoners wonen zelfstandig met begeleiding",
    weight: 1,
    indicators: [gi("bw-instroom-per-1000", 2)],
  }),
  new Goal({
    id: goalId("kortere-wachttijd-bw"),
    programme: Ref.beschermdEnVeiligThuisWonen.id,
    title: "Kortere wachttijd beschermd wonen",
    weight: 1,
    indicators: [gi("wachttijd-bw")],
  }),
  new Goal({
    id: goalId("niemand-uit-beeld-na-detentie"),
    programme: Ref.integraleBenadering.id,
    title: "Niemand uit beeld na detentie",
    weight: 1,
    // Judged from the flow measure of the reference plan (`Flow.ids.aftercare`), not from a demo indicator.
    indicators: [gi("nazorg-detentie-30d")],
  }),
  new Goal({
    id: goalId("minder-instroom-opvang"),
    programme: Ref.integraleBenadering.id,
    title: "Minder instroom in de maatschappelijke opvang",
    weight: 1,
    indicators: [gi("mo-instroom")],
  }),
]

const ms = (id: string, title: string, due: string, completedOn?: string, weight = 1) =>
  new Milestone({
    id: milestoneId(id),
    title,
    due: date(due),
    weight,
    ...(completedOn === undefined ? {} : { completedOn: date(completedOn) }),
  })

/** Invented actions with milestones, owners and contributors. */
export const actions: ReadonlyArray<Action> = [
  new Action({
    id: actionId("vroegsignalering-energieschulden"),
    goal: goalId("eerder-hulp-bij-schulden"),
    title: "Vroegsignalering uitbreiden met energieschulden",
    owner: gemeente,
    contributors: [woningcorporatie],
    start: date("2022-01-01"),
    end: date("2023-12-31"),
    status: "completed",
    weight: 1,
    milestones: [
      ms("convenant", "Convenant met energieleveranciers", "2022-06-30", "2022-06-15"),
      ms("eerste-signalen", "Eerste signalen verwerkt", "2022-12-31", "2023-01-20"),
    ],
  }),
  new Action({
    id: actionId("betalingsregelingen-huur"),
    goal: goalId("minder-huisuitzettingen"),
    title: "Afspraken over betalingsregelingen bij huurachterstand",
    owner: woningcorporatie,
    contributors: [gemeente],
    start: date("2022-03-01"),
    end: date("2025-12-31"),
    status: "in-progress",
    weight: 1,
    milestones: [
      ms("afspraken", "Afspraken vastgelegd", "2022-09-30", "2022-10-10", 1),
      ms("evaluatie-2023", "Tussenevaluatie", "2023-12-31", "2023-12-20", 1),
      ms("alle-corporaties", "Alle corporaties doen mee", "2024-12-31", undefined, 2),
    ],
  }),
  new Action({
    id: actionId("housing-first"),
    goal: goalId("zelfstandig-wonen-met-begeleiding"),
    title: "Pilot Housing First",
    owner: zorgaanbieder,
    contributors: [woningcorporatie, Ref.ggd.id],
    start: date("2022-04-01"),
    end: date("2025-06-30"),
    status: "in-progress",
    weight: 2,
    milestones: [
      ms("woningen", "Tien woningen beschikbaar", "2022-12-31", "2023-02-01"),
      ms("eerste-bewoners", "Eerste bewoners gehuisvest", "2023-06-30", "2023-06-01"),
      ms("evaluatie-housing-first", "Evaluatie pilot", "2025-03-31"),
    ],
  }),
  new Action({
    id: actionId("wachtlijstbeheer"),
    goal: goalId("kortere-wachttijd-bw"),
    title: "Regionaal wachtlijstbeheer",
    owner: zorgaanbieder,
    contributors: [],
    start: date("2023-01-01"),
    end: date("2024-12-31"),
    status: "planned",
    weight: 1,
    milestones: [],
  }),
  new Action({
    id: actionId("nazorg-ex-gedetineerden"),
    goal: goalId("niemand-uit-beeld-na-detentie"),
    title: "Sluitende nazorg voor ex-gedetineerden",
    owner: Ref.zorgEnVeiligheidshuis.id,
    contributors: [gemeente, Ref.politie.id],
    start: date("2022-01-01"),
    end: date("2025-12-31"),
    status: "stalled",
    weight: 1,
    milestones: [
      ms("werkwijze", "Werkwijze vastgesteld", "2022-06-30", "2022-07-15"),
      ms("id-bij-ontslag", "Iedereen heeft een ID-bewijs bij ontslag", "2023-06-30"),
    ],
  }),
  new Action({
    id: actionId("meldpunt-zorgwekkend-gedrag"),
    goal: goalId("niemand-uit-beeld-na-detentie"),
    title: "Meldpunt zorgwekkend gedrag (vervallen)",
    owner: Ref.politie.id,
    contributors: [],
    start: date("2022-01-01"),
    end: date("2022-12-31"),
    status: "cancelled",
    weight: 1,
    milestones: [ms("meldpunt-open", "Meldpunt open", "2022-06-30")],
  }),
]

const decision = (m: { readonly code: MunicipalityCode }, outcome: Outcome, d: string) =>
  new CouncilDecision({ plan: Ref.plan2022.id, municipality: m.code, outcome, date: date(d), reference: `demo-${d}` })

/** Invented council decisions on the 2022-2025 plan, consistent with all councils having adopted by 23 December 2021. */
export const decisions: ReadonlyArray<CouncilDecision> = [
  decision(Ref.hilversum, "adopted", "2021-11-03"),
  decision(Ref.huizen, "adopted-with-amendments", "2021-11-04"),
  decision(Ref.laren, "postponed", "2021-11-09"),
  decision(Ref.gooiseMeren, "adopted", "2021-11-10"),
  decision(Ref.blaricum, "adopted", "2021-11-16"),
  decision(Ref.wijdemeren, "adopted", "2021-11-25"),
  decision(Ref.eemnes, "adopted", "2021-12-02"),
  decision(Ref.laren, "adopted", "2021-12-14"),
]

/** An invented lifecycle of the 2022-2025 plan, consistent with the demo decisions. */
export const status: PlanLifecycle.Status = {
  _tag: "InExecution",
  releasedOn: date("2021-10-12"),
  adoptedOn: date("2021-12-14"),
  executionFrom: date("2022-01-01"),
}

/** Invented residents per municipality (not CBS figures). */
export const residents: Readonly<Record<string, number>> = {
  GM0376: 11_500,
  GM0317: 9_200,
  GM1942: 58_000,
  GM0402: 91_000,
  GM0406: 41_500,
  GM0417: 11_200,
  GM1696: 24_300,
  GM0457: 20_100,
}

const euros = (n: number) => Cents.make(Math.round(n * 100))

/** Invented pooled budget lines per programme and year. */
export const budget: ReadonlyArray<BudgetLine> = [2022, 2023, 2024, 2025].flatMap((year, i) => [
  new BudgetLine({
    plan: Ref.plan2022.id,
    programme: Ref.preventieEnPerspectief.id,
    year,
    description: "Preventie en vroegsignalering",
    amount: euros(1_250_000 + i * 40_000),
  }),
  new BudgetLine({
    plan: Ref.plan2022.id,
    programme: Ref.beschermdEnVeiligThuisWonen.id,
    year,
    description: "Beschermd wonen en begeleiding thuis",
    amount: euros(9_800_000.37 + i * 150_000),
  }),
  new BudgetLine({
    plan: Ref.plan2022.id,
    programme: Ref.integraleBenadering.id,
    year,
    description: "Zorg en veiligheid",
    amount: euros(2_100_000.5 + i * 60_000),
  }),
])

const entries = (values: (code: string) => number) =>
  Object.keys(residents).map((code) => new KeyEntry({ municipality: MunicipalityCode.make(code), value: values(code) }))

/** An invented cost key for a year: 80 parts per resident, 20 parts in equal shares, members on 1 January. */
export const costKey = (year: number): CostKey => {
  const referenceDate = date(`${year}-01-01`)
  return {
    _tag: "Mix",
    referenceDate,
    parts: [
      new MixPart({
        weight: 80,
        key: { _tag: "PerResident", referenceDate, residents: entries((c) => residents[c] ?? 0) },
      }),
      new MixPart({ weight: 20, key: { _tag: "FixedShares", referenceDate, shares: entries(() => 1) } }),
    ],
  }
}

/**
 * A small deterministic pseudo-random generator (mulberry32): numbers from 0 up to 1, the same for the same seed every
 * time, so the demo's invented data is the same on every load.
 */
export const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/**
 * Invented observations per municipality: yearly for 2021-2024 and quarterly for 2022-2024. Weesp delivers until
 * 2022-Q1 (so aggregation must set it aside for 2022), and the small municipalities have counts below 10 that
 * disclosure control must hide.
 */
export const observations: ReadonlyArray<Observation> = (() => {
  const next = random(2022)
  const out: Array<Observation> = []
  const years = ["2021", "2022", "2023", "2024"]
  const quarters = ["2022", "2023", "2024"].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`))
  const rates: Record<string, number> = {
    "bw-instroom": 0.8,
    "mo-instroom": 2.2,
    huisuitzettingen: 0.45,
    "vroegsignalen-hulp-aanvaard": 4,
  }
  for (const [code, people] of Object.entries(residents)) {
    const area = AreaCode.make(code)
    const weesp = code === Ref.weesp.code
    const delivers = (period: string) => !weesp || Period.start(p(period)) <= "2022-03-23"
    for (const y of years.filter(delivers)) {
      out.push(
        new Observation({
          indicator: indicatorId("inwoners"),
          area,
          period: p(y),
          value: people + Math.round((next() - 0.5) * 400),
          source: adapter("cbs-statline"),
        }),
      )
      out.push(
        new Observation({
          indicator: indicatorId("wachttijd-bw"),
          area,
          period: p(y),
          value: Math.round(25 + next() * 40),
          source: adapter("iwmo"),
        }),
      )
    }
    for (const [indicator, perThousand] of Object.entries(rates)) {
      for (const period of [...years, ...quarters].filter(delivers)) {
        const share = period.includes("-Q") ? 0.25 : 1
        const trend =
          1 - 0.08 * (Number(period.slice(0, 4)) - 2021) * (indicator === "vroegsignalen-hulp-aanvaard" ? -1 : 1)
        const expected = (people / 1000) * perThousand * share * trend
        out.push(
          new Observation({
            indicator: indicatorId(indicator),
            area,
            period: p(period),
            value: Math.max(0, Math.round(expected * (0.7 + next() * 0.6))),
            source: adapter(
              indicator === "huisuitzettingen"
                ? "woningcorporatie"
                : indicator === "vroegsignalen-hulp-aanvaard"
                  ? "vroegsignalering"
                  : "iwmo",
            ),
          }),
        )
      }
    }
  }
  return out
})()
export * from "./deliveries.js"

/** DEMO national figures and the members' figures of CBS's national indicators, as the CBS adapter emits them. */
export const nationalObservations: ReadonlyArray<Observation> = National.nationalObservationsOf(observations)

/** A member's population in a year as the demo's `inwoners` give it (the year before when they have none yet). */
export const populationOf = (area: string, year: number): number => National.populationIn(observations, area, year)

export { nationalIndicators, nationalPopulation, nationalYears } from "./national.js"
