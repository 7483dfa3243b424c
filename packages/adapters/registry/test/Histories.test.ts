// The demo's generated person histories: the same every time, test BSNs only, inside the plan and its members, and
// enough people in every member municipality and year that every flow measure of `Flow` reaches the disclosure
// threshold — computed by the domain's reference implementation over the person events the partners' files carry.
import { Scope } from "@baken/adapter-csv"
import { Bsn, Item, Pseudonymiser, Registry, Source } from "@baken/adapter-kit"
import { testSecret } from "@baken/adapter-kit/testing"
import { Flow, type Ids, type Period, PersonEvent } from "@baken/domain"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import { Effect, Layer, Result, Stream } from "effect"
import { describe, expect, it } from "vitest"
import * as Histories from "../src/Histories.js"
import { forScope } from "../src/Registry.js"

/** The registry as a server serving Gooi en Vechtstreek runs it: the samples are written against that region. */
const entries = forScope(Scope.ofRegion(gooiEnVechtstreek))

import * as Samples from "../src/Samples.js"

const pseudonymiser = Effect.runSync(Pseudonymiser.make(testSecret))
const pseudonym = (bsn: string): Ids.Pseudonym => Result.getOrThrow(pseudonymiser.pseudonymiseResult(bsn))

const histories = Histories.histories()
const events = histories.map((h) => Histories.personEvents(h, pseudonym(h.bsn)))
const result = Flow.figures(events)

const count = (id: Ids.IndicatorId, period: string, m: string): number =>
  result.counts
    .get(id)
    ?.get(period as Period.Period)
    ?.get(m as Ids.MunicipalityCode) ?? 0
const stays = (period: string, m: string): number =>
  result.medians.get(period as Period.Period)?.get(m as Ids.MunicipalityCode)?.base ?? 0

const cells = Histories.years.flatMap((y) => Histories.municipalities.map((m) => [String(y), m] as const))

