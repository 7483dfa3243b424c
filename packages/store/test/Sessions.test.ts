// Dashboard sessions and the sign-in throttle on every backend: a session lives until logout, 30 minutes idle,
// 12 hours in all, the revocation or expiry of its token, or an administrator ending it or all of a person's
// sessions; only the secret's hash is stored. Failed sign-ins are counted per address and minute.
import { Effect, Option } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { ApiTokenRepository, SessionRepository, SignInThrottle, type Store } from "../src/index.js"
import { type Backend, backends, openStore } from "./Backends.js"

const start = Date.UTC(2026, 10, 30, 9, 0, 0)

const withSessions = <A, E>(f: (s: SessionRepository.SessionRepository["Service"]) => Effect.Effect<A, E>) =>
  Effect.flatMap(SessionRepository.SessionRepository, f)
const withThrottle = <A, E>(f: (t: SignInThrottle.SignInThrottle["Service"]) => Effect.Effect<A, E>) =>
  Effect.flatMap(SignInThrottle.SignInThrottle, f)
const withTokens = <A, E>(f: (t: ApiTokenRepository.ApiTokenRepository["Service"]) => Effect.Effect<A, E>) =>
  Effect.flatMap(ApiTokenRepository.ApiTokenRepository, f)
const withSql = <A, E>(f: (sql: SqlClient) => Effect.Effect<A, E>) => Effect.flatMap(SqlClient, f)

