/**
 * Indicator figures: values per indicator × municipality × period, the region totals, targets and the NL benchmark,
 * always passed through the domain's disclosure control for the caller's audience, and the same table as CSV in the
 * generic observations format. A municipality sees its own row at its finer level, other rows as the public does.
 */
import { ObservationsCsv } from "@baken/adapter-observations-csv"
import { Area, Disclosure, type Indicator, Membership, Observation, Period } from "@baken/domain"
import { ObservationRepository, PlanRepository } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Effect, Option, Schema } from "effect"
import type { Audience, Caller } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import { AnswerCache, answerTtlMs, Reference } from "./Environment.js"
import * as Entities from "./PlanEntities.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

/** Which figures: some indicators, some periods, and optionally some municipalities (default: the members). */
export const TableQuery = Schema.Struct({
  indicators: Schema.Array(S.IndicatorId).check(Schema.isMinLength(1), Schema.isMaxLength(50)),
  periods: Schema.Array(S.Period).check(Schema.isMinLength(1), Schema.isMaxLength(60)),
  municipalities: Schema.optionalKey(Schema.Array(S.MunicipalityCode).check(Schema.isMaxLength(50))),
})
export type TableQuery = typeof TableQuery.Type

/** The disclosure audience an API audience reads with. */
export const disclosureAudience = (audience: Audience): Disclosure.Audience =>
  audience === "region"
    ? "region"
    : audience === "municipality"
      ? "municipality"
      : audience === "partner"
        ? "partner"
        : "public"

/** A published cell: shown (with its value) or suppressed (with why). */
export type PublishedCell = Disclosure.Cell | { readonly _tag: "Withheld"; readonly reason: "restricted" }

/** One indicator's published table: municipalities × periods, with the region totals per period. */
export interface PublishedIndicator {
  readonly indicator: string
  readonly disclosure: Indicator.DisclosureClass
  readonly municipalities: ReadonlyArray<string>
  readonly periods: ReadonlyArray<string>
  readonly cells: ReadonlyArray<ReadonlyArray<PublishedCell>>
  readonly regionTotals: ReadonlyArray<PublishedCell>
}

const membersOf = (query: TableQuery) =>
  Effect.gen(function* () {
    const reference = yield* Reference
    if (query.municipalities !== undefined) return query.municipalities
    const lastDay = Period.end(query.periods.reduce((a, b) => (Period.order(a, b) < 0 ? b : a)))
    return Membership.membersOn(reference.region, lastDay)
  })

const publish = (
  caller: Caller,
  indicator: string,
  disclosure: Indicator.DisclosureClass,
  municipalities: ReadonlyArray<string>,
  periods: ReadonlyArray<string>,
  cells: ReadonlyArray<ObservationRepository.Cell>,
): PublishedIndicator => {
  const value = (m: string, p: string) =>
    Math.max(0, Math.round(cells.find((c) => c.indicator === indicator && c.area === m && c.period === p)?.total ?? 0))
  const counts = municipalities.map((m) => periods.map((p) => value(m, p)))
  const table = new Disclosure.CountTable({ rows: [...municipalities], columns: [...periods], counts })
  const protectFor = (audience: Disclosure.Audience) => {
    const rules = Disclosure.rulesForIndicator(disclosure, audience)
    return Option.isNone(rules) ? undefined : Disclosure.protect(table, rules.value)
  }
  const withheld = { _tag: "Withheld", reason: "restricted" } as const
  const general = protectFor(disclosureAudience(caller.audience === "municipality" ? "public" : caller.audience))
  const own = caller.audience === "municipality" ? protectFor("municipality") : undefined
  const ownRow = own === undefined ? -1 : municipalities.indexOf(caller.municipality ?? "")
  return {
    indicator,
    disclosure,
    municipalities,
    periods,
    cells: municipalities.map((_, i) =>
      periods.map((_, j) => (i === ownRow ? own?.cells[i]?.[j] : general?.cells[i]?.[j]) ?? withheld),
    ),
    regionTotals: periods.map((_, j) => general?.columnTotals[j] ?? withheld),
  }
}

