/**
 * The dashboard's data over the real API: a `DashboardSource` (`@baken/web`) whose every call goes through the tRPC
 * router's server-side caller, as the public or as the caller a presented token stands for. Disclosure control stays
 * in the API: figures arrive here as published cells and are only laid out as series. Plan status, the council table
 * and progress are built by `@baken/web`'s `DomainViews` from the domain objects the API returns.
 */
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Readable } from "node:stream"
import type { ReadableStream as NodeReadableStream } from "node:stream/web"
import {
  Adapters,
  ApiError,
  Audience,
  Authentication,
  appRouter,
  DeliveryJobs,
  Environment,
  type IndicatorRouter,
  Trpc,
} from "@baken/api"
import { Aggregation, type Delivery, type Ids, Period, type Progress } from "@baken/domain"
import type { DeliveryRepository } from "@baken/store"
import { DashboardSource, DomainViews } from "@baken/web"
import { TRPCError } from "@trpc/server"
import { getHTTPStatusCodeFromError } from "@trpc/server/http"
import { Effect, Exit } from "effect"
import * as Deliveries from "./Deliveries.js"
import * as Log from "./Log.js"
import type { Runtime } from "./Runtime.js"

type Source = DashboardSource.DashboardSource
type Series = DashboardSource.Series
type Cell = DashboardSource.Cell
const { SourceError } = DashboardSource

/** What the web source needs: the server's runtime, where the form's files are spooled and, for tests, today's date. */
export interface WebSourceOptions {
  readonly runtime: Runtime
  readonly today?: () => string
  /**
   * Where a file the form posts is spooled and its largest size, as the delivery route has them; defaults to the
   * server's defaults without a data folder (`<tmp>/baken-spool`, 2 GiB). The dashboard's own body limit comes first.
   */
  readonly deliveries?: Deliveries.IntakeConfig
  readonly logger?: Log.Logger
}

/** The spool folder and delivery limit the form's files use when the host names none. */
export const defaultIntake: Deliveries.IntakeConfig = {
  spoolDir: join(tmpdir(), "baken-spool"),
  deliveryLimit: 2 * 1024 ** 3,
}

const createCaller = Trpc.createCallerFactory(appRouter)

/** The Dutch sentence a person reads when the store is down; the API's own message is for machines. */
export const unavailableMessage =
  "De gegevens zijn op dit moment niet beschikbaar. Probeer het over een paar minuten opnieuw."

/**
 * The dashboard's code for an API failure, by the HTTP status tRPC gives it: a 503 stays a 503, and any other
 * server-side failure is no `SourceError` at all (the web app answers it with a 500 page), never a refusal.
 */
const sourceErrorOf = (error: TRPCError): InstanceType<typeof SourceError> | undefined => {
  const status = getHTTPStatusCodeFromError(error)
  if (status === 503) return new SourceError("SERVICE_UNAVAILABLE", unavailableMessage)
  if (status >= 500) return undefined
  const code: DashboardSource.SourceErrorCode =
    error.code === "NOT_FOUND" || error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN"
      ? error.code
      : "BAD_REQUEST"
  return new SourceError(code, error.message)
}

/** Runs an API call and turns a failure into a `SourceError` the web app maps to a status. */
const call = async <A>(run: () => Promise<A>): Promise<A> => {
  try {
    return await run()
  } catch (error) {
    const refused = error instanceof TRPCError ? sourceErrorOf(error) : undefined
    throw refused ?? error
  }
}

/** A published cell as the dashboard lays it out: a value, hidden by disclosure control, or not known ("–"). */
const published = (cell: IndicatorRouter.PublishedCell | undefined): Cell =>
  cell === undefined || cell._tag === "NoData"
    ? { value: null, suppressed: false }
    : cell._tag === "Shown"
      ? { value: cell.value, suppressed: false }
      : { value: null, suppressed: true }

const sum = (counts: { readonly [kind: string]: number }): number => Object.values(counts).reduce((a, b) => a + b, 0)

type Stored = DeliveryRepository.StoredDelivery

