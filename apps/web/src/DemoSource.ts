/**
 * An in-memory `DashboardSource` over `@baken/domain`'s reference data (region, municipalities and Weesp's
 * membership, plans, programmes, partners, task areas) and its labelled example data (`@baken/domain/demo`: goals,
 * actions, indicators, targets, council decisions, budget, cost key, observations). Every rule — status, progress,
 * aggregation, disclosure control, budget shares, the council letter — runs in the domain, through `DomainViews`.
 * What the domain's demo does not hold is added here, small and labelled: partner deliveries with their rejections,
 * delivery schedules, the adapters' descriptions, an NL benchmark, the demo codes and a toy reader for uploads.
 */
import {
  Action,
  Aggregation,
  CalendarDate,
  CouncilDecision,
  Goal,
  Indicator,
  Membership,
  Period,
  Plan,
  PlanLifecycle,
  Programme,
  ProgressLetter,
  Target,
} from "@baken/domain"
import * as Demo from "@baken/domain/demo"
import * as Ref from "@baken/domain/reference"
import { Option, Result } from "effect"
import type {
  CouncilLetterView,
  DashboardSource,
  DecisionInput,
  DeliveryJobView,
  DeliveryView,
  MunicipalityView,
  Overview,
  PartnerView,
  PlanEdit,
  ProgrammeView,
  RegionView,
  RejectionView,
  ScheduleView,
  SeriesRow,
  Session,
} from "./DashboardSource.js"
import { SourceError } from "./DashboardSource.js"
import { IndicatorId, isDay, isMunicipalityCode, isPeriod, Period as PeriodSchema } from "./DomainSchemas.js"
import * as DomainViews from "./DomainViews.js"
import * as Format from "./Format.js"

/** Which moment of the plan the demo starts in. */
export type Scenario = "in-execution" | "awaiting-council" | "draft"

/** Options for the demo: the scenario, today's date and the two demo tokens. */
export interface DemoOptions {
  readonly scenario?: Scenario
  readonly today?: string
  readonly regionToken?: string
  readonly partnerToken?: string
}

/** The token the demo accepts for the region's policy officers when none is given. */
export const defaultRegionToken = "demo-regio-token"
/** The token the demo accepts for Veilig Thuis when none is given. */
export const defaultPartnerToken = "demo-partner-veilig-thuis"

const dataNote = `${Demo.label} De plannen, programma's, gemeenten en het lidmaatschap van Weesp komen uit de bronnen.`

/** Everyone who publishes here reads as the public; the region page reads as the region. */
const audience = "public" as const

const region = Ref.gooiEnVechtstreek
const plan = Ref.plan2022
const partners = [...Ref.partners, ...Demo.partners]
const observations = Aggregation.index(Demo.observations)

// ---- web-only example data (not in @baken/domain/demo) ---------------------------------------------------------

/** Web-only example: a Dutch benchmark for the rate of new sheltered-housing residents (invented, like the demo). */
const benchmarks: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map([
  [
    "bw-instroom-per-1000",
    new Map([
      ["2021", 0.98],
      ["2022", 0.95],
      ["2023", 0.92],
      ["2024", 0.9],
    ]),
  ],
])

/** Web-only: what each demo partner's adapter accepts, for the upload form. */
const adapterInfo: Readonly<Record<string, { readonly name: string; readonly accepts: string }>> = {
  "veilig-thuis": {
    name: "Veilig Thuis beleidsinformatie (CSV)",
    accepts: "CSV met de kolommen gemeente, periode, meldingen (bijvoorbeeld GM0402,2024-H2,25)",
  },
  woningcorporatie: { name: "Huisuitzettingen (CSV)", accepts: "CSV met de kolommen gemeente, periode, meldingen" },
  vroegsignalering: { name: "Vroegsignalering (CSV)", accepts: "CSV met de kolommen gemeente, periode, meldingen" },
  iwmo: { name: "iWmo 3.2-berichten", accepts: "XML-berichten WMO301 tot en met WMO323" },
}

