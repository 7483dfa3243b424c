/**
 * API tokens for partners and users. Only a SHA-256 hash of a token is stored, never the token: `issue` returns
 * the secret once, `verify` hashes what a caller presents and finds the token if it is neither expired nor revoked.
 * Time comes from `Clock`, so tests move it.
 */
import { createHash, randomBytes } from "node:crypto"
import type { Ids } from "@baken/domain"
import { Clock, Context, Effect, Layer, Option, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { decode, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** A stored token, without its secret. */
export class ApiToken extends Schema.Class<ApiToken>("ApiToken")({
  id: Schema.String,
  /** The partner the token delivers as, or null for a user token. */
  partner: Schema.NullOr(Schema.String),
  scopes: Schema.Array(Schema.String),
  label: Schema.String,
  createdAt: Schema.Number,
  expiresAt: Schema.Number,
  revokedAt: Schema.NullOr(Schema.Number),
}) {}

/** What a new token is for. */
export interface IssueRequest {
  readonly partner?: Ids.PartnerId | undefined
  readonly scopes: ReadonlyArray<string>
  readonly label: string
  /** Epoch milliseconds after which the token no longer works. */
  readonly expiresAt: number
}

/** A newly issued token: the stored record and the secret, which is shown this once. */
export interface Issued {
  readonly token: ApiToken
  readonly secret: string
}

/** The SHA-256 of a token's secret, as stored. */
export const hashSecret = (secret: string): string => createHash("sha256").update(secret).digest("hex")

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`
const select = `SELECT id, partner, scopes, label, ${ms("created_at")} AS "createdAt", ${ms("expires_at")} AS "expiresAt",
  ${ms("revoked_at")} AS "revokedAt" FROM api_tokens`

const make = Effect.gen(function* () {
  const sql = yield* SqlClient
  const read = (where: string, params: ReadonlyArray<unknown>) =>
    sql
      .unsafe(`${select} ${where}`, params)
      .pipe(Effect.flatMap(decode(ApiToken, "reading API tokens")), orStoreError("reading API tokens"))

  const issue = Effect.fn("ApiTokenRepository.issue")(function* (request: IssueRequest) {
    const now = yield* Clock.currentTimeMillis
    const id = randomBytes(8).toString("hex")
    const secret = `bkn_${id}_${randomBytes(32).toString("base64url")}`
    yield* sql
      .unsafe(
        `INSERT INTO api_tokens (id, token_hash, partner, scopes, label, created_at, expires_at)
         VALUES ($1, $2, $3, $4::text[], $5, to_timestamp($6::float8 / 1000), to_timestamp($7::float8 / 1000))`,
        [id, hashSecret(secret), request.partner ?? null, [...request.scopes], request.label, now, request.expiresAt],
      )
      .pipe(orStoreError("issuing an API token"))
    const [token] = yield* read("WHERE id = $1", [id])
    return { token: token as ApiToken, secret } satisfies Issued
  })

  const verify = Effect.fn("ApiTokenRepository.verify")(function* (secret: string) {
    const now = yield* Clock.currentTimeMillis
    const rows = yield* read(
      "WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > to_timestamp($2::float8 / 1000)",
      [hashSecret(secret), now],
    )
    return Option.fromNullishOr(rows[0])
  })

  const revoke = Effect.fn("ApiTokenRepository.revoke")(function* (id: string) {
    const now = yield* Clock.currentTimeMillis
    const rows = yield* sql
      .unsafe<{ readonly id: string }>(
        "UPDATE api_tokens SET revoked_at = to_timestamp($2::float8 / 1000) WHERE id = $1 AND revoked_at IS NULL RETURNING id",
        [id, now],
      )
      .pipe(orStoreError("revoking an API token"))
    return rows.length > 0
  })

  const list = Effect.fn("ApiTokenRepository.list")(function* (partner?: Ids.PartnerId) {
    return yield* partner === undefined
      ? read("ORDER BY created_at, id", [])
      : read("WHERE partner = $1 ORDER BY created_at, id", [partner])
  })

  return ApiTokenRepository.of({ issue, verify, revoke, list })
})

/** Issues, verifies and revokes API tokens, storing only their hashes. */
export class ApiTokenRepository extends Context.Service<
  ApiTokenRepository,
  {
    /** Issues a token; the secret in the answer is not stored and cannot be shown again. */
    readonly issue: (request: IssueRequest) => Effect.Effect<Issued, StoreError>
    /** The token a secret belongs to, if it exists, has not expired and was not revoked. */
    readonly verify: (secret: string) => Effect.Effect<Option.Option<ApiToken>, StoreError>
    /** Revokes a token; false when there was no such live token. */
    readonly revoke: (id: string) => Effect.Effect<boolean, StoreError>
    /** All tokens, or one partner's, oldest first. */
    readonly list: (partner?: Ids.PartnerId) => Effect.Effect<ReadonlyArray<ApiToken>, StoreError>
  }
>()("@baken/store/ApiTokenRepository") {
  /** The repository over the `SqlClient` in context. */
  static readonly layer = Layer.effect(ApiTokenRepository, make)
}
