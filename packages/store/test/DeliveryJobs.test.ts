// Staged deliveries and the delivery queue, on PGlite and on PostgreSQL: a staged delivery counts for nothing until
// it is published whole; what a dead attempt staged is removed before the delivery is staged again; one partner's
// same bytes are one job; a claimed job is no other worker's until its lease runs out.
import { randomUUID } from "node:crypto"
import { Delivery } from "@baken/domain"
import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { DeliveryJobRepository, DeliveryRepository, ObservationRepository } from "../src/index.js"
import { type Backend, backends, openStore } from "./Backends.js"
import { freshHash, intake, observation, rejection } from "./Fixtures.js"

const suite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`staging and the delivery queue on ${backend.name}`, () => {
    const { run } = openStore(backend)
    const deliveries = DeliveryRepository.DeliveryRepository
    const jobs = DeliveryJobRepository.DeliveryJobRepository
    const cells = (indicator: string) =>
      run(ObservationRepository.ObservationRepository.use((repo) => repo.aggregate(indicator as never)))
    const version = () => run(ObservationRepository.ObservationRepository.use((repo) => repo.version()))

    it("a staged delivery is invisible to figures, lists and the data version until it is published", async () => {
      const { header } = intake([])
      const before = await version()
      const staging = Option.getOrThrow(await run(deliveries.use((d) => d.begin(header))))
      await run(staging.write([observation("staged", "GM0402", "2024-Q1", 7)]))
      await run(staging.write([observation("staged", "GM0402", "2024-Q1", 5)]))
      expect(await cells("staged")).toEqual([])
      expect(await version()).toBe(before)
      expect(Option.isNone(await run(deliveries.use((d) => d.bySourceHash(header.partner, header.sourceHash))))).toBe(
        true,
      )
      const stored = await run(
        staging.publish({
          rejected: { "not-a-member": 1 },
          rejections: [rejection(3, "not-a-member")],
          actor: "partner:test-partner",
          purpose: "test",
        }),
      )
      expect(stored.summary.accepted).toEqual({ observation: 2 })
      expect(stored.summary.rejected).toEqual({ "not-a-member": 1 })
      expect((await cells("staged")).map((c) => c.total)).toEqual([12])
      expect(await version()).not.toBe(before)
      expect(await run(deliveries.use((d) => d.rejections(header.partner, header.sourceHash)))).toHaveLength(1)
    })

    it("staging the same delivery again removes what a dead attempt left, so it is stored once", async () => {
      const { header } = intake([])
      const dead = Option.getOrThrow(await run(deliveries.use((d) => d.begin(header))))
      await run(dead.write([observation("again", "GM0402", "2024-Q2", 100)]))
      // The process died here; the next attempt stages the delivery anew.
      const next = Option.getOrThrow(await run(deliveries.use((d) => d.begin(header))))
      expect(next.id).not.toBe(dead.id)
      await run(next.write([observation("again", "GM0402", "2024-Q2", 3)]))
      await run(next.publish({ rejected: {}, rejections: [], actor: "a", purpose: "p" }))
      expect((await cells("again")).map((c) => c.total)).toEqual([3])
    })

    it("a published delivery is not staged again, and discarding a staged one leaves nothing", async () => {
      const stored = intake([observation("once", "GM0406", "2024-Q3", 4)])
      await run(deliveries.use((d) => d.store(stored)))
      expect(Option.isNone(await run(deliveries.use((d) => d.begin(stored.header))))).toBe(true)
      const { header } = intake([])
      const staging = Option.getOrThrow(await run(deliveries.use((d) => d.begin(header))))
      await run(staging.write([observation("discarded", "GM0406", "2024-Q3", 9)]))
      await run(staging.discard)
      expect(await cells("discarded")).toEqual([])
      expect(Option.isSome(await run(deliveries.use((d) => d.begin(header))))).toBe(true)
    })

    const newJob = (sourceHash = freshHash()) => ({
      id: randomUUID(),
      partner: "test-partner" as never,
      adapter: "test-adapter" as never,
      kind: "file" as const,
      sourceName: "levering.csv",
      sourceHash,
      spool: "/tmp/none.part",
      bytes: 10,
      actor: "partner:test-partner",
    })

    it("one partner's same bytes are one job while it waits, runs or is stored, and a new one once refused", async () => {
      const hash = freshHash()
      const first = await run(jobs.use((j) => j.enqueue(newJob(hash))))
      const second = await run(jobs.use((j) => j.enqueue(newJob(hash))))
      expect(first.fresh).toBe(true)
      expect(second.fresh).toBe(false)
      expect(second.job.id).toBe(first.job.id)
      const other = await run(jobs.use((j) => j.enqueue({ ...newJob(hash), partner: "other-partner" as never })))
      expect(other.job.id).not.toBe(first.job.id)
      await run(
        jobs.use((j) =>
          j.finish(first.job.id, {
            status: "refused",
            progress: { read: 1, accepted: 0, rejected: 1 },
            delivery: null,
            summary: null,
            reason: { nl: "geweigerd", en: "refused" },
            rejections: [rejection(1, "header-missing")],
          }),
        ),
      )
      const again = await run(jobs.use((j) => j.enqueue(newJob(hash))))
      expect(again.fresh).toBe(true)
      const refused = Option.getOrThrow(await run(jobs.use((j) => j.find(first.job.id))))
      expect(refused.status).toBe("refused")
      expect(refused.rejections[0]?.rule).toBe("header-missing")
    })

    it("keeps a rejection whose text holds a NUL character from a broken file, the character shown as �", async () => {
      const queued = await run(jobs.use((j) => j.enqueue(newJob())))
      const broken = Delivery.Rejection.make({
        ...rejection(1, "header-missing"),
        message: Delivery.Message.make({ nl: "kop \u0000garbage\u0001 onbekend", en: "header \u0000garbage unknown" }),
      })
      await run(
        jobs.use((j) =>
          j.finish(queued.job.id, {
            status: "refused",
            progress: { read: 1, accepted: 0, rejected: 1 },
            delivery: null,
            summary: null,
            reason: { nl: "kop \u0000 onleesbaar", en: "header unreadable" },
            rejections: [broken],
          }),
        ),
      )
      const kept = Option.getOrThrow(await run(jobs.use((j) => j.find(queued.job.id))))
      expect(kept.status).toBe("refused")
      expect(kept.rejections[0]?.message.nl).toBe("kop \uFFFDgarbage\u0001 onbekend")
      expect(kept.reason?.nl).toBe("kop \uFFFD onleesbaar")
    })

    it("a claimed job is no other worker's until its lease has run out, then it is claimed again", async () => {
      // Drain what earlier tests queued.
      while (Option.isSome(await run(jobs.use((j) => j.claim(60_000))))) {
        // claimed
      }
      const queued = await run(jobs.use((j) => j.enqueue(newJob())))
      // A lease of 3 s: long enough that the second claim comes within it on a loaded machine (one of 200 ms ran out
      // between two claims in a full test run), short enough to wait for.
      const lease = 3_000
      const claimed = Option.getOrThrow(await run(jobs.use((j) => j.claim(lease))))
      const claimedAt = Date.now()
      expect(claimed.id).toBe(queued.job.id)
      expect(claimed.status).toBe("running")
      expect(claimed.attempts).toBe(1)
      expect(Option.isNone(await run(jobs.use((j) => j.claim(lease))))).toBe(true)
      await new Promise((r) => setTimeout(r, lease + 300 - (Date.now() - claimedAt)))
      const reclaimed = Option.getOrThrow(await run(jobs.use((j) => j.claim(60_000))))
      expect(reclaimed.id).toBe(queued.job.id)
      expect(reclaimed.attempts).toBe(2)
      await run(jobs.use((j) => j.release(reclaimed.id)))
      expect(Option.getOrThrow(await run(jobs.use((j) => j.find(reclaimed.id)))).status).toBe("queued")
    })
  })

for (const backend of backends("delivery_jobs")) suite(backend)