describe("the demo's person histories", () => {
  it("are the same for the same seed and differ for another", () => {
    expect(Histories.histories()).toEqual(histories)
    expect(Histories.histories(15)).not.toEqual(histories)
  })

  it("belong to distinct test BSNs (9999…, eleven-test) that no other sample of the registry uses", () => {
    const bsns = histories.map((h) => h.bsn)
    expect(new Set(bsns).size).toBe(bsns.length)
    for (const b of bsns) {
      expect(b.startsWith("9999"), b).toBe(true)
      expect(Bsn.isValid(b), b).toBe(true)
    }
    const samples = new Set(Samples.testBsns(2000))
    expect(bsns.filter((b) => samples.has(b))).toEqual([])
  })

  it("lie inside the 2022-2025 plan, in its member municipalities, with every stay's end on or after its start", () => {
    const members = new Set<string>(Histories.municipalities)
    for (const e of events.flat()) {
      expect(e.date >= "2022-01-01" && e.date <= "2025-12-31", e.date).toBe(true)
      expect(members.has(e.municipality), e.municipality).toBe(true)
    }
    for (const s of histories.flatMap((h) => h.stays)) {
      if (s.end !== undefined) expect(s.end >= s.begin, `${s.allocation}: ${s.begin} → ${s.end}`).toBe(true)
      expect(Flow.stayCategories).toContain(s.category)
    }
    const allocations = histories.flatMap((h) => [...h.stays, ...h.mistakes].map((s) => s.allocation))
    expect(new Set(allocations).size).toBe(allocations.length)
  })

  it("give every count measure at least 10 persons in every member municipality and year 2022-2025", () => {
    const short: Array<string> = []
    for (const id of Flow.countIds) {
      for (const [y, m] of cells) if (count(id, y, m) < 10) short.push(`${id} ${m} ${y}: ${count(id, y, m)}`)
    }
    expect(short).toEqual([])
  })

  it("give the median length of stay at least 10 stays in every member municipality and year", () => {
    expect(cells.filter(([y, m]) => stays(y, m) < 10).map(([y, m]) => `${m} ${y}: ${stays(y, m)}`)).toEqual([])
  })

  it("make Hilversum the largest in every measure and year, and differ between municipalities and years", () => {
    for (const id of [...Flow.countIds]) {
      for (const y of Histories.years) {
        const others = Histories.municipalities.filter((m) => m !== "GM0402").map((m) => count(id, String(y), m))
        expect(count(id, String(y), "GM0402"), `${id} ${y}`).toBeGreaterThanOrEqual(Math.max(...others))
      }
      const values = cells.map(([y, m]) => count(id, y, m))
      expect(new Set(values).size, id).toBeGreaterThanOrEqual(5)
    }
  })

  it("leave some quarters of small municipalities below the threshold, as real data has", () => {
    const quarters = Histories.years.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`))
    for (const id of Flow.countIds) {
      const small = quarters.filter((q) => count(id, q, "GM0317") < 10)
      expect(small.length, id).toBeGreaterThan(0)
    }
  })

  it("carry the flows the plan follows: transfers, waits for beschermd wonen, returns, corrections, running stays", () => {
    const all = histories.flatMap((h) => h.stays)
    expect(all.filter((s) => s.end === undefined).length).toBeGreaterThan(50)
    expect(all.filter((s) => s.firstSent !== undefined).length).toBeGreaterThanOrEqual(3)
    expect(histories.filter((h) => h.mistakes.length > 0).length).toBeGreaterThanOrEqual(3)
    const reasons = new Set(all.flatMap((s) => (s.reason === undefined ? [] : [s.reason])))
    for (const r of ["19", "21", "22", "23"]) expect(reasons).toContain(r)
    // Every detention of someone with aftercare within 30 days is seen by the measure in its own year.
    const after = (e: ReadonlyArray<PersonEvent.PersonEvent>) =>
      Flow.personFlows(e).hits.filter((h) => h.indicator === Flow.ids.aftercare).length
    expect(events.reduce((n, e) => n + after(e), 0)).toBeGreaterThan(300)
  })

  it("keep one person's events from every partner under one pseudonym", () => {
    const mixed = histories.filter((h) => h.detentions.length > 0 && (h.signals.length > 0 || h.stays.length > 0))
    expect(mixed.length).toBeGreaterThan(100)
    for (const h of mixed) {
      const own = Histories.personEvents(h, pseudonym(h.bsn))
      expect(new Set(own.map((e) => e.person)).size).toBe(1)
      expect(new Set(own.map((e) => e.source)).size).toBeGreaterThanOrEqual(2)
    }
  })

  it("stay small enough to load at every demo start: fewer than 2,800 iWmo messages", () => {
    const messages = histories.reduce(
      (n, h) =>
        n +
        h.stays.reduce((k, s) => k + (s.end === undefined ? 1 : s.firstSent === undefined ? 2 : 3), 0) +
        2 * h.mistakes.length,
      0,
    )
    expect(messages).toBeLessThan(2800)
  })
})

const layer = Layer.orDie(Pseudonymiser.Pseudonymiser.layer(testSecret))

/** What the registry's adapter of each file reads from it, in order. */
const read = (file: Samples.DemoDelivery): Promise<ReadonlyArray<Item.Item>> => {
  const entry = Registry.find(entries, file.adapter)
  if (entry === undefined) throw new Error(`no adapter ${file.adapter} in the registry`)
  return Effect.runPromise(
    Stream.runCollect(entry.adapter.read(Source.bytes(file.name, file.bytes))).pipe(Effect.provide(layer)),
  )
}

/** An event as a comparable text, without where it was read. */
const plain = (e: PersonEvent.PersonEvent): string => {
  const { origin: _, ...rest } = e
  return JSON.stringify(rest, Object.keys(rest).sort())
}

describe("the demo's person history files", () => {
  const files = Histories.files(histories)

  it("come from the DEMO care provider, debt-counselling team and aftercare team", () => {
    expect(files.map((f) => [f.adapter, f.partner.name])).toEqual([
      ["iwmo", expect.stringContaining("DEMO")],
      ["vroegsignalering", expect.stringContaining("DEMO")],
      ["detentie", expect.stringContaining("DEMO")],
    ])
    for (const f of files) expect(f.partner.adapters).toContain(f.adapter)
  })

  it("read back through the registry's adapters as exactly each history's person events, one pseudonym per BSN", async () => {
    const read_ = await Promise.all(files.map(read))
    const items = read_.flat()
    expect(items.filter(Item.isRejected).map((i) => i.rejection)).toEqual([])
    const got = new Map<string, Array<PersonEvent.PersonEvent>>()
    for (const item of items) {
      if (!Item.isAccepted(item) || !(item.record instanceof PersonEvent.PersonEvent)) continue
      const e = item.record
      const own = got.get(e.person) ?? []
      own.push(e)
      got.set(e.person, own)
    }
    expect(got.size).toBe(histories.length)
    for (const [h, expected] of histories.map((h, i) => [h, events[i] ?? []] as const)) {
      const actual = got.get(pseudonym(h.bsn)) ?? []
      expect(actual.map(plain).sort(), h.bsn).toEqual(expected.map(plain).sort())
    }
    // In delivery order, the adapters' events give the reference exactly the figures of the histories.
    const again = Flow.figures(histories.map((h) => got.get(pseudonym(h.bsn)) ?? []))
    expect(again).toEqual(result)
  }, 60_000)

  it("hold no BSN but the histories' test BSNs, and the adapters' output none of them", async () => {
    const own = new Set(histories.map((h) => h.bsn))
    for (const f of files) {
      const text = Buffer.from(f.bytes).toString("latin1")
      const numbers = Bsn.find(text)
      expect(
        numbers.filter((n) => !own.has(n)),
        f.name,
      ).toEqual([])
      const output = JSON.stringify(await read(f))
      expect(
        numbers.filter((n) => output.includes(n)),
        f.name,
      ).toEqual([])
    }
  }, 60_000)
})