const initialSchedules: ReadonlyArray<Omit<ScheduleView, "partner">> = [
  { partnerId: Ref.veiligThuis.id, adapter: "veilig-thuis", frequency: "half", dueAfterDays: 60 },
  { partnerId: "voorbeeld-zorgaanbieder", adapter: "iwmo", frequency: "month", dueAfterDays: 30 },
]

const initialDeliveries: ReadonlyArray<DeliveryView> = [
  {
    id: "lev-2024-h1",
    adapter: "veilig-thuis",
    fileName: "vt-2024-h1.csv",
    receivedAt: "2024-08-20",
    period: "2024-H1",
    accepted: 7,
    rejected: 0,
  },
  {
    id: "lev-2023-h2",
    adapter: "veilig-thuis",
    fileName: "vt-2023-h2.csv",
    receivedAt: "2024-02-27",
    period: "2023-H2",
    accepted: 6,
    rejected: 1,
  },
]

const initialRejections: ReadonlyArray<RejectionView> = [
  {
    delivery: "lev-2023-h2",
    location: { file: "vt-2023-h2.csv", line: 5, field: "gemeente" },
    rule: "onbekende-gemeente",
    message: "GM0363 (Amsterdam) hoort niet bij de regio in 2023-H2.",
  },
]

/** The scenario's plan status and council decisions, taken from the demo's. */
const start = (scenario: Scenario) => {
  const demo = Demo.status
  if (scenario === "draft") return { status: PlanLifecycle.Draft.make({}), decisions: [] }
  if (scenario === "awaiting-council" && demo._tag !== "Draft") {
    return {
      status: PlanLifecycle.Released.make({ releasedOn: demo.releasedOn }),
      decisions: Demo.decisions.filter((d) => d.municipality !== Ref.wijdemeren.code),
    }
  }
  return { status: demo, decisions: [...Demo.decisions] }
}

/** Builds a domain object, turning a refused value into a Dutch `BAD_REQUEST`. */
const build = <T>(make: () => T, what: string): T => {
  try {
    return make()
  } catch {
    throw new SourceError("BAD_REQUEST", `${what} is niet geldig.`)
  }
}

