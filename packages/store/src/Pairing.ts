/**
 * What publishing a delivery does to its person events, inside the publishing transaction so that the delivery counts
 * whole or not at all: corrections supersede, starts and stops pair up by allocation, and the flow measures move.
 *
 * - A correction (iWmo StatusAanlevering 2 `replaces`, 3 `deletes`) supersedes the event that came last before it of
 *   the same person, municipality, allocation and kind, unless that was itself a deletion (then there is nothing left
 *   to supersede); this is `Flow.effective`. A correction without an earlier event stands as a new event; a deletion
 *   then changes nothing.
 * - A start (305) or stop (307) with an allocation is checked against what counts and arrived before it: a second
 *   start (`dubbele-start`), a stop without a start (`stop-zonder-start`), a second stop (`dubbele-stop`) and a stop
 *   dated before its start (`stop-voor-start`) are rejected. The row is removed and the rejection, located by the
 *   event's origin, joins the delivery's rejections.
 *
 * The checks of one allocation depend on each other in order of arrival (a rejected correction supersedes nothing), so
 * the delivery's starts and stops are taken in rounds: round r holds each allocation's r-th start or stop of the
 * delivery, and every round is one set-based statement over all allocations. Deliveries are published one at a time
 * (`publishLock`), so a check never misses a delivery published meanwhile.
 */
import { CalendarDate, Delivery } from "@baken/domain"
import { Effect } from "effect"
import type { SqlClient } from "effect/sql/SqlClient"
import * as FlowRepository from "./FlowRepository.js"
import { publishedOf } from "./ObservationRepository.js"
import { counting } from "./PersonEventRepository.js"

/** The pairing rules, as rule ids of a `Delivery.Rejection`. */
export const rules = {
  secondStart: "dubbele-start",
  stopWithoutStart: "stop-zonder-start",
  secondStop: "dubbele-stop",
  stopBeforeStart: "stop-voor-start",
  tooMany: "te-veel-voor-toewijzing",
} as const

/**
 * The most starts and stops (corrections included) of one allocation one delivery may bring: each takes a round of
 * its own, so thousands for one allocation held the publishing transaction for minutes (found by an outside tester).
 * A real delivery has a start, a stop and a correction or two.
 */
export const perAllocationLimit = 20

/** Rejections kept in detail per delivery; beyond these only the counts per rule are kept. */
export const detailLimit = 1_000

/**
 * The same allocation, delivered by the same partner as delivery `$1`: a partner's corrections and pairing never reach
 * another partner's events, so it can neither change nor learn about them (the allocation key names the provider the
 * message claims to be; found by an outside tester).
 */
const sameAllocation = (c: string) =>
  `p.person = ${c}.person AND p.municipality = ${c}.municipality AND p.allocation = ${c}.allocation
    AND EXISTS (SELECT 1 FROM deliveries dp WHERE dp.id = p.delivery
      AND dp.partner = (SELECT own.partner FROM deliveries own WHERE own.id = $1))`

const createRounds = `CREATE TEMP TABLE baken_pairing (
  seq bigint, person text, municipality text, allocation text, kind text, event_date date, correction text,
  origin_file text, origin_message text, origin_line integer, round integer
) ON COMMIT DROP`

const fillRounds = `INSERT INTO baken_pairing
SELECT seq, person, municipality, allocation, kind, event_date, correction, origin_file, origin_message, origin_line,
  row_number() OVER (PARTITION BY person, municipality, allocation ORDER BY seq)
FROM person_events
WHERE delivery = $1 AND allocation IS NOT NULL AND kind IN ('support-started', 'support-stopped')`

/** Takes the events beyond `perAllocationLimit` of an allocation out of the delivery, as rejections. */
const tooMany = `WITH extra AS (
  DELETE FROM baken_pairing WHERE round > ${perAllocationLimit} RETURNING *
), removed AS (
  DELETE FROM person_events p USING extra x WHERE p.person = x.person AND p.seq = x.seq RETURNING p.seq
)
SELECT '${rules.tooMany}' AS rule, municipality, allocation, event_date::text AS date, NULL::text AS "startDay",
  NULL::text AS "stopDay", origin_file AS file, origin_message AS message, origin_line AS line
FROM extra ORDER BY seq`

/** The event a correction `c` supersedes: the last one before it of its allocation and kind, unless a deletion. */
const supersededBy = (c: string) => `(
  SELECT p.seq FROM (
    SELECT p.seq, p.correction FROM person_events p
    WHERE ${sameAllocation(c)} AND p.kind = ${c}.kind AND p.seq < ${c}.seq AND ${publishedOf("p.delivery")}
    ORDER BY p.seq DESC LIMIT 1
  ) AS p
  WHERE ${c}.correction IS NOT NULL AND p.correction IS DISTINCT FROM 'deletes'
)`