const deliveryView = (d: Stored): DashboardSource.DeliveryView => ({
  id: d.header.sourceHash,
  adapter: d.header.adapter,
  fileName: d.header.sourceName,
  receivedAt: d.header.receivedOn,
  period:
    d.summary.periodFrom === undefined || d.summary.periodFrom === d.summary.periodTo
      ? (d.summary.periodTo ?? "")
      : `${d.summary.periodFrom} – ${d.summary.periodTo ?? ""}`,
  accepted: sum(d.summary.accepted),
  rejected: sum(d.summary.rejected),
})

const rejectionOf = (delivery: string, r: typeof Delivery.Rejection.Encoded): DashboardSource.RejectionView => ({
  delivery,
  location: {
    file: r.location.file,
    line: r.location.line ?? null,
    field: r.field ?? null,
    element: r.location.path ?? r.location.message ?? null,
    column: r.location.column ?? null,
  },
  rule: r.rule,
  message: r.message.nl,
})

const rejectionView = (d: Stored, r: Delivery.Rejection): DashboardSource.RejectionView =>
  rejectionOf(d.header.sourceHash, r)

/** What an adapter reads, in Dutch: its formats' descriptions and the file name endings. */
const acceptsOf = (formats: ReadonlyArray<{ readonly description: string }>): string =>
  formats.map((f) => f.description.replace(/\.$/, "")).join("; ")

