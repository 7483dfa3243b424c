import { fileURLToPath } from "node:url"
import { Format, Scope } from "@baken/adapter-csv"
import { formatSuite, runFile } from "@baken/adapter-csv/testing"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import { describe, expect, it } from "vitest"
import { PolitieAdapter, PolitieFormat } from "../src/index.js"

const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
/** The adapter as a server serving Gooi en Vechtstreek runs it: the standard fixtures are written against that region. */
const adapter = PolitieAdapter.make(Scope.ofRegion(gooiEnVechtstreek))

formatSuite(adapter, {
  dir,
  recordsPerRow: 1,
  aggregated: true,
  header: Format.header(PolitieFormat.format),
  streamingRow: (i) => `GM0402;202${2 + (i % 4)}-${String((i % 12) + 1).padStart(2, "0")};E33;${i % 90}`,
  streamingRows: 5000,
})

describe("the politie format", () => {
  it("counts E33 incidents as politie-e33-incidenten, reading e33 as E33", async () => {
    const items = await runFile(adapter, dir, "valid.csv")
    const records = items.flatMap((i) => (i._tag === "Accepted" && "indicator" in i.record ? [i.record] : []))
    expect(new Set(records.map((r) => r.indicator))).toEqual(new Set(["politie-e33-incidenten"]))
    expect(records.find((r) => r.period === "2024-03")?.value).toBe(61)
    expect(records.find((r) => r.area === "GM0417")?.value).toBeNull()
  })
})
