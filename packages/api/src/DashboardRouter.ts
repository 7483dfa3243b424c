/**
 * The dashboard's pages as data: one procedure per page (`dashboard.overview`, `.programme`, `.municipality`,
 * `.flows`, `.partner`, `.delivery`, `.region`, `.councilLetter`, and the admin's `.admin`, `.sessions` and
 * `.processingLog`) and `dashboard.me` for who is signed in. Each builds its view by calling the API's own procedures
 * as the same caller, so authorisation and disclosure control are the ones every client meets, and lays the results out with the view modules in `./dashboard` (plan status, progress, series,
 * municipalities, deliveries). The web app renders these views and holds no rules of its own.
 */
import { CalendarDate, Disclosure, Flow, Ids, Period, Plan, Programme, Progress } from "@baken/domain"
import { TRPCError } from "@trpc/server"
import { Clock, Effect, Schema } from "effect"
import { adaptersFor } from "./Adapters.js"
import { LogFilter } from "./AdminRouter.js"
import type { Caller } from "./Audience.js"
import { type CoreCaller, createCoreCaller } from "./CoreRouter.js"
import * as DeliveryJobs from "./DeliveryJobs.js"
import * as Admin from "./dashboard/AdminView.js"
import * as Flows from "./dashboard/FlowView.js"
import * as Municipalities from "./dashboard/MunicipalityView.js"
import * as Deliveries from "./dashboard/PartnerView.js"
import * as Plans from "./dashboard/PlanView.js"
import * as ProcessingLogView from "./dashboard/ProcessingLogView.js"
import * as Progressing from "./dashboard/ProgressView.js"
import * as SeriesView from "./dashboard/SeriesView.js"
import type * as Views from "./dashboard/Views.js"
import { Reference } from "./Environment.js"
import { disclosureAudience, type PublishedIndicator } from "./Figures.js"
import { type Context, procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

/** The day a page is for: today unless a test or an archive asks for another. */
const On = Schema.Struct({ on: Schema.optionalKey(CalendarDate.CalendarDate) })

const todayOf = (ctx: Context, on: CalendarDate.CalendarDate | undefined) =>
  on ?? run(ctx, Effect.map(Clock.currentTimeMillis, CalendarDate.fromEpochMillis))

const reference = (ctx: Context) =>
  run(
    ctx,
    Effect.gen(function* () {
      return yield* Reference
    }),
  )

const notFound = (message: string) => new TRPCError({ code: "NOT_FOUND", message })

/** The text that says figures are examples, when they are. */
const dataNote = (indicators: ReadonlyArray<{ readonly name: string }>): string | null =>
  indicators.some((i) => i.name.startsWith("DEMO"))
    ? "Cijfers met DEMO in de naam zijn voorbeeldgegevens, gemaakt met testnummers; het zijn geen echte cijfers."
    : null

/** The disclosure rules the pages explain, for the caller's audience. */
const disclosureOf = (caller: Caller, configuration: Disclosure.Configuration = {}): Views.DisclosureRules => {
  const rules = Disclosure.rulesFor(disclosureAudience(caller.audience), configuration)
  return { threshold: rules.threshold, rounding: rules.roundTo }
}

/** Everything one page of a plan reads, as `caller` may see it. */
/** The plans the caller may see, and the one the dashboard shows on `on`: the plan of that year, else the newest. */
const currentPlan = async (api: CoreCaller, on: CalendarDate.CalendarDate) => {
  const plans = await api.plan.list()
  const year = Number(on.slice(0, 4))
  const sorted = [...plans].sort((a, b) => b.firstYear - a.firstYear)
  const current = sorted.find((p) => p.firstYear <= year && year <= p.lastYear) ?? sorted[0]
  if (current === undefined) throw notFound("Er is nog geen plan gepubliceerd.")
  return { plans, current }
}

const loadPlan = async (ctx: Context, on: CalendarDate.CalendarDate) => {
  const api = createCoreCaller(ctx)
  const { plans, current } = await currentPlan(api, on)
  const [got, status, partners, ref] = await Promise.all([
    api.plan.get({ plan: current.id, on }),
    api.plan.status({ plan: current.id, on }),
    api.partner.list(),
    reference(ctx),
  ])
  const decisions = status.adoption.councils.flatMap((c) => (c.decision === undefined ? [] : [c.decision]))
  const regionName = ref.shortName ?? ref.region.name.replace(/^Regio /, "")
  return {
    api,
    ref,
    regionName,
    plans: plans.map(({ stage: _stage, ...p }) => Plan.Plan.make(p)),
    got,
    partners,
    state: {
      plan: got.plan,
      status: got.status,
      region: ref.region,
      municipalities: ref.municipalities,
      decisions,
    } satisfies Plans.PlanState,
  }
}
type Loaded = Awaited<ReturnType<typeof loadPlan>>

/** The periods figures are asked for: the plan's years (and those before it with data) and their quarters. */
const periodsOf = (loaded: Loaded): ReadonlyArray<Period.Period> => {
  const { plan } = loaded.got
  const years = Array.from({ length: plan.lastYear - plan.firstYear + 3 }, (_, i) =>
    Period.Period.make(String(plan.firstYear - 2 + i)),
  )
  return years.flatMap((y) => [y, ...Period.split(y, "quarter")])
}

/** The published tables of the plan's indicators for `caller`, without periods that hold nothing. */
const figures = async (
  loaded: Loaded,
  municipalities?: ReadonlyArray<string>,
): Promise<ReadonlyArray<PublishedIndicator>> => {
  const indicators = loaded.got.indicators.map((i) => i.id)
  if (indicators.length === 0) return []
  const tables = await loaded.api.indicator.values({
    indicators: indicators.slice(0, 50),
    periods: periodsOf(loaded).slice(0, 60),
    ...(municipalities === undefined
      ? {}
      : { municipalities: municipalities.map((m) => Ids.MunicipalityCode.make(m)) }),
  } as never)
  // A figure withheld from this reader is left out, as is a period without any data.
  return (tables as ReadonlyArray<PublishedIndicator>)
    .filter((t) => !t.regionTotals.every((c) => c._tag === "Withheld"))
    .map(SeriesView.withData)
}

const seriesInput = (loaded: Loaded, indicator: string): SeriesView.SeriesInput => ({
  indicator: loaded.got.indicators.find((i) => i.id === indicator),
  targets: loaded.got.targets,
  regionName: loaded.regionName,
  nameOf: (code) => loaded.ref.municipalities.find((m) => m.code === code)?.name ?? code,
})

/** The roll-up's data: the plan's parts with the published yearly region values, as `plan.get` gave them. */
const progressData = (loaded: Loaded): Progress.PlanData => loaded.got

const regionState = (loaded: Loaded): Municipalities.RegionState => ({
  region: loaded.ref.region,
  municipalities: loaded.ref.municipalities,
  plans: loaded.plans,
})

/** The members the public pages list: every municipality that was a member at some time since the latest plan began. */
const listed = (loaded: Loaded, on: CalendarDate.CalendarDate) => {
  const latest = [...loaded.plans].sort((a, b) => b.firstYear - a.firstYear)[0] ?? loaded.got.plan
  return Municipalities.membersBetween(regionState(loaded), Plan.startsOn(latest), on)
}

/** The caller's own partner or municipality, or a Dutch refusal naming who the page is for. */
const requireAudience = (ctx: Context, audience: "partner" | "region" | "admin"): void => {
  if (ctx.caller.audience !== audience) {
    const whom = { region: "de regio", partner: "een partner", admin: "de beheerder" }[audience]
    throw new TRPCError({
      code: ctx.caller.audience === "public" ? "UNAUTHORIZED" : "FORBIDDEN",
      message: `Deze pagina is alleen voor ${whom}.`,
    })
  }
}

/** Whether a series has a row with a figure (or a hidden one) for some municipality. */
const hasMunicipalities = (s: Views.Series): boolean =>
  s.rows.some((r) => r.kind === "municipality" && r.cells.some((c) => c.value !== null || c.suppressed))

const overview = async (ctx: Context, on: CalendarDate.CalendarDate): Promise<Views.Overview> => {
  const loaded = await loadPlan(ctx, on)
  const tables = await figures(loaded)
  // Key figures are yearly: an indicator with only quarterly figures is on its programme's page, not here.
  const region = tables
    .map((t) => SeriesView.seriesOf(t, seriesInput(loaded, t.indicator)))
    .filter((s) => s.periods.some((p) => Period.kind(p as Period.Period) === "year"))
  const periods = [...new Set(region.flatMap((s) => s.periods))].sort()
  return {
    regionName: loaded.regionName,
    plan: Plans.planView(loaded.state, on),
    councils: Plans.councilRows(loaded.state, on),
    programmes: loaded.got.programmes.map((p) => Progressing.programmeSummary(p, progressData(loaded), on)),
    keyFigures: {
      id: "kerncijfers",
      title: `Kerncijfers ${loaded.regionName}`,
      unit: "aantal",
      definition: "De regiototalen van de indicatoren, na de bescherming van kleine aantallen.",
      periods,
      rows: region.map((s) => {
        const row = s.rows.find((x) => x.kind === "region")
        return {
          key: s.id,
          label: SeriesView.withUnit(s.title, s.unit),
          kind: "region" as const,
          cells: periods.map((p) => row?.cells[s.periods.indexOf(p)] ?? { value: null, suppressed: false }),
        }
      }),
      detail: null,
    },
    glance:
      region.find((s) => s.unit === SeriesView.unitNl["per-1000-residents"] && hasMunicipalities(s)) ??
      region.find(hasMunicipalities) ??
      null,
    disclosure: disclosureOf(ctx.caller, loaded.ref.disclosure),
    municipalities: listed(loaded, on),
    dataNote: dataNote(loaded.got.indicators),
  }
}

const programme = async (ctx: Context, id: string, on: CalendarDate.CalendarDate): Promise<Views.ProgrammeView> => {
  const loaded = await loadPlan(ctx, on)
  const found = loaded.got.programmes.find((p) => p.id === id)
  if (found === undefined) throw notFound(`Programma "${id}" bestaat niet in dit plan.`)
  const tables = await figures(loaded)
  const data = progressData(loaded)
  return {
    plan: Plans.planView(loaded.state, on),
    programme: Progressing.programmeSummary(found, data, on),
    goals: loaded.got.goals
      .filter((g) => g.programme === found.id)
      .map((goal) => ({
        id: goal.id,
        title: goal.title,
        description: goal.description ?? "",
        progress: Progressing.progressView(Progress.ofGoal(goal, data, on)),
        actions: loaded.got.actions
          .filter((a) => a.goal === goal.id)
          .map((a) => Progressing.actionView(loaded.partners, a, on)),
        indicators: goal.indicators.flatMap((gi) => {
          const table = tables.find((t) => t.indicator === gi.indicator)
          return table === undefined ? [] : [SeriesView.seriesOf(table, seriesInput(loaded, table.indicator))]
        }),
      })),
    disclosure: disclosureOf(ctx.caller, loaded.ref.disclosure),
    dataNote: dataNote(loaded.got.indicators),
  }
}

const municipality = async (
  ctx: Context,
  code: string,
  on: CalendarDate.CalendarDate,
): Promise<Views.MunicipalityView> => {
  const loaded = await loadPlan(ctx, on)
  const m = listed(loaded, on).find((x) => x.code === code)
  if (m === undefined) throw notFound(`Gemeente "${code}" hoort niet bij de regio.`)
  const tables = await figures(loaded, [code])
  const periods = [...new Set(tables.flatMap((t) => t.periods))].sort(Period.order as never)
  const years = periods.filter((p) => Period.kind(p as Period.Period) === "year")
  const finer = SeriesView.finerPeriods(periods)
  /** One row per indicator, the municipality's own published values in `columns`. */
  const rowsOf = (columns: ReadonlyArray<string>) =>
    tables.map((t) => {
      const indicator = loaded.got.indicators.find((i) => i.id === t.indicator)
      return {
        key: t.indicator,
        label: indicator === undefined ? t.indicator : SeriesView.nameWithUnit(indicator),
        kind: "municipality" as const,
        cells: columns.map((p) => SeriesView.cellOf(t.cells[0]?.[t.periods.indexOf(p)])),
      }
    })
  const [decisions, budget, compared] = await Promise.all([
    loaded.api.plan.decisions({ municipality: code as Ids.MunicipalityCode, on }),
    loaded.api.budget
      .shares({ plan: loaded.got.plan.id, municipality: code as Ids.MunicipalityCode })
      .catch((error: unknown) => {
        // A plan without a published budget has no shares to show.
        if (error instanceof TRPCError && error.code === "NOT_FOUND") return { years: [] }
        throw error
      }),
    loaded.api.indicator.compare({ municipality: code as Ids.MunicipalityCode }).catch((error: unknown) => {
      // A municipality that is no longer a member (Weesp) has nothing to compare.
      if (error instanceof TRPCError && error.code === "BAD_REQUEST") return undefined
      throw error
    }),
  ])
  return {
    code,
    name: m.name,
    memberships: Municipalities.memberships(regionState(loaded), code),
    membershipNote: Municipalities.membershipNote(regionState(loaded), code),
    figures: {
      id: `cijfers-${code}`,
      title: `Cijfers ${m.name}`,
      unit: "aantal",
      definition: "De cijfers van de gemeente, na de bescherming van kleine aantallen.",
      periods: years,
      rows: rowsOf(years),
      detail: finer.length === 0 ? null : { periods: finer, rows: rowsOf(finer) },
    },
    comparisons: compared === undefined ? [] : SeriesView.comparisons(compared, loaded.regionName),
    budget: budget.years.flatMap((y) => {
      const share = y.shares.find((x) => x.municipality === code)
      return share === undefined
        ? []
        : [{ year: y.year, totalCents: y.totalCents, shareCents: share.cents, key: y.keyNl }]
    }),
    decisions: decisions.map((d) => ({
      plan: `${d.planTitle} (${d.planYears})`,
      outcome: d.outcome,
      date: d.date,
      reference: d.reference,
      counts: d.counts,
    })),
    disclosure: disclosureOf(ctx.caller, loaded.ref.disclosure),
    dataNote: dataNote(loaded.got.indicators),
  }
}

/**
 * The page "Niemand uit beeld": the flow measures per year of the plan, for the region and each member since the plan
 * began, as the caller may see them, and the goal the aftercare measure judges.
 */
const flows = async (ctx: Context, on: CalendarDate.CalendarDate): Promise<Views.FlowsView> => {
  const loaded = await loadPlan(ctx, on)
  const { plan } = loaded.got
  const years = Plan.years(plan)
  const defined = new Map(loaded.got.indicators.map((i) => [i.id as string, i]))
  const ids = Flows.measureIds.filter((id) => defined.has(id))
  const members = listed(loaded, on)
  const tables =
    ids.length === 0
      ? []
      : ((await loaded.api.indicator.values({
          indicators: ids,
          periods: years,
          municipalities: members.map((m) => Ids.MunicipalityCode.make(m.code)),
        } as never)) as ReadonlyArray<PublishedIndicator>)
  const region = Flows.areaOf(
    { key: "regio", name: loaded.regionName, kind: "region", cells: (t) => t.regionTotals },
    tables,
    defined,
    years,
    on,
  )
  const areas = [
    region,
    ...members.map((m) =>
      Flows.areaOf(
        {
          key: m.code,
          name: m.name,
          kind: "municipality",
          cells: (t) => t.cells[t.municipalities.indexOf(m.code)] ?? [],
        },
        tables,
        defined,
        years,
        on,
      ),
    ),
  ]
  const aftercare = defined.get(Flow.ids.aftercare)
  const goal = loaded.got.goals.find((g) => g.indicators.some((gi) => gi.indicator === Flow.ids.aftercare))
  const programme = loaded.got.programmes.find((p) => p.id === goal?.programme)
  const data = progressData(loaded)
  return {
    plan: Plans.planView(loaded.state, on),
    regionName: loaded.regionName,
    years,
    year: Flows.defaultYear(region, years, on),
    areas,
    measured: ids.length > 0,
    goal:
      goal === undefined || aftercare === undefined
        ? null
        : (() => {
            const weight = goal.indicators.find((gi) => gi.indicator === aftercare.id)?.weight ?? 1
            const judged = Progress.ofIndicator(aftercare, weight, data, on)
            return {
              id: goal.id,
              title: goal.title,
              description: goal.description ?? "",
              programme: {
                id: goal.programme,
                name: programme === undefined ? goal.programme : Programme.label(programme),
              },
              progress: Progressing.progressView(Progress.ofGoal(goal, data, on)),
              measure: { share: judged.value, sentence: judged.note ?? "" },
              targets: loaded.got.targets
                .filter((t) => t.indicator === aftercare.id)
                .map((t) => ({ period: t.period, value: t.value }))
                .sort((a, b) => a.period.localeCompare(b.period)),
            }
          })(),
    disclosure: disclosureOf(ctx.caller, loaded.ref.disclosure),
    dataNote: dataNote(loaded.got.indicators),
  }
}

/**
 * Who the caller is, as the page header names them: a person who signed in through the identity provider by the
 * name it gave; a code by whom it acts as (its label says who holds it, which is for the admin's list, not a greeting).
 */
const me = async (ctx: Context): Promise<Views.Session | null> => {
  const caller = ctx.caller
  const person = caller.personName
  if (caller.audience === "region") return { role: "region", name: person ?? "Regio" }
  if (caller.audience === "admin") return { role: "admin", name: person ?? "Beheerder" }
  if (caller.audience === "municipality" && caller.municipality !== undefined) {
    const ref = await reference(ctx)
    const code = caller.municipality
    const name = ref.municipalities.find((m) => m.code === code)?.name ?? code
    return { role: "municipality", municipality: code, name: person ?? `Gemeente ${name}` }
  }
  if (caller.audience === "partner" && caller.partner !== undefined) {
    const partners = await createCoreCaller(ctx).partner.list()
    const id = caller.partner
    return { role: "partner", partnerId: id, name: person ?? partners.find((p) => p.id === id)?.name ?? id }
  }
  return null
}

const partner = async (ctx: Context): Promise<Views.PartnerView> => {
  requireAudience(ctx, "partner")
  const api = createCoreCaller(ctx)
  const partnerId = ctx.caller.partner ?? ""
  const [partners, deliveries, schedule, adapters, unstored] = await Promise.all([
    api.partner.list(),
    api.delivery.list({}),
    api.partner.schedule({ partner: partnerId as Ids.PartnerId }),
    run(ctx, adaptersFor(ctx.caller)),
    run(ctx, DeliveryJobs.unstored(ctx.caller, 10)),
  ])
  const newestFirst = [...deliveries].sort((a, b) => b.header.receivedOn.localeCompare(a.header.receivedOn))
  // The located reasons of the latest deliveries with rejections, as the API gives them to this partner.
  const rejected = await Promise.all(
    newestFirst
      .filter((d) => Deliveries.totals(d.summary as never).rejected > 0)
      .slice(0, 10)
      .map((d) =>
        api.delivery
          .rejections({ sourceHash: d.header.sourceHash })
          .then((found) => found.rejections.map((r) => Deliveries.rejectionView(d.header.sourceHash, r as never))),
      ),
  )
  return {
    partnerId,
    name: partners.find((p) => p.id === partnerId)?.name ?? partnerId,
    adapters: adapters.map(Deliveries.adapterView),
    deliveries: newestFirst.map((d) => Deliveries.deliveryView(d as never)),
    // Files that were not stored (waiting, being read, or refused as a whole) are listed too, so none disappears.
    unstored: unstored.map((j) => jobView(j, adapters)),
    rejections: rejected.flat(),
    overdue: schedule.rows.filter((r) => r.overdue).map((r) => ({ adapter: r.adapter, period: r.period, due: r.due })),
  }
}

/** A delivered file's job as the partner follows it, its adapter by its Dutch name. */
const jobView = (
  job: DeliveryJobs.JobView,
  adapters: ReadonlyArray<{ readonly id: string; readonly name: string }>,
): Views.DeliveryJobView => {
  const summary = job.summary as { periodFrom?: string; periodTo?: string } | null
  return {
    id: job.id,
    fileName: job.fileName,
    adapter: adapters.find((a) => a.id === job.adapter)?.name ?? job.adapter,
    status: job.status,
    progress: job.progress,
    summary:
      summary === null ? null : { ...Deliveries.totals(summary as never), period: Deliveries.periodLabel(summary) },
    reason: job.reason?.nl ?? null,
    rejections: (job.rejections as ReadonlyArray<never>).map((r) => Deliveries.rejectionView(job.id, r)),
  }
}

const delivery = async (ctx: Context, id: string): Promise<Views.DeliveryJobView> => {
  requireAudience(ctx, "partner")
  const [job, adapters] = await Promise.all([
    run(ctx, DeliveryJobs.status(ctx.caller, id)).catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "NOT_FOUND") {
        throw notFound("Deze levering bestaat niet, of is niet van u.")
      }
      throw error
    }),
    run(ctx, adaptersFor(ctx.caller)),
  ])
  return jobView(job, adapters)
}

