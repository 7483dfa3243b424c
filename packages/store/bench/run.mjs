// The store's benchmarks, printed as one table: intake of 1M observations through the store side by side with a
// bare batched INSERT of the same rows through the same driver, on embedded PGlite and on PostgreSQL; the region
// dashboard query over many stored observations (median and p99); and the peak RSS of the embedded store during
// the intake. Sizes: BAKEN_BENCH_ROWS (intake, default 1,000,000), BAKEN_BENCH_DASHBOARD_PG (default 10,000,000),
// BAKEN_BENCH_DASHBOARD_PGLITE (default 2,000,000: 10M on PGlite takes too long on a 2-core machine),
// BAKEN_BENCH_QUERIES (default 200). Needs a built package (`pnpm build`) and, for the server half, PostgreSQL at
// BAKEN_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
import { createHash } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Delivery } from "@baken/domain"
import { Effect, ManagedRuntime, Stream } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { DeliveryRepository, ObservationRepository, Store } from "../dist/index.js"

const rows = Number(process.env.BAKEN_BENCH_ROWS ?? 1_000_000)
const dashboardPg = Number(process.env.BAKEN_BENCH_DASHBOARD_PG ?? 10_000_000)
const dashboardPglite = Number(process.env.BAKEN_BENCH_DASHBOARD_PGLITE ?? 2_000_000)
const queries = Number(process.env.BAKEN_BENCH_QUERIES ?? 200)
const pgUrl = process.env.BAKEN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"

const INDICATORS = 50
const AREAS = 400
const MONTHS = 300
const row = (i) => {
  const m = Math.floor(i / (INDICATORS * AREAS)) % MONTHS
  return [
    `ind-${i % INDICATORS}`,
    `GM${1000 + (Math.floor(i / INDICATORS) % AREAS)}`,
    `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`,
    i % 11 === 0 ? null : i % 97,
  ]
}
// Records arrive from an adapter already decoded; building them is not part of the intake being measured, so they
// are plain objects of the Observation shape, produced lazily so that they do not inflate the RSS figure.
function* observations(from, to) {
  for (let i = from; i < to; i++) {
    const [indicator, area, period, value] = row(i)
    yield { indicator, area, period, value, source: "bench" }
  }
}
const hash = (s) => createHash("sha256").update(s).digest("hex")
const intake = (from, to, label) => ({
  header: Delivery.DeliveryHeader.make({
    partner: "bench",
    adapter: "bench",
    sourceHash: hash(`${label}-${from}-${to}-${Math.random()}`),
    sourceName: "bench.csv",
    receivedOn: "2024-05-01",
  }),
  records: Stream.fromIterable(observations(from, to)),
  rejections: [],
  actor: "bench",
  purpose: "benchmark",
})

// The bare baseline: the same rows, multi-row INSERT … VALUES in batches of 2,000 rows (10,000 parameters), through
// the same client, in one transaction, into a table LIKE observations INCLUDING ALL (same columns and the same
// covering index the dashboard needs) — and, for reference, into a table with the columns only (no index).
const bare = (sql, withIndex) =>
  Effect.gen(function* () {
    yield* sql.unsafe(
      withIndex
        ? "CREATE TABLE bare_observations (LIKE observations INCLUDING ALL)"
        : "CREATE TABLE bare_observations (delivery integer, indicator text, area text, period text, value double precision, source text)",
    )
    const batch = 2_000
    yield* sql.withTransaction(
      Effect.gen(function* () {
        for (let i = 0; i < rows; i += batch) {
          const params = []
          const tuples = []
          for (let j = i; j < Math.min(rows, i + batch); j++) {
            const n = params.length
            tuples.push(`(1,$${n + 1},$${n + 2},$${n + 3},$${n + 4},'bench')`)
            params.push(...row(j))
          }
          yield* sql.unsafe(`INSERT INTO bare_observations VALUES ${tuples.join(",")}`, params)
        }
      }),
    )
    yield* sql.unsafe("DROP TABLE bare_observations")
  })

const time = async (run) => {
  const t0 = performance.now()
  await run()
  return performance.now() - t0
}
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