const round = `WITH s AS (
  SELECT c.*, ${supersededBy("c")} AS supersedes FROM baken_pairing c WHERE c.round = $2
), c AS (
  SELECT s.*, st.seq AS start_seq, st.event_date AS start_day, sp.event_date AS stop_day
  FROM s AS s
  LEFT JOIN LATERAL (
    SELECT p.seq, p.event_date FROM person_events p
    WHERE ${sameAllocation("s")} AND p.kind = 'support-started' AND p.seq < s.seq
      AND p.seq IS DISTINCT FROM s.supersedes AND ${counting("p")}
    ORDER BY p.seq LIMIT 1
  ) AS st ON true
  LEFT JOIN LATERAL (
    SELECT p.event_date FROM person_events p
    WHERE ${sameAllocation("s")} AND p.kind = 'support-stopped' AND p.seq < s.seq
      AND p.seq > st.seq AND p.event_date >= st.event_date
      AND p.seq IS DISTINCT FROM s.supersedes AND ${counting("p")}
    ORDER BY p.seq LIMIT 1
  ) AS sp ON s.kind = 'support-stopped'
), decided AS (
  SELECT c.*, CASE
    WHEN c.correction = 'deletes' THEN NULL
    WHEN c.kind = 'support-started' THEN CASE WHEN c.start_seq IS NOT NULL THEN '${rules.secondStart}' END
    WHEN c.start_seq IS NULL THEN '${rules.stopWithoutStart}'
    WHEN c.event_date < c.start_day THEN '${rules.stopBeforeStart}'
    WHEN c.stop_day IS NOT NULL THEN '${rules.secondStop}'
  END AS rule
  FROM c
), removed AS (
  DELETE FROM person_events p USING decided d
  WHERE d.rule IS NOT NULL AND p.person = d.person AND p.seq = d.seq
  RETURNING p.seq
), superseded AS (
  UPDATE person_events p SET superseded_by = d.seq FROM decided d
  WHERE d.rule IS NULL AND d.supersedes IS NOT NULL AND p.person = d.person AND p.seq = d.supersedes
  RETURNING p.seq
)
SELECT rule, municipality, allocation, event_date::text AS date, start_day::text AS "startDay",
  stop_day::text AS "stopDay", origin_file AS file, origin_message AS message, origin_line AS line
FROM decided WHERE rule IS NOT NULL ORDER BY seq`

/** Corrections of the other kinds with an allocation: never rejected, so one statement supersedes for all of them. */
const otherCorrections = `UPDATE person_events t SET superseded_by = x.seq
FROM (
  SELECT c.seq, c.person, ${supersededBy("c")} AS supersedes FROM person_events c
  WHERE c.delivery = $1 AND c.correction IS NOT NULL AND c.allocation IS NOT NULL
    AND c.kind NOT IN ('support-started', 'support-stopped')
) AS x
WHERE t.person = x.person AND t.seq = x.supersedes`

interface Found {
  readonly rule: string
  readonly municipality: string
  readonly allocation: string
  readonly date: string
  readonly startDay: string | null
  readonly stopDay: string | null
  readonly file: string | null
  readonly message: string | null
  readonly line: number | null
}

const nl = (date: string) => CalendarDate.formatNl(date as CalendarDate.CalendarDate)

