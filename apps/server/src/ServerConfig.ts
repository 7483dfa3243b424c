/**
 * The server's configuration, read from environment variables and validated at start-up. A wrong value stops
 * start-up with one line naming the variable, what it must be and what it was. The database is chosen by the
 * store's own settings (`DATABASE_URL`, `BAKEN_DATA_DIR`, `BAKEN_DB_SCHEMA`).
 */
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Region } from "@baken/domain"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import { Database } from "@baken/store"
import { Redacted } from "effect"
import { parseRoles, type RoleMap, RolesError } from "./OidcClaims.js"

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
  /**
   * The secret of the HMAC pseudonymiser of before OPRF pseudonyms. The server no longer needs it (its own keys
   * pseudonymise uploads, see `Pseudonyms`); it is read only to keep old set-ups starting, and to key the demo.
   */
  readonly pseudonymSecret: Redacted.Redacted<string> | undefined
  /** OPRF evaluations a partner may ask for in 30 days: `base` plus `factor` × the distinct persons it delivered. */
  readonly oprfLimit?: { readonly base: number; readonly factor: number } | undefined
  /** A folder with a built web app (index.html) to serve at `/`; absent serves none. */
  readonly webDir: string | undefined
  /** Log level: requests are logged at `info`. */
  readonly logLevel: "debug" | "info" | "warn" | "error"
  readonly database: Database.Config
  /** The address people reach this server at (`BAKEN_PUBLIC_URL`), without a trailing slash; absent when not set. */
  readonly publicUrl: URL | undefined
  /** Sign-in with the organisation's OpenID Connect provider; absent (`BAKEN_OIDC_ISSUER` unset) keeps the code login alone. */
  readonly oidc: OidcConfig | undefined
}

/** How staff sign in with OpenID Connect (authorization code flow with PKCE). */
export interface OidcConfig {
  /** The provider's issuer identifier; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: URL
  readonly clientId: string
  readonly clientSecret: Redacted.Redacted<string>
  /** `<BAKEN_PUBLIC_URL>/inloggen/terug`, registered at the provider. */
  readonly redirectUri: URL
  /** What the sign-in button names, e.g. "Gemeente-account". */
  readonly name: string
  /** The claim whose values the mapping reads (`groups`, or `roles` for Entra app roles); may be a dotted path. */
  readonly roleClaim: string
  readonly roles: RoleMap
  /** The scopes asked for, `openid` among them. */
  readonly scopes: string
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

const loopback = new Set(["localhost", "127.0.0.1", "[::1]"])

/** An absolute URL from a variable: https, or http on this machine only; no query, no fragment. */
const webUrl = (env: Env, name: string, example: string): URL | undefined => {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === "") return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`${name} moet een volledig adres zijn, zoals ${example}, maar is "${raw}"`)
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback.has(url.hostname))) {
    throw new ConfigError(
      `${name} moet met https:// beginnen (http:// alleen voor localhost of 127.0.0.1), maar is "${raw}"`,
    )
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new ConfigError(`${name} mag geen ?, # of inlognaam bevatten, maar is "${raw}"`)
  }
  return url
}

const oidcVariables = [
  "BAKEN_OIDC_CLIENT_ID",
  "BAKEN_OIDC_CLIENT_SECRET",
  "BAKEN_OIDC_NAME",
  "BAKEN_OIDC_ROLE_CLAIM",
  "BAKEN_OIDC_ROLES",
  "BAKEN_OIDC_SCOPES",
] as const

