// Issue 13, item 7: one CSV format. A download from the dashboard of a real `baken serve --demo` is the observations
// CSV (BOM, `;`, Dutch header), and it can be delivered back: read by the observations-csv adapter it gives the same
// numbers as its municipalities' rows, a hidden value comes back as unknown (never a number), and delivered through
// the server's delivery route as the DEMO research partner its municipalities' rows are stored while the rows of the
// region total are refused with their line. Also: any series, generated, round-trips writer → adapter.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Adapter, Bsn, Pseudonymiser, Source } from "@baken/adapter-kit"
import { registry } from "@baken/adapter-registry"
import { Csv, type DashboardSource } from "@baken/web"
import { Effect, Layer, Redacted, Stream } from "effect"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createToken, type ServerProcess, startServer } from "./processes.js"

const observationsAdapter = registry.find((e) => e.adapter.id === "observations-csv")?.adapter as Adapter.Adapter
const secret = Redacted.make("a-secret-of-at-least-32-characters-for-tests")

/** What the observations-csv adapter reads from `text`: the accepted observations and the rejections. */
const readBack = async (name: string, text: string) => {
  const items = [
    ...(await Effect.runPromise(
      Stream.runCollect(observationsAdapter.read(Source.bytes(name, text))).pipe(
        Effect.provide(Layer.orDie(Pseudonymiser.Pseudonymiser.layer(secret))),
      ),
    )),
  ]
  return {
    accepted: items.flatMap((i) =>
      i._tag === "Accepted" && "value" in i.record
        ? [[i.record.indicator, i.record.area, i.record.period, i.record.value] as const]
        : [],
    ),
    rejected: items.flatMap((i) => (i._tag === "Rejected" ? [i.rejection] : [])),
  }
}

/** The municipalities' lines of a download as observations: indicator, municipality, period, value (empty = null). */
const municipalLines = (records: ReadonlyArray<ReadonlyArray<string>>) =>
  records
    .filter((r) => /^GM\d{4}$/.test(r[1] ?? ""))
    .map((r) => [r[0], r[1], r[3], r[4] === "" ? null : Number(r[4]?.replace(",", "."))] as const)

const members = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"] as const
const periods = ["2022", "2023-H1", "2024-Q3", "2025-11"] as const

