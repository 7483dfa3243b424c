// One writer per data folder: a folder open in a live process is refused with one line naming that process, and a
// lock left by a process that is gone is taken over.
import { spawn, spawnSync } from "node:child_process"
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { hostname } from "node:os"
import { join } from "node:path"
import { Effect, Exit, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { describe, expect, it } from "vitest"
import { DataFolderLock, Store, type StoreError } from "../src/index.js"
import { freshDataDir } from "./Backends.js"

const openError = async (dataDir: string): Promise<StoreError.StoreError> => {
  const exit = await Effect.runPromiseExit(
    Effect.scoped(Effect.asVoid(Effect.provide(Effect.void, Store.layer({ _tag: "Embedded", dataDir })))),
  )
  if (Exit.isSuccess(exit)) throw new Error("the store opened, but it should have been refused")
  const failure = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (failure === undefined || failure._tag !== "Fail") throw new Error(`no typed failure: ${String(exit.cause)}`)
  return failure.error as StoreError.StoreError
}

const writeLock = (dataDir: string, holder: DataFolderLock.Holder) => {
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(join(dataDir, DataFolderLock.fileName), JSON.stringify(holder))
}

describe("the data folder's permissions", () => {
  it("keeps other users out of the data folder: only its owner may enter, read or write it", async () => {
    const dataDir = freshDataDir()
    mkdirSync(dataDir, { recursive: true, mode: 0o777 })
    const runtime = ManagedRuntime.make(Store.layer({ _tag: "Embedded", dataDir }, { onOpen: "migrate" }))
    await runtime.runPromise(Effect.void)
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    await runtime.dispose()
  })
})

describe("the data folder lock", () => {
  it("refuses a second store on a folder this process has open, naming the folder, the pid and the command", async () => {
    const dataDir = freshDataDir()
    const first = ManagedRuntime.make(Store.layer({ _tag: "Embedded", dataDir }))
    try {
      await first.runPromise(Effect.void)
      const error = await openError(dataDir)
      expect(error.reason._tag).toBe("DataFolderInUse")
      expect(error.message).not.toContain("\n")
      expect(error.message).toContain(dataDir)
      expect(error.message).toContain(`pid ${process.pid}`)
      expect(error.message).toContain("BAKEN_DATA_DIR")
    } finally {
      await first.dispose()
    }
    // Closed, the folder is free again.
    const again = ManagedRuntime.make(Store.layer({ _tag: "Embedded", dataDir }))
    await again.runPromise(Effect.flatMap(SqlClient, (sql) => sql`SELECT 1`))
    await again.dispose()
  })

  it("refuses a folder whose lock names another process that still runs", async () => {
    const dataDir = freshDataDir()
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" })
    try {
      const pid = holder.pid as number
      writeLock(dataDir, { pid, host: hostname(), command: "baken serve", since: "2024-05-01T10:00:00.000Z" })
      const error = await openError(dataDir)
      expect(error.message).toContain(`\`baken serve\` (pid ${pid} on ${hostname()}`)
      expect(error.message).toContain(dataDir)
    } finally {
      holder.kill("SIGKILL")
    }
  })

  it("takes over a lock left by a process that no longer runs", async () => {
    const dataDir = freshDataDir()
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" })
    writeLock(dataDir, { pid: Number(gone.stdout.trim()), host: hostname(), command: "baken serve", since: "x" })
    const runtime = ManagedRuntime.make(Store.layer({ _tag: "Embedded", dataDir }))
    try {
      await runtime.runPromise(Effect.flatMap(SqlClient, (sql) => sql`SELECT 1`))
      const lock = JSON.parse(readFileSync(join(dataDir, DataFolderLock.fileName), "utf8")) as DataFolderLock.Holder
      expect(lock.pid).toBe(process.pid)
    } finally {
      await runtime.dispose()
    }
  })

  it("takes over a lock whose pid now belongs to a process started after the holder", () => {
    const dataDir = freshDataDir()
    // This process's own pid, but with a start time it never had: the pid was reused after the holder died.
    writeLock(dataDir, { pid: process.pid, host: hostname(), command: "baken serve", since: "x", started: "1" })
    expect(DataFolderLock.tryAcquire(dataDir, "test")).toEqual({ _tag: "Taken" })
    DataFolderLock.release(dataDir)
  })

  it("names the CLI's command without its options", () => {
    const saved = process.argv
    try {
      process.argv = ["node", "/x/dist/cli.js", "--json", "token", "create", "--audience", "region", "--label", "x"]
      expect(DataFolderLock.describeThisProcess()).toBe("baken token create")
      process.argv = ["node", "/x/dist/cli.js", "serve", "--port", "0"]
      expect(DataFolderLock.describeThisProcess()).toBe("baken serve")
    } finally {
      process.argv = saved
    }
  })
})