/** The Dutch and English message of a pairing rejection: what is wrong, and what the data steward can do. */
const messageOf = (f: Found): Delivery.Message => {
  const a = `toewijzing ${f.allocation} (gemeente ${f.municipality})`
  const en = `allocation ${f.allocation} (municipality ${f.municipality})`
  switch (f.rule) {
    case rules.secondStart:
      return Delivery.Message.make({
        nl: `Tweede start (305) van ${a} op ${nl(f.date)}: deze toewijzing is al gestart op ${nl(f.startDay ?? f.date)}. De tweede start telt niet mee. Moet de begindatum anders, stuur dan een correctie (StatusAanlevering 2) van de eerste start.`,
        en: `Second start (305) of ${en} on ${f.date}: it already started on ${f.startDay ?? f.date}. The second start is not counted. To change the start date, send a correction (StatusAanlevering 2) of the first start.`,
      })
    case rules.stopWithoutStart:
      return Delivery.Message.make({
        nl: `Stop (307) van ${a} op ${nl(f.date)} zonder start: er is geen start (305) van deze toewijzing ontvangen. De stop telt niet mee. Lever eerst de start aan en daarna de stop opnieuw.`,
        en: `Stop (307) of ${en} on ${f.date} without a start: no start (305) of this allocation was received. The stop is not counted. Deliver the start first, then the stop again.`,
      })
    case rules.secondStop:
      return Delivery.Message.make({
        nl: `Tweede stop (307) van ${a} op ${nl(f.date)}: deze toewijzing is al gestopt op ${nl(f.stopDay ?? f.date)}. De tweede stop telt niet mee. Moet de einddatum anders, stuur dan een correctie (StatusAanlevering 2) van de eerste stop.`,
        en: `Second stop (307) of ${en} on ${f.date}: it already stopped on ${f.stopDay ?? f.date}. The second stop is not counted. To change the end date, send a correction (StatusAanlevering 2) of the first stop.`,
      })
    case rules.tooMany:
      return Delivery.Message.make({
        nl: `Te veel starts en stops van ${a} in één levering: meer dan ${perAllocationLimit}. Deze (op ${nl(f.date)}) telt niet mee. Lever per toewijzing de start, de stop en hun correcties; stuur een correctie één keer.`,
        en: `Too many starts and stops of ${en} in one delivery: more than ${perAllocationLimit}. This one (on ${f.date}) is not counted.`,
      })
    default:
      return Delivery.Message.make({
        nl: `Stop (307) van ${a} op ${nl(f.date)} ligt vóór de start op ${nl(f.startDay ?? f.date)}. De stop telt niet mee. Controleer de einddatum, of corrigeer de begindatum (StatusAanlevering 2).`,
        en: `Stop (307) of ${en} on ${f.date} is dated before its start on ${f.startDay ?? f.date}. The stop is not counted. Check the end date, or correct the start date (StatusAanlevering 2).`,
      })
  }
}

/** What publishing refused of a delivery's person events. */
export interface Outcome {
  /** The rejections, the first `detailLimit` in detail. */
  readonly rejections: ReadonlyArray<Delivery.Rejection>
  /** Rejected events per rule. */
  readonly rejected: Record<string, number>
  /** How many events were rejected in all. */
  readonly removed: number
}

/**
 * Applies corrections, checks pairing and brings the flow measures up to date for delivery `delivery`, which must
 * already be marked published, inside the publishing transaction. `sourceName` locates an event without an origin.
 */
export const publish = (sql: SqlClient, delivery: number, sourceName: string) =>
  Effect.gen(function* () {
    yield* sql`SELECT pg_advisory_xact_lock(${FlowRepository.publishLock})`
    // The embedded store has no autovacuum, so its tables have no statistics unless asked: without them the planner
    // takes a table of thousands of events for one row and pairs stays in nested loops that run for minutes (the
    // demo's 5,000 events did not load). ANALYZE samples a bounded number of rows and sees this transaction's own.
    const [engine] = yield* sql<{ readonly v: string }>`SELECT version() AS v`
    if ((engine?.v ?? "").includes("PGlite")) {
      for (const table of ["deliveries", "person_events", "flow_stays", "flow_hits"])
        yield* sql.unsafe(`ANALYZE ${table}`)
    }
    const found: Array<Found> = []
    const [rows] = yield* sql<{ readonly n: number }>`SELECT count(*)::int AS n FROM person_events
      WHERE delivery = ${delivery} AND allocation IS NOT NULL AND kind IN ('support-started', 'support-stopped')`
    if ((rows?.n ?? 0) > 0) {
      yield* sql.unsafe(createRounds)
      yield* sql.unsafe(fillRounds, [delivery])
      found.push(...(yield* sql.unsafe<Found>(tooMany)))
      const [last] = yield* sql<{ readonly r: number }>`SELECT coalesce(max(round), 0)::int AS r FROM baken_pairing`
      for (let r = 1; r <= (last?.r ?? 0); r++) found.push(...(yield* sql.unsafe<Found>(round, [delivery, r])))
      yield* sql.unsafe("DROP TABLE baken_pairing")
    }
    yield* sql.unsafe(otherCorrections, [delivery])
    yield* FlowRepository.update(sql, delivery)
    const rejected: Record<string, number> = {}
    for (const f of found) rejected[f.rule] = (rejected[f.rule] ?? 0) + 1
    const rejections = found.slice(0, detailLimit).map((f) =>
      Delivery.Rejection.make({
        location: Delivery.Location.make({
          file: f.file ?? sourceName,
          ...(f.message === null ? {} : { message: f.message }),
          ...(f.line === null ? {} : { line: f.line }),
        }),
        field: "ToewijzingNummer",
        rule: f.rule,
        message: messageOf(f),
      }),
    )
    return { rejections, rejected, removed: found.length } satisfies Outcome
  })
