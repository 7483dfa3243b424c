// The backends every repository test runs on: PGlite in memory, PGlite on a data folder, and the PostgreSQL server
// at 127.0.0.1:5432 in a schema of its own that is dropped afterwards. Without a reachable server the PostgreSQL
// half is skipped with one line saying why, except in CI (CI=true), where it must run and an unreachable server fails.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PgClient } from "@effect/sql-pg"
import { Effect, ManagedRuntime, Redacted } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import { afterAll, beforeAll } from "vitest"
import { type Database, Store } from "../src/index.js"
import { postgresUrl } from "./postgres-probe.js"

export { postgresUrl }

/**
 * Why the PostgreSQL half is skipped, or undefined when it runs. The global setup (test/postgres-probe.ts) probed
 * the server once for the whole run, printed the one line, and failed the run instead when CI=true.
 */
export const postgresSkipReason: string | undefined = process.env.BAKEN_POSTGRES_SKIP_REASON

/** A schema name no other test run uses. */
export const freshSchema = (label: string): string =>
  `baken_test_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`

/** Drops a test schema on the server. */
export const dropSchema = (schema: string): Promise<void> =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const sql = yield* PgClient.make({ url: Redacted.make(postgresUrl), maxConnections: 1 })
        yield* sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      }),
    ).pipe(Effect.provide(Reactivity.layer), Effect.orDie),
  )

/** A new empty data folder. */
export const freshDataDir = (): string => join(mkdtempSync(join(tmpdir(), "baken-store-test-")), "data")

/** A backend for the shared suite: its name, the config to open it, and cleanup. */
export interface Backend {
  readonly name: string
  readonly skip: string | undefined
  readonly config: () => Database.Config
  readonly cleanup: () => Promise<void>
}

/** The three backends of the shared repository suite. */
export const backends = (label: string): ReadonlyArray<Backend> => {
  const schema = freshSchema(label)
  return [
    { name: "PGlite in memory", skip: undefined, config: () => ({ _tag: "Embedded" }), cleanup: async () => {} },
    {
      name: "PGlite on a data folder",
      skip: undefined,
      config: (() => {
        const dir = freshDataDir()
        return () => ({ _tag: "Embedded", dataDir: dir })
      })(),
      cleanup: async () => {},
    },
    {
      name: "PostgreSQL",
      skip: postgresSkipReason,
      config: () => ({ _tag: "Server", url: postgresUrl, schema, maxConnections: 4 }),
      cleanup: () => (postgresSkipReason === undefined ? dropSchema(schema) : Promise.resolve()),
    },
  ]
}

/**
 * A store on `backend` for the tests of the `describe` it is called in: opened and migrated before them, closed (and
 * the backend cleaned up) after them. `run` runs an effect in it; `runtime` is the store's runtime, for tests that
 * provide more (a test clock).
 */
export const openStore = (backend: Backend) => {
  let runtime: ManagedRuntime.ManagedRuntime<Store.Services, unknown> | undefined
  beforeAll(async () => {
    runtime = ManagedRuntime.make(Store.layer(backend.config(), { onOpen: "migrate" }))
    await runtime.runPromise(Effect.void)
  })
  afterAll(async () => {
    await runtime?.dispose()
    await backend.cleanup()
  })
  const opened = (): ManagedRuntime.ManagedRuntime<Store.Services, unknown> => {
    if (runtime === undefined) throw new Error("the store is opened in beforeAll: use it inside a test")
    return runtime
  }
  return {
    run: <A, E>(effect: Effect.Effect<A, E, Store.Services>): Promise<A> => opened().runPromise(effect),
    runtime: opened,
  }
}
