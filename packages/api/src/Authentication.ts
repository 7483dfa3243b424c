/**
 * From an `Authorization` header, or a dashboard session's secret, to a caller: no header is the public;
 * `Bearer <token>` is looked up (by hash) in the store and must be neither expired nor revoked; a session must be
 * live (`SessionRepository`). A bad token is refused, never silently treated as public. Nothing verified is reused:
 * every request is checked in the store, so a revocation holds at once on every server sharing it.
 */
import { ApiTokenRepository, SessionRepository } from "@baken/store"
import { Cause, Effect, Option, Schema } from "effect"
import { anonymous, type Caller, fromSession, fromToken } from "./Audience.js"

/**
 * The presented token is unknown, expired, revoked or malformed; `ended` when it is the secret of a real dashboard
 * session that has ended (a browser coming back after logout or a timeout, not a guess).
 */
export class Unauthenticated extends Schema.TaggedError<Unauthenticated>()("Unauthenticated", {
  reason: Schema.String,
  ended: Schema.optional(Schema.Boolean),
}) {
  override get message(): string {
    return this.reason
  }
}

/** The `Unauthenticated` failure in `cause` (the credential was wrong), or undefined when the check itself failed. */
export const unauthenticatedOf = (cause: Cause.Cause<unknown>): Unauthenticated | undefined => {
  const failure = cause.reasons.filter(Cause.isFailReason).find((r) => r.error instanceof Unauthenticated)
  return failure?.error as Unauthenticated | undefined
}

/** The caller an `Authorization` header stands for. */
export const authenticate = (header: string | undefined) =>
  Effect.gen(function* () {
    if (header === undefined || header.trim() === "") return anonymous
    const match = /^Bearer\s+(\S{1,512})$/i.exec(header.trim())
    if (match?.[1] === undefined) {
      return yield* new Unauthenticated({ reason: "expected the header Authorization: Bearer <token>" })
    }
    const secret = match[1]
    const found = yield* (yield* ApiTokenRepository.ApiTokenRepository).verify(secret)
    if (Option.isNone(found)) return yield* new Unauthenticated({ reason: "the token is unknown, expired or revoked" })
    const caller: Caller | undefined = fromToken(found.value)
    if (caller === undefined) return yield* new Unauthenticated({ reason: "the token names no valid audience" })
    return caller
  })

/** The caller a dashboard session's secret stands for; `Unauthenticated` when the session ended or never was. */
export const resumeSession = (secret: string) =>
  Effect.gen(function* () {
    const sessions = yield* SessionRepository.SessionRepository
    const found = yield* sessions.resume(secret)
    if (Option.isNone(found)) {
      return yield* (yield* sessions.ended(secret))
        ? new Unauthenticated({ reason: "the session has ended", ended: true })
        : new Unauthenticated({ reason: "the session is unknown" })
    }
    const caller = fromSession(found.value)
    if (caller === undefined) return yield* new Unauthenticated({ reason: "the session names no valid audience" })
    return caller
  })

/** Who signs in to a dashboard session: the caller they act as, who they are, and how administrators see them. */
export interface SignIn {
  readonly caller: Caller
  /** `token:<id>` for a token code, `oidc:<issuer>#<sub>` for the identity provider. */
  readonly subject: string
  readonly label: string
}

/** Starts a dashboard session; the answer's secret goes into the cookie and is not kept. */
export const startSession = (who: SignIn) =>
  Effect.gen(function* () {
    if (who.caller.audience === "public") {
      return yield* new Unauthenticated({ reason: "the public has no session" })
    }
    return yield* (yield* SessionRepository.SessionRepository).start({
      audience: who.caller.audience,
      partner: who.caller.partner,
      municipality: who.caller.municipality,
      tokenId: who.caller.tokenId,
      subject: who.subject,
      label: who.label,
    })
  })

/** Starts a dashboard session for a token code; `Unauthenticated` when the code is unknown, expired or revoked. */
export const signInWithToken = (secret: string) =>
  Effect.gen(function* () {
    if (!/^\S{1,512}$/.test(secret)) return yield* new Unauthenticated({ reason: "expected a token" })
    const found = yield* (yield* ApiTokenRepository.ApiTokenRepository).verify(secret)
    if (Option.isNone(found)) return yield* new Unauthenticated({ reason: "the token is unknown, expired or revoked" })
    const caller = fromToken(found.value)
    if (caller === undefined) return yield* new Unauthenticated({ reason: "the token names no valid audience" })
    return yield* startSession({ caller, subject: `token:${found.value.id}`, label: found.value.label })
  })

/** Ends the dashboard session of a secret (logging out); nothing happens for one that already ended. */
export const endSession = (secret: string) =>
  Effect.asVoid(Effect.flatMap(SessionRepository.SessionRepository, (s) => s.end(secret)))
