/**
 * Keeping a plan in Baken: the region adds, replaces and removes whole parts of a draft plan — programmes, goals,
 * actions, indicators, targets — and sets its pooled budget, so a plan is written here and not only read from a
 * definition file. Each part must point at parts that exist (a goal at a programme of the plan, an action at a goal
 * and at a partner, a target at an indicator, a budget line at a programme within the plan's years), and a budget's
 * cost key must divide every year among the plan's councils. Once the plan is released its text is fixed: indicators
 * and targets are then amended (`plan.amend`) and actions report their status (`plan.editPart`). Refusals are Dutch.
 */
import { Action, Budget, Goal, Ids, Indicator, PlanAmendment, Programme, Target } from "@baken/domain"
import { PlanRepository } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Effect, Option, Result, Schema } from "effect"
import { Conflict, InvalidInput, NotFound } from "./ApiError.js"
import * as S from "./DomainSchemas.js"
import { Reference } from "./Environment.js"
import * as Entities from "./PlanEntities.js"
import { findPlan } from "./PlanRouter.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

/** A whole part of a plan, to add or to put in the place of the part with its id. */
export const Part = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("programme"), programme: Programme.Programme }),
  Schema.Struct({ kind: Schema.Literal("goal"), goal: Goal.Goal }),
  Schema.Struct({ kind: Schema.Literal("action"), action: Action.Action }),
  Schema.Struct({ kind: Schema.Literal("indicator"), indicator: Indicator.Indicator }),
  Schema.Struct({ kind: Schema.Literal("target"), target: Target.Target }),
])
export type Part = typeof Part.Type

/** Which part to remove: a programme, goal, action or indicator by id, or the target of an indicator in a period. */
export const PartRef = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("programme"), id: Ids.ProgrammeId }),
  Schema.Struct({ kind: Schema.Literal("goal"), id: Ids.GoalId }),
  Schema.Struct({ kind: Schema.Literal("action"), id: Ids.ActionId }),
  Schema.Struct({ kind: Schema.Literal("indicator"), id: Ids.IndicatorId }),
  Schema.Struct({ kind: Schema.Literal("target"), indicator: Ids.IndicatorId, period: S.Period }),
])
export type PartRef = typeof PartRef.Type

/** A plan the region may still write: a draft, else a Dutch refusal saying what may be done instead. */
const draftPlan = (caller: Parameters<typeof findPlan>[0], planId: Ids.PlanId) =>
  Effect.gen(function* () {
    const record = yield* findPlan(caller, planId)
    if (record.status._tag !== "Draft") {
      return yield* new Conflict({ reason: PlanAmendment.editRefusedNl(planId, record.status._tag) })
    }
    return record
  })

const refuse = (field: string, reason: string) => new InvalidInput({ field, reason })

/** Checks that `part` points at parts of `planId` that exist, then stores it. */
const putPart = (planId: Ids.PlanId, part: Part) =>
  Effect.gen(function* () {
    const repo = yield* PlanRepository.PlanRepository
    switch (part.kind) {
      case "programme": {
        if (part.programme.plan !== planId) {
          return yield* refuse(
            "input.part.programme.plan",
            `het programma hoort bij ${part.programme.plan}, niet bij ${planId}`,
          )
        }
        const other = yield* repo.get(Entities.programme, part.programme.id)
        if (Option.isSome(other) && other.value.plan !== planId) {
          return yield* new Conflict({ reason: `programma ${part.programme.id} hoort al bij plan ${other.value.plan}` })
        }
        yield* repo.put(Entities.programme, part.programme)
        return part
      }
      case "goal": {
        const programme = yield* repo.get(Entities.programme, part.goal.programme)
        if (Option.isNone(programme) || programme.value.plan !== planId) {
          return yield* refuse("input.part.goal.programme", `programma ${part.goal.programme} staat niet in dit plan`)
        }
        for (const [i, link] of part.goal.indicators.entries()) {
          const found = yield* repo.get(Entities.indicator(planId), Entities.indicatorKey(planId, link.indicator))
          if (Option.isNone(found)) {
            return yield* refuse(
              `input.part.goal.indicators[${i}].indicator`,
              `indicator ${link.indicator} staat niet in dit plan`,
            )
          }
        }
        yield* repo.put(Entities.goal(planId), part.goal)
        return part
      }
      case "action": {
        const goal = yield* repo.get(Entities.goal(planId), part.action.goal)
        if (Option.isNone(goal))
          return yield* refuse("input.part.action.goal", `doel ${part.action.goal} staat niet in dit plan`)
        for (const [field, partner] of [
          ["input.part.action.owner", part.action.owner] as const,
          ...part.action.contributors.map((c, i) => [`input.part.action.contributors[${i}]`, c] as const),
        ]) {
          if (Option.isNone(yield* repo.get(Entities.partner, partner))) {
            return yield* refuse(field, `partner ${partner} is niet bekend`)
          }
        }
        yield* repo.put(Entities.action(planId), part.action)
        return part
      }
      case "indicator":
        yield* repo.put(Entities.indicator(planId), part.indicator)
        return part
      case "target": {
        const found = yield* repo.get(Entities.indicator(planId), Entities.indicatorKey(planId, part.target.indicator))
        if (Option.isNone(found)) {
          return yield* refuse(
            "input.part.target.indicator",
            `indicator ${part.target.indicator} staat niet in dit plan`,
          )
        }
        yield* repo.put(Entities.target(planId), part.target)
        return part
      }
    }
  })

