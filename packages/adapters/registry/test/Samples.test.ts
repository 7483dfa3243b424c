// The samples of every registry adapter: valid files are accepted whole, broken rows are rejected exactly where the
// samples say, large files are generated in bounded memory, and the demo's deliveries pass the real admission check.
import { Scope } from "@baken/adapter-csv"
import { Item, Pseudonymiser, Registry, Source } from "@baken/adapter-kit"
import { testSecret } from "@baken/adapter-kit/testing"
import { Admission, Delivery, DeliveryRights, type Observation } from "@baken/domain"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import * as DomainDemo from "@baken/region-gooi-en-vechtstreek/demo"
import * as Reference from "@baken/region-gooi-en-vechtstreek/reference"
import { Effect, Layer, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { forScope } from "../src/Registry.js"

/** The registry as a server serving Gooi en Vechtstreek runs it: the samples are written against that region. */
const entries = forScope(Scope.ofRegion(gooiEnVechtstreek))

import * as Samples from "../src/Samples.js"

const layer = Layer.orDie(Pseudonymiser.Pseudonymiser.layer(testSecret))

const adapterOf = (id: string) => {
  const entry = Registry.find(entries, id)
  if (entry === undefined) throw new Error(`no adapter ${id} in the registry`)
  return entry.adapter
}

const read = (id: string, name: string, bytes: Uint8Array): Promise<ReadonlyArray<Item.Item>> =>
  Effect.runPromise(Stream.runCollect(adapterOf(id).read(Source.bytes(name, bytes))).pipe(Effect.provide(layer)))

const rejections = (items: ReadonlyArray<Item.Item>) => items.filter(Item.isRejected).map((i) => i.rejection)
const accepted = (items: ReadonlyArray<Item.Item>) => items.filter(Item.isAccepted).map((i) => i.record)

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1")
const nineDigits = (text: string) => text.match(/(?<!\d)\d{9}(?!\d)/g) ?? []

describe("the samples", () => {
  it("exist for every adapter of the registry", () => {
    expect([...Samples.ids].sort()).toEqual(entries.map((e) => e.adapter.id).sort())
  })

  for (const id of Samples.ids) {
    it(`${id}: the adapter accepts the valid sample whole`, async () => {
      const file = Samples.valid(id)
      const items = await read(id, file.name, file.bytes)
      expect(rejections(items)).toEqual([])
      expect(accepted(items).length).toBeGreaterThanOrEqual(20)
    })

    it(`${id}: the broken sample is rejected exactly at its broken rows, located, and the other rows are kept`, async () => {
      const file = Samples.broken(id)
      expect(file.brokenLines.length).toBeGreaterThanOrEqual(2)
      const items = await read(id, file.name, file.bytes)
      const found = rejections(items)
      expect(found.every(Item.isLocated)).toBe(true)
      const at = (l: { file: string; line?: number | undefined; path?: string | undefined }, byLine: boolean) =>
        byLine ? [l.file, l.line] : [l.file, l.path]
      expect(found.map((r, k) => at(r.location, file.locations[k]?.line !== undefined))).toEqual(
        file.locations.map((l) => at(l, l.line !== undefined)),
      )
      // Every other row is kept: what the broken file gives is what the valid file gives for the same rows (a person
      // event's origin names the file it was read from, so only its line is compared).
      const valid = await read(id, Samples.valid(id).name, Samples.valid(id).bytes)
      const record = (r: unknown) =>
        JSON.stringify(r, (key, value: unknown) =>
          key === "origin" && typeof value === "object" && value !== null ? { ...value, file: undefined } : value,
        )
      const validRecords = new Set(accepted(valid).map(record))
      const kept = accepted(items).filter((r) => id !== "iwmo" || !("indicator" in r))
      for (const r of kept) expect(validRecords.has(record(r))).toBe(true)
      const perRow = accepted(valid).length / 36
      if (id !== "iwmo") expect(accepted(items).length).toBeGreaterThanOrEqual(file.validRows * perRow)
      else expect(kept.length).toBeGreaterThan(0)
    })

    if (id === "iwmo")
      it("iwmo: every stop of the valid sample comes after its start, and samples of two series share no allocation", async () => {
        const events = async (series: number) =>
          accepted(await read(id, "s.zip", Samples.valid(id, { series }).bytes)).flatMap((r) =>
            "kind" in r && (r.kind === "support-started" || r.kind === "support-stopped")
              ? [{ kind: r.kind, key: `${r.person} ${r.municipality} ${r.allocation}` }]
              : [],
          )
        // Publishing pairs a stop with a start that arrived before it (packages/store/src/Pairing.ts).
        const first = await events(0)
        const started = new Set<string>()
        for (const e of first)
          if (e.kind === "support-started") started.add(e.key)
          else expect(started.has(e.key), `a stop before its start: ${e.key}`).toBe(true)
        expect(first.filter((e) => e.kind === "support-stopped").length).toBeGreaterThan(0)
        const other = new Set((await events(1)).map((e) => e.key))
        expect(other.size).toBe(new Set(first.map((e) => e.key)).size)
        for (const e of first) expect(other.has(e.key)).toBe(false)
      })

    it(`${id}: the samples hold only test BSNs, and none reaches the adapter's output`, async () => {
      for (const file of [Samples.valid(id), Samples.broken(id)]) {
        const numbers = nineDigits(latin1(file.bytes))
        for (const n of numbers) expect(n.startsWith("9999"), `${file.name}: ${n}`).toBe(true)
        const output = JSON.stringify(await read(id, file.name, file.bytes))
        for (const n of numbers) expect(output).not.toContain(n)
      }
    })
  }
})

const measure = async (large: AsyncIterable<Uint8Array>) => {
  let bytes = 0
  let chunks = 0
  let biggest = 0
  let newlines = 0
  const heap = process.memoryUsage().heapUsed
  let peak = heap
  for await (const chunk of large) {
    bytes += chunk.length
    chunks++
    biggest = Math.max(biggest, chunk.length)
    for (const b of chunk) if (b === 10) newlines++
    if (chunks % 256 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed)
  }
  return { bytes, chunks, biggest, newlines, heapGrowth: peak - heap }
}

const MB = 1024 * 1024

describe("the large samples", () => {
  it("make a WMO323 declaration of about 50 MB, in chunks of at most 64 KiB", async () => {
    const m = await measure(Samples.stream("iwmo", { bytes: 50 * MB }))
    expect(Math.abs(m.bytes - 50 * MB)).toBeLessThan(MB)
    expect(m.biggest).toBeLessThanOrEqual(64 * 1024)
  })

  it("make a WMO323 declaration of about 500 MB without holding it in memory", async () => {
    const m = await measure(Samples.stream("iwmo", { bytes: 500 * MB }))
    expect(Math.abs(m.bytes - 500 * MB)).toBeLessThan(MB)
    expect(m.heapGrowth).toBeLessThan(64 * MB)
  }, 120_000)

  it("make a CSV of 1,000,000 rows without holding it in memory", async () => {
    const m = await measure(Samples.stream("politie", { rows: 1_000_000 }))
    expect(m.newlines).toBe(1_000_001)
    expect(m.biggest).toBeLessThanOrEqual(64 * 1024 + 100)
    expect(m.heapGrowth).toBeLessThan(64 * MB)
  }, 120_000)

  it("make a CSV of at least the bytes asked for", async () => {
    const m = await measure(Samples.stream("observations-csv", { bytes: 3 * MB }))
    expect(m.bytes).toBeGreaterThanOrEqual(3 * MB)
    expect(m.bytes).toBeLessThan(3 * MB + 64 * 1024 + 100)
  })

  for (const id of Samples.ids.filter((i) => i !== "iwmo")) {
    it(`${id}: the adapter reads the first 1,000 items of a 1,000,000-row file after a few chunks of it`, async () => {
      let pulled = 0
      const bytes = Stream.fromAsyncIterable(Samples.stream(id, { rows: 1_000_000 }), () => undefined).pipe(
        Stream.orDie,
        Stream.tap(() => Effect.sync(() => pulled++)),
      )
      const large = Samples.stream(id, { rows: 1_000_000 })
      const items = await Effect.runPromise(
        Stream.runCollect(Stream.take(adapterOf(id).read(Source.bytes(large.name, bytes)), 1000)).pipe(
          Effect.provide(layer),
        ),
      )
      expect(rejections(items)).toEqual([])
      expect(items).toHaveLength(1000)
      // 1,000,000 rows are at least 300 chunks of 64 KiB.
      expect(pulled).toBeLessThan(20)
    })
  }

  it("iwmo: the adapter accepts a generated declaration of several blocks whole", async () => {
    const large = Samples.stream("iwmo", { rows: 1800 })
    const items = await Effect.runPromise(
      Stream.runCollect(adapterOf("iwmo").read(Source.bytes(large.name, large))).pipe(Effect.provide(layer)),
    )
    expect(rejections(items)).toEqual([])
    // A declaration becomes declared spending per municipality, category and month: three blocks, three times one.
    const once = Samples.stream("iwmo", { rows: 600 })
    const single = await Effect.runPromise(
      Stream.runCollect(adapterOf("iwmo").read(Source.bytes(once.name, once))).pipe(Effect.provide(layer)),
    )
    const cents = (xs: ReadonlyArray<Item.Item>) =>
      accepted(xs).reduce((sum, r) => sum + ("value" in r && r.value !== null ? r.value : 0), 0)
    expect(cents(single)).toBeGreaterThan(0)
    expect(cents(items)).toBe(3 * cents(single))
  }, 60_000)
})

describe("the demo deliveries", () => {
  const deliveries = Samples.demoDeliveries()
  const catalogue = [...DomainDemo.indicators, ...DomainDemo.deliveryIndicators]

  it("bring a file for every adapter of the registry, each from a DEMO partner that was assigned that adapter", () => {
    expect(new Set(deliveries.map((d) => d.adapter))).toEqual(new Set(Samples.ids))
    for (const d of deliveries) {
      expect(d.partner.name).toContain("DEMO")
      expect(d.partner.adapters).toContain(d.adapter)
      expect(DomainDemo.deliveryPartners).toContain(d.partner)
    }
  })

  it("are accepted whole by their adapters and admitted for their DEMO partners by the default rights", async () => {
    for (const d of deliveries) {
      const items = await read(d.adapter, d.name, d.bytes)
      expect(rejections(items), d.name).toEqual([])
      const check = Admission.check({
        rights: DeliveryRights.defaultFor(d.partner, catalogue),
        adapter: adapterOf(d.adapter).id,
        catalogue: Admission.catalogueOf(catalogue),
        region: Reference.gooiEnVechtstreek,
        plans: Reference.plans,
      })
      const refused = accepted(items)
        .map((r) => check(r, new Delivery.Location({ file: d.name })))
        .filter((r) => r !== undefined)
      expect(refused, d.name).toEqual([])
    }
  })

  it("carry the DEMO national figures as CBS pages the CBS adapter reads back exactly, for the Netherlands in every plan year", async () => {
    const pages = deliveries.filter((d) => d.adapter === "cbs-statline" && d.name.includes("nederland"))
    expect(pages.map((d) => d.name)).toEqual([
      "DEMO-03759ned-nederland.json",
      "DEMO-85043NED-nederland.json",
      "DEMO-84848NED-nederland.json",
    ])
    const itemsPerPage = await Promise.all(pages.map((d) => read(d.adapter, d.name, d.bytes)))
    const key = (o: { indicator: string; area: string; period: string; value: number | null }) =>
      `${o.indicator} ${o.area} ${o.period} ${o.value}`
    const figures = itemsPerPage.flatMap((items) => accepted(items) as ReadonlyArray<Observation.Observation>)
    // The population page also gives the mean population, which the national figures do not hold.
    expect(
      figures
        .filter((o) => o.indicator !== "bevolking-gemiddeld")
        .map(key)
        .sort(),
    ).toEqual(DomainDemo.nationalObservations.map(key).sort())
    for (const indicator of ["bevolking", "wmo-clienten", "cbs-vt-meldingen"]) {
      const years = figures.filter((o) => o.indicator === indicator && o.area === "NL01" && o.value !== null)
      expect(years.map((o) => o.period).sort(), indicator).toEqual(["2022", "2023", "2024", "2025"])
    }
  })

  it("carry every demo figure of the domain inside the plans' years; only 2021's are left out", async () => {
    let figures = 0
    for (const d of deliveries.filter((x) => x.adapter === "observations-csv" && x.name.startsWith("DEMO-cijfers"))) {
      figures += accepted(await read(d.adapter, d.name, d.bytes)).length
    }
    expect(figures + Samples.demoNotDelivered.length).toBe(DomainDemo.observations.length)
    expect(new Set(Samples.demoNotDelivered.map((o) => o.period))).toEqual(new Set(["2021"]))
  })

  it("hold no BSN but test BSNs, and the adapters' output none at all", async () => {
    for (const d of deliveries) {
      const numbers = nineDigits(latin1(d.bytes))
      for (const n of numbers) expect(n.startsWith("9999"), `${d.name}: ${n}`).toBe(true)
      const output = JSON.stringify(await read(d.adapter, d.name, d.bytes))
      expect(
        numbers.filter((n) => output.includes(n)),
        d.name,
      ).toEqual([])
    }
  })
})
