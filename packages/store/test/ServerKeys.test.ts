// The server's own keys and its OPRF evaluation counts, on PGlite and on PostgreSQL: a key is made once and then read
// back the same by every store on the database; a rotation replaces it; evaluations are summed per partner over a
// window, refused ones listed for the region, and a partner's delivered rows counted from its deliveries.
import { randomBytes } from "node:crypto"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { OprfEvaluations, ServerKeys } from "../src/index.js"
import { type Backend, backends, openStore } from "./Backends.js"

const suite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`server keys and OPRF counts on ${backend.name}`, () => {
    const { run } = openStore(backend)

    it("makes a key at its first need and gives the same one afterwards, without making another", async () => {
      let made = 0
      const generate = async () => {
        made += 1
        return new Uint8Array(randomBytes(32))
      }
      const first = await run(ServerKeys.ServerKeys.use((k) => k.key("test-key", generate)))
      const second = await run(ServerKeys.ServerKeys.use((k) => k.key("test-key", generate)))
      expect(made).toBe(1)
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true)
      expect(first).toHaveLength(32)
    })

    it("replaces a key on rotation", async () => {
      const fresh = new Uint8Array(randomBytes(32))
      await run(ServerKeys.ServerKeys.use((k) => k.rotate("test-key", fresh)))
      const now = await run(ServerKeys.ServerKeys.use((k) => k.key("test-key", () => Promise.reject(new Error("no")))))
      expect(Buffer.from(now).equals(Buffer.from(fresh))).toBe(true)
    })

    it("sums a partner's answered evaluations and lists the refused ones for the region", async () => {
      const since = Date.now() - 60_000
      await run(
        OprfEvaluations.OprfEvaluations.use((e) =>
          Effect.gen(function* () {
            yield* e.record("partner-a", 10, true)
            yield* e.record("partner-a", 5, true)
            yield* e.record("partner-a", 100, false)
            yield* e.record("partner-b", 3, true)
          }),
        ),
      )
      const [a, b, refused, delivered] = await run(
        OprfEvaluations.OprfEvaluations.use((e) =>
          Effect.all([
            e.answeredSince("partner-a", since),
            e.answeredSince("partner-b", since),
            e.refusedSince(since),
            e.deliveredSince("partner-a", since),
          ]),
        ),
      )
      expect([a, b, delivered]).toEqual([15, 3, 0])
      expect(refused).toEqual([expect.objectContaining({ partner: "partner-a", calls: 1, elements: 100 })])
    })

    it("admits calls up to the limit, refuses and counts the one past it, and lets a grant by the region make room", async () => {
      const since = Date.now() - 60_000
      const limit = { base: 100, factor: 2 }
      const admit = (elements: number) =>
        run(OprfEvaluations.OprfEvaluations.use((e) => e.admit("partner-c", elements, since, limit)))
      expect(await admit(60)).toMatchObject({ answered: true, before: 0, delivered: 0, granted: 0, allowed: 100 })
      expect(await admit(40)).toMatchObject({ answered: true, before: 60 })
      expect(await admit(1)).toMatchObject({ answered: false, before: 100, allowed: 100 })
      await run(OprfEvaluations.OprfEvaluations.use((e) => e.grant("partner-c", 500, "regio: test", "eerste levering")))
      expect(await admit(500)).toMatchObject({ answered: true, before: 100, granted: 500, allowed: 600 })
      expect(await admit(1)).toMatchObject({ answered: false })
      const [refused, granted] = await run(
        OprfEvaluations.OprfEvaluations.use((e) => Effect.all([e.refusedSince(since), e.allowancesSince(since)])),
      )
      expect(refused).toContainEqual(expect.objectContaining({ partner: "partner-c", calls: 2, elements: 2 }))
      expect(granted).toEqual([
        expect.objectContaining({
          partner: "partner-c",
          elements: 500,
          grantedBy: "regio: test",
          reason: "eerste levering",
        }),
      ])
    })

    it("answers only one of twenty calls made at the same moment for room only one of them fits", async () => {
      const since = Date.now() - 60_000
      const limit = { base: 1_000, factor: 2 }
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          run(OprfEvaluations.OprfEvaluations.use((e) => e.admit("partner-d", 600, since, limit))),
        ),
      )
      expect(outcomes.filter((o) => o.answered)).toHaveLength(1)
      const answered = await run(OprfEvaluations.OprfEvaluations.use((e) => e.answeredSince("partner-d", since)))
      expect(answered).toBe(600)
    })
  })

for (const backend of backends("serverkeys")) suite(backend)
