/**
 * Plans: list and read them with their programmes, goals, actions (with where each stands on the day) and indicators
 * and the rolled-up progress; create and edit them; release them for decision-making; record council decisions, which
 * are a history (a new decision adds a row); list that history; and say where a plan stands in its lifecycle and why,
 * in Dutch sentences from the domain. A draft is seen only by the region.
 */

import { Bsn } from "@baken/adapter-kit"
import {
  Action,
  CalendarDate,
  CouncilDecision,
  Goal,
  Ids,
  Indicator,
  Municipality,
  Period,
  Plan,
  PlanAmendment,
  PlanLifecycle,
  Programme,
  Progress,
  Target,
  Text,
} from "@baken/domain"
import { CouncilDecisionRepository, PlanRepository } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Clock, Effect, Option, Result, Schema } from "effect"
import { Conflict, InvalidInput, NotFound } from "./ApiError.js"
import type { Caller } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import { Reference } from "./Environment.js"
import { planVisibleTo, cachedTableFor as tableFor } from "./Figures.js"
import * as Entities from "./PlanEntities.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

/** Which plan to read, and on which date (default: today). */
export const PlanQuery = Schema.Struct({ plan: S.PlanId, on: Schema.optionalKey(S.CalendarDate) })

const today = Effect.map(Clock.currentTimeMillis, CalendarDate.fromEpochMillis)

const text = Text.requiredLine

/** One edit of a plan's part: a programme, goal, action or indicator by id, or the target of an indicator in a period. */
export const PartEdit = Schema.Union([
  Schema.Struct({
    kind: Schema.Literal("programme"),
    id: Ids.ProgrammeId,
    name: text("programme's name"),
    description: Text.Paragraphs,
  }),
  Schema.Struct({
    kind: Schema.Literal("goal"),
    id: Ids.GoalId,
    title: text("goal's title"),
    description: Text.Paragraphs,
  }),
  Schema.Struct({
    kind: Schema.Literal("action"),
    id: Ids.ActionId,
    title: text("action's title"),
    status: Action.Status,
  }),
  Schema.Struct({
    kind: Schema.Literal("indicator"),
    id: Ids.IndicatorId,
    title: text("indicator's name"),
    definition: Text.Paragraphs.check(Schema.isNonEmpty({ message: "expected the indicator's definition" })),
  }),
  Schema.Struct({ kind: Schema.Literal("target"), indicator: Ids.IndicatorId, period: S.Period, value: Schema.Finite }),
])
export type PartEdit = typeof PartEdit.Type

/** Applies `edit` to a draft plan's parts; the part must exist (a target is set or replaced). */
const applyEdit = (planId: Ids.PlanId, edit: PartEdit) =>
  Effect.gen(function* () {
    const repo = yield* PlanRepository.PlanRepository
    const missing = (what: string, id: string) => new NotFound({ what, id })
    switch (edit.kind) {
      case "programme": {
        const found = yield* repo.get(Entities.programme, edit.id)
        if (Option.isNone(found) || found.value.plan !== planId) return yield* missing("programme", edit.id)
        const next = new Programme.Programme({ ...found.value, name: edit.name, description: edit.description })
        yield* repo.put(Entities.programme, next)
        return next
      }
      case "goal": {
        const found = yield* repo.get(Entities.goal(planId), edit.id)
        if (Option.isNone(found)) return yield* missing("goal", edit.id)
        const next = new Goal.Goal({ ...found.value, title: edit.title, description: edit.description })
        yield* repo.put(Entities.goal(planId), next)
        return next
      }
      case "action": {
        const found = yield* repo.get(Entities.action(planId), edit.id)
        if (Option.isNone(found)) return yield* missing("action", edit.id)
        const next = new Action.Action({ ...found.value, title: edit.title, status: edit.status })
        yield* repo.put(Entities.action(planId), next)
        return next
      }
      case "indicator": {
        const found = yield* repo.get(Entities.indicator(planId), Entities.indicatorKey(planId, edit.id))
        if (Option.isNone(found)) return yield* missing("indicator", edit.id)
        const next = Indicator.Indicator.make({ ...found.value, name: edit.title, definition: edit.definition })
        yield* repo.put(Entities.indicator(planId), next)
        return next
      }
      case "target": {
        const indicator = yield* repo.get(Entities.indicator(planId), Entities.indicatorKey(planId, edit.indicator))
        if (Option.isNone(indicator)) return yield* missing("indicator", edit.indicator)
        const next = new Target.Target({ indicator: edit.indicator, period: edit.period, value: edit.value })
        yield* repo.put(Entities.target(planId), next)
        return next
      }
    }
  })