const suite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`sessions on ${backend.name}`, () => {
    const store = openStore(backend)
    /** Runs `effect` at `at` milliseconds after `start` on a test clock. */
    const runAt = <A, E>(at: number, effect: Effect.Effect<A, E, Store.Services>) =>
      store.runtime().runPromise(
        Effect.gen(function* () {
          yield* TestClock.setTime(start + at)
          return yield* effect
        }).pipe(Effect.provide(TestClock.layer())),
      )
    const owner = (subject: string, extra: Partial<SessionRepository.Owner> = {}): SessionRepository.Owner => ({
      audience: "region",
      subject,
      label: "Beleidsmedewerker regio",
      ...extra,
    })
    const resumed = (at: number, secret: string) =>
      runAt(
        at,
        Effect.map(
          withSessions((s) => s.resume(secret)),
          Option.isSome,
        ),
      )

    it("keeps only the hash of a session's secret, and finds the session by the secret", async () => {
      const { secret, session } = await runAt(
        0,
        withSessions((s) => s.start(owner("a"))),
      )
      expect(secret).toMatch(/^bks_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/)
      expect(secret.slice(4, 20)).toBe(session.id)
      const stored = await runAt(
        0,
        withSql((sql) => sql.unsafe<Record<string, unknown>>("SELECT * FROM sessions")),
      )
      expect(JSON.stringify(stored)).not.toContain(secret.slice(21))
      const found = await runAt(
        1_000,
        withSessions((s) => s.resume(secret)),
      )
      expect(Option.map(found, (s) => [s.audience, s.subject, s.label])).toEqual(
        Option.some(["region", "a", "Beleidsmedewerker regio"]),
      )
      expect(await resumed(1_000, `${secret.slice(0, -1)}x`)).toBe(false)
      expect(await resumed(1_000, "not a secret")).toBe(false)
    })

    it("ends a session after 30 minutes without a request, and not while requests keep coming", async () => {
      const { secret } = await runAt(
        0,
        withSessions((s) => s.start(owner("idle"))),
      )
      // A request every 29 minutes keeps it alive for two hours.
      for (let m = 29; m <= 116; m += 29) expect(await resumed(m * 60_000, secret)).toBe(true)
      expect(await resumed((116 + 31) * 60_000, secret)).toBe(false)
      // An ended session does not come back by being asked again sooner.
      expect(await resumed((116 + 31) * 60_000 + 1, secret)).toBe(false)
    })

    it("ends a session 12 hours after it started, however busy", async () => {
      const { secret } = await runAt(
        0,
        withSessions((s) => s.start(owner("busy"))),
      )
      for (let m = 20; m < 12 * 60; m += 20) expect(await resumed(m * 60_000, secret)).toBe(true)
      expect(await resumed(12 * 3_600_000 + 1_000, secret)).toBe(false)
    })

    it("ends a session at logout, and then once more answers that there was none", async () => {
      const { secret } = await runAt(
        0,
        withSessions((s) => s.start(owner("out"))),
      )
      expect(
        await runAt(
          1,
          withSessions((s) => s.end(secret)),
        ),
      ).toBe(true)
      expect(await resumed(2, secret)).toBe(false)
      expect(
        await runAt(
          3,
          withSessions((s) => s.end(secret)),
        ),
      ).toBe(false)
    })

    it("knows a secret of a session that ended as ended, for a day after it expired, and a made-up one as never", async () => {
      const { secret } = await runAt(
        0,
        withSessions((s) => s.start(owner("terug"))),
      )
      const ended = (at: number, value: string) =>
        runAt(
          at,
          withSessions((s) => s.ended(value)),
        )
      await runAt(
        1,
        withSessions((s) => s.end(secret)),
      )
      expect(await resumed(2, secret)).toBe(false)
      expect(await ended(2, secret)).toBe(true)
      expect(await ended(2, `bks_${"0".repeat(16)}_${"x".repeat(43)}`)).toBe(false)
      expect(await ended(2, "geen geheim")).toBe(false)
      // Rows go a day after their session expired, at the next sign-in after that.
      const later = SessionRepository.absoluteMs + SessionRepository.keptMs + 60_000
      await runAt(
        later,
        withSessions((s) => s.start(owner("later"))),
      )
      expect(await ended(later, secret)).toBe(false)
    })

    it("keeps at most 20 live sessions of one person: a new one ends the session seen longest ago", async () => {
      const secrets: Array<string> = []
      for (let i = 0; i < SessionRepository.perSubject; i++) {
        const { secret } = await runAt(
          i * 1_000,
          withSessions((s) => s.start(owner("veel"))),
        )
        secrets.push(secret)
      }
      // The first is used again, so the second is now the one seen longest ago.
      expect(await resumed(30_000, secrets[0] ?? "")).toBe(true)
      await runAt(
        31_000,
        withSessions((s) => s.start(owner("veel"))),
      )
      expect(await resumed(32_000, secrets[1] ?? "")).toBe(false)
      expect(await resumed(32_000, secrets[0] ?? "")).toBe(true)
      const live = await runAt(
        32_000,
        withSessions((s) => s.list()),
      )
      expect(live.filter((s) => s.subject === "veel")).toHaveLength(SessionRepository.perSubject)
    })

    it("ends a session started with a token when the token is revoked, or expires", async () => {
      const issued = await runAt(
        0,
        withTokens((t) =>
          Effect.all([
            t.issue({ scopes: ["audience:region"], label: "lang", expiresAt: start + 86_400_000 }),
            t.issue({ scopes: ["audience:region"], label: "kort", expiresAt: start + 10 * 60_000 }),
          ]),
        ),
      )
      const [revoked, expiring] = await Promise.all(
        issued.map((i) =>
          runAt(
            0,
            withSessions((s) => s.start(owner(`token:${i.token.id}`, { tokenId: i.token.id }))),
          ),
        ),
      )
      expect(await resumed(60_000, revoked?.secret ?? "")).toBe(true)
      await runAt(
        61_000,
        withTokens((t) => t.revoke(issued[0]?.token.id ?? "")),
      )
      expect(await resumed(62_000, revoked?.secret ?? "")).toBe(false)
      expect(await resumed(9 * 60_000, expiring?.secret ?? "")).toBe(true)
      expect(await resumed(11 * 60_000, expiring?.secret ?? "")).toBe(false)
    })

    it("ends one session by its id, or every session of one person, and lists only the live ones", async () => {
      const [one, two, other] = await Promise.all(
        [
          owner("oidc:p#1"),
          owner("oidc:p#1"),
          owner("oidc:p#2", { audience: "municipality", municipality: "GM0406" }),
        ].map((o) =>
          runAt(
            0,
            withSessions((s) => s.start(o)),
          ),
        ),
      )
      const listed = async () =>
        (
          await runAt(
            1_000,
            withSessions((s) => s.list()),
          )
        ).map((s) => s.id)
      const ids = [one, two, other].map((s) => s?.session.id ?? "")
      for (const id of ids) expect(await listed()).toContain(id)
      expect(
        await runAt(
          2_000,
          withSessions((s) => s.endOfSubject("oidc:p#1")),
        ),
      ).toBe(2)
      expect(await resumed(3_000, one?.secret ?? "")).toBe(false)
      expect(await resumed(3_000, two?.secret ?? "")).toBe(false)
      expect(await resumed(3_000, other?.secret ?? "")).toBe(true)
      expect(
        await runAt(
          4_000,
          withSessions((s) => s.endById(ids[2] ?? "")),
        ),
      ).toBe(true)
      expect(await resumed(5_000, other?.secret ?? "")).toBe(false)
      for (const id of ids) expect(await listed()).not.toContain(id)
    })

    it("counts failed sign-ins per address and minute, and starts again in the next minute", async () => {
      const fail = (at: number, address: string) =>
        runAt(
          at,
          withThrottle((t) => t.fail(address)),
        )
      const counts: Array<number> = []
      for (let i = 0; i < 5; i++) counts.push(await fail(i * 1_000, "192.0.2.1"))
      expect(counts).toEqual([1, 2, 3, 4, 5])
      expect(await fail(6_000, "192.0.2.2")).toBe(1)
      expect(
        await runAt(
          7_000,
          withThrottle((t) => t.failures("192.0.2.1")),
        ),
      ).toBe(5)
      expect(
        await runAt(
          60_000,
          withThrottle((t) => t.failures("192.0.2.1")),
        ),
      ).toBe(0)
      expect(await fail(61_000, "192.0.2.1")).toBe(1)
      // An address of any length or content is a key, never part of the statement.
      expect(await fail(62_000, "'); DROP TABLE sessions; --".repeat(100))).toBe(1)
      // The store keeps a hash of the address, not the address (an IP address is personal data).
      const kept = await runAt(
        63_000,
        withSql((sql) => sql.unsafe<{ readonly client: string }>("SELECT client FROM sign_in_failures")),
      )
      expect(kept.length).toBeGreaterThan(0)
      for (const row of kept) expect(row.client).toMatch(/^[0-9a-f]{64}$/)
    })
  })

for (const backend of backends("sessions")) suite(backend)

describe("the minute of a failed sign-in", () => {
  it("says how many seconds are left in the minute, at least one", () => {
    expect(SignInThrottle.minuteOf(60_000)).toEqual({ minute: 1, secondsLeft: 60 })
    expect(SignInThrottle.minuteOf(119_999)).toEqual({ minute: 1, secondsLeft: 1 })
    expect(SignInThrottle.minuteOf(90_500)).toEqual({ minute: 1, secondsLeft: 30 })
  })
})
