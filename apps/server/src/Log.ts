/**
 * Structured logs: one JSON object per line on standard output, with a time, level, message and fields such as the
 * request id. Secrets are never passed in; errors are logged with their tag and message, not their stack.
 */

/** How loud a line is. */
export type Level = "debug" | "info" | "warn" | "error"

const rank: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/** Writes log lines at or above a level. */
export interface Logger {
  /** Whether lines of `level` are written (so callers can skip building them). */
  readonly enabled: (level: Level) => boolean
  readonly log: (level: Level, message: string, fields?: Readonly<Record<string, unknown>>) => void
}

/** A logger writing JSON lines to `write` (standard output by default). */
export const make = (
  minimum: Level = "info",
  write: (line: string) => void = (l) => process.stdout.write(l),
): Logger => ({
  enabled: (level) => rank[level] >= rank[minimum],
  log: (level, message, fields = {}) => {
    if (rank[level] < rank[minimum]) return
    write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`)
  },
})

/** A logger that drops everything (tests, benchmarks). */
export const silent: Logger = { enabled: () => false, log: () => {} }
