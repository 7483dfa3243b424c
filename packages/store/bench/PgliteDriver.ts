/**
 * A small driver that gives effect's `SqlClient` a PGlite database (Postgres compiled to WASM, in this process):
 * statements with `$n` parameters, transactions with savepoints, value rows, and streams. PGlite has one backend,
 * so every statement and transaction takes the single connection in turn, the way effect's SQLite drivers do. It
 * depends only on effect and PGlite, so it could be published on its own.
 *
 * This is option (a) of issue 4, kept here so that bench/driver-choice.mjs can measure it against the driver the
 * store ships (src/EmbeddedPostgres.ts: PGlite over the wire protocol, reached with @effect/sql-pg).
 */
import type { PGlite } from "@electric-sql/pglite"
import { Context, Effect, Layer, Semaphore, Stream } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as Client from "effect/sql/SqlClient"
import type { Connection } from "effect/sql/SqlConnection"
import {
  ConnectionError,
  ConstraintError,
  DeadlockError,
  LockTimeoutError,
  SerializationError,
  SqlError,
  type SqlErrorReason,
  SqlSyntaxError,
  StatementTimeoutError,
  UniqueViolation,
  UnknownError,
} from "effect/sql/SqlError"
import * as Statement from "effect/sql/Statement"

/** The service tag of the PGlite client; it is also provided as `SqlClient`. */
export class PgliteClient extends Context.Service<PgliteClient, Client.SqlClient & { readonly pglite: PGlite }>()(
  "@baken/store/PgliteClient",
) {}

/** Rows a stream hands on at a time. */
const streamChunk = 1_000

/** Maps an error thrown by PGlite to the reason effect's SQL errors use, from its SQLSTATE code. */
export const classify = (cause: unknown, operation: string): SqlErrorReason => {
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : ""
  const message = cause instanceof Error ? cause.message : String(cause)
  const props = { cause, message, operation }
  if (code === "23505") {
    const constraint =
      typeof cause === "object" && cause !== null && "constraint" in cause ? String(cause.constraint) : ""
    return new UniqueViolation({ ...props, constraint })
  }
  if (code.startsWith("23")) return new ConstraintError(props)
  if (code.startsWith("42")) return new SqlSyntaxError(props)
  if (code === "40P01") return new DeadlockError(props)
  if (code === "40001") return new SerializationError(props)
  if (code === "55P03") return new LockTimeoutError(props)
  if (code === "57014") return new StatementTimeoutError(props)
  if (code === "" || code.startsWith("08") || code.startsWith("53") || code.startsWith("58")) {
    return new ConnectionError(props)
  }
  return new UnknownError(props)
}

const attempt = <A>(operation: string, run: () => Promise<A>): Effect.Effect<A, SqlError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new SqlError({ reason: classify(cause, operation) }) })

const makeConnection = (db: PGlite): Connection => {
  const rows = (sql: string, params: ReadonlyArray<unknown>) =>
    attempt("execute", () => db.query<object>(sql, params as Array<unknown>)).pipe(Effect.map((r) => r.rows))
  const values = (sql: string, params: ReadonlyArray<unknown>) =>
    attempt("executeValues", () => db.query<Array<unknown>>(sql, params as Array<unknown>, { rowMode: "array" })).pipe(
      Effect.map((r) => r.rows),
    )
  const execute: Connection["execute"] = (sql, params, transformRows) =>
    transformRows ? Effect.map(rows(sql, params), transformRows) : rows(sql, params)
  return {
    execute,
    executeRaw: (sql, params) => attempt("executeRaw", () => db.query(sql, params as Array<unknown>)),
    executeValues: values,
    executeValuesUnprepared: values,
    // Without parameters the simple protocol runs, which also takes several statements separated by semicolons.
    executeUnprepared: (sql, params, transformRows) =>
      params.length > 0
        ? execute(sql, params, transformRows)
        : attempt("executeUnprepared", () => db.exec(sql)).pipe(
            Effect.map((results) => (results.at(-1)?.rows ?? []) as ReadonlyArray<object>),
            Effect.map((r) => (transformRows ? transformRows(r) : r)),
          ),
    // PGlite answers a query whole; the stream hands its rows on in chunks.
    executeStream: (sql, params, transformRows) =>
      Stream.fromEffect(execute(sql, params, transformRows)).pipe(
        Stream.flatMap((all) => Stream.fromIterable(all), { concurrency: 1 }),
        Stream.rechunk(streamChunk),
      ),
  }
}

const compiler = Statement.makeCompiler({
  dialect: "pg",
  placeholder: (index) => `$${index}`,
  onIdentifier: Statement.defaultEscape('"'),
  onRecordUpdate: (placeholders, alias, columns, values, returning) => [
    `(values ${placeholders}) AS ${alias}${columns}${returning ? ` RETURNING ${returning[0]}` : ""}`,
    returning ? values.flat().concat(returning[1]) : values.flat(),
  ],
  onCustom: () => ["", []],
})

/** Builds a `SqlClient` over an open PGlite database; the caller keeps ownership of the database. */
export const make = (db: PGlite): Effect.Effect<Client.SqlClient, never, Reactivity.Reactivity> =>
  Effect.gen(function* () {
    const connection = makeConnection(db)
    const semaphore = yield* Semaphore.make(1)
    const acquirers = Client.makeSqliteAcquirers({
      connection: Effect.succeed(connection),
      semaphore,
      isTransaction: () => db.isInTransaction(),
    })
    return yield* Client.make({
      ...acquirers,
      compiler,
      driver: "pglite",
      spanAttributes: [["db.system.name", "postgresql"]],
      releaseSavepoint: (name) => `RELEASE SAVEPOINT ${name}`,
    })
  })

/** Provides `PgliteClient` and `SqlClient` over a database that `open` creates and the layer closes. */
export const layer = <E>(open: Effect.Effect<PGlite, E>): Layer.Layer<PgliteClient | Client.SqlClient, E> =>
  Layer.effectContext(
    Effect.gen(function* () {
      const db = yield* Effect.acquireRelease(open, (db) => Effect.promise(() => db.close()).pipe(Effect.ignore))
      const client = yield* make(db)
      const service = Object.assign(client, { pglite: db })
      return Context.make(PgliteClient, service).pipe(Context.add(Client.SqlClient, client))
    }),
  ).pipe(Layer.provide(Reactivity.layer))
