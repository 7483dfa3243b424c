// A region keeps its plan in Baken: a draft plan of the made-up example region is written part by part through the
// API (programmes, goals, actions, indicators, targets, budget) on the real embedded store, each part checked against
// the parts it points at, and fixed once the plan is released.
import { readFileSync } from "node:fs"
import { RegionDefinition } from "@baken/domain"
import { PlanRepository, ProcessingLog, Store } from "@baken/store"
import { Effect, Layer, ManagedRuntime, Result, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AnswerCache, DeliveryGate, Reference, referenceOf, ServerAdapters } from "../src/Environment.js"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers } from "./runtime.js"

const text = readFileSync(new URL("../../domain/examples/voorbeeldregio.json", import.meta.url), "utf8")
const parsed = RegionDefinition.parse(text)
if (Result.isFailure(parsed)) throw new Error(parsed.failure.message)
const definition = parsed.success
const example = definition.plans[0]
if (example === undefined) throw new Error("the example has a plan")
const encoded = Schema.encodeSync(RegionDefinition.PlanDefinition)(example) as unknown as {
  plan: Record<string, unknown>
  programmes: Array<Record<string, unknown>>
  goals: Array<Record<string, unknown>>
  actions: Array<Record<string, unknown>>
  indicators: Array<Record<string, unknown>>
  targets: Array<Record<string, unknown>>
  budget: { lines: Array<Record<string, unknown>>; key: Record<string, unknown> }
}

const runtime = ManagedRuntime.make(
  Layer.mergeAll(
    Store.layer({ _tag: "Embedded" }),
    Layer.succeed(Reference, referenceOf(definition)),
    ServerAdapters.none,
    DeliveryGate.layer,
    AnswerCache.none,
  ),
)
const region = callerFor(runtime, callers.region)
const plan = "bt-2028-2031"
const own = <A extends Record<string, unknown>>(part: A) => ({ ...part, ...("plan" in part ? { plan } : {}) })

beforeAll(async () => {
  await runtime.runPromise(
    PlanRepository.PlanRepository.use((repo) =>
      Effect.forEach(definition.partners ?? [], (p) => repo.put(Entities.partner, p), { discard: true }),
    ),
  )
  await region.plan.create({
    ...encoded.plan,
    id: plan,
    title: "Beschermd Thuis 2028-2031",
    firstYear: 2028,
    lastYear: 2031,
  } as never)
})
afterAll(() => runtime.dispose())

const put = (part: Record<string, unknown>) => region.plan.putPart({ plan, part } as never)

