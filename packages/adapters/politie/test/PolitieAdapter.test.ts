import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Format } from "@baken/adapter-csv"
import { formatFixtures, runFile } from "@baken/adapter-csv/testing"
import { adapterConformance } from "@baken/adapter-kit/testing"
import { describe, expect, it } from "vitest"
import { PolitieAdapter, PolitieFormat } from "../src/index.js"

const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) })
const adapter = PolitieAdapter.adapter

const large = () => {
  const rows = Array.from(
    { length: 5000 },
    (_, i) => `GM0402;202${2 + (i % 4)}-${String((i % 12) + 1).padStart(2, "0")};E33;${i % 90}`,
  )
  return {
    name: "large.csv",
    bytes: new TextEncoder().encode(`${Format.header(PolitieFormat.format)}\r\n${rows.join("\r\n")}\r\n`),
  }
}

adapterConformance(adapter, {
  fixtures: {
    valid: [fixture("valid.csv"), fixture("header-order.csv")],
    invalid: [
      fixture("windows-1252.csv"),
      fixture("extra-columns.csv"),
      fixture("period-outside-plan.csv"),
      fixture("non-member.csv"),
      fixture("excel-renamed.csv"),
      fixture("bsn-column.csv"),
      fixture("missing-and-unknown-columns.csv"),
    ],
    streaming: large(),
  },
})

formatFixtures(adapter, { dir, recordsPerRow: 1, aggregated: true })

describe("the politie format", () => {
  it("counts E33 incidents as politie-e33-incidenten, reading e33 as E33", async () => {
    const items = await runFile(adapter, dir, "valid.csv")
    const records = items.flatMap((i) => (i._tag === "Accepted" && "indicator" in i.record ? [i.record] : []))
    expect(new Set(records.map((r) => r.indicator))).toEqual(new Set(["politie-e33-incidenten"]))
    expect(records.find((r) => r.period === "2024-03")?.value).toBe(61)
    expect(records.find((r) => r.area === "GM0417")?.value).toBeNull()
  })
})
