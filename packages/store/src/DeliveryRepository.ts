/**
 * Deliveries: one partner file or feed pull, stored with its source hash, its accepted records and its rejections.
 * A small delivery is stored in one transaction (`store`); a large one is staged batch by batch in short statements
 * that no reader sees and published in one short transaction (`begin`), so readers never wait for it. Either way a
 * delivery counts whole or not at all, and the same partner's same source hash again is answered with the earlier
 * result and stores nothing new; a delivery that fails or whose process dies half-way leaves no trace that counts. Records arrive as a stream and are written in
 * batches of array parameters (`INSERT … SELECT FROM unnest(…)`), the fastest path `@effect/sql-pg` offers on both
 * backends.
 */
import { BsnShape, Delivery, type Ids, type Observation, Period, PersonEvent } from "@baken/domain"
import { Clock, Context, Effect, Layer, Option, Schema, Stream } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import * as DataVersion from "./DataVersion.js"
import * as Pairing from "./Pairing.js"
import { decode, jsonb, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** A delivery as stored: its header, its summary, when it was stored, and whether this call found it already there. */
export class StoredDelivery extends Schema.Class<StoredDelivery>("StoredDelivery")({
  header: Delivery.DeliveryHeader,
  summary: Delivery.Summary,
  /** When the store committed it, in epoch milliseconds. */
  storedAt: Schema.Number,
  /** True when the source hash was stored before and this call stored nothing. */
  duplicate: Schema.Boolean,
}) {}

/** What a delivery brings: its header, its accepted records as a stream, its rejections, and who stores it why. */
export interface Intake<E = never, R = never> {
  readonly header: Delivery.DeliveryHeader
  readonly records: Stream.Stream<Delivery.AcceptedRecord, E, R>
  readonly rejections: ReadonlyArray<Delivery.Rejection>
  /** Who stores it, for the processing log (e.g. `partner:veilig-thuis` or `user:42`). */
  readonly actor: string
  /** Why, for the processing log. */
  readonly purpose: string
}

/**
 * A delivery being staged: its batches are written in short statements of their own, invisible to every reader,
 * until `publish` makes the whole delivery count in one short transaction. `discard` removes what was staged.
 */
export interface Staging {
  readonly id: number
  readonly write: (batch: ReadonlyArray<Delivery.AcceptedRecord>) => Effect.Effect<void, StoreError>
  readonly publish: (outcome: {
    /** Rejections per rule, over the whole delivery. */
    readonly rejected: Record<string, number>
    /** The rejections kept in detail (the first ones). */
    readonly rejections: ReadonlyArray<Delivery.Rejection>
    readonly actor: string
    readonly purpose: string
  }) => Effect.Effect<StoredDelivery, StoreError>
  readonly discard: Effect.Effect<void, StoreError>
}

/** Records written per statement; measured on this machine as the best of 2k, 10k and 20k (see the README). */
export const batchSize = 20_000

/** How long one staging statement should take, so that readers waiting for the one embedded connection wait little. */
export const statementTargetMs = 25

/** Rows of the first staging statement, and the fewest of any. */
const stagingSliceStart = 1_000
const stagingSliceMin = 200

/** The accepted-record kinds a summary counts. */
export const kindOf = (record: Delivery.AcceptedRecord): "observation" | "person-event" =>
  "indicator" in record ? "observation" : "person-event"

const insertObservations = `INSERT INTO observations (delivery, indicator, area, period, value, source)
SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::text[])`

const insertEvents = `INSERT INTO person_events (delivery, person, kind, event_date, municipality, category, reason, source,
  allocation, correction, origin_file, origin_message, origin_line)
SELECT $1, p, k, d::date, m, c, r, s, a, x, f, g, l
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
  $11::text[], $12::text[], $13::int[]) AS u(p, k, d, m, c, r, s, a, x, f, g, l)`

const insertRejections = `INSERT INTO delivery_rejections (delivery, ordinal, rule, rejection)
SELECT $1, o, r, j::jsonb FROM unnest($2::int[], $3::text[], $4::text[]) AS u(o, r, j)`

const selectDelivery = `SELECT partner, adapter, source_hash AS "sourceHash", source_file AS "sourceName",
  received_on::text AS "receivedOn", summary::text AS summary,
  (extract(epoch FROM stored_at) * 1000)::float8 AS "storedAt"
FROM deliveries`

const Row = Schema.Struct({
  partner: Schema.String,
  adapter: Schema.String,
  sourceHash: Schema.String,
  sourceName: Schema.String,
  receivedOn: Schema.String,
  summary: Schema.String,
  storedAt: Schema.Number,
})

/**
 * A PostgreSQL array literal (`{"a",NULL,"b"}`) for one column of a batch. Sent as text and cast by the statement,
 * it needs no element type inferred on the client, which fails for a column that happens to be all null.
 */
export const arrayLiteral = (values: ReadonlyArray<string | number | null>): string => {
  let out = "{"
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (i > 0) out += ","
    if (v === null || v === undefined) out += "NULL"
    else if (typeof v === "number") out += String(v)
    else out += `"${v.replace(/[\\"]/g, "\\$&")}"`
  }
  return `${out}}`
}

