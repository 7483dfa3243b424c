import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { type Item, Pseudonymiser, Source } from "@baken/adapter-kit"
import { adapterConformance, type Canary, type PlantedFixture, testSecret } from "@baken/adapter-kit/testing"
import { Effect, Layer, Stream } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { CbsAdapter, JsonPage, Row, Table } from "../src/index.js"

const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
// Broken pages are stored under other extensions so that the formatter leaves them broken.
const onDisk: Record<string, string> = {
  "70072ned-truncated.json": "70072ned-truncated.json.broken",
  "not-odata.json": "not-odata.txt",
}
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${onDisk[name] ?? name}`)) })
const layer = Layer.orDie(Pseudonymiser.Pseudonymiser.layer(testSecret))
const read = (name: string) =>
  Effect.runPromise(
    Stream.runCollect(CbsAdapter.adapter.read(Source.bytes(name, fixture(name).bytes))).pipe(Effect.provide(layer)),
  )
const readText = (name: string, text: string) =>
  Effect.runPromise(Stream.runCollect(CbsAdapter.adapter.read(Source.bytes(name, text))).pipe(Effect.provide(layer)))

const large = () => {
  const rows = Array.from({ length: 2500 }, (_, i) => ({
    ID: i,
    RegioS: `GM${String(300 + (i % 600)).padStart(4, "0")}  `,
    Perioden: `${1995 + (i % 29)}JJ00`,
    TotaleBevolking_1: 1000 + i,
  }))
  const text = JSON.stringify({
    "odata.metadata": "https://opendata.cbs.nl/ODataApi/odata/70072ned/$metadata#Cbs.OData.WebAPI.TypedDataSet",
    value: rows,
  })
  return { name: "70072ned-large.json", bytes: new TextEncoder().encode(text) }
}

/**
 * The conformance suite's canary in a StatLine page: a valid row that also carries the person's name, address, birth
 * date and BSN in properties the table does not have (read past, never passed on), and rows with the person in the
 * region, period and value, each refused at its JSON path.
 */
const withPersonalData = (c: Canary): PlantedFixture => {
  const rows = [
    {
      ID: 1,
      RegioS: "GM0402  ",
      Perioden: "2023JJ00",
      TotaleBevolking_1: 91453,
      Naam: c.fullName,
      Adres: c.address,
      Geboortedatum: c.birthDate,
      Bsn: c.bsn,
    },
    { ID: 2, RegioS: c.fullName, Perioden: "2023JJ00", TotaleBevolking_1: 1 },
    { ID: 3, RegioS: "GM0402  ", Perioden: c.birthDateDutch, TotaleBevolking_1: 1 },
    { ID: 4, RegioS: "GM0402  ", Perioden: "2023JJ00", TotaleBevolking_1: c.bsnWithDots },
    { ID: 5, RegioS: `${c.street} ${c.houseNumber}`, Perioden: "2023JJ00", TotaleBevolking_1: 1 },
    { ID: 6, RegioS: "GM0402  ", Perioden: "2023JJ00", TotaleBevolking_1: Number(c.bsn) },
    { ID: 7, RegioS: "GM0402  ", Perioden: c.bsnWithSpaces, TotaleBevolking_1: 2 },
    { ID: 8, RegioS: "NL01    ", Perioden: "2023JJ00", TotaleBevolking_1: 17811291 },
  ]
  const page = {
    "odata.metadata": "https://opendata.cbs.nl/ODataApi/odata/70072ned/$metadata#Cbs.OData.WebAPI.TypedDataSet",
    value: rows,
  }
  return {
    name: `70072ned-canary-${c.bsn.slice(-3)}.json`,
    bytes: new TextEncoder().encode(JSON.stringify(page, null, 2)),
    accepted: 2,
    rejected: [1, 2, 3, 4, 5, 6].map((i) => ({ path: `/value/${i}` })),
  }
}

adapterConformance(CbsAdapter.adapter, {
  fixtures: {
    valid: [
      fixture("70072ned-TypedDataSet-page1.json"),
      fixture("70072ned-TypedDataSet-page2.json"),
      fixture("03759ned-TypedDataSet.json"),
      fixture("85043NED-Observations-page1.json"),
      fixture("85043NED-Observations-page2.json"),
      fixture("84848NED-Observations.json"),
    ],
    invalid: [fixture("70072ned-truncated.json"), fixture("not-odata.json"), fixture("70072ned-markers.json")],
    streaming: large(),
    withPersonalData,
  },
})

const values = (items: ReadonlyArray<{ _tag: string }>) =>
  items.map((i) =>
    i._tag === "Accepted" && "record" in i
      ? (i as { record: { area: string; period: string; value: number | null } }).record
      : i,
  )

describe("saved StatLine pages", () => {
  it("trim OData v3's padded keys and map region codes to areas and CBS periods to Baken periods", async () => {
    const items = await read("70072ned-TypedDataSet-page1.json")
    expect(values(items).map((r) => ("area" in r ? [r.area, r.period] : r))).toEqual([
      ["NL01", "2023"],
      ["GM0402", "2023"],
      ["GM1942", "2023"],
    ])
  })

  it("map half years of 84848NED and CBS's markers (Impossible, Confidential, '.', 'x') to unknown, never 0", async () => {
    const vt = await read("84848NED-Observations.json")
    expect(values(vt).map((r) => ("area" in r ? [r.area, r.period, r.value] : r))).toEqual([
      ["VR14", "2023-H1", 1270],
      ["VR14", "2023-H1", 1515],
      ["GM0402", "2023-H2", null],
      ["GM0402", "2023-H1", 254],
    ])
    const markers = await read("70072ned-markers.json")
    expect(
      markers.map((i: Item.Item) =>
        i._tag === "Rejected" ? i.rejection.rule : "value" in i.record ? [i.record.area, i.record.value] : i._tag,
      ),
    ).toEqual([["GM0402", null], ["GM0406", null], ["GM0417", 0], ["GM0376", 11210], "unknown-period"])
  })

  it("never repeat a period that is not shaped like a CBS period code, such as a birth date", async () => {
    // Found by the conformance suite's canaries: the period was repeated whatever it held.
    const page = (period: string) =>
      JSON.stringify({
        "odata.metadata": "https://opendata.cbs.nl/ODataApi/odata/70072ned/$metadata#Cbs.OData.WebAPI.TypedDataSet",
        value: [{ ID: 1, RegioS: "GM0402  ", Perioden: period, TotaleBevolking_1: 1 }],
      })
    const birthDate = await readText("p.json", page("23-07-1961"))
    expect(JSON.stringify(birthDate)).not.toContain("23-07-1961")
    const wrongCode = await readText("p.json", page("2023XX01"))
    expect(JSON.stringify(wrongCode)).toContain("2023XX01")
  })

  it("report a truncated page as a located rejection after the rows that did arrive", async () => {
    const items = await read("70072ned-truncated.json")
    const last = items.at(-1)
    expect(last?._tag === "Rejected" && [last.rejection.rule, last.rejection.location.path]).toEqual(["truncated", "/"])
  })

  it("read values as CBS writes them: numbers, null, markers, and '-' (nihil) as a real 0", () => {
    expect(Row.value(12.5)).toEqual({ ok: 12.5 })
    expect(Row.value(null)).toEqual({ ok: null })
    expect(Row.value("       .")).toEqual({ ok: null })
    expect(Row.value("x")).toEqual({ ok: null })
    expect(Row.value("-")).toEqual({ ok: 0 })
    expect(Row.value(5, "Confidential")).toEqual({ ok: null })
    expect(Row.value("abc")).toEqual({ bad: "not-a-number" })
  })

  it("give the same rows from the page reader however the text is cut into pieces", () => {
    const text = readFileSync(`${dir}/85043NED-Observations-page1.json`, "utf8")
    const whole: Array<unknown> = []
    const r = JsonPage.reader((row) => whole.push(row))
    r.feed(text)
    expect(r.end()).toMatchObject({ complete: true, rows: 3 })
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 10 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), text.length]
        const rows: Array<unknown> = []
        const reader = JsonPage.reader((row) => rows.push(row))
        for (let i = 1; i < points.length; i++) reader.feed(text.slice(points[i - 1], points[i]))
        expect(rows).toEqual(whole)
        expect(reader.end().fields["@odata.nextLink"]).toBe(
          "https://datasets.cbs.nl/odata/v1/CBS/85043NED/Observations?$skip=3",
        )
      }),
      { numRuns: 200 },
    )
  })

  it("know the four tables of the issue and the indicators they emit", () => {
    expect(Table.all.map((t) => [t.id, t.api])).toEqual([
      ["70072ned", "v3"],
      ["03759ned", "v3"],
      ["85043NED", "v4"],
      ["84848NED", "v4"],
    ])
    expect(Table.byId("70072NED")).toBe(Table.regionaleKerncijfers)
  })
})
