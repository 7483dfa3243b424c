import { Partner } from "@baken/domain"
import { PlanRepository } from "@baken/store"
import { TRPCError } from "@trpc/server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

const partner = new Partner.Partner({
  id: "demo-zorgaanbieder" as never,
  name: "TEST zorgaanbieder",
  kind: "zorgaanbieder",
  adapters: ["iwmo" as never],
})

beforeAll(() => runtime.runPromise(PlanRepository.PlanRepository.use((repo) => repo.put(Entities.partner, partner))))

describe("delivery schedules", () => {
  it("start as every quarter, due 30 days after, and follow what the region sets", async () => {
    const region = callerFor(runtime, callers.region)
    const before = await region.partner.schedule({ partner: partner.id } as never)
    expect(before.schedules).toEqual([{ partner: partner.id, adapter: "iwmo", every: "quarter", dueAfterDays: 30 }])
    await region.partner.setSchedule({
      partner: partner.id,
      adapter: "iwmo",
      every: "month",
      dueAfterDays: 10,
    } as never)
    const after = await callerFor(runtime, callers.partner).partner.schedule({ partner: partner.id } as never)
    expect(after.schedules).toEqual([{ partner: partner.id, adapter: "iwmo", every: "month", dueAfterDays: 10 }])
    // Monthly rows: every month of this year before the current one, each due 10 days after it ends.
    for (const row of after.rows) expect(row.period).toMatch(/^\d{4}-\d{2}$/)
  })

  it("refuses a schedule for an adapter the partner does not deliver through", async () => {
    const region = callerFor(runtime, callers.region)
    const refused = region.partner.setSchedule({
      partner: partner.id,
      adapter: "politie",
      every: "month",
      dueAfterDays: 10,
    } as never)
    await expect(refused).rejects.toBeInstanceOf(TRPCError)
    await expect(refused).rejects.toMatchObject({ code: "NOT_FOUND" })
  })

  it("refuses a due date more than a year after the period", async () => {
    const region = callerFor(runtime, callers.region)
    await expect(
      region.partner.setSchedule({ partner: partner.id, adapter: "iwmo", every: "year", dueAfterDays: 400 } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" })
  })
})
