/**
 * Amendments of a plan in execution (`PlanAmendment`): the region amends an indicator's name or definition, a
 * target's value, or adds a target, on a date and with a reason; the changed indicators and targets and the
 * amendment with what changed from → to are stored in one transaction. Anyone who may read the plan reads its
 * amendments, newest first, and the plan's indicators and targets as they stood on an earlier date. Spread into the
 * plan router as `plan.amend`, `plan.amendments` and `plan.asOn`.
 */
import { CalendarDate, type Ids, type Indicator, PlanAmendment, type Target } from "@baken/domain"
import { PlanRepository, ProcessingLog, Transaction } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Effect, Result, Schema } from "effect"
import { actorOf } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import * as Entities from "./PlanEntities.js"
import { findPlan } from "./PlanRouter.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

/** Amendments, one per plan × number, listed per plan. */
export const amendment = PlanRepository.entity({
  kind: "plan-amendment",
  schema: PlanAmendment.Amendment,
  id: (a) => `${a.plan}/${String(a.number).padStart(6, "0")}`,
  plan: (a) => a.plan,
})

/** One change of an amendment as the dashboard shows it: the difference, the indicator's current name, a sentence. */
export type ChangeView = PlanAmendment.Difference & { readonly indicatorName: string; readonly description: string }

/** An amendment as the dashboard shows it. */
export interface AmendmentView {
  readonly plan: Ids.PlanId
  readonly number: number
  readonly date: CalendarDate.CalendarDate
  readonly reason: string
  readonly changes: ReadonlyArray<ChangeView>
}

const viewOf =
  (indicators: ReadonlyArray<Indicator.Indicator>) =>
  (a: PlanAmendment.Amendment): AmendmentView => ({
    plan: a.plan,
    number: a.number,
    date: a.date,
    reason: a.reason,
    changes: a.differences.map((d) => {
      const indicatorName = indicators.find((i) => i.id === d.indicator)?.name ?? d.indicator
      return { ...d, indicatorName, description: PlanAmendment.describeNl(d, indicatorName) }
    }),
  })

const contentOf = (plan: Ids.PlanId) =>
  Effect.gen(function* () {
    const repo = yield* PlanRepository.PlanRepository
    const [indicators, targets, amendments] = yield* Effect.all([
      repo.list(Entities.indicator(plan), plan),
      repo.list(Entities.target(plan), plan),
      repo.list(amendment, plan),
    ])
    return { indicators, targets, amendments }
  })

/** The amendment procedures. */
export const amendmentProcedures = {
  amend: procedure.input(input(PlanAmendment.Request)).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const repo = yield* PlanRepository.PlanRepository
        const record = yield* findPlan(ctx.caller, input.plan)
        const today = yield* CalendarDate.today
        // Read, decide and write under the plan's lock: two amendments sent at once take turns, and the second one
        // is applied to what the first one left (or refused), never to the same old values.
        const { content, kept, indicators } = yield* Effect.gen(function* () {
          const content = yield* contentOf(record.plan.id)
          const applied = PlanAmendment.apply({ plan: record.plan, status: record.status, ...content }, input, today)
          if (Result.isFailure(applied)) return yield* applied.failure
          const { amendment: kept, indicators, targets } = applied.success
          for (const i of indicators) yield* repo.put(Entities.indicator(record.plan.id), i)
          for (const t of targets) yield* repo.put(Entities.target(record.plan.id), t)
          yield* repo.put(amendment, kept)
          return { content, kept, indicators }
        }).pipe(Transaction.exclusively(`plan-amendment:${record.plan.id}`, "amending a plan"))
        yield* (yield* ProcessingLog.ProcessingLog).record({
          actor: actorOf(ctx.caller),
          action: "write",
          subject: `amendment ${kept.number} of plan ${kept.plan}`,
          purpose: "plan amendment",
        })
        const names = content.indicators.map((i) => indicators.find((n) => n.id === i.id) ?? i)
        return viewOf(names)(kept)
      }),
    ),
  ),

  amendments: procedure.input(input(Schema.Struct({ plan: S.PlanId }))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* findPlan(ctx.caller, input.plan)
        const content = yield* contentOf(record.plan.id)
        return {
          plan: record.plan.id,
          amendments: PlanAmendment.newestFirst(content.amendments, record.plan.id).map(viewOf(content.indicators)),
        }
      }),
    ),
  ),

  asOn: procedure.input(input(Schema.Struct({ plan: S.PlanId, on: S.CalendarDate }))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* findPlan(ctx.caller, input.plan)
        const content = yield* contentOf(record.plan.id)
        const then: {
          readonly indicators: ReadonlyArray<Indicator.Indicator>
          readonly targets: ReadonlyArray<Target.Target>
        } = PlanAmendment.asOn(content, content.amendments, input.on)
        return { plan: record.plan.id, on: input.on, ...then }
      }),
    ),
  ),
} satisfies TRPCRouterRecord
