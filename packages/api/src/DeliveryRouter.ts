/**
 * Deliveries: a partner pushes the records an adapter produced on its own premises (so a BSN never leaves the
 * partner); a file for one of the server's adapters goes through the host's delivery route and `DeliveryJobs` instead
 * (streamed to disk and run as a job, never inside a request). A partner delivers only through the adapters the
 * region assigned it, and every pushed record passes the admission check (`Rights.admissionFor`) that the jobs use
 * too: a push with any bad record is refused whole, since an honest adapter run never produces one.
 * A partner delivers and reads only as itself; the region reads every partner's deliveries. Every read and write is
 * in the processing log.
 */
import { Oprf } from "@baken/adapter-kit"
import { CalendarDate, Delivery, type Ids, PersonEvent, Text } from "@baken/domain"
import { DeliveryRepository, ProcessingLog } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Clock, Effect, Option, Schema, Stream } from "effect"
import { Forbidden, InvalidInput, NotFound } from "./ApiError.js"
import { actorOf, type Caller } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import { DeliveryGate } from "./Environment.js"
import * as Pseudonyms from "./Pseudonyms.js"
import { admissionFor } from "./Rights.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

/**
 * A push: what an adapter run on the partner's premises produced, already pseudonymised. The persons of its person
 * events are OPRF values (`Oprf.client` against `POST /api/oprf/evaluate`); the store keeps their storage-key HMAC,
 * as for every other route (see `Pseudonyms`).
 */
export const Push = Schema.Struct({
  adapter: S.AdapterId,
  sourceName: Text.bounded(255),
  /** The SHA-256 of the partner's original file; the store keeps its keyed hash (`Pseudonyms.fileHash`). */
  sourceHash: S.SourceHash,
  records: Schema.Array(S.AcceptedRecord).check(Schema.isMaxLength(200_000)),
  rejections: Schema.Array(Delivery.Rejection).check(Schema.isMaxLength(200_000)),
  /** What the persons of person events are: OPRF values (`Oprf.format`); required when there are any. */
  pseudonyms: Schema.optionalKey(Schema.Literal(Oprf.format)),
})

const partnerOf = (caller: Caller) =>
  caller.audience === "partner" && caller.partner !== undefined
    ? Effect.succeed(caller.partner)
    : Effect.fail(new Forbidden({ reason: "only a partner token delivers, as its own partner" }))

const today = Effect.map(Clock.currentTimeMillis, CalendarDate.fromEpochMillis)

/** How many refused records a refused push names in its message. */
const namedInRefusal = 5

/** The Dutch reason a push is refused for, naming its first refused records. */
const refusal = (refused: ReadonlyArray<readonly [number, Delivery.Rejection]>, total: number): string => {
  const named = refused
    .slice(0, namedInRefusal)
    .map(([i, r]) => `gegeven ${i + 1}: ${r.message.nl.replace(/\.$/, "")}`)
    .join("; ")
  const more = refused.length > namedInRefusal ? `; en nog ${refused.length - namedInRefusal} andere` : ""
  return `de levering is geweigerd: ${refused.length} van de ${total} gegevens voldoen niet aan de regels (${named}${more}). Er is niets opgeslagen.`
}

/** The partner a caller reads deliveries of: its own for a partner, the named one for the region. */
const subjectPartner = (caller: Caller, named: Ids.PartnerId | undefined) =>
  Effect.gen(function* () {
    if (caller.audience === "partner") return yield* partnerOf(caller)
    if (named === undefined) {
      return yield* new InvalidInput({ field: "input.partner", reason: "noem de partner van wie de levering is" })
    }
    return named
  })

