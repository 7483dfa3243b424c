// A resident compares Huizen with the region and the Netherlands: the real router over HTTP, the real store, and the
// demo loaded as `npm start` loads it — the DEMO national figures arrive as CBS pages through the CBS adapter and the
// delivery worker, and `indicator.compare` serves rates per 1,000 inhabitants computed from the published counts.
import * as DomainDemo from "@baken/region-gooi-en-vechtstreek/demo"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as App from "../src/App.js"
import * as Demo from "../src/Demo.js"
import * as Runtime from "../src/Runtime.js"
import { appConfig } from "./settings.js"

const runtime = Runtime.make({ database: { _tag: "Embedded" }, pseudonymSecret: undefined })
const app = App.make({ runtime, config: appConfig() })
const load = () => runtime.runPromise(Demo.load)
let loaded: Awaited<ReturnType<typeof load>>

beforeAll(async () => {
  loaded = await load()
})
afterAll(() => runtime.dispose())

type Cell = { readonly value: number | null; readonly suppressed: boolean }
type Row = { readonly kind: string; readonly area: string; readonly name: string; readonly cells: ReadonlyArray<Cell> }
type Comparison = {
  readonly indicator: string
  readonly title: string
  readonly rate: boolean
  readonly unit: string
  readonly unitLabel: string
  readonly periods: ReadonlyArray<string>
  readonly rows: ReadonlyArray<Row>
}
type Published = { readonly _tag: string; readonly value?: number }

const get = async (procedure: string, input: unknown) => {
  const res = await app.request(`/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`)
  return { status: res.status, body: (await res.json()) as { result?: { data: unknown }; error?: { message: string } } }
}
const data = async <A>(procedure: string, input: unknown): Promise<A> => {
  const { status, body } = await get(procedure, input)
  expect(status, JSON.stringify(body.error)).toBe(200)
  return body.result?.data as A
}

const years = ["2022", "2023", "2024", "2025"]
const rateOf = (count: Published | undefined, population: Published | undefined) =>
  count?._tag === "Shown" && population?._tag === "Shown" && (population.value ?? 0) > 0
    ? Math.round((100_000 * (count.value ?? 0)) / (population.value ?? 1)) / 100
    : null

/** The published counts of Huizen, the region and the Netherlands for an indicator, as `indicator.values` gives them. */
const published = async (indicator: string) => {
  const [table] = await data<
    ReadonlyArray<{
      cells: ReadonlyArray<ReadonlyArray<Published>>
      regionTotals: ReadonlyArray<Published>
      netherlands: ReadonlyArray<Published>
    }>
  >("indicator.values", { indicators: [indicator], periods: years, municipalities: ["GM0406"] })
  return { huizen: table?.cells[0] ?? [], region: table?.regionTotals ?? [], netherlands: table?.netherlands ?? [] }
}

describe("the demo's national figures", () => {
  it("arrive as DEMO CBS pages through the CBS adapter, delivered by the DEMO research team, and are stored whole", () => {
    const national = loaded.deliveries.filter((d) => d.file.includes("nederland"))
    expect(national.map((d) => d.file)).toEqual([
      "DEMO-03759ned-nederland.json",
      "DEMO-85043NED-nederland.json",
      "DEMO-84848NED-nederland.json",
    ])
    for (const d of national) {
      expect(d.partner).toBe(DomainDemo.demoOnderzoek.id)
      expect(d.status).toBe("stored")
    }
  })

  it("are what indicator.benchmark returns for the Netherlands: its population in every plan year", async () => {
    const benchmark = await data<ReadonlyArray<{ period: string; area: string; value: number | null }>>(
      "indicator.benchmark",
      { indicator: "bevolking", periods: years },
    )
    expect(benchmark.map((b) => [b.period, b.area, b.value])).toEqual(
      years.map((y) => [y, "NL01", DomainDemo.nationalPopulation[Number(y)]]),
    )
  })

  it("stand beside the region in the published tables, as the Netherlands row", async () => {
    const { region, netherlands } = await published("wmo-clienten")
    expect(region.every((c) => c._tag === "Shown")).toBe(true)
    expect(netherlands.every((c) => c._tag === "Shown" && (c.value ?? 0) > 1_000_000)).toBe(true)
  })
})

