import { describe, expect, it } from "vitest"
import { MunicipalityGlance } from "../src/components/MunicipalityGlance.js"
import { SeriesFigure, titleWithUnit } from "../src/components/SeriesFigure.js"
import type { Cell, Series, SeriesRow } from "../src/DashboardSource.js"
import * as SeriesPeriods from "../src/SeriesPeriods.js"

const shown = (value: number): Cell => ({ value, suppressed: false })
const hidden: Cell = { value: null, suppressed: true }
const row = (key: string, label: string, kind: SeriesRow["kind"], cells: ReadonlyArray<Cell>): SeriesRow => ({
  key,
  label,
  kind,
  cells,
})

const years = ["2022", "2023", "2024"]
const quarters = years.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`))

/** A series as the API gives it: municipalities, the region, the Netherlands and a target, with quarterly detail. */
const wachttijd: Series = {
  id: "wachttijd-bw",
  title: "Wachttijd beschermd wonen",
  unit: "dagen",
  definition: "Gemiddelde wachttijd tot een plek.",
  periods: years,
  rows: [
    row("GM0376", "Blaricum", "municipality", [shown(80), hidden, shown(70)]),
    row("GM1942", "Gooise Meren", "municipality", [shown(90), shown(85), shown(75)]),
    row("regio", "Gooi en Vechtstreek", "region", [shown(85), shown(80), shown(72)]),
    row("nederland", "Nederland", "benchmark", [shown(100), shown(98), shown(95)]),
    row("doel", "Streefwaarde regio", "target", [{ value: null, suppressed: false }, shown(75), shown(60)]),
  ],
  detail: {
    periods: quarters,
    rows: [
      row(
        "GM0376",
        "Blaricum",
        "municipality",
        quarters.map(() => hidden),
      ),
      row(
        "regio",
        "Gooi en Vechtstreek",
        "region",
        quarters.map((_, i) => shown(90 - i)),
      ),
    ],
  },
}

const render = (node: unknown): string => String(node)

/** The text of the header cells of the table with `id`, in order. */
const headersOf = (html: string, id: string): Array<string> => {
  const start = html.indexOf(`id="${id}"`)
  const thead = html.slice(start, html.indexOf("</thead>", start))
  return [...thead.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1] ?? "")
}

describe("a series figure", () => {
  const html = render(SeriesFigure({ series: wachttijd, csvHref: "/x.csv", threshold: 10, rowHeading: "Gebied" }))

  it("has the years, and only the years, as the columns of its table", () => {
    expect(headersOf(html, "reeks-wachttijd-bw")).toEqual(["Gebied", "2022", "2023", "2024"])
  })

  it("shows the quarters in a separate table behind a 'Per kwartaal' toggle, never among the years", () => {
    const details = html.slice(html.indexOf("<details"), html.indexOf("</details>"))
    expect(details).toContain("<summary>Per kwartaal")
    expect(details).toContain('id="reeks-wachttijd-bw-detail"')
    expect(headersOf(html, "reeks-wachttijd-bw-detail")).toEqual(["Gebied", ...quarters.map(SeriesPeriods.label)])
    const yearsTable = html.slice(html.indexOf('id="reeks-wachttijd-bw"'), html.indexOf("</table>"))
    expect(yearsTable).not.toMatch(/K[1-4]|Q[1-4]/)
  })

  it("draws its chart from the years' table only", () => {
    expect(html.match(/data-chart-for="[^"]*"/g)).toEqual(['data-chart-for="reeks-wachttijd-bw"'])
  })

  it("marks both tables for a sticky first column, with a caption, column headers and row headers with a scope", () => {
    expect(html.match(/<table class="[^"]*baken-sticky-first/g)?.length).toBe(2)
    expect(html.match(/<caption/g)?.length).toBe(2)
    expect(html).toContain("Wachttijd beschermd wonen (dagen), per jaar</caption>")
    expect(html).toContain("Wachttijd beschermd wonen (dagen), per kwartaal</caption>")
    expect(html.match(/<th [^>]*scope="row"/g)?.length).toBe(5 + 2)
    expect(html.match(/<th [^>]*scope="col"/g)?.length).toBe(1 + 3 + 1 + 12)
  })

  it("tells the region, the Netherlands and the target apart by the kind of their row", () => {
    for (const kind of ["municipality", "region", "benchmark", "target"]) {
      expect(html).toContain(`data-kind="${kind}"`)
      expect(html).toContain(`baken-row--${kind}`)
    }
  })

  it("has no detail toggle when the series has no finer periods, and no chart when it has no years", () => {
    const plain = render(SeriesFigure({ series: { ...wachttijd, detail: null }, csvHref: "/x.csv", threshold: 10 }))
    expect(plain).not.toContain("<details")
    const empty = render(
      SeriesFigure({
        series: { ...wachttijd, periods: [], rows: wachttijd.rows.map((r) => ({ ...r, cells: [] })) },
        csvHref: "/x.csv",
        threshold: 10,
      }),
    )
    expect(empty).not.toContain("data-chart-for")
    expect(empty).toContain("Er zijn nog geen jaarcijfers gepubliceerd.")
  })
})

describe("the members at a glance", () => {
  const instroom: Series = {
    ...wachttijd,
    id: "bw-instroom-per-1000",
    title: "Instroom beschermd wonen per 1.000 inwoners",
    unit: "per 1.000 inwoners",
    rows: [
      row("GM0376", "Blaricum", "municipality", [shown(0.87), hidden, hidden]),
      row("GM0417", "Laren", "municipality", [hidden, hidden, hidden]),
      row("GM0406", "Huizen", "municipality", [shown(0.48), shown(0.6), shown(0.72)]),
      row("GM0457", "Weesp", "municipality", [
        { value: null, suppressed: false },
        { value: null, suppressed: false },
        { value: null, suppressed: false },
      ]),
      row("regio", "Gooi en Vechtstreek", "region", [shown(0.79), shown(0.61), shown(0.69)]),
      row("nederland", "Nederland", "benchmark", [shown(0.9), shown(0.8), shown(0.85)]),
    ],
    detail: null,
  }
  const html = render(MunicipalityGlance({ series: instroom, regionName: "Gooi en Vechtstreek" }))

  it("gives each municipality with figures a small chart, a link to its page and its latest figure beside the region's and the Netherlands'", () => {
    expect(html.match(/<li class="baken-multiple"/g)?.length).toBe(3)
    expect(html).toContain('href="/gemeenten/GM0406"')
    const huizen = html.slice(html.indexOf('data-municipality="GM0406"'))
    expect(huizen.slice(0, huizen.indexOf("</li>"))).toMatch(
      /<strong>0,72<\/strong> in 2024.*regio 0,69, Nederland 0,85.*<svg class="baken-spark"/s,
    )
    expect(html).not.toContain('data-municipality="GM0457"')
  })

  it("says a municipality's figures are hidden rather than drawing nothing without a word", () => {
    const laren = html.slice(html.indexOf('data-municipality="GM0417"'))
    expect(laren.slice(0, laren.indexOf("</li>"))).toContain("Cijfers verborgen: te kleine aantallen")
  })

  it("states the unit once and keeps every number in a table with a caption and scoped headers", () => {
    expect(html).toContain("Instroom beschermd wonen per 1.000 inwoners per gemeente, per jaar")
    expect(html).not.toContain("(per 1.000 inwoners)")
    expect(html).toContain("<summary>Alle cijfers in een tabel</summary>")
    expect(html).toContain('data-label="Nederland"')
    expect(html).toMatch(/<th [^>]*scope="row"[^>]*>Huizen<\/th>/)
  })

  it("draws the charts on one scale: the same top value on every chart", () => {
    const tops = [...html.matchAll(/<text class="baken-spark__tick" x="4" y="9">([^<]*)<\/text>/g)].map((m) => m[1])
    expect(tops).toEqual(["0,9", "0,9", "0,9"])
  })
})

describe("the periods of a series", () => {
  it("writes finer periods the Dutch way: 2024 K1, 2024 H2, mrt 2024", () => {
    expect(["2024", "2024-Q1", "2024-H2", "2024-03"].map(SeriesPeriods.label)).toEqual([
      "2024",
      "2024 K1",
      "2024 H2",
      "mrt 2024",
    ])
    expect(SeriesPeriods.detailHeading(["2024-Q1"])).toBe("Per kwartaal")
    expect(SeriesPeriods.detailHeading(["2024-03"])).toBe("Per maand")
    expect(SeriesPeriods.detailHeading(["2024-H1"])).toBe("Per halfjaar")
  })

  it("a title that names its unit does not get the unit again", () => {
    expect(titleWithUnit("Wachttijd beschermd wonen", "dagen")).toBe("Wachttijd beschermd wonen (dagen)")
    expect(titleWithUnit("Instroom per 1.000 inwoners", "per 1.000 inwoners")).toBe("Instroom per 1.000 inwoners")
  })
})

describe("a municipality page", () => {
  it("shows the municipality beside the region and the Netherlands as a chart with its table, when the source gives comparisons", async () => {
    const { MunicipalityPage } = await import("../src/pages/MunicipalityPage.js")
    const huizen: Series = {
      ...wachttijd,
      rows: wachttijd.rows.filter((r) => r.kind !== "municipality" || r.label === "Gooise Meren"),
      detail: null,
    }
    const view = {
      code: "GM1942",
      name: "Gooise Meren",
      memberships: [{ from: null, until: null }],
      membershipNote: null,
      figures: { ...wachttijd, id: "cijfers-gm1942", detail: null },
      comparisons: [huizen],
      budget: [],
      decisions: [],
      disclosure: { threshold: 10, rounding: 5 },
      dataNote: null,
    }
    const html = render(MunicipalityPage({ view }))
    expect(html).toContain("Gooise Meren naast de regio en Nederland")
    expect(html).toContain('data-chart-for="reeks-wachttijd-bw"')
    expect(html).toContain('href="/gemeenten/GM1942/vergelijking/wachttijd-bw.csv"')
    const without = render(MunicipalityPage({ view: { ...view, comparisons: [] } }))
    expect(without).not.toContain("naast de regio")
    expect(without).not.toContain("data-chart-for")
  })
})
