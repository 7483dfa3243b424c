/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) running in a worker thread of this process, in memory
 * or on a data folder, served over the PostgreSQL wire protocol on a private Unix socket by `@electric-sql/pglite-socket`, and
 * reached with the same `@effect/sql-pg` client as a production server. One code path for both backends was chosen
 * over a PGlite-specific `SqlClient` driver after measuring both (see the README). PGlite has one backend, so the
 * pool holds one connection; transactions take it in turn.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { Worker } from "node:worker_threads"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer } from "effect"
import type { SqlClient } from "effect/sql/SqlClient"
import * as DataFolderLock from "./DataFolderLock.js"
import { DatabaseFailed, DataFolderNotWritable, DiskFull, StoreError } from "./StoreError.js"

/** Where the embedded database lives: a data folder, or memory (for tests and demos) when `dataDir` is absent. */
export interface Options {
  readonly dataDir?: string | undefined
  /** What this process runs, recorded in the data folder's lock (default: from the process's arguments). */
  readonly holder?: string | undefined
}

const errnoOf = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : ""

const detailOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

/**
 * Makes sure the data folder exists, only for its owner (PGlite writes its files readable and writable by anyone, so
 * the folder itself keeps other users out; found by an outside tester), and takes a write, so a read-only or full disk
 * is reported before PGlite runs.
 */
export const checkDataFolder = (dataDir: string): Effect.Effect<string, StoreError> =>
  Effect.try({
    try: () => {
      const path = resolve(dataDir)
      mkdirSync(path, { recursive: true, mode: 0o700 })
      chmodSync(path, 0o700)
      writeFileSync(join(path, ".baken-write-check"), "ok\n")
      rmSync(join(path, ".baken-write-check"))
      return path
    },
    catch: (cause) =>
      new StoreError({
        reason:
          errnoOf(cause) === "ENOSPC"
            ? new DiskFull({ setting: "BAKEN_DATA_DIR" })
            : new DataFolderNotWritable({ path: resolve(dataDir), detail: detailOf(cause) }),
      }),
  })

/**
 * This module's own file, read from the stack: the same code runs as ESM, as CJS (where `import.meta` is a syntax
 * error) and from source in tests, and the worker thread needs absolute paths of the PGlite packages this package
 * depends on.
 */
const ownFile = (): string => {
  const frame = new Error().stack?.split("\n")[1] ?? ""
  const file = frame.match(/\(?((?:file:\/\/)?\/[^()]+?):\d+:\d+\)?$/)?.[1]
  if (file === undefined) return join(process.cwd(), "index.js")
  return file.startsWith("file://") ? fileURLToPath(file) : file
}

/** Where a package this one depends on is, resolved from this package (its CommonJS entry). */
const resolveModule = (specifier: string): string => createRequire(ownFile()).resolve(specifier)

/**
 * The worker thread PGlite runs in: it opens the database, serves it on the socket, says so, and closes both when
 * asked. WASM runs synchronously, so in the main thread every statement (a staged batch, an aggregation over a large
 * table after a delivery) would stop the server from answering anything, kept pages included, until it is done.
 */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads")
;(async () => {
  const { PGlite } = require(workerData.pglite)
  const { PGLiteSocketServer } = require(workerData.socket)
  let db
  try {
    db = await PGlite.create(workerData.dataDir)
  } catch (e) {
    parentPort.postMessage({ failed: "open", code: String(e?.code ?? ""), message: String(e?.message ?? e) })
    return
  }
  const server = new PGLiteSocketServer({ db, path: workerData.path })
  try {
    await server.start()
  } catch (e) {
    await db.close().catch(() => {})
    parentPort.postMessage({ failed: "serve", code: String(e?.code ?? ""), message: String(e?.message ?? e) })
    return
  }
  parentPort.on("message", async (message) => {
    if (message !== "close") return
    await server.stop().catch(() => {})
    await db.close().catch(() => {})
    parentPort.postMessage({ closed: true })
  })
  parentPort.postMessage({ ready: true })
})()
`

type FromWorker =
  | { readonly ready: true }
  | { readonly closed: true }
  | { readonly failed: "open" | "serve"; readonly code: string; readonly message: string }

/**
 * PGlite on `dataDir` (memory when absent) in a worker thread, served on a private Unix socket for as long as the
 * scope lasts; yields the socket path.
 */
const serveInWorker = (dataDir: string | undefined) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: async () => {
        // A folder only this user can enter keeps other local users off the socket, which asks for no password.
        const dir = mkdtempSync(join(tmpdir(), "baken-pglite-"))
        const path = join(dir, ".s.PGSQL.5432")
        const worker = new Worker(workerSource, {
          eval: true,
          // The worker's code is CommonJS, whatever the process was told about code given on the command line.
          execArgv: process.execArgv.filter((a) => !/^--(input-type|experimental-default-type)/.test(a)),
          workerData: {
            dataDir,
            path,
            pglite: resolveModule("@electric-sql/pglite"),
            socket: resolveModule("@electric-sql/pglite-socket"),
          },
        })
        const first = await new Promise<FromWorker>((resolve, reject) => {
          worker.once("message", resolve)
          worker.once("error", reject)
          worker.once("exit", (code) => reject(new Error(`the database thread stopped (${code})`)))
        })
        if ("failed" in first) {
          await worker.terminate()
          rmSync(dir, { recursive: true, force: true })
          throw Object.assign(new Error(first.message), { code: first.code, failed: first.failed })
        }
        worker.removeAllListeners("exit")
        worker.removeAllListeners("error")
        // A database thread that fails later is reported by the queries that then fail.
        worker.on("error", () => {})
        return { worker, dir, path }
      },
      catch: (cause) =>
        new StoreError({
          reason:
            errnoOf(cause) === "ENOSPC"
              ? new DiskFull({ setting: "BAKEN_DATA_DIR" })
              : new DatabaseFailed({
                  operation:
                    (cause as { failed?: string }).failed === "serve"
                      ? "serving the embedded database"
                      : "opening the embedded database",
                  detail: detailOf(cause),
                }),
        }),
    }),
    ({ worker, dir }) =>
      Effect.promise(async () => {
        const closed = new Promise<void>((resolve) => {
          worker.on("message", (m: FromWorker) => {
            if ("closed" in m) resolve()
          })
          worker.once("exit", () => resolve())
        })
        worker.postMessage("close")
        await closed
        await worker.terminate()
        rmSync(dir, { recursive: true, force: true })
      }),
  )

/** Opens PGlite and provides `SqlClient` (and `PgClient`) over it; the layer closes the database when released. */
export const layer = (options: Options = {}): Layer.Layer<PgClient.PgClient | SqlClient, StoreError> =>
  Layer.unwrap(
    Effect.gen(function* () {
      const dataDir = options.dataDir === undefined ? undefined : yield* checkDataFolder(options.dataDir)
      // One writer per folder: the lock is taken before PGlite opens and given back after it has closed.
      if (dataDir !== undefined) yield* DataFolderLock.hold(dataDir, options.holder)
      const { path } = yield* serveInWorker(dataDir)
      return PgClient.layerFrom(
        PgClient.make({
          path,
          username: "postgres",
          database: "postgres",
          maxConnections: 1,
          applicationName: "baken-embedded",
        }).pipe(
          Effect.mapError(
            (error) =>
              new StoreError({
                reason: new DatabaseFailed({ operation: "connecting to the embedded database", detail: error.message }),
              }),
          ),
        ),
      )
    }),
  )