const region = async (ctx: Context, on: CalendarDate.CalendarDate): Promise<Views.RegionView> => {
  requireAudience(ctx, "region")
  const loaded = await loadPlan(ctx, on)
  const s = loaded.got
  const schedules = await Promise.all(
    loaded.partners
      .filter((p) => p.adapters.length > 0)
      .map((p) =>
        loaded.api.partner.schedule({ partner: p.id }).then((answer) =>
          answer.schedules.map((d) => ({
            partnerId: p.id,
            partner: p.name,
            adapter: d.adapter,
            frequency: d.every,
            dueAfterDays: d.dueAfterDays,
          })),
        ),
      ),
  )
  const since = Math.max(0, Date.parse(`${CalendarDate.addDays(on, -30)}T00:00:00Z`))
  const [log, overdue, amendments, letters, decisions, budget, pseudonymisation] = await Promise.all([
    loaded.api.processingLog.list({ since, limit: 10_000 }),
    loaded.api.delivery.overdue({ plan: s.plan.id }),
    loaded.api.plan.amendments({ plan: s.plan.id }),
    loaded.api.councilLetter.list({ plan: s.plan.id }),
    loaded.api.plan.decisions({ plan: s.plan.id, on }),
    loaded.api.budget.shares({ plan: s.plan.id }).catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "NOT_FOUND") return { years: [] }
      throw error
    }),
    loaded.api.partner.pseudonymisation(),
  ])
  const partnerName = (id: string) => loaded.partners.find((p) => p.id === id)?.name ?? `partner ${id}`
  return {
    plan: Plans.planView(loaded.state, on),
    councils: Plans.councilRows(loaded.state, on),
    programmes: s.programmes.map((p) => Progressing.programmeSummary(p, progressData(loaded), on)),
    goals: s.goals.map((g) => ({ id: g.id, programme: g.programme, title: g.title, description: g.description ?? "" })),
    actions: s.actions.map((a) => ({ id: a.id, goal: a.goal, title: a.title, status: a.status })),
    indicators: s.indicators.map((i) => ({
      id: i.id,
      title: i.name,
      definition: i.definition,
      unit: SeriesView.unitNl[i.unit],
    })),
    targets: s.targets.map((t) => ({ indicator: t.indicator, period: t.period, value: t.value })),
    schedules: schedules.flat(),
    partners: loaded.partners.map((p) => ({ id: p.id, name: p.name, adapters: p.adapters })),
    canRelease: s.status._tag === "Draft",
    overdue: overdue.partners
      .filter((p) => p.overdue.length > 0)
      .map((p) => ({
        partner: p.partner,
        name: p.name,
        overdue: p.overdue.map((o) => ({
          adapter: o.adapter,
          adapterName: o.adapterName,
          period: o.period,
          due: o.due,
        })),
      })),
    amendments: amendments.amendments.map((a) => ({
      number: a.number,
      date: a.date,
      reason: a.reason,
      changes: a.changes.map((c) => c.description),
    })),
    canAmend: s.status._tag === "InExecution",
    budget: budget.years.map((y) => ({
      year: y.year,
      totalCents: y.totalCents,
      key: y.keyNl,
      shares: y.shares.map((x) => ({ municipality: x.municipality, name: x.name, cents: x.cents })),
      setAside: y.setAside.map((x) => x.name),
    })),
    decisions: decisions.map((d) => ({
      plan: d.name,
      outcome: d.outcome,
      date: d.date,
      reference: d.reference,
      counts: d.counts,
    })),
    letters: letters.map((l) => ({ kenmerk: l.kenmerk ?? "", date: l.date, subject: l.subject })),
    log: ProcessingLogView.latest(log, 50, partnerName),
    pseudonymisation: {
      windowDays: pseudonymisation.windowDays,
      base: pseudonymisation.base,
      factor: pseudonymisation.factor,
      refusals: pseudonymisation.refusals.map((r) => ({
        partner: r.partner,
        name: partnerName(r.partner),
        calls: r.calls,
        elements: r.elements,
        last: new Date(r.last).toISOString(),
      })),
      allowances: pseudonymisation.allowances.map((a) => ({
        partner: a.partner,
        name: partnerName(a.partner),
        elements: a.elements,
        reason: a.reason,
        at: new Date(a.at).toISOString(),
      })),
    },
  }
}

