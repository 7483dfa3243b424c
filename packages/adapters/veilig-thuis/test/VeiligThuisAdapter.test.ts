import { fileURLToPath } from "node:url"
import { Format, Scope } from "@baken/adapter-csv"
import { formatSuite, runFile } from "@baken/adapter-csv/testing"
import { Pseudonymiser, Source } from "@baken/adapter-kit"
import { testSecret } from "@baken/adapter-kit/testing"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import { Effect, Layer, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { VeiligThuisAdapter, VeiligThuisFormat } from "../src/index.js"

const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
/** The adapter as a server serving Gooi en Vechtstreek runs it: the standard fixtures are written against that region. */
const adapter = VeiligThuisAdapter.make(Scope.ofRegion(gooiEnVechtstreek))

formatSuite(adapter, {
  dir,
  recordsPerRow: 1,
  aggregated: true,
  header: Format.header(VeiligThuisFormat.format),
  streamingRow: (i) => `GM0402;${2022 + (i % 4)}-H${(i % 2) + 1};meldingen;totaal;${i % 500}`,
  streamingRows: 4000,
})

describe("the Veilig Thuis format", () => {
  it("turns each row into an observation of vt-<onderwerp>[-<categorie>] for the municipality and half year", async () => {
    const items = await runFile(adapter, dir, "valid.csv")
    const first = items
      .slice(0, 5)
      .map((i) => (i._tag === "Accepted" && "indicator" in i.record ? i.record : undefined))
    expect(first.map((o) => [o?.indicator, o?.area, o?.period, o?.value, o?.source])).toEqual([
      ["vt-adviezen", "GM0402", "2023-H1", 312, "veilig-thuis"],
      ["vt-meldingen", "GM0402", "2023-H1", 254, "veilig-thuis"],
      ["vt-onderzoeken-afgerond", "GM0402", "2023-H1", 41, "veilig-thuis"],
      ["vt-aard-geweld-partnergeweld", "GM0402", "2023-H1", 88, "veilig-thuis"],
      ["vt-vervolg-overdracht-lokaal-veld", "GM0402", "2023-H1", 97, "veilig-thuis"],
    ])
  })

  it("records an empty aantal as unknown (null), never as 0", async () => {
    const items = await runFile(adapter, dir, "valid.csv")
    const huizen = items.find((i) => i._tag === "Accepted" && "area" in i.record && i.record.area === "GM0406")
    expect(huizen?._tag === "Accepted" && "value" in huizen.record ? huizen.record.value : "missing").toBeNull()
  })

  it("refuses a category that does not belong to the subject, at the categorie column", async () => {
    const csv = `${Format.header(VeiligThuisFormat.format)}\nGM0402;2023-H1;meldingen;partnergeweld;5\n`
    const items = await Effect.runPromise(
      Stream.runCollect(adapter.read(Source.bytes("vt.csv", csv))).pipe(
        Effect.provide(Layer.orDie(Pseudonymiser.Pseudonymiser.layer(testSecret))),
      ),
    )
    expect(
      items.map((i) =>
        i._tag === "Rejected" ? [i.rejection.rule, i.rejection.location.line, i.rejection.location.column] : i._tag,
      ),
    ).toEqual([["category-of-subject", 2, 4]])
  })

  it("emits only the indicators it lists", () => {
    expect(VeiligThuisFormat.indicators).toContain("vt-meldingen")
    expect(VeiligThuisFormat.indicators).toHaveLength(15)
  })
})