/** Removes the part `ref` names, refusing while other parts still point at it. */
const removePart = (planId: Ids.PlanId, ref: PartRef) =>
  Effect.gen(function* () {
    const repo = yield* PlanRepository.PlanRepository
    const inUse = (what: string, by: ReadonlyArray<string>) =>
      by.length === 0
        ? Effect.void
        : Effect.fail(new Conflict({ reason: `${what} is nog in gebruik door ${by.join(", ")}: haal die eerst weg` }))
    const gone = (removed: boolean, what: string, id: string) =>
      removed ? Effect.succeed({ removed: id }) : Effect.fail(new NotFound({ what, id }))
    switch (ref.kind) {
      case "programme": {
        const found = yield* repo.get(Entities.programme, ref.id)
        if (Option.isNone(found) || found.value.plan !== planId)
          return yield* new NotFound({ what: "programme", id: ref.id })
        const goals = yield* repo.list(Entities.goal(planId), planId)
        yield* inUse(
          `programma ${ref.id}`,
          goals.filter((g) => g.programme === ref.id).map((g) => `doel ${g.id}`),
        )
        const budget = yield* repo.get(Entities.budget, planId)
        if (Option.isSome(budget) && budget.value.lines.some((l) => l.programme === ref.id)) {
          yield* inUse(`programma ${ref.id}`, ["de begroting"])
        }
        return yield* gone(yield* repo.remove(Entities.programme.kind, ref.id), "programme", ref.id)
      }
      case "goal": {
        const actions = yield* repo.list(Entities.action(planId), planId)
        yield* inUse(
          `doel ${ref.id}`,
          actions.filter((a) => a.goal === ref.id).map((a) => `actie ${a.id}`),
        )
        return yield* gone(yield* repo.remove(Entities.goal(planId).kind, ref.id), "goal", ref.id)
      }
      case "action":
        return yield* gone(yield* repo.remove(Entities.action(planId).kind, ref.id), "action", ref.id)
      case "indicator": {
        const goals = yield* repo.list(Entities.goal(planId), planId)
        const targets = yield* repo.list(Entities.target(planId), planId)
        yield* inUse(`indicator ${ref.id}`, [
          ...goals.filter((g) => g.indicators.some((l) => l.indicator === ref.id)).map((g) => `doel ${g.id}`),
          ...targets.filter((t) => t.indicator === ref.id).map((t) => `streefwaarde ${t.period}`),
        ])
        const key = Entities.indicatorKey(planId, ref.id)
        return yield* gone(yield* repo.remove(Entities.indicator(planId).kind, key), "indicator", ref.id)
      }
      case "target": {
        const key = Entities.targetKey(planId, ref.indicator, ref.period)
        return yield* gone(yield* repo.remove(Entities.target(planId).kind, key), "target", key)
      }
    }
  })

/** A plan's pooled budget as the region sets it: its lines and the cost key that divides each year. */
export const BudgetInput = Schema.Struct({
  plan: S.PlanId,
  lines: Schema.Array(Budget.BudgetLine),
  key: Budget.CostKey,
})

/** The procedures that write a draft plan's parts, under `plan`. */
export const planPartProcedures = {
  putPart: procedure.input(input(Schema.Struct({ plan: S.PlanId, part: Part }))).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* draftPlan(ctx.caller, input.plan)
        return yield* putPart(record.plan.id, input.part)
      }),
    ),
  ),
  removePart: procedure.input(input(Schema.Struct({ plan: S.PlanId, part: PartRef }))).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* draftPlan(ctx.caller, input.plan)
        return yield* removePart(record.plan.id, input.part)
      }),
    ),
  ),
} satisfies TRPCRouterRecord

/** The procedure that sets a draft plan's budget, under `budget`. */
export const budgetProcedures = {
  set: procedure.input(input(BudgetInput)).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* draftPlan(ctx.caller, input.plan)
        const plan = record.plan
        const repo = yield* PlanRepository.PlanRepository
        for (const [i, line] of input.lines.entries()) {
          const at = `input.lines[${i}]`
          if (line.plan !== plan.id)
            return yield* refuse(`${at}.plan`, `de regel hoort bij ${line.plan}, niet bij ${plan.id}`)
          if (line.year < plan.firstYear || line.year > plan.lastYear) {
            return yield* refuse(`${at}.year`, `${line.year} valt buiten het plan (${plan.firstYear}-${plan.lastYear})`)
          }
          const programme = yield* repo.get(Entities.programme, line.programme)
          if (Option.isNone(programme) || programme.value.plan !== plan.id) {
            return yield* refuse(`${at}.programme`, `programma ${line.programme} staat niet in dit plan`)
          }
        }
        // The key must divide every year it is asked to; a member it leaves out is refused, never a silent zero.
        const shares = Budget.sharesPerYear(input.lines, () => input.key, { ...(yield* Reference), plan })
        if (Result.isFailure(shares)) return yield* shares.failure
        const budget = { plan: plan.id, lines: input.lines, key: input.key }
        yield* repo.put(Entities.budget, budget)
        return budget
      }),
    ),
  ),
} satisfies TRPCRouterRecord
