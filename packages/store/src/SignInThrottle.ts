/**
 * Failed sign-ins and unknown tokens, counted per client address and minute in the store, so that every server on
 * one database counts the same failures: an address that failed `limit` times in a minute is refused until the minute
 * is over. The store keeps the SHA-256 of the address, not the address (an IP address is personal data), and clears
 * old minutes as new failures come in. Time comes from `Clock`.
 */
import { createHash } from "node:crypto"
import { Clock, Context, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** The minute (since the epoch) a time falls in, and the seconds left in it (at least 1). */
export const minuteOf = (now: number): { readonly minute: number; readonly secondsLeft: number } => {
  const minute = Math.floor(now / 60_000)
  return { minute, secondsLeft: Math.max(1, Math.ceil(((minute + 1) * 60_000 - now) / 1000)) }
}

/** How a client address is kept: its SHA-256, whatever its length or content. */
const clientOf = (address: string): string => createHash("sha256").update(address).digest("hex")

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const fail = Effect.fn("SignInThrottle.fail")(function* (address: string) {
    const { minute } = minuteOf(yield* Clock.currentTimeMillis)
    const rows = yield* sql
      .unsafe<{ readonly failures: number }>(
        `INSERT INTO sign_in_failures (client, minute, failures) VALUES ($1, $2, 1)
         ON CONFLICT (client, minute) DO UPDATE SET failures = sign_in_failures.failures + 1
         RETURNING failures`,
        [clientOf(address), minute],
      )
      .pipe(orStoreError("counting a failed sign-in"))
    // The first failure of a minute clears the minutes before the last one.
    if (rows[0]?.failures === 1) {
      yield* sql
        .unsafe("DELETE FROM sign_in_failures WHERE minute < $1", [minute - 1])
        .pipe(orStoreError("clearing old failed sign-ins"))
    }
    return rows[0]?.failures ?? 1
  })

  const failures = Effect.fn("SignInThrottle.failures")(function* (address: string) {
    const { minute } = minuteOf(yield* Clock.currentTimeMillis)
    const rows = yield* sql
      .unsafe<{ readonly failures: number }>(
        "SELECT failures FROM sign_in_failures WHERE client = $1 AND minute = $2",
        [clientOf(address), minute],
      )
      .pipe(orStoreError("reading failed sign-ins"))
    return rows[0]?.failures ?? 0
  })

  return SignInThrottle.of({ fail, failures })
})

/** Counts failed sign-ins per client address and minute. */
export class SignInThrottle extends Context.Service<
  SignInThrottle,
  {
    /** Records a failure of `address` in the current minute; how many it has had in this minute, this one included. */
    readonly fail: (address: string) => Effect.Effect<number, StoreError>
    /** How many failures `address` has had in the current minute. */
    readonly failures: (address: string) => Effect.Effect<number, StoreError>
  }
>()("@baken/store/SignInThrottle") {
  /** The throttle over the `SqlClient` in context. */
  static readonly layer = Layer.effect(SignInThrottle, make)
}
