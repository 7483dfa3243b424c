/**
 * The processing log, in the spirit of the VNG standard "Logboek dataverwerkingen": every read and write of partner
 * data is recorded with who did it, what it touched, when, and why. The delivery repository writes its entry in the
 * delivery's own transaction; the API records reads here. An auditor lists the log narrowed by a `Filter` (period,
 * who, which token, which partner's data, subject text, action), a page at a time, newest or oldest first; every
 * filter value reaches the database as a parameter, never as SQL.
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

/**
 * Which entries: every field given narrows the log, none gives all of it. An actor is recorded as who acted and,
 * after ` token:`, the id of the token used (`partner:veilig-thuis token:0f3a…`, `region`, `cli:partner:x`).
 */
export interface Filter {
  /** From this time on (epoch milliseconds, inclusive). */
  readonly since?: number | undefined
  /** Before this time (epoch milliseconds, exclusive). */
  readonly until?: number | undefined
  /** Who acted, exactly, without the token: `region`, `admin`, `partner:veilig-thuis`, `municipality:GM0402`. */
  readonly actor?: string | undefined
  /** The id of the token used, or its beginning. */
  readonly token?: string | undefined
  /**
   * A partner's data: what the partner did itself (with one of its tokens, or the CLI for it) and what others did
   * to data about it, a subject naming it as `… of <partner>` (`deliveries of veilig-thuis`).
   */
  readonly partner?: string | undefined
  /** Text the subject contains, in any case. */
  readonly subject?: string | undefined
  readonly action?: Action | undefined
}

/** A page of the log: a filter, how many entries at most (default 1000), how many to skip, and in which order. */
export interface ListOptions extends Filter {
  readonly limit?: number | undefined
  readonly offset?: number | undefined
  /** Oldest first (the default) or newest first. */
  readonly order?: "oldest" | "newest" | undefined
}

/** `text` for a LIKE pattern, its wildcards and the escape character taken literally. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The actor without its token, as SQL. */
const who = "split_part(actor, ' token:', 1)"

/**
 * The WHERE clause of a filter and its parameters, numbered from $1; `null` when the filter can match nothing (text
 * with a NUL character, which the log cannot hold).
 */
const whereOf = (filter: Filter): { readonly sql: string; readonly params: Array<unknown> } | null => {
  const texts = [filter.actor, filter.token, filter.partner, filter.subject]
  if (texts.some((t) => t?.includes("\u0000"))) return null
  const conditions: Array<string> = []
  const params: Array<unknown> = []
  const param = (value: unknown): string => {
    params.push(value)
    return `$${params.length}`
  }
  if (filter.since !== undefined && Number.isFinite(filter.since)) {
    conditions.push(`at >= to_timestamp(${param(filter.since)}::float8 / 1000)`)
  }
  if (filter.until !== undefined && Number.isFinite(filter.until)) {
    conditions.push(`at < to_timestamp(${param(filter.until)}::float8 / 1000)`)
  }
  if (filter.actor !== undefined) conditions.push(`${who} = ${param(filter.actor)}`)
  if (filter.token !== undefined) {
    conditions.push(`actor LIKE ${param(`% token:${likeLiteral(filter.token)}%`)} ESCAPE '\\'`)
  }
  if (filter.partner !== undefined) {
    const by = `${who} IN (${param(`partner:${filter.partner}`)}, ${param(`cli:partner:${filter.partner}`)})`
    const about = `subject LIKE ${param(`% of ${likeLiteral(filter.partner)}`)} ESCAPE '\\'
      OR subject LIKE ${param(`% of ${likeLiteral(filter.partner)} %`)} ESCAPE '\\'`
    conditions.push(`(${by} OR ${about})`)
  }
  if (filter.subject !== undefined) {
    conditions.push(`subject ILIKE ${param(`%${likeLiteral(filter.subject)}%`)} ESCAPE '\\'`)
  }
  if (filter.action !== undefined) conditions.push(`action = ${param(filter.action)}`)
  return { sql: conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`, params }
}

const wholeNumber = (n: number | undefined, fallback: number): number =>
  n === undefined || !Number.isFinite(n) ? fallback : Math.max(0, Math.floor(n))

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const record = Effect.fn("ProcessingLog.record")(function* (entry: Record) {
    const now = yield* Clock.currentTimeMillis
    yield* sql`INSERT INTO processing_log (at, actor, action, subject, purpose)
      VALUES (to_timestamp(${now / 1000}), ${entry.actor}, ${entry.action}, ${entry.subject}, ${entry.purpose})`.pipe(
      orStoreError("writing the processing log"),
    )
  })

  const list = Effect.fn("ProcessingLog.list")(function* (options: ListOptions = {}) {
    const where = whereOf(options)
    if (where === null) return []
    const limit = `$${where.params.length + 1}`
    const offset = `$${where.params.length + 2}`
    return yield* sql
      .unsafe(
        `SELECT (extract(epoch FROM at) * 1000)::float8 AS at, actor, action, subject, purpose FROM processing_log
         ${where.sql} ORDER BY id ${options.order === "newest" ? "DESC" : "ASC"} LIMIT ${limit} OFFSET ${offset}`,
        [...where.params, wholeNumber(options.limit, 1000), wholeNumber(options.offset, 0)],
      )
      .pipe(Effect.flatMap(decode(Entry, "reading the processing log")), orStoreError("reading the processing log"))
  })

  const count = Effect.fn("ProcessingLog.count")(function* (filter: Filter = {}) {
    const where = whereOf(filter)
    if (where === null) return 0
    const rows = yield* sql
      .unsafe<{ readonly n: number }>(`SELECT count(*)::int AS n FROM processing_log ${where.sql}`, where.params)
      .pipe(orStoreError("counting the processing log"))
    return rows[0]?.n ?? 0
  })

  return ProcessingLog.of({ record, list, count })
})

/** Records and lists processings of partner data. */
export class ProcessingLog extends Context.Service<
  ProcessingLog,
  {
    /** Records one processing at the current time. */
    readonly record: (entry: Record) => Effect.Effect<void, StoreError>
    /** The entries the filter selects, oldest first unless `order` is "newest", at most `limit` (default 1000). */
    readonly list: (options?: ListOptions) => Effect.Effect<ReadonlyArray<Entry>, StoreError>
    /** How many entries the filter selects. */
    readonly count: (filter?: Filter) => Effect.Effect<number, StoreError>
  }
>()("@baken/store/ProcessingLog") {
  /** The log over the `SqlClient` in context. */
  static readonly layer = Layer.effect(ProcessingLog, make)
}
