import { Item, Pseudonymiser, Source } from "@baken/adapter-kit"
import { ObservationsAdapter } from "@baken/adapter-observations-csv"
import { Effect, Layer, Redacted, Stream } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { callerFor, callers, countIndicator, makeRuntime, seedDeliveries } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

const members = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"]
const periods = ["2024-Q1", "2024-Q2"]

beforeAll(async () => {
  await seedDeliveries(runtime, {
    adapters: ["observations-csv"],
    indicators: ["csv-roundtrip"],
    extra: [countIndicator("csv-roundtrip")],
  })
  const partner = callerFor(runtime, callers.partner)
  await partner.delivery.push({
    adapter: "observations-csv",
    sourceName: "figures.csv",
    sourceHash: "b".repeat(64),
    records: members.flatMap((area, i) =>
      periods.map((period, j) => ({
        indicator: "csv-roundtrip",
        area,
        period,
        value: i === 1 ? 3 : 20 + i * 7 + j,
        source: "observations-csv",
      })),
    ),
    rejections: [],
  } as never)
})

describe("the CSV export", () => {
  it("is the generic observations format, and reads back through its adapter unchanged", async () => {
    const region = callerFor(runtime, callers.region)
    const input = { indicators: ["csv-roundtrip"], periods } as never
    const { csv } = await region.indicator.exportCsv(input)
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("indicator;gemeente;periode;waarde")
    const items = await Effect.runPromise(
      Stream.runCollect(ObservationsAdapter.adapter.read(Source.bytes("export.csv", csv))).pipe(
        Effect.provide(Pseudonymiser.Pseudonymiser.layer(Redacted.make("x".repeat(32))).pipe(Layer.orDie)),
      ),
    )
    const list = [...items]
    expect(list.filter(Item.isRejected)).toEqual([])
    const readBack = list
      .filter(Item.isAccepted)
      .map((i) => i.record as { area: string; period: string; value: number | null })
    const [table] = await region.indicator.values(input)
    const published = table?.municipalities.flatMap((m, i) =>
      table.periods.map((p, j) => {
        const cell = table.cells[i]?.[j]
        return { area: m, period: p, value: cell?._tag === "Shown" ? cell.value : null }
      }),
    )
    expect(readBack.map(({ area, period, value }) => ({ area, period, value }))).toEqual(published)
    expect(readBack.some((r) => r.value === null)).toBe(true)
  })
})
