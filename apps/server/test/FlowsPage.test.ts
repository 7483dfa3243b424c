// The page "Niemand uit beeld" as `baken serve --demo` renders it: the real API, store and demo, in this process.
import { CalendarDate, CouncilLetter, Flow, Indicator, Period } from "@baken/domain"
import { Csv as WebCsv } from "@baken/web"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as App from "../src/App.js"
import * as Dashboard from "../src/Dashboard.js"
import * as Demo from "../src/Demo.js"
import * as Runtime from "../src/Runtime.js"
import { appConfig } from "./settings.js"

const runtime = Runtime.make({ database: { _tag: "Embedded" }, pseudonymSecret: undefined })
const day = "2025-04-15"
const app = App.make({ runtime, config: appConfig(), web: Dashboard.app(runtime, { today: () => day }) })

beforeAll(() => runtime.runPromise(Demo.load), 120_000)
afterAll(() => runtime.dispose())

const get = async (path: string) => {
  const res = await app.request(path)
  return { res, body: await res.text() }
}

const trpc = async <T>(path: string, input: unknown): Promise<T> => {
  const res = await app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
  const json = (await res.json()) as { result?: { data: T }; error?: unknown }
  if (json.result === undefined) throw new Error(`${path}: ${JSON.stringify(json.error)}`)
  return json.result.data
}

interface Cell {
  readonly value: number | null
  readonly suppressed: boolean
  readonly provisional: boolean
  readonly provisionalUntil: string | null
}
interface Row {
  readonly key: string
  readonly label: string
  readonly derived: boolean
  readonly cells: ReadonlyArray<Cell>
}
interface Area {
  readonly key: string
  readonly name: string
  readonly kind: string
  readonly rows: ReadonlyArray<Row>
}
interface View {
  readonly years: ReadonlyArray<string>
  readonly year: string
  readonly areas: ReadonlyArray<Area>
  readonly measured: boolean
  readonly goal: {
    readonly title: string
    readonly measure: { readonly share: number | null; readonly sentence: string }
    readonly targets: ReadonlyArray<{ readonly period: string; readonly value: number }>
  } | null
}
type Published = { readonly _tag: string; readonly value?: number }
interface Table {
  readonly indicator: string
  readonly municipalities: ReadonlyArray<string>
  readonly periods: ReadonlyArray<string>
  readonly cells: ReadonlyArray<ReadonlyArray<Published>>
  readonly regionTotals: ReadonlyArray<Published>
  readonly provisional: ReadonlyArray<boolean>
}

const view = () => trpc<View>("dashboard.flows", { on: day })

/** The table's cells on the page: row key → [data-status, data-value, data-provisional] per year. */
const tableOf = (html: string): Map<string, Array<[string, string, string]>> => {
  const start = html.indexOf('id="stromen-tabel"')
  const table = html.slice(start, html.indexOf("</table>", start))
  const rows = new Map<string, Array<[string, string, string]>>()
  for (const row of table.split('data-key="').slice(1)) {
    const key = row.slice(0, row.indexOf('"'))
    rows.set(
      key,
      [...row.matchAll(/data-value="([^"]*)" data-status="([^"]*)" data-provisional="([^"]*)"/g)].map((m) => [
        m[2] ?? "",
        m[1] ?? "",
        m[3] ?? "",
      ]),
    )
  }
  return rows
}

