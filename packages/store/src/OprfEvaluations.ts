/**
 * OPRF evaluations counted per partner: every evaluate call is a row (how many values, answered or refused), so the
 * server can hold a partner's questions against the rows it delivered. A partner that asks for far more values than
 * its deliveries explain may be computing pseudonyms of people it never delivered: the server refuses it and the
 * region sees it (`refusedSince`).
 */
import { Clock, Context, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** A partner's refused evaluate calls: when the last was, and how many values they asked for. */
export interface Refusals {
  readonly partner: string
  readonly calls: number
  readonly elements: number
  readonly last: number
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

  const answeredSince = Effect.fn("OprfEvaluations.answeredSince")(function* (partner: string, since: number) {
    const rows = yield* sql
      .unsafe<{ readonly n: number }>(
        "SELECT coalesce(sum(elements), 0)::int AS n FROM oprf_evaluations WHERE partner = $1 AND answered AND at >= $2",
        [partner, new Date(since)],
      )
      .pipe(orStoreError("reading OPRF evaluations"))
    return rows[0]?.n ?? 0
  })

  const deliveredSince = Effect.fn("OprfEvaluations.deliveredSince")(function* (partner: string, since: number) {
    const rows = yield* sql
      .unsafe<{ readonly n: number }>(
        `SELECT coalesce(sum(value::int), 0)::int AS n
         FROM deliveries, jsonb_each_text(summary -> 'accepted')
         WHERE partner = $1 AND stored_at >= $2`,
        [partner, new Date(since)],
      )
      .pipe(orStoreError("reading delivered rows"))
    return rows[0]?.n ?? 0
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

  return OprfEvaluations.of({ record, answeredSince, deliveredSince, refusedSince })
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
    /** Every partner refused since `since`, for the region. */
    readonly refusedSince: (since: number) => Effect.Effect<ReadonlyArray<Refusals>, StoreError>
  }
>()("@baken/store/OprfEvaluations") {
  /** The counts in the `SqlClient` in context. */
  static readonly layer = Layer.effect(OprfEvaluations, make)
}
