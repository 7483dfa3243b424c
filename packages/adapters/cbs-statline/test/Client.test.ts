import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import type { Item } from "@baken/adapter-kit"
import { Effect, Option, Stream } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CbsAdapter, Client, Table } from "../src/index.js"

const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url))
const page = (name: string) => readFileSync(`${dir}/${name}`, "utf8")

/** Every request the server saw: path with query, and when. */
const log: Array<{ readonly url: string; readonly at: number }> = []
const attempts = new Map<string, number>()
let server: Server
let base = ""

/** Serves the recorded pages the way StatLine does, with the faults the client must survive. */
const handle = (url: URL): { status: number; body: string; headers?: Record<string, string>; cut?: boolean } => {
  const key = `${url.pathname}?${url.searchParams.get("$skiptoken") ?? url.searchParams.get("$skip") ?? ""}`
  const n = (attempts.get(key) ?? 0) + 1
  attempts.set(key, n)
  const local = (text: string) =>
    text.replaceAll("https://opendata.cbs.nl", base).replaceAll("https://datasets.cbs.nl/odata/v1/CBS", base)
  switch (key) {
    case "/ODataApi/odata/70072ned/TypedDataSet?":
      return n === 1
        ? { status: 429, body: "Too Many Requests", headers: { "retry-after": "1" } }
        : { status: 200, body: local(page("70072ned-TypedDataSet-page1.json")) }
    case "/ODataApi/odata/70072ned/TypedDataSet?3":
      return n === 1 ? { status: 503, body: "busy" } : { status: 200, body: page("70072ned-TypedDataSet-page2.json") }
    case "/ODataApi/odata/03759ned/TypedDataSet?":
      return { status: 200, body: page("03759ned-TypedDataSet.json") }
    case "/85043NED/Observations?":
      return { status: 200, body: local(page("85043NED-Observations-page1.json")) }
    case "/85043NED/Observations?3":
      return n === 1
        ? { status: 200, body: page("85043NED-Observations-page2.json"), cut: true }
        : { status: 200, body: page("85043NED-Observations-page2.json") }
    case "/84848NED/Observations?":
      return { status: 200, body: page("84848NED-Observations.json"), cut: true }
    case "/ODataApi/odata/80000ned/TypedDataSet?":
      return {
        status: 200,
        body: page("70072ned-TypedDataSet-page1.json").replace("https://opendata.cbs.nl", "http://elsewhere.invalid"),
      }
    default:
      return { status: 404, body: "not found" }
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", base)
    log.push({ url: `${url.pathname}${url.search}`, at: performance.now() })
    const answer = handle(url)
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers })
    // A cut body: half the page arrives and the response ends as if complete.
    res.end(answer.cut === true ? answer.body.slice(0, answer.body.length / 2) : answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const fast = { backoffMillis: 20, retries: 2 }
const pull = (table: Table.Table, baseUrl: string) =>
  Effect.runPromise(Stream.runCollect(CbsAdapter.pull(table, { ...fast, baseUrl })))
const observations = (items: ReadonlyArray<Item.Item>) =>
  items.flatMap((i) => (i._tag === "Accepted" && "indicator" in i.record ? [i.record] : []))
const rejections = (items: ReadonlyArray<Item.Item>) =>
  items.flatMap((i) => (i._tag === "Rejected" ? [i.rejection] : []))

describe("the StatLine client against a local server", () => {
  it("pulls 70072ned over OData v3 across a page break, after a 429 (honouring Retry-After) and a 503", async () => {
    const items = await pull(Table.regionaleKerncijfers, `${base}/ODataApi/odata`)
    expect(rejections(items)).toEqual([])
    expect(observations(items).map((o) => [o.indicator, o.area, o.period, o.value])).toEqual([
      ["bevolking", "NL01", "2023", 17811291],
      ["bevolking", "GM0402", "2023", 91453],
      ["bevolking", "GM1942", "2023", 59164],
      ["bevolking", "GM0457", "2021", 20018],
      ["bevolking", "GM0406", "2024", null],
      ["bevolking", "PV27", "2023", 2952622],
    ])
    const requests = log.filter((r) => r.url.startsWith("/ODataApi/odata/70072ned/TypedDataSet"))
    // page 1: a 429, then the page; page 2: a 503, then the page.
    expect(requests.length).toBe(4)
    const [limited, retried] = requests
    // Retry-After: 1 — the retry came no sooner than one second after the 429.
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(990)
    expect(requests.filter((r) => r.url.includes("skiptoken=3")).length).toBe(2)
  })

  it("selects the totals of 03759ned with a $filter and keeps only the total rows of a page", async () => {
    const items = await pull(Table.bevolking, `${base}/ODataApi/odata`)
    const request = log.find((r) => r.url.startsWith("/ODataApi/odata/03759ned/"))
    expect(decodeURIComponent(request?.url ?? "").replaceAll("+", " ")).toContain(
      "$filter=Geslacht eq 'T001038' and Leeftijd eq '10000' and BurgerlijkeStaat eq 'T001019'",
    )
    expect(observations(items).map((o) => [o.indicator, o.area, o.value])).toEqual([
      ["bevolking", "GM0402", 91453],
      ["bevolking-gemiddeld", "GM0402", 91602],
      ["bevolking", "GM0376", 11321],
      ["bevolking-gemiddeld", "GM0376", null],
    ])
  })

  it("pulls 85043NED over OData v4 across @odata.nextLink, retrying a truncated body, with markers as unknown", async () => {
    const items = await pull(Table.wmoClienten, base)
    expect(rejections(items)).toEqual([])
    expect(observations(items).map((o) => [o.indicator, o.area, o.period, o.value])).toEqual([
      ["wmo-clienten", "GM0402", "2023-Q1", 2135],
      ["wmo-clienten-per-1000", "GM0402", "2023-Q1", 23.3],
      ["wmo-clienten", "GM0317", "2023-Q1", null],
      ["wmo-clienten", "GM1942", "2023-06", 1404],
      ["wmo-clienten-per-1000", "NL01", "2023", null],
      ["wmo-clienten", "GM0417", "2023", 0],
    ])
    expect(log.filter((r) => r.url.startsWith("/85043NED/Observations?$skip=3")).length).toBe(2)
  })

  it("reports a body that stays truncated as a located rejection naming the page, after its retries", async () => {
    const items = await pull(Table.veiligThuis, base)
    expect(observations(items)).toEqual([])
    const [rejection] = rejections(items)
    expect(rejection?.rule).toBe("truncated")
    expect(rejection?.location.file).toContain(`${base}/84848NED/Observations`)
    expect(rejection?.location.message).toBe("pagina 1")
    expect(log.filter((r) => r.url.startsWith("/84848NED/")).length).toBe(fast.retries + 1)
  })

  it("does not follow a next link to another server", async () => {
    const items = await pull({ ...Table.regionaleKerncijfers, id: "80000ned" }, `${base}/ODataApi/odata`)
    expect(observations(items).length).toBe(3)
    expect(rejections(items).map((r) => r.rule)).toEqual(["foreign-next-link"])
  })

  it("reports an unknown table (HTTP 404) without retrying", async () => {
    const items = await pull({ ...Table.regionaleKerncijfers, id: "12345ned" }, `${base}/ODataApi/odata`)
    expect(rejections(items).map((r) => [r.rule, r.location.message])).toEqual([["http-status", "pagina 1"]])
    expect(log.filter((r) => r.url.includes("12345ned")).length).toBe(1)
  })

  it("reads Retry-After given as seconds or as an HTTP date", () => {
    expect(Client.retryAfterMillis("3", 0)).toEqual(Option.some(3000))
    const now = Date.parse("2024-01-01T00:00:00Z")
    expect(Client.retryAfterMillis("Mon, 01 Jan 2024 00:00:05 GMT", now)).toEqual(Option.some(5000))
    expect(Client.retryAfterMillis(null, now)._tag).toBe("None")
  })

  it("is pointed at a server by the CLI's --base-url setting", async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      cli,
      "--table",
      "03759ned",
      "--base-url",
      `${base}/ODataApi/odata`,
    ])
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Item.Item)
    expect(observations(lines).length).toBe(4)
    expect(stderr).toContain("03759ned: 4 accepted, 0 rejected")
  })
})
