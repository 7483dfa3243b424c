// Amendments of a plan on every backend: the record and the target it changes are stored in one transaction, so a
// failure half-way leaves the plan as it was, and the plan's amendments read back with what changed from → to.
import { Ids, Period, PlanAmendment, Target } from "@baken/domain"
import { Effect, ManagedRuntime, Option, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PlanRepository, Store, Transaction } from "../src/index.js"
import { type Backend, backends } from "./Backends.js"

const plan = Ids.PlanId.make("store-amendment-plan")
const indicator = Ids.IndicatorId.make("huisuitzettingen")
const period = Period.Period.make("2025")

const amendments = PlanRepository.entity({
  kind: "plan-amendment",
  schema: PlanAmendment.Amendment,
  id: (a) => `${a.plan}/${String(a.number).padStart(6, "0")}`,
  plan: (a) => a.plan,
})
const targets = PlanRepository.entity({
  kind: "target",
  schema: Target.Target,
  id: (t) => `${plan}/${t.indicator}/${t.period}`,
  plan: () => plan,
})

const amendment = (number: number, from: number, to: number) =>
  new PlanAmendment.Amendment({
    plan,
    number,
    date: "2024-03-01" as never,
    reason: `De raad verlaagt de streefwaarde (${number}).`,
    differences: [{ _tag: "TargetValue", indicator, period, from, to }],
  })

class Boom extends Schema.TaggedError<Boom>()("Boom", {}) {}

const suite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`amendments on ${backend.name}`, () => {
    let runtime: ManagedRuntime.ManagedRuntime<Store.Services, unknown>
    const run = <A, E>(effect: Effect.Effect<A, E, Store.Services>) => runtime.runPromise(effect)

    beforeAll(async () => {
      runtime = ManagedRuntime.make(Store.layer(backend.config(), { onOpen: "migrate" }))
      await run(
        PlanRepository.PlanRepository.use((repo) =>
          repo.put(targets, new Target.Target({ indicator, period, value: 20 })),
        ),
      )
    })
    afterAll(async () => {
      await runtime?.dispose()
      await backend.cleanup()
    })

    it("stores an amendment and the target it changes together, and reads them back", async () => {
      const result = await run(
        Effect.gen(function* () {
          const repo = yield* PlanRepository.PlanRepository
          yield* Effect.gen(function* () {
            yield* repo.put(targets, new Target.Target({ indicator, period, value: 15 }))
            yield* repo.put(amendments, amendment(1, 20, 15))
          }).pipe(Transaction.inTransaction("amending a plan"))
          return {
            target: yield* repo.get(targets, `${plan}/${indicator}/${period}`),
            listed: yield* repo.list(amendments, plan),
          }
        }),
      )
      expect(Option.map(result.target, (t) => t.value)).toEqual(Option.some(15))
      expect(result.listed).toEqual([amendment(1, 20, 15)])
    })

    it("leaves the target and the amendments as they were when the transaction fails half-way", async () => {
      const failed = await run(
        Effect.gen(function* () {
          const repo = yield* PlanRepository.PlanRepository
          yield* repo.put(targets, new Target.Target({ indicator, period, value: 10 }))
          yield* repo.put(amendments, amendment(2, 15, 10))
          return yield* new Boom()
        }).pipe(Transaction.inTransaction("amending a plan"), Effect.flip),
      )
      expect(failed._tag).toBe("Boom")
      const after = await run(
        Effect.gen(function* () {
          const repo = yield* PlanRepository.PlanRepository
          return {
            target: yield* repo.get(targets, `${plan}/${indicator}/${period}`),
            listed: yield* repo.list(amendments, plan),
          }
        }),
      )
      expect(Option.map(after.target, (t) => t.value)).toEqual(Option.some(15))
      expect(after.listed.map((a) => a.number)).toEqual([1])
    })
  })

for (const backend of backends("amendments")) suite(backend)
