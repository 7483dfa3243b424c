/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) running in this process, in memory or on a data
 * folder, served over the PostgreSQL wire protocol on a private Unix socket by `@electric-sql/pglite-socket`, and
 * reached with the same `@effect/sql-pg` client as a production server. One code path for both backends was chosen
 * over a PGlite-specific `SqlClient` driver after measuring both (see the README). PGlite has one backend, so the
 * pool holds one connection; transactions take it in turn.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { PgClient } from "@effect/sql-pg"
import { PGlite } from "@electric-sql/pglite"
import { PGLiteSocketServer } from "@electric-sql/pglite-socket"
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

const openPglite = (dataDir: string | undefined): Effect.Effect<PGlite, StoreError> =>
  Effect.tryPromise({
    try: () => PGlite.create(dataDir),
    catch: (cause) =>
      new StoreError({
        reason:
          errnoOf(cause) === "ENOSPC"
            ? new DiskFull({ setting: "BAKEN_DATA_DIR" })
            : new DatabaseFailed({ operation: "opening the embedded database", detail: detailOf(cause) }),
      }),
  })

/** A PGlite database served on a private Unix socket for as long as the scope lasts; yields the socket path. */
const serve = (db: PGlite) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: async () => {
        // A folder only this user can enter keeps other local users off the socket, which asks for no password.
        const dir = mkdtempSync(join(tmpdir(), "baken-pglite-"))
        const path = join(dir, ".s.PGSQL.5432")
        const server = new PGLiteSocketServer({ db, path })
        await server.start()
        return { server, dir, path }
      },
      catch: (cause) =>
        new StoreError({
          reason: new DatabaseFailed({ operation: "serving the embedded database", detail: detailOf(cause) }),
        }),
    }),
    ({ server, dir }) =>
      Effect.promise(async () => {
        await server.stop()
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
      const db = yield* Effect.acquireRelease(openPglite(dataDir), (db) =>
        Effect.promise(() => db.close()).pipe(Effect.ignore),
      )
      const { path } = yield* serve(db)
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