const encodeSummary = Schema.encodeSync(Delivery.Summary)
const encodeRejection = Schema.encodeSync(Delivery.Rejection)

const guardShape = new RegExp(BsnShape.guardSource, "gu")
/**
 * A rejection as stored: encoded, with what the database's no-BSN guard refuses masked in every text of it. Adapters
 * redact what they repeat, but a message the server writes may quote an identifier a partner chose (an indicator
 * `ind-123-456-789`), and the guard would then refuse the whole delivery.
 */
const storedRejection = (rejection: Delivery.Rejection): string =>
  jsonb(encodeRejection(rejection), (text) => text.replace(guardShape, "*********"))

const toStored =
  (duplicate: boolean) =>
  (rows: ReadonlyArray<typeof Row.Type>): ReadonlyArray<unknown> =>
    rows.map((row) => ({
      header: {
        partner: row.partner,
        adapter: row.adapter,
        sourceHash: row.sourceHash,
        sourceName: row.sourceName,
        receivedOn: row.receivedOn,
      },
      summary: JSON.parse(row.summary),
      storedAt: row.storedAt,
      duplicate,
    }))

/**
 * Counts and period range of one delivery, gathered as its records stream past. Periods are collected as a set and
 * ordered once at the end: ordering each record's period as it comes costs more than writing it.
 */
class Tally {
  readonly accepted: Record<string, number> = {}
  readonly periods = new Set<string>()
  add(kind: string, count: number): void {
    this.accepted[kind] = (this.accepted[kind] ?? 0) + count
  }
  range(): { readonly periodFrom?: Period.Period; readonly periodTo?: Period.Period } {
    if (this.periods.size === 0) return {}
    const sorted = [...this.periods].map((p) => p as Period.Period).sort(Period.order)
    return { periodFrom: sorted[0] as Period.Period, periodTo: sorted[sorted.length - 1] as Period.Period }
  }
}

/** Accepted counts less the person events publishing rejected. */
const withoutRemoved = (accepted: Record<string, number>, removed: number): Record<string, number> => {
  if (removed === 0) return accepted
  const { "person-event": events = 0, ...rest } = accepted
  return events - removed > 0 ? { ...rest, "person-event": events - removed } : rest
}

