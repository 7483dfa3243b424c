/**
 * Indicator figures: values per indicator × municipality × period, the region's values, targets, the NL
 * benchmark and a municipality compared with the region and the Netherlands, always cut out of the canonical published tables (`Figures`) for the caller's audience, and the same
 * table as CSV in the generic observations format. Everything that hangs from a plan is visible only with the plan.
 */
import { Area, Observation, ObservationsCsv } from "@baken/domain"
import { PlanRepository } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Effect, Schema } from "effect"
import { CompareQuery, cachedCompareFor } from "./Compare.js"
import * as S from "./DomainSchemas.js"
import { benchmarkFor, cachedTableFor, indicatorsFor, type PublishedIndicator, TableQuery } from "./Figures.js"
import * as Entities from "./PlanEntities.js"
import { findPlan } from "./PlanRouter.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

export { disclosureAudience, type PublishedCell, type PublishedIndicator, TableQuery } from "./Figures.js"

/** The published table for a query, as the caller may see it. */
export const tableFor = cachedTableFor

/**
 * A published table as the generic observations CSV (the domain's writer; `@baken/adapter-observations-csv` reads it back): shown
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
  list: procedure
    .input(input(Schema.UndefinedOr(Schema.Struct({ plan: Schema.optionalKey(S.PlanId) }))))
    .query(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          if (input?.plan === undefined) return [...(yield* indicatorsFor(ctx.caller)).values()]
          const record = yield* findPlan(ctx.caller, input.plan)
          return yield* (yield* PlanRepository.PlanRepository).list(Entities.indicator(record.plan.id), record.plan.id)
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
          const record = yield* findPlan(ctx.caller, input.plan)
          const repo = yield* PlanRepository.PlanRepository
          const targets = yield* repo.list(Entities.target(record.plan.id), record.plan.id)
          const own = yield* repo.list(Entities.indicator(record.plan.id), record.plan.id)
          const published = yield* indicatorsFor(ctx.caller)
          const ids = [...new Set([...targets.map((t) => t.indicator), ...own.map((i) => i.id)])]
            .filter((id) => published.has(id))
            .slice(0, 50)
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
        const record = yield* findPlan(ctx.caller, input.plan)
        return yield* (yield* PlanRepository.PlanRepository).list(Entities.target(record.plan.id), record.plan.id)
      }),
    ),
  ),
  benchmark: procedure
    .input(input(Schema.Struct({ indicator: S.IndicatorId, periods: TableQuery.fields.periods })))
    .query(({ ctx, input }) => run(ctx, benchmarkFor(ctx.caller, input.indicator, input.periods, Area.netherlands))),
  /**
   * A municipality beside its region and the Netherlands, per indicator and year: a rate per 1,000 inhabitants where
   * the indicator has one (from the published count), else the published value.
   */
  compare: procedure
    .input(input(CompareQuery))
    .query(({ ctx, input }) => run(ctx, cachedCompareFor(ctx.caller, input))),
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
