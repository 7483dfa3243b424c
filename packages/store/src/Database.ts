/**
 * Choosing and opening the database: a PostgreSQL server when `DATABASE_URL` is set, otherwise the embedded PGlite
 * store in the folder `BAKEN_DATA_DIR` (default `./data`; `memory` keeps it in memory). Opening checks the schema
 * version: the embedded store migrates itself at start-up; a server is migrated by `migrate` (the CLI's
 * `baken migrate`) unless the caller asks for start-up migration. Every failure is a one-line `StoreError`.
 */
import { PgClient } from "@effect/sql-pg"
import { Duration, Effect, Layer, Redacted } from "effect"
import type { SqlClient } from "effect/sql/SqlClient"
import * as EmbeddedPostgres from "./EmbeddedPostgres.js"
import * as Migrations from "./Migrations.js"
import {
  DatabaseFailed,
  fromSqlError,
  InvalidDatabaseUrl,
  SchemaOutdated,
  SchemaTooNew,
  ServerUnreachable,
  StoreError,
} from "./StoreError.js"

/** Which database to open. */
export type Config =
  | {
      readonly _tag: "Embedded"
      /** The data folder; absent keeps the database in memory. */
      readonly dataDir?: string | undefined
    }
  | {
      readonly _tag: "Server"
      /** A `postgres://` URL. */
      readonly url: string
      /** A PostgreSQL schema to keep Baken's tables in (created if missing); the server's default otherwise. */
      readonly schema?: string | undefined
      /** Connections in the pool (default 10). */
      readonly maxConnections?: number | undefined
    }

/** The data folder used when neither `DATABASE_URL` nor `BAKEN_DATA_DIR` is set. */
export const defaultDataDir = "./data"

/** Reads `DATABASE_URL`, `BAKEN_DATA_DIR` and `BAKEN_DB_SCHEMA` from the environment. */
export const fromEnv = (env: Readonly<Record<string, string | undefined>> = process.env): Config => {
  const url = env.DATABASE_URL?.trim()
  if (url) return { _tag: "Server", url, schema: env.BAKEN_DB_SCHEMA?.trim() || undefined }
  const dir = env.BAKEN_DATA_DIR?.trim() || defaultDataDir
  return { _tag: "Embedded", dataDir: dir === "memory" ? undefined : dir }
}

/** The configuration setting that names a database, for error messages. */
export const settingOf = (config: Config): string => (config._tag === "Server" ? "DATABASE_URL" : "BAKEN_DATA_DIR")

const validSchemaName = /^[a-z_][a-z0-9_]{0,62}$/

/** Checks that `url` is a PostgreSQL URL, and returns where it points (host, port and database; no password). */
export const parseUrl = (url: string): Effect.Effect<string, StoreError> => {
  const invalid = (detail: string) => Effect.fail(new StoreError({ reason: new InvalidDatabaseUrl({ detail }) }))
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return invalid("it cannot be read as a URL")
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    return invalid(`its scheme is ${parsed.protocol.replace(/:$/, "")}, not postgres`)
  }
  if (parsed.hostname === "") return invalid("it names no host")
  return Effect.succeed(`${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`)
}

/** A pool of connections to the PostgreSQL server at `url`, checked with one round trip before it is handed out. */
export const serverLayer = (
  config: Extract<Config, { _tag: "Server" }>,
): Layer.Layer<PgClient.PgClient | SqlClient, StoreError> =>
  Layer.unwrap(
    Effect.gen(function* () {
      const address = yield* parseUrl(config.url)
      const schema = config.schema
      if (schema !== undefined && !validSchemaName.test(schema)) {
        return yield* new StoreError({
          reason: new DatabaseFailed({
            operation: "choosing the schema",
            detail: `BAKEN_DB_SCHEMA "${schema}" must be lower-case letters, digits and _`,
          }),
        })
      }
      const unreachable = (error: { readonly message: string; readonly reason?: { readonly cause: unknown } }) => {
        const cause = error.reason?.cause
        const detail = cause instanceof Error ? cause.message : error.message
        return new StoreError({ reason: new ServerUnreachable({ address, detail }) })
      }
      const client = Effect.gen(function* () {
        const client = yield* PgClient.make({
          url: Redacted.make(config.url),
          maxConnections: config.maxConnections ?? 10,
          connectTimeout: Duration.seconds(5),
          applicationName: "baken",
          ...(schema === undefined ? {} : { startupParameters: { search_path: schema } }),
        }).pipe(Effect.mapError(unreachable))
        yield* client`SELECT 1`.pipe(Effect.mapError(unreachable))
        if (schema !== undefined) {
          yield* client
            .unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
            .pipe(Effect.catchTag("SqlError", fromSqlError("creating the schema", "BAKEN_DB_SCHEMA")))
        }
        return client
      })
      return PgClient.layerFrom(client)
    }),
  )

/** What to do with the schema on opening. */
export type OnOpen = "migrate" | "check"

/** Checks (or brings up to date) the schema of the database behind `SqlClient`. */
export const prepare = (onOpen: OnOpen, setting: string): Effect.Effect<void, StoreError, SqlClient> =>
  onOpen === "migrate"
    ? Effect.asVoid(Migrations.migrate({ setting }))
    : Effect.gen(function* () {
        const found = yield* Migrations.currentVersion
        if (found > Migrations.latest) {
          return yield* new StoreError({
            reason: new SchemaTooNew({ found, supported: Migrations.latest, setting }),
          })
        }
        if (found < Migrations.latest) {
          return yield* new StoreError({ reason: new SchemaOutdated({ found, supported: Migrations.latest }) })
        }
      })

/**
 * Opens the configured database and readies its schema: the embedded store migrates at start-up; a server is only
 * checked unless `onOpen` is `"migrate"`.
 */
export const layer = (
  config: Config,
  options: { readonly onOpen?: OnOpen } = {},
): Layer.Layer<PgClient.PgClient | SqlClient, StoreError> => {
  const base = config._tag === "Server" ? serverLayer(config) : EmbeddedPostgres.layer({ dataDir: config.dataDir })
  const onOpen = options.onOpen ?? (config._tag === "Embedded" ? "migrate" : "check")
  return Layer.tap(base, (context) => Effect.provide(prepare(onOpen, settingOf(config)), context))
}