/**
 * The progress letter to the councils on `on` (a concept: `councilLetter.issue` sends one), compared with the latest
 * letter sent; its figures are those the public reads, whoever asks.
 */
const councilLetter = async (
  ctx: Context,
  on: CalendarDate.CalendarDate,
  kenmerk: string | undefined,
): Promise<Views.CouncilLetterView> => {
  if (ctx.caller.audience !== "region" && ctx.caller.audience !== "municipality") requireAudience(ctx, "region")
  const api = createCoreCaller(ctx)
  const { current } = await currentPlan(api, on)
  return api.councilLetter.get({ plan: current.id, date: on, ...(kenmerk === undefined ? {} : { kenmerk }) } as never)
}

/** The names a page shows for partners and municipalities, and the choices of a form, sorted by name. */
const namesOf = async (ctx: Context, api: CoreCaller) => {
  const [partners, ref] = await Promise.all([api.partner.list(), reference(ctx)])
  const byName = (a: Views.Choice, b: Views.Choice) => a.label.localeCompare(b.label, "nl")
  const partnerNames = new Map(partners.map((p) => [p.id as string, p.name]))
  const municipalityNames = new Map(ref.municipalities.map((m) => [m.code as string, `Gemeente ${m.name}`]))
  return {
    names: {
      partner: (id: string) => partnerNames.get(id) ?? `partner ${id}`,
      municipality: (code: string) => municipalityNames.get(code) ?? `gemeente ${code}`,
    },
    partners: partners.map((p) => ({ value: p.id as string, label: p.name })).sort(byName),
    municipalities: ref.municipalities.map((m) => ({ value: m.code as string, label: `Gemeente ${m.name}` })),
  }
}

