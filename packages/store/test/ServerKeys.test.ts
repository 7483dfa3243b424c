// The server's own keys and its OPRF evaluation counts, on PGlite and on PostgreSQL: a key is made once and then read
// back the same by every store on the database; a rotation replaces it; evaluations are summed per partner over a
// window, refused ones listed for the region, and the distinct persons a partner delivered counted from the person
// events of its published deliveries (finding F1 of an outside tester: rows could be repeated to raise the limit).
import { randomBytes } from "node:crypto"
import { Delivery } from "@baken/domain"
import { Effect, Option } from "effect"
import { describe, expect, it } from "vitest"
import { DeliveryRepository, OprfEvaluations, ServerKeys } from "../src/index.js"
import { type Backend, backends, openStore } from "./Backends.js"
import { intake, observation, personEvent } from "./Fixtures.js"

/** An intake of `records` delivered by `partner`. */
const deliveredBy = (partner: string, records: ReadonlyArray<Delivery.AcceptedRecord>): DeliveryRepository.Intake => {
  const i = intake(records)
  return { ...i, header: Delivery.DeliveryHeader.make({ ...i.header, partner: partner as never }) }
}

/** Person events of generated persons `persons`, `times` each (the same row again and again). */
const eventsOf = (persons: ReadonlyArray<number>, times = 1) =>
  persons.flatMap((p) => Array.from({ length: times }, () => personEvent(p, "GM0402", "2024-03-01")))

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
      const [a, b, refused, persons] = await run(
        OprfEvaluations.OprfEvaluations.use((e) =>
          Effect.all([
            e.answeredSince("partner-a", since),
            e.answeredSince("partner-b", since),
            e.refusedSince(since),
            e.personsSince("partner-a", since),
          ]),
        ),
      )
      expect([a, b, persons]).toEqual([15, 3, 0])
      expect(refused).toEqual([expect.objectContaining({ partner: "partner-a", calls: 1, elements: 100 })])
    })

    it("admits calls up to the limit, refuses and counts the one past it, and lets a grant by the region make room", async () => {
      const since = Date.now() - 60_000
      const limit = { base: 100, factor: 2 }
      const admit = (elements: number) =>
        run(OprfEvaluations.OprfEvaluations.use((e) => e.admit("partner-c", elements, since, limit)))
      expect(await admit(60)).toMatchObject({ answered: true, before: 0, persons: 0, granted: 0, allowed: 100 })
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

    const store = (i: DeliveryRepository.Intake) =>
      run(DeliveryRepository.DeliveryRepository.use((d) => d.store(i))).then((s) => expect(s.duplicate).toBe(false))
    const personsOf = (partner: string, since: number) =>
      run(OprfEvaluations.OprfEvaluations.use((e) => e.personsSince(partner, since)))

    it("raises the room by one person's worth for a person delivered a thousand times, not by the rows", async () => {
      const since = Date.now() - 60_000
      const limit = { base: 10, factor: 2 }
      await store(deliveredBy("partner-herhaalt", eventsOf([1], 1_000)))
      expect(await personsOf("partner-herhaalt", since)).toBe(1)
      const weighed = await run(
        OprfEvaluations.OprfEvaluations.use((e) => e.admit("partner-herhaalt", 13, since, limit)),
      )
      // 10 + 2 × 1 = 12: the 13 asked do not fit, where 1,000 rows would have given room for 2,010.
      expect(weighed).toMatchObject({ answered: false, persons: 1, allowed: 12 })
      expect(
        await run(OprfEvaluations.OprfEvaluations.use((e) => e.admit("partner-herhaalt", 12, since, limit))),
      ).toMatchObject({ answered: true, allowed: 12 })
    })

    it("counts a few persons each repeated many times as those few persons", async () => {
      const since = Date.now() - 60_000
      await store(deliveredBy("partner-herhaalt-meer", eventsOf([11, 12, 13], 50)))
      expect(await personsOf("partner-herhaalt-meer", since)).toBe(3)
    })

    it("gives no room for a delivery of observations only", async () => {
      const since = Date.now() - 60_000
      const limit = { base: 10, factor: 2 }
      await store(
        deliveredBy(
          "partner-cijfers",
          Array.from({ length: 200 }, (_, i) => observation(`oprf-cijfers-${i}`, "GM0402", "2024-Q1", i)),
        ),
      )
      expect(await personsOf("partner-cijfers", since)).toBe(0)
      expect(
        await run(OprfEvaluations.OprfEvaluations.use((e) => e.admit("partner-cijfers", 11, since, limit))),
      ).toMatchObject({ answered: false, persons: 0, allowed: 10 })
    })

    it("counts a person in two deliveries once, and every other person of both", async () => {
      const since = Date.now() - 60_000
      await store(
        deliveredBy("partner-twee", [...eventsOf([21, 22, 23]), observation("oprf-twee", "GM0402", "2024-Q1", 4)]),
      )
      await store(deliveredBy("partner-twee", eventsOf([22, 23, 24])))
      expect(await personsOf("partner-twee", since)).toBe(4)
    })

    it("counts only the partner's own deliveries, published and stored in the window", async () => {
      await store(deliveredBy("partner-venster", eventsOf([31, 32])))
      // Another partner delivering the same persons and more adds nothing to this partner's room.
      await store(deliveredBy("partner-ander", eventsOf([31, 32, 33, 34])))
      // A delivery being staged counts for nothing until it is published.
      const staged = deliveredBy("partner-venster", eventsOf([35, 36, 37]))
      const staging = Option.getOrThrow(
        await run(DeliveryRepository.DeliveryRepository.use((d) => d.begin(staged.header))),
      )
      await run(staging.write(eventsOf([35, 36, 37])))
      const hourAgo = Date.now() - 3_600_000
      expect(await personsOf("partner-venster", hourAgo)).toBe(2)
      await run(staging.publish({ rejected: {}, rejections: [], actor: "partner:partner-venster", purpose: "test" }))
      expect(await personsOf("partner-venster", hourAgo)).toBe(5)
      // Deliveries stored before the window count for nothing.
      expect(await personsOf("partner-venster", Date.now() + 60_000)).toBe(0)
    })
  })

for (const backend of backends("serverkeys")) suite(backend)
