// Backup and restore round trips: PGlite's data folder dumped to a file and loaded into a new folder, and a
// PostgreSQL schema dumped with pg_dump and restored with pg_restore.
import { execFileSync, spawnSync } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { Backup, type Database, DeliveryRepository, ObservationRepository, Store } from "../src/index.js"
import { dropSchema, freshDataDir, freshSchema, postgresSkipReason, postgresUrl } from "./Backends.js"
import { intake, observation } from "./Fixtures.js"

const input = intake([observation("backup", "GM0402", "2024-Q1", 42), observation("backup", "GM0406", "2024-Q1", null)])

const write = async (config: Database.Config) => {
  const runtime = ManagedRuntime.make(Store.layer(config, { onOpen: "migrate" }))
  await runtime.runPromise(Effect.flatMap(DeliveryRepository.DeliveryRepository, (r) => r.store(input)))
  await runtime.dispose()
}

const read = async (config: Database.Config) => {
  const runtime = ManagedRuntime.make(Store.layer(config))
  try {
    return await runtime.runPromise(
      Effect.gen(function* () {
        const delivery = yield* (yield* DeliveryRepository.DeliveryRepository).bySourceHash(
          input.header.partner,
          input.header.sourceHash,
        )
        const cells = yield* (yield* ObservationRepository.ObservationRepository).aggregate("backup" as never)
        return { delivery: delivery._tag, cells: cells.map((c) => [c.area, c.total, c.unknown]) }
      }),
    )
  } finally {
    await runtime.dispose()
  }
}

const expected = {
  delivery: "Some",
  cells: [
    ["GM0402", 42, 0],
    ["GM0406", 0, 1],
  ],
}

const pgDumpMissing = spawnSync("pg_dump", ["--version"]).error !== undefined ? "pg_dump is not installed" : undefined

describe("backup and restore", () => {
  it("a PGlite data folder dumped to a file loads into a new folder with the same data", async () => {
    const from = freshDataDir()
    await write({ _tag: "Embedded", dataDir: from })
    const file = join(mkdtempSync(join(tmpdir(), "baken-backup-")), "baken.tar.gz")
    await Effect.runPromise(Backup.dumpDataFolder(from, file))
    const to = freshDataDir()
    await Effect.runPromise(Backup.restoreDataFolder(file, to))
    expect(await read({ _tag: "Embedded", dataDir: to })).toEqual(expected)
  })

  it("restoring into a folder that holds data is refused", async () => {
    const dir = freshDataDir()
    await write({ _tag: "Embedded", dataDir: dir })
    const error = await Effect.runPromise(Effect.flip(Backup.restoreDataFolder("/nonexistent.tar.gz", dir)))
    expect(error.message).toContain("not empty")
  })

  describe.skipIf(postgresSkipReason !== undefined || pgDumpMissing !== undefined)(
    `on PostgreSQL${pgDumpMissing ? ` (skipped: ${pgDumpMissing})` : ""}`,
    () => {
      it("pg_dump of the schema, dropped and restored with pg_restore, gives the same data", async () => {
        const schema = freshSchema("backup")
        const config: Database.Config = { _tag: "Server", url: postgresUrl, schema }
        try {
          await write(config)
          const file = join(mkdtempSync(join(tmpdir(), "baken-pgdump-")), "baken.dump")
          execFileSync("pg_dump", ["--format=custom", `--schema=${schema}`, `--file=${file}`, postgresUrl])
          await dropSchema(schema)
          execFileSync("pg_restore", ["--no-owner", `--dbname=${postgresUrl}`, file])
          expect(await read(config)).toEqual(expected)
        } finally {
          await dropSchema(schema)
        }
      })
    },
  )
})