/** The admin's page: every token (newest first, never a secret) and what a new token can act as. */
const admin = async (ctx: Context, on: CalendarDate.CalendarDate): Promise<Views.AdminView> => {
  requireAudience(ctx, "admin")
  const api = createCoreCaller(ctx)
  const [tokens, members, named, now] = await Promise.all([
    api.token.list(),
    api.municipality.membersOn({ on }),
    namesOf(ctx, api),
    run(ctx, Clock.currentTimeMillis),
  ])
  return {
    tokens: [...tokens]
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
      .map((t) => Admin.tokenView(t, now, named.names)),
    partners: named.partners,
    municipalities: members.members
      .map((m) => ({ value: m.code as string, label: `Gemeente ${m.name}` }))
      .sort((a, b) => a.label.localeCompare(b.label, "nl")),
  }
}

/** The admin's sessions page: every live session, most recently used first, the admin's own one marked. */
const sessions = async (ctx: Context): Promise<Views.SessionsView> => {
  requireAudience(ctx, "admin")
  const api = createCoreCaller(ctx)
  const [live, named] = await Promise.all([api.session.list(), namesOf(ctx, api)])
  return { sessions: Admin.sessionViews(live, ctx.caller.sessionId, named.names) }
}

const { since: _since, until: _until, ...filterFields } = LogFilter.fields

