/**
 * What the API reads to apply the domain's delivery schedule (`DeliverySchedule`): each partner's schedules (stored,
 * or the default), the period kind of each adapter's format from the server's adapter registry, the plan whose years
 * bound what is owed, and the deliveries that came. The rule itself lives in the domain.
 */
import { Registry } from "@baken/adapter-kit"
import { type CalendarDate, DeliverySchedule, type Ids, type Plan } from "@baken/domain"
import type { DeliveryRepository } from "@baken/store"
import { PlanRepository } from "@baken/store"
import { Effect } from "effect"
import type { Caller } from "./Audience.js"
import { ServerAdapters } from "./Environment.js"
import { planVisibleTo } from "./Figures.js"
import * as Entities from "./PlanEntities.js"
import { findPlan } from "./PlanRouter.js"

/** The schedule of each adapter a partner delivers through: the stored one, or the default. */
export const schedulesOf = (partner: { readonly id: Ids.PartnerId; readonly adapters: ReadonlyArray<Ids.AdapterId> }) =>
  Effect.gen(function* () {
    const stored = yield* (yield* PlanRepository.PlanRepository).list(Entities.deliverySchedule)
    return partner.adapters.map(
      (adapter): DeliverySchedule.Schedule =>
        stored.find((s) => s.partner === partner.id && s.adapter === adapter) ?? {
          partner: partner.id,
          adapter,
          every: DeliverySchedule.defaults.every,
          dueAfterDays: DeliverySchedule.defaults.dueAfterDays,
        },
    )
  })

/** What the server's registry says of an adapter: its Dutch name and its format's period kind (`any` when unknown). */
export const adapterInfo = Effect.fn("Schedules.adapterInfo")(function* () {
  const { registry } = yield* ServerAdapters
  return (adapter: Ids.AdapterId): { readonly name: string; readonly format: DeliverySchedule.FormatKind } => {
    const entry = Registry.find(registry, adapter)
    return entry === undefined ? { name: adapter, format: "any" } : { name: entry.name, format: entry.periodKind }
  }
})

/**
 * The plan whose years bound the deliveries owed: the one asked for (as the caller may see it), else the plan in
 * execution that covers `on` or, if none does, the one in execution that started last; none when no plan is in
 * execution.
 */
export const schedulePlan = (caller: Caller, requested: Ids.PlanId | undefined, on: CalendarDate.CalendarDate) =>
  Effect.gen(function* () {
    if (requested !== undefined) return (yield* findPlan(caller, requested)).plan as Plan.Plan | undefined
    const all = yield* (yield* PlanRepository.PlanRepository).list(Entities.plan)
    const running = all
      .filter((r) => r.status._tag === "InExecution" && planVisibleTo(caller, r))
      .map((r) => r.plan)
      .toSorted((a, b) => b.firstYear - a.firstYear)
    const year = Number(on.slice(0, 4))
    return running.find((p) => p.firstYear <= year && year <= p.lastYear) ?? running[0]
  })

/** The schedule rows of one partner (all owed periods, delivered or not), by the domain's rule. */
export const rowsOf = (input: {
  readonly schedules: ReadonlyArray<DeliverySchedule.Schedule>
  readonly plan: Plan.Plan | undefined
  readonly deliveries: ReadonlyArray<DeliveryRepository.StoredDelivery>
  readonly info: (adapter: Ids.AdapterId) => { readonly format: DeliverySchedule.FormatKind }
  readonly on: CalendarDate.CalendarDate
}): ReadonlyArray<DeliverySchedule.Row> =>
  input.plan === undefined
    ? []
    : DeliverySchedule.rows({
        plan: input.plan,
        schedules: input.schedules.map((s) => ({ ...s, format: input.info(s.adapter).format })),
        deliveries: input.deliveries.map((d) => ({
          adapter: d.header.adapter,
          periodFrom: d.summary.periodFrom,
          periodTo: d.summary.periodTo,
        })),
        on: input.on,
      })
