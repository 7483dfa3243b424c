// The flow measures' benchmark (issue 14), on PostgreSQL, in a database of its own that is created and dropped:
// 1,000,000 persons and 10,000,000 person events generated in SQL (two B&O stays per person with allocations, most
// of them stopped with a reason; allocations granted; vroegsignalering; detention and aftercare for some), then
// (a) a full recomputation of all measures (`FlowRepository.recompute`), (b) publishing a 10,000-event delivery
// through `DeliveryRepository.store`, which corrects, pairs and updates the measures incrementally, and (c) a plain
// `SELECT count(DISTINCT person) FROM person_events`, with (a)/(c) and (b)/(c). Sizes: BAKEN_BENCH_FLOW_PERSONS
// (default 1,000,000; ten events each). Needs a built package (`pnpm build`) and PostgreSQL at
// BAKEN_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
import { createHash } from "node:crypto"
import { Delivery } from "@baken/domain"
import { PgClient } from "@effect/sql-pg"
import { Effect, ManagedRuntime, Redacted, Stream } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import { SqlClient } from "effect/sql/SqlClient"
import { DeliveryRepository, FlowRepository, Store } from "../dist/index.js"

const persons = Number(process.env.BAKEN_BENCH_FLOW_PERSONS ?? 1_000_000)
const pgUrl = process.env.BAKEN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"
const database = `baken_bench_flows_${process.pid}`
const benchUrl = (() => {
  const u = new URL(pgUrl)
  u.pathname = `/${database}`
  return u.toString()
})()

const time = async (run) => {
  const t0 = performance.now()
  const value = await run()
  return { ms: performance.now() - t0, value }
}
/** Runs one statement on the server's own database (creating and dropping the bench's). */
const onServer = (statement) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const sql = yield* PgClient.make({ url: Redacted.make(pgUrl), maxConnections: 1 })
        yield* sql.unsafe(statement)
      }),
    ).pipe(Effect.provide(Reactivity.layer)),
  )

// Ten events per person p, slot s: stay A (start 0, stop 1), stay B (start 2, stop 3 — one in ten still running),
// their allocations granted (4, 5), a debt signal (6), a contact attempt or accepted help (7), and detention start and
// end for one in five, otherwise a case closed and a signal (8, 9). Dates spread over 2019–2024; categories, reasons
// and 40 municipalities are mixed by the person's number.
const generate = `
INSERT INTO person_events (delivery, person, kind, event_date, municipality, category, reason, source, allocation)
SELECT 1, x.person,
  CASE s
    WHEN 0 THEN 'support-started' WHEN 1 THEN 'support-stopped' WHEN 2 THEN 'support-started'
    WHEN 3 THEN CASE WHEN p % 10 = 0 THEN 'case-closed' ELSE 'support-stopped' END
    WHEN 4 THEN 'allocation-granted' WHEN 5 THEN 'allocation-granted' WHEN 6 THEN 'debt-signal-received'
    WHEN 7 THEN CASE WHEN p % 2 = 0 THEN 'contact-attempted' ELSE 'help-accepted' END
    WHEN 8 THEN CASE WHEN p % 5 = 0 THEN 'detention-started' ELSE 'case-closed' END
    ELSE CASE WHEN p % 5 = 0 THEN 'detention-ended' ELSE 'debt-signal-received' END
  END,
  CASE s
    WHEN 0 THEN x.a_start WHEN 1 THEN x.a_stop WHEN 2 THEN x.b_start WHEN 3 THEN x.b_stop WHEN 4 THEN x.a_start - 10
    WHEN 5 THEN x.b_start - 10 WHEN 6 THEN x.a_stop + (p % 120)::int WHEN 7 THEN x.a_stop + (p % 45)::int
    WHEN 8 THEN x.a_start - 200 ELSE x.a_stop - (p % 40)::int
  END,
  'GM' || (1000 + CASE WHEN s IN (2, 3, 5) THEN (p / 7) % 40 ELSE p % 40 END)::text,
  CASE WHEN s IN (0, 1, 4) THEN (ARRAY['16', '17', '15', '18'])[1 + p % 4]
       WHEN s IN (2, 3, 5) THEN (ARRAY['15', '15', '18', '16'])[1 + (p / 3) % 4] END,
  CASE WHEN s = 1 THEN (ARRAY['19', '21', '22', '02', '19'])[1 + (p / 11) % 5]
       WHEN s = 3 AND p % 10 <> 0 THEN (ARRAY['19', '02', '21', '19'])[1 + (p / 13) % 4] END,
  'bench',
  CASE WHEN s IN (0, 1, 4) THEN 'T' || (2 * p) || 'A12345678'
       WHEN s IN (2, 3, 5) THEN 'T' || (2 * p + 1) || 'A12345678' END
FROM (
  SELECT p, encode(sha256(('bench-person-' || p)::bytea), 'hex') AS person,
    a_start, a_start + (p * 37 % 400)::int AS a_stop,
    a_start + (p * 37 % 400)::int + (p * 53 % 200)::int - 20 AS b_start,
    a_start + (p * 37 % 400)::int + (p * 53 % 200)::int - 20 + (p * 71 % 500)::int AS b_stop
  FROM (SELECT p, DATE '2019-01-01' + (p * 7919 % 1800)::int AS a_start FROM generate_series(1, $1::bigint) AS p) AS g
) AS x CROSS JOIN generate_series(0, 9) AS s
ORDER BY x.p, s`

