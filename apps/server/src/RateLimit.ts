/**
 * A fixed-window rate limit per key (a token id, or an IP address for the public): at most `limit` requests per
 * window. It is kept in this process, so with several servers each one limits on its own.
 */

/** Counts requests per key and says whether one more is allowed. */
export interface RateLimiter {
  /** Records a request of `key` that counts `weight` times (a batch of calls); returns the seconds to wait when over the limit, else 0. */
  readonly hit: (key: string, limit: number, weight?: number) => number
}

/** A limiter with windows of `windowMs` milliseconds; `now` is injectable for tests. */
export const make = (windowMs = 60_000, now: () => number = Date.now): RateLimiter => {
  let windowStart = now()
  let counts = new Map<string, number>()
  return {
    hit: (key, limit, weight = 1) => {
      const t = now()
      if (t - windowStart >= windowMs) {
        windowStart = t
        counts = new Map()
      }
      const count = (counts.get(key) ?? 0) + Math.max(1, weight)
      counts.set(key, count)
      return count > limit ? Math.max(1, Math.ceil((windowStart + windowMs - t) / 1000)) : 0
    },
  }
}