/** Builds the dashboard source over the API of `runtime`. */
export const make = (options: WebSourceOptions): Source => {
  const { runtime } = options
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10))
  const intake = Deliveries.intake({
    runtime,
    config: options.deliveries ?? defaultIntake,
    logger: options.logger ?? Log.silent,
  })
  /** An effect of the API's, run as `caller` through `Trpc.run`, its failure a `SourceError` like any API call's. */
  const effect = <A, E extends ApiError.Failure>(
    caller: Audience.Caller,
    e: Effect.Effect<A, E, Environment.Services>,
  ) => call(() => Trpc.run({ caller, requestId: "web", runtime }, e))
  const api = (caller: Audience.Caller) => createCaller({ caller, requestId: "web", runtime })
  const publicApi = () => api(Audience.anonymous)

  const callerOf = async (token: string): Promise<Audience.Caller | null> => {
    const exit = await runtime.runPromiseExit(Authentication.authenticate(`Bearer ${token}`))
    if (Exit.isSuccess(exit)) return exit.value
    // Only a refused token means "not signed in"; a store that cannot check it is an outage, not a wrong code.
    const error = ApiError.fromCause(exit.cause, "web")
    if (error.code === "UNAUTHORIZED") return null
    throw sourceErrorOf(error) ?? error
  }
  const authorised = async (token: string, audience: "partner" | "region"): Promise<Audience.Caller> => {
    const caller = await callerOf(token)
    if (caller === null) throw new SourceError("UNAUTHORIZED", "Deze code is onbekend, verlopen of ingetrokken.")
    if (caller.audience !== audience) {
      throw new SourceError(
        "FORBIDDEN",
        `Deze pagina is alleen voor een ${audience === "region" ? "regio" : "partner"}.`,
      )
    }
    return caller
  }

  // Through `Trpc.run`, so a runtime whose store did not open fails here as it does in the API: with a 503.
  const reference = () =>
    call(() =>
      Trpc.run(
        { caller: Audience.anonymous, requestId: "web", runtime },
        Effect.gen(function* () {
          return yield* Environment.Reference
        }),
      ),
    )

  /** The plan the dashboard shows: the one running today, or else the latest the caller may see. */
  const currentPlan = async (caller: Audience.Caller) => {
    const plans = await call(() => api(caller).plan.list())
    const year = Number(today().slice(0, 4))
    const sorted = [...plans].sort((a, b) => b.firstYear - a.firstYear)
    const plan = sorted.find((p) => p.firstYear <= year && year <= p.lastYear) ?? sorted[0]
    if (plan === undefined) throw new SourceError("NOT_FOUND", "Er is nog geen plan gepubliceerd.")
    return { plans, plan }
  }

  /** The domain objects `DomainViews` reads, as the API gives them to `caller`; no raw figures (those stay behind the API). */
  const state = async (caller: Audience.Caller): Promise<DomainViews.PlanState> => {
    const { plans, plan } = await currentPlan(caller)
    const on = today() as never
    const [got, status, partners, ref] = await Promise.all([
      call(() => api(caller).plan.get({ plan: plan.id, on })),
      call(() => api(caller).plan.status({ plan: plan.id, on })),
      call(() => api(caller).partner.list()),
      reference(),
    ])
    const decisions = status.adoption.councils.flatMap((c) => (c.decision === undefined ? [] : [c.decision]))
    return {
      region: ref.region,
      municipalities: ref.municipalities,
      plans: plans.map(({ stage: _stage, ...p }) => p as never),
      plan: got.plan,
      status: got.status,
      decisions,
      programmes: got.programmes,
      goals: got.goals,
      actions: got.actions,
      indicators: got.indicators,
      targets: got.targets,
      partners,
      observations: Aggregation.index([]),
      benchmarks: new Map(),
    }
  }

  /** Years where there are yearly figures, otherwise the quarters: one table never mixes the two. */
  const oneGranularity = (periods: ReadonlyArray<string>): ReadonlyArray<string> => {
    const years = periods.filter((p) => Period.kind(p as Period.Period) === "year")
    return years.length > 0 ? years : periods
  }

  /** The periods figures are asked for: the plan's years and their quarters. */
  const periodsOf = (s: DomainViews.PlanState): ReadonlyArray<string> =>
    DomainViews.seriesYears(s).flatMap((y) => [y, ...Period.split(y, "quarter")])

  /** The published tables of `indicators` as the API gives them to `caller`, keeping periods that have figures. */
  const figures = async (
    caller: Audience.Caller,
    s: DomainViews.PlanState,
    indicators: ReadonlyArray<string>,
    municipalities?: ReadonlyArray<string>,
  ) => {
    if (indicators.length === 0) return []
    const tables = await call(() =>
      api(caller).indicator.values({
        indicators: indicators.slice(0, 50),
        periods: periodsOf(s).slice(0, 60),
        ...(municipalities === undefined ? {} : { municipalities }),
      } as never),
    )
    // A figure withheld from this reader is left out; so is a period without any data.
    const readable = tables.filter((t) => !t.regionTotals.every((c) => c._tag === "Withheld"))
    return readable.map((t) => {
      const keep = t.periods.flatMap((_, j) => {
        const total = t.regionTotals[j]
        const empty = total?._tag === "NoData" && t.cells.every((row) => row[j]?._tag === "NoData")
        return empty || (total?._tag === "Shown" && total.value === 0) ? [] : [j]
      })
      return {
        ...t,
        periods: keep.map((j) => t.periods[j] ?? ""),
        cells: t.cells.map((row) => keep.map((j) => row[j])),
        regionTotals: keep.map((j) => t.regionTotals[j]),
      }
    })
  }

  const seriesOf = (
    s: DomainViews.PlanState,
    table: Awaited<ReturnType<typeof figures>>[number],
    regionName: string,
  ): Series => {
    const indicator = s.indicators.find((i) => i.id === table.indicator)
    const nameOf = (code: string) => s.municipalities.find((m) => m.code === code)?.name ?? code
    const targets = s.targets.filter((t) => t.indicator === table.indicator)
    return {
      id: table.indicator,
      title: indicator?.name ?? table.indicator,
      unit: indicator === undefined ? "" : DomainViews.unitNl[indicator.unit],
      definition: indicator?.definition ?? "",
      periods: table.periods,
      rows: [
        ...table.municipalities
          .map((code, i) => ({
            key: code,
            label: nameOf(code),
            kind: "municipality" as const,
            cells: (table.cells[i] ?? []).map(published),
          }))
          .sort((a, b) => a.label.localeCompare(b.label, "nl")),
        { key: "regio", label: regionName, kind: "region" as const, cells: table.regionTotals.map(published) },
        ...(targets.length === 0
          ? []
          : [
              {
                key: "doel",
                label: "Streefwaarde regio",
                kind: "target" as const,
                cells: table.periods.map((p) => {
                  const t = targets.find((x) => x.period === p)
                  return { value: t?.value ?? null, suppressed: false }
                }),
              },
            ]),
      ],
    }
  }

  /** The roll-up's data: the plan's parts, with only the published yearly region totals as values. */
  const progressData = (s: DomainViews.PlanState, tables: Awaited<ReturnType<typeof figures>>): Progress.PlanData => ({
    programmes: s.programmes,
    goals: s.goals,
    actions: s.actions,
    indicators: s.indicators,
    targets: s.targets,
    values: tables.flatMap((t) =>
      t.periods.flatMap((period, j) => {
        const total = t.regionTotals[j]
        return Period.kind(period as Period.Period) === "year" && total?._tag === "Shown"
          ? [
              {
                indicator: t.indicator as Ids.IndicatorId,
                period: period as Period.Period,
                value: total.value,
              } as never,
            ]
          : []
      }),
    ),
  })

  const dataNote = (s: DomainViews.PlanState): string | null =>
    s.indicators.some((i) => i.name.startsWith("DEMO"))
      ? "Cijfers met DEMO in de naam zijn voorbeeldgegevens, gemaakt met testnummers; het zijn geen echte cijfers."
      : null

  const regionNameOf = (s: DomainViews.PlanState) => s.region.name.replace(/^Regio /, "")

  const source: Source = {
    overview: async () => {
      const s = await state(Audience.anonymous)
      const tables = await figures(
        Audience.anonymous,
        s,
        s.indicators.map((i) => i.id),
      )
      const progress = progressData(s, tables)
      const regionName = regionNameOf(s)
      const region = tables.map((t) => seriesOf(s, t, regionName))
      const periods = oneGranularity([...new Set(region.flatMap((r) => r.periods))].sort())
      return {
        regionName,
        plan: DomainViews.planView(s, today()),
        councils: DomainViews.councilRows(s, today()),
        programmes: s.programmes.map((p) => DomainViews.programmeSummary(p, progress, today())),
        keyFigures: {
          id: "kerncijfers",
          title: `Kerncijfers ${regionName}`,
          unit: "aantal",
          definition: "De regiototalen van de indicatoren, na de bescherming van kleine aantallen.",
          periods,
          rows: region.map((r) => {
            const row = r.rows.find((x) => x.kind === "region")
            return {
              key: r.id,
              label: DomainViews.withUnit(r.title, r.unit),
              kind: "region" as const,
              cells: periods.map((p) => row?.cells[r.periods.indexOf(p)] ?? { value: null, suppressed: false }),
            }
          }),
        },
        disclosure: DomainViews.disclosureRules("public"),
        municipalities: DomainViews.municipalitiesSince(s, s.plans.at(-1) ?? s.plan, today()),
        dataNote: dataNote(s),
      }
    },

    programme: async (id) => {
      const s = await state(Audience.anonymous)
      const programme = s.programmes.find((p) => p.id === id)
      if (programme === undefined) throw new SourceError("NOT_FOUND", `Programma "${id}" bestaat niet in dit plan.`)
      const tables = await figures(
        Audience.anonymous,
        s,
        s.indicators.map((i) => i.id),
      )
      const progress = progressData(s, tables)
      const regionName = regionNameOf(s)
      return {
        plan: DomainViews.planView(s, today()),
        programme: DomainViews.programmeSummary(programme, progress, today()),
        goals: DomainViews.goalsOf(s, programme).map((goal) => ({
          ...DomainViews.goalView(s, goal, progress, "public", regionName, today()),
          indicators: goal.indicators.flatMap((gi) => {
            const table = tables.find((t) => t.indicator === gi.indicator)
            return table === undefined ? [] : [seriesOf(s, table, regionName)]
          }),
        })),
        disclosure: DomainViews.disclosureRules("public"),
        dataNote: dataNote(s),
      }
    },

    municipality: async (code) => {
      const s = await state(Audience.anonymous)
      const m = DomainViews.municipalitiesSince(s, s.plans.at(-1) ?? s.plan, today()).find((x) => x.code === code)
      if (m === undefined) throw new SourceError("NOT_FOUND", `Gemeente "${code}" hoort niet bij de regio.`)
      const tables = await figures(
        Audience.anonymous,
        s,
        s.indicators.map((i) => i.id),
        [code],
      )
      const periods = [...new Set(tables.flatMap((t) => t.periods))].sort()
      const decisions = await Promise.all(
        s.plans.map((p) =>
          call(() => publicApi().plan.status({ plan: p.id, on: today() as never })).then((st) =>
            st.adoption.councils.flatMap((c) =>
              c.municipality === code && c.decision !== undefined ? [{ plan: p, decision: c.decision }] : [],
            ),
          ),
        ),
      )
      return {
        code,
        name: m.name,
        memberships: DomainViews.memberships(s, code),
        membershipNote: DomainViews.membershipNote(s, code),
        figures: {
          id: `cijfers-${code}`,
          title: `Cijfers ${m.name}`,
          unit: "aantal",
          definition: "De cijfers van de gemeente, na de bescherming van kleine aantallen.",
          periods,
          rows: tables.map((t) => {
            const indicator = s.indicators.find((i) => i.id === t.indicator)
            return {
              key: t.indicator,
              label: indicator === undefined ? t.indicator : DomainViews.nameWithUnit(indicator),
              kind: "municipality" as const,
              cells: periods.map((p) => published(t.cells[0]?.[t.periods.indexOf(p)])),
            }
          }),
        },
        // The pooled budget is for staff (`budget.get`); the public page does not show it.
        budget: [],
        decisions: decisions.flat().map(({ plan, decision }) => ({
          plan: `${plan.title} (${plan.firstYear}-${plan.lastYear})`,
          outcome: decision.outcome,
          date: decision.date,
          reference: decision.reference ?? null,
        })),
        disclosure: DomainViews.disclosureRules("public"),
        dataNote: dataNote(s),
      }
    },

    session: async (token) => {
      const caller = await callerOf(token)
      if (caller === null) return null
      if (caller.audience === "region") return { role: "region", name: "Regio" }
      if (caller.audience === "partner" && caller.partner !== undefined) {
        const partners = await call(() => api(caller).partner.list())
        const partnerId = caller.partner
        return { role: "partner", partnerId, name: partners.find((p) => p.id === partnerId)?.name ?? partnerId }
      }
      return null
    },

    partner: async (token) => {
      const caller = await authorised(token, "partner")
      const partnerId = caller.partner ?? ""
      const [partners, deliveries, schedule, adapters] = await Promise.all([
        call(() => api(caller).partner.list()),
        call(() => api(caller).delivery.list({})),
        call(() => api(caller).partner.schedule({ partner: partnerId as never })),
        effect(caller, Adapters.adaptersFor(caller)),
      ])
      const me = partners.find((p) => p.id === partnerId)
      // The located reasons of the latest deliveries with rejections, as the API gives them to this partner.
      const rejected = await Promise.all(
        deliveries
          .filter((d) => sum(d.summary.rejected) > 0)
          .slice(-10)
          .map((d) =>
            call(() => api(caller).delivery.rejections({ sourceHash: d.header.sourceHash })).then((found) =>
              found.rejections.map((r) => rejectionView(found.delivery, r)),
            ),
          ),
      )
      return {
        partnerId,
        name: me?.name ?? partnerId,
        adapters: adapters.map((a) => ({
          id: a.id,
          name: a.name,
          accepts: acceptsOf(a.formats),
          extensions: [...new Set(a.formats.flatMap((f) => f.extensions))],
        })),
        deliveries: deliveries.map(deliveryView),
        rejections: rejected.flat(),
        overdue: schedule.rows
          .filter((r) => r.overdue)
          .map((r) => ({ adapter: r.adapter, period: r.period, due: r.due })),
      }
    },

    deliveryRoute: "/api/deliveries",

    deliver: async (token, file) => {
      const caller = await authorised(token, "partner")
      const answer = await intake(
        caller,
        {
          adapter: file.adapter,
          name: file.fileName,
          kind: "file",
          body: Readable.fromWeb(file.body as NodeReadableStream<Uint8Array>),
        },
        "web",
      )
      if (answer.ok) return { id: answer.id }
      if (answer.status === 503) throw new SourceError("SERVICE_UNAVAILABLE", unavailableMessage)
      if (answer.status >= 500) throw new Error(answer.message)
      throw new SourceError("BAD_REQUEST", answer.message.replace(/^adapter: /, ""))
    },

    delivery: async (token, id) => {
      const caller = await authorised(token, "partner")
      const [job, adapters] = await Promise.all([
        effect(caller, DeliveryJobs.status(caller, id)).catch((error: unknown) => {
          if (error instanceof SourceError && error.code === "NOT_FOUND") {
            throw new SourceError("NOT_FOUND", "Deze levering bestaat niet, of is niet van u.")
          }
          throw error
        }),
        effect(caller, Adapters.adaptersFor(caller)),
      ])
      const summary = job.summary as typeof Delivery.Summary.Encoded | null
      const period =
        summary === null || summary.periodFrom === undefined
          ? ""
          : summary.periodFrom === summary.periodTo
            ? summary.periodFrom
            : `${summary.periodFrom} – ${summary.periodTo ?? ""}`
      return {
        id: job.id,
        fileName: job.fileName,
        adapter: adapters.find((a) => a.id === job.adapter)?.name ?? job.adapter,
        status: job.status,
        progress: job.progress,
        summary: summary === null ? null : { accepted: sum(summary.accepted), rejected: sum(summary.rejected), period },
        reason: job.reason?.nl ?? null,
        rejections: (job.rejections as ReadonlyArray<typeof Delivery.Rejection.Encoded>).map((r) =>
          rejectionOf(job.id, r),
        ),
      }
    },

    region: async (token) => {
      const caller = await authorised(token, "region")
      const s = await state(caller)
      const progress = progressData(s, [])
      const schedules = await Promise.all(
        s.partners
          .filter((p) => p.adapters.length > 0)
          .map((p) =>
            call(() => api(caller).partner.schedule({ partner: p.id } as never)).then((answer) =>
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
      return {
        plan: DomainViews.planView(s, today()),
        councils: DomainViews.councilRows(s, today()),
        programmes: s.programmes.map((p) => DomainViews.programmeSummary(p, progress, today())),
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
        schedules: schedules.flat(),
        partners: s.partners.map((p) => ({ id: p.id, name: p.name, adapters: p.adapters })),
        canRelease: s.status._tag === "Draft",
      }
    },

    editPlan: async (token, edit) => {
      const caller = await authorised(token, "region")
      const { plan } = await currentPlan(caller)
      await call(() => api(caller).plan.editPart({ plan: plan.id, edit } as never))
    },

    releasePlan: async (token, date) => {
      const caller = await authorised(token, "region")
      const { plan } = await currentPlan(caller)
      await call(() => api(caller).plan.release({ plan: plan.id, on: date } as never))
    },

    recordDecision: async (token, decision) => {
      const caller = await authorised(token, "region")
      const { plan } = await currentPlan(caller)
      await call(() =>
        api(caller).plan.recordDecision({
          plan: plan.id,
          municipality: decision.municipality,
          outcome: decision.outcome,
          date: decision.date,
          reference: decision.reference,
        } as never),
      )
    },

    setSchedule: async (token, schedule) => {
      const caller = await authorised(token, "region")
      await call(() =>
        api(caller).partner.setSchedule({
          partner: schedule.partnerId,
          adapter: schedule.adapter,
          every: schedule.frequency,
          dueAfterDays: schedule.dueAfterDays,
        } as never),
      )
    },

    councilLetter: async (token) => {
      const caller = await authorised(token, "region")
      const { plan } = await currentPlan(caller)
      // The concept progress letter for today; the API compares it with the latest letter sent.
      return call(() => api(caller).councilLetter.get({ plan: plan.id } as never))
    },
  }
  return source
}
