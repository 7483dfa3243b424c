/**
 * The region office's documents: the pooled budget with each municipality's contribution under the plan's cost
 * key and the spending declared in iWmo 323 messages, and the council letter for a plan and date as Markdown and HTML.
 */
import { Budget, CouncilLetter, IwmoIndicator, IwmoProductCategory, Period, Plan } from "@baken/domain"
import { ObservationRepository, PlanRepository, ProcessingLog } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Effect, Option, Result, Schema } from "effect"
import { NotFound } from "./ApiError.js"
import { actorOf } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import { Reference } from "./Environment.js"
import * as Entities from "./PlanEntities.js"
import { findPlan, planData } from "./PlanRouter.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

/** The product categories of Bescherming en Opvang: beschermd wonen, opvang, spoedopvang, overige BW/MO. */
export const boCategories = IwmoProductCategory.beschermingEnOpvang

const isPeriod = Schema.is(Period.Period)

/**
 * Spending declared in WMO323 messages for the B&O categories within the plan's years, in euro cents per
 * municipality, summed in SQL per indicator × municipality × period by the store; `only` limits it to one municipality.
 */
export const declaredSpending = (plan: Plan.Plan, only?: string) =>
  Effect.gen(function* () {
    const observations = yield* ObservationRepository.ObservationRepository
    const perMunicipality = new Map<string, number>()
    for (const category of boCategories) {
      for (const cell of yield* observations.aggregate(IwmoIndicator.declared(category))) {
        if (!isPeriod(cell.period) || !Plan.covers(plan, cell.period)) continue
        if (!cell.area.startsWith("GM") || (only !== undefined && cell.area !== only)) continue
        perMunicipality.set(cell.area, (perMunicipality.get(cell.area) ?? 0) + cell.total)
      }
    }
    const byMunicipality = [...perMunicipality]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([municipality, cents]) => ({ municipality, cents }))
    return { categories: boCategories, byMunicipality, total: byMunicipality.reduce((sum, m) => sum + m.cents, 0) }
  })

/** The budget procedures. */
export const budgetRouter = {
  get: procedure.input(input(Schema.Struct({ plan: S.PlanId }))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const repo = yield* PlanRepository.PlanRepository
        const { plan } = yield* findPlan(ctx.caller, input.plan)
        const record = yield* repo.get(Entities.budget, input.plan)
        if (Option.isNone(record)) return yield* new NotFound({ what: "budget of plan", id: input.plan })
        const reference = yield* Reference
        const total = Budget.total(record.value.lines)
        const allocation = Budget.allocate(total, record.value.key, reference)
        if (Result.isFailure(allocation)) return yield* allocation.failure
        const contributions = allocation.success.contributions.filter(
          (c) => ctx.caller.audience !== "municipality" || c.municipality === ctx.caller.municipality,
        )
        yield* (yield* ProcessingLog.ProcessingLog).record({
          actor: actorOf(ctx.caller),
          action: "read",
          subject: `declarations for plan ${input.plan}`,
          purpose: "budget overview",
        })
        return {
          plan: input.plan,
          lines: record.value.lines,
          total,
          contributions,
          setAside: allocation.success.setAside,
          spending: yield* declaredSpending(
            plan,
            ctx.caller.audience === "municipality" ? ctx.caller.municipality : undefined,
          ),
        }
      }),
    ),
  ),
} satisfies TRPCRouterRecord

/** The council-letter procedures. */
export const councilLetterRouter = {
  get: procedure
    .input(
      input(
        Schema.Struct({
          plan: S.PlanId,
          date: S.CalendarDate,
          kenmerk: S.Kenmerk,
          signatory: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200)),
        }),
      ),
    )
    .query(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          const record = yield* findPlan(ctx.caller, input.plan)
          const repo = yield* PlanRepository.PlanRepository
          const reference = yield* Reference
          const decisions = yield* repo.list(Entities.decision, input.plan)
          const data = yield* planData(input.plan)
          const predecessor =
            record.plan.predecessor === undefined
              ? Option.none()
              : yield* repo.get(Entities.plan, record.plan.predecessor)
          const letter = CouncilLetter.adoptionLetter({
            plan: record.plan,
            region: reference.region,
            municipalities: reference.municipalities,
            decisions,
            regionName: reference.region.name,
            programmes: data.programmes,
            taskAreas: reference.taskAreas ?? [],
            linkedDomains: reference.linkedDomains ?? [],
            ...(Option.isSome(predecessor) ? { predecessor: predecessor.value.plan } : {}),
            date: input.date,
            kenmerk: input.kenmerk,
            signatory: input.signatory,
          })
          if (Result.isFailure(letter)) return yield* letter.failure
          return {
            letter: letter.success,
            markdown: CouncilLetter.toMarkdown(letter.success),
            html: CouncilLetter.toHtml(letter.success),
          }
        }),
      ),
    ),
} satisfies TRPCRouterRecord
