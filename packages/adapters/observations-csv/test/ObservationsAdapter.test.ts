import { fileURLToPath } from "node:url"
import { Scope } from "@baken/adapter-csv"
import { formatSuite, runFile } from "@baken/adapter-csv/testing"
import { Bsn, Pseudonymiser, Source } from "@baken/adapter-kit"
import { testSecret } from "@baken/adapter-kit/testing"
import { Area, Ids, Observation, Period } from "@baken/domain"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import { Effect, Layer, Stream } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { ObservationsAdapter, ObservationsCsv, ObservationsFormat } from "../src/index.js"

const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
/** The adapter as a server serving Gooi en Vechtstreek runs it: the standard fixtures are written against that region. */
const adapter = ObservationsAdapter.make(Scope.ofRegion(gooiEnVechtstreek))

const read = (name: string, csv: string) =>
  Effect.runPromise(
    Stream.runCollect(adapter.read(Source.bytes(name, csv))).pipe(
      Effect.provide(Layer.orDie(Pseudonymiser.Pseudonymiser.layer(testSecret))),
    ),
  )

formatSuite(adapter, {
  dir,
  recordsPerRow: 1,
  aggregated: true,
  header: ObservationsCsv.header,
  streamingRow: (i) => `indicator-${i % 7};GM0402;202${2 + (i % 4)}-Q${(i % 4) + 1};${i / 4}`,
  streamingRows: 4000,
})

const members = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"] as const
const period = fc
  .record({
    year: fc.integer({ min: 2022, max: 2025 }),
    kind: fc.constantFrom("year", "half", "quarter", "month") as fc.Arbitrary<Period.Kind>,
    index: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ year, kind, index }) =>
    Period.fromParts({
      year,
      kind,
      index: kind === "year" ? 1 : ((index - 1) % { half: 2, quarter: 4, month: 12 }[kind]) + 1,
    }),
  )
const observation = fc
  .record({
    indicator: fc.stringMatching(/^[a-z][a-z0-9]{0,8}(?:-[a-z0-9]{1,6}){0,3}$/).filter((s) => !Bsn.contains(s)),
    area: fc.constantFrom(...members),
    period,
    value: fc.option(
      fc
        .double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })
        .filter((v) => !Object.is(v, -0) && !/(?<!\d)\d{9}(?!\d)/.test(String(v))),
      { nil: null },
    ),
  })
  .map(
    (o) =>
      new Observation.Observation({
        indicator: Ids.IndicatorId.make(o.indicator),
        area: Area.AreaCode.make(o.area),
        period: o.period,
        value: o.value,
        source: Ids.AdapterId.make(ObservationsAdapter.id),
      }),
  )

