/**
 * Dashboard sessions as the server keeps them: starting one (after a token code or the identity provider said who the
 * person is), ending one, the client address a request comes from, whether its cookie must be Secure, and the guard
 * that throttles failed sign-ins and unknown tokens per client address. The sessions themselves live in the store
 * (`SessionRepository`), so every server process on one database sees the same ones.
 */
import { createHash } from "node:crypto"
import { ApiError, type Audience, Authentication, type Environment, Pseudonyms } from "@baken/api"
import { SignInThrottle } from "@baken/store"
import type { DashboardSource } from "@baken/web"
import { Effect, Exit } from "effect"
import type { Context } from "hono"
import * as Log from "./Log.js"
import type { Runtime } from "./Runtime.js"

/** How many failed sign-ins and unknown tokens one client address may have in a minute before it must wait. */
export const failureLimit = 10

/** Who signs in: the caller they act as, who they are (`token:<id>`, `oidc:<issuer>#<sub>`), and their name. */
export interface SignIn {
  readonly caller: Audience.Caller
  readonly subject: string
  readonly label: string
}

/** Starts a session for a person whose identity was checked; `id` is the secret for the session cookie. */
export const start = async (runtime: Runtime, who: SignIn): Promise<{ readonly id: string }> => {
  const started = await runtime.runPromise(Authentication.startSession(who))
  return { id: started.secret }
}

/**
 * The address a request comes from: the socket's, or with a trusted proxy the last of `X-Forwarded-For` — the one
 * the proxy itself added; the values before it are what the client claimed (an outside tester locked out any address
 * and guessed without limit by sending a first value of its choice). At most 100 characters are kept.
 */
export const addressOf = (
  c: { env: unknown; req: { header: (name: string) => string | undefined } },
  trustProxy: boolean,
): string => {
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
  const forwarded = trustProxy ? c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim() : undefined
  return ((forwarded !== undefined && forwarded !== "" ? forwarded : socket?.remoteAddress) ?? "unknown").slice(0, 100)
}

/**
 * Whether a request came over HTTPS: its own URL, or with a trusted proxy `X-Forwarded-Proto: https` — its last value,
 * the one the proxy itself added, as for the address.
 */
export const isHttps = (
  c: { req: { url: string; header: (name: string) => string | undefined } },
  trustProxy: boolean,
): boolean =>
  new URL(c.req.url).protocol === "https:" ||
  (trustProxy && c.req.header("x-forwarded-proto")?.split(",").at(-1)?.trim().toLowerCase() === "https")

/** Throttles failed sign-ins and unknown tokens per client address. */
export interface Guard {
  /**
   * The seconds `address` must still wait before `credential` is checked (0: it may be), from what this process
   * learnt; no store read. A credential this process saw succeed is checked anyway, so a lockout of an address holds
   * up guesses, not the partner or officer whose code works (an outside tester locked out valid tokens with 9 guesses).
   */
  readonly waiting: (address: string, credential: string) => number
  /** Records that `credential` was valid (it is kept as a hash, a bounded number of them). */
  readonly succeeded: (credential: string) => void
  /**
   * Counts a failure of `address` in the store, shared by every server on the database; the seconds it must now wait
   * when that made it reach the limit, else 0.
   */
  readonly failed: (address: string) => Promise<number>
}

/**
 * A guard over the runtime's store; `now` is injectable for tests. When an address reaches the limit, `logger` gets a
 * warning naming the address by a short hash (an address is personal data) and how long it waits.
 */
