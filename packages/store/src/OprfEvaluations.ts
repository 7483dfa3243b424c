/**
 * OPRF evaluations counted per partner: every evaluate call is a row (how many values, answered or refused), so the
 * server can hold a partner's questions against the rows it delivered. A partner that asks for far more values than
 * its deliveries explain may be computing pseudonyms of people it never delivered: the server refuses it and the
 * region sees it (`refusedSince`). The region can grant a partner room beyond its deliveries (`grant`: a first
 * delivery of more people than the base allows), each grant with who gave it and why.
 *
 * `admit` decides and counts in one transaction under a lock per partner, so two calls at the same moment cannot both
 * pass a limit that only one of them fits.
 */
import { Clock, Context, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"
import * as Transaction from "./Transaction.js"

/** A partner's refused evaluate calls: when the last was, and how many values they asked for. */
export interface Refusals {
  readonly partner: string
  readonly calls: number
  readonly elements: number
  readonly last: number
}

/** What the limit is made of: a base, and a factor on the rows delivered. */
export interface Limit {
  readonly base: number
  readonly factor: number
}

/** An evaluate call weighed against the limit: answered or not, and the figures it was weighed with. */
export interface Admission {
  readonly answered: boolean
  /** Values answered in the window before this call. */
  readonly before: number
  /** Rows the partner delivered (accepted) in the window. */
  readonly delivered: number
  /** Room the region granted in the window. */
  readonly granted: number
  /** base + factor × delivered + granted. */
  readonly allowed: number
}

/** Room the region granted a partner. */
export interface Allowance {
  readonly partner: string
  readonly elements: number
  readonly grantedBy: string
  readonly reason: string
  readonly at: number
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const record = Effect.fn("OprfEvaluations.record")(function* (partner: string, elements: number, answered: boolean) {
    const now = yield* Clock.currentTimeMillis
    yield* sql
      .unsafe("INSERT INTO oprf_evaluations (partner, at, elements, answered) VALUES ($1, $2, $3, $4)", [
        partner,
        new Date(now),
        elements,
        answered,
      ])
      .pipe(orStoreError("counting OPRF evaluations"))
  })

  /** One sum of a partner's rows since `since`, by `query` ($1 the partner, $2 the time). */
  const sumSince = (query: string, what: string) => (partner: string, since: number) =>
    sql.unsafe<{ readonly n: number }>(query, [partner, new Date(since)]).pipe(
      Effect.map((rows) => rows[0]?.n ?? 0),
      orStoreError(what),
    )

  const answeredSince = sumSince(
    "SELECT coalesce(sum(elements), 0)::int AS n FROM oprf_evaluations WHERE partner = $1 AND answered AND at >= $2",
    "reading OPRF evaluations",
  )

  const deliveredSince = sumSince(
    `SELECT coalesce(sum(value::int), 0)::int AS n
     FROM deliveries, jsonb_each_text(summary -> 'accepted')
     WHERE partner = $1 AND stored_at >= $2`,
    "reading delivered rows",
  )

  const grantedSince = sumSince(
    "SELECT coalesce(sum(elements), 0)::int AS n FROM oprf_allowances WHERE partner = $1 AND at >= $2",
    "reading OPRF allowances",
  )

  const admit = Effect.fn("OprfEvaluations.admit")(function* (
    partner: string,
    elements: number,
    since: number,
    limit: Limit,
  ) {
    const run = Effect.gen(function* () {
      const before = yield* answeredSince(partner, since)
      const delivered = yield* deliveredSince(partner, since)
      const granted = yield* grantedSince(partner, since)
      const allowed = limit.base + limit.factor * delivered + granted
      const answered = before + elements <= allowed
      yield* record(partner, elements, answered)
      return { answered, before, delivered, granted, allowed } satisfies Admission
    })
    return yield* run.pipe(
      Transaction.exclusively(`oprf-evaluations:${partner}`, "weighing OPRF evaluations"),
      Effect.provideService(SqlClient, sql),
    )
  })
  const grant = Effect.fn("OprfEvaluations.grant")(function* (
    partner: string,
    elements: number,
    grantedBy: string,
    reason: string,
  ) {
    const now = yield* Clock.currentTimeMillis
    yield* sql
      .unsafe("INSERT INTO oprf_allowances (partner, at, elements, granted_by, reason) VALUES ($1, $2, $3, $4, $5)", [
        partner,
        new Date(now),
        elements,
        grantedBy,
        reason,
      ])
      .pipe(orStoreError("granting OPRF evaluations"))
  })
  const allowancesSince = Effect.fn("OprfEvaluations.allowancesSince")(function* (since: number) {
    const rows = yield* sql
      .unsafe<{
        readonly partner: string
        readonly elements: number
        readonly granted_by: string
        readonly reason: string
        readonly at: Date
      }>(
        "SELECT partner, elements, granted_by, reason, at FROM oprf_allowances WHERE at >= $1 ORDER BY at DESC LIMIT 200",
        [new Date(since)],
      )
      .pipe(orStoreError("reading OPRF allowances"))
    return rows.map(
      (r): Allowance => ({
        partner: r.partner,
        elements: r.elements,
        grantedBy: r.granted_by,
        reason: r.reason,
        at: new Date(r.at).getTime(),
      }),
    )
  })
  const refusedSince = Effect.fn("OprfEvaluations.refusedSince")(function* (since: number) {
    const rows = yield* sql
      .unsafe<{ readonly partner: string; readonly calls: number; readonly elements: number; readonly last: Date }>(
        `SELECT partner, count(*)::int AS calls, sum(elements)::int AS elements, max(at) AS last
         FROM oprf_evaluations WHERE NOT answered AND at >= $1 GROUP BY partner ORDER BY partner`,
        [new Date(since)],
      )
      .pipe(orStoreError("reading refused OPRF evaluations"))
    return rows.map((r): Refusals => ({ ...r, last: new Date(r.last).getTime() }))
  })

  return OprfEvaluations.of({
    record,
    answeredSince,
    deliveredSince,
    admit,
    grant,
    allowancesSince,
    refusedSince,
  })
})

