/**
 * Municipalities and partners: who belongs to the region on a date, the partners with their commitments, each
 * partner's delivery schedule with overdue deliveries flagged, and what each partner may deliver (its adapters and,
 * for the generic adapters, its indicators), which only the region sets.
 */
import { Bsn } from "@baken/adapter-kit"
import {
  CalendarDate,
  Commitment,
  DeliveryRights,
  DeliverySchedule,
  Disclosure,
  type Ids,
  Membership,
  Partner,
} from "@baken/domain"
import { DeliveryRepository, PlanRepository, ProcessingLog } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Clock, Effect, Option, Schema } from "effect"
import { Forbidden, InvalidInput, NotFound } from "./ApiError.js"
import { actorOf } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import { Reference } from "./Environment.js"
import * as Entities from "./PlanEntities.js"
import * as Pseudonyms from "./Pseudonyms.js"
import { rightsOf } from "./Rights.js"
import { adapterInfo, rowsOf, schedulePlan, schedulesOf } from "./Schedules.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1
const today = Effect.map(Clock.currentTimeMillis, CalendarDate.fromEpochMillis)

/** How often a partner delivers until the region sets otherwise: every quarter, due 30 days after it ends. */
export const schedule = DeliverySchedule.defaults

/** A partner the region knows, or NotFound. */
const knownPartner = (id: Ids.PartnerId) =>
  Effect.gen(function* () {
    const found = yield* (yield* PlanRepository.PlanRepository).get(Entities.partner, id)
    if (Option.isNone(found)) return yield* new NotFound({ what: "partner", id })
    return found.value
  })

/** The region itself: its name, seat, the years its plans span, and every municipality that is or was a member. */
export const regionRouter = {
  get: procedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const reference = yield* Reference
        const on = yield* today
        const members = new Set(Membership.membersOn(reference.region, on))
        return {
          id: reference.region.id,
          name: reference.region.name,
          shortName: reference.shortName ?? reference.region.name,
          seat: reference.region.seat ?? null,
          /** How published counts are protected for the public, for the pages' explanation. */
          publicDisclosure: (({ threshold, roundTo }) => ({ threshold, roundTo }))(
            Disclosure.rulesFor("public", reference.disclosure),
          ),
          firstYear: reference.years?.firstYear ?? null,
          lastYear: reference.years?.lastYear ?? null,
          municipalities: reference.municipalities
            .filter((m) => reference.region.memberships.some((x) => x.municipality === m.code))
            .map((m) => ({ code: m.code, name: m.name, member: members.has(m.code) })),
        }
      }),
    ),
  ),
} satisfies TRPCRouterRecord

/** The municipality procedures. */
export const municipalityRouter = {
  list: procedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.gen(function* () {
        return (yield* Reference).municipalities
      }),
    ),
  ),
  membersOn: procedure.input(input(Schema.Struct({ on: S.CalendarDate }))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const reference = yield* Reference
        const members = Membership.membersOn(reference.region, input.on)
        return {
          region: reference.region.id,
          on: input.on,
          members: members.map((code) => ({
            code,
            name: reference.municipalities.find((m) => m.code === code)?.name ?? code,
          })),
        }
      }),
    ),
  ),
} satisfies TRPCRouterRecord

/** A partner as the region adds or changes it: everything but its adapters, which its delivery rights set. */
export const PartnerInput = Schema.Struct({
  id: S.PartnerId,
  name: Partner.Partner.fields.name,
  kind: Partner.Kind,
  agb: Partner.Partner.fields.agb,
  kvk: Partner.Partner.fields.kvk,
  municipality: Partner.Partner.fields.municipality,
})

/** A name with its spaces tidied: no spaces around it, one between words. */
const spaced = (text: string): string => text.trim().replace(/\s+/g, " ")

/** A partner's fields whose change the log keeps, before and after, and how a value is written there. */
const logged = ["name", "kind", "municipality", "agb", "kvk"] as const
const shown = (field: (typeof logged)[number], value: string | undefined): string =>
  value === undefined ? "-" : field === "name" ? `'${value}'` : value

