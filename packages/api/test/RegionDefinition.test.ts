// The API serves whatever region its host read from a definition: here the made-up example region of the domain
// (four municipalities, one joining on 1 January 2025, numbering ZK/2023/0412), on the real embedded store.
import { readFileSync } from "node:fs"
import { PlanLifecycle, RegionDefinition } from "@baken/domain"
import { CouncilDecisionRepository, PlanRepository, Store } from "@baken/store"
import { Effect, Layer, ManagedRuntime, Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AnswerCache, DeliveryGate, Reference, referenceOf, ServerAdapters } from "../src/Environment.js"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers } from "./runtime.js"

const text = readFileSync(new URL("../../domain/examples/voorbeeldregio.json", import.meta.url), "utf8")
const parsed = RegionDefinition.parse(text)
if (Result.isFailure(parsed)) throw new Error(parsed.failure.message)
const definition = parsed.success
const entry = definition.plans[0]
if (entry === undefined) throw new Error("the example has a plan")

const runtime = ManagedRuntime.make(
  Layer.mergeAll(
    Store.layer({ _tag: "Embedded" }),
    Layer.succeed(Reference, referenceOf(definition)),
    ServerAdapters.none,
    DeliveryGate.layer,
    AnswerCache.none,
  ),
)
beforeAll(() =>
  runtime.runPromise(
    Effect.gen(function* () {
      yield* (yield* PlanRepository.PlanRepository).put(Entities.plan, {
        plan: entry.plan,
        status: entry.status ?? PlanLifecycle.Draft.make({}),
      })
      if (entry.budget !== undefined) {
        yield* (yield* PlanRepository.PlanRepository).put(Entities.budget, {
          plan: entry.plan.id,
          lines: entry.budget.lines,
          key: entry.budget.key,
        })
      }
      const decisions = yield* CouncilDecisionRepository.CouncilDecisionRepository
      for (const d of entry.decisions ?? []) yield* decisions.recordOnce(d)
    }),
  ),
)
afterAll(() => runtime.dispose())

describe("an API serving a region read from its definition", () => {
  it("names the region and every municipality that is or was a member, the joiner included", async () => {
    const region = await callerFor(runtime, callers.public).region.get()
    expect(region).toMatchObject({ id: "heuvelrand", shortName: "Heuvelrand", firstYear: 2024, lastYear: 2027 })
    expect(region.municipalities.map((m) => m.name)).toEqual(["Heuveldorp", "Rivierstad", "Duinhout", "Veenmeer"])
  })

  it("refuses a letter whose kenmerk does not follow the region's numbering, with an example that does", async () => {
    await expect(
      callerFor(runtime, callers.region).councilLetter.issue({ plan: entry.plan.id, kenmerk: "21.0008702" } as never),
    ).rejects.toThrow(
      "kenmerk 21.0008702 volgt de nummering van de regio niet; een kenmerk ziet eruit als ZK/2023/0412",
    )
  })

  it("opens and closes the adoption letter with the region's own wording, kenmerk in its numbering", async () => {
    const answer = await callerFor(runtime, callers.region).councilLetter.adoption({
      plan: entry.plan.id,
      date: "2023-12-20",
      kenmerk: "ZK/2023/0500",
      signatory: "<naam portefeuillehouder>",
    } as never)
    expect(answer.letter.salutation).toBe("Beste raadsleden,")
    expect(answer.letter.closing).toBe("Met hartelijke groet,")
    expect(answer.letter.addressees.map((a) => a.name)).toEqual(["Duinhout", "Heuveldorp", "Rivierstad"])
    expect(answer.markdown).toContain("ZK/2023/0500")
  })

  it("explains and applies the region's own disclosure rules for the public", async () => {
    const region = await callerFor(runtime, callers.public).region.get()
    expect(region.publicDisclosure).toEqual({ threshold: 5, roundTo: 1 })
    const overview = await callerFor(runtime, callers.public).dashboard.overview({ on: "2025-06-01" } as never)
    expect(overview.disclosure).toEqual({ threshold: 5, rounding: 1 })
  })

  it("charges the municipality that joined on 1 January 2025 from that year, and the pool adds up to the cent", async () => {
    const budget = await callerFor(runtime, callers.region).budget.get({ plan: entry.plan.id } as never)
    // 2024: 1,200,000 euro among three; 2025: 1,500,000 euro among four, Veenmeer with 25,000 of 125,000 residents.
    expect(budget.contributions.find((c) => c.municipality === "GM9904")?.amount).toBe(30_000_000)
    expect(budget.contributions.reduce((sum, c) => sum + c.amount, 0)).toBe(budget.total)
    const shares = await callerFor(runtime, callers.public).budget.shares({ plan: entry.plan.id } as never)
    expect(shares.years.map((y) => [y.year, y.shares.map((s) => s.name).sort()])).toEqual([
      [2024, ["Duinhout", "Heuveldorp", "Rivierstad"]],
      [2025, ["Duinhout", "Heuveldorp", "Rivierstad", "Veenmeer"]],
    ])
  })
})