const measure = async (name, config, dashboardRows) => {
  const runtime = ManagedRuntime.make(Store.layer(config, { onOpen: "migrate" }))
  const run = (e) => runtime.runPromise(e)
  await run(Effect.void)
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  const bareMs = await time(() => run(Effect.flatMap(SqlClient, (sql) => bare(sql, true))))
  const bareNoIndexMs = await time(() => run(Effect.flatMap(SqlClient, (sql) => bare(sql, false))))
  const storeMs = await time(() =>
    run(Effect.flatMap(DeliveryRepository.DeliveryRepository, (r) => r.store(intake(0, rows, name)))),
  )
  clearInterval(sampler)
  // Fill up to the dashboard size in deliveries of 1M rows, then ANALYZE and query.
  const fillMs = await time(async () => {
    for (let from = rows; from < dashboardRows; from += 1_000_000) {
      const to = Math.min(dashboardRows, from + 1_000_000)
      await run(Effect.flatMap(DeliveryRepository.DeliveryRepository, (r) => r.store(intake(from, to, name))))
    }
    await run(Effect.flatMap(ObservationRepository.ObservationRepository, (r) => r.analyze()))
  })
  const stored = await run(
    Effect.flatMap(SqlClient, (sql) => sql`SELECT count(*)::int AS n FROM observations`).pipe(
      Effect.map((r) => r[0].n),
    ),
  )
  const latencies = []
  for (let q = 0; q < queries; q++) {
    const year = 2000 + (q % 25)
    const query = {
      indicators: [`ind-${q % INDICATORS}`, `ind-${(q * 7 + 3) % INDICATORS}`],
      periods: Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, "0")}`),
      areas: Array.from({ length: 7 }, (_, a) => `GM${1000 + ((q * 13 + a * 29) % AREAS)}`),
    }
    latencies.push(
      await time(() => run(Effect.flatMap(ObservationRepository.ObservationRepository, (r) => r.dashboard(query)))),
    )
  }
  await runtime.dispose()
  return { name, bareMs, bareNoIndexMs, storeMs, peakRss: peak, stored, fillMs, latencies }
}

const results = []
const dataDir = join(mkdtempSync(join(tmpdir(), "baken-bench-")), "data")
results.push(await measure("PGlite (data folder)", { _tag: "Embedded", dataDir }, dashboardPglite))
rmSync(dataDir, { recursive: true, force: true })
const schema = `baken_bench_${process.pid}`
try {
  results.push(await measure("PostgreSQL", { _tag: "Server", url: pgUrl, schema, maxConnections: 2 }, dashboardPg))
} catch (e) {
  console.log(`PostgreSQL half skipped: ${e.message}`)
} finally {
  const rt = ManagedRuntime.make(Store.layer({ _tag: "Server", url: pgUrl }, { onOpen: "migrate" }).pipe())
  await rt
    .runPromise(Effect.flatMap(SqlClient, (sql) => sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)))
    .catch(() => {})
  await rt.dispose().catch(() => {})
}

const f = (ms) => `${(ms / 1000).toFixed(2)} s`
console.log(
  `\n@baken/store benchmarks — intake ${rows.toLocaleString("en")} observations; ${queries} dashboard queries`,
)
console.table(
  results.map((r) => ({
    backend: r.name,
    "bare INSERT": f(r.bareMs),
    "store intake": f(r.storeMs),
    "store / bare": `${((r.bareMs / r.storeMs) * 100).toFixed(0)}% (goal >= 80%)`,
    "bare, no index": f(r.bareNoIndexMs),
    "store / bare no index": `${((r.bareNoIndexMs / r.storeMs) * 100).toFixed(0)}%`,
    "rows/s (store)": Math.round(rows / (r.storeMs / 1000)).toLocaleString("en"),
    "dashboard over": `${r.stored.toLocaleString("en")} obs`,
    "dashboard median": `${quantile(r.latencies, 0.5).toFixed(2)} ms`,
    "dashboard p99": `${quantile(r.latencies, 0.99).toFixed(2)} ms`,
    "peak RSS during intake": r.name.startsWith("PGlite") ? `${Math.round(r.peakRss / 2 ** 20)} MiB` : "n/a (server)",
  })),
)
console.log(
  "bare INSERT = multi-row VALUES, 2,000 rows a statement, into a table LIKE observations INCLUDING ALL; store intake = one delivery through DeliveryRepository.store (unnest batches of 20,000, one transaction). Rates are throughput: bare time / store time.",
)
console.log(
  `PGlite's dashboard runs over ${dashboardPglite.toLocaleString("en")} observations, PostgreSQL's over ${dashboardPg.toLocaleString("en")}: filling PGlite with 10M takes too long on this 2-core machine.`,
)
