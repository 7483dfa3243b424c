/**
 * Administration: API tokens (issued with their secret shown once, listed without it, revoked), dashboard sessions
 * (listed, ended one by one or all of one person's at once) and the processing log. Only an admin reaches these.
 */
import { Bsn } from "@baken/adapter-kit"
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
    Schema.makeFilter((label: string) =>
      Bsn.contains(label)
        ? "expected no nine digits in one run, also not with spaces, dots or hyphens (it could be a BSN)"
        : true,
    ),
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

const actorPattern = /^(public|region|admin|(cli:)?partner:[a-z0-9]+(-[a-z0-9]+)*|municipality:GM\d{4})$/

/**
 * Which processing-log entries: a period (epoch milliseconds, `since` inclusive, `until` exclusive), who acted
 * (`region`, `admin`, `partner:<id>`, `municipality:<code>`), the token used (its id or the beginning of it), a
 * partner's data, text in the subject, and the action. Each is checked here, so the store only ever sees values of
 * these shapes.
 */
export const LogFilter = Schema.Struct({
  since: Schema.optionalKey(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))),
  until: Schema.optionalKey(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))),
  actor: Schema.optionalKey(
    Schema.String.check(
      Schema.isMaxLength(120),
      Schema.isPattern(actorPattern, {
        message: "expected who acted: public, region, admin, partner:<id>, cli:partner:<id> or municipality:GM0000",
      }),
    ),
  ),
  token: Schema.optionalKey(
    Schema.String.check(
      Schema.isPattern(/^[0-9a-f]{1,16}$/, {
        message: "expected a token id, or its beginning: 1 to 16 hexadecimal characters",
      }),
    ),
  ),
  partner: Schema.optionalKey(S.PartnerId),
  subject: Schema.optionalKey(
    Schema.String.check(
      Schema.isMaxLength(100, { message: "expected at most 100 characters" }),
      Schema.isPattern(/^[\p{L}\p{N} .:()-]*$/u, {
        message: "expected letters, digits, spaces and . : ( ) - only",
      }),
    ),
  ),
  action: Schema.optionalKey(ProcessingLog.Action),
})
export type LogFilter = typeof LogFilter.Type

/** A page of the log: the filter, how many entries (1 to 10,000), how many to skip, oldest or newest first. */
export const LogQuery = Schema.Struct({
  ...LogFilter.fields,
  limit: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10_000 }))),
  offset: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 100_000_000 }))),
  order: Schema.optionalKey(Schema.Literals(["oldest", "newest"])),
})
export type LogQuery = typeof LogQuery.Type

/** The processing-log procedures. */
export const processingLogRouter = {
  list: procedure.input(input(LogQuery)).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        return yield* (yield* ProcessingLog.ProcessingLog).list(input)
      }),
    ),
  ),
  count: procedure.input(input(Schema.UndefinedOr(LogFilter))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        return yield* (yield* ProcessingLog.ProcessingLog).count(input ?? {})
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
