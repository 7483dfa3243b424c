/**
 * The server's side of pseudonyms without a shared secret. A person's stored pseudonym is
 * `HMAC-SHA-256(storage key, OPRF(oprf key, BSN))`, both keys the server's own (`ServerKeys`), whatever the route:
 * for an uploaded file the server evaluates the OPRF itself; for a push the partner got the OPRF value by blinding
 * (`evaluate`, counted and limited per partner) and the server only applies the storage key. So the same person gets
 * the same pseudonym through both, and neither the OPRF value a partner holds nor anything a partner can compute is
 * what the store keeps.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from "node:crypto"
import { Bsn, Oprf } from "@baken/adapter-kit"
import { Admission, type Ids } from "@baken/domain"
import { DeliveryRepository, OprfEvaluations, ProcessingLog, ServerKeys } from "@baken/store"
import { Clock, Effect, Option, Redacted } from "effect"
import { Forbidden, InvalidInput, Throttled } from "./ApiError.js"
import { actorOf, type Caller } from "./Audience.js"
import { ServerAdapters } from "./Environment.js"
import { rightsOf } from "./Rights.js"

/** The server's keys, ready to use. */
export interface Keys {
  readonly oprf: Oprf.Server
  readonly storage: KeyObject
}

/** The first bytes of a key kept wrapped (AES-256-GCM under the server's secret) rather than as it is. */
const wrappedTag = Buffer.from("bkw1", "latin1")

/** The key-encryption key: HKDF-SHA-256 of the server's secret (`BAKEN_PSEUDONYM_SECRET`). */
const kekOf = (secret: Redacted.Redacted<string>): Buffer =>
  Buffer.from(hkdfSync("sha256", Redacted.value(secret), "baken", "baken server keys v1", 32))

/** A key as the store keeps it: wrapped under the secret when the server has one, so the database alone is not enough. */
export const wrap = (name: string, raw: Uint8Array, secret: Redacted.Redacted<string> | undefined): Uint8Array => {
  if (secret === undefined) return raw
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", kekOf(secret), iv).setAAD(Buffer.from(name, "utf8"))
  const encrypted = Buffer.concat([cipher.update(raw), cipher.final()])
  return new Uint8Array(Buffer.concat([wrappedTag, iv, cipher.getAuthTag(), encrypted]))
}

/** The server's secret cannot open its keys (missing or another): it must not make new ones silently. */
export class KeysLocked extends Error {
  constructor(name: string) {
    super(
      `the server key ${name} is wrapped with a BAKEN_PSEUDONYM_SECRET this server does not have (unset, or another one): set the secret the keys were made with`,
    )
  }
}

/** A key as the store kept it, opened. */
export const unwrap = (name: string, kept: Uint8Array, secret: Redacted.Redacted<string> | undefined): Uint8Array => {
  const bytes = Buffer.from(kept)
  if (!bytes.subarray(0, 4).equals(wrappedTag)) return kept
  if (secret === undefined) throw new KeysLocked(name)
  try {
    const decipher = createDecipheriv("aes-256-gcm", kekOf(secret), bytes.subarray(4, 16)).setAAD(
      Buffer.from(name, "utf8"),
    )
    decipher.setAuthTag(bytes.subarray(16, 32))
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(32)), decipher.final()]))
  } catch {
    throw new KeysLocked(name)
  }
}

/** How each key is made. */
const generators = {
  oprf: Oprf.generatePrivateKey,
  storage: async () => new Uint8Array(randomBytes(32)),
  identifiers: async () => new Uint8Array(randomBytes(32)),
} as const

/** One of the server's keys, opened (made and stored, wrapped, at its first need). */
const open = (name: keyof typeof generators) =>
  Effect.gen(function* () {
    const store = yield* ServerKeys.ServerKeys
    const { pseudonymSecret: secret } = yield* ServerAdapters
    const kept = yield* store.key(ServerKeys.names[name], async () =>
      wrap(ServerKeys.names[name], await generators[name](), secret),
    )
    return unwrap(ServerKeys.names[name], kept, secret)
  })

/**
 * The key for hashing personal identifiers that are not pseudonyms (a client address, an account id that looks like a
 * BSN): an unkeyed SHA-256 of such a short value is reversed by trying them all.
 */
