import * as Demo from "@baken/region-gooi-en-vechtstreek/demo"
import { plan2022, programmes } from "@baken/region-gooi-en-vechtstreek/reference"
import { CouncilDecisionRepository, PlanRepository } from "@baken/store"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime, seedDeliveries } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

const region = callerFor(runtime, callers.region)
const isoDate = /\d{4}-\d{2}-\d{2}/

/** Delivers the demo's observations of the years given, as the demo partner. */
const deliver = (years: ReadonlyArray<string>, hash: string) =>
  callerFor(runtime, callers.partner).delivery.push({
    adapter: "observations-csv",
    sourceName: `DEMO-cijfers-${years.join("-")}.json`,
    sourceHash: hash.repeat(64),
    records: Demo.observations
      .filter((o) => years.some((y) => o.period.startsWith(y)))
      .map((o) => ({ ...o, source: "observations-csv" })),
    rejections: [],
  } as never)

const paragraphs = (letter: {
  readonly aanleiding: { readonly paragraphs: ReadonlyArray<string> }
  readonly programmes: ReadonlyArray<{ readonly paragraphs: ReadonlyArray<string> }>
  readonly changes: { readonly paragraphs: ReadonlyArray<string>; readonly items: ReadonlyArray<string> }
  readonly budget: { readonly paragraphs: ReadonlyArray<string> }
  readonly vervolg: { readonly paragraphs: ReadonlyArray<string>; readonly items: ReadonlyArray<string> }
}) => [
  ...letter.aanleiding.paragraphs,
  ...letter.programmes.flatMap((p) => p.paragraphs),
  ...letter.changes.paragraphs,
  ...letter.changes.items,
  ...letter.budget.paragraphs,
  ...letter.vervolg.paragraphs,
  ...letter.vervolg.items,
]

beforeAll(async () => {
  await seedDeliveries(runtime, { adapters: ["observations-csv"], indicators: Demo.indicators.map((i) => i.id) })
  await runtime.runPromise(
    PlanRepository.PlanRepository.use((repo) =>
      Effect.all([
        ...programmes.map((p) => repo.put(Entities.programme, p)),
        ...Demo.goals.map((g) => repo.put(Entities.goal(plan2022.id), g)),
        ...Demo.actions.map((a) => repo.put(Entities.action(plan2022.id), a)),
        ...Demo.targets.map((t) => repo.put(Entities.target(plan2022.id), t)),
        repo.put(Entities.budget, { plan: plan2022.id, lines: Demo.budget, key: Demo.costKey(2022) }),
      ]),
    ),
  )
  await runtime.runPromise(
    CouncilDecisionRepository.CouncilDecisionRepository.use((decisions) =>
      Effect.forEach(Demo.decisions, decisions.record),
    ),
  )
  await deliver(["2022"], "1")
})