describe("the page Niemand uit beeld", () => {
  it("is public, in Dutch, and linked from the navigation and the home page", async () => {
    const { res, body } = await get("/niemand-uit-beeld")
    expect(res.status).toBe(200)
    expect(body).toContain('<html lang="nl">')
    expect(body).toContain('<h1 class="utrecht-heading-1">Niemand uit beeld</h1>')
    expect(body).toMatch(/<a [^>]*href="\/niemand-uit-beeld" aria-current="page">Niemand uit beeld<\/a>/)
    expect((await get("/")).body).toMatch(
      /<section aria-labelledby="niemand-uit-beeld">[\s\S]*href="\/niemand-uit-beeld"/,
    )
    expect(body).not.toContain("<script")
  })

  it("draws the year's flows as an SVG with a title and a description, beside a table of every year of the plan", async () => {
    const v = await view()
    expect(v.measured).toBe(true)
    expect(v.years).toEqual(["2022", "2023", "2024", "2025"])
    const { body } = await get("/niemand-uit-beeld")
    const svg = body.slice(body.indexOf("<svg"), body.indexOf("</svg>"))
    expect(svg).toContain('role="img"')
    expect(svg).toContain('aria-labelledby="stroomdiagram-titel stroomdiagram-beschrijving"')
    expect(svg).toContain(`<title id="stroomdiagram-titel">Stromen in Gooi en Vechtstreek in ${v.year}</title>`)
    expect(svg).toMatch(/<desc id="stroomdiagram-beschrijving">Van de opvang naar beschermd wonen[^<]+<\/desc>/)
    const head = body.slice(
      body.indexOf('id="stromen-tabel"'),
      body.indexOf("</thead>", body.indexOf('id="stromen-tabel"')),
    )
    expect([...head.matchAll(/scope="col">(\d{4})<\/th>/g)].map((m) => m[1])).toEqual(v.years)
    expect([...tableOf(body).keys()]).toEqual([
      Flow.ids.throughflow,
      Flow.ids.departures,
      Flow.ids.departuresAccordingToPlan,
      Flow.ids.returns,
      "bo-uitstroom-anders",
      Flow.ids.outOfView,
      Flow.ids.aftercare,
      Flow.ids.stayLength,
    ])
  })

  it("shows each area's published values and nothing else: a hidden value is 'verborgen' on the page, in its diagram and in its CSV", async () => {
    const v = await view()
    const ids = [...Flow.countIds, Flow.ids.stayLength]
    const members = v.areas.filter((a) => a.kind === "municipality").map((a) => a.key)
    const tables = await trpc<ReadonlyArray<Table>>("indicator.values", {
      indicators: ids,
      periods: v.years,
      municipalities: members,
    })
    for (const area of v.areas) {
      const { body } = await get(`/niemand-uit-beeld?gebied=${area.key}`)
      const page = tableOf(body)
      for (const t of tables) {
        const published = area.kind === "region" ? t.regionTotals : (t.cells[t.municipalities.indexOf(area.key)] ?? [])
        v.years.forEach((y, j) => {
          const cell = published[t.periods.indexOf(y)]
          const [status, value] = page.get(t.indicator)?.[j] ?? ["", "", ""]
          const where = `${area.name} ${t.indicator} ${y}`
          if (cell?._tag === "Shown") expect([status, value], where).toEqual(["getoond", String(cell.value)])
          else if (cell?._tag === "Suppressed") expect([status, value], where).toEqual(["verborgen", ""])
          else expect([status, value], where).toEqual(["leeg", ""])
        })
      }
      // The diagram draws the same year's values: a hidden one as an outline without a number.
      const svg = body.slice(body.indexOf("<svg"), body.indexOf("</svg>"))
      const index = v.years.indexOf(v.year)
      const departures = area.rows.find((r) => r.key === Flow.ids.departures)?.cells[index]
      const node = /Uitstroom<\/text><text class="baken-flow__value"[^>]*>([^<]*)</.exec(svg)?.[1]
      if (departures?.suppressed) expect(node).toBe("verborgen")
      else if (departures?.value === null) expect(node).toBe("geen gegevens")
      else expect(node).toMatch(new RegExp(`^${departures?.value} person`))
      // The CSV holds the same numbers, and a hidden value as an empty value saying so.
      const csv = await get(`/niemand-uit-beeld/cijfers.csv?gebied=${area.key}`)
      expect(csv.res.headers.get("content-type")).toContain("text/csv")
      const records = WebCsv.parse(csv.body).slice(1)
      for (const row of area.rows) {
        v.years.forEach((y, j) => {
          const cell = row.cells[j]
          const record = records.find((r) => r[0] === row.key && r[3] === y)
          expect(record?.[4], `${area.name} ${row.key} ${y}`).toBe(
            cell?.value === null || cell?.suppressed ? "" : String(cell?.value).replace(".", ","),
          )
          if (cell?.suppressed) expect(record?.[5]).toMatch(/^verborgen/)
        })
      }
    }
  })

  it("never works out the departures other than according to plan from a hidden value", async () => {
    const v = await view()
    for (const area of v.areas) {
      const row = (key: string) => area.rows.find((r) => r.key === key)
      const all = row(Flow.ids.departures)
      const planned = row(Flow.ids.departuresAccordingToPlan)
      const others = row("bo-uitstroom-anders")
      expect(others?.derived).toBe(true)
      v.years.forEach((_, j) => {
        const [a, p, o] = [all?.cells[j], planned?.cells[j], others?.cells[j]]
        if (a?.suppressed || p?.suppressed) expect(o).toMatchObject({ value: null, suppressed: true })
        else if (a?.value != null && p?.value != null) expect(o?.value).toBe(a.value - p.value)
        else expect(o?.value).toBeNull()
      })
    }
  })

  it("marks a value 'voorlopig' while its period or the look-ahead after it runs, with a footnote saying until when", async () => {
    const v = await view()
    const indicators = new Map(Flow.indicators.map((i) => [i.id as string, i]))
    const { body } = await get("/niemand-uit-beeld")
    const page = tableOf(body)
    const region = v.areas[0]
    for (const row of region?.rows ?? []) {
      const indicator = indicators.get(row.key)
      v.years.forEach((y, j) => {
        const cell = row.cells[j]
        if (indicator !== undefined && cell !== undefined && (cell.value !== null || cell.suppressed)) {
          const end = Period.end(Period.Period.make(y))
          expect(cell.provisional, `${row.key} ${y}`).toBe(Indicator.isProvisional(indicator, end, day))
          if (cell.provisional) {
            expect(cell.provisionalUntil).toBe(CalendarDate.addDays(end, indicator.provisionalForDays ?? 0))
          }
        }
        expect(page.get(row.key)?.[j]?.[2], `${row.key} ${y}`).toBe(cell?.provisional ? "ja" : "nee")
      })
    }
    for (const until of new Set(region?.rows.flatMap((r) => r.cells.flatMap((c) => c.provisionalUntil ?? [])))) {
      expect(body).toContain(`Voorlopig tot en met ${CouncilLetter.formatDate(CalendarDate.CalendarDate.make(until))}:`)
    }
  })

  it("judges the goal 'Niemand uit beeld na detentie' from the aftercare measure", async () => {
    const v = await view()
    expect(v.goal?.title).toBe("Niemand uit beeld na detentie")
    expect(v.goal?.targets).toEqual([{ period: "2025", value: 120 }])
    const { body } = await get("/niemand-uit-beeld")
    expect(body).toContain("Doel: Niemand uit beeld na detentie")
    expect(body).toMatch(/id="doel-oordeel"[^>]*>(Oordeel|Nog geen oordeel) uit nazorg binnen 30 dagen na detentie/)
    // The goal's programme page shows the measure as the goal's indicator.
    const programme = (await get("/programmas/integrale-benadering-vanuit-zorg-en-veiligheid")).body
    expect(programme).toContain(`id="reeks-${Flow.ids.aftercare}-titel"`)
  })

  it("an area that is not in the region has no CSV", async () => {
    const { res } = await get("/niemand-uit-beeld/cijfers.csv?gebied=GM0363")
    expect(res.status).toBe(404)
  })
})
