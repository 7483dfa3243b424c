/**
 * Pseudonymised person events, counted in SQL per kind × category × municipality × period: how many distinct
 * persons and how many events, which is what disclosure control needs to suppress small counts. The store never
 * returns pseudonyms themselves from these counts.
 */
import type { CalendarDate, Period, PersonEvent } from "@baken/domain"
import { Context, Effect, Layer, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { publishedOf } from "./ObservationRepository.js"

/**
 * Whether the person event `alias` counts: its delivery is published, no correction superseded it (`superseded_by`)
 * and it is not itself a deletion (iWmo StatusAanlevering 3).
 */
export const counting = (alias: string): string =>
  `${alias}.superseded_by IS NULL AND ${alias}.correction IS DISTINCT FROM 'deletes' AND ${publishedOf(`${alias}.delivery`)}`

import { decode, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** Distinct persons and events for one kind, category, municipality and period. */
export class PersonCount extends Schema.Class<PersonCount>("PersonCount")({
  kind: Schema.String,
  category: Schema.NullOr(Schema.String),
  municipality: Schema.String,
  period: Schema.String,
  persons: Schema.Int,
  events: Schema.Int,
}) {}

/** Which events to count: a kind, the dates they fall between (inclusive), and the period granularity. */
export interface CountQuery {
  readonly kind: PersonEvent.EventKind
  readonly from: CalendarDate.CalendarDate
  readonly to: CalendarDate.CalendarDate
  readonly per: Period.Kind
}

/** The period of kind `kind` that the date in `column` falls in, as SQL giving the `Period` text. */
export const periodOf = (kind: Period.Kind, column: string): string => {
  switch (kind) {
    case "year":
      return `to_char(${column}, 'YYYY')`
    case "half":
      return `to_char(${column}, 'YYYY') || '-H' || CASE WHEN extract(month FROM ${column}) <= 6 THEN '1' ELSE '2' END`
    case "quarter":
      return `to_char(${column}, 'YYYY"-Q"Q')`
    case "month":
      return `to_char(${column}, 'YYYY-MM')`
  }
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const count = Effect.fn("PersonEventRepository.count")(function* (query: CountQuery) {
    const period = periodOf(query.per, "event_date")
    return yield* sql
      .unsafe(
        `SELECT kind, category, municipality, ${period} AS period,
           count(DISTINCT person)::int AS persons, count(*)::int AS events
         FROM person_events
         WHERE kind = $1 AND event_date BETWEEN $2::date AND $3::date AND ${counting("person_events")}
         GROUP BY kind, category, municipality, 4
         ORDER BY 4, municipality, category NULLS FIRST`,
        [query.kind, query.from, query.to],
      )
      .pipe(Effect.flatMap(decode(PersonCount, "counting person events")), orStoreError("counting person events"))
  })

  return PersonEventRepository.of({ count })
})

/** Counts pseudonymised person events for indicators and flows. */
export class PersonEventRepository extends Context.Service<
  PersonEventRepository,
  {
    /** Distinct persons and events per category × municipality × period for one kind of event. */
    readonly count: (query: CountQuery) => Effect.Effect<ReadonlyArray<PersonCount>, StoreError>
  }
>()("@baken/store/PersonEventRepository") {
  /** The repository over the `SqlClient` in context. */
  static readonly layer = Layer.effect(PersonEventRepository, make)
}
