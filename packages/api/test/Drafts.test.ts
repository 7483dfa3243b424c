import { Plan, Target } from "@baken/domain"
import * as Demo from "@baken/region-gooi-en-vechtstreek/demo"
import { plan2022 } from "@baken/region-gooi-en-vechtstreek/reference"
import { PlanRepository } from "@baken/store"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

const draft = new Plan.Plan({ ...plan2022, id: "test-concept-2026" as never, title: "TEST concept 2026-2029" })
const instroom = Demo.indicators.find((i) => i.id === "bw-instroom")
if (instroom === undefined) throw new Error("the demo has no bw-instroom indicator")
const secretTarget = new Target.Target({ indicator: instroom.id, period: "2025" as never, value: 4242 })

beforeAll(async () => {
  await runtime.runPromise(
    PlanRepository.PlanRepository.use((repo) =>
      Effect.gen(function* () {
        yield* repo.put(Entities.plan, { plan: plan2022, status: Demo.status })
        yield* repo.put(Entities.indicator(plan2022.id), instroom)
        yield* repo.put(Entities.target(plan2022.id), new Target.Target({ ...secretTarget, value: 40 }))
        yield* repo.put(Entities.plan, { plan: draft, status: { _tag: "Draft" } })
        yield* repo.put(Entities.indicator(draft.id), instroom)
        yield* repo.put(Entities.target(draft.id), secretTarget)
      }),
    ),
  )
})

describe("a plan that is not released", () => {
  it.each(["public", "partner", "municipality"] as const)(
    "is not found by a %s caller, nor are its targets, indicators or dashboard",
    async (audience) => {
      const caller = callerFor(runtime, callers[audience])
      await expect(caller.plan.get({ plan: draft.id } as never)).rejects.toMatchObject({ code: "NOT_FOUND" })
      await expect(caller.indicator.targets({ plan: draft.id } as never)).rejects.toMatchObject({
        code: "NOT_FOUND",
      })
      await expect(caller.indicator.dashboard({ plan: draft.id, periods: ["2025"] } as never)).rejects.toMatchObject({
        code: "NOT_FOUND",
      })
      await expect(caller.indicator.list({ plan: draft.id } as never)).rejects.toMatchObject({ code: "NOT_FOUND" })
      expect((await caller.plan.list()).map((p) => p.id)).not.toContain(draft.id)
    },
  )

  it("is seen by the region with its own targets", async () => {
    const region = callerFor(runtime, callers.region)
    const targets = await region.indicator.targets({ plan: draft.id } as never)
    expect(targets.map((t) => t.value)).toEqual([4242])
  })

  it("keeps its targets apart from the plan in execution's targets for the same indicator and period", async () => {
    const pub = callerFor(runtime, callers.public)
    const targets = await pub.indicator.targets({ plan: plan2022.id } as never)
    expect(targets.map((t) => t.value)).toEqual([40])
  })

  it("editing the draft's indicator never changes the indicator of the plan in execution", async () => {
    const region = callerFor(runtime, callers.region)
    await region.plan.editPart({
      plan: draft.id,
      edit: { kind: "indicator", id: instroom.id, title: "Nieuwe naam in het concept", definition: "concept" },
    } as never)
    const pub = callerFor(runtime, callers.public)
    const executing = await pub.indicator.list({ plan: plan2022.id } as never)
    expect(executing.map((i) => i.name)).toEqual([instroom.name])
    const everyone = await pub.indicator.list(undefined as never)
    expect(everyone.find((i) => i.id === instroom.id)?.name).toBe(instroom.name)
    const ownDraft = await region.indicator.list({ plan: draft.id } as never)
    expect(ownDraft.map((i) => i.name)).toEqual(["Nieuwe naam in het concept"])
  })
})
