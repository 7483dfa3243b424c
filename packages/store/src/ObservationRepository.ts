/**
 * Indicator figures aggregated in SQL per indicator × area × period, with what disclosure control needs: the sum,
 * how many observations made it and how many were unknown, and the region's total over the requested
 * municipalities. Both read the observations through the covering index `observations_by_cell`
 * (indicator, period, area), never by scanning the table.
 */
import type { Area, Ids, Period } from "@baken/domain"
import { Context, Effect, Layer, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { decode, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** One indicator's figure for one area and period. */
export class Cell extends Schema.Class<Cell>("Cell")({
  indicator: Schema.String,
  area: Schema.String,
  period: Schema.String,
  /** Sum of the known values. */
  total: Schema.Number,
  /** How many observations contributed, known or not. */
  observations: Schema.Int,
  /** How many of them the source marked unknown. */
  unknown: Schema.Int,
}) {}

/** One indicator's total for one period over the requested areas (the region), for secondary suppression. */
export class RegionTotal extends Schema.Class<RegionTotal>("RegionTotal")({
  indicator: Schema.String,
  period: Schema.String,
  total: Schema.Number,
  observations: Schema.Int,
  unknown: Schema.Int,
  /** How many areas contributed a cell. */
  areas: Schema.Int,
}) {}

/** What the region dashboard asks for: indicators, periods and the member municipalities on the date it shows. */
export interface DashboardQuery {
  readonly indicators: ReadonlyArray<Ids.IndicatorId>
  readonly periods: ReadonlyArray<Period.Period>
  readonly areas: ReadonlyArray<Area.AreaCode>
}

/** The dashboard's cells and the region totals over them. */
export interface Dashboard {
  readonly cells: ReadonlyArray<Cell>
  readonly totals: ReadonlyArray<RegionTotal>
}

/** Rows of published deliveries only: a delivery being staged counts for nothing until it is published whole. The
 * delivery is named by `column`. */
export const publishedOf = (column: string): string =>
  `NOT EXISTS (SELECT 1 FROM deliveries pub WHERE pub.id = ${column} AND NOT pub.published)`

/** Rows of published deliveries only, for a table whose column `delivery` names the delivery. */
export const published = publishedOf("delivery")

/**
 * The cells of the observations, and beside them the flow measures' counts as if they were observations (computed,
 * never delivered: total = distinct persons, one observation, none unknown), so every reader takes them alike.
 */
const cellsSql = (where: string) => `SELECT indicator, area, period, coalesce(sum(value), 0)::float8 AS total,
  count(*)::int AS observations, (count(*) - count(value))::int AS unknown
FROM observations
WHERE ${where} AND ${published}
GROUP BY indicator, period, area
UNION ALL
SELECT indicator, area, period, persons::float8, 1, 0 FROM flow_counts WHERE ${where}`

/** The dashboard's cell query, exported so a test can EXPLAIN it. */
export const dashboardSql = `${cellsSql("indicator = ANY($1::text[]) AND period = ANY($2::text[]) AND area = ANY($3::text[])")}
ORDER BY indicator, period, area`

const totalsSql = `SELECT indicator, period, sum(total)::float8 AS total, sum(observations)::int AS observations,
  sum(unknown)::int AS unknown, count(*)::int AS areas
FROM (${dashboardSql}) AS cells
GROUP BY indicator, period ORDER BY indicator, period`

const aggregateSql = `${cellsSql("indicator = $1 AND ($2::text[] IS NULL OR period = ANY($2::text[]))")}
ORDER BY period, area`

const make = Effect.gen(function* () {
  const sql = yield* SqlClient
  const params = (q: DashboardQuery) => [[...q.indicators], [...q.periods], [...q.areas]]

  const dashboard = Effect.fn("ObservationRepository.dashboard")(function* (query: DashboardQuery) {
    const cells = yield* sql
      .unsafe(dashboardSql, params(query))
      .pipe(Effect.flatMap(decode(Cell, "reading the dashboard")), orStoreError("reading the dashboard"))
    const totals = yield* sql
      .unsafe(totalsSql, params(query))
      .pipe(Effect.flatMap(decode(RegionTotal, "reading the dashboard")), orStoreError("reading the dashboard"))
    return { cells, totals } satisfies Dashboard
  })

  const aggregate = Effect.fn("ObservationRepository.aggregate")(function* (
    indicator: Ids.IndicatorId,
    periods?: ReadonlyArray<Period.Period>,
  ) {
    return yield* sql
      .unsafe(aggregateSql, [indicator, periods === undefined ? null : [...periods]])
      .pipe(Effect.flatMap(decode(Cell, "aggregating observations")), orStoreError("aggregating observations"))
  })

  const version = Effect.fn("ObservationRepository.version")(function* () {
    const rows = yield* sql<{ readonly v: string }>`
      SELECT coalesce(max(id), 0)::text || ':' || count(*)::text AS v FROM deliveries WHERE published`.pipe(
      orStoreError("reading the data version"),
    )
    return rows[0]?.v ?? "0:0"
  })

  const analyze = Effect.fn("ObservationRepository.analyze")(function* () {
    yield* sql`ANALYZE observations`.pipe(orStoreError("analyzing"))
  })

  return ObservationRepository.of({ dashboard, aggregate, version, analyze })
})

/** Reads indicator figures aggregated in SQL: the region dashboard and one indicator's cells. */
export class ObservationRepository extends Context.Service<
  ObservationRepository,
  {
    /** Cells per indicator × municipality × period and the region totals over the requested areas. */
    readonly dashboard: (query: DashboardQuery) => Effect.Effect<Dashboard, StoreError>
    /** One indicator's cells aggregated from the stored observations, optionally for some periods only. */
    readonly aggregate: (
      indicator: Ids.IndicatorId,
      periods?: ReadonlyArray<Period.Period>,
    ) => Effect.Effect<ReadonlyArray<Cell>, StoreError>
    /**
     * A short text that changes whenever a delivery is stored, so that figures derived from the observations can
     * be kept until it does (deliveries are only ever added, each in one transaction).
     */
    readonly version: () => Effect.Effect<string, StoreError>
    /** Refreshes the planner's statistics; run after a bulk intake so queries pick their indexes. */
    readonly analyze: () => Effect.Effect<void, StoreError>
  }
>()("@baken/store/ObservationRepository") {
  /** The repository over the `SqlClient` in context. */
  static readonly layer = Layer.effect(ObservationRepository, make)
}
