/**
 * Dashboard sessions. A person who signs in (with a token code, or through the organisation's identity provider)
 * gets a session: the cookie holds its secret, the store only the secret's SHA-256. A session ends when the person
 * logs out, after `idleMs` without a request, `absoluteMs` after it started, when the token it was started with is
 * revoked or expires, when an administrator ends it or all of the person's sessions, or when the person starts more
 * than `perSubject` at once (the one seen longest ago ends). Every check is made in the database on every request,
 * so an ending holds at once on every server sharing it; rows go a day after their session expired. Time comes from
 * `Clock`.
 */
import { createHash, randomBytes } from "node:crypto"
import { Clock, Context, Effect, Layer, Option, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { decode, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** A session ends after this long without a request: 30 minutes. */
export const idleMs = 30 * 60_000
/** A session ends this long after it started, however busy: 12 hours. */
export const absoluteMs = 12 * 3_600_000
/**
 * At most this many live sessions per person or code: a new sign-in beyond it ends the one seen longest ago, so one
 * code signing in in a loop keeps a bounded number of rows (an outside tester made 5,000 sessions in half a minute).
 */
export const perSubject = 20
/** An ended or expired session's row is kept this long (so a cookie of it is known as ended, not as a guess). */
export const keptMs = 24 * 3_600_000

/** A live session, without its secret. */
export class Session extends Schema.Class<Session>("Session")({
  /** The public handle (16 hexadecimal characters), which an administrator names to end it. */
  id: Schema.String,
  audience: Schema.String,
  partner: Schema.NullOr(Schema.String),
  municipality: Schema.NullOr(Schema.String),
  /** The token the session was started with, or null for a sign-in through the identity provider. */
  tokenId: Schema.NullOr(Schema.String),
  /** Who signed in: `token:<id>` or `oidc:<issuer>#<sub>`. */
  subject: Schema.String,
  /** How the person is named to administrators: the token's label, or the name the identity provider gave. */
  label: Schema.String,
  createdAt: Schema.Number,
  seenAt: Schema.Number,
  expiresAt: Schema.Number,
}) {}

/** Who a new session is for. */
export interface Owner {
  readonly audience: string
  readonly partner?: string | undefined
  readonly municipality?: string | undefined
  readonly tokenId?: string | undefined
  readonly subject: string
  readonly label: string
}

/** A started session: the stored record and the secret for the cookie, which is not kept. */
export interface Started {
  readonly session: Session
  readonly secret: string
}

const secretPattern = /^bks_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/

/** The SHA-256 of a session secret, as stored. */
const hashOf = (secret: string): string => createHash("sha256").update(secret).digest("hex")

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`
const columns = `id, audience, partner, municipality, token_id AS "tokenId", subject, label,
  ${ms("created_at")} AS "createdAt", ${ms("seen_at")} AS "seenAt", ${ms("expires_at")} AS "expiresAt"`
const at = (n: number) => `to_timestamp($${n}::float8 / 1000)`
/** The conditions of a live session `s` at the time in parameter `now`, with the idle limit in parameter `idle`. */
const live = (now: number, idle: number) =>
  `s.ended_at IS NULL AND s.expires_at > ${at(now)}
   AND s.seen_at > to_timestamp(($${now}::float8 - $${idle}::float8) / 1000)
   AND (s.token_id IS NULL OR EXISTS (SELECT 1 FROM api_tokens t
     WHERE t.id = s.token_id AND t.revoked_at IS NULL AND t.expires_at > ${at(now)}))`

const make = Effect.gen(function* () {
  const sql = yield* SqlClient
  const sessions = (statement: string, params: ReadonlyArray<unknown>, what: string) =>
    sql.unsafe(statement, params).pipe(Effect.flatMap(decode(Session, what)), orStoreError(what))
  /** The minute of this process's last removal of old rows: they go at most once a minute, at a sign-in. */
  let sweptMinute = -1

  const start = Effect.fn("SessionRepository.start")(function* (owner: Owner) {
    const now = yield* Clock.currentTimeMillis
    const id = randomBytes(8).toString("hex")
    const secret = `bks_${id}_${randomBytes(32).toString("base64url")}`
    const [session] = yield* sessions(
      `INSERT INTO sessions (id, secret_hash, audience, partner, municipality, token_id, subject, label, created_at,
         seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${at(9)}, ${at(9)}, ${at(10)})
       RETURNING ${columns}`,
      [
        id,
        hashOf(secret),
        owner.audience,
        owner.partner ?? null,
        owner.municipality ?? null,
        owner.tokenId ?? null,
        owner.subject,
        owner.label,
        now,
        now + absoluteMs,
      ],
      "starting a session",
    )
    // Beyond `perSubject` live sessions of this person or code, the ones seen longest ago end.
    yield* sql
      .unsafe(
        `UPDATE sessions SET ended_at = ${at(2)} WHERE subject = $1 AND ended_at IS NULL AND id NOT IN (
           SELECT id FROM sessions WHERE subject = $1 AND ended_at IS NULL ORDER BY seen_at DESC, created_at DESC
           LIMIT ${perSubject})`,
        [owner.subject, now],
      )
      .pipe(orStoreError("ending a person's oldest sessions"))
    const minute = Math.floor(now / 60_000)
    if (minute !== sweptMinute) {
      sweptMinute = minute
      yield* sql
        .unsafe(`DELETE FROM sessions WHERE expires_at < ${at(1)} AND (ended_at IS NULL OR ended_at < ${at(1)})`, [
          now - keptMs,
        ])
        .pipe(orStoreError("removing old sessions"))
    }
    return { session: session as Session, secret } satisfies Started
  })

  const ended = Effect.fn("SessionRepository.ended")(function* (secret: string) {
    if (!secretPattern.test(secret)) return false
    const rows = yield* sql
      .unsafe<{ readonly id: string }>(`SELECT id FROM sessions WHERE secret_hash = $1`, [hashOf(secret)])
      .pipe(orStoreError("looking up an ended session"))
    return rows.length > 0
  })

  const resume = Effect.fn("SessionRepository.resume")(function* (secret: string) {
    if (!secretPattern.test(secret)) return Option.none<Session>()
    const now = yield* Clock.currentTimeMillis
    const rows = yield* sessions(
      `UPDATE sessions s SET seen_at = ${at(2)} WHERE s.secret_hash = $1 AND ${live(2, 3)} RETURNING ${columns}`,
      [hashOf(secret), now, idleMs],
      "resuming a session",
    )
    return Option.fromNullishOr(rows[0])
  })

  const ending = (where: string, params: ReadonlyArray<unknown>, what: string) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const rows = yield* sql
        .unsafe<{ readonly id: string }>(
          `UPDATE sessions SET ended_at = ${at(1)} WHERE ended_at IS NULL AND ${where} RETURNING id`,
          [now, ...params],
        )
        .pipe(orStoreError(what))
      return rows.length
    })

  const end = Effect.fn("SessionRepository.end")(function* (secret: string) {
    if (!secretPattern.test(secret)) return false
    return (yield* ending("secret_hash = $2", [hashOf(secret)], "ending a session")) > 0
  })

  const endById = Effect.fn("SessionRepository.endById")(function* (id: string) {
    return (yield* ending("id = $2", [id], "ending a session")) > 0
  })

  const endOfSubject = Effect.fn("SessionRepository.endOfSubject")(function* (subject: string) {
    return yield* ending("subject = $2", [subject], "ending a person's sessions")
  })

  const list = Effect.fn("SessionRepository.list")(function* () {
    const now = yield* Clock.currentTimeMillis
    return yield* sessions(
      `SELECT ${columns} FROM sessions s WHERE ${live(1, 2)} ORDER BY s.seen_at DESC, s.id`,
      [now, idleMs],
      "listing sessions",
    )
  })

  return SessionRepository.of({ start, resume, ended, end, endById, endOfSubject, list })
})

/** Starts, resumes and ends dashboard sessions, storing only their secrets' hashes. */
export class SessionRepository extends Context.Service<
  SessionRepository,
  {
    /** Starts a session; the secret in the answer is not stored and cannot be shown again. */
    readonly start: (owner: Owner) => Effect.Effect<Started, StoreError>
    /** The live session a secret belongs to, marked as seen now; none when it ended, expired or never was. */
    readonly resume: (secret: string) => Effect.Effect<Option.Option<Session>, StoreError>
    /**
     * Whether a secret that `resume` refused belonged to a real session that has ended (kept `keptMs` after it
     * expired) — a browser coming back after its session ended, not someone guessing.
     */
    readonly ended: (secret: string) => Effect.Effect<boolean, StoreError>
    /** Ends the session of a secret (logging out); false when there was no live one. */
    readonly end: (secret: string) => Effect.Effect<boolean, StoreError>
    /** Ends a session by its public id; false when there was no live one. */
    readonly endById: (id: string) => Effect.Effect<boolean, StoreError>
    /** Ends every session of a person (`subject`); how many ended. */
    readonly endOfSubject: (subject: string) => Effect.Effect<number, StoreError>
    /** The live sessions, most recently seen first. */
    readonly list: () => Effect.Effect<ReadonlyArray<Session>, StoreError>
  }
>()("@baken/store/SessionRepository") {
  /** The repository over the `SqlClient` in context. */
  static readonly layer = Layer.effect(SessionRepository, make)
}
