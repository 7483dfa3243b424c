/**
 * Decoding rows read from SQL with the domain's Schemas, and mapping SQL failures to `StoreError`, the two things
 * every repository does at its edge. A row that does not decode means the database was changed behind the store's
 * back; it is reported as a store failure, not passed on.
 */
import { Effect, Schema } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import { DatabaseFailed, fromSqlError, StoreError } from "./StoreError.js"

/** The setting named by errors that happen after the database was opened. */
export const setting = "DATABASE_URL or BAKEN_DATA_DIR"

/** Decodes rows with `schema`, failing with a `StoreError` that names the operation. */
export const decode =
  <S extends Schema.Top>(schema: S, operation: string) =>
  (rows: ReadonlyArray<unknown>): Effect.Effect<ReadonlyArray<S["Type"]>, StoreError, S["DecodingServices"]> =>
    Schema.decodeUnknownEffect(Schema.Array(schema))(rows).pipe(
      Effect.mapError(
        (error) =>
          new StoreError({
            reason: new DatabaseFailed({
              operation,
              detail: `a stored row does not match its schema: ${error.message}`,
            }),
          }),
      ),
    )

/** Maps an SQL failure of `operation` to a `StoreError`. */
export const orStoreError =
  (operation: string) =>
  <A, E, R>(effect: Effect.Effect<A, E | SqlError, R>): Effect.Effect<A, Exclude<E, SqlError> | StoreError, R> =>
    Effect.catchIf(
      effect,
      (e): e is SqlError => typeof e === "object" && e !== null && (e as { _tag?: unknown })._tag === "SqlError",
      fromSqlError(operation, setting),
    ) as Effect.Effect<A, Exclude<E, SqlError> | StoreError, R>

/**
 * A value as JSON text PostgreSQL stores in a `jsonb` column: a NUL character (which `jsonb` refuses, failing the
 * whole write) becomes U+FFFD, the replacement character. A partner's broken file can put one in a rejection's
 * message or location; the rejection is kept, with the character shown as �.
 */
export const jsonb = (value: unknown, text: (s: string) => string = (s) => s): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? text(v.replaceAll("\u0000", "\uFFFD")) : v))
