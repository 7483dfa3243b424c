// The processing log narrowed the way an auditor asks for it (period, who, which token, which partner's data, subject
// text, action), a page at a time, on every backend; and filter values that are no honest filter (SQL, LIKE
// wildcards, 10 kB of text, a NUL character) are taken as text that matches nothing, never as SQL or a failure.
import { Effect, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ProcessingLog, Store } from "../src/index.js"
import { type Backend, backends } from "./Backends.js"

const day = 86_400_000
const t0 = Date.UTC(2026, 0, 1, 9, 0, 0)

/** The log the tests read, oldest first: [days after t0, actor, action, subject, purpose]. */
const entries: ReadonlyArray<readonly [number, string, ProcessingLog.Action, string, string]> = [
  [0, "partner:veilig-thuis token:0123456789abcdef", "write", "delivery ab12", "delivery upload"],
  [1, "region token:fedcba9876543210", "read", "deliveries of veilig-thuis", "delivery overview"],
  [2, "region token:fedcba9876543210", "read", "deliveries of veilig-thuis-noord", "delivery overview"],
  [
    3,
    "region token:fedcba9876543210",
    "write",
    "delivery schedule of veilig-thuis (veilig-thuis)",
    "delivery schedule",
  ],
  [
    4,
    "partner:veilig-thuis-noord token:1111222233334444",
    "read",
    "deliveries of veilig-thuis-noord",
    "delivery overview",
  ],
  [5, "cli:partner:veilig-thuis", "write", "delivery cd34", "delivery push from the partner's own adapter run"],
  [6, "admin token:aaaabbbbccccdddd", "read", "deliveries of every partner", "delivery overview"],
  [7, "municipality:GM0402 token:5555666677778888", "read", "declarations for plan 100%_plan", "budget overview"],
  [8, "region", "delete", "rejections of delivery ab12", "delivery rejection details"],
]

const logSuite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`the processing log on ${backend.name}`, () => {
    let runtime: ManagedRuntime.ManagedRuntime<Store.Services, unknown>
    const run = <A, E>(effect: Effect.Effect<A, E, Store.Services>) => runtime.runPromise(effect)
    const list = (options: ProcessingLog.ListOptions) =>
      run(ProcessingLog.ProcessingLog.use((log) => log.list(options)))
    const count = (filter: ProcessingLog.Filter) => run(ProcessingLog.ProcessingLog.use((log) => log.count(filter)))
    /** The days (after t0) of the entries listed with `options`. */
    const days = async (options: ProcessingLog.ListOptions) =>
      (await list(options)).map((e) => Math.round((e.at - t0) / day))

    beforeAll(async () => {
      runtime = ManagedRuntime.make(Store.layer(backend.config(), { onOpen: "migrate" }))
      await run(
        Effect.gen(function* () {
          const sql = yield* SqlClient
          for (const [d, actor, action, subject, purpose] of entries) {
            yield* sql`INSERT INTO processing_log (at, actor, action, subject, purpose)
              VALUES (to_timestamp(${(t0 + d * day) / 1000}), ${actor}, ${action}, ${subject}, ${purpose})`
          }
        }),
      )
    })
    afterAll(async () => {
      await runtime?.dispose()
      await backend.cleanup()
    })

    it("without a filter it lists every entry, oldest first, and newest first when asked", async () => {
      expect(await days({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
      expect(await days({ order: "newest" })).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0])
      expect(await count({})).toBe(9)
    })

    it("a period includes its first moment and excludes its end", async () => {
      const filter = { since: t0 + 2 * day, until: t0 + 5 * day }
      expect(await days(filter)).toEqual([2, 3, 4])
      expect(await count(filter)).toBe(3)
    })

    it("pages of a filtered list follow each other without overlap, and the count is of the whole filter", async () => {
      const filter = { action: "read" as const, order: "newest" as const }
      expect(await days({ ...filter, limit: 2 })).toEqual([7, 6])
      expect(await days({ ...filter, limit: 2, offset: 2 })).toEqual([4, 2])
      expect(await days({ ...filter, limit: 2, offset: 4 })).toEqual([1])
      expect(await days({ ...filter, limit: 2, offset: 6 })).toEqual([])
      expect(await count({ action: "read" })).toBe(5)
    })

    it("who acted matches exactly, whatever token was used: one partner is not another whose id begins the same", async () => {
      expect(await days({ actor: "region" })).toEqual([1, 2, 3, 8])
      expect(await days({ actor: "partner:veilig-thuis" })).toEqual([0])
      expect(await days({ actor: "partner:veilig" })).toEqual([])
      expect(await days({ actor: "municipality:GM0402" })).toEqual([7])
    })

    it("a token is found by its id or the beginning of it", async () => {
      expect(await days({ token: "fedcba9876543210" })).toEqual([1, 2, 3])
      expect(await days({ token: "fedc" })).toEqual([1, 2, 3])
      expect(await days({ token: "0123" })).toEqual([0])
      expect(await days({ token: "9876" })).toEqual([])
    })

    it("a partner's data is what it did itself (also through the CLI) and what others did to data named for it", async () => {
      expect(await days({ partner: "veilig-thuis" })).toEqual([0, 1, 3, 5])
      expect(await days({ partner: "veilig-thuis-noord" })).toEqual([2, 4])
      expect(await days({ partner: "veilig" })).toEqual([])
      expect(await days({ partner: "veilig-thuis", action: "read" })).toEqual([1])
      expect(await days({ partner: "veilig-thuis", actor: "region", since: t0 + 2 * day })).toEqual([3])
    })

    it("subject text is found in any case, and LIKE's wildcards in it are only themselves", async () => {
      expect(await days({ subject: "AB12" })).toEqual([0, 8])
      expect(await days({ subject: "100%_plan" })).toEqual([7])
      expect(await days({ subject: "%" })).toEqual([7])
      expect(await days({ subject: "_" })).toEqual([7])
      expect(await days({ subject: "10_%" })).toEqual([])
      expect(await days({ action: "delete" })).toEqual([8])
    })

    it("SQL, a 10 kB text, a NUL character or a backslash as a filter value matches nothing and harms nothing", async () => {
      const hostile = [
        "'; DROP TABLE processing_log; --",
        "x' OR '1'='1",
        "a".repeat(10_240),
        "ab\u000012",
        "\\",
        "(.*)",
      ]
      for (const value of hostile) {
        for (const filter of [{ actor: value }, { token: value }, { partner: value }, { subject: value }]) {
          expect(await list(filter), JSON.stringify(filter).slice(0, 60)).toEqual([])
          expect(await count(filter)).toBe(0)
        }
      }
      expect(await count({})).toBe(9)
    })

    it("a bound that is no number, and a limit or offset that is no whole number, do not fail the list", async () => {
      expect(await days({ since: Number.NaN, until: Number.POSITIVE_INFINITY })).toHaveLength(9)
      expect(await days({ limit: 2.7, offset: -3 })).toEqual([0, 1])
    })
  })

for (const backend of backends("log")) logSuite(backend)
