/**
 * From an `Authorization` header to a caller: no header is the public; `Bearer <token>` is looked up (by hash) in
 * the store and must be neither expired nor revoked. A bad token is refused, never silently treated as public. A
 * verified token is reused for a few seconds, so a revocation takes effect within `Environment.answerTtlMs`.
 */
import { ApiTokenRepository } from "@baken/store"
import { Effect, Option, Schema } from "effect"
import { anonymous, type Caller, fromToken } from "./Audience.js"
import { AnswerCache, answerTtlMs } from "./Environment.js"

/** The presented token is unknown, expired, revoked or malformed. */
export class Unauthenticated extends Schema.TaggedError<Unauthenticated>()("Unauthenticated", {
  reason: Schema.String,
}) {
  override get message(): string {
    return this.reason
  }
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
    const repo = yield* ApiTokenRepository.ApiTokenRepository
    const cache = yield* AnswerCache
    // Verified tokens are reused for a few seconds: a revocation takes effect within `answerTtlMs`.
    const found = yield* cache.cached(
      `token:${ApiTokenRepository.hashSecret(secret)}`,
      answerTtlMs,
      repo.verify(secret),
    )
    if (Option.isNone(found)) return yield* new Unauthenticated({ reason: "the token is unknown, expired or revoked" })
    const caller: Caller | undefined = fromToken(found.value)
    if (caller === undefined) return yield* new Unauthenticated({ reason: "the token names no valid audience" })
    return caller
  })
