/**
 * How the API keeps the plan side in the store's `PlanRepository`: which domain Schema each kind is stored with,
 * its id and its plan. A plan is stored together with its lifecycle status, which the domain keeps apart from the
 * plan's own fields.
 */
import {
  Action,
  Budget,
  Commitment,
  CouncilDecision,
  Delivery,
  DeliveryRights,
  Goal,
  Indicator,
  Partner,
  Period,
  Plan,
  PlanLifecycle,
  Programme,
  ProgressLetter,
  Target,
} from "@baken/domain"
import { PlanRepository } from "@baken/store"
import { Schema } from "effect"

const Status = Schema.Union([
  PlanLifecycle.Draft,
  PlanLifecycle.Released,
  PlanLifecycle.Adopted,
  PlanLifecycle.InExecution,
  PlanLifecycle.Evaluated,
  PlanLifecycle.Superseded,
])

/** A plan with where it stands in its lifecycle. */
export const PlanRecord = Schema.Struct({ plan: Plan.Plan, status: Status })
export type PlanRecord = typeof PlanRecord.Type

/** Plans with their status. */
export const plan = PlanRepository.entity({
  kind: "plan",
  schema: PlanRecord,
  id: (r) => r.plan.id,
  plan: (r) => r.plan.id,
})

/** Council decisions, one per plan × municipality × date. */
export const decision = PlanRepository.entity({
  kind: "council-decision",
  schema: CouncilDecision.CouncilDecision,
  id: (d) => `${d.plan}:${d.municipality}:${d.date}`,
  plan: (d) => d.plan,
})

/** Programmes of a plan. */
export const programme = PlanRepository.entity({
  kind: "programme",
  schema: Programme.Programme,
  id: (p) => p.id,
  plan: (p) => p.plan,
})

/** Goals, filed under the plan of their programme by the caller. */
export const goal = (planId: string) =>
  PlanRepository.entity({ kind: "goal", schema: Goal.Goal, id: (g) => g.id, plan: () => planId })

/** Actions, filed under their plan by the caller. */
export const action = (planId: string) =>
  PlanRepository.entity({ kind: "action", schema: Action.Action, id: (a) => a.id, plan: () => planId })

/**
 * Indicators, filed under a plan: each plan version has its own definitions, so editing a draft's indicator never
 * changes the indicator of the plan in execution. Read one with `indicatorKey(plan, id)`.
 */
export const indicator = (planId: string) =>
  PlanRepository.entity({
    kind: "indicator",
    schema: Indicator.Indicator,
    id: (i) => indicatorKey(planId, i.id),
    plan: () => planId,
  })

/** Every plan's indicators, for reading them all at once (`list` without a plan); never for storing. */
export const anyPlanIndicator = indicator("")

/** The stored id of a plan's indicator. */
export const indicatorKey = (planId: string, indicatorId: string): string => `${planId}/${indicatorId}`

/** Targets, filed under their plan by the caller; read one with `targetKey(plan, indicator, period)`. */
export const target = (planId: string) =>
  PlanRepository.entity({
    kind: "target",
    schema: Target.Target,
    id: (t) => targetKey(planId, t.indicator, t.period),
    plan: () => planId,
  })

/** The stored id of a plan's target for an indicator and period. */
export const targetKey = (planId: string, indicatorId: string, period: string): string =>
  `${planId}/${indicatorId}/${period}`

/** Partners (shared by plans). */
export const partner = PlanRepository.entity({
  kind: "partner",
  schema: Partner.Partner,
  id: (p) => p.id,
  plan: () => null,
})

/** Commitments of partners to actions. */
export const commitment = (planId: string) =>
  PlanRepository.entity({
    kind: "commitment",
    schema: Commitment.Commitment,
    id: (c) => `${c.partner}:${c.action}:${c.role}`,
    plan: () => planId,
  })

/** How often a partner delivers through one adapter: every period of a kind, due some days after it ends. */
export const DeliverySchedule = Schema.Struct({
  partner: Delivery.DeliveryHeader.fields.partner,
  adapter: Delivery.DeliveryHeader.fields.adapter,
  every: Period.Kind,
  dueAfterDays: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 366 })),
})
export type DeliverySchedule = typeof DeliverySchedule.Type

/** Delivery schedules, one per partner × adapter (shared by plans). */
export const deliverySchedule = PlanRepository.entity({
  kind: "delivery-schedule",
  schema: DeliverySchedule,
  id: (d) => `${d.partner}:${d.adapter}`,
  plan: () => null,
})

/** A plan's pooled budget: its lines and the cost key that divides it among the members. */
export const BudgetRecord = Schema.Struct({
  plan: CouncilDecision.CouncilDecision.fields.plan,
  lines: Schema.Array(Budget.BudgetLine),
  key: Schema.Union([Budget.PerResident, Budget.FixedShares, Budget.Mix]),
})
export type BudgetRecord = typeof BudgetRecord.Type

/** Budgets, one per plan. */
export const budget = PlanRepository.entity({
  kind: "budget",
  schema: BudgetRecord,
  id: (b) => b.plan,
  plan: (b) => b.plan,
})

/** What the region allows each partner to deliver: its adapters and, for the generic adapters, its indicators. */
export const deliveryRights = PlanRepository.entity({
  kind: "delivery-rights",
  schema: DeliveryRights.DeliveryRights,
  id: (r) => r.partner,
  plan: () => null,
})

/**
 * The progress letters sent to the councils, one per kenmerk (a kenmerk names one document), kept whole with the
 * snapshot the next letter compares with.
 */
export const councilLetter = PlanRepository.entity({
  kind: "council-letter",
  schema: ProgressLetter.ProgressLetter,
  id: (l) => l.kenmerk ?? "",
  plan: (l) => l.plan,
})