/**
 * A page of the log as the admin filters it: the days `from` and `to` (both included, in Amsterdam), who, which
 * token, whose data, text in the subject, the action; `page` from 1, `pageSize` entries a page (default 100).
 */
const LogPageQuery = Schema.Struct({
  ...filterFields,
  from: Schema.optionalKey(CalendarDate.CalendarDate),
  to: Schema.optionalKey(CalendarDate.CalendarDate),
  page: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10_000 }))),
  pageSize: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10_000 }))),
})
type LogPageQuery = typeof LogPageQuery.Type

const processingLog = async (ctx: Context, query: LogPageQuery): Promise<Views.ProcessingLogPageView> => {
  requireAudience(ctx, "admin")
  const { from, to, page = 1, pageSize = 100, ...rest } = query
  if (from !== undefined && to !== undefined && to < from) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "input.to: expected a day on or after input.from" })
  }
  const filter = {
    ...rest,
    ...(from === undefined ? {} : { since: Admin.startOfDay(from) }),
    ...(to === undefined ? {} : { until: Admin.endOfDay(to) }),
  }
  const api = createCoreCaller(ctx)
  const [entries, total, named] = await Promise.all([
    api.processingLog.list({ ...filter, limit: pageSize, offset: (page - 1) * pageSize, order: "newest" }),
    api.processingLog.count(filter),
    namesOf(ctx, api),
  ])
  return {
    entries: entries.map((e) => ProcessingLogView.auditView(e, named.names)),
    total,
    page,
    pageSize,
    actors: [
      { value: "admin", label: "Beheerder" },
      { value: "region", label: "Regio" },
      ...named.municipalities
        .map((m) => ({ value: `municipality:${m.value}`, label: m.label }))
        .sort((a, b) => a.label.localeCompare(b.label, "nl")),
      ...named.partners.map((p) => ({ value: `partner:${p.value}`, label: p.label })),
    ],
    partners: named.partners,
  }
}

