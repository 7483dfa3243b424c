/**
 * Backup and restore. The embedded store's data folder is dumped by PGlite itself into one `.tar.gz` file and
 * loaded back into an empty folder; a PostgreSQL server is backed up with the standard `pg_dump` and restored with
 * `pg_restore` (commands in the README). A folder in use by a running store is refused (see `DataFolderLock`): PGlite has one user.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { PGlite } from "@electric-sql/pglite"
import { Effect } from "effect"
import * as DataFolderLock from "./DataFolderLock.js"
import { DatabaseFailed, StoreError } from "./StoreError.js"

const failed = (operation: string) => (cause: unknown) =>
  new StoreError({
    reason: new DatabaseFailed({ operation, detail: cause instanceof Error ? cause.message : String(cause) }),
  })

/** Writes the data folder `dataDir` to the gzipped tar file `file`. */
export const dumpDataFolder = (dataDir: string, file: string): Effect.Effect<void, StoreError> =>
  Effect.scoped(
    Effect.andThen(
      // A folder in use by a running store is refused, naming that process: PGlite has one user.
      DataFolderLock.hold(dataDir),
      Effect.tryPromise({
        try: async () => {
          const db = await PGlite.create(dataDir)
          try {
            const dump = await db.dumpDataDir("gzip")
            writeFileSync(file, new Uint8Array(await dump.arrayBuffer()))
          } finally {
            await db.close()
          }
        },
        catch: failed(`dumping the data folder ${dataDir}`),
      }),
    ),
  )

/** Loads the dump `file` into `dataDir`, which must not exist yet or be empty, so nothing is overwritten. */
export const restoreDataFolder = (file: string, dataDir: string): Effect.Effect<void, StoreError> =>
  Effect.tryPromise({
    try: async () => {
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        throw new Error(`${dataDir} is not empty; restore into a new BAKEN_DATA_DIR`)
      }
      const db = await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(file)]) })
      await db.close()
      // The dump holds the lock of the process that made it; the restored folder is nobody's yet.
      rmSync(join(dataDir, DataFolderLock.fileName), { force: true })
    },
    catch: failed(`restoring ${file}`),
  })