/** A plan as the caller may see it, or NotFound. */
export const findPlan = (caller: Caller, id: Ids.PlanId) =>
  Effect.gen(function* () {
    const repo = yield* PlanRepository.PlanRepository
    const found = yield* repo.get(Entities.plan, id)
    if (Option.isNone(found) || !planVisibleTo(caller, found.value)) return yield* new NotFound({ what: "plan", id })
    return found.value
  })

/**
 * The yearly region values of the plan's targeted indicators as the caller may see them (disclosure applied), for the
 * roll-up. A shown 0 is left out: the published table writes "no observation" as 0, and a real count of 0 is never
 * what a target is measured against on its own.
 */
export const publishedValues = (caller: Caller, plan: Plan.Plan, data: Progress.PlanData) =>
  Effect.gen(function* () {
    const targeted = [...new Set(data.targets.map((t) => t.indicator))].slice(0, 50)
    if (targeted.length === 0) return []
    const tables = yield* tableFor(caller, { indicators: targeted, periods: Plan.years(plan) })
    return tables.flatMap((t) =>
      t.periods.flatMap((period, j) => {
        const total = t.regionTotals[j]
        return total?._tag === "Shown" && total.value !== 0
          ? [
              new Progress.IndicatorValue({
                indicator: Ids.IndicatorId.make(t.indicator),
                period: Period.Period.make(period),
                value: total.value,
              }),
            ]
          : []
      }),
    )
  })

/** Everything the roll-up reads for a plan, with region-level indicator values left empty when none are stored. */
export const planData = (planId: Ids.PlanId) =>
  Effect.gen(function* () {
    const repo = yield* PlanRepository.PlanRepository
    const [programmes, goals, actions, indicators, targets] = yield* Effect.all([
      repo.list(Entities.programme, planId),
      repo.list(Entities.goal(planId), planId),
      repo.list(Entities.action(planId), planId),
      repo.list(Entities.indicator(planId), planId),
      repo.list(Entities.target(planId), planId),
    ])
    return {
      programmes: Programme.ofPlan(programmes, planId),
      goals,
      actions,
      indicators,
      targets,
      values: [],
    } satisfies Progress.PlanData
  })

/** The decisions on a plan (or on every plan), in the order they were recorded. */
export const decisionsOf = (filter: CouncilDecisionRepository.Filter) =>
  Effect.flatMap(CouncilDecisionRepository.CouncilDecisionRepository, (repo) => repo.list(filter))

const adoptionInput = (record: Entities.PlanRecord) =>
  Effect.gen(function* () {
    const reference = yield* Reference
    const decisions = yield* decisionsOf({ plan: record.plan.id })
    return { plan: record.plan, region: reference.region, municipalities: reference.municipalities, decisions }
  })

/** Which decisions to list: those on one plan and/or of one municipality, and the day that says which counts. */
export const DecisionsQuery = Schema.Struct({
  plan: Schema.optionalKey(S.PlanId),
  municipality: Schema.optionalKey(S.MunicipalityCode),
  on: Schema.optionalKey(S.CalendarDate),
})

/** Refuses a plan whose kenmerk does not follow the region's numbering (its definition's `kenmerk`). */
const kenmerkFollowsRegion = (plan: Plan.Plan) =>
  Effect.gen(function* () {
    const numbering = (yield* Reference).kenmerk
    if (numbering !== undefined && !Ids.fitsPattern(numbering, plan.kenmerk)) {
      return yield* new InvalidInput({
        field: "input.kenmerk",
        reason: `kenmerk ${plan.kenmerk} volgt de nummering van de regio niet; een kenmerk ziet eruit als ${numbering.example}`,
      })
    }
  })

const refusedOrStatus = (result: Result.Result<PlanLifecycle.Status, PlanLifecycle.PlanTransitionRefused>) =>
  Result.isSuccess(result) ? Effect.succeed(result.success) : Effect.fail(result.failure)

