// A push from a partner's own adapter (`baken ingest --adapter-module`), which the server does not run: admitted
// through the adapter id the region assigned, and only as a push; a file needs an adapter the server runs.
import { registry } from "@baken/adapter-registry"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Caller } from "../src/Audience.js"
import * as DeliveryJobs from "../src/DeliveryJobs.js"
import { callerFor, callers, makeRuntime, seedDeliveries } from "./runtime.js"

const runtime = makeRuntime(registry.filter((e) => e.adapter.id === "observations-csv"))
afterAll(() => runtime.dispose())
beforeAll(() => seedDeliveries(runtime, { adapters: ["observations-csv"] }))

const partner: Caller = callers.partner
const admit = (adapter: string, kind: DeliveryJobs.Kind) =>
  runtime.runPromiseExit(DeliveryJobs.admit(partner, adapter, kind)).then((exit) => ({
    ok: exit._tag === "Success",
    text: JSON.stringify(exit),
  }))

describe("a push from the partner's own adapter", () => {
  it("is refused until the region assigns the adapter id to the partner, then admitted", async () => {
    const before = await admit("huurachterstand", "push")
    expect(before.ok).toBe(false)
    expect(before.text).toContain("levert niet via adapter huurachterstand")
    await callerFor(runtime, callers.region).partner.setRights({
      partner: partner.partner,
      adapters: ["observations-csv", "huurachterstand"],
      indicators: [],
    } as never)
    expect((await admit("huurachterstand", "push")).ok).toBe(true)
  })

  it("does not let a file through an adapter the server does not run, even an assigned one", async () => {
    const file = await admit("huurachterstand", "file")
    expect(file.ok).toBe(false)
    expect(file.text).toContain("kent geen adapter 'huurachterstand'")
  })

  it("refuses an adapter name that is no adapter id, in Dutch", async () => {
    const bad = await admit("Huur Achterstand", "push")
    expect(bad.ok).toBe(false)
    expect(bad.text).toContain("is geen adapter-id")
  })
})