const pseudonym = (p) => createHash("sha256").update(`bench-person-${p}`).digest("hex")
const day = (offset) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)

// The delivery: 1,000 persons with ten events each — half known persons (a new stay started and stopped, a
// correction of stay B's stop, contacts), half new persons (two stays, signals, detention and aftercare).
function* deliveryEvents() {
  const event = (person, kind, date, municipality, extra = {}) => ({
    person,
    kind,
    date,
    municipality,
    source: "bench",
    ...extra,
  })
  for (let k = 0; k < 1_000; k++) {
    const known = k % 2 === 0
    const p = known ? 1 + ((k * 997) % persons) : persons + 1 + k
    const person = pseudonym(p)
    const gm = `GM${1000 + (p % 40)}`
    const alloc = (n) => `T${10_000_000 + 2 * k + n}A87654321`
    yield event(person, "support-started", day(k % 200), gm, { category: "16", allocation: alloc(0) })
    yield event(person, "support-stopped", day((k % 200) + 20), gm, {
      category: "16",
      reason: "19",
      allocation: alloc(0),
    })
    yield event(person, "support-started", day((k % 200) + 40), gm, { category: "15", allocation: alloc(1) })
    if (known) {
      // The stop of stay B again as a correction (StatusAanlevering 2), with another reason.
      yield event(person, "support-stopped", day((k % 200) + 60), `GM${1000 + (Math.floor(p / 7) % 40)}`, {
        category: "15",
        reason: "21",
        allocation: `T${2 * p + 1}A12345678`,
        correction: "replaces",
      })
    } else {
      yield event(person, "support-stopped", day((k % 200) + 90), gm, {
        category: "15",
        reason: "21",
        allocation: alloc(1),
      })
    }
    yield event(person, "allocation-granted", day(k % 200), gm, { allocation: alloc(0) })
    yield event(person, "debt-signal-received", day((k % 200) + 5), gm, { category: "huur" })
    yield event(person, "contact-attempted", day((k % 200) + 7), gm)
    yield event(person, "detention-started", day((k % 200) + 100), gm)
    yield event(person, "detention-ended", day((k % 200) + 130), gm)
    yield event(person, "help-accepted", day((k % 200) + 140), gm)
  }
}