/** The plan procedures. */
export const planRouter = {
  list: procedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const repo = yield* PlanRepository.PlanRepository
        const all = yield* repo.list(Entities.plan)
        return all.filter((r) => planVisibleTo(ctx.caller, r)).map((r) => ({ ...r.plan, stage: r.status._tag }))
      }),
    ),
  ),

  get: procedure.input(input(PlanQuery)).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* findPlan(ctx.caller, input.plan)
        const on = input.on ?? (yield* today)
        const data = yield* planData(record.plan.id)
        const withValues = { ...data, values: yield* publishedValues(ctx.caller, record.plan, data) }
        return {
          ...record,
          ...withValues,
          progress: Progress.ofPlan(record.plan, withValues, on),
          /** Where each action stands on `on` (never "gepland" past its end date), with its Dutch label and sentence. */
          actionStatuses: withValues.actions.map((a) => Action.describeOn(a, on)),
          on,
        }
      }),
    ),
  ),

  status: procedure.input(input(PlanQuery)).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* findPlan(ctx.caller, input.plan)
        const on = input.on ?? (yield* today)
        const adoptionIn = yield* adoptionInput(record)
        const adoption = PlanLifecycle.adoptionStatus(adoptionIn, on)
        const pending = adoption.councils.filter((c) => c.standing !== "adopted").map((c) => c.name)
        const reason =
          record.status._tag === "Draft"
            ? "the plan is a draft: it has not been released to the councils"
            : record.status._tag === "Released"
              ? pending.length === 0
                ? "every council has adopted the plan; it can be recorded as adopted"
                : `released on ${record.status.releasedOn}; waiting for ${pending.join(", ")}`
              : `the plan is ${record.status._tag}`
        return {
          plan: record.plan.id,
          status: record.status,
          adoption,
          reason,
          /** The stage as a short Dutch label ("In uitvoering", "Afgelopen", …). */
          stageNl: PlanLifecycle.stageNl(record.plan, record.status, on),
          /** The status in Dutch sentences, by each council's latest decision and the plan's years. */
          sentenceNl: PlanLifecycle.statusNl({ ...adoptionIn, status: record.status }, on),
          on,
        }
      }),
    ),
  ),

  decisions: procedure.input(input(DecisionsQuery)).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const repo = yield* PlanRepository.PlanRepository
        const reference = yield* Reference
        const on = input.on ?? (yield* today)
        const plans =
          input.plan === undefined
            ? (yield* repo.list(Entities.plan)).filter((r) => planVisibleTo(ctx.caller, r)).map((r) => r.plan)
            : [(yield* findPlan(ctx.caller, input.plan)).plan]
        const all = yield* decisionsOf(input.plan === undefined ? {} : { plan: input.plan })
        const visible = all.filter((d) => plans.some((p) => p.id === d.plan))
        return CouncilDecision.history(
          visible,
          input.municipality === undefined ? {} : { municipality: input.municipality },
        ).map((d) => {
          const plan = plans.find((p) => p.id === d.plan)
          return {
            plan: d.plan,
            planTitle: plan?.title ?? d.plan,
            planYears: plan === undefined ? "" : Plan.yearsLabel(plan),
            municipality: d.municipality,
            name: Municipality.nameOf(reference.municipalities, d.municipality),
            outcome: d.outcome,
            outcomeNl: CouncilDecision.outcomeNl[d.outcome],
            date: d.date,
            dateNl: CalendarDate.formatNl(d.date),
            reference: d.reference ?? null,
            /** Whether this is the council's latest decision on `on`, the one the plan's status rests on. */
            counts: CouncilDecision.countsOn(all, d, on),
          }
        })
      }),
    ),
  ),

  create: procedure.input(input(Plan.Plan)).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        yield* kenmerkFollowsRegion(input)
        const repo = yield* PlanRepository.PlanRepository
        const existing = yield* repo.get(Entities.plan, input.id)
        if (Option.isSome(existing)) return yield* new Conflict({ reason: `plan ${input.id} exists already` })
        const record = { plan: input, status: PlanLifecycle.Draft.make({}) }
        yield* repo.put(Entities.plan, record)
        return record
      }),
    ),
  ),

  update: procedure.input(input(Plan.Plan)).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        yield* kenmerkFollowsRegion(input)
        const repo = yield* PlanRepository.PlanRepository
        const record = yield* findPlan(ctx.caller, input.id)
        if (record.status._tag !== "Draft") {
          return yield* new Conflict({ reason: PlanAmendment.editRefusedNl(input.id, record.status._tag) })
        }
        const next = { plan: input, status: record.status }
        yield* repo.put(Entities.plan, next)
        return next
      }),
    ),
  ),

  editPart: procedure.input(input(Schema.Struct({ plan: S.PlanId, edit: PartEdit }))).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* findPlan(ctx.caller, input.plan)
        const edit = input.edit
        // While the plan is carried out, how far each action got is reported as it goes: an action's status may be
        // set, its title (part of the adopted plan) may not.
        if (record.status._tag === "InExecution" && edit.kind === "action") {
          const found = yield* (yield* PlanRepository.PlanRepository).get(Entities.action(record.plan.id), edit.id)
          if (Option.isSome(found) && found.value.title !== edit.title) {
            return yield* new Conflict({
              reason: `tijdens de uitvoering van het plan kunt u van actie "${found.value.title}" alleen de status bijwerken, niet de titel`,
            })
          }
          return yield* applyEdit(record.plan.id, edit)
        }
        if (record.status._tag !== "Draft") {
          return yield* new Conflict({ reason: PlanAmendment.editRefusedNl(input.plan, record.status._tag) })
        }
        return yield* applyEdit(record.plan.id, edit)
      }),
    ),
  ),

  release: procedure.input(input(Schema.Struct({ plan: S.PlanId, on: S.CalendarDate }))).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const repo = yield* PlanRepository.PlanRepository
        const record = yield* findPlan(ctx.caller, input.plan)
        const status = yield* refusedOrStatus(PlanLifecycle.release(record.plan.id, record.status, input.on))
        const next = { plan: record.plan, status }
        yield* repo.put(Entities.plan, next)
        return next
      }),
    ),
  ),

  recordDecision: procedure.input(input(CouncilDecision.CouncilDecision)).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const repo = yield* PlanRepository.PlanRepository
        const record = yield* findPlan(ctx.caller, input.plan)
        if (record.status._tag === "Draft") {
          return yield* new PlanLifecycle.PlanTransitionRefused({
            plan: record.plan.id,
            step: "adopt",
            reasons: [PlanLifecycle.NotAllowed.make({ step: "adopt", stage: "Draft" })],
          })
        }
        const reference = yield* Reference
        if (!Plan.councilsOn(record.plan, reference.region, input.date).includes(input.municipality)) {
          const name = Municipality.nameOf(reference.municipalities, input.municipality)
          return yield* new InvalidInput({
            field: "input.municipality",
            reason: `de raad van ${name} beslist op ${CalendarDate.formatNl(input.date)} niet over plan ${record.plan.id}`,
          })
        }
        // The council's reference is published with its decision, on the public pages: a BSN typed into it would be
        // there for everyone (found by an outside tester). A number of BSN shape that passes the eleven-test is
        // refused; other references, nine-digit ones of a council's own numbering mostly among them, are taken.
        if (
          input.reference !== undefined &&
          Bsn.find(input.reference).some((found) => Bsn.isValid(Bsn.digits(found)))
        ) {
          return yield* new InvalidInput({
            field: "input.reference",
            reason:
              "het kenmerk van het raadsbesluit bevat een getal dat een BSN kan zijn; het komt op openbare pagina's, dus schrijf het kenmerk zonder dat getal",
          })
        }
        yield* (yield* CouncilDecisionRepository.CouncilDecisionRepository).record(input)
        const adoptionIn = yield* adoptionInput(record)
        let status: PlanLifecycle.Status = record.status
        const adopted = PlanLifecycle.adopt(status, adoptionIn, input.date)
        if (Result.isSuccess(adopted)) {
          status = adopted.success
          yield* repo.put(Entities.plan, { plan: record.plan, status })
        }
        return { decision: input, status, adoption: PlanLifecycle.adoptionStatus(adoptionIn, input.date) }
      }),
    ),
  ),
} satisfies TRPCRouterRecord
