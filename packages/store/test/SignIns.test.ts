// OpenID Connect sign-ins under way, on PGlite and on PostgreSQL: what `begin` keeps comes back once from `take`,
// for the browser that started it, and never again; one older than ten minutes is expired; taking the same state from
// two connections at once gives it to one of them only.
import { randomBytes } from "node:crypto"
import { Clock, Effect } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { describe, expect, it } from "vitest"
import { SignInRepository } from "../src/index.js"
import { type Backend, backends, openStore } from "./Backends.js"

const Repo = SignInRepository.SignInRepository

/** A clock standing still at `ms`. */
const clockAt = (ms: number): Clock.Clock => ({
  currentTimeMillisUnsafe: () => ms,
  currentTimeMillis: Effect.succeed(ms),
  currentTimeNanosUnsafe: () => BigInt(ms) * 1_000_000n,
  currentTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
  monotonicTimeNanosUnsafe: () => BigInt(ms) * 1_000_000n,
  monotonicTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
  sleep: () => Effect.void,
})

const random = (bytes: number) => randomBytes(bytes).toString("base64url")
const signIn = (next = "/regio"): SignInRepository.Begin => ({
  state: random(32),
  browser: random(32),
  nonce: random(32),
  codeVerifier: random(32),
  next,
})

const suite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`sign-ins under way on ${backend.name}`, () => {
    const { run } = openStore(backend)
    const at = <A, E, R>(ms: number, effect: Effect.Effect<A, E, R>) =>
      Effect.provideService(effect, Clock.Clock, clockAt(ms))

    it("a kept sign-in is taken once, with its nonce, verifier and page, and a second take finds nothing", async () => {
      const request = signIn("/gemeente")
      const [first, second] = await run(
        Repo.use((r) =>
          Effect.gen(function* () {
            yield* r.begin(request)
            return [yield* r.take(request.state), yield* r.take(request.state)] as const
          }),
        ),
      )
      expect(first._tag).toBe("Found")
      if (first._tag !== "Found") return
      expect({ nonce: first.pending.nonce, verifier: first.pending.codeVerifier, next: first.pending.next }).toEqual({
        nonce: request.nonce,
        verifier: request.codeVerifier,
        next: "/gemeente",
      })
      expect(first.pending.startedBy(request.browser)).toBe(true)
      expect(first.pending.startedBy(random(32))).toBe(false)
      expect(second._tag).toBe("Unknown")
    })

    it("a state that was never kept is unknown", async () => {
      expect((await run(Repo.use((r) => r.take(random(32)))))._tag).toBe("Unknown")
    })

    it("the store keeps hashes of the state and the browser value, not the values", async () => {
      const request = signIn()
      const stored = await run(
        Effect.gen(function* () {
          yield* Repo.use((r) => r.begin(request))
          const sql = yield* SqlClient
          return yield* sql<{ readonly row: string }>`SELECT row_to_json(s)::text AS row FROM oidc_sign_ins s`
        }),
      )
      const text = stored.map((r) => r.row).join("\n")
      expect(text).toContain(request.nonce)
      expect(text).not.toContain(request.state)
      expect(text).not.toContain(request.browser)
      await run(Repo.use((r) => r.take(request.state)))
    })

    it("a sign-in taken more than ten minutes after it began is expired, and gone afterwards", async () => {
      const request = signIn()
      const start = Date.now()
      const [late, again] = await run(
        Repo.use((r) =>
          Effect.gen(function* () {
            yield* at(start, r.begin(request))
            const late = yield* at(start + SignInRepository.lifetimeMs + 1, r.take(request.state))
            return [late, yield* at(start, r.take(request.state))] as const
          }),
        ),
      )
      expect(late._tag).toBe("Expired")
      expect(again._tag).toBe("Unknown")
    })

    it("a sign-in taken just within ten minutes is found", async () => {
      const request = signIn()
      const start = Date.now()
      const taken = await run(
        Repo.use((r) =>
          Effect.gen(function* () {
            yield* at(start, r.begin(request))
            return yield* at(start + SignInRepository.lifetimeMs, r.take(request.state))
          }),
        ),
      )
      expect(taken._tag).toBe("Found")
    })

    it("beginning a sign-in clears those nobody finished within ten minutes", async () => {
      const old = signIn()
      const start = Date.now()
      const left = await run(
        Effect.gen(function* () {
          const r = yield* Repo
          yield* at(start - SignInRepository.lifetimeMs - 1, r.begin(old))
          yield* at(start, r.begin(signIn()))
          const sql = yield* SqlClient
          return yield* sql<{ readonly n: number }>`SELECT count(*)::int AS n FROM oidc_sign_ins
            WHERE created_at < to_timestamp(${start - SignInRepository.lifetimeMs} / 1000.0)`
        }),
      )
      expect(left[0]?.n).toBe(0)
    })

    it("of twenty takes of one state at once, exactly one finds the sign-in", async () => {
      const request = signIn()
      await run(Repo.use((r) => r.begin(request)))
      const taken = await Promise.all(Array.from({ length: 20 }, () => run(Repo.use((r) => r.take(request.state)))))
      expect(taken.filter((t) => t._tag === "Found")).toHaveLength(1)
      expect(taken.filter((t) => t._tag === "Unknown")).toHaveLength(19)
    })

    it("a next path that is not a path is refused by the store itself", async () => {
      const error = await run(Effect.flip(Repo.use((r) => r.begin(signIn("https://elders.example/")))))
      expect(error._tag).toBe("StoreError")
    })
  })

for (const backend of backends("signins")) suite(backend)