/** Two counts per rule added up. */
const sumCounts = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
  const out = { ...a }
  for (const [rule, n] of Object.entries(b)) out[rule] = (out[rule] ?? 0) + n
  return out
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const readBy = (where: string, params: ReadonlyArray<unknown>, duplicate: boolean) =>
    sql
      .unsafe<typeof Row.Type>(`${selectDelivery} ${where}`, params)
      .pipe(
        Effect.map(toStored(duplicate)),
        Effect.flatMap(decode(StoredDelivery, "reading deliveries")),
        orStoreError("reading deliveries"),
      )

  const writeBatch = (delivery: number, batch: ReadonlyArray<Delivery.AcceptedRecord>, tally: Tally) =>
    Effect.gen(function* () {
      const obs: Array<Array<string | number | null>> = [[], [], [], [], []]
      const ev: Array<Array<string | number | null>> = [[], [], [], [], [], [], [], [], [], [], [], []]
      for (const record of batch) {
        if ("indicator" in record) {
          const o = record as Observation.Observation
          obs[0]?.push(o.indicator)
          obs[1]?.push(o.area)
          obs[2]?.push(o.period)
          obs[3]?.push(o.value)
          obs[4]?.push(o.source)
          tally.periods.add(o.period)
        } else {
          const e = record as PersonEvent.PersonEvent
          ev[0]?.push(e.person)
          ev[1]?.push(e.kind)
          ev[2]?.push(e.date)
          ev[3]?.push(e.municipality)
          ev[4]?.push(e.category ?? null)
          ev[5]?.push(e.reason ?? null)
          ev[6]?.push(e.source)
          ev[7]?.push(e.allocation === undefined ? null : PersonEvent.canonicalAllocation(e.allocation))
          ev[8]?.push(e.correction ?? null)
          ev[9]?.push(e.origin?.file ?? null)
          ev[10]?.push(e.origin?.message ?? null)
          ev[11]?.push(e.origin?.line ?? null)
          // The month an event falls in, `YYYY-MM`, is the first seven characters of its ISO date.
          tally.periods.add(e.date.slice(0, 7))
        }
      }
      if ((obs[0]?.length ?? 0) > 0) tally.add("observation", obs[0]?.length ?? 0)
      if ((ev[0]?.length ?? 0) > 0) tally.add("person-event", ev[0]?.length ?? 0)
      if ((obs[0]?.length ?? 0) > 0) yield* sql.unsafe(insertObservations, [delivery, ...obs.map(arrayLiteral)])
      if ((ev[0]?.length ?? 0) > 0) yield* sql.unsafe(insertEvents, [delivery, ...ev.map(arrayLiteral)])
    })

  /** Deletes a staged (unpublished) delivery and its rows; a published one is never touched. */
  const discard = (id: number) =>
    Effect.gen(function* () {
      yield* sql`DELETE FROM observations WHERE delivery = ${id}
        AND EXISTS (SELECT 1 FROM deliveries WHERE id = ${id} AND NOT published)`
      yield* sql`DELETE FROM person_events WHERE delivery = ${id}
        AND EXISTS (SELECT 1 FROM deliveries WHERE id = ${id} AND NOT published)`
      yield* sql`DELETE FROM deliveries WHERE id = ${id} AND NOT published`
    }).pipe(orStoreError("discarding a staged delivery"))

  let embedded: boolean | undefined
  const begin = Effect.fn("DeliveryRepository.begin")(function* (header: Delivery.DeliveryHeader) {
    const now = yield* Clock.currentTimeMillis
    const insert = sql<{ readonly id: number }>`
      INSERT INTO deliveries (source_hash, partner, adapter, source_file, received_on, summary, stored_at, published)
      VALUES (${header.sourceHash}, ${header.partner}, ${header.adapter}, ${header.sourceName},
              ${header.receivedOn}::date, '{}'::jsonb, to_timestamp(${now / 1000}), false)
      ON CONFLICT (partner, source_hash) DO NOTHING
      RETURNING id`.pipe(orStoreError("staging a delivery"))
    let inserted = yield* insert
    if (inserted[0] === undefined) {
      // An unpublished row with this partner and hash is what an earlier attempt left when its process died (the
      // delivery queue runs one job per partner and hash at a time, and `store` publishes in its own transaction):
      // nothing reads it, so it is removed and the delivery staged again.
      const left = yield* sql<{ readonly id: number }>`
        SELECT id FROM deliveries WHERE partner = ${header.partner} AND source_hash = ${header.sourceHash}
        AND NOT published`.pipe(orStoreError("staging a delivery"))
      if (left[0] === undefined) return Option.none<Staging>()
      yield* discard(left[0].id)
      inserted = yield* insert
    }
    const id = inserted[0]?.id
    if (id === undefined) return Option.none<Staging>()
    const tally = new Tally()
    // On the embedded store (one connection) the rows per statement are tuned as the delivery goes so that one
    // statement takes about `statementTargetMs`, the most a reader waits; a server's readers have connections of
    // their own, so it writes `batchSize` rows per statement.
    embedded ??= yield* sql<{ readonly v: string }>`SELECT version() AS v`.pipe(
      Effect.map((rows) => (rows[0]?.v ?? "").includes("PGlite")),
      orStoreError("staging a delivery"),
    )
    let slice = embedded ? stagingSliceStart : batchSize
    const write = (batch: ReadonlyArray<Delivery.AcceptedRecord>) =>
      Effect.gen(function* () {
        for (let from = 0; from < batch.length; ) {
          const part = batch.slice(from, from + slice)
          const started = yield* Clock.currentTimeMillis
          yield* writeBatch(id, part, tally)
          const took = Math.max(1, (yield* Clock.currentTimeMillis) - started)
          from += part.length
          if (embedded && part.length === slice) {
            slice = Math.round(Math.min(batchSize, Math.max(stagingSliceMin, (slice * statementTargetMs) / took)))
          }
        }
      }).pipe(orStoreError("staging a delivery"))
    const staging: Staging = {
      id,
      write,
      discard: discard(id),
      publish: (outcome) =>
        Effect.gen(function* () {
          const at = yield* Clock.currentTimeMillis
          yield* sql
            .withTransaction(
              Effect.gen(function* () {
                // Published first, so that the pairing checks see this delivery's own earlier events as counting.
                yield* sql`UPDATE deliveries SET published = true WHERE id = ${id}`
                const paired = yield* Pairing.publish(sql, id, header.sourceName)
                const summary = Delivery.Summary.make({
                  accepted: withoutRemoved(tally.accepted, paired.removed),
                  rejected: sumCounts(outcome.rejected, paired.rejected),
                  sourceHash: header.sourceHash,
                  ...tally.range(),
                })
                const details = [...outcome.rejections, ...paired.rejections]
                if (details.length > 0) {
                  yield* sql.unsafe(insertRejections, [
                    id,
                    arrayLiteral(details.map((_, i) => i + 1)),
                    arrayLiteral(details.map((r) => r.rule)),
                    arrayLiteral(details.map(storedRejection)),
                  ])
                }
                yield* sql`UPDATE deliveries SET summary = ${jsonb(encodeSummary(summary))}::jsonb,
                  published = true, stored_at = to_timestamp(${at / 1000}) WHERE id = ${id}`
                yield* sql`INSERT INTO processing_log (at, actor, action, subject, purpose)
                  VALUES (to_timestamp(${at / 1000}), ${outcome.actor}, 'write', ${`delivery ${header.sourceHash}`}, ${outcome.purpose})`
              }),
            )
            .pipe(orStoreError("publishing a delivery"))
          yield* DataVersion.changed
          const found = yield* readBy("WHERE id = $1", [id], false)
          return found[0] as StoredDelivery
        }),
    }
    return Option.some(staging)
  })

  const store = Effect.fn("DeliveryRepository.store")(function* <E, R>(intake: Intake<E, R>) {
    const { header } = intake
    const now = yield* Clock.currentTimeMillis
    const run = Effect.gen(function* () {
      const inserted = yield* sql<{ readonly id: number }>`
        INSERT INTO deliveries (source_hash, partner, adapter, source_file, received_on, summary, stored_at)
        VALUES (${header.sourceHash}, ${header.partner}, ${header.adapter}, ${header.sourceName},
                ${header.receivedOn}::date, '{}'::jsonb, to_timestamp(${now / 1000}))
        ON CONFLICT (partner, source_hash) DO NOTHING
        RETURNING id`
      const id = inserted[0]?.id
      if (id === undefined) return Option.none<Delivery.Summary>()
      const tally = new Tally()
      yield* intake.records.pipe(
        Stream.rechunk(batchSize),
        Stream.runForEachArray((batch) => writeBatch(id, batch, tally)),
      )
      const paired = yield* Pairing.publish(sql, id, header.sourceName)
      const rejected: Record<string, number> = {}
      for (const r of intake.rejections) rejected[r.rule] = (rejected[r.rule] ?? 0) + 1
      const details = [...intake.rejections, ...paired.rejections]
      if (details.length > 0) {
        yield* sql.unsafe(insertRejections, [
          id,
          arrayLiteral(details.map((_, i) => i + 1)),
          arrayLiteral(details.map((r) => r.rule)),
          arrayLiteral(details.map(storedRejection)),
        ])
      }
      const summary = Delivery.Summary.make({
        accepted: withoutRemoved(tally.accepted, paired.removed),
        rejected: sumCounts(rejected, paired.rejected),
        sourceHash: header.sourceHash,
        ...tally.range(),
      })
      yield* sql`UPDATE deliveries SET summary = ${jsonb(encodeSummary(summary))}::jsonb WHERE id = ${id}`
      yield* sql`INSERT INTO processing_log (at, actor, action, subject, purpose)
        VALUES (to_timestamp(${now / 1000}), ${intake.actor}, 'write', ${`delivery ${header.sourceHash}`}, ${intake.purpose})`
      return Option.some(summary)
    })
    const stored = yield* sql.withTransaction(run).pipe(orStoreError("storing a delivery"))
    if (Option.isSome(stored)) yield* DataVersion.changed
    const found = yield* readBy(
      "WHERE partner = $1 AND source_hash = $2",
      [header.partner, header.sourceHash],
      Option.isNone(stored),
    )
    // The row was committed above (or by the partner's earlier delivery of the same bytes), so it is there.
    return found[0] as StoredDelivery
  })

  const bySourceHash = Effect.fn("DeliveryRepository.bySourceHash")(function* (
    partner: Ids.PartnerId,
    sourceHash: Ids.SourceHash,
  ) {
    const rows = yield* readBy("WHERE partner = $1 AND source_hash = $2 AND published", [partner, sourceHash], false)
    return Option.fromNullishOr(rows[0])
  })

  const list = Effect.fn("DeliveryRepository.list")(function* (partner?: Ids.PartnerId) {
    return yield* partner === undefined
      ? readBy("WHERE published ORDER BY stored_at, id", [], false)
      : readBy("WHERE partner = $1 AND published ORDER BY stored_at, id", [partner], false)
  })

  const rejections = Effect.fn("DeliveryRepository.rejections")(function* (
    partner: Ids.PartnerId,
    sourceHash: Ids.SourceHash,
  ) {
    const rows = yield* sql<{ readonly rejection: string }>`
      SELECT r.rejection::text AS rejection FROM delivery_rejections r
      JOIN deliveries d ON d.id = r.delivery
      WHERE d.partner = ${partner} AND d.source_hash = ${sourceHash} AND d.published ORDER BY r.ordinal`.pipe(
      orStoreError("reading rejections"),
    )
    return yield* decode(Delivery.Rejection, "reading rejections")(rows.map((r) => JSON.parse(r.rejection)))
  })

  const keyFileHashes = Effect.fn("DeliveryRepository.keyFileHashes")(function* (
    keyed: (partner: string, sha256: string) => string,
  ) {
    const run = Effect.gen(function* () {
      const plain = yield* sql<{ readonly partner: string; readonly hash: string }>`
        SELECT partner, source_hash AS hash FROM deliveries WHERE NOT hash_keyed
        UNION SELECT partner, source_hash AS hash FROM delivery_jobs WHERE NOT hash_keyed`
      for (const { partner, hash } of plain) {
        const key = keyed(partner, hash)
        yield* sql`UPDATE deliveries SET source_hash = ${key}, hash_keyed = true,
          summary = CASE WHEN summary ->> 'sourceHash' IS NOT NULL THEN jsonb_set(summary, '{sourceHash}', to_jsonb(${key}::text)) ELSE summary END
          WHERE partner = ${partner} AND source_hash = ${hash} AND NOT hash_keyed`
        yield* sql`UPDATE delivery_jobs SET source_hash = ${key}, hash_keyed = true,
          summary = CASE WHEN summary ->> 'sourceHash' IS NOT NULL THEN jsonb_set(summary, '{sourceHash}', to_jsonb(${key}::text)) ELSE summary END
          WHERE partner = ${partner} AND source_hash = ${hash} AND NOT hash_keyed`
        yield* sql`UPDATE processing_log SET subject = replace(subject, ${hash}, ${key}) WHERE strpos(subject, ${hash}) > 0`
      }
      return plain.length
    })
    return yield* sql.withTransaction(run).pipe(orStoreError("keying the file hashes of earlier deliveries"))
  })

  return DeliveryRepository.of({ store, begin, bySourceHash, list, rejections, keyFileHashes })
})