/** Evaluations per partner, and the rows it delivered to hold them against. */
export class OprfEvaluations extends Context.Service<
  OprfEvaluations,
  {
    /** Counts one evaluate call of `partner` for `elements` values. */
    readonly record: (partner: string, elements: number, answered: boolean) => Effect.Effect<void, StoreError>
    /** How many values `partner` was answered since `since` (epoch milliseconds). */
    readonly answeredSince: (partner: string, since: number) => Effect.Effect<number, StoreError>
    /** How many rows `partner` delivered (accepted) since `since`. */
    readonly deliveredSince: (partner: string, since: number) => Effect.Effect<number, StoreError>
    /**
     * Weighs an evaluate call of `elements` values against base + factor × rows delivered + room granted since
     * `since`, and counts it, answered or refused, in one transaction under the partner's lock.
     */
    readonly admit: (
      partner: string,
      elements: number,
      since: number,
      limit: Limit,
    ) => Effect.Effect<Admission, StoreError>
    /** Grants `partner` room for `elements` more values, by whom and why. */
    readonly grant: (
      partner: string,
      elements: number,
      grantedBy: string,
      reason: string,
    ) => Effect.Effect<void, StoreError>
    /** The room granted since `since`, newest first (at most 200). */
    readonly allowancesSince: (since: number) => Effect.Effect<ReadonlyArray<Allowance>, StoreError>
    /** Every partner refused since `since`, for the region. */
    readonly refusedSince: (since: number) => Effect.Effect<ReadonlyArray<Refusals>, StoreError>
  }
>()("@baken/store/OprfEvaluations") {
  /** The counts in the `SqlClient` in context. */
  static readonly layer = Layer.effect(OprfEvaluations, make)
}
