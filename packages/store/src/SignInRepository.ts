/**
 * Sign-ins with an OpenID Connect provider that are under way: between sending a person to the provider and their
 * coming back, the state, nonce, PKCE code verifier and the page they wanted are kept here, in the store, so that any
 * server process sharing the database can finish the sign-in. A pending sign-in is valid for `lifetimeMs` and is
 * taken once: `take` deletes it in the same statement that reads it, so a replayed callback finds nothing, on every
 * process. Only a SHA-256 hash of the state and of the browser's binding value are stored. Time comes from `Clock`.
 */
import { createHash } from "node:crypto"
import { Clock, Context, Effect, Layer, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { decode, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** How long a person may take at the provider before the sign-in has to start again: 10 minutes. */
export const lifetimeMs = 10 * 60_000

/** What `begin` keeps of a sign-in. */
export interface Begin {
  /** The `state` sent to the provider; it comes back in the callback and finds this sign-in. */
  readonly state: string
  /** A random value kept in the browser's cookie, so that only the browser that started may finish. */
  readonly browser: string
  readonly nonce: string
  readonly codeVerifier: string
  /** The path the person wanted, to return to after signing in. */
  readonly next: string
}

/** A pending sign-in as `take` hands it back. */
export class Pending extends Schema.Class<Pending>("PendingSignIn")({
  browserHash: Schema.String,
  nonce: Schema.String,
  codeVerifier: Schema.String,
  next: Schema.String,
  createdAt: Schema.Number,
}) {
  /** Whether `browser` is the value the sign-in was started with. */
  startedBy(browser: string): boolean {
    return hash(browser) === this.browserHash
  }
}

/** What `take` found for a state: the sign-in, one older than `lifetimeMs`, or nothing (unknown or already used). */
export type Taken =
  | { readonly _tag: "Found"; readonly pending: Pending }
  | { readonly _tag: "Expired" }
  | { readonly _tag: "Unknown" }

const hash = (value: string): string => createHash("sha256").update(value).digest("hex")
const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const begin = Effect.fn("SignInRepository.begin")(function* (request: Begin) {
    const now = yield* Clock.currentTimeMillis
    // Sign-ins nobody finished are cleared as new ones begin: the table holds at most ten minutes of them.
    yield* sql
      .unsafe("DELETE FROM oidc_sign_ins WHERE created_at < to_timestamp($1::float8 / 1000)", [now - lifetimeMs])
      .pipe(orStoreError("clearing expired sign-ins"))
    yield* sql
      .unsafe(
        `INSERT INTO oidc_sign_ins (state_hash, browser_hash, nonce, code_verifier, next_path, created_at)
         VALUES ($1, $2, $3, $4, $5, to_timestamp($6::float8 / 1000))`,
        [hash(request.state), hash(request.browser), request.nonce, request.codeVerifier, request.next, now],
      )
      .pipe(orStoreError("keeping a sign-in"))
  })

  const take = Effect.fn("SignInRepository.take")(function* (state: string) {
    const now = yield* Clock.currentTimeMillis
    const rows = yield* sql
      .unsafe(
        `DELETE FROM oidc_sign_ins WHERE state_hash = $1
         RETURNING browser_hash AS "browserHash", nonce, code_verifier AS "codeVerifier", next_path AS "next",
           ${ms("created_at")} AS "createdAt"`,
        [hash(state)],
      )
      .pipe(Effect.flatMap(decode(Pending, "taking a sign-in")), orStoreError("taking a sign-in"))
    const pending = rows[0]
    if (pending === undefined) return { _tag: "Unknown" } satisfies Taken as Taken
    if (now - pending.createdAt > lifetimeMs) return { _tag: "Expired" } satisfies Taken as Taken
    return { _tag: "Found", pending } satisfies Taken as Taken
  })

  return SignInRepository.of({ begin, take })
})

/** Keeps OpenID Connect sign-ins between the redirect to the provider and the callback. */
export class SignInRepository extends Context.Service<
  SignInRepository,
  {
    /** Keeps a new sign-in (and clears those older than `lifetimeMs`). */
    readonly begin: (request: Begin) => Effect.Effect<void, StoreError>
    /** Takes the sign-in of `state` out of the store: found once, then never again. */
    readonly take: (state: string) => Effect.Effect<Taken, StoreError>
  }
>()("@baken/store/SignInRepository") {
  /** The repository over the `SqlClient` in context. */
  static readonly layer = Layer.effect(SignInRepository, make)
}
