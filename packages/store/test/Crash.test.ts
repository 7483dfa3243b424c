// A process killed in the middle of a delivery leaves no trace of it: a child process stores a large delivery,
// is SIGKILLed while its transaction is open, and the store opened afterwards holds nothing of it.
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Effect, ManagedRuntime, Stream } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { afterAll, describe, expect, it } from "vitest"
import { type Database, DeliveryRepository, Store } from "../src/index.js"
import { dropSchema, freshDataDir, freshSchema, postgresSkipReason, postgresUrl } from "./Backends.js"
import { freshHash } from "./Fixtures.js"

const child = fileURLToPath(new URL("./fixtures/crash-delivery.mjs", import.meta.url))

/** Runs the child until it reports being mid-delivery, then kills it with SIGKILL. */
const killMidDelivery = (config: Database.Config, sourceHash: string) =>
  new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    const proc = spawn(process.execPath, [child, JSON.stringify(config), sourceHash], {
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stderr = ""
    let killed = false
    proc.stderr.on("data", (d) => {
      stderr += d
    })
    proc.stdout.on("data", (d: Buffer) => {
      if (!killed && d.toString().includes("mid-delivery")) {
        killed = true
        proc.kill("SIGKILL")
      }
    })
    proc.on("error", reject)
    proc.on("exit", (_code, signal) => resolve({ signal, stderr }))
  })

const traces = (sourceHash: string) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient
    const count = (q: string, params: ReadonlyArray<unknown> = []) =>
      Effect.map(sql.unsafe<{ readonly n: number }>(q, params), (rows) => rows[0]?.n ?? -1)
    return {
      deliveries: yield* count("SELECT count(*)::int AS n FROM deliveries WHERE source_hash = $1", [sourceHash]),
      observations: yield* count("SELECT count(*)::int AS n FROM observations WHERE indicator = 'crash-test'"),
      log: yield* count("SELECT count(*)::int AS n FROM processing_log WHERE purpose = 'crash test'"),
    }
  })

const crashTest = (config: Database.Config) => async () => {
  const sourceHash = freshHash()
  const { signal, stderr } = await killMidDelivery(config, sourceHash)
  expect(stderr).toBe("")
  expect(signal).toBe("SIGKILL")
  const runtime = ManagedRuntime.make(Store.layer(config, { onOpen: "migrate" }))
  try {
    expect(await runtime.runPromise(traces(sourceHash))).toEqual({ deliveries: 0, observations: 0, log: 0 })
    // The store still works: the same delivery, stored again, is taken as new.
    const repo = await runtime.runPromise(DeliveryRepository.DeliveryRepository)
    const stored = await runtime.runPromise(
      repo.store({
        header: {
          partner: "test-partner",
          adapter: "test-adapter",
          sourceHash,
          sourceName: "groot.csv",
          receivedOn: "2024-05-01",
        } as never,
        records: Stream.empty,
        rejections: [],
        actor: "partner:test-partner",
        purpose: "after the crash",
      }),
    )
    expect(stored.duplicate).toBe(false)
  } finally {
    await runtime.dispose()
  }
}

describe("a delivery killed half-way", () => {
  it("leaves no trace in a PGlite data folder", crashTest({ _tag: "Embedded", dataDir: freshDataDir() }))

  describe.skipIf(postgresSkipReason !== undefined)("on PostgreSQL", () => {
    const schema = freshSchema("crash")
    afterAll(() => dropSchema(schema))
    it("leaves no trace in the database", crashTest({ _tag: "Server", url: postgresUrl, schema }))
  })
})
