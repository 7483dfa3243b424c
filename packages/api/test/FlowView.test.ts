// The flows page's view: the departures other than according to plan are worked out only from two shown figures,
// provisional values are marked until the look-ahead after their period has passed, and rows follow the flow.
import { CalendarDate, Flow, Membership, Publication } from "@baken/domain"
import { gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek/reference"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Flows from "../src/dashboard/FlowView.js"
import type { FlowCell } from "../src/dashboard/Views.js"
import { type PublishedCell, type PublishedIndicator, withZeros } from "../src/Figures.js"

const shown = (value: number): PublishedCell => ({ _tag: "Shown", value })
const hidden = { _tag: "Suppressed", reason: "protected" } as PublishedCell
const none: PublishedCell = { _tag: "NoData" }

const byId = new Map(Flow.indicators.map((i) => [i.id as string, i]))
const indicator = (id: string) => byId.get(id) ?? (Flow.indicators[0] as (typeof Flow.indicators)[number])
const on = CalendarDate.CalendarDate.make("2025-04-15")
const years = ["2022", "2023", "2024", "2025"]

/** A published table of one measure with the region's totals per year. */
const table = (id: string, totals: ReadonlyArray<PublishedCell>): PublishedIndicator => ({
  indicator: id,
  disclosure: "person-counts",
  kind: id === Flow.ids.stayLength ? "mean" : "count",
  unit: id === Flow.ids.stayLength ? "days" : "count",
  municipalities: [],
  periods: years,
  cells: [],
  regionTotals: totals,
  netherlands: years.map(() => none),
  provisional: years.map(() => false),
})

const region = (tables: ReadonlyArray<PublishedIndicator>) =>
  Flows.areaOf(
    { key: "regio", name: "Gooi en Vechtstreek", kind: "region", cells: (t) => t.regionTotals },
    tables,
    byId,
    years,
    on,
  )

const cell = fc.oneof(
  fc.integer({ min: 0, max: 400 }).map((v) => shown(v * 5)),
  fc.constant(hidden),
  fc.constant(none),
)

describe("the departures other than according to plan", () => {
  it("are the departures minus those according to plan where both are shown, and hidden where either is hidden", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 4, maxLength: 4 }), (pairs) => {
        const area = region([
          table(
            Flow.ids.departures,
            pairs.map(([all]) => all),
          ),
          table(
            Flow.ids.departuresAccordingToPlan,
            pairs.map(([, planned]) => planned),
          ),
        ])
        const others = area.rows.find((r) => r.key === Flows.othersKey)
        expect(others?.derived).toBe(true)
        pairs.forEach(([all, planned], j) => {
          const got = others?.cells[j] as FlowCell
          if (all._tag === "Suppressed" || planned._tag === "Suppressed") {
            // Never worked out from a hidden value: hidden itself, with no number anywhere in it.
            expect(got).toMatchObject({ value: null, suppressed: true })
          } else if (all._tag === "Shown" && planned._tag === "Shown") {
            expect(got.value).toBe(Math.max(0, all.value - planned.value))
            expect(got.suppressed).toBe(false)
          } else {
            expect(got).toMatchObject({ value: null, suppressed: false })
          }
        })
      }),
    )
  })

  it("are not there at all when the plan does not define those according to plan", () => {
    const area = region([
      table(
        Flow.ids.departures,
        years.map(() => shown(100)),
      ),
    ])
    expect(area.rows.map((r) => r.key)).toEqual([Flow.ids.departures])
  })
})

describe("provisional values", () => {
  it("are marked until the look-ahead after their period has passed, with the last provisional day", () => {
    const returns = Flows.flowCell(shown(15), indicator(Flow.ids.returns), "2024", on)
    // Returns look 365 days ahead: 2024's figure may change until 31 December 2025.
    expect(returns).toEqual({ value: 15, suppressed: false, provisional: true, provisionalUntil: "2025-12-31" })
    const departures = Flows.flowCell(shown(120), indicator(Flow.ids.departures), "2024", on)
    // Departures look 30 days ahead: 2024's figure was settled on 30 January 2025.
    expect(departures).toEqual({ value: 120, suppressed: false, provisional: false, provisionalUntil: null })
    expect(Flows.flowCell(shown(40), indicator(Flow.ids.departures), "2025", on).provisionalUntil).toBe("2026-01-30")
  })

  it("include hidden values, never a period without data", () => {
    expect(Flows.flowCell(hidden, indicator(Flow.ids.returns), "2024", on)).toMatchObject({
      value: null,
      suppressed: true,
      provisional: true,
    })
    expect(Flows.flowCell(none, indicator(Flow.ids.returns), "2024", on).provisional).toBe(false)
  })

  it("of the departures other than according to plan last as long as either part's", () => {
    const all = Flows.flowCell(shown(120), indicator(Flow.ids.departures), "2025", on)
    const planned = Flows.flowCell(shown(70), indicator(Flow.ids.departuresAccordingToPlan), "2025", on)
    expect(Flows.othersCell(all, planned)).toEqual({
      value: 50,
      suppressed: false,
      provisional: true,
      provisionalUntil: "2026-01-30",
    })
  })
})

describe("the rows", () => {
  it("follow the flow: opvang to beschermd wonen, departures and their parts, aftercare, the median stay", () => {
    const area = region(
      Flows.measureIds.map((id) =>
        table(
          id,
          years.map(() => shown(20)),
        ),
      ),
    )
    expect(area.rows.map((r) => [r.key, r.depth])).toEqual([
      [Flow.ids.throughflow, 0],
      [Flow.ids.departures, 0],
      [Flow.ids.departuresAccordingToPlan, 1],
      [Flow.ids.returns, 2],
      [Flows.othersKey, 1],
      [Flow.ids.outOfView, 2],
      [Flow.ids.aftercare, 0],
      [Flow.ids.stayLength, 0],
    ])
    expect(area.rows.find((r) => r.key === Flow.ids.stayLength)?.unit).toBe("dagen")
  })

  it("draw first the latest ended year with a shown figure", () => {
    const area = region([table(Flow.ids.departures, [shown(10), shown(20), none, shown(5)])])
    expect(Flows.defaultYear(area, years, on)).toBe("2023")
  })
})

describe("a measure derived from person events", () => {
  it("counts 0 for a member without a value in a period with values, so the region's total is not withheld", () => {
    const values = new Map([["2024", new Map([["GM0402", 25]])]])
    const filled = withZeros(values, gooiEnVechtstreek)
    const members = Membership.membersAtSomePoint(gooiEnVechtstreek, "2024-01-01" as never, "2024-12-31" as never)
    expect([...(filled.get("2024")?.entries() ?? [])].sort()).toEqual(
      members.map((m) => [m, m === "GM0402" ? 25 : 0]).sort(),
    )
    // Weesp left in 2022: it is no member in 2024 and gets no zero there; a period without values stays without.
    expect(filled.get("2024")?.has("GM0457")).toBe(false)
    expect(filled.has("2023")).toBe(false)
    const region = Publication.publish(
      {
        region: gooiEnVechtstreek,
        municipalities: [...new Set(gooiEnVechtstreek.memberships.map((m) => m.municipality))],
        indicators: byId,
        values: () => filled,
      },
      indicator(Flow.ids.departures),
      "public",
    ).region("2024")
    expect(region).toEqual({ _tag: "Shown", value: 25 })
  })
})
