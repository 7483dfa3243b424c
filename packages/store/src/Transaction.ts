/**
 * Several writes as one: `inTransaction` runs an effect of repository calls in one database transaction, so either
 * all of them are stored or none is (an amendment of a plan and the indicators and targets it changes, for example).
 * Repositories use the `SqlClient` in context, which keeps the transaction's connection for every call inside.
 */
import { Effect } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** Runs `effect` in one transaction; an SQL failure of the transaction itself becomes a `StoreError` naming `operation`. */
export const inTransaction =
  (operation: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StoreError, R | SqlClient> =>
    Effect.gen(function* () {
      const sql = yield* SqlClient
      return yield* sql.withTransaction(effect)
    }).pipe(orStoreError(operation))

/**
 * Runs `effect` in one transaction that holds the lock named `key` until it ends (`pg_advisory_xact_lock`), so two
 * writers that read, decide and write the same thing (two amendments of one plan, two letters with one kenmerk) take
 * turns: the second reads what the first wrote. Servers sharing a PostgreSQL take turns too.
 */
export const exclusively =
  (key: string, operation: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StoreError, R | SqlClient> =>
    Effect.gen(function* () {
      const sql = yield* SqlClient
      return yield* sql.withTransaction(
        Effect.gen(function* () {
          yield* sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.pipe(orStoreError(operation))
          return yield* effect
        }),
      )
    }).pipe(orStoreError(operation))
