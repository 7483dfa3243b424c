import { registry } from "@baken/adapter-registry"
import { DeliveryRights } from "@baken/domain"
import { PlanRepository } from "@baken/store"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Caller } from "../src/Audience.js"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime, seedDeliveries } from "./runtime.js"

const runtime = makeRuntime(registry)
afterAll(() => runtime.dispose())

const list = (caller: Caller) => callerFor(runtime, caller).adapter.list()
const ids = async (caller: Caller) => (await list(caller)).map((a) => a.id)

beforeAll(() => seedDeliveries(runtime, { adapters: ["iwmo", "observations-csv"] }))

describe("adapter.list", () => {
  it("shows the region all nine adapters of the registry, each with its Dutch name, partner kinds and period kind", async () => {
    const adapters = await list(callers.region)
    expect(adapters.map((a) => a.id)).toEqual([
      "iwmo",
      "veilig-thuis",
      "vroegsignalering",
      "detentie",
      "woningcorporatie",
      "politie",
      "cbs-statline",
      "observations-csv",
      "template-csv",
    ])
    const iwmo = adapters.find((a) => a.id === "iwmo")
    expect(iwmo).toMatchObject({ periodKind: "month", carries: "person-events" })
    expect(iwmo?.name).toContain("iWmo")
    expect(iwmo?.partnerKinds.length).toBeGreaterThan(0)
    expect(iwmo?.formats.length).toBeGreaterThan(0)
  })

  it("shows a partner only the adapters the region assigned it", async () => {
    expect(await ids(callers.partner)).toEqual(["iwmo", "observations-csv"])
  })

  it("follows the rights when the region narrows them", async () => {
    const partner = callers.partner.partner as NonNullable<Caller["partner"]>
    await runtime.runPromise(
      PlanRepository.PlanRepository.use((repo) =>
        repo.put(
          Entities.deliveryRights,
          DeliveryRights.DeliveryRights.make({ partner, adapters: ["observations-csv" as never], indicators: [] }),
        ),
      ),
    )
    expect(await ids(callers.partner)).toEqual(["observations-csv"])
  })

  it("shows a partner the region does not know no adapter at all", async () => {
    const stranger: Caller = { audience: "partner", partner: "onbekende-partner" as never, tokenId: "0000000000000099" }
    expect(await ids(stranger)).toEqual([])
  })

  it("refuses an anonymous caller and a municipality", async () => {
    await expect(list(callers.public)).rejects.toMatchObject({ code: "UNAUTHORIZED" })
    await expect(list(callers.municipality)).rejects.toMatchObject({ code: "FORBIDDEN" })
  })
})
