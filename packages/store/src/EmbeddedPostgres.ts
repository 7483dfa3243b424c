/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) running in a worker thread of this process, in memory
 * or on a data folder, served over the PostgreSQL wire protocol on a private Unix socket by
 * `@electric-sql/pglite-socket` (see `EmbeddedWorker`), and
 * reached with the same `@effect/sql-pg` client as a production server. One code path for both backends was chosen
 * over a PGlite-specific `SqlClient` driver after measuring both (see the README). PGlite has one backend, so the
 * pool holds one connection; transactions take it in turn.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { Worker } from "node:worker_threads"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer } from "effect"
import type { SqlClient } from "effect/sql/SqlClient"
import * as DataFolderLock from "./DataFolderLock.js"
import type * as EmbeddedWorker from "./EmbeddedWorker.js"
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

/** Makes sure the data folder exists and takes a write, so a read-only or full disk is reported before PGlite runs. */
export const checkDataFolder = (dataDir: string): Effect.Effect<string, StoreError> =>
  Effect.try({
    try: () => {
      const path = resolve(dataDir)
      mkdirSync(path, { recursive: true })
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

/** The worker thread's module next to this one: built `.js`/`.cjs`, or the TypeScript source under a test runner. */
const workerUrl = (): URL => {
  const here = import.meta.url
  const ext = here.endsWith(".ts") ? ".ts" : here.endsWith(".cjs") ? ".cjs" : ".js"
  return new URL(`./EmbeddedWorker${ext}`, here)
}

/**
 * PGlite served on a private Unix socket by a worker thread (`EmbeddedWorker`) for as long as the scope lasts; yields
 * the socket path. The database's work runs on that thread, so the server's event loop stays free while it works.
 */
const serve = (dataDir: string | undefined) =>
  Effect.acquireRelease(
    Effect.callback<{ readonly worker: Worker; readonly dir: string; readonly path: string }, StoreError>((resume) => {
      // A folder only this user can enter keeps other local users off the socket, which asks for no password.
      const dir = mkdtempSync(join(tmpdir(), "baken-pglite-"))
      const path = join(dir, ".s.PGSQL.5432")
      const start: EmbeddedWorker.Start = { dataDir, path }
      const worker = new Worker(workerUrl(), { workerData: start })
      const failed = (operation: string, code: string, detail: string) => {
        rmSync(dir, { recursive: true, force: true })
        resume(
          Effect.fail(
            new StoreError({
              reason:
                code === "ENOSPC"
                  ? new DiskFull({ setting: "BAKEN_DATA_DIR" })
                  : new DatabaseFailed({ operation, detail }),
            }),
          ),
        )
      }
      worker.once("message", (said: EmbeddedWorker.Said) => {
        if (said._tag === "Ready") resume(Effect.succeed({ worker, dir, path }))
        else if (said._tag === "Failed") failed(said.operation, said.code, said.message)
      })
      worker.once("error", (cause) => failed("starting the embedded database", errnoOf(cause), detailOf(cause)))
    }),
    ({ worker, dir }) =>
      Effect.promise(
        () =>
          new Promise<void>((resolve) => {
            const done = () => {
              rmSync(dir, { recursive: true, force: true })
              resolve()
            }
            worker.once("exit", done)
            worker.on("message", (said: EmbeddedWorker.Said) => {
              if (said._tag === "Stopped") void worker.terminate()
            })
            worker.postMessage("stop")
          }),
      ),
  )

/** Opens PGlite and provides `SqlClient` (and `PgClient`) over it; the layer closes the database when released. */
export const layer = (options: Options = {}): Layer.Layer<PgClient.PgClient | SqlClient, StoreError> =>
  Layer.unwrap(
    Effect.gen(function* () {
      const dataDir = options.dataDir === undefined ? undefined : yield* checkDataFolder(options.dataDir)
      // One writer per folder: the lock is taken before PGlite opens and given back after it has closed.
      if (dataDir !== undefined) yield* DataFolderLock.hold(dataDir, options.holder)
      const { path } = yield* serve(dataDir)
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