/** The partner procedures. */
export const partnerRouter = {
  /**
   * Adds a partner to the region, or changes its name, kind and identifiers. A new partner delivers nothing until the
   * region sets its rights (`setRights`); a changed one keeps its adapters. Its kind is one the region knows (the
   * national kinds and the region's own), and a municipality that delivers itself is one of the region's.
   */
  put: procedure.input(input(PartnerInput)).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const reference = yield* Reference
        const kinds = reference.partnerKinds
        if (kinds !== undefined && kinds.length > 0 && !kinds.some((k) => k.kind === input.kind)) {
          return yield* new InvalidInput({
            field: "input.kind",
            reason: `de regio kent de soort partner '${input.kind}' niet; wel: ${kinds.map((k) => k.kind).join(", ")}`,
          })
        }
        if (input.kind === "gemeente" && input.municipality === undefined) {
          return yield* new InvalidInput({
            field: "input.municipality",
            reason: "een partner van de soort gemeente noemt de gemeente (CBS-code, bijvoorbeeld GM0402)",
          })
        }
        if (input.municipality !== undefined && !reference.municipalities.some((m) => m.code === input.municipality)) {
          return yield* new InvalidInput({
            field: "input.municipality",
            reason: `gemeente ${input.municipality} is geen gemeente van de regio`,
          })
        }
        const name = spaced(input.name)
        if (name === "") {
          return yield* new InvalidInput({ field: "input.name", reason: "geef de naam van de partner" })
        }
        if (/\p{Cf}/u.test(name)) {
          return yield* new InvalidInput({
            field: "input.name",
            reason: "de naam bevat onzichtbare tekens of tekens die de schrijfrichting omdraaien",
          })
        }
        if (Bsn.contains(name)) {
          return yield* new InvalidInput({
            field: "input.name",
            reason: "de naam bevat een getal van negen cijfers zoals een BSN; een partner heet zo niet",
          })
        }
        const plans = yield* PlanRepository.PlanRepository
        const same = (yield* plans.list(Entities.partner)).find(
          (p) => p.id !== input.id && spaced(p.name).toLowerCase() === name.toLowerCase(),
        )
        if (same !== undefined) {
          return yield* new InvalidInput({
            field: "input.name",
            reason: `partner ${same.id} heet al '${same.name}'; geef iedere partner een eigen naam`,
          })
        }
        const earlier = yield* plans.get(Entities.partner, input.id)
        const partner = Partner.Partner.make({
          ...input,
          name,
          adapters: Option.match(earlier, { onNone: () => [], onSome: (p) => p.adapters }),
        })
        yield* plans.put(Entities.partner, partner)
        // What it was before stays readable in the log, whatever the partner is called later.
        const changes = Option.match(earlier, {
          onNone: () => [`name '${name}'`, `kind ${partner.kind}`],
          onSome: (before) =>
            logged
              .filter((field) => before[field] !== partner[field])
              .map((field) => `${field} ${shown(field, before[field])} → ${shown(field, partner[field])}`),
        })
        yield* (yield* ProcessingLog.ProcessingLog).record({
          actor: actorOf(ctx.caller),
          action: "write",
          subject: `partner ${input.id}`,
          purpose:
            `${Option.isNone(earlier) ? "partner added" : "partner changed"}${changes.length === 0 ? "" : `: ${changes.join("; ")}`}`.slice(
              0,
              1_000,
            ),
        })
        return { partner, added: Option.isNone(earlier) }
      }),
    ),
  ),
  list: procedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.gen(function* () {
        return yield* (yield* PlanRepository.PlanRepository).list(Entities.partner)
      }),
    ),
  ),
  commitments: procedure
    .input(input(Schema.Struct({ plan: S.PlanId, partner: Schema.optionalKey(S.PartnerId) })))
    .query(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          const repo = yield* PlanRepository.PlanRepository
          const stored = yield* repo.list(Entities.commitment(input.plan), input.plan)
          const actions = yield* repo.list(Entities.action(input.plan), input.plan)
          const all = stored.length > 0 ? stored : Commitment.fromActions(actions)
          return input.partner === undefined ? all : Commitment.ofPartner(all, input.partner)
        }),
      ),
    ),
  schedule: procedure
    .input(input(Schema.Struct({ partner: S.PartnerId, plan: Schema.optionalKey(S.PlanId) })))
    .query(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          if (ctx.caller.audience === "partner" && ctx.caller.partner !== input.partner) {
            return yield* new Forbidden({
              reason: `een partner-token leest alleen het eigen leveringsschema (${ctx.caller.partner})`,
            })
          }
          const partner = yield* knownPartner(input.partner)
          const deliveries = yield* (yield* DeliveryRepository.DeliveryRepository).list(input.partner)
          yield* (yield* ProcessingLog.ProcessingLog).record({
            actor: actorOf(ctx.caller),
            action: "read",
            subject: `deliveries of ${input.partner}`,
            purpose: "delivery schedule",
          })
          const on = yield* today
          const plan = yield* schedulePlan(ctx.caller, input.plan, on)
          const schedules = yield* schedulesOf(partner)
          const rows = rowsOf({ schedules, plan, deliveries, info: yield* adapterInfo(), on })
          return {
            partner: input.partner,
            every: schedule.every,
            dueAfterDays: schedule.dueAfterDays,
            plan: plan?.id ?? null,
            schedules,
            rows,
          }
        }),
      ),
    ),
  setSchedule: procedure.input(input(Entities.DeliverySchedule)).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const plans = yield* PlanRepository.PlanRepository
        const partner = yield* knownPartner(input.partner)
        if (!partner.adapters.includes(input.adapter)) {
          return yield* new NotFound({ what: `adapter of partner ${input.partner}`, id: input.adapter })
        }
        yield* plans.put(Entities.deliverySchedule, input)
        yield* (yield* ProcessingLog.ProcessingLog).record({
          actor: actorOf(ctx.caller),
          action: "write",
          subject: `delivery schedule of ${input.partner} (${input.adapter})`,
          purpose: "delivery schedule",
        })
        return input
      }),
    ),
  ),
  rights: procedure.input(input(Schema.Struct({ partner: S.PartnerId }))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        if (ctx.caller.audience === "partner" && ctx.caller.partner !== input.partner) {
          return yield* new Forbidden({
            reason: `een partner-token leest alleen de eigen leveringsrechten (${ctx.caller.partner})`,
          })
        }
        const rights = yield* rightsOf(input.partner)
        if (Option.isNone(rights)) return yield* new NotFound({ what: "partner", id: input.partner })
        return rights.value
      }),
    ),
  ),
  setRights: procedure.input(input(DeliveryRights.DeliveryRights)).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const plans = yield* PlanRepository.PlanRepository
        const partner = yield* knownPartner(input.partner)
        const known = new Set((yield* plans.list(Entities.anyPlanIndicator)).map((i) => i.id as string))
        const unknown = input.indicators.filter((i) => !known.has(i))
        if (unknown.length > 0) {
          return yield* new InvalidInput({
            field: "input.indicators",
            reason: `deze indicatoren zijn niet bekend in het plan: ${unknown.join(", ")}`,
          })
        }
        const rights = DeliveryRights.DeliveryRights.make({
          partner: input.partner,
          adapters: [...new Set(input.adapters)],
          indicators: [...new Set(input.indicators)],
        })
        yield* plans.put(Entities.deliveryRights, rights)
        // The partner's adapters follow, so its schedules and its page show what the region assigned.
        yield* plans.put(Entities.partner, Partner.Partner.make({ ...partner, adapters: rights.adapters }))
        yield* (yield* ProcessingLog.ProcessingLog).record({
          actor: actorOf(ctx.caller),
          action: "write",
          subject: `delivery rights of ${input.partner}`,
          purpose: "delivery rights",
        })
        return rights
      }),
    ),
  ),
  /** The limit on partners' pseudonymisation questions, who was refused and the room the region granted. */
  pseudonymisation: procedure.query(({ ctx }) => run(ctx, Pseudonyms.overview(ctx.caller))),
  /** Grants a partner room for more pseudonymisation questions, with a reason. */
  grantPseudonymisation: procedure
    .input(
      input(
        Schema.Struct({
          partner: S.PartnerId,
          elements: Schema.Int,
          reason: Schema.String.check(Schema.isMaxLength(2_000)),
        }),
      ),
    )
    .mutation(({ ctx, input }) =>
      // Any partner slug: a partner new to the region (its token made, not yet in the plan) is the one that needs room.
      run(ctx, Pseudonyms.grant(ctx.caller, input)),
    ),
} satisfies TRPCRouterRecord
