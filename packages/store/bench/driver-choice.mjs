// Measures the two ways of reaching PGlite from effect's SqlClient on a smaller intake, and the insert strategies
// each offers, so the driver choice in the README rests on figures from this machine. Run: node bench/driver-choice.mjs
// Size: BAKEN_BENCH_DRIVER_ROWS (default 200000).
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PgClient } from "@effect/sql-pg"
import { PGlite } from "@electric-sql/pglite"
import { PGLiteSocketServer } from "@electric-sql/pglite-socket"
import { Effect, Layer, Redacted } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import * as PgliteClient from "./PgliteDriver.ts"

const rows = Number(process.env.BAKEN_BENCH_DRIVER_ROWS ?? 200_000)
const batch = 2_000
const gen = (i) => [
  `ind-${i % 40}`,
  `GM0${String(300 + (i % 200)).padStart(3, "0")}`,
  `20${10 + (((i / 40) % 15) | 0)}-Q${(i % 4) + 1}`,
  i % 97,
  "bench",
]
const all = Array.from({ length: rows }, (_, i) => gen(i))
const ddl = `DROP TABLE IF EXISTS t; CREATE TABLE t (indicator text NOT NULL, area text NOT NULL, period text NOT NULL, value float8, source text NOT NULL)`

const values = (sql) =>
  Effect.gen(function* () {
    for (let i = 0; i < all.length; i += batch) {
      const chunk = all.slice(i, i + batch)
      const ph = chunk
        .map((_, r) => `($${r * 5 + 1},$${r * 5 + 2},$${r * 5 + 3},$${r * 5 + 4},$${r * 5 + 5})`)
        .join(",")
      yield* sql.unsafe(`INSERT INTO t VALUES ${ph}`, chunk.flat())
    }
  })
const unnest = (sql) =>
  Effect.gen(function* () {
    for (let i = 0; i < all.length; i += batch * 10) {
      const chunk = all.slice(i, i + batch * 10)
      const cols = [0, 1, 2, 3, 4].map((c) => chunk.map((r) => r[c]))
      yield* sql.unsafe(
        "INSERT INTO t SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[])",
        cols,
      )
    }
  })
const pointQueries = (sql) =>
  Effect.gen(function* () {
    for (let i = 0; i < 2_000; i++) yield* sql.unsafe("SELECT $1::int + 1 AS x", [i])
  })

const time = async (label, effect, layer) => {
  const program = Effect.gen(function* () {
    const sql = yield* SqlClient
    yield* sql.unsafe("DROP TABLE IF EXISTS t")
    yield* sql.unsafe(
      "CREATE TABLE t (indicator text NOT NULL, area text NOT NULL, period text NOT NULL, value float8, source text NOT NULL)",
    )
    const t0 = performance.now()
    yield* effect(sql)
    const ms = performance.now() - t0
    const [{ n }] = yield* sql.unsafe("SELECT count(*)::int AS n FROM t")
    return { ms, n }
  })
  const { ms, n } = await Effect.runPromise(Effect.scoped(Effect.provide(program, layer)))
  return { label, ms: Math.round(ms), n }
}

const pgliteLayer = PgliteClient.layer(Effect.promise(() => PGlite.create()))
let server
const socketLayer = Layer.unwrap(
  Effect.promise(async () => {
    const db = await PGlite.create()
    const dir = mkdtempSync(join(tmpdir(), "baken-sock-"))
    server = new PGLiteSocketServer({ db, path: join(dir, ".s.PGSQL.5432") })
    await server.start()
    return PgClient.layer({
      path: join(dir, ".s.PGSQL.5432"),
      username: "postgres",
      database: "postgres",
      maxConnections: 1,
    })
  }),
)
const pgLayer = PgClient.layer({ url: Redacted.make("postgres://postgres@127.0.0.1:5432/test"), maxConnections: 1 })

const out = []
for (const [name, layer] of [
  ["pglite own driver", pgliteLayer],
  ["pglite socket + sql-pg", socketLayer],
  ["postgresql sql-pg", pgLayer],
]) {
  for (const [s, f] of [
    ["VALUES x2000", values],
    ["unnest arrays x20000", unnest],
    ["2000 point queries", pointQueries],
  ]) {
    const r = await time(`${name}: ${s}`, f, layer)
    out.push(r)
    if (server) {
      await server.stop()
      await server.db.close()
      server = undefined
    }
  }
}
// PGlite's COPY FROM a blob, only reachable through the own driver.
{
  const db = await PGlite.create()
  await db.exec(ddl)
  const t0 = performance.now()
  const csv = all.map((r) => r.join(",")).join("\n")
  await db.query("COPY t FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([csv]) })
  const ms = performance.now() - t0
  const n = (await db.query("SELECT count(*)::int AS n FROM t")).rows[0].n
  out.push({ label: "pglite own driver: COPY FROM blob", ms: Math.round(ms), n })
  await db.close()
}
console.log(`rows: ${rows}`)
console.table(out)
