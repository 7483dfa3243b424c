/**
 * Overdue deliveries, by the domain's rule (`DeliverySchedule`): per partner, each period owed through one of its
 * adapters within the plan's years, of the period kind the adapter's format delivers, that nothing covers and whose
 * due date has passed. A partner reads its own list; the region reads every partner's. Spread into the delivery
 * router as `delivery.overdue`.
 */
import { CalendarDate, type Ids, Period } from "@baken/domain"
import { DeliveryRepository, PlanRepository, ProcessingLog } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Effect, Schema } from "effect"
import { Forbidden } from "./ApiError.js"
import { actorOf } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import * as Entities from "./PlanEntities.js"
import { adapterInfo, rowsOf, schedulePlan, schedulesOf } from "./Schedules.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

/** One overdue delivery: through which adapter (id and Dutch name), for which period (and its kind), due when. */
export interface OverdueDelivery {
  readonly adapter: Ids.AdapterId
  readonly adapterName: string
  readonly period: Period.Period
  readonly periodKind: Period.Kind
  readonly due: CalendarDate.CalendarDate
}

/** A partner with its overdue deliveries, oldest first (empty when it is up to date). */
export interface PartnerOverdue {
  readonly partner: Ids.PartnerId
  readonly name: string
  readonly overdue: ReadonlyArray<OverdueDelivery>
}

/** The overdue procedures. */
export const overdueProcedures = {
  overdue: procedure.input(input(Schema.Struct({ plan: Schema.optionalKey(S.PlanId) }))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const on = yield* CalendarDate.today
        const plan = yield* schedulePlan(ctx.caller, input.plan, on)
        const asPartner = ctx.caller.audience === "partner"
        if (asPartner && ctx.caller.partner === undefined) {
          return yield* new Forbidden({ reason: "een partner-token zonder partner leest geen leveringen" })
        }
        const own = asPartner ? ctx.caller.partner : undefined
        const partners = (yield* (yield* PlanRepository.PlanRepository).list(Entities.partner))
          .filter((p) => own === undefined || p.id === own)
          .toSorted((a, b) => a.name.localeCompare(b.name, "nl"))
        const deliveries = yield* (yield* DeliveryRepository.DeliveryRepository).list(own)
        yield* (yield* ProcessingLog.ProcessingLog).record({
          actor: actorOf(ctx.caller),
          action: "read",
          subject: own === undefined ? "deliveries of every partner" : `deliveries of ${own}`,
          purpose: "overdue deliveries",
        })
        const info = yield* adapterInfo()
        const result: Array<PartnerOverdue> = []
        for (const partner of partners) {
          const rows = rowsOf({
            schedules: yield* schedulesOf(partner),
            plan,
            deliveries: deliveries.filter((d) => d.header.partner === partner.id),
            info,
            on,
          })
          result.push({
            partner: partner.id,
            name: partner.name,
            overdue: rows
              .filter((r) => r.overdue)
              .map((r) => ({
                adapter: r.adapter,
                adapterName: info(r.adapter).name,
                period: r.period,
                periodKind: Period.kind(r.period),
                due: r.due,
              })),
          })
        }
        return {
          plan:
            plan === undefined
              ? null
              : { id: plan.id, title: plan.title, firstYear: plan.firstYear, lastYear: plan.lastYear },
          on,
          partners: result,
        }
      }),
    ),
  ),
} satisfies TRPCRouterRecord
