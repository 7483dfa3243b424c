/**
 * The data version: a number that changes whenever data a reader sees changes (a delivery published, a plan-side
 * entity stored or removed), so that answers derived from the data can be kept until it does instead of for a
 * guessed time.
 *
 * Two halves. In this process, `current()` is a counter the store's own write paths raise right after they wrote
 * (`changed`); on the embedded store this process is the only writer, so the counter alone is exact. In the
 * database, the `data_version` row (migration 7) is raised by triggers in the writing transaction, whoever wrote;
 * `watch` reads it at most once per interval and raises the counter when it moved, so servers sharing PostgreSQL
 * (and changes made with the CLI) are seen within that interval.
 */
import { Duration, Effect } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

let counter = 1
const listeners = new Set<(version: number) => void>()

/** The data version this process knows now: cheap, synchronous, and raised on every change it knows of. */
export const current = (): number => counter

/** Raises this process's data version: something a reader sees has changed (or may have). */
export const raise = (): void => {
  counter += 1
  for (const listener of listeners) listener(counter)
}

/** Raises this process's data version, as an effect for the store's write paths. */
export const changed: Effect.Effect<void> = Effect.sync(raise)

/** Calls `listener` with the new version whenever it is raised; returns the function that stops it. */
export const onChange = (listener: (version: number) => void): (() => void) => {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The version in the database's `data_version` row, raised by triggers in every writing transaction. */
export const stored: Effect.Effect<string, StoreError, SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient
  const rows = yield* sql<{ readonly v: string }>`SELECT version::text AS v FROM data_version`
  return rows[0]?.v ?? "0"
}).pipe(orStoreError("reading the data version"))

/**
 * Reads the database's data version every `every` and raises this process's version when it moved (another server,
 * or the CLI, changed data). Runs until interrupted; a failed read is retried at the next interval.
 */
export const watch = (every: Duration.Input = Duration.seconds(1)): Effect.Effect<never, never, SqlClient> =>
  Effect.gen(function* () {
    let seen: string | undefined
    const check = stored.pipe(
      Effect.tap((version) => {
        if (seen !== undefined && version !== seen) raise()
        seen = version
        return Effect.void
      }),
      Effect.ignore,
    )
    return yield* Effect.forever(Effect.andThen(check, Effect.sleep(every)))
  })
