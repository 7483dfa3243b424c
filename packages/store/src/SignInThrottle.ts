/**
 * Failed sign-ins and unknown tokens, counted per client address and minute in the store, so that every server on
 * one database counts the same failures: an address that failed `limit` times in a minute is refused until the minute
 * is over. Old minutes are cleared as new failures come in. Time comes from `Clock`.
 */
import { Clock, Context, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** The minute (since the epoch) a time falls in, and the seconds left in it (at least 1). */
export const minuteOf = (now: number): { readonly minute: number; readonly secondsLeft: number } => {
  const minute = Math.floor(now / 60_000)
  return { minute, secondsLeft: Math.max(1, Math.ceil(((minute + 1) * 60_000 - now) / 1000)) }
}

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const fail = Effect.fn("SignInThrottle.fail")(function* (address: string) {
    const { minute } = minuteOf(yield* Clock.currentTimeMillis)
    const rows = yield* sql
      .unsafe<{ readonly failures: number }>(
        `INSERT INTO sign_in_failures (address, minute, failures) VALUES ($1, $2, 1)
         ON CONFLICT (address, minute) DO UPDATE SET failures = sign_in_failures.failures + 1
         RETURNING failures`,
        [address.slice(0, 100), minute],
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
        "SELECT failures FROM sign_in_failures WHERE address = $1 AND minute = $2",
        [address.slice(0, 100), minute],
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