describe("indicator.compare", () => {
  it("gives a resident Huizen, the region and the Netherlands per 1,000 inhabitants for every plan year", async () => {
    const answer = await data<{
      municipality: { code: string; name: string }
      region: { id: string; name: string }
      periods: ReadonlyArray<string>
      indicators: ReadonlyArray<Comparison>
    }>("indicator.compare", { municipality: "GM0406" })
    expect(answer.municipality).toEqual({ code: "GM0406", name: "Huizen" })
    expect(answer.region.name).toBe("Regio Gooi en Vechtstreek")
    expect(answer.periods).toEqual(years)
    const wmo = answer.indicators.find((i) => i.indicator === "wmo-clienten")
    expect(wmo?.title).toBe("Wmo-cliënten")
    expect(wmo?.rate).toBe(true)
    expect(wmo?.unitLabel).toBe("per 1.000 inwoners")
    expect(wmo?.rows.map((r) => [r.kind, r.area, r.name])).toEqual([
      ["municipality", "GM0406", "Huizen"],
      ["region", "gooi-en-vechtstreek", "Regio Gooi en Vechtstreek"],
      ["netherlands", "NL01", "Nederland"],
    ])
    // Every rate is the published count over the published population of the same area and year.
    const counts = await published("wmo-clienten")
    const population = await published("bevolking")
    const expected = (key: "huizen" | "region" | "netherlands") =>
      years.map((_, j) => ({ value: rateOf(counts[key][j], population[key][j]), suppressed: false }))
    expect(wmo?.rows[0]?.cells).toEqual(expected("huizen"))
    expect(wmo?.rows[1]?.cells).toEqual(expected("region"))
    expect(wmo?.rows[2]?.cells).toEqual(expected("netherlands"))
    for (const row of wmo?.rows ?? []) {
      for (const cell of row.cells) expect(cell.value).toBeGreaterThan(40)
    }
    // The population is the denominator, not a figure to compare; the restricted waiting time is not public.
    const ids = answer.indicators.map((i) => i.indicator)
    expect(ids).toContain("bw-instroom")
    expect(ids).toContain("cbs-vt-meldingen")
    expect(ids).not.toContain("bevolking")
    expect(ids).not.toContain("wachttijd-bw")
  })

  it("gives the plan's own counts as rates for Huizen and the region, and no Dutch value where no national figure is delivered", async () => {
    const answer = await data<{ indicators: ReadonlyArray<Comparison> }>("indicator.compare", {
      municipality: "GM0406",
      indicators: ["mo-instroom"],
      periods: ["2023"],
    })
    const instroom = answer.indicators[0]
    const counts = await published("mo-instroom")
    const population = await published("bevolking")
    expect(instroom?.rows[0]?.cells).toEqual([
      { value: rateOf(counts.huizen[1], population.huizen[1]), suppressed: false },
    ])
    expect(instroom?.rows[0]?.cells[0]?.value).not.toBeNull()
    expect(instroom?.rows[1]?.cells[0]?.value).not.toBeNull()
    expect(instroom?.rows[2]?.cells).toEqual([{ value: null, suppressed: false }])
  })

  it("hides the rate of every count disclosure control hid, and names it hidden", async () => {
    // Blaricum's evictions are few enough to be hidden in the published table.
    const [table] = await data<ReadonlyArray<{ cells: ReadonlyArray<ReadonlyArray<Published>> }>>("indicator.values", {
      indicators: ["huisuitzettingen"],
      periods: years,
      municipalities: ["GM0376"],
    })
    const hidden = years.filter((_, j) => table?.cells[0]?.[j]?._tag === "Suppressed")
    expect(hidden.length).toBeGreaterThan(0)
    const answer = await data<{ indicators: ReadonlyArray<Comparison> }>("indicator.compare", {
      municipality: "GM0376",
      indicators: ["huisuitzettingen"],
      periods: hidden,
    })
    expect(answer.indicators[0]?.rows[0]?.cells).toEqual(hidden.map(() => ({ value: null, suppressed: true })))
  })

  it("refuses a quarter, a municipality outside the region and an unknown indicator, saying where in Dutch", async () => {
    const quarter = await get("indicator.compare", { municipality: "GM0406", periods: ["2024", "2024-Q1"] })
    expect(quarter.status).toBe(400)
    expect(quarter.body.error?.message).toBe(
      "input.periods[1]: 2024-Q1 is geen jaar; vergelijken gaat alleen per jaar, zoals 2024",
    )
    const amsterdam = await get("indicator.compare", { municipality: "GM0363" })
    expect(amsterdam.body.error?.message).toBe("input.municipality: GM0363 is geen gemeente van de regio")
    const unknown = await get("indicator.compare", { municipality: "GM0406", indicators: ["bestaat-niet"] })
    expect(unknown.body.error?.message).toBe("input.indicators[0]: er is geen indicator bestaat-niet")
  })
})
