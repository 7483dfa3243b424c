// The dashboard's series put the Netherlands beside the region where the published table has a national figure (the
// CBS adapter's NL01 values), keep it aligned with the years when empty periods are dropped, and leave it out where
// there is none.
import { describe, expect, it } from "vitest"
import * as SeriesView from "../src/dashboard/SeriesView.js"
import type { PublishedCell, PublishedIndicator } from "../src/Figures.js"

const shown = (value: number): PublishedCell => ({ _tag: "Shown", value })
const none: PublishedCell = { _tag: "NoData" }
const hidden: PublishedCell = { _tag: "Suppressed", reason: "protected" } as PublishedCell

const table = (netherlands: ReadonlyArray<PublishedCell>): PublishedIndicator => ({
  indicator: "wmo-clienten",
  disclosure: "person-counts",
  kind: "count",
  unit: "count",
  municipalities: ["GM0406"],
  periods: ["2021", "2022", "2023"],
  cells: [[none, shown(2_200), hidden]],
  regionTotals: [none, shown(14_000), shown(14_500)],
  netherlands,
  provisional: [false, false, true],
})

const input: SeriesView.SeriesInput = {
  indicator: undefined,
  targets: [],
  regionName: "Regio Gooi en Vechtstreek",
  nameOf: (code) => (code === "GM0406" ? "Huizen" : code),
}

describe("a series of the dashboard", () => {
  it("has a Nederland row from the table's national figures, aligned with the years that hold data", () => {
    const series = SeriesView.seriesOf(SeriesView.withData(table([none, shown(1_035_530), hidden])), input)
    // 2021 holds nothing in the region and is dropped; the national cells move with it.
    expect(series.periods).toEqual(["2022", "2023"])
    const nl = series.rows.find((r) => r.key === "nederland")
    expect(nl?.kind).toBe("benchmark")
    expect(nl?.label).toBe("Nederland")
    expect(nl?.cells).toEqual([
      { value: 1_035_530, suppressed: false },
      { value: null, suppressed: true },
    ])
    expect(series.rows.map((r) => r.kind)).toEqual(["municipality", "region", "benchmark"])
  })

  it("has no Nederland row when no national figure was delivered", () => {
    const series = SeriesView.seriesOf(SeriesView.withData(table([none, none, none])), input)
    expect(series.rows.some((r) => r.kind === "benchmark")).toBe(false)
  })
})
