import { Budget } from "@baken/domain"
import * as Demo from "@baken/region-gooi-en-vechtstreek/demo"
import { plan2022 } from "@baken/region-gooi-en-vechtstreek/reference"
import { PlanRepository } from "@baken/store"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime, seedDeliveries } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

const declared = (category: string, area: string, period: string, value: number) => ({
  indicator: `iwmo-declaratie-bedrag-cat-${category}`,
  area,
  period,
  value,
  source: "iwmo",
})

beforeAll(async () => {
  await runtime.runPromise(
    PlanRepository.PlanRepository.use((repo) =>
      Effect.andThen(
        repo.put(Entities.plan, { plan: plan2022, status: Demo.status }),
        repo.put(Entities.budget, { plan: plan2022.id, lines: Demo.budget, key: Demo.costKey(2022) }),
      ),
    ),
  )
  await seedDeliveries(runtime, { adapters: ["iwmo"] })
  await callerFor(runtime, callers.partner).delivery.push({
    adapter: "iwmo",
    sourceName: "declaraties-wmo323.zip",
    sourceHash: "c".repeat(64),
    records: [
      declared("15", "GM0402", "2023-05", 120_000),
      declared("16", "GM0402", "2023-06", 30_000),
      declared("17", "GM0406", "2024-01", 50_000),
      declared("14", "GM0402", "2023-05", 99_999), // not a B&O category
      declared("15", "GM0406", "2019-03", 77_777), // in the first plan, before the second plan's years
    ],
    rejections: [],
  } as never)
})

describe("the budget's declared spending", () => {
  it("sums the WMO323 declarations of the B&O categories within the plan's years, per municipality, in cents", async () => {
    const budget = await callerFor(runtime, callers.region).budget.get({ plan: plan2022.id } as never)
    expect(budget.total).toBe(Budget.total(Demo.budget))
    expect(budget.spending).toEqual({
      categories: ["15", "16", "17", "18"],
      byMunicipality: [
        { municipality: "GM0402", cents: 150_000 },
        { municipality: "GM0406", cents: 50_000 },
      ],
      total: 200_000,
    })
  })

  it("shows a municipality only its own spending", async () => {
    const budget = await callerFor(runtime, callers.municipality).budget.get({ plan: plan2022.id } as never)
    expect(budget.spending.byMunicipality).toEqual([{ municipality: "GM0402", cents: 150_000 }])
  })
})