/** The delivery procedures. */
export const deliveryRouter = {
  push: procedure.input(input(Push)).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const partner = yield* partnerOf(ctx.caller)
        const admit = yield* admissionFor(partner, input.adapter)
        const refused: Array<readonly [number, Delivery.Rejection]> = []
        input.records.forEach((record, i) => {
          const rejection = admit(record, Delivery.Location.make({ file: input.sourceName, path: `/records/${i}` }))
          if (rejection !== undefined) refused.push([i, rejection])
        })
        if (refused.length > 0) {
          return yield* new InvalidInput({ field: "input.records", reason: refusal(refused, input.records.length) })
        }
        const withPersons = input.records.some((r) => r instanceof PersonEvent.PersonEvent)
        if (withPersons && input.pseudonyms !== Oprf.format) {
          return yield* new InvalidInput({
            field: "input.pseudonyms",
            reason: `person events carry OPRF values here (pseudonyms: "${Oprf.format}"), not pseudonyms made with a shared secret; update the client and pseudonymise through POST /api/oprf/evaluate`,
          })
        }
        const { storage } = withPersons ? yield* Pseudonyms.keys : { storage: undefined }
        const records =
          storage === undefined
            ? input.records
            : input.records.map((r) =>
                r instanceof PersonEvent.PersonEvent
                  ? new PersonEvent.PersonEvent({ ...r, person: Pseudonyms.stored(storage, r.person) })
                  : r,
              )
        const header = new Delivery.DeliveryHeader({
          partner,
          adapter: input.adapter,
          sourceHash: yield* Pseudonyms.fileHash(partner, input.sourceHash),
          sourceName: input.sourceName,
          receivedOn: yield* today,
        })
        const repo = yield* DeliveryRepository.DeliveryRepository
        const gate = yield* DeliveryGate
        return yield* gate.run(
          repo.store({
            header,
            records: Stream.fromIterable(records),
            rejections: input.rejections.map((r) => Delivery.reported(r, input.sourceName)),
            actor: actorOf(ctx.caller),
            purpose: "delivery push from the partner's own adapter run",
          }),
        )
      }),
    ),
  ),

  list: procedure.input(input(Schema.Struct({ partner: Schema.optionalKey(S.PartnerId) }))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const partner = ctx.caller.audience === "partner" ? ctx.caller.partner : input.partner
        if (ctx.caller.audience === "partner" && input.partner !== undefined && input.partner !== partner) {
          return yield* new Forbidden({ reason: `a partner token reads only its own deliveries (${partner})` })
        }
        const deliveries = yield* (yield* DeliveryRepository.DeliveryRepository).list(partner)
        yield* (yield* ProcessingLog.ProcessingLog).record({
          actor: actorOf(ctx.caller),
          action: "read",
          subject: `deliveries of ${partner ?? "every partner"}`,
          purpose: "delivery overview",
        })
        return deliveries
      }),
    ),
  ),

  rejections: procedure
    .input(input(Schema.Struct({ sourceHash: S.SourceHash, partner: Schema.optionalKey(S.PartnerId) })))
    .query(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          const partner = yield* subjectPartner(ctx.caller, input.partner)
          const repo = yield* DeliveryRepository.DeliveryRepository
          // A partner naming another partner finds nothing: its own deliveries are the only ones it can look up.
          // A partner names the delivery by its file's SHA-256 (what it knows) or by the kept hash (what its page
          // shows); the region only by the kept hash its overview shows. Were the region to look deliveries up by a
          // file's SHA-256, it could test guessed one-row files, and so guessed BSNs, against a partner's deliveries
          // (found by an outside tester).
          const byFile =
            ctx.caller.audience === "partner"
              ? yield* repo.bySourceHash(partner, yield* Pseudonyms.fileHash(partner, input.sourceHash))
              : Option.none()
          const found =
            input.partner !== undefined && input.partner !== partner
              ? Option.none()
              : Option.isSome(byFile)
                ? byFile
                : yield* repo.bySourceHash(partner, input.sourceHash)
          if (Option.isNone(found)) return yield* new NotFound({ what: "delivery", id: input.sourceHash })
          const sourceHash = found.value.header.sourceHash
          yield* (yield* ProcessingLog.ProcessingLog).record({
            actor: actorOf(ctx.caller),
            action: "read",
            subject: `rejections of delivery ${sourceHash}`,
            purpose: "delivery rejection details",
          })
          return { delivery: found.value, rejections: yield* repo.rejections(partner, sourceHash) }
        }),
      ),
    ),
} satisfies TRPCRouterRecord