/** The published table for a query, as the caller may see it (reused for a few seconds per audience and query). */
export const tableFor = (caller: Caller, query: TableQuery) =>
  AnswerCache.use((cache) =>
    cache.cached(
      `figures:${caller.audience}:${caller.municipality ?? ""}:${JSON.stringify(query)}`,
      answerTtlMs,
      computeTable(caller, query),
    ),
  )

const computeTable = (caller: Caller, query: TableQuery) =>
  Effect.gen(function* () {
    const municipalities = yield* membersOf(query)
    const observations = yield* ObservationRepository.ObservationRepository
    const plans = yield* PlanRepository.PlanRepository
    const { cells } = yield* observations.dashboard({
      indicators: query.indicators,
      periods: query.periods,
      areas: municipalities.map((m) => Area.ofMunicipality(m)),
    })
    const indicators = yield* plans.list(Entities.indicator)
    return query.indicators.map((id) => {
      const disclosure = indicators.find((i) => i.id === id)?.disclosure ?? "person-counts"
      return publish(caller, id, disclosure, municipalities, query.periods, cells)
    })
  })

/**
 * A published table as the generic observations CSV (`@baken/adapter-observations-csv`, which reads it back): shown
 * cells with their published value, suppressed and withheld cells as an empty value (unknown).
 */
export const toCsv = (tables: ReadonlyArray<PublishedIndicator>): string =>
  ObservationsCsv.write(
    tables.flatMap((t) =>
      t.municipalities.flatMap((m, i) =>
        t.periods.map((p, j) => {
          const cell = t.cells[i]?.[j]
          return new Observation.Observation({
            indicator: Observation.Observation.fields.indicator.make(t.indicator),
            area: Observation.Observation.fields.area.make(m),
            period: Observation.Observation.fields.period.make(p),
            value: cell?._tag === "Shown" ? cell.value : null,
            source: Observation.Observation.fields.source.make("baken-export"),
          })
        }),
      ),
    ),
  )

/** The indicator procedures. */
export const indicatorRouter = {
  list: procedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.gen(function* () {
        return yield* (yield* PlanRepository.PlanRepository).list(Entities.indicator)
      }),
    ),
  ),
  values: procedure.input(input(TableQuery)).query(({ ctx, input }) => run(ctx, tableFor(ctx.caller, input))),
  dashboard: procedure
    .input(input(Schema.Struct({ plan: S.PlanId, periods: TableQuery.fields.periods })))
    .query(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          const repo = yield* PlanRepository.PlanRepository
          const targets = yield* repo.list(Entities.target(input.plan), input.plan)
          const stored = yield* repo.list(Entities.indicator)
          const ids = [...new Set([...targets.map((t) => t.indicator), ...stored.map((i) => i.id)])].slice(0, 50)
          const tables =
            ids.length === 0 ? [] : yield* tableFor(ctx.caller, { indicators: ids, periods: input.periods })
          return { plan: input.plan, tables, targets }
        }),
      ),
    ),
  targets: procedure.input(input(Schema.Struct({ plan: S.PlanId }))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        return yield* (yield* PlanRepository.PlanRepository).list(Entities.target(input.plan), input.plan)
      }),
    ),
  ),
  benchmark: procedure
    .input(input(Schema.Struct({ indicator: S.IndicatorId, periods: TableQuery.fields.periods })))
    .query(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          const observations = yield* ObservationRepository.ObservationRepository
          const { cells } = yield* observations.dashboard({
            indicators: [input.indicator],
            periods: input.periods,
            areas: [Area.netherlands],
          })
          return input.periods.map((period) => {
            const cell = cells.find((c) => c.period === period)
            return { period, area: Area.netherlands, value: cell === undefined ? null : cell.total }
          })
        }),
      ),
    ),
  exportCsv: procedure.input(input(TableQuery)).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.map(tableFor(ctx.caller, input), (tables) => ({
        contentType: "text/csv; charset=utf-8",
        csv: toCsv(tables),
      })),
    ),
  ),
} satisfies TRPCRouterRecord
