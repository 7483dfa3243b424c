/**
 * The processing log, in the spirit of the VNG standard "Logboek dataverwerkingen": every read and write of partner
 * data is recorded with who did it, what it touched, when, and why. The delivery repository writes its entry in the
 * delivery's own transaction; the API records reads here.
 */
import { Clock, Context, Effect, Layer, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { decode, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** What was done to the data. */
export const Action = Schema.Literals(["read", "write", "delete"])
export type Action = typeof Action.Type

/** One processing: who, what, when (epoch milliseconds), why. */
export class Entry extends Schema.Class<Entry>("Entry")({
  at: Schema.Number,
  actor: Schema.String,
  action: Action,
  subject: Schema.String,
  purpose: Schema.String,
}) {}

/** An entry to record; its time is taken from `Clock`. */
export interface Record {
  readonly actor: string
  readonly action: Action
  readonly subject: string
  readonly purpose: string
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const record = Effect.fn("ProcessingLog.record")(function* (entry: Record) {
    const now = yield* Clock.currentTimeMillis
    yield* sql`INSERT INTO processing_log (at, actor, action, subject, purpose)
      VALUES (to_timestamp(${now / 1000}), ${entry.actor}, ${entry.action}, ${entry.subject}, ${entry.purpose})`.pipe(
      orStoreError("writing the processing log"),
    )
  })

  const list = Effect.fn("ProcessingLog.list")(function* (
    options: { readonly since?: number; readonly limit?: number } = {},
  ) {
    return yield* sql
      .unsafe(
        `SELECT (extract(epoch FROM at) * 1000)::float8 AS at, actor, action, subject, purpose FROM processing_log
         WHERE at >= to_timestamp($1::float8 / 1000) ORDER BY id LIMIT $2`,
        [options.since ?? 0, options.limit ?? 1000],
      )
      .pipe(Effect.flatMap(decode(Entry, "reading the processing log")), orStoreError("reading the processing log"))
  })

  return ProcessingLog.of({ record, list })
})

/** Records and lists processings of partner data. */
export class ProcessingLog extends Context.Service<
  ProcessingLog,
  {
    /** Records one processing at the current time. */
    readonly record: (entry: Record) => Effect.Effect<void, StoreError>
    /** Entries since a time (epoch milliseconds), oldest first, at most `limit` (default 1000). */
    readonly list: (options?: {
      readonly since?: number
      readonly limit?: number
    }) => Effect.Effect<ReadonlyArray<Entry>, StoreError>
  }
>()("@baken/store/ProcessingLog") {
  /** The log over the `SqlClient` in context. */
  static readonly layer = Layer.effect(ProcessingLog, make)
}