/** Stores deliveries atomically and idempotently, and reads them back for the partner's data steward. */
export class DeliveryRepository extends Context.Service<
  DeliveryRepository,
  {
    /**
     * Stores a small delivery in one transaction; the same partner and source hash again returns the earlier result.
     * Large deliveries are staged (`begin`), so that readers do not wait for them.
     */
    readonly store: <E, R>(intake: Intake<E, R>) => Effect.Effect<StoredDelivery, StoreError | E, R>
    /**
     * Stages a delivery to be written batch by batch; none when the partner's same source hash is stored already.
     * What an earlier, dead attempt left of the same delivery is removed first.
     */
    readonly begin: (header: Delivery.DeliveryHeader) => Effect.Effect<Option.Option<Staging>, StoreError>
    /** The partner's delivery with this source hash, if stored; another partner's never. */
    readonly bySourceHash: (
      partner: Ids.PartnerId,
      sourceHash: Ids.SourceHash,
    ) => Effect.Effect<Option.Option<StoredDelivery>, StoreError>
    /** All deliveries, or one partner's, oldest first. */
    readonly list: (partner?: Ids.PartnerId) => Effect.Effect<ReadonlyArray<StoredDelivery>, StoreError>
    /** The rejections of the partner's delivery with this source hash, in the order they were reported. */
    readonly rejections: (
      partner: Ids.PartnerId,
      sourceHash: Ids.SourceHash,
    ) => Effect.Effect<ReadonlyArray<Delivery.Rejection>, StoreError>
    /**
     * Replaces the plain file hashes that deliveries and jobs from before schema version 14 kept by `keyed` of them,
     * in the summaries and the processing log too, in one transaction; the number of hashes replaced.
     */
    readonly keyFileHashes: (keyed: (partner: string, sha256: string) => string) => Effect.Effect<number, StoreError>
  }
>()("@baken/store/DeliveryRepository") {
  /** The repository over the `SqlClient` in context. */
  static readonly layer = Layer.effect(DeliveryRepository, make)
}