export const identifierKey: Effect.Effect<
  KeyObject,
  import("@baken/store").StoreError.StoreError,
  ServerKeys.ServerKeys | ServerAdapters
> = Effect.map(open("identifiers"), (raw) => createSecretKey(raw))

/** The keyed hash of a personal identifier: HMAC-SHA-256, hex. */
export const hashIdentifier = (key: KeyObject, value: string): string =>
  createHmac("sha256", key).update(value, "utf8").digest("hex")

/**
 * The hash a partner's delivery is kept and found under: the identifier key's HMAC of the partner and the file's
 * SHA-256. The plain SHA-256 of a small file is a fingerprint of its content: for a one-row file, whoever sees it
 * (the region's overview, a database reader, a log) could find the BSN in it by hashing every candidate. Keyed, it
 * still makes the same file from the same partner one delivery, whatever the route (upload, push, local intake).
 */
export const fileHash = (
  partner: string,
  sha256: string,
): Effect.Effect<
  Ids.SourceHash,
  import("@baken/store").StoreError.StoreError,
  ServerKeys.ServerKeys | ServerAdapters
> => Effect.map(identifierKey, (key) => fileHashWith(key, partner, sha256))

const fileHashWith = (key: KeyObject, partner: string, sha256: string): Ids.SourceHash =>
  hashIdentifier(key, `file\u0000${partner}\u0000${sha256}`) as Ids.SourceHash

/**
 * Keys the plain file hashes that deliveries stored before schema version 14 kept (run at the server's start; a no-op
 * once done); the number of hashes keyed.
 */
export const keyEarlierFileHashes = Effect.gen(function* () {
  const key = yield* identifierKey
  const repo = yield* DeliveryRepository.DeliveryRepository
  return yield* repo.keyFileHashes((partner, sha256) => fileHashWith(key, partner, sha256))
})

/**
 * The server's keys, made at its first need (see `ServerKeys`). With `BAKEN_PSEUDONYM_SECRET` set they are kept
 * wrapped under it, so that the database or its backup alone does not hold them ("a secret the system does not store
 * with the data"); a key wrapped under a secret the server does not have stops it with `KeysLocked`.
 */
export const keys: Effect.Effect<
  Keys,
  import("@baken/store").StoreError.StoreError,
  ServerKeys.ServerKeys | ServerAdapters
> = Effect.gen(function* () {
  const oprf = yield* open("oprf")
  const storage = yield* open("storage")
  return { oprf: Oprf.server(oprf), storage: createSecretKey(storage) }
})