describe("writing a draft plan part by part", () => {
  it("refuses a plan whose kenmerk does not follow the region's numbering", async () => {
    await expect(
      region.plan.create({ ...encoded.plan, id: "bt-andere-nummering", kenmerk: "21.0008702" } as never),
    ).rejects.toThrow(
      "kenmerk 21.0008702 volgt de nummering van de regio niet; een kenmerk ziet eruit als ZK/2023/0412",
    )
  })

  it("adds two programmes, an indicator, a goal, an action and a target, and reads them back as the plan", async () => {
    for (const p of encoded.programmes) await put({ kind: "programme", programme: { ...own(p), id: `${p.id}-2028` } })
    await put({ kind: "indicator", indicator: encoded.indicators[0] })
    const goal = { ...encoded.goals[0], programme: "thuis-in-de-wijk-2028" }
    await put({ kind: "goal", goal })
    await put({ kind: "action", action: { ...encoded.actions[0], start: "2028-01-01", end: "2028-12-31" } })
    await put({ kind: "target", target: { indicator: "bt-instroom", period: "2031", value: 30 } })
    const read = JSON.stringify(await region.plan.get({ plan } as never))
    for (const part of [
      "Thuis in de wijk",
      "Veilig verder",
      "Minder inwoners hebben beschermd wonen nodig",
      "Wijkteams versterken",
    ])
      expect(read).toContain(part)
  })

  it("refuses a part that points at a part the plan does not have, naming the field in Dutch", async () => {
    await expect(put({ kind: "goal", goal: { ...encoded.goals[1], programme: "elders" } })).rejects.toThrow(
      "programma elders staat niet in dit plan",
    )
    await expect(
      put({ kind: "action", action: { ...encoded.actions[0], id: "x", owner: "onbekende-partner" } }),
    ).rejects.toThrow("partner onbekende-partner is niet bekend")
    await expect(put({ kind: "target", target: { indicator: "geen", period: "2030", value: 1 } })).rejects.toThrow(
      "indicator geen staat niet in dit plan",
    )
  })

  it("sets the budget only when its key divides every year among the plan's councils", async () => {
    const lines = [
      { plan, programme: "thuis-in-de-wijk-2028", year: 2028, description: "Wijkteams", amount: 100_000_00 },
    ]
    const withoutVeenmeer = {
      ...encoded.budget.key,
      residents: (encoded.budget.key.residents as Array<{ municipality: string }>).filter(
        (r) => r.municipality !== "GM9904",
      ),
    }
    await expect(region.budget.set({ plan, lines, key: withoutVeenmeer } as never)).rejects.toThrow(
      "De verdeelsleutel kan niet worden toegepast: Veenmeer is op de peildatum lid, maar staat niet in de verdeelsleutel",
    )
    await region.budget.set({ plan, lines, key: encoded.budget.key } as never)
    const shares = await region.budget.shares({ plan } as never)
    expect(shares.years[0]?.shares.map((s) => s.name).sort()).toEqual([
      "Duinhout",
      "Heuveldorp",
      "Rivierstad",
      "Veenmeer",
    ])
  })

  it("removes a part only when nothing points at it any more", async () => {
    await expect(
      region.plan.removePart({ plan, part: { kind: "indicator", id: "bt-instroom" } } as never),
    ).rejects.toThrow("indicator bt-instroom is nog in gebruik door doel minder-instroom, streefwaarde 2031")
    await region.plan.removePart({ plan, part: { kind: "target", indicator: "bt-instroom", period: "2031" } } as never)
    const read = await region.plan.get({ plan } as never)
    expect(JSON.stringify(read)).not.toContain('"period":"2031"')
  })

  it("adds a partner the region names, with no adapters until its rights are set, and changes it keeping them", async () => {
    const added = await region.partner.put({
      id: "beschermd-wonen-duinhout",
      name: "Beschermd Wonen Duinhout",
      kind: "zorgaanbieder",
      agb: "12345678",
    } as never)
    expect(added.added).toBe(true)
    expect(added.partner.adapters).toEqual([])
    expect((await region.partner.list()).map((p) => p.id)).toContain("beschermd-wonen-duinhout")
    await region.partner.setRights({
      partner: "beschermd-wonen-duinhout",
      adapters: ["observations-csv"],
      indicators: [],
    } as never)
    const changed = await region.partner.put({
      id: "beschermd-wonen-duinhout",
      name: "Stichting Beschermd Wonen Duinhout",
      kind: "reclassering",
    } as never)
    expect(changed.added).toBe(false)
    expect(changed.partner).toMatchObject({
      name: "Stichting Beschermd Wonen Duinhout",
      adapters: ["observations-csv"],
    })
    expect(changed.partner.agb).toBeUndefined()
    const log = await runtime.runPromise(
      ProcessingLog.ProcessingLog.use((l) => l.list({ subject: "partner beschermd-wonen-duinhout" })),
    )
    expect(log.map((e) => e.purpose)).toContain(
      "partner changed: name 'Beschermd Wonen Duinhout' → 'Stichting Beschermd Wonen Duinhout'; kind zorgaanbieder → reclassering; agb 12345678 → -",
    )
  })

  it("refuses a partner of a kind the region does not know, or a municipality outside it, saying so in Dutch", async () => {
    await expect(
      region.partner.put({ id: "onbekend-soort", name: "Onbekend", kind: "kapper" } as never),
    ).rejects.toThrow("de regio kent de soort partner 'kapper' niet")
    await expect(
      region.partner.put({
        id: "gemeente-elders",
        name: "Gemeente Elders",
        kind: "gemeente",
        municipality: "GM0402",
      } as never),
    ).rejects.toThrow("gemeente GM0402 is geen gemeente van de regio")
    await expect(
      region.partner.put({ id: "gemeente-zonder", name: "Gemeente", kind: "gemeente" } as never),
    ).rejects.toThrow("een partner van de soort gemeente noemt de gemeente")
    for (const hostile of [
      { id: "Hoofdletters", name: "X", kind: "ggd" },
      { id: "ok-id", name: "", kind: "ggd" },
      { id: "ok-id", name: "X\u0000Y", kind: "ggd" },
      { id: "ok-id", name: "X", kind: "ggd", agb: "999900006" },
      { id: "ok-id", name: "X".repeat(10_000), kind: "ggd" },
    ]) {
      await expect(region.partner.put(hostile as never)).rejects.toMatchObject({ code: "BAD_REQUEST" })
    }
    for (const [name, reason] of [
      ["   ", "geef de naam van de partner"],
      ["Pol\u200bitie", "onzichtbare tekens"],
      ["abc\u202edef", "schrijfrichting"],
      ["Zorg 999900006", "negen cijfers"],
      [" stichting beschermd  wonen DUINHOUT ", "heet al"],
    ]) {
      await expect(region.partner.put({ id: "ok-id", name, kind: "ggd" } as never)).rejects.toThrow(reason)
    }
    expect((await region.partner.list()).map((p) => p.id)).not.toContain("ok-id")
    for (const caller of [callers.public, callers.partner]) {
      await expect(
        callerFor(runtime, caller).partner.put({ id: "ingebroken", name: "X", kind: "ggd" } as never),
      ).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|UNAUTHORIZED/) })
    }
  })

  it("keeps a released plan's parts fixed", async () => {
    await region.plan.release({ plan, on: "2027-09-01" } as never)
    await expect(
      put({ kind: "target", target: { indicator: "bt-instroom", period: "2030", value: 1 } }),
    ).rejects.toThrow("bt-2028-2031")
  })
})
