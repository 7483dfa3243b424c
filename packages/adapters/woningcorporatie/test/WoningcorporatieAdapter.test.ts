import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Format } from "@baken/adapter-csv"
import { formatFixtures, runFile } from "@baken/adapter-csv/testing"
import { adapterConformance } from "@baken/adapter-kit/testing"
import { describe, expect, it } from "vitest"
import { WoningcorporatieAdapter, WoningcorporatieFormat } from "../src/index.js"

const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) })
const adapter = WoningcorporatieAdapter.adapter

const large = () => {
  const rows = Array.from(
    { length: 4000 },
    (_, i) => `GM0402;202${2 + (i % 4)}-${String((i % 12) + 1).padStart(2, "0")};${i % 90};${i % 9};${i % 3}`,
  )
  return {
    name: "large.csv",
    bytes: new TextEncoder().encode(`${Format.header(WoningcorporatieFormat.format)}\r\n${rows.join("\r\n")}\r\n`),
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

formatFixtures(adapter, { dir, recordsPerRow: 3, aggregated: true })

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
