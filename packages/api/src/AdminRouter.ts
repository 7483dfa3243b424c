/**
 * Administration: API tokens (issued with their secret shown once, listed without it, revoked), dashboard sessions
 * (listed, ended one by one or all of one person's at once) and the processing log. Only an admin reaches these.
 */
import { ApiTokenRepository, ProcessingLog, SessionRepository } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Clock, Effect, Schema } from "effect"
import { InvalidInput, NotFound } from "./ApiError.js"
import { Audience, scopesFor } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

/** A token request: its audience, the partner or municipality it acts as, a label, and how many days it lasts. */
export const TokenRequest = Schema.Struct({
  audience: Audience,
  partner: Schema.optionalKey(S.PartnerId),
  municipality: Schema.optionalKey(S.MunicipalityCode),
  label: Schema.String.check(
    Schema.isNonEmpty({ message: "expected a label saying who holds the token" }),
    Schema.isMaxLength(200),
    Schema.isPattern(/^(?!.*\d{9}).*$/, { message: "expected no nine-digit number (it could be a BSN)" }),
  ),
  days: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 3660 }, { message: "expected 1 to 3660 days" })),
})
export type TokenRequest = typeof TokenRequest.Type

/** Issues a token; shared by the admin procedure and the CLI. */
export const issueToken = (request: TokenRequest) =>
  Effect.gen(function* () {
    if (request.audience === "partner" && request.partner === undefined) {
      return yield* new InvalidInput({ field: "input.partner", reason: "a partner token names its partner" })
    }
    if (request.audience === "municipality" && request.municipality === undefined) {
      return yield* new InvalidInput({
        field: "input.municipality",
        reason: "a municipality token names its municipality",
      })
    }
    const now = yield* Clock.currentTimeMillis
    return yield* (yield* ApiTokenRepository.ApiTokenRepository).issue({
      partner: request.audience === "partner" ? request.partner : undefined,
      scopes: scopesFor(request.audience, request.audience === "municipality" ? request.municipality : undefined),
      label: request.label,
      expiresAt: now + request.days * 86_400_000,
    })
  })

/** The token procedures. */
export const tokenRouter = {
  list: procedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.gen(function* () {
        return yield* (yield* ApiTokenRepository.ApiTokenRepository).list()
      }),
    ),
  ),
  create: procedure.input(input(TokenRequest)).mutation(({ ctx, input }) => run(ctx, issueToken(input))),
  revoke: procedure
    .input(
      input(
        Schema.Struct({
          id: Schema.String.check(
            Schema.isPattern(/^[0-9a-f]{16}$/, { message: "expected a token id of 16 hexadecimal characters" }),
          ),
        }),
      ),
    )
    .mutation(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          const revoked = yield* (yield* ApiTokenRepository.ApiTokenRepository).revoke(input.id)
          if (!revoked) return yield* new NotFound({ what: "token", id: input.id })
          return { id: input.id, revoked }
        }),
      ),
    ),
} satisfies TRPCRouterRecord

/** The processing-log procedures. */
export const processingLogRouter = {
  list: procedure
    .input(
      input(
        Schema.Struct({
          since: Schema.optionalKey(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))),
          limit: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10_000 }))),
        }),
      ),
    )
    .query(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          return yield* (yield* ProcessingLog.ProcessingLog).list(input)
        }),
      ),
    ),
} satisfies TRPCRouterRecord

/** The session procedures: who is signed in, and ending a session or every session of one person, at once. */
export const sessionRouter = {
  list: procedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.gen(function* () {
        return yield* (yield* SessionRepository.SessionRepository).list()
      }),
    ),
  ),
  end: procedure
    .input(
      input(
        Schema.Struct({
          id: Schema.String.check(
            Schema.isPattern(/^[0-9a-f]{16}$/, { message: "expected a session id of 16 hexadecimal characters" }),
          ),
        }),
      ),
    )
    .mutation(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          const ended = yield* (yield* SessionRepository.SessionRepository).endById(input.id)
          if (!ended) return yield* new NotFound({ what: "session", id: input.id })
          return { id: input.id, ended }
        }),
      ),
    ),
  endPerson: procedure
    .input(
      input(
        Schema.Struct({
          subject: Schema.String.check(
            Schema.isPattern(/^(token|oidc):\S{1,400}$/, {
              message: "expected a person as token:<id> or oidc:<issuer>#<sub>",
            }),
          ),
        }),
      ),
    )
    .mutation(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          return {
            subject: input.subject,
            ended: yield* (yield* SessionRepository.SessionRepository).endOfSubject(input.subject),
          }
        }),
      ),
    ),
} satisfies TRPCRouterRecord
