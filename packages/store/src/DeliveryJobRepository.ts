/**
 * The delivery queue: one row per delivery a partner sent, from the moment its bytes are safe on disk until it is
 * stored or refused. A worker claims the oldest waiting job with `FOR UPDATE SKIP LOCKED` and a lease it renews as it
 * goes, so several servers on one database never run the same job, and a job whose server died is taken up again
 * once its lease has run out (at once by the next server on an embedded store, which has one writer). One partner's
 * same source hash is one job while it waits, runs or is stored, so the same file twice at once is stored once.
 *
 * A table of our own rather than graphile-worker or pg-boss: the embedded store is PGlite behind one connection,
 * where a queue library's LISTEN connection and pool of its own cannot run; this queue is plain SQL on the store's
 * own client, the same code on both backends.
 */
import { Delivery, Ids } from "@baken/domain"
import { Clock, Context, Effect, Layer, Option, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { decode, jsonb, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** Where a job is. */
export const Status = Schema.Literals(["queued", "running", "stored", "refused"])
export type Status = typeof Status.Type

/** A file to run through an adapter, or records an adapter produced on the partner's premises. */
export const Kind = Schema.Literals(["file", "push"])
export type Kind = typeof Kind.Type

/** How far a job got: entries read, records accepted, rows rejected. */
export const Progress = Schema.Struct({ read: Schema.Number, accepted: Schema.Number, rejected: Schema.Number })
export type Progress = typeof Progress.Type

/** Why a whole delivery was refused, in Dutch and English. */
export const Reason = Schema.Struct({ nl: Schema.String, en: Schema.String })
export type Reason = typeof Reason.Type

/** A job as stored. */
export class Job extends Schema.Class<Job>("DeliveryJob")({
  id: Schema.String,
  partner: Ids.PartnerId,
  adapter: Ids.AdapterId,
  kind: Kind,
  sourceName: Schema.String,
  sourceHash: Ids.SourceHash,
  spool: Schema.String,
  bytes: Schema.Number,
  actor: Schema.String,
  status: Status,
  progress: Progress,
  delivery: Schema.NullOr(Schema.Number),
  summary: Schema.NullOr(Delivery.Summary),
  reason: Schema.NullOr(Reason),
  rejections: Schema.Array(Delivery.Rejection),
  attempts: Schema.Number,
  createdAt: Schema.Number,
  updatedAt: Schema.Number,
}) {}

/** How a job ended: stored or refused, how far it got, its delivery, summary, reason and first rejections. */
export interface Outcome {
  readonly status: "stored" | "refused"
  readonly progress: Progress
  readonly delivery: number | null
  readonly summary: Delivery.Summary | null
  readonly reason: Reason | null
  readonly rejections: ReadonlyArray<Delivery.Rejection>
}

/** A job to enqueue. */
export interface NewJob {
  readonly id: string
  readonly partner: Ids.PartnerId
  readonly adapter: Ids.AdapterId
  readonly kind: Kind
  readonly sourceName: string
  readonly sourceHash: Ids.SourceHash
  readonly spool: string
  readonly bytes: number
  readonly actor: string
}

const select = `SELECT id, partner, adapter, kind, source_name AS "sourceName", source_hash AS "sourceHash", spool,
  bytes::float8 AS bytes, actor, status, json_build_object('read', read, 'accepted', accepted, 'rejected', rejected) AS progress,
  delivery, summary, reason, rejections, attempts,
  (extract(epoch FROM created_at) * 1000)::float8 AS "createdAt",
  (extract(epoch FROM updated_at) * 1000)::float8 AS "updatedAt"
FROM delivery_jobs`

const encodeSummary = Schema.encodeSync(Delivery.Summary)
const encodeRejections = Schema.encodeSync(Schema.Array(Delivery.Rejection))

const make = Effect.gen(function* () {
  const sql = yield* SqlClient
  const read = (where: string, params: ReadonlyArray<unknown>) =>
    sql
      .unsafe(`${select} ${where}`, params)
      .pipe(Effect.flatMap(decode(Job, "reading delivery jobs")), orStoreError("reading delivery jobs"))

  const find = Effect.fn("DeliveryJobRepository.find")(function* (id: string) {
    const rows = yield* read("WHERE id = $1", [id])
    return Option.fromNullishOr(rows[0])
  })

  const unstored = Effect.fn("DeliveryJobRepository.unstored")(function* (partner: Ids.PartnerId, limit: number) {
    return yield* read("WHERE partner = $1 AND status <> 'stored' ORDER BY created_at DESC, id LIMIT $2", [
      partner,
      Math.max(1, Math.min(100, Math.floor(limit))),
    ])
  })

  const enqueue = Effect.fn("DeliveryJobRepository.enqueue")(function* (job: NewJob) {
    // Twice at most: the row an insert collided with may have been refused just before it was read.
    for (let attempt = 0; ; attempt++) {
      const now = yield* Clock.currentTimeMillis
      const inserted = yield* sql<{ readonly id: string }>`
        INSERT INTO delivery_jobs (id, partner, adapter, kind, source_name, source_hash, spool, bytes, actor, status,
          created_at, updated_at)
        VALUES (${job.id}, ${job.partner}, ${job.adapter}, ${job.kind}, ${job.sourceName}, ${job.sourceHash},
          ${job.spool}, ${job.bytes}, ${job.actor}, 'queued', to_timestamp(${now / 1000}), to_timestamp(${now / 1000}))
        ON CONFLICT (partner, source_hash) WHERE status <> 'refused' DO NOTHING
        RETURNING id`.pipe(orStoreError("queueing a delivery"))
      const ids = inserted.length > 0 ? [job.id] : []
      const rows: ReadonlyArray<Job> =
        ids.length > 0
          ? yield* read("WHERE id = $1", ids)
          : yield* read("WHERE partner = $1 AND source_hash = $2 AND status <> 'refused'", [
              job.partner,
              job.sourceHash,
            ])
      const found = rows[0]
      if (found !== undefined) return { job: found, fresh: ids.length > 0 }
      if (attempt > 0) return yield* Effect.die(new Error("a delivery job could not be queued"))
    }
  })

  const claim = Effect.fn("DeliveryJobRepository.claim")(function* (leaseMs: number) {
    const now = yield* Clock.currentTimeMillis
    const rows = yield* sql<{ readonly id: string }>`
      UPDATE delivery_jobs SET status = 'running', attempts = attempts + 1,
        lease_until = to_timestamp(${(now + leaseMs) / 1000}), updated_at = to_timestamp(${now / 1000})
      WHERE id = (
        SELECT id FROM delivery_jobs
        WHERE status = 'queued' OR (status = 'running' AND lease_until < to_timestamp(${now / 1000}))
        ORDER BY created_at, id
        FOR UPDATE SKIP LOCKED
        LIMIT 1)
      RETURNING id`.pipe(orStoreError("claiming a delivery job"))
    if (rows[0] === undefined) return Option.none<Job>()
    return yield* find(rows[0].id)
  })

  const progress = Effect.fn("DeliveryJobRepository.progress")(function* (
    id: string,
    progress: Progress,
    leaseMs: number,
    delivery?: number,
  ) {
    const now = yield* Clock.currentTimeMillis
    yield* sql`UPDATE delivery_jobs SET read = ${progress.read}, accepted = ${progress.accepted},
      rejected = ${progress.rejected}, delivery = coalesce(${delivery ?? null}::integer, delivery),
      lease_until = to_timestamp(${(now + leaseMs) / 1000}), updated_at = to_timestamp(${now / 1000})
      WHERE id = ${id} AND status = 'running'`.pipe(orStoreError("recording a delivery's progress"))
  })

  const finish = Effect.fn("DeliveryJobRepository.finish")(function* (id: string, outcome: Outcome) {
    const now = yield* Clock.currentTimeMillis
    yield* sql`UPDATE delivery_jobs SET status = ${outcome.status}, read = ${outcome.progress.read},
      accepted = ${outcome.progress.accepted}, rejected = ${outcome.progress.rejected}, delivery = ${outcome.delivery},
      summary = ${outcome.summary === null ? null : jsonb(encodeSummary(outcome.summary))}::jsonb,
      reason = ${outcome.reason === null ? null : jsonb(outcome.reason)}::jsonb,
      rejections = ${jsonb(encodeRejections(outcome.rejections))}::jsonb,
      lease_until = NULL, updated_at = to_timestamp(${now / 1000})
      WHERE id = ${id}`.pipe(orStoreError("finishing a delivery job"))
  })

  const release = Effect.fn("DeliveryJobRepository.release")(function* (id: string) {
    const now = yield* Clock.currentTimeMillis
    yield* sql`UPDATE delivery_jobs SET status = 'queued', lease_until = NULL, updated_at = to_timestamp(${now / 1000})
      WHERE id = ${id} AND status = 'running'`.pipe(orStoreError("releasing a delivery job"))
  })

  const releaseAll = Effect.fn("DeliveryJobRepository.releaseAll")(function* () {
    const now = yield* Clock.currentTimeMillis
    yield* sql`UPDATE delivery_jobs SET status = 'queued', lease_until = NULL, updated_at = to_timestamp(${now / 1000})
      WHERE status = 'running'`.pipe(orStoreError("releasing delivery jobs"))
  })

  const waiting = Effect.fn("DeliveryJobRepository.waiting")(function* (partner?: Ids.PartnerId) {
    const rows = yield* sql<{ readonly n: number }>`
      SELECT count(*)::int AS n FROM delivery_jobs WHERE status IN ('queued', 'running')
      AND (${partner ?? null}::text IS NULL OR partner = ${partner ?? null})`.pipe(
      orStoreError("counting delivery jobs"),
    )
    return rows[0]?.n ?? 0
  })

  const waitingSpools = Effect.fn("DeliveryJobRepository.waitingSpools")(function* () {
    const rows = yield* sql<{ readonly spool: string }>`
      SELECT spool FROM delivery_jobs WHERE status IN ('queued', 'running')`.pipe(orStoreError("reading delivery jobs"))
    return new Set(rows.map((r) => r.spool))
  })

  return DeliveryJobRepository.of({
    find,
    unstored,
    enqueue,
    claim,
    progress,
    finish,
    release,
    releaseAll,
    waiting,
    waitingSpools,
  })
})

/** The delivery queue. */
export class DeliveryJobRepository extends Context.Service<
  DeliveryJobRepository,
  {
    readonly find: (id: string) => Effect.Effect<Option.Option<Job>, StoreError>
    /** A partner's latest jobs that did not end stored (queued, running or refused), newest first, at most `limit` (≤ 100). */
    readonly unstored: (partner: Ids.PartnerId, limit: number) => Effect.Effect<ReadonlyArray<Job>, StoreError>
    /** Queues a job; when the partner's same source hash is queued, running or stored already, that job instead. */
    readonly enqueue: (job: NewJob) => Effect.Effect<{ readonly job: Job; readonly fresh: boolean }, StoreError>
    /** Takes the oldest waiting job (or one whose lease ran out) for `leaseMs`. */
    readonly claim: (leaseMs: number) => Effect.Effect<Option.Option<Job>, StoreError>
    /** Records how far a running job got and renews its lease. */
    readonly progress: (
      id: string,
      progress: Progress,
      leaseMs: number,
      delivery?: number,
    ) => Effect.Effect<void, StoreError>
    readonly finish: (id: string, outcome: Outcome) => Effect.Effect<void, StoreError>
    /** Puts a running job back in the queue (a graceful shutdown). */
    readonly release: (id: string) => Effect.Effect<void, StoreError>
    /** Puts every running job back (the one writer of an embedded store starting). */
    readonly releaseAll: () => Effect.Effect<void, StoreError>
    /** How many jobs are queued or running, of one partner or of all. */
    readonly waiting: (partner?: Ids.PartnerId) => Effect.Effect<number, StoreError>
    /** The spool files of the jobs queued or running. */
    readonly waitingSpools: () => Effect.Effect<ReadonlySet<string>, StoreError>
  }
>()("@baken/store/DeliveryJobRepository") {
  static readonly layer = Layer.effect(DeliveryJobRepository, make)
}
