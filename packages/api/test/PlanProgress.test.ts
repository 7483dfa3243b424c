import * as Demo from "@baken/region-gooi-en-vechtstreek/demo"
import { plan2022, programmes } from "@baken/region-gooi-en-vechtstreek/reference"
import { PlanRepository } from "@baken/store"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime, seedDeliveries } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

interface Node {
  readonly level: string
  readonly value: number | null
  readonly children: ReadonlyArray<Node>
}
const nodes = (n: Node): ReadonlyArray<Node> => [n, ...n.children.flatMap(nodes)]

beforeAll(async () => {
  await runtime.runPromise(
    PlanRepository.PlanRepository.use((repo) =>
      Effect.all([
        repo.put(Entities.plan, { plan: plan2022, status: Demo.status }),
        ...programmes.map((p) => repo.put(Entities.programme, p)),
        ...Demo.goals.map((g) => repo.put(Entities.goal(plan2022.id), g)),
        ...Demo.actions.map((a) => repo.put(Entities.action(plan2022.id), a)),
        ...Demo.indicators.map((i) => repo.put(Entities.indicator(plan2022.id), i)),
        ...Demo.targets.map((t) => repo.put(Entities.target(plan2022.id), t)),
      ]),
    ),
  )
})

describe("a plan's rolled-up progress", () => {
  it("counts no indicator while no figures are stored", async () => {
    const got = await callerFor(runtime, callers.public).plan.get({ plan: plan2022.id } as never)
    const measured = nodes(got.progress as Node).filter((n) => n.level === "indicator" && n.value !== null)
    expect(measured).toEqual([])
  })

  it("judges indicators by the published yearly region figures once they are delivered", async () => {
    await seedDeliveries(runtime, { adapters: ["observations-csv"], indicators: Demo.indicators.map((i) => i.id) })
    await callerFor(runtime, callers.partner).delivery.push({
      adapter: "observations-csv",
      sourceName: "DEMO-cijfers.json",
      sourceHash: "d".repeat(64),
      // The demo's 2021 baselines lie before the plan's years, which a delivery may not report on.
      records: Demo.observations
        .filter((o) => !o.period.startsWith("2021"))
        .map((o) => ({ ...o, source: "observations-csv" })),
      rejections: [],
    } as never)
    const got = await callerFor(runtime, callers.region).plan.get({ plan: plan2022.id } as never)
    const measured = nodes(got.progress as Node).filter((n) => n.level === "indicator" && n.value !== null)
    expect(measured.length).toBeGreaterThan(0)
    for (const n of measured) expect(n.value).toBeGreaterThanOrEqual(0)
  })
})