/** Any series of one indicator as the dashboard shows it: member rows, and the region, target and NL rows. */
const anySeries: fc.Arbitrary<DashboardSource.Series> = fc
  .record({
    // The id is the indicator cell of every row: nine digits in it, in any grouping (`a12345-6789`), are BSN-shaped.
    id: fc.stringMatching(/^[a-z][a-z0-9]{0,8}(?:-[a-z0-9]{1,6}){0,2}$/).filter((id) => !Bsn.contains(id)),
    periods: fc.subarray([...periods], { minLength: 1 }),
    rows: fc.uniqueArray(
      fc.record({
        key: fc.constantFrom(...members, "regio", "doel", "nederland"),
        // Nine digits in any grouping are refused as BSN-shaped in a text cell of every aggregated format.
        label: fc.string({ maxLength: 20 }).filter((s) => !Bsn.contains(s)),
        kind: fc.constantFrom("municipality", "region", "target", "benchmark"),
        cells: fc.array(
          fc.oneof(
            fc.record({
              value: fc
                .double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
                // A run of exactly nine digits is refused as BSN-shaped, in every aggregated format.
                .filter((v) => !Object.is(v, -0) && !/(?<!\d)\d{9}(?!\d)/.test(String(v))),
              suppressed: fc.constant(false),
            }),
            fc.record({ value: fc.constantFrom(null, 3), suppressed: fc.constant(true) }),
            fc.constant({ value: null, suppressed: false }),
          ),
          { minLength: 4, maxLength: 4 },
        ),
      }),
      // A file without rows is refused whole (`no-rows`), so a series has at least one.
      { selector: (r) => r.key, minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ id, periods, rows }) => ({
    id,
    title: id,
    unit: "aantal",
    definition: "",
    periods,
    detail: null,
    rows: rows.map((r) => ({
      ...r,
      kind: /^GM/.test(r.key) ? ("municipality" as const) : r.kind === "municipality" ? ("region" as const) : r.kind,
    })),
  }))

describe("a series download, read back by the observations-csv adapter", () => {
  it("gives back every municipality's number, a hidden or missing value as unknown, and refuses the other rows by line", async () => {
    await fc.assert(
      fc.asyncProperty(anySeries, async (series) => {
        const text = Csv.ofSeries(series)
        expect(text.startsWith("\uFEFFindicator;gemeente;naam;periode;waarde;toelichting\r\n")).toBe(true)
        const back = await readBack(`${series.id}.csv`, text)
        const expected = series.rows.flatMap((row) =>
          row.kind !== "municipality"
            ? []
            : series.periods.map((p, i) => {
                const cell = row.cells[i] ?? { value: null, suppressed: false }
                return [series.id, row.key, p, cell.suppressed ? null : cell.value] as const
              }),
        )
        expect(back.accepted).toEqual(expected)
        const others = series.rows.filter((r) => r.kind !== "municipality").length * series.periods.length
        expect(back.rejected.map((r) => r.rule)).toEqual(Array.from({ length: others }, () => "required"))
      }),
      { numRuns: 100 },
    )
  })
})

describe("a download from the demo server, delivered back", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "baken-csv-"))
  const env = { BAKEN_DATA_DIR: dataDir }
  const partner = "demo-regio-onderzoek"
  let partnerToken = ""
  let server: ServerProcess

  beforeAll(async () => {
    // The partner's token first: the embedded store has one writer, and the server holds the folder once it runs.
    partnerToken = createToken(["--audience", "partner", "--partner", partner], env, "TEST csv")
    server = await startServer(["--demo"], env)
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const trpc = async <A>(path: string, init: RequestInit = {}): Promise<A> => {
    const res = await fetch(`${server.url}/trpc/${path}`, {
      ...init,
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
    })
    expect(res.status, await res.clone().text()).toBe(200)
    return ((await res.json()) as { result: { data: A } }).result.data
  }

  const download = async (path: string) => {
    const res = await fetch(`${server.url}${path}`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8")
    const bytes = new Uint8Array(await res.arrayBuffer())
    // The byte-order mark, so Excel reads UTF-8; then `;` between the Dutch column names, so it opens in columns.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)
    expect(text.split("\r\n")[0]).toBe("\uFEFFindicator;gemeente;naam;periode;waarde;toelichting")
    return text
  }

  it("an indicator's CSV gives the same numbers back through the adapter, hidden values as unknown", async () => {
    const text = await download("/programmas/preventie-en-perspectief/indicatoren/huisuitzettingen.csv")
    const [, ...records] = Csv.parse(text)
    const lines = municipalLines(records)
    expect(lines.length).toBeGreaterThan(0)
    expect(records.some((r) => r[5] === "verborgen" && r[4] === "" && /^GM/.test(r[1] ?? ""))).toBe(true)
    expect(lines.some(([, , , v]) => typeof v === "number")).toBe(true)
    const back = await readBack("huisuitzettingen.csv", text)
    expect(back.accepted).toEqual(lines)
    // Only the rows that are no municipality's (region total, target, NL) are refused, each at its own line.
    const otherLines = records.flatMap((r, i) => (/^GM\d{4}$/.test(r[1] ?? "") ? [] : [i + 2]))
    expect(back.rejected.map((r) => [r.rule, r.location.line])).toEqual(otherLines.map((l) => ["required", l]))
  })

  it("an indicator's CSV holds exactly the numbers of its table on the programme page", async () => {
    const page = await (await fetch(`${server.url}/programmas/preventie-en-perspectief`)).text()
    const start = page.indexOf('id="reeks-huisuitzettingen"')
    const table = page.slice(start, page.indexOf("</table>", start))
    const columns = [...table.slice(0, table.indexOf("</thead>")).matchAll(/numeric-column"[^>]*>([^<]+)<\/th>/g)].map(
      (m) => m[1] ?? "",
    )
    const shown = table
      .split('data-label="')
      .slice(1)
      .flatMap((row) => {
        const label = row.slice(0, row.indexOf('"'))
        return [...row.matchAll(/data-value="([^"]*)"/g)].map((m, i) => `${label}|${columns[i]}|${m[1] ?? ""}`)
      })
    expect(shown.length).toBeGreaterThan(0)
    const text = await download("/programmas/preventie-en-perspectief/indicatoren/huisuitzettingen.csv")
    const [, ...records] = Csv.parse(text)
    // The table shows the years; the file has them too (and the quarters of the series' detail after them).
    const inFile = records.filter((r) => columns.includes(r[3] ?? "")).map((r) => `${r[2]}|${r[3]}|${r[4]}`)
    expect(inFile).toEqual(shown)
  })

  it("a municipality's figures CSV names the municipality in every row and reads back whole", async () => {
    const text = await download("/gemeenten/GM0406/cijfers.csv")
    const [, ...records] = Csv.parse(text)
    expect(records.length).toBeGreaterThan(0)
    expect(records.every((r) => r[1] === "GM0406")).toBe(true)
    const back = await readBack("cijfers-GM0406.csv", text)
    expect(back.rejected).toEqual([])
    expect(back.accepted).toEqual(municipalLines(records))
  })

  it("delivered through the delivery route as the DEMO research partner, its municipalities' rows are stored", async () => {
    const text = await download("/programmas/preventie-en-perspectief/indicatoren/huisuitzettingen.csv")
    const [, ...records] = Csv.parse(text)
    // The region lets the research partner deliver this indicator.
    const rights = await trpc<{ adapters: Array<string>; indicators: Array<string> }>(
      `partner.rights?input=${encodeURIComponent(JSON.stringify({ partner }))}`,
    )
    await trpc("partner.setRights", {
      method: "POST",
      body: JSON.stringify({ ...rights, indicators: [...new Set([...rights.indicators, "huisuitzettingen"])] }),
    })
    const sent = await fetch(`${server.url}/api/deliveries?adapter=observations-csv&name=huisuitzettingen.csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${partnerToken}`, "content-type": "application/octet-stream" },
      body: new TextEncoder().encode(text),
    })
    expect(sent.status, await sent.clone().text()).toBe(202)
    const { id } = (await sent.json()) as { id: string }
    let job: { status: string; progress: { accepted: number; rejected: number } } | undefined
    for (;;) {
      const res = await fetch(`${server.url}/api/deliveries/${id}`, {
        headers: { authorization: `Bearer ${partnerToken}` },
      })
      job = (await res.json()) as typeof job
      if (job?.status === "stored" || job?.status === "refused") break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(job?.status).toBe("stored")
    expect(job?.progress.accepted).toBe(municipalLines(records).length)
    expect(job?.progress.rejected).toBe(records.length - municipalLines(records).length)
  }, 60_000)
})
