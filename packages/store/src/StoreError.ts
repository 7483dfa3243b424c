/**
 * The one error the store raises for infrastructure failures: a tagged error whose `reason` says what went wrong,
 * and whose message is a single line naming the cause and the setting to change. It never carries SQL or a stack
 * trace in its message, so the API can show it as it is.
 */
import { Effect, Schema } from "effect"
import type { SqlError } from "effect/sql/SqlError"

/** `DATABASE_URL` is not a `postgres://` or `postgresql://` URL. */
export class InvalidDatabaseUrl extends Schema.TaggedClass<InvalidDatabaseUrl>()("InvalidDatabaseUrl", {
  detail: Schema.String,
}) {}

/** The PostgreSQL server named by `DATABASE_URL` could not be reached or refused the login. */
export class ServerUnreachable extends Schema.TaggedClass<ServerUnreachable>()("ServerUnreachable", {
  address: Schema.String,
  detail: Schema.String,
}) {}

/** The database was written by a newer version of Baken than this one. */
export class SchemaTooNew extends Schema.TaggedClass<SchemaTooNew>()("SchemaTooNew", {
  found: Schema.Int,
  supported: Schema.Int,
  setting: Schema.String,
}) {}

/** The database server's schema is older than this code and `migrate` has not been run. */
export class SchemaOutdated extends Schema.TaggedClass<SchemaOutdated>()("SchemaOutdated", {
  found: Schema.Int,
  supported: Schema.Int,
}) {}

/** The disk holding the database is full. */
export class DiskFull extends Schema.TaggedClass<DiskFull>()("DiskFull", {
  setting: Schema.String,
}) {}

/** The data folder cannot be created or written. */
export class DataFolderNotWritable extends Schema.TaggedClass<DataFolderNotWritable>()("DataFolderNotWritable", {
  path: Schema.String,
  detail: Schema.String,
}) {}

/** Another process (a running `baken serve`, a CLI command) has the embedded data folder open. */
export class DataFolderInUse extends Schema.TaggedClass<DataFolderInUse>()("DataFolderInUse", {
  path: Schema.String,
  pid: Schema.Int,
  host: Schema.String,
  command: Schema.String,
  since: Schema.String,
}) {}

/** A migration failed; everything it and the migrations run with it did was rolled back. */
export class MigrationFailed extends Schema.TaggedClass<MigrationFailed>()("MigrationFailed", {
  version: Schema.Int,
  name: Schema.String,
  detail: Schema.String,
}) {}

/** The database failed in a way the store has no specific advice for. */
export class DatabaseFailed extends Schema.TaggedClass<DatabaseFailed>()("DatabaseFailed", {
  operation: Schema.String,
  detail: Schema.String,
}) {}

/** Why the store failed. */
export const Reason = Schema.Union([
  InvalidDatabaseUrl,
  ServerUnreachable,
  SchemaTooNew,
  SchemaOutdated,
  DiskFull,
  DataFolderNotWritable,
  DataFolderInUse,
  MigrationFailed,
  DatabaseFailed,
])
export type Reason = typeof Reason.Type

const firstLine = (s: string): string => (s.split("\n")[0] ?? "").trim()

/** The one-line message for a reason: the cause, then the setting to change. */
export const describe = (reason: Reason): string => {
  switch (reason._tag) {
    case "InvalidDatabaseUrl":
      return `DATABASE_URL is not a valid PostgreSQL URL (${firstLine(reason.detail)}): set it to postgres://user@host:5432/database, or unset it to use the embedded store`
    case "ServerUnreachable":
      return `cannot reach the PostgreSQL server at ${reason.address} (${firstLine(reason.detail)}): check that it runs, or correct DATABASE_URL`
    case "SchemaTooNew":
      return `the database has schema version ${reason.found} but this Baken knows only up to ${reason.supported}: upgrade Baken, or point ${reason.setting} at another database`
    case "SchemaOutdated":
      return `the database has schema version ${reason.found} but this Baken needs ${reason.supported}: run \`baken migrate\` against DATABASE_URL`
    case "DiskFull":
      return `the disk holding the database is full: free space there, or point ${reason.setting} at a disk with room`
    case "DataFolderNotWritable":
      return `cannot write the data folder ${reason.path} (${firstLine(reason.detail)}): set BAKEN_DATA_DIR to a writable folder`
    case "DataFolderInUse":
      return `the data folder ${reason.path} is in use by \`${reason.command}\` (pid ${reason.pid} on ${reason.host}, since ${reason.since}): stop that process first, or set BAKEN_DATA_DIR to another folder`
    case "MigrationFailed":
      return `migration ${reason.version} (${reason.name}) failed and was rolled back, the schema is unchanged (${firstLine(reason.detail)}): report this, the setting DATABASE_URL or BAKEN_DATA_DIR names the database`
    case "DatabaseFailed":
      return `the database failed during ${reason.operation} (${firstLine(reason.detail)}): check the server named by DATABASE_URL or the folder BAKEN_DATA_DIR`
  }
}

/** A store failure; `message` is one line with the cause and the setting to change. */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", { reason: Reason }) {
  override get message(): string {
    return describe(this.reason)
  }
}

const sqlState = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : ""

/**
 * Turns an SQL failure into a store failure: a full disk and an unreachable server get their own reason, the rest
 * names the operation. `setting` is the configuration that chose the database (`DATABASE_URL`, `BAKEN_DATA_DIR`).
 */
export const fromSqlError =
  (operation: string, setting: string) =>
  (error: SqlError): Effect.Effect<never, StoreError> => {
    const cause = error.reason.cause
    const code = sqlState(cause)
    const detail = cause instanceof Error ? cause.message : error.message
    if (code === "53100" || code === "ENOSPC" || /no space left on device/i.test(detail)) {
      return Effect.fail(new StoreError({ reason: new DiskFull({ setting }) }))
    }
    if (error.reason._tag === "ConnectionError" || error.reason._tag === "AuthenticationError") {
      return Effect.fail(new StoreError({ reason: new ServerUnreachable({ address: setting, detail }) }))
    }
    return Effect.fail(new StoreError({ reason: new DatabaseFailed({ operation, detail }) }))
  }