describe("the council letter on the real router and store", () => {
  it("is a concept with the published figures, the budget and no earlier letter before one is sent", async () => {
    const { letter, issued } = await region.councilLetter.get({ plan: plan2022.id, date: "2026-06-01" } as never)
    expect(issued).toBe(false)
    expect(letter.kenmerk).toBeNull()
    expect(letter.dateText).toBe("1 juni 2026")
    expect(letter.previous).toBeNull()
    expect(letter.changes.paragraphs[0]).toContain("Dit is de eerste voortgangsbrief over dit plan")
    const evictions = letter.programmes[0]?.rows.find((r) => r.indicator === "huisuitzettingen")
    expect(evictions?.values[0]?.status).toBe("shown")
    expect(evictions?.values[0]?.text).toMatch(/^\d{1,3}(\.\d{3})*$/)
    expect(evictions?.values[1]?.status).toBe("none")
    expect(letter.budget.shares).toHaveLength(7)
    expect(letter.budget.totals.map((t) => t.text)).toEqual(
      letter.budget.totals.map(() => expect.stringMatching(/^€ \d{1,3}(\.\d{3})*$/)),
    )
    for (const p of paragraphs(letter)) expect(p).not.toMatch(isoDate)
  })

  it("reads figures as the public does, whoever asks: a council letter is a public document", async () => {
    const asRegion = await region.councilLetter.get({ plan: plan2022.id, date: "2026-06-01" } as never)
    const asMunicipality = await callerFor(runtime, callers.municipality).councilLetter.get({
      plan: plan2022.id,
      date: "2026-06-01",
    } as never)
    expect(asMunicipality.letter.snapshot.figures).toEqual(asRegion.letter.snapshot.figures)
  })

  it("keeps the letters sent, and the second names what changed since the first", async () => {
    const first = await region.councilLetter.issue({
      plan: plan2022.id,
      date: "2026-06-01",
      kenmerk: "26.0000101",
      signatory: "Het dagelijks bestuur van Regio Gooi en Vechtstreek",
    } as never)
    expect(first.issued).toBe(true)
    expect(first.letter.kenmerk).toBe("26.0000101")
    expect(first.letter.previous).toBeNull()

    await deliver(["2023"], "2")
    const second = await region.councilLetter.issue({ plan: plan2022.id, kenmerk: "26.0000202" } as never)
    expect(second.letter.previous).toEqual({ date: "2026-06-01", kenmerk: "26.0000101" })
    expect(second.letter.changes.paragraphs[0]).toContain(
      "Onze vorige brief over de voortgang is van 1 juni 2026 (kenmerk 26.0000101).",
    )
    expect(second.letter.changes.items.join("\n")).toMatch(/^Huisuitzettingen: nieuw cijfer over 2023 \(\d+\)\.$/m)
    expect(second.letter.signatory).toBe("Het dagelijks bestuur van Regio Gooi en Vechtstreek")
    for (const p of paragraphs(second.letter)) expect(p).not.toMatch(isoDate)

    // The first letter is kept as it was sent, with its own figures.
    const kept = await region.councilLetter.get({ plan: plan2022.id, kenmerk: "26.0000101" } as never)
    expect(kept.issued).toBe(true)
    expect(kept.letter).toEqual(first.letter)
    const list = await callerFor(runtime, callers.municipality).councilLetter.list({ plan: plan2022.id } as never)
    expect(list.map((l) => [l.kenmerk, l.dateText])).toEqual([
      ["26.0000202", second.letter.dateText],
      ["26.0000101", "1 juni 2026"],
    ])
  })

  it("refuses a kenmerk in use, a date before the latest letter, and a date after today, in Dutch", async () => {
    await expect(region.councilLetter.issue({ plan: plan2022.id, kenmerk: "26.0000101" } as never)).rejects.toThrow(
      /kenmerk 26.0000101 is al gebruikt voor de brief van 1 juni 2026/,
    )
    await expect(
      region.councilLetter.issue({ plan: plan2022.id, kenmerk: "26.0000303", date: "2026-01-15" } as never),
    ).rejects.toThrow(/input.date: de vorige brief \(kenmerk 26.0000202\) is van .*; een nieuwe brief kan niet eerder/)
    await expect(
      region.councilLetter.issue({ plan: plan2022.id, kenmerk: "26.0000303", date: "2999-01-01" } as never),
    ).rejects.toThrow(/input.date: een brief kan niet later dan vandaag/)
  })

  it("lets only the region send a letter, and nobody without a token read one", async () => {
    await expect(
      callerFor(runtime, callers.municipality).councilLetter.issue({
        plan: plan2022.id,
        kenmerk: "26.0000404",
      } as never),
    ).rejects.toMatchObject({ code: "FORBIDDEN" })
    await expect(
      callerFor(runtime, callers.public).councilLetter.get({ plan: plan2022.id } as never),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" })
  })
})

describe("letters sent at the same time with one kenmerk (found by an outside tester)", () => {
  it("are one letter and refusals, never several answers of 'sent' for one stored letter", async () => {
    const answers = await Promise.allSettled(
      [1, 2, 3, 4].map(() => region.councilLetter.issue({ plan: plan2022.id, kenmerk: "26.0000909" } as never)),
    )
    expect(answers.filter((a) => a.status === "fulfilled")).toHaveLength(1)
    const refused = answers.flatMap((a) => (a.status === "rejected" ? [a.reason as { code?: string }] : []))
    expect(refused.map((r) => r.code)).toEqual(["CONFLICT", "CONFLICT", "CONFLICT"])
    const sent = await region.councilLetter.list({ plan: plan2022.id } as never)
    expect(sent.filter((l) => l.kenmerk === "26.0000909")).toHaveLength(1)
  })
})