/** The dashboard procedures. */
export const dashboardRouter = {
  overview: procedure
    .input(input(Schema.UndefinedOr(On)))
    .query(async ({ ctx, input }) => overview(ctx, await todayOf(ctx, input?.on))),
  programme: procedure
    .input(input(Schema.Struct({ id: Schema.String.check(Schema.isMaxLength(100)), ...On.fields })))
    .query(async ({ ctx, input }) => programme(ctx, input.id, await todayOf(ctx, input.on))),
  municipality: procedure
    .input(input(Schema.Struct({ code: Schema.String.check(Schema.isMaxLength(20)), ...On.fields })))
    .query(async ({ ctx, input }) => municipality(ctx, input.code, await todayOf(ctx, input.on))),
  flows: procedure
    .input(input(Schema.UndefinedOr(On)))
    .query(async ({ ctx, input }) => flows(ctx, await todayOf(ctx, input?.on))),
  me: procedure.query(({ ctx }) => me(ctx)),
  /** The plan the pages are about on `on`: the one running then, else the latest the caller may see. */
  plan: procedure.input(input(Schema.UndefinedOr(On))).query(async ({ ctx, input }) => {
    const { current } = await currentPlan(createCoreCaller(ctx), await todayOf(ctx, input?.on))
    return { id: current.id, firstYear: current.firstYear, lastYear: current.lastYear }
  }),
  partner: procedure.query(({ ctx }) => partner(ctx)),
  delivery: procedure
    .input(input(Schema.Struct({ id: Schema.String.check(Schema.isMaxLength(100)) })))
    .query(({ ctx, input }) => delivery(ctx, input.id)),
  region: procedure
    .input(input(Schema.UndefinedOr(On)))
    .query(async ({ ctx, input }) => region(ctx, await todayOf(ctx, input?.on))),
  admin: procedure
    .input(input(Schema.UndefinedOr(On)))
    .query(async ({ ctx, input }) => admin(ctx, await todayOf(ctx, input?.on))),
  sessions: procedure.query(({ ctx }) => sessions(ctx)),
  processingLog: procedure
    .input(input(Schema.UndefinedOr(LogPageQuery)))
    .query(({ ctx, input }) => processingLog(ctx, input ?? {})),
  councilLetter: procedure
    .input(
      input(
        Schema.UndefinedOr(
          Schema.Struct({ ...On.fields, kenmerk: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(40))) }),
        ),
      ),
    )
    .query(async ({ ctx, input }) => councilLetter(ctx, await todayOf(ctx, input?.on), input?.kenmerk)),
} satisfies Record<string, unknown>

export type { CoreCaller }
