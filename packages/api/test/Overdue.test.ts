// Overdue deliveries on the real router and store: by the adapter's format period kind (Veilig Thuis half-yearly),
// only within the plan's years (the plan 2022–2025 has ended, so every period of it is due whatever today is), a
// partner reading its own list and the region every partner's.
import { registry } from "@baken/adapter-registry"
import { Delivery, Ids, Observation, Partner, Period } from "@baken/domain"
import * as Demo from "@baken/region-gooi-en-vechtstreek/demo"
import { plan2017, plan2022 } from "@baken/region-gooi-en-vechtstreek/reference"
import { DeliveryRepository, PlanRepository } from "@baken/store"
import { Effect, Stream } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime } from "./runtime.js"

const runtime = makeRuntime(registry)
afterAll(() => runtime.dispose())

const veiligThuis = new Partner.Partner({
  id: Ids.PartnerId.make("test-veilig-thuis"),
  name: "TEST Veilig Thuis",
  kind: "veilig-thuis",
  adapters: [Ids.AdapterId.make("veilig-thuis")],
})
const zorg = new Partner.Partner({
  id: Ids.PartnerId.make("demo-zorgaanbieder"),
  name: "TEST zorgaanbieder",
  kind: "zorgaanbieder",
  adapters: [Ids.AdapterId.make("iwmo")],
})

/** A delivery through `adapter` whose records cover `periods`. */
const deliver = (partner: Partner.Partner, adapter: string, periods: ReadonlyArray<string>, n: number) =>
  DeliveryRepository.DeliveryRepository.use((repo) =>
    repo.store({
      header: new Delivery.DeliveryHeader({
        partner: partner.id,
        adapter: Ids.AdapterId.make(adapter),
        sourceHash: Ids.SourceHash.make(`${String(n).padStart(8, "0")}${"b".repeat(56)}`),
        sourceName: "TEST-levering.csv",
        receivedOn: "2023-02-01" as never,
      }),
      records: Stream.fromIterable(
        periods.map(
          (period) =>
            new Observation.Observation({
              indicator: Ids.IndicatorId.make("bw-instroom"),
              area: "GM0402" as never,
              period: Period.Period.make(period),
              value: 12,
              source: Ids.AdapterId.make(adapter),
            }),
        ),
      ),
      rejections: [],
      actor: "test",
      purpose: "overdue test",
    }),
  )

beforeAll(() =>
  runtime.runPromise(
    Effect.gen(function* () {
      const repo = yield* PlanRepository.PlanRepository
      yield* repo.put(Entities.plan, { plan: plan2017, status: { _tag: "Draft" } as never })
      yield* repo.put(Entities.plan, { plan: plan2022, status: Demo.status })
      yield* repo.put(Entities.partner, veiligThuis)
      yield* repo.put(Entities.partner, zorg)
      // Veilig Thuis delivered the first half of 2022 whole; the zorgaanbieder 2022 and 2023 month by month.
      yield* deliver(veiligThuis, "veilig-thuis", ["2022-H1"], 1)
      yield* deliver(zorg, "iwmo", ["2022-01", "2023-12"], 2)
    }),
  ),
)

describe("overdue deliveries (delivery.overdue)", () => {
  it("asks Veilig Thuis for half years of the plan's years only, never a quarter or a 2026 period", async () => {
    const answer = await callerFor(runtime, callers.region).delivery.overdue({})
    expect(answer.plan).toEqual({ id: plan2022.id, title: plan2022.title, firstYear: 2022, lastYear: 2025 })
    const vt = answer.partners.find((p) => p.partner === veiligThuis.id)
    expect(vt?.name).toBe("TEST Veilig Thuis")
    expect(vt?.overdue.map((o) => o.period)).toEqual([
      "2022-H2",
      "2023-H1",
      "2023-H2",
      "2024-H1",
      "2024-H2",
      "2025-H1",
      "2025-H2",
    ])
    expect(vt?.overdue[0]).toEqual({
      adapter: "veilig-thuis",
      adapterName: "Beleidsinformatie Veilig Thuis per gemeente en halfjaar",
      period: "2022-H2",
      periodKind: "half",
      due: "2023-01-30",
    })
  })

  it("gives the region every partner, and counts a delivery covering a period whole as delivered", async () => {
    const answer = await callerFor(runtime, callers.region).delivery.overdue({ plan: plan2022.id } as never)
    expect(answer.partners.map((p) => p.partner)).toEqual(["test-veilig-thuis", "demo-zorgaanbieder"])
    const zorgRows = answer.partners.find((p) => p.partner === zorg.id)?.overdue ?? []
    // Quarterly by default (iWmo's format is monthly, so a quarter is allowed), 2022 and 2023 delivered.
    expect(zorgRows.map((o) => o.period)).toEqual([
      "2024-Q1",
      "2024-Q2",
      "2024-Q3",
      "2024-Q4",
      "2025-Q1",
      "2025-Q2",
      "2025-Q3",
      "2025-Q4",
    ])
    for (const partner of answer.partners)
      for (const o of partner.overdue) expect(Number(o.period.slice(0, 4))).toBeLessThanOrEqual(2025)
  })

  it("gives a partner only its own list", async () => {
    const answer = await callerFor(runtime, callers.partner).delivery.overdue({})
    expect(answer.partners.map((p) => p.partner)).toEqual(["demo-zorgaanbieder"])
  })

  it("refuses a partner token that names no partner, rather than showing every partner", async () => {
    const nameless = callerFor(runtime, { audience: "partner", tokenId: "0000000000000009" })
    await expect(nameless.delivery.overdue({})).rejects.toMatchObject({ code: "FORBIDDEN" })
  })

  it("is refused to the public and to a municipality", async () => {
    await expect(callerFor(runtime, callers.public).delivery.overdue({})).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    })
    await expect(callerFor(runtime, callers.municipality).delivery.overdue({})).rejects.toMatchObject({
      code: "FORBIDDEN",
    })
  })

  it("answers an unknown plan with NOT_FOUND", async () => {
    await expect(
      callerFor(runtime, callers.region).delivery.overdue({ plan: "bestaat-niet" } as never),
    ).rejects.toMatchObject({ code: "NOT_FOUND" })
  })

  it("shows the same rule in the partner's schedule: owed periods within the plan's years, flagged delivered or overdue", async () => {
    const schedule = await callerFor(runtime, callers.region).partner.schedule({ partner: veiligThuis.id } as never)
    expect(schedule.plan).toBe(plan2022.id)
    expect(schedule.rows.map((r) => [r.period, r.delivered, r.overdue])).toEqual([
      ["2022-H1", true, false],
      ...["2022-H2", "2023-H1", "2023-H2", "2024-H1", "2024-H2", "2025-H1", "2025-H2"].map((p) => [p, false, true]),
    ])
  })
})
