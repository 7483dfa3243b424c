/**
 * OPRF evaluations counted per partner: every evaluate call is a row (how many values, answered or refused), so the
 * server can hold a partner's questions against the persons it delivered. A partner that asks for far more values
 * than its deliveries explain may be computing pseudonyms of people it never delivered: the server refuses it and the
 * region sees it (`refusedSince`). The region can grant a partner room beyond its deliveries (`grant`: a first
 * delivery of more people than the base allows), each grant with who gave it and why.
 *
 * What a delivery explains is the distinct persons in it (`personsSince`), not its rows: a partner needs one value per
 * person, so the same person delivered a thousand times (or in two deliveries) gives the room of one, and a delivery
 * of observations alone (figures, no persons) gives none. Rows could be inflated at will by repeating them.
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

/** What the limit is made of: a base, and a factor on the distinct persons delivered. */
export interface Limit {
  readonly base: number
  readonly factor: number
}

/** An evaluate call weighed against the limit: answered or not, and the figures it was weighed with. */
export interface Admission {
  readonly answered: boolean
  /** Values answered in the window before this call. */
  readonly before: number
  /** Distinct persons in the partner's deliveries published in the window (each counted once). */
  readonly persons: number
  /** Room the region granted in the window. */
  readonly granted: number
  /** base + factor × persons + granted. */
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

  /** One count or sum of a partner's rows since `since`, by `query` ($1 the partner, $2 the time). */
  const sumSince = (query: string, what: string) => (partner: string, since: number) =>
    sql.unsafe<{ readonly n: number }>(query, [partner, new Date(since)]).pipe(
      Effect.map((rows) => rows[0]?.n ?? 0),
      orStoreError(what),
    )

  const answeredSince = sumSince(
    "SELECT coalesce(sum(elements), 0)::int AS n FROM oprf_evaluations WHERE partner = $1 AND answered AND at >= $2",
    "reading OPRF evaluations",
  )

  // The partner's deliveries in the window by `deliveries_by_partner` (partner, stored_at), their events by
  // `person_events_by_delivery`; a staged (unpublished) delivery counts for nothing. The pseudonyms are grouped in
  // byte order (COLLATE "C": they are hex, and the database's collation only makes comparing slower; a hash of them
  // is what the time goes to, measured at 190 ms for 400,000 events of 100,000 persons on PostgreSQL 15, against
  // 490 ms for count(DISTINCT …) in the database's collation). A covering index (delivery, person) would save only the
  // heap reads (55 ms of them there) at the price of a second index on the largest table, so there is none.
  const personsSince = sumSince(
    `SELECT count(*)::int AS n FROM (
       SELECT e.person COLLATE "C"
       FROM deliveries d JOIN person_events e ON e.delivery = d.id
       WHERE d.partner = $1 AND d.published AND d.stored_at >= $2
       GROUP BY 1
     ) persons`,
    "reading delivered persons",
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
      const persons = yield* personsSince(partner, since)
      const granted = yield* grantedSince(partner, since)
      const allowed = limit.base + limit.factor * persons + granted
      const answered = before + elements <= allowed
      yield* record(partner, elements, answered)
      return { answered, before, persons, granted, allowed } satisfies Admission
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
    personsSince,
    admit,
    grant,
    allowancesSince,
    refusedSince,
  })
})

/** Evaluations per partner, and the distinct persons it delivered to hold them against. */
export class OprfEvaluations extends Context.Service<
  OprfEvaluations,
  {
    /** Counts one evaluate call of `partner` for `elements` values. */
    readonly record: (partner: string, elements: number, answered: boolean) => Effect.Effect<void, StoreError>
    /** How many values `partner` was answered since `since` (epoch milliseconds). */
    readonly answeredSince: (partner: string, since: number) => Effect.Effect<number, StoreError>
    /**
     * How many distinct persons (stored pseudonyms) are in the person events of `partner`'s deliveries published
     * since `since`: each person once however often delivered; observations count for nothing.
     */
    readonly personsSince: (partner: string, since: number) => Effect.Effect<number, StoreError>
    /**
     * Weighs an evaluate call of `elements` values against base + factor × persons delivered + room granted since
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
