// The data version on every backend: the database's row and this process's counter rise when a plan-side entity is
// stored or removed and when a delivery is published or stored whole, and not while a delivery is being staged.
import { Effect, Fiber, ManagedRuntime, Option, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DataVersion, DeliveryRepository, PlanRepository, Store } from "../src/index.js"
import { type Backend, backends } from "./Backends.js"
import { intake, observation } from "./Fixtures.js"

class Note extends Schema.Class<Note>("Note")({ id: Schema.String, plan: Schema.String, text: Schema.String }) {}
const notes = PlanRepository.entity({ kind: "action", schema: Note, id: (n) => n.id, plan: (n) => n.plan })

const suite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`the data version on ${backend.name}`, () => {
    let runtime: ManagedRuntime.ManagedRuntime<Store.Services, unknown>
    const run = <A, E>(effect: Effect.Effect<A, E, Store.Services>) => runtime.runPromise(effect)
    const stored = () => run(DataVersion.stored).then(BigInt)
    const deliveries = DeliveryRepository.DeliveryRepository
    const plans = PlanRepository.PlanRepository

    beforeAll(async () => {
      runtime = ManagedRuntime.make(Store.layer(backend.config(), { onOpen: "migrate" }))
      await runtime.runPromise(Effect.void)
    })
    afterAll(async () => {
      await runtime?.dispose()
      await backend.cleanup()
    })

    it("storing and removing a plan-side entity raises the stored and the process's version", async () => {
      const before = { stored: await stored(), local: DataVersion.current() }
      await run(plans.use((p) => p.put(notes, Note.make({ id: "dv-a", plan: "dv-plan", text: "eerste" }))))
      const afterPut = { stored: await stored(), local: DataVersion.current() }
      expect(afterPut.stored).toBeGreaterThan(before.stored)
      expect(afterPut.local).toBeGreaterThan(before.local)
      await run(plans.use((p) => p.remove("action", "dv-a")))
      expect(await stored()).toBeGreaterThan(afterPut.stored)
      expect(DataVersion.current()).toBeGreaterThan(afterPut.local)
    })

    it("a staged delivery leaves the version alone until it is published, which raises it", async () => {
      const { header } = intake([])
      const before = { stored: await stored(), local: DataVersion.current() }
      const staging = Option.getOrThrow(await run(deliveries.use((d) => d.begin(header))))
      await run(staging.write([observation("dv-staged", "GM0402", "2024-Q1", 7)]))
      expect({ stored: await stored(), local: DataVersion.current() }).toEqual(before)
      await run(staging.publish({ rejected: {}, rejections: [], actor: "partner:test-partner", purpose: "test" }))
      expect(await stored()).toBeGreaterThan(before.stored)
      expect(DataVersion.current()).toBeGreaterThan(before.local)
    })

    it("a delivery stored whole raises the version; the same bytes again change nothing", async () => {
      const first = intake([observation("dv-whole", "GM0402", "2024-Q2", 3)])
      const before = { stored: await stored(), local: DataVersion.current() }
      await run(deliveries.use((d) => d.store(first)))
      const after = { stored: await stored(), local: DataVersion.current() }
      expect(after.stored).toBeGreaterThan(before.stored)
      expect(after.local).toBeGreaterThan(before.local)
      await run(deliveries.use((d) => d.store(intake([], [], first.header.sourceHash as never))))
      expect({ stored: await stored(), local: DataVersion.current() }).toEqual(after)
    })

    it("watching the stored version raises the process's version when another writer changed data", async () => {
      const fiber = runtime.runFork(DataVersion.watch(20))
      await new Promise((r) => setTimeout(r, 100))
      const before = DataVersion.current()
      // Another writer: the row rises as a trigger would raise it in another process's transaction.
      await run(
        Effect.gen(function* () {
          const sql = yield* SqlClient
          yield* sql`UPDATE data_version SET version = version + 1`
        }),
      )
      for (let i = 0; i < 100 && DataVersion.current() === before; i++) await new Promise((r) => setTimeout(r, 20))
      expect(DataVersion.current()).toBeGreaterThan(before)
      await runtime.runPromise(Fiber.interrupt(fiber))
    })
  })

for (const backend of backends("dataversion")) suite(backend)