export const guard = (
  runtime: Runtime,
  limit = failureLimit,
  now: () => number = Date.now,
  logger: Log.Logger = Log.silent,
): Guard => {
  const blockedUntil = new Map<string, number>()
  const valid = new Set<string>()
  const hashOf = (credential: string) => createHash("sha256").update(credential).digest("base64url")
  return {
    waiting: (address, credential) => {
      const until = blockedUntil.get(address)
      if (until === undefined) return 0
      const left = until - now()
      if (left <= 0) {
        blockedUntil.delete(address)
        return 0
      }
      return valid.has(hashOf(credential)) ? 0 : Math.ceil(left / 1000)
    },
    succeeded: (credential) => {
      const hash = hashOf(credential)
      if (valid.has(hash)) return
      if (valid.size >= 10_000) valid.delete(valid.values().next().value as string)
      valid.add(hash)
    },
    failed: async (address) => {
      // The store and the log know the address only by its keyed hash: an unkeyed SHA-256 of an IPv4 address is
      // reversed by trying all of them (outside tester).
      const exit = await runtime.runPromiseExit(
        Effect.gen(function* () {
          const client = Pseudonyms.hashIdentifier(yield* Pseudonyms.identifierKey, address)
          return { client, failures: yield* (yield* SignInThrottle.SignInThrottle).fail(client) }
        }),
      )
      // A store that cannot count lets the failure pass uncounted: the sign-in itself was refused anyway.
      if (Exit.isFailure(exit) || exit.value.failures < limit) return 0
      const { secondsLeft } = SignInThrottle.minuteOf(now())
      // Forget addresses whose wait is over before remembering another, so the map stays as small as the attack.
      if (blockedUntil.size > 10_000) for (const [a, until] of blockedUntil) if (until <= now()) blockedUntil.delete(a)
      if (!blockedUntil.has(address)) {
        const { client, failures } = exit.value
        logger.log("warn", "sign-ins throttled", { client: client.slice(0, 16), failures, seconds: secondsLeft })
      }
      blockedUntil.set(address, now() + secondsLeft * 1000)
      return secondsLeft
    },
  }
}

/** What the server shares with the dashboard: the guard of failed sign-ins, and whether a proxy in front is trusted. */
export interface Shared {
  readonly guard: Guard
  readonly trustProxy: boolean
}

/** What checking a credential through the guard came to. */
export type Checked<A> =
  | { readonly ok: true; readonly value: A }
  /** The address failed too often: it must wait this many seconds, and the credential was not looked at. */
  | { readonly ok: false; readonly reason: "throttled"; readonly seconds: number }
  /** The credential is wrong (counted against the address); `message` says how, in English, for the API. */
  | { readonly ok: false; readonly reason: "unknown"; readonly message: string }
  /** The store could not check it: never counted, never a wrong credential. */
  | { readonly ok: false; readonly reason: "unavailable"; readonly error: ReturnType<typeof ApiError.fromCause> }

/**
 * Checks `credential` (a bearer header, a token code, a session secret) from `address` by running `check`, through
 * the guard: a throttled address waits without a store read; a wrong credential counts against the address; one that
 * worked passes a later lockout. The one place the API's routes, the upload route and the dashboard check who calls.
 */
export const check = async <A, E>(
  runtime: Runtime,
  guard: Guard,
  address: string,
  credential: string,
  effect: Effect.Effect<A, E, Environment.Services>,
): Promise<Checked<A>> => {
  const waiting = guard.waiting(address, credential)
  if (waiting > 0) return { ok: false, reason: "throttled", seconds: waiting }
  const exit = await runtime.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) {
    guard.succeeded(credential)
    return { ok: true, value: exit.value }
  }
  const wrong = Authentication.unauthenticatedOf(exit.cause)
  if (wrong === undefined) return { ok: false, reason: "unavailable", error: ApiError.fromCause(exit.cause, "web") }
  // A session that really was, and ended, is a person coming back, not a guess: it does not count against the
  // address (ten colleagues back after their idle timeout locked out their office).
  if (wrong.ended === true) return { ok: false, reason: "unknown", message: wrong.message }
  const seconds = await guard.failed(address)
  return seconds > 0
    ? { ok: false, reason: "throttled", seconds }
    : { ok: false, reason: "unknown", message: wrong.message }
}

/** The guard's key of a dashboard session's secret (a bearer header or code is its own key). */
export const sessionCredential = (secret: string): string => `session ${secret}`

/** The web app's sessions: sign in with a token code (throttled per address), end, and the cookie's Secure flag. */
export const forWeb = (runtime: Runtime, options: Shared) =>
  ({
    signIn: async (code, c) => {
      const address = addressOf(c, options.trustProxy)
      const checked = await check(
        runtime,
        options.guard,
        address,
        `Bearer ${code}`,
        Authentication.signInWithToken(code),
      )
      if (checked.ok) {
        // The new session is a credential that worked: a later lockout of the address does not hold it up.
        options.guard.succeeded(sessionCredential(checked.value.secret))
        return { ok: true, session: checked.value.secret }
      }
      // A store that cannot check the code fails as the API does (503), never as a wrong code.
      if (checked.reason === "unavailable") throw checked.error
      return checked.reason === "throttled" ? checked : { ok: false, reason: "unknown" }
    },
    end: async (session) => {
      await runtime.runPromise(Authentication.endSession(session))
    },
    secure: (c) => isHttps(c, options.trustProxy),
  }) satisfies DashboardSource.Sessions
