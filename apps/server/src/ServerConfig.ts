/**
 * The server's configuration, read from environment variables and validated at start-up. A wrong value stops
 * start-up with one line naming the variable, what it must be and what it was. The database is chosen by the
 * store's own settings (`DATABASE_URL`, `BAKEN_DATA_DIR`, `BAKEN_DB_SCHEMA`).
 */
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Database } from "@baken/store"
import { Redacted } from "effect"

/** Everything the server reads from its environment. */
export interface ServerConfig {
  readonly host: string
  readonly port: number
  /** Origins allowed to call the API from a browser; empty keeps CORS off. */
  readonly corsOrigins: ReadonlyArray<string>
  /** The largest request body, in bytes (uploads excepted). */
  readonly bodyLimit: number
  /** The largest upload body, in bytes. */
  readonly uploadLimit: number
  /** The largest delivery streamed to `POST /api/deliveries`, in bytes (default 2 GiB). */
  readonly deliveryLimit: number
  /** Where delivery bodies are kept until their job has run: `<data folder>/spool`, or a temporary folder. */
  readonly spoolDir: string
  /** Requests per minute allowed to one IP address without a token. */
  readonly publicRateLimit: number
  /** Whether to take the client's address from X-Forwarded-For (only behind a proxy that sets it). */
  readonly trustProxy: boolean
  /** Requests per minute allowed to one token. */
  readonly tokenRateLimit: number
  /** How long a token's answer to a figure query is reused, in seconds (0: not at all). */
  readonly answerCacheSeconds: number
  /** How long the public dashboard answer is reused, in seconds. */
  readonly dashboardCacheSeconds: number
  /** The secret keying the pseudonymiser of server-side adapters; absent means no uploads, only pushes. */
  readonly pseudonymSecret: Redacted.Redacted<string> | undefined
  /** A folder with a built web app (index.html) to serve at `/`; absent serves none. */
  readonly webDir: string | undefined
  /** Log level: requests are logged at `info`. */
  readonly logLevel: "debug" | "info" | "warn" | "error"
  readonly database: Database.Config
}

/** A configuration value that is wrong; `message` is the one line start-up prints. */
export class ConfigError extends Error {
  readonly _tag = "ConfigError"
}

type Env = Readonly<Record<string, string | undefined>>

const integer = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === "") return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, but is "${raw}"`)
  }
  return value
}

const flag = (env: Env, name: string): boolean => {
  const raw = env[name]?.trim().toLowerCase()
  if (raw === undefined || raw === "" || raw === "false" || raw === "0") return false
  if (raw === "true" || raw === "1") return true
  throw new ConfigError(`${name} must be true or false, but is "${env[name]}"`)
}

const levels = ["debug", "info", "warn", "error"] as const

/** Reads and checks the configuration; throws a `ConfigError` with one line on the first wrong value. */
export const fromEnv = (env: Env = process.env): ServerConfig => {
  const host = env.HOST?.trim() || "127.0.0.1"
  const port = integer(env, "PORT", 3000, 0, 65_535)
  const corsOrigins = (env.BAKEN_CORS_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter((o) => o !== "")
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(
        `BAKEN_CORS_ORIGINS must list origins like https://dashboard.example.nl, but has "${origin}"`,
      )
    }
  }
  const secret = env.BAKEN_PSEUDONYM_SECRET
  if (secret !== undefined && secret !== "" && secret.length < 32) {
    throw new ConfigError(`BAKEN_PSEUDONYM_SECRET must be at least 32 characters, but has ${secret.length}`)
  }
  const logLevel = (env.LOG_LEVEL?.trim() || "info") as ServerConfig["logLevel"]
  if (!levels.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${levels.join(", ")}, but is "${env.LOG_LEVEL}"`)
  }
  const database = Database.fromEnv(env)
  if (database._tag === "Server" && !/^postgres(ql)?:\/\//.test(database.url)) {
    throw new ConfigError("DATABASE_URL must be a postgres:// URL (or unset it to use the embedded store)")
  }
  return {
    host,
    port,
    corsOrigins,
    bodyLimit: integer(env, "BAKEN_BODY_LIMIT_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024),
    uploadLimit: integer(env, "BAKEN_UPLOAD_LIMIT_BYTES", 12 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    deliveryLimit: integer(env, "BAKEN_DELIVERY_LIMIT_BYTES", 2 * 1024 ** 3, 1024, 1024 ** 4),
    spoolDir:
      env.BAKEN_SPOOL_DIR?.trim() ||
      (database._tag === "Embedded" && database.dataDir !== undefined
        ? join(database.dataDir, "spool")
        : join(tmpdir(), "baken-spool")),
    publicRateLimit: integer(env, "BAKEN_PUBLIC_RATE_LIMIT", 600, 1, 10_000_000),
    trustProxy: flag(env, "BAKEN_TRUST_PROXY"),
    tokenRateLimit: integer(env, "BAKEN_TOKEN_RATE_LIMIT", 6000, 1, 10_000_000),
    answerCacheSeconds: integer(env, "BAKEN_ANSWER_CACHE_SECONDS", 5, 0, 60),
    dashboardCacheSeconds: integer(env, "BAKEN_DASHBOARD_CACHE_SECONDS", 30, 0, 86_400),
    pseudonymSecret: secret === undefined || secret === "" ? undefined : Redacted.make(secret),
    logLevel,
    webDir: env.BAKEN_WEB_DIR?.trim() || undefined,
    database,
  }
}