const main = async () => {
  await onServer(`CREATE DATABASE ${database}`)
  const runtime = ManagedRuntime.make(
    Store.layer({ _tag: "Server", url: benchUrl, maxConnections: 1 }, { onOpen: "migrate" }),
  )
  const run = (e) => runtime.runPromise(e)
  const sql = (statement, params = []) => run(Effect.flatMap(SqlClient, (s) => s.unsafe(statement, params)))
  try {
    await run(Effect.void)
    // Loading is not measured: like a restore, the indexes are built after the rows are in.
    const load = await time(async () => {
      await sql(`INSERT INTO deliveries (source_hash, partner, adapter, source_file, received_on, summary, stored_at)
        VALUES ('${"0".repeat(64)}', 'bench', 'bench', 'bench.csv', '2024-12-31', '{}', now())`)
      for (const index of ["person_events_by_person", "person_events_by_kind_date", "person_events_by_delivery"]) {
        await sql(`DROP INDEX ${index}`)
      }
      await sql(generate, [persons])
      await sql("SET maintenance_work_mem = '256MB'")
      await sql("CREATE INDEX person_events_by_kind_date ON person_events (kind, event_date)")
      await sql("CREATE INDEX person_events_by_delivery ON person_events (delivery)")
      await sql("CREATE INDEX person_events_by_person ON person_events (person, seq)")
      await sql("RESET maintenance_work_mem")
      await sql("VACUUM ANALYZE person_events")
    })
    const [{ n: events }] = await sql("SELECT count(*)::int AS n FROM person_events")
    const full = await time(() => run(Effect.flatMap(FlowRepository.FlowRepository, (r) => r.recompute())))
    await sql("VACUUM ANALYZE flow_stays")
    await sql("VACUUM ANALYZE flow_hits")
    const [{ n: hits }] = await sql("SELECT count(*)::int AS n FROM flow_hits")
    const [{ n: stays }] = await sql("SELECT count(*)::int AS n FROM flow_stays")
    const records = [...deliveryEvents()]
    const incremental = await time(() =>
      run(
        Effect.flatMap(DeliveryRepository.DeliveryRepository, (r) =>
          r.store({
            header: Delivery.DeliveryHeader.make({
              partner: "bench",
              adapter: "bench",
              sourceHash: createHash("sha256").update(`flows-${Math.random()}`).digest("hex"),
              sourceName: "bench-delivery.xml",
              receivedOn: "2024-12-31",
            }),
            records: Stream.fromIterable(records),
            rejections: [],
            actor: "bench",
            purpose: "benchmark",
          }),
        ),
      ),
    )
    const distinct = await time(() => sql("SELECT count(DISTINCT person)::int AS n FROM person_events"))
    const cells = await sql(
      `SELECT indicator, count(*)::int AS cells, sum(persons)::int AS persons FROM flow_counts
       WHERE length(period) = 4 GROUP BY indicator ORDER BY indicator`,
    )
    const f = (ms) => `${(ms / 1000).toFixed(2)} s`
    console.log(
      `\n@baken/store flow measures — ${events.toLocaleString("en")} person events of ${persons.toLocaleString("en")} persons on PostgreSQL (generated and indexed in ${f(load.ms)}, not measured)`,
    )
    console.table([
      { step: "(a) full recomputation of all measures", time: f(full.ms), "÷ (c)": (full.ms / distinct.ms).toFixed(1) },
      {
        step: `(b) publishing a ${records.length.toLocaleString("en")}-event delivery (incremental update)`,
        time: f(incremental.ms),
        "÷ (c)": (incremental.ms / distinct.ms).toFixed(2),
      },
      { step: "(c) SELECT count(DISTINCT person) FROM person_events", time: f(distinct.ms), "÷ (c)": "1" },
    ])
    console.log(
      `Recomputed: ${stays.toLocaleString("en")} stays, ${hits.toLocaleString("en")} person hits; the delivery: ${JSON.stringify(incremental.value.summary.accepted)} accepted, ${JSON.stringify(incremental.value.summary.rejected)} rejected. Persons per measure over all years:`,
    )
    console.table(cells.map((c) => ({ indicator: c.indicator, "year cells": c.cells, persons: c.persons })))
  } finally {
    await runtime.dispose().catch(() => {})
    await onServer(`DROP DATABASE IF EXISTS ${database}`).catch((e) => console.log(`could not drop ${database}: ${e}`))
  }
}

await main()
