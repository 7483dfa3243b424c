import { fileURLToPath } from "node:url"
import { Format, Scope } from "@baken/adapter-csv"
import { formatSuite, runFile } from "@baken/adapter-csv/testing"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import { describe, expect, it } from "vitest"
import { WoningcorporatieAdapter, WoningcorporatieFormat } from "../src/index.js"

const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
/** The adapter as a server serving Gooi en Vechtstreek runs it: the standard fixtures are written against that region. */
const adapter = WoningcorporatieAdapter.make(Scope.ofRegion(gooiEnVechtstreek))

formatSuite(adapter, {
  dir,
  recordsPerRow: 3,
  aggregated: true,
  header: Format.header(WoningcorporatieFormat.format),
  streamingRow: (i) => `GM0402;202${2 + (i % 4)}-${String((i % 12) + 1).padStart(2, "0")};${i % 90};${i % 9};${i % 3}`,
  streamingRows: 4000,
})

describe("the woningcorporatie format", () => {
  it("turns a row into three observations, an empty cell into an unknown value (null), never 0", async () => {
    const items = await runFile(adapter, dir, "valid.csv")
    const huizen = items.flatMap((i) =>
      i._tag === "Accepted" && "area" in i.record && i.record.area === "GM0406" ? [i.record] : [],
    )
    expect(huizen.map((o) => [o.indicator, o.period, o.value])).toEqual([
      ["wc-signalen-huurachterstand", "2024-01", 18],
      ["wc-aanzeggingen-ontruiming", "2024-01", null],
      ["wc-ontruimingen-uitgevoerd", "2024-01", 0],
    ])
  })
})