/** The OpenID Connect settings, or undefined when `BAKEN_OIDC_ISSUER` is not set; every error is one Dutch line. */
export const oidcFromEnv = (
  env: Env,
  publicUrl: URL | undefined,
  municipalities: ReadonlyArray<string> = Region.everMembers(gooiEnVechtstreek.region),
): OidcConfig | undefined => {
  const issuer = webUrl(env, "BAKEN_OIDC_ISSUER", "https://login.microsoftonline.com/<tenant>/v2.0")
  if (issuer === undefined) {
    const stray = oidcVariables.find((name) => (env[name]?.trim() ?? "") !== "")
    if (stray !== undefined) {
      throw new ConfigError(`${stray} is gezet, maar BAKEN_OIDC_ISSUER niet: zet beide, of geen van beide`)
    }
    return undefined
  }
  const required = (name: string, what: string): string => {
    const value = env[name]?.trim() ?? ""
    if (value === "") throw new ConfigError(`${name} ontbreekt: BAKEN_OIDC_ISSUER is gezet, dus ${what} is nodig`)
    return value
  }
  const clientId = required("BAKEN_OIDC_CLIENT_ID", "de client-id van Baken bij de inlogdienst")
  const clientSecret = required("BAKEN_OIDC_CLIENT_SECRET", "het client-geheim van Baken bij de inlogdienst")
  if (publicUrl === undefined) {
    throw new ConfigError(
      "BAKEN_PUBLIC_URL ontbreekt: BAKEN_OIDC_ISSUER is gezet, dus het adres van Baken is nodig voor de terugkeer-URL (<BAKEN_PUBLIC_URL>/inloggen/terug)",
    )
  }
  const name = env.BAKEN_OIDC_NAME?.trim() || "uw organisatie-account"
  if (name.length > 60 || /[<>\p{Cc}]/u.test(name)) {
    throw new ConfigError(`BAKEN_OIDC_NAME moet een korte naam zijn (hoogstens 60 tekens), maar is "${name}"`)
  }
  const roleClaim = env.BAKEN_OIDC_ROLE_CLAIM?.trim() || "groups"
  if (!/^[\w:/.-]{1,200}$/.test(roleClaim)) {
    throw new ConfigError(
      `BAKEN_OIDC_ROLE_CLAIM moet de naam van een claim zijn, zoals groups of roles, maar is "${roleClaim}"`,
    )
  }
  let roles: RoleMap
  try {
    roles = parseRoles(required("BAKEN_OIDC_ROLES", "de koppeling van groepen of rollen aan Baken"), municipalities)
  } catch (error) {
    if (error instanceof RolesError) throw new ConfigError(error.message)
    throw error
  }
  const scopes = (env.BAKEN_OIDC_SCOPES?.trim() || "openid profile email").split(/\s+/)
  if (!scopes.includes("openid") || scopes.some((s) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s))) {
    throw new ConfigError(
      `BAKEN_OIDC_SCOPES moet scopes met spaties ertussen noemen, openid erbij, maar is "${env.BAKEN_OIDC_SCOPES}"`,
    )
  }
  return {
    issuer,
    clientId,
    clientSecret: Redacted.make(clientSecret),
    redirectUri: new URL(`${publicUrl.href.replace(/\/$/, "")}/inloggen/terug`),
    name,
    roleClaim,
    roles,
    scopes: scopes.join(" "),
  }
}

/** Reads and checks the configuration; throws a `ConfigError` with one line on the first wrong value. */
export const fromEnv = (
  env: Env = process.env,
  /** The CBS codes of the region's municipalities, that a role may name (default: Gooi en Vechtstreek's). */
  municipalities?: ReadonlyArray<string>,
): ServerConfig => {
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
  const publicUrl = webUrl(env, "BAKEN_PUBLIC_URL", "https://baken.gooienvechtstreek.nl")
  const oidc = municipalities === undefined ? oidcFromEnv(env, publicUrl) : oidcFromEnv(env, publicUrl, municipalities)
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
    oprfLimit: {
      base: integer(env, "BAKEN_OPRF_BASE", 10_000, 0, 1_000_000_000),
      factor: integer(env, "BAKEN_OPRF_FACTOR", 2, 0, 1000),
    },
    logLevel,
    webDir: env.BAKEN_WEB_DIR?.trim() || undefined,
    database,
    publicUrl,
    oidc,
  }
}
