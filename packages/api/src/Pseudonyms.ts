/**
 * The server's side of pseudonyms without a shared secret. A person's stored pseudonym is
 * `HMAC-SHA-256(storage key, OPRF(oprf key, BSN))`, both keys the server's own (`ServerKeys`), whatever the route:
 * for an uploaded file the server evaluates the OPRF itself; for a push the partner got the OPRF value by blinding
 * (`evaluate`, counted and limited per partner) and the server only applies the storage key. So the same person gets
 * the same pseudonym through both, and neither the OPRF value a partner holds nor anything a partner can compute is
 * what the store keeps.
 */
import { createHmac, createSecretKey, type KeyObject, randomBytes } from "node:crypto"
import { Oprf } from "@baken/adapter-kit"
import type { Ids } from "@baken/domain"
import { OprfEvaluations, ProcessingLog, ServerKeys } from "@baken/store"
import { Clock, Effect } from "effect"
import { Forbidden, InvalidInput, Throttled } from "./ApiError.js"
import { actorOf, type Caller } from "./Audience.js"
import { ServerAdapters } from "./Environment.js"

/** The server's keys, ready to use. */
export interface Keys {
  readonly oprf: Oprf.Server
  readonly storage: KeyObject
}

/** The server's keys, made at its first need (see `ServerKeys`). */
export const keys: Effect.Effect<Keys, import("@baken/store").StoreError.StoreError, ServerKeys.ServerKeys> =
  Effect.gen(function* () {
    const store = yield* ServerKeys.ServerKeys
    const oprf = yield* store.key(ServerKeys.names.oprf, Oprf.generatePrivateKey)
    const storage = yield* store.key(ServerKeys.names.storage, async () => new Uint8Array(randomBytes(32)))
    return { oprf: Oprf.server(oprf), storage: createSecretKey(storage) }
  })

/** The pseudonym the store keeps for an OPRF value (64 hex). */
export const stored = (storage: KeyObject, value: string): Ids.Pseudonym =>
  createHmac("sha256", storage).update(Buffer.from(value, "hex")).digest("hex") as Ids.Pseudonym

/** The public key partners check answers against, hex. */
export const publicKey = Effect.map(keys, (k) => ({
  suite: Oprf.suite,
  format: Oprf.format,
  key: Oprf.toHex(k.oprf.publicKey),
}))

/** How many evaluations a partner may ask for in `windowDays`: `base` plus `factor` × the rows it delivered. */
export interface Limit {
  readonly base: number
  readonly factor: number
}

/** The limit when the host sets none. */
export const defaultLimit: Limit = { base: 10_000, factor: 2 }

/** The window evaluations and deliveries are counted over. */
export const windowDays = 30

/**
 * Evaluates a partner's blinded request: only a partner token, only a request of points, only within its limit.
 * Every call is counted; a refused one is in the processing log for the region to see.
 */
export const evaluate = Effect.fn("Pseudonyms.evaluate")(function* (caller: Caller, body: Uint8Array) {
  if (caller.audience !== "partner" || caller.partner === undefined) {
    return yield* new Forbidden({ reason: "Alleen een partner vraagt pseudoniemwaarden op, en alleen als zichzelf." })
  }
  const partner = caller.partner
  const request = Oprf.decodeRequest(body)
  if (request instanceof Oprf.OprfError) {
    return yield* new InvalidInput({
      field: request.index === undefined ? "body" : `body/elements/${request.index}`,
      reason: request.detail,
    })
  }
  const asked = request.blinded.length
  const limit = (yield* ServerAdapters).oprfLimit ?? defaultLimit
  const evaluations = yield* OprfEvaluations.OprfEvaluations
  const log = yield* ProcessingLog.ProcessingLog
  const since = (yield* Clock.currentTimeMillis) - windowDays * 86_400_000
  const answered = yield* evaluations.answeredSince(partner, since)
  const delivered = yield* evaluations.deliveredSince(partner, since)
  const allowed = limit.base + limit.factor * delivered
  if (answered + asked > allowed) {
    yield* evaluations.record(partner, asked, false)
    yield* log.record({
      actor: actorOf(caller),
      action: "read",
      subject: `OPRF evaluations of ${partner}: ${asked} refused (${answered} answered in ${windowDays} days, limit ${allowed})`,
      purpose: "pseudonimisering geweigerd: meer vragen dan de leveringen verklaren",
    })
    return yield* new Throttled({
      reason: `Te veel pseudonimiseringsvragen: ${answered} beantwoord in ${windowDays} dagen, de grens is ${allowed} (${limit.base} + ${limit.factor} × ${delivered} geleverde rijen). De regio is ingelicht; neem contact op met de regio als dit klopt.`,
    })
  }
  const { oprf } = yield* keys
  const answer = yield* Effect.promise(() => oprf.evaluateBlinded(request))
  yield* evaluations.record(partner, asked, true)
  yield* log.record({
    actor: actorOf(caller),
    action: "read",
    subject: `OPRF evaluations of ${partner}: ${asked}`,
    purpose: "pseudonimisering",
  })
  return answer
})

/** The partners refused evaluations in the last `windowDays`, for the region (and admin) only. */
export const refusals = Effect.fn("Pseudonyms.refusals")(function* (caller: Caller) {
  if (caller.audience !== "region" && caller.audience !== "admin") {
    return yield* new Forbidden({ reason: "Alleen de regio ziet geweigerde pseudonimiseringsvragen." })
  }
  const since = (yield* Clock.currentTimeMillis) - windowDays * 86_400_000
  return yield* (yield* OprfEvaluations.OprfEvaluations).refusedSince(since)
})