/** Creates a demo source; each call has its own state, so tests do not share edits. */
export const make = (options: DemoOptions = {}): DashboardSource => {
  const scenario = options.scenario ?? "in-execution"
  const today = options.today ?? "2025-04-15"
  const regionToken = options.regionToken ?? defaultRegionToken
  const partnerToken = options.partnerToken ?? defaultPartnerToken
  const initial = start(scenario)
  const data = {
    status: initial.status as PlanLifecycle.Status,
    decisions: [...initial.decisions] as Array<CouncilDecision.CouncilDecision>,
    programmes: [...Programme.ofPlan(Ref.programmes, plan.id)] as Array<Programme.Programme>,
    goals: [...Demo.goals] as Array<Goal.Goal>,
    actions: [...Demo.actions] as Array<Action.Action>,
    indicators: [...Demo.indicators] as Array<Indicator.Indicator>,
    targets: [...Demo.targets] as Array<Target.Target>,
  }
  const schedules = [...initialSchedules]
  const deliveries = [...initialDeliveries]
  const rejections = [...initialRejections]

  const state = (): DomainViews.PlanState => ({
    region,
    municipalities: Ref.municipalities,
    plans: Ref.plans,
    plan,
    status: data.status,
    decisions: data.decisions,
    programmes: data.programmes,
    goals: data.goals,
    actions: data.actions,
    indicators: data.indicators,
    targets: data.targets,
    partners,
    observations,
    benchmarks,
  })
  const regionName = region.name.replace(/^Regio /, "")
  const disclosure = DomainViews.disclosureRules(audience)
  const partnerName = (id: string): string => partners.find((p) => p.id === id)?.name ?? id

  // ---- access ----------------------------------------------------------------------------------------------------

  const session = async (token: string): Promise<Session | null> => {
    if (token === regionToken) return { role: "region", name: region.name }
    if (token === partnerToken) return { role: "partner", partnerId: Ref.veiligThuis.id, name: Ref.veiligThuis.name }
    return null
  }
  const authorise = async (token: string, role: Session["role"]): Promise<Session> => {
    const s = await session(token)
    if (s === null)
      throw new SourceError(
        "UNAUTHORIZED",
        "Deze code is niet bekend. Log opnieuw in met de code die u van de regio kreeg.",
      )
    if (s.role !== role) throw new SourceError("FORBIDDEN", "Met deze code kunt u deze pagina niet openen.")
    return s
  }
  const adaptersOf = (partnerId: string): ReadonlyArray<string> =>
    partners.find((p) => p.id === partnerId)?.adapters ?? []

  // ---- deliveries (web-only demo) ----------------------------------------------------------------------------------

  const overdueOf = (partnerId: string) =>
    schedules
      .filter((s) => s.partnerId === partnerId)
      .flatMap((s) =>
        ["2024", "2025"].flatMap((y) =>
          Period.split(PeriodSchema.make(y), s.frequency).flatMap((period) => {
            const due = CalendarDate.addDays(Period.end(period), s.dueAfterDays)
            const delivered = deliveries.some((d) => d.adapter === s.adapter && d.period === period && d.accepted > 0)
            return due < today && !delivered ? [{ adapter: s.adapter, period, due }] : []
          }),
        ),
      )

  /** The demo's delivered files, by id. */
  const jobs = new Map<string, { readonly partnerId: string; readonly view: DeliveryJobView }>()

  /** A toy reader for `gemeente,periode,meldingen` CSV files; the server runs the real adapters. */
  const readUpload = (upload: {
    readonly adapter: string
    readonly fileName: string
    readonly bytes: Uint8Array
  }): { readonly delivery: DeliveryView; readonly rejections: ReadonlyArray<RejectionView> } => {
    const lines = new TextDecoder().decode(upload.bytes).split(/\r?\n/)
    const id = `lev-${deliveries.length + 1}-${today}`
    const found: Array<RejectionView> = []
    let accepted = 0
    const periods = new Set<string>()
    const header = (lines[0] ?? "").trim().toLowerCase()
    if (header !== "gemeente,periode,meldingen") {
      found.push({
        delivery: id,
        location: { file: upload.fileName, line: 1, field: null },
        rule: "kopregel",
        message: `De eerste regel moet "gemeente,periode,meldingen" zijn, niet "${(lines[0] ?? "").slice(0, 60)}".`,
      })
    } else {
      for (const [i, line] of lines.slice(1).entries()) {
        if (line.trim() === "") continue
        const [code = "", period = "", count = ""] = line.split(",").map((x) => x.trim())
        const at = (field: string, rule: string, message: string): void => {
          found.push({ delivery: id, location: { file: upload.fileName, line: i + 2, field }, rule, message })
        }
        if (!isPeriod(period)) {
          at("periode", "ongeldige-periode", `"${period}" is geen periode; schrijf bijvoorbeeld 2024-H2.`)
          continue
        }
        if (
          !isMunicipalityCode(code) ||
          !Membership.isMemberThroughout(region, code, Period.start(period), Period.end(period))
        ) {
          at("gemeente", "onbekende-gemeente", `"${code}" hoort niet bij de regio in ${period}.`)
          continue
        }
        if (!/^\d+$/.test(count)) {
          at("meldingen", "geen-aantal", `"${count}" is geen heel getal van 0 of meer.`)
          continue
        }
        accepted++
        periods.add(period)
      }
    }
    const delivery: DeliveryView = {
      id,
      adapter: upload.adapter,
      fileName: upload.fileName,
      receivedAt: today,
      period: [...periods].sort().join(", ") || "onbekend",
      accepted,
      rejected: found.length,
    }
    deliveries.unshift(delivery)
    rejections.unshift(...found)
    return { delivery, rejections: found }
  }

  // ---- plan edits ------------------------------------------------------------------------------------------------

  const indexOf = <T extends { readonly id: string }>(list: ReadonlyArray<T>, id: string, what: string): number => {
    const i = list.findIndex((x) => x.id === id)
    if (i === -1) throw new SourceError("NOT_FOUND", `${what} "${id}" bestaat niet.`)
    return i
  }
  const replace = <T extends { readonly id: string }>(
    list: Array<T>,
    id: string,
    what: string,
    change: (item: T) => T,
  ): void => {
    const i = indexOf(list, id, what)
    const item = list[i]
    if (item !== undefined) list[i] = build(() => change(item), what)
  }

  return {
    overview: async (): Promise<Overview> => {
      const s = state()
      const progress = DomainViews.progressData(s, audience)
      const years = DomainViews.observedYears(s)
      const published = s.indicators.map((i) => DomainViews.publish(s, i, years, audience)).filter((p) => !p.withheld)
      const rows: Array<SeriesRow> = published.map((p) => ({
        key: p.indicator.id,
        label: DomainViews.nameWithUnit(p.indicator),
        kind: "region",
        cells: p.region,
      }))
      // The headline count per municipality too, so residents see how small numbers are protected.
      const headline = published.find((p) => p.indicator.id === "huisuitzettingen")
      for (const m of headline?.municipalities ?? []) {
        rows.push({
          key: `huisuitzettingen-${m.code}`,
          label: `Huisuitzettingen in ${m.name}`,
          kind: "municipality",
          cells: m.cells,
        })
      }
      return {
        regionName,
        plan: DomainViews.planView(s, today),
        councils: DomainViews.councilRows(s, today),
        programmes: s.programmes.map((p) => DomainViews.programmeSummary(p, progress, today)),
        keyFigures: {
          id: "kerncijfers",
          title: "Kerncijfers per jaar",
          unit: "",
          definition: "Cijfers voor de hele regio per kalenderjaar, en huisuitzettingen per gemeente.",
          periods: [...years],
          rows,
        },
        disclosure,
        municipalities: DomainViews.municipalitiesSince(s, Ref.plan2017, today),
        dataNote,
      }
    },
    programme: async (id): Promise<ProgrammeView> => {
      const s = state()
      const programme = s.programmes[indexOf(s.programmes, id, "Programma")]
      if (programme === undefined) throw new SourceError("NOT_FOUND", `Programma "${id}" bestaat niet.`)
      const progress = DomainViews.progressData(s, audience)
      return {
        plan: DomainViews.planView(s, today),
        programme: DomainViews.programmeSummary(programme, progress, today),
        goals: DomainViews.goalsOf(s, programme).map((g) =>
          DomainViews.goalView(s, g, progress, audience, region.name, today),
        ),
        disclosure,
        dataNote,
      }
    },
    municipality: async (code): Promise<MunicipalityView> => {
      const s = state()
      const m = DomainViews.municipalitiesSince(s, Ref.plan2017, today).find((x) => x.code === code)
      if (m === undefined) throw new SourceError("NOT_FOUND", `Gemeente "${code}" hoort niet bij de regio.`)
      const years = DomainViews.observedYears(s)
      return {
        code: m.code,
        name: m.name,
        memberships: DomainViews.memberships(s, m.code),
        membershipNote: DomainViews.membershipNote(s, m.code),
        figures: {
          id: `cijfers-${m.code.toLowerCase()}`,
          title: `Cijfers van ${m.name}`,
          unit: "",
          definition: `Cijfers van ${m.name} per kalenderjaar.`,
          periods: [...years],
          rows: [...DomainViews.municipalFigures(s, m.code, audience)],
        },
        budget: DomainViews.budgetShares(s, m.code, Demo.budget, Demo.costKey),
        decisions: DomainViews.decisionsOf(s, m.code),
        disclosure,
        dataNote,
      }
    },
    session,
    partner: async (token): Promise<PartnerView> => {
      const s = await authorise(token, "partner")
      const partnerId = s.role === "partner" ? s.partnerId : ""
      const adapters = adaptersOf(partnerId)
      return {
        partnerId,
        name: s.name,
        adapters: adapters.map((a) => ({
          id: a,
          name: adapterInfo[a]?.name ?? a,
          accepts: adapterInfo[a]?.accepts ?? "",
        })),
        deliveries: deliveries.filter((d) => adapters.includes(d.adapter)),
        rejections: rejections.filter((r) =>
          deliveries.some((d) => d.id === r.delivery && adapters.includes(d.adapter)),
        ),
        overdue: overdueOf(partnerId),
      }
    },
    deliver: async (token, file) => {
      const s = await authorise(token, "partner")
      const partnerId = s.role === "partner" ? s.partnerId : ""
      if (!adaptersOf(partnerId).includes(file.adapter))
        throw new SourceError("BAD_REQUEST", `U levert niet via "${file.adapter}".`)
      const bytes = new Uint8Array(await new Response(file.body).arrayBuffer())
      if (bytes.byteLength === 0)
        throw new SourceError("BAD_REQUEST", "Het bestand is leeg. Kies een bestand om te leveren.")
      // The demo reads the file at once: its job is stored (or refused) before the browser asks for it.
      const { delivery, rejections: found } = readUpload({ adapter: file.adapter, fileName: file.fileName, bytes })
      const id = `levering-${jobs.size + 1}`
      const refused = delivery.accepted === 0 && found.length > 0
      jobs.set(id, {
        partnerId,
        view: {
          id,
          fileName: file.fileName,
          adapter: adapterInfo[file.adapter]?.name ?? file.adapter,
          status: refused ? "refused" : "stored",
          progress: { read: delivery.accepted + found.length, accepted: delivery.accepted, rejected: found.length },
          summary: refused ? null : { accepted: delivery.accepted, rejected: found.length, period: delivery.period },
          reason: refused
            ? "Geen enkele regel van het bestand kon worden gelezen; de afwijzingen zeggen wat er mis is."
            : null,
          rejections: found,
        },
      })
      return { id }
    },
    delivery: async (token, id) => {
      const s = await authorise(token, "partner")
      const job = jobs.get(id)
      if (job === undefined || s.role !== "partner" || job.partnerId !== s.partnerId)
        throw new SourceError("NOT_FOUND", "Deze levering bestaat niet, of is niet van u.")
      return job.view
    },
    region: async (token): Promise<RegionView> => {
      await authorise(token, "region")
      const s = state()
      const progress = DomainViews.progressData(s, "region")
      return {
        plan: DomainViews.planView(s, today),
        councils: DomainViews.councilRows(s, today),
        programmes: s.programmes.map((p) => DomainViews.programmeSummary(p, progress, today)),
        goals: s.goals.map((g) => ({
          id: g.id,
          programme: g.programme,
          title: g.title,
          description: g.description ?? "",
        })),
        actions: s.actions.map((a) => ({ id: a.id, goal: a.goal, title: a.title, status: a.status })),
        indicators: s.indicators.map((i) => ({
          id: i.id,
          title: i.name,
          definition: i.definition,
          unit: DomainViews.unitNl[i.unit],
        })),
        targets: s.targets.map((t) => ({ indicator: t.indicator, period: t.period, value: t.value })),
        schedules: schedules.map((x) => ({ ...x, partner: partnerName(x.partnerId) })),
        partners: partners
          .filter((p) => p.adapters.length > 0)
          .map((p) => ({ id: p.id, name: p.name, adapters: p.adapters })),
        canRelease: data.status._tag === "Draft",
      }
    },
    editPlan: async (token, edit: PlanEdit) => {
      await authorise(token, "region")
      switch (edit.kind) {
        case "programme":
          return replace(
            data.programmes,
            edit.id,
            "Programma",
            (p) => new Programme.Programme({ ...p, name: edit.name, description: edit.description }),
          )
        case "goal":
          return replace(
            data.goals,
            edit.id,
            "Doel",
            (g) => new Goal.Goal({ ...g, title: edit.title, description: edit.description }),
          )
        case "action":
          return replace(
            data.actions,
            edit.id,
            "Actie",
            (a) => new Action.Action({ ...a, title: edit.title, status: edit.status }),
          )
        case "indicator":
          return replace(
            data.indicators,
            edit.id,
            "Indicator",
            (i) => new Indicator.Indicator({ ...i, name: edit.title, definition: edit.definition }),
          )
        case "target": {
          indexOf(data.indicators, edit.indicator, "Indicator")
          if (!Number.isFinite(edit.value)) throw new SourceError("BAD_REQUEST", "Een doelwaarde is een getal.")
          const i = data.targets.findIndex((t) => t.indicator === edit.indicator && t.period === edit.period)
          const before = data.targets[i]
          const target = build(
            () =>
              new Target.Target({
                ...before,
                indicator: IndicatorId.make(edit.indicator),
                period: PeriodSchema.make(edit.period),
                value: edit.value,
              }),
            "De doelwaarde",
          )
          if (before === undefined) data.targets.push(target)
          else data.targets[i] = target
          return
        }
      }
    },
    releasePlan: async (token, date) => {
      await authorise(token, "region")
      if (!isDay(date)) throw new SourceError("BAD_REQUEST", `"${date}" is geen datum.`)
      const next = PlanLifecycle.release(plan.id, data.status, date)
      if (Result.isFailure(next)) throw new SourceError("BAD_REQUEST", `${next.failure.messageNl}.`)
      data.status = next.success
    },
    recordDecision: async (token, d: DecisionInput) => {
      await authorise(token, "region")
      const status = data.status
      if (status._tag === "Draft")
        throw new SourceError(
          "BAD_REQUEST",
          "Geef het plan eerst vrij voor besluitvorming; daarna kunnen raden erover besluiten.",
        )
      if (!isDay(d.date) || d.date < status.releasedOn)
        throw new SourceError(
          "BAD_REQUEST",
          `De datum van het besluit moet op of na ${Format.date(status.releasedOn)} liggen.`,
        )
      if (!isMunicipalityCode(d.municipality) || !Plan.councilsOn(plan, region, d.date).includes(d.municipality))
        throw new SourceError("BAD_REQUEST", `${d.municipality} besluit niet over dit plan.`)
      data.decisions.push(
        new CouncilDecision.CouncilDecision({
          plan: plan.id,
          municipality: d.municipality,
          outcome: d.outcome,
          date: d.date,
          ...(d.reference === "" ? {} : { reference: d.reference }),
        }),
      )
      if (status._tag !== "Released") return
      const input = { plan, region, municipalities: Ref.municipalities, decisions: data.decisions }
      const on = PlanLifecycle.adoptionDate(input)
      if (Option.isNone(on)) return
      const adopted = PlanLifecycle.adopt(status, input, on.value)
      if (Result.isSuccess(adopted)) data.status = adopted.success
    },
    setSchedule: async (token, s) => {
      await authorise(token, "region")
      if (!adaptersOf(s.partnerId).includes(s.adapter))
        throw new SourceError("BAD_REQUEST", `${partnerName(s.partnerId)} levert niet via "${s.adapter}".`)
      const i = schedules.findIndex((x) => x.partnerId === s.partnerId && x.adapter === s.adapter)
      if (i === -1) schedules.push({ ...s })
      else schedules[i] = { ...s }
    },
    councilLetter: async (token): Promise<CouncilLetterView> => {
      await authorise(token, "region")
      const s = state()
      // The demo has no published tables of its own: the letter shows its figures as not yet published.
      const letter = ProgressLetter.progressLetter({
        ...s,
        regionName: region.name,
        figures: [],
        budget: { lines: Demo.budget, key: Demo.costKey(s.plan.firstYear) },
        date: CalendarDate.CalendarDate.make(today),
        kenmerk: null,
        signatory: Ref.letter2021.signatory,
      })
      return { letter, issued: false }
    },
  }
}
