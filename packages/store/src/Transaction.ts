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
