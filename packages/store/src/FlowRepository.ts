/**
 * The flow measures of `@baken/domain` `Flow` (issue 14) in SQL, over every person at once: who leaves B&O, who moves
 * on from opvang to beschermd wonen, who comes back, who drops out of view, who gets aftercare after detention, and
 * how long stays last. `Flow.ts` is the reference; a differential property test holds this module to it.
 *
 * Person-level results are kept in two tables no reader sees: `flow_stays` (each person's B&O stays, paired by
 * allocation) and `flow_hits` (each person counted by a measure, in a municipality, on the day that decides the
 * period). The figures are kept beside them: `flow_counts` (distinct persons per indicator × municipality × period)
 * and `flow_lengths` (a histogram of stay lengths per municipality × period, from which medians are read). When a
 * delivery is published, `update` replaces only the touched persons' stays and hits and moves the figures by the
 * difference, in the publishing transaction; `recompute` rebuilds everything from the events. The store never returns
 * a pseudonym from here.
 *
 * Order of arrival is `person_events.seq`. An event counts when its delivery is published, it is not superseded by a
 * correction and it is not itself a `deletes`.
 */
import { Flow, type Ids, type Period } from "@baken/domain"
import { Context, Effect, Layer, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import * as DataVersion from "./DataVersion.js"
import { counting, periodOf } from "./PersonEventRepository.js"
import { decode, jsonb, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

const list = (values: ReadonlyArray<string>) => values.map((v) => `'${v}'`).join(", ")
const stayCategories = list(Flow.stayCategories)
const opvang = list(Flow.opvangCategories)
const unilateral = list(Flow.unilateral)
const aftercareKinds = list(Flow.aftercareKinds)
const w = Flow.windows

/** The periods (year, quarter, month) of the date column `column`, as a lateral `VALUES` list named `p(period)`. */
const periodsOf = (column: string) =>
  `CROSS JOIN LATERAL (VALUES ${Flow.periodKinds.map((k) => `(${periodOf(k, column)})`).join(", ")}) AS p(period)`

/**
 * Which persons a statement works on: all, or the persons of one delivery's events, gathered in the temporary table
 * `flow_scope` (with statistics, so that the planner looks them up one by one through the person indexes).
 */
export type Scope = "all" | "delivery"
const inScope = (scope: Scope, alias: string) =>
  scope === "all" ? "true" : `${alias}.person IN (SELECT person FROM flow_scope)`

/**
 * The B&O stays of the persons in scope: per allocation (person, municipality, allocation, and the partner that
 * delivered it, so that another partner's events never pair with it) the first counting start,
 * and the first counting stop dated on or after it, whichever arrived first (a start corrected after its stop keeps
 * that stop); kept when the start's category is a B&O category. Exactly `Flow.stays`.
 */
const staysSelect = (scope: Scope) => `
WITH eff AS (
  SELECT e.person, e.municipality, e.allocation, e.kind, e.event_date, e.category, e.reason, e.seq, d.partner
  FROM person_events e JOIN deliveries d ON d.id = e.delivery
  WHERE e.allocation IS NOT NULL AND e.kind IN ('support-started', 'support-stopped') AND ${counting("e")}
    AND ${inScope(scope, "e")}
), starts AS (
  SELECT DISTINCT ON (person, municipality, allocation, partner) person, municipality, allocation, partner, seq,
    event_date AS start_day, category
  FROM eff WHERE kind = 'support-started' ORDER BY person, municipality, allocation, partner, seq
), stops AS (
  SELECT DISTINCT ON (s.person, s.municipality, s.allocation, s.partner) s.person, s.municipality, s.allocation,
    s.partner, t.event_date AS end_day, t.reason
  FROM starts s JOIN eff t ON t.person = s.person AND t.municipality = s.municipality AND t.allocation = s.allocation
    AND t.partner = s.partner AND t.kind = 'support-stopped' AND t.event_date >= s.start_day
  ORDER BY s.person, s.municipality, s.allocation, s.partner, t.seq
)
SELECT s.person, s.municipality, s.allocation, s.category, s.start_day, t.end_day, t.reason
FROM starts s LEFT JOIN stops t USING (person, municipality, allocation, partner)
WHERE s.category IN (${stayCategories})`

/**
 * The persons in scope counted by each measure, in a municipality, on the day that decides the period: exactly
 * `Flow.personFlows`' hits, from `flow_stays` (already brought up to date) and the counting events.
 */
const hitsSelect = (scope: Scope) => `
WITH ended AS (
  SELECT s.*, NOT EXISTS (
    SELECT 1 FROM flow_stays t WHERE t.person = s.person AND (t.municipality, t.allocation) <> (s.municipality, s.allocation)
      AND t.start_day <= s.end_day + ${w.transfer} AND (t.end_day IS NULL OR t.end_day >= s.end_day + 1)
  ) AS leaves
  FROM flow_stays s WHERE s.end_day IS NOT NULL AND ${inScope(scope, "s")}
)
SELECT person, '${Flow.ids.throughflow}' AS indicator, municipality, end_day AS day FROM ended s
  WHERE category IN (${opvang}) AND EXISTS (SELECT 1 FROM flow_stays t WHERE t.person = s.person
    AND t.category = '${Flow.shelteredHousingCategory}' AND t.start_day BETWEEN s.end_day AND s.end_day + ${w.throughflow})
UNION ALL
SELECT person, '${Flow.ids.departures}', municipality, end_day FROM ended WHERE leaves
UNION ALL
SELECT person, '${Flow.ids.departuresAccordingToPlan}', municipality, end_day FROM ended
  WHERE leaves AND reason = '${Flow.accordingToPlan}'
UNION ALL
SELECT person, '${Flow.ids.returns}', municipality, end_day FROM ended s
  WHERE leaves AND reason = '${Flow.accordingToPlan}' AND EXISTS (SELECT 1 FROM flow_stays t WHERE t.person = s.person
    AND t.start_day BETWEEN s.end_day + 1 AND s.end_day + ${w.return})
UNION ALL
SELECT person, '${Flow.ids.outOfView}', municipality, end_day FROM ended s
  WHERE leaves AND reason IN (${unilateral}) AND NOT EXISTS (SELECT 1 FROM person_events x WHERE x.person = s.person
    AND x.event_date BETWEEN s.end_day + 1 AND s.end_day + ${w.inView} AND ${counting("x")})
UNION ALL
SELECT d.person, '${Flow.ids.aftercare}', d.municipality, d.event_date FROM person_events d
  WHERE d.kind = 'detention-ended' AND ${counting("d")} AND ${inScope(scope, "d")}
    AND EXISTS (SELECT 1 FROM person_events x WHERE x.person = d.person AND x.kind IN (${aftercareKinds})
      AND x.event_date BETWEEN d.event_date AND d.event_date + ${w.aftercare} AND ${counting("x")})`

/** The statements that rebuild every flow table from the counting events; migration 9 runs them too. */
export const recomputeStatements: ReadonlyArray<string> = [
  // A full pass joins millions of rows: hash and merge joins only. The planner's estimate of the anti-join on
  // unpublished deliveries can fall to one row, and nested loops over the CTEs then ran for over 15 minutes at 10M
  // events. SET LOCAL lasts to the end of the recomputing transaction.
  "SET LOCAL enable_nestloop = off",
  "DELETE FROM flow_counts",
  "DELETE FROM flow_lengths",
  "DELETE FROM flow_hits",
  "DELETE FROM flow_stays",
  // Statistics first: the embedded store has no autovacuum, and without them its planner pairs stays in nested loops.
  "ANALYZE deliveries",
  "ANALYZE person_events",
  `INSERT INTO flow_stays (person, municipality, allocation, category, start_day, end_day, reason) ${staysSelect("all")}`,
  // Fresh statistics, so that the planner joins a person's stays and events by hashing, not one by one.
  "ANALYZE flow_stays",
  `INSERT INTO flow_hits (person, indicator, municipality, day) ${hitsSelect("all")}`,
  "ANALYZE flow_hits",
  `INSERT INTO flow_counts (indicator, area, period, persons)
   SELECT h.indicator, h.municipality, p.period, count(DISTINCT h.person)::int
   FROM flow_hits h ${periodsOf("h.day")} GROUP BY 1, 2, 3`,
  `INSERT INTO flow_lengths (area, period, days, stays)
   SELECT s.municipality, p.period, s.end_day - s.start_day + 1, count(*)::int
   FROM flow_stays s ${periodsOf("s.end_day")} WHERE s.end_day IS NOT NULL GROUP BY 1, 2, 3`,
]

/**
 * The statements that bring the flow tables up to date after the delivery `$1` was made to count: the persons of its
 * events (a correction's superseded event is the same person's) get their stays and hits replaced, and the figures
 * move by the difference.
 */
export const updateStatements: ReadonlyArray<string> = [
  "CREATE TEMP TABLE flow_scope (person text PRIMARY KEY) ON COMMIT DROP",
  "INSERT INTO flow_scope SELECT DISTINCT person FROM person_events WHERE delivery = $1",
  "ANALYZE flow_scope",
  `WITH gone AS (
     DELETE FROM flow_stays s WHERE ${inScope("delivery", "s")} RETURNING s.municipality, s.start_day, s.end_day
   ), added AS (
     INSERT INTO flow_stays (person, municipality, allocation, category, start_day, end_day, reason)
     ${staysSelect("delivery")}
     RETURNING municipality, start_day, end_day
   ), delta AS (
     SELECT municipality, end_day, end_day - start_day + 1 AS days, -1 AS d FROM gone WHERE end_day IS NOT NULL
     UNION ALL
     SELECT municipality, end_day, end_day - start_day + 1, 1 FROM added WHERE end_day IS NOT NULL
   )
   INSERT INTO flow_lengths AS l (area, period, days, stays)
   SELECT x.municipality, p.period, x.days, sum(x.d)::int FROM delta x ${periodsOf("x.end_day")}
   GROUP BY 1, 2, 3 HAVING sum(x.d) <> 0
   ON CONFLICT (area, period, days) DO UPDATE SET stays = l.stays + excluded.stays`,
  "DELETE FROM flow_lengths WHERE stays = 0",
  `WITH gone AS (
     DELETE FROM flow_hits h WHERE ${inScope("delivery", "h")} RETURNING h.person, h.indicator, h.municipality, h.day
   ), added AS (
     INSERT INTO flow_hits (person, indicator, municipality, day) ${hitsSelect("delivery")}
     RETURNING person, indicator, municipality, day
   ), cells AS (
     SELECT indicator, municipality, period, -1 AS d FROM (
       SELECT DISTINCT g.person, g.indicator, g.municipality, p.period FROM gone g ${periodsOf("g.day")}) AS o
     UNION ALL
     SELECT indicator, municipality, period, 1 FROM (
       SELECT DISTINCT a.person, a.indicator, a.municipality, p.period FROM added a ${periodsOf("a.day")}) AS n
   )
   INSERT INTO flow_counts AS c (indicator, area, period, persons)
   SELECT indicator, municipality, period, sum(d)::int FROM cells GROUP BY 1, 2, 3 HAVING sum(d) <> 0
   ON CONFLICT (indicator, period, area) DO UPDATE SET persons = c.persons + excluded.persons`,
  "DELETE FROM flow_counts WHERE persons = 0",
  "DROP TABLE flow_scope",
]

/** Brings the flow tables up to date after delivery `delivery` was made to count; run inside its transaction. */
export const update = (sql: SqlClient, delivery: number) =>
  Effect.forEach(updateStatements, (statement) => sql.unsafe(statement, statement.includes("$1") ? [delivery] : []), {
    discard: true,
  })

/** A median of stay lengths in days, over `base` stays. */
export class MedianCell extends Schema.Class<MedianCell>("MedianCell")({
  area: Schema.String,
  period: Schema.String,
  value: Schema.Number,
  base: Schema.Int,
}) {}

/** A median over the stays of a region's member municipalities in one period. */
export class RegionMedian extends Schema.Class<RegionMedian>("RegionMedian")({
  period: Schema.String,
  value: Schema.Number,
  base: Schema.Int,
}) {}

/**
 * The median of a histogram `h(…, days, stays)` grouped by `groups`: the middle length, or the mean of the two middle
 * ones (percentile_cont(0.5)), read from the running count of stays.
 */
const medianOf = (histogram: string, groups: string) => `
WITH h AS (
  SELECT ${groups}, days, sum(stays)::bigint AS stays FROM (${histogram}) AS raw GROUP BY ${groups}, days
), c AS (
  SELECT ${groups}, days, sum(stays) OVER (PARTITION BY ${groups} ORDER BY days)::bigint AS cum,
    sum(stays) OVER (PARTITION BY ${groups})::bigint AS n
  FROM h
)
SELECT ${groups}, ((min(days) FILTER (WHERE cum >= (n + 1) / 2)) + (min(days) FILTER (WHERE cum >= n / 2 + 1)))::float8 / 2
  AS value, max(n)::int AS base
FROM c GROUP BY ${groups} ORDER BY ${groups}`

const mediansSql = medianOf("SELECT area, period, days, stays FROM flow_lengths", "period, area")

const regionMediansSql = medianOf(
  `SELECT g.period, l.days, l.stays
   FROM jsonb_array_elements($1::jsonb) AS j
   CROSS JOIN LATERAL (SELECT j->>'period' AS period) AS g
   CROSS JOIN LATERAL jsonb_array_elements_text(j->'areas') AS a(area)
   JOIN flow_lengths l ON l.period = g.period AND l.area = a.area`,
  "period",
)

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const recompute = Effect.fn("FlowRepository.recompute")(function* () {
    yield* sql
      .withTransaction(
        Effect.gen(function* () {
          // Publishing takes this lock too, so a delivery published meanwhile waits and then updates the rebuilt tables.
          yield* sql`SELECT pg_advisory_xact_lock(${publishLock})`
          for (const statement of recomputeStatements) yield* sql.unsafe(statement)
        }),
      )
      .pipe(orStoreError("recomputing the flow measures"))
    yield* DataVersion.changed
  })

  const medians = Effect.fn("FlowRepository.medians")(function* (indicator: Ids.IndicatorId) {
    if (indicator !== Flow.ids.stayLength) return []
    return yield* sql
      .unsafe(mediansSql)
      .pipe(Effect.flatMap(decode(MedianCell, "reading medians")), orStoreError("reading medians"))
  })

  const regionMedians = Effect.fn("FlowRepository.regionMedians")(function* (
    indicator: Ids.IndicatorId,
    groups: ReadonlyArray<{ readonly period: Period.Period; readonly areas: ReadonlyArray<string> }>,
  ) {
    if (indicator !== Flow.ids.stayLength || groups.length === 0) return []
    return yield* sql
      .unsafe(regionMediansSql, [jsonb(groups.map((g) => ({ period: g.period, areas: [...g.areas] })))])
      .pipe(Effect.flatMap(decode(RegionMedian, "reading region medians")), orStoreError("reading region medians"))
  })

  return FlowRepository.of({ recompute, medians, regionMedians })
})

/** The advisory lock that makes publishing deliveries and recomputing the flows take turns. */
export const publishLock = 7362953

/** The flow measures: a full recomputation, and the medians of stay lengths (the counts read as observations). */
export class FlowRepository extends Context.Service<
  FlowRepository,
  {
    /** Rebuilds every flow measure from the counting person events (publishing keeps them current by itself). */
    readonly recompute: () => Effect.Effect<void, StoreError>
    /**
     * The municipal medians of a median measure (`bo-verblijfsduur-mediaan`) per period, with the number of stays
     * each rests on; none for another indicator.
     */
    readonly medians: (indicator: Ids.IndicatorId) => Effect.Effect<ReadonlyArray<MedianCell>, StoreError>
    /** Per period, the median over the stays of the given member municipalities together. */
    readonly regionMedians: (
      indicator: Ids.IndicatorId,
      groups: ReadonlyArray<{ readonly period: Period.Period; readonly areas: ReadonlyArray<string> }>,
    ) => Effect.Effect<ReadonlyArray<RegionMedian>, StoreError>
  }
>()("@baken/store/FlowRepository") {
  /** The repository over the `SqlClient` in context. */
  static readonly layer = Layer.effect(FlowRepository, make)
}