describe("the generic observations CSV", () => {
  it("round-trips any export: what the writer writes, the adapter reads back as the same observations", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(observation, { minLength: 1, maxLength: 40 }), async (observations) => {
        const items = await read("export.csv", ObservationsCsv.write(observations))
        expect(items.filter((i) => i._tag === "Rejected")).toEqual([])
        expect(items.map((i) => (i._tag === "Accepted" ? i.record : undefined))).toEqual(observations)
      }),
      { numRuns: 200 },
    )
  })

  it("round-trips any download with names and notes: whatever `;`, quotes or line breaks they hold, the same observations come back", async () => {
    const text = fc.string({ maxLength: 30 }).filter((t) => !Bsn.contains(t))
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(observation, text, text), { minLength: 1, maxLength: 30 }), async (rows) => {
        const csv = ObservationsCsv.writeWithNotes(
          rows.map(([o, name, note]) => ({
            indicator: o.indicator,
            municipality: o.area,
            name,
            period: o.period,
            value: o.value,
            note,
          })),
        )
        expect(csv.startsWith("\uFEFFindicator;gemeente;naam;periode;waarde;toelichting\r\n")).toBe(true)
        const items = await read("download.csv", csv)
        expect(items.filter((i) => i._tag === "Rejected")).toEqual([])
        expect(items.map((i) => (i._tag === "Accepted" ? i.record : undefined))).toEqual(rows.map(([o]) => o))
      }),
      { numRuns: 200 },
    )
  })

  it("reads the columns the domain's writer writes, in the same order", () => {
    expect(Object.keys(ObservationsFormat.format.columns).join(";")).toBe(ObservationsCsv.headerWithNotes)
  })

  it("writes the Dutch header indicator;gemeente;periode;waarde, CRLF line ends and an empty cell for unknown", () => {
    const text = ObservationsCsv.write([
      new Observation.Observation({
        indicator: Ids.IndicatorId.make("vt-meldingen"),
        area: Area.AreaCode.make("GM0402"),
        period: Period.Period.make("2024-H1"),
        value: null,
        source: Ids.AdapterId.make("veilig-thuis"),
      }),
    ])
    expect(text).toBe("\uFEFFindicator;gemeente;periode;waarde\r\nvt-meldingen;GM0402;2024-H1;\r\n")
  })

  it("writes text that looks like a formula with a leading quote, and a negative value as a number", () => {
    // The domain's ids cannot hold such text; the writer does not rely on that.
    const hostile = { indicator: '=HYPERLINK("https://example.org")', area: "@SUM(A1)", period: "+1", value: -5 }
    expect(ObservationsCsv.row(hostile as never)).toBe(`"'=HYPERLINK(""https://example.org"")";'@SUM(A1);'+1;-5\r\n`)
  })

  it("reads a file written with the English names of the first exports (municipality, period, value)", async () => {
    const items = await read("oud.csv", "indicator;municipality;period;value\r\nbw-instroom;GM0402;2024-Q1;7\r\n")
    expect(items.map((i) => (i._tag === "Accepted" && "value" in i.record ? i.record.value : i))).toEqual([7])
  })

  it("reads the notes column but stores nothing of it, and reads a file without it the same", async () => {
    const noted = await read(
      "met-toelichting.csv",
      "\uFEFFindicator;gemeente;periode;waarde;toelichting\r\nbw-instroom;GM0402;2024-Q1;;Hilversum: verborgen\r\nbw-instroom;GM0406;2024-Q1;7;Huizen\r\n",
    )
    const plain = await read(
      "zonder.csv",
      "indicator;gemeente;periode;waarde\r\nbw-instroom;GM0402;2024-Q1;\r\nbw-instroom;GM0406;2024-Q1;7\r\n",
    )
    expect(noted.filter((i) => i._tag === "Rejected")).toEqual([])
    expect(noted).toEqual(plain)
  })

  it("refuses a file that names the municipality twice, in Dutch and in English", async () => {
    const items = await read(
      "dubbel.csv",
      "indicator;gemeente;periode;waarde;municipality\r\nbw-instroom;GM0402;2024-Q1;7;GM0402\r\n",
    )
    const rules = items.flatMap((i) => (i._tag === "Rejected" ? [i.rejection.rule] : []))
    expect(rules).toEqual(["header-duplicate"])
  })

  it("refuses a row without a municipality, as a download's region total, with its line", async () => {
    const items = await read(
      "download.csv",
      "\uFEFFindicator;gemeente;periode;waarde;toelichting\r\nbw-instroom;GM0402;2024-Q1;3;Hilversum\r\nbw-instroom;;2024-Q1;3;Gooi en Vechtstreek (regiototaal)\r\n",
    )
    const rejected = items.flatMap((i) => (i._tag === "Rejected" ? [i.rejection] : []))
    expect(rejected.map((r) => [r.rule, r.location.line])).toEqual([["required", 3]])
    expect(items.filter((i) => i._tag === "Accepted")).toHaveLength(1)
  })

  it("reads a decimal comma as Dutch Excel writes it, and an empty value as unknown", async () => {
    const items = await runFile(adapter, dir, "valid.csv")
    const values = items.flatMap((i) => (i._tag === "Accepted" && "value" in i.record ? [i.record.value] : []))
    expect(values).toContain(38.5)
    expect(values).toContain(null)
  })
})
