// Bad settings and a broken environment each give one clear line naming the cause and the setting to change, with
// no SQL and no stack trace, and never a half-migrated database.
import { Effect, Exit, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { afterAll, describe, expect, it } from "vitest"
import { Database, DeliveryRepository, Migrations, Store, type StoreError } from "../src/index.js"
import { dropSchema, freshDataDir, freshSchema, postgresSkipReason, postgresUrl } from "./Backends.js"
import { intake, observation } from "./Fixtures.js"

/** Opens the store and returns the error it fails with. */
const openError = async (config: Database.Config): Promise<StoreError.StoreError> => {
  const exit = await Effect.runPromiseExit(
    Effect.scoped(Effect.asVoid(Effect.provide(Effect.void, Store.layer(config)))),
  )
  if (Exit.isSuccess(exit)) throw new Error("the store opened, but it should have failed")
  const error = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (error === undefined || error._tag !== "Fail") throw new Error(`no typed failure: ${String(exit.cause)}`)
  return error.error as StoreError.StoreError
}

const expectOneClearLine = (error: StoreError.StoreError, setting: string) => {
  expect(error._tag).toBe("StoreError")
  expect(error.message).not.toContain("\n")
  expect(error.message).toContain(setting)
  expect(error.message).not.toMatch(/\b(SELECT|INSERT|CREATE TABLE|UPDATE)\b/)
  expect(error.message).not.toMatch(/\bat \S+ \(?\S+:\d+:\d+\)?/)
}

describe("bad input", () => {
  it("a DATABASE_URL that is not a PostgreSQL URL names DATABASE_URL", async () => {
    for (const url of ["mysql://root@localhost/baken", "not a url at all", "postgres://"]) {
      const error = await openError({ _tag: "Server", url })
      expect(error.reason._tag).toBe("InvalidDatabaseUrl")
      expectOneClearLine(error, "DATABASE_URL")
    }
  })

  it("an unreachable server names its address and DATABASE_URL", async () => {
    const error = await openError({ _tag: "Server", url: "postgres://postgres@127.0.0.1:1/test" })
    expect(error.reason._tag).toBe("ServerUnreachable")
    expect(error.message).toContain("127.0.0.1:1/test")
    expectOneClearLine(error, "DATABASE_URL")
  })

  it("a data folder written by a newer schema version is refused with one line naming BAKEN_DATA_DIR", async () => {
    const dataDir = freshDataDir()
    const runtime = ManagedRuntime.make(Store.layer({ _tag: "Embedded", dataDir }))
    await runtime.runPromise(
      Effect.flatMap(
        SqlClient,
        (sql) => sql`INSERT INTO baken_schema (version, name) VALUES (${Migrations.latest + 5}, 'from the future')`,
      ),
    )
    await runtime.dispose()
    const error = await openError({ _tag: "Embedded", dataDir })
    expect(error.reason).toMatchObject({ _tag: "SchemaTooNew", found: Migrations.latest + 5 })
    expectOneClearLine(error, "BAKEN_DATA_DIR")
  })

  it("a data folder on a read-only file system names BAKEN_DATA_DIR", async () => {
    // /sys is mounted read-only here, so the write check meets a real refusal from the kernel.
    const error = await openError({ _tag: "Embedded", dataDir: "/sys/baken-data" })
    expect(error.reason._tag).toBe("DataFolderNotWritable")
    expectOneClearLine(error, "BAKEN_DATA_DIR")
  })

  describe.skipIf(postgresSkipReason !== undefined)("on PostgreSQL", () => {
    const schema = freshSchema("bad")
    afterAll(() => dropSchema(schema))

    it("a full disk during a delivery (SQLSTATE 53100, injected by a trigger) names the setting and stores nothing", async () => {
      const config: Database.Config = { _tag: "Server", url: postgresUrl, schema }
      const runtime = ManagedRuntime.make(Store.layer(config, { onOpen: "migrate" }))
      try {
        const stored = await runtime.runPromise(
          Effect.gen(function* () {
            const sql = yield* SqlClient
            yield* sql.unsafe(`CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`)
            yield* sql.unsafe(
              "CREATE TRIGGER disk_full AFTER INSERT ON observations FOR EACH STATEMENT EXECUTE FUNCTION disk_full()",
            )
            const repo = yield* DeliveryRepository.DeliveryRepository
            const input = intake([observation("disk-full", "GM0402", "2024-Q1", 3)])
            const error = yield* Effect.flip(repo.store(input))
            yield* sql`DROP TRIGGER disk_full ON observations`
            const [n] = yield* sql<{
              readonly n: number
            }>`SELECT count(*)::int AS n FROM observations WHERE indicator = 'disk-full'`
            return { error, found: yield* repo.bySourceHash(input.header.partner, input.header.sourceHash), rows: n?.n }
          }),
        )
        expect(stored.error.reason._tag).toBe("DiskFull")
        expectOneClearLine(stored.error, "DATABASE_URL or BAKEN_DATA_DIR")
        expect(stored.found._tag).toBe("None")
        expect(stored.rows).toBe(0)
      } finally {
        await runtime.dispose()
      }
    })

    it("a server whose schema is older than the code asks for `baken migrate`, and migrate then brings it up to date", async () => {
      const fresh = freshSchema("old")
      try {
        const config: Database.Config = { _tag: "Server", url: postgresUrl, schema: fresh }
        const error = await openError(config)
        expect(error.reason._tag).toBe("SchemaOutdated")
        expectOneClearLine(error, "baken migrate")
        const migrated = ManagedRuntime.make(Database.layer(config, { onOpen: "migrate" }))
        const version = await migrated.runPromise(Migrations.currentVersion)
        await migrated.dispose()
        expect(version).toBe(Migrations.latest)
      } finally {
        await dropSchema(fresh)
      }
    })
  })
})