/** Replaces a key by a fresh one, wrapped like the others (`baken keys rotate`; for a stopped server). */
export const rotate = (name: keyof typeof generators) =>
  Effect.gen(function* () {
    const { pseudonymSecret: secret } = yield* ServerAdapters
    const fresh = yield* Effect.promise(generators[name])
    yield* (yield* ServerKeys.ServerKeys).rotate(ServerKeys.names[name], wrap(ServerKeys.names[name], fresh, secret))
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

/**
 * How many evaluations a partner may ask for in `windowDays`: `base` plus `factor` × the distinct persons it delivered
 * (each once, however many rows it sent about them).
 */
export interface Limit {
  readonly base: number
  readonly factor: number
}

/** The limit when the host sets none. */
export const defaultLimit: Limit = { base: 10_000, factor: 2 }

/** The window evaluations and deliveries are counted over. */
export const windowDays = 30

/** Whether any adapter the region assigned `partner` delivers persons (`Admission.eventKindsOf`). */
const personsThrough = (partner: Ids.PartnerId) =>
  Effect.map(rightsOf(partner), (rights) =>
    Option.match(rights, {
      onNone: () => false,
      onSome: (r) => r.adapters.some((a) => Admission.eventKindsOf(a).length > 0),
    }),
  )

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
  // A partner none of whose adapters delivers persons (or one the region has not assigned any) has no reason to ask:
  // no base for it, only the room the region grants (found by an outside tester: such partners could test BSNs).
  const deliversPersons = yield* personsThrough(partner)
  const configured = (yield* ServerAdapters).oprfLimit ?? defaultLimit
  const limit = deliversPersons ? configured : { ...configured, base: 0 }
  const log = yield* ProcessingLog.ProcessingLog
  const since = (yield* Clock.currentTimeMillis) - windowDays * 86_400_000
  const weighed = yield* (yield* OprfEvaluations.OprfEvaluations).admit(partner, asked, since, limit)
  if (!weighed.answered) {
    yield* log.record({
      actor: actorOf(caller),
      action: "read",
      subject: `OPRF evaluations of ${partner}: ${asked} refused (${weighed.before} answered in ${windowDays} days, limit ${weighed.allowed})`,
      purpose: "pseudonimisering geweigerd: meer vragen dan de leveringen verklaren",
    })
    if (!deliversPersons) {
      return yield* new Throttled({
        reason: `Te veel pseudonimiseringsvragen: de regio heeft u geen adapter toegewezen die personen levert, dus vraagt u zonder ruimte van de regio geen pseudoniemwaarden op (${weighed.before} beantwoord in ${windowDays} dagen, ruimte van de regio: ${weighed.granted}). De regio ziet deze weigering; levert u personen, vraag de regio dan om de adapter of om ruimte.`,
      })
    }
    const room = weighed.granted > 0 ? ` + ${weighed.granted} ruimte van de regio` : ""
    const persons = `${weighed.persons} ${weighed.persons === 1 ? "geleverde persoon" : "geleverde personen"}`
    return yield* new Throttled({
      reason: `Te veel pseudonimiseringsvragen: ${weighed.before} beantwoord in ${windowDays} dagen, de grens is ${weighed.allowed} (${limit.base} + ${limit.factor} × ${persons}${room}; iedere persoon telt één keer, hoe vaak u die ook levert). De regio ziet deze weigering; levert u voor het eerst of meer personen dan anders, vraag de regio dan om ruimte.`,
    })
  }
  const { oprf } = yield* keys
  const answer = yield* Effect.promise(() => oprf.evaluateBlinded(request))
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

/** What the region sees of partners' pseudonymisation questions: the limit, who was refused, and the room it granted. */
export const overview = Effect.fn("Pseudonyms.overview")(function* (caller: Caller) {
  const refused = yield* refusals(caller)
  const since = (yield* Clock.currentTimeMillis) - windowDays * 86_400_000
  const allowances = yield* (yield* OprfEvaluations.OprfEvaluations).allowancesSince(since)
  const limit = (yield* ServerAdapters).oprfLimit ?? defaultLimit
  return { windowDays, base: limit.base, factor: limit.factor, refusals: refused, allowances }
})

/** The most room one grant gives. */
export const maxGrant = 10_000_000

/**
 * The region grants a partner room for `elements` more values in the window (a first delivery of more people than the
 * base allows, a partner delivering its whole history): who granted it and why are kept and logged.
 */
export const grant = Effect.fn("Pseudonyms.grant")(function* (
  caller: Caller,
  input: { readonly partner: string; readonly elements: number; readonly reason: string },
) {
  if (caller.audience !== "region") {
    return yield* new Forbidden({ reason: "Alleen de regio geeft een partner ruimte voor pseudonimiseringsvragen." })
  }
  // A reason is free text: a BSN typed into it is not kept.
  const reason = Bsn.redact(input.reason.trim())
  if (!Number.isInteger(input.elements) || input.elements < 1 || input.elements > maxGrant) {
    return yield* new InvalidInput({
      field: "input.elements",
      reason: `een heel aantal van 1 tot en met ${maxGrant.toLocaleString("nl-NL")}`,
    })
  }
  if (reason.length === 0 || reason.length > 500) {
    return yield* new InvalidInput({ field: "input.reason", reason: "schrijf in 1 tot 500 tekens waarom" })
  }
  const actor = actorOf(caller)
  yield* (yield* OprfEvaluations.OprfEvaluations).grant(input.partner, input.elements, actor, reason)
  yield* (yield* ProcessingLog.ProcessingLog).record({
    actor,
    action: "write",
    subject: `OPRF room granted to ${input.partner}: ${input.elements} (${reason.slice(0, 200)})`,
    purpose: "ruimte voor pseudonimisering",
  })
  return { partner: input.partner, elements: input.elements, reason }
})
