// The dashboard's public pages on the real server (HTTP, the embedded store with the demo, the delivery worker):
// rendered once per change of the data and served from memory with an ETag; a delivery published or a council
// decision recorded is on the page at the next request; a visitor with a session always gets a page of their own.
// The web app is wrapped in a counter of the requests that reach it, which is how a render is seen.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Samples } from "@baken/adapter-registry"
import { AdminRouter } from "@baken/api"
import { WebApp } from "@baken/web"
import { Hono } from "hono"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Dashboard from "../src/Dashboard.js"
import * as Demo from "../src/Demo.js"
import * as Log from "../src/Log.js"
import * as Server from "../src/Server.js"
import * as ServerConfig from "../src/ServerConfig.js"
import { sessionCookie, signIn } from "./signIn.js"

const spoolDir = mkdtempSync(join(tmpdir(), "baken-public-pages-"))
const config: ServerConfig.ServerConfig = {
  ...ServerConfig.fromEnv({ BAKEN_DATA_DIR: "memory", PORT: "0", LOG_LEVEL: "error", BAKEN_SPOOL_DIR: spoolDir }),
  pseudonymSecret: Demo.demoSecret,
  publicRateLimit: 100_000,
  tokenRateLimit: 100_000,
}
const partner = "demo-zorgaanbieder-bescherming-en-opvang"

/** Paths of the requests that reached the web app: each is one render. */
const renders: Array<string> = []
const rendersOf = (path: string) => renders.filter((p) => p === path).length

let running: Server.Running
const url = (path: string) => `${running.url}${path}`
const get = (path: string, headers: Record<string, string> = {}) => fetch(url(path), { headers })
const token = (request: Omit<Parameters<typeof AdminRouter.issueToken>[0], "days">) =>
  running.runtime.runPromise(AdminRouter.issueToken({ ...request, days: 1 })).then((t) => t.secret)

beforeAll(async () => {
  running = await Server.start(config, {
    logger: Log.silent,
    web: (runtime) => {
      const counted = new Hono()
      counted.use(async (c, next) => {
        renders.push(c.req.path)
        await next()
      })
      counted.route("/", Dashboard.app(runtime, { deliveries: { spoolDir, deliveryLimit: config.deliveryLimit } }))
      return counted
    },
  })
  await running.runtime.runPromise(Demo.load)
}, 120_000)
afterAll(() => running?.close())

describe("public pages kept in memory", () => {
  it("serves a page from memory with its ETag, and answers 304 to that ETag", async () => {
    const first = await get("/")
    expect(first.status).toBe(200)
    const etag = first.headers.get("etag")
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/)
    expect(first.headers.get("cache-control")).toBe("public, no-cache")
    const html = await first.text()
    const rendered = rendersOf("/")
    const again = await get("/")
    expect(again.headers.get("etag")).toBe(etag)
    expect(await again.text()).toBe(html)
    const revalidated = await get("/", { "if-none-match": etag as string })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers.get("etag")).toBe(etag)
    expect(await revalidated.text()).toBe("")
    expect(rendersOf("/")).toBe(rendered)
  })

  it("keeps a page per encoding it is sent in (Brotli, gzip, none), with an ETag of its own bytes for each", async () => {
    const br = await get("/gemeenten", { "accept-encoding": "gzip, deflate, br" })
    const gzip = await get("/gemeenten", { "accept-encoding": "gzip" })
    const plain = await get("/gemeenten", { "accept-encoding": "identity" })
    expect(br.headers.get("content-encoding")).toBe("br")
    expect(gzip.headers.get("content-encoding")).toBe("gzip")
    expect(plain.headers.get("content-encoding")).toBeNull()
    expect(gzip.headers.get("etag")).not.toBe(plain.headers.get("etag"))
    const text = await plain.text()
    expect(await gzip.text()).toBe(text)
    expect(await br.text()).toBe(text)
    const before = rendersOf("/gemeenten")
    await get("/gemeenten", { "accept-encoding": "gzip;q=1.0" })
    await get("/gemeenten", { "accept-encoding": "identity" })
    expect(rendersOf("/gemeenten")).toBe(before)
  })

  it("renders a page once for many requests that come at the same time before it is kept", async () => {
    const path = "/gemeenten/GM0406"
    expect(rendersOf(path)).toBe(0)
    const answers = await Promise.all(Array.from({ length: 25 }, () => get(path)))
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200))
    expect(new Set(answers.map((a) => a.headers.get("etag"))).size).toBe(1)
    expect(new Set(await Promise.all(answers.map((a) => a.text()))).size).toBe(1)
    expect(rendersOf(path)).toBe(1)
  })

  it("serves a page with any query string or Host header from the one kept page, rendering it once", async () => {
    const path = "/gemeenten/GM0376"
    const first = await get(path)
    await first.arrayBuffer()
    const rendered = rendersOf(path)
    for (let i = 0; i < 20; i++) {
      const answer = await get(`${path}?x=${i}${Math.random()}`, i % 2 === 0 ? {} : { host: `elders-${i}.example` })
      expect(answer.status).toBe(200)
      expect(answer.headers.get("etag")).toBe(first.headers.get("etag"))
      await answer.arrayBuffer()
    }
    expect(rendersOf(path)).toBe(rendered)
  })

  it("never serves a request with a live session or an Authorization header from memory; a cookie of no session gets the kept page", async () => {
    const path = "/programmas/preventie-en-perspectief"
    await get(path)
    const before = rendersOf(path)
    for (const headers of [{ authorization: "Bearer x" }, { authorization: "Bearer x" }]) {
      const answer = await get(path, headers)
      expect(answer.headers.get("cache-control")).not.toBe("public, no-cache")
      await answer.arrayBuffer()
    }
    expect(rendersOf(path)).toBe(before + 2)
    // A live session's page is its own, rendered each time.
    const session = await signIn(running.runtime, await token({ audience: "region", label: "regio" }))
    for (let i = 0; i < 2; i++) {
      const own = await get(path, { cookie: sessionCookie(session) })
      expect(own.headers.get("cache-control")).not.toBe("public, no-cache")
      await own.arrayBuffer()
    }
    expect(rendersOf(path)).toBe(before + 4)
    // A made-up cookie costs no render: the page everyone gets, from memory, and the cookie is deleted.
    const madeUp = await get(path, { cookie: `${WebApp.sessionCookie}=bks_onbekend` })
    expect(madeUp.headers.get("cache-control")).toBe("public, no-cache")
    expect(madeUp.headers.get("set-cookie")).toMatch(new RegExp(`^${WebApp.sessionCookie}=; Max-Age=0`))
    await madeUp.arrayBuffer()
    expect(rendersOf(path)).toBe(before + 4)
  })

  it("shows a delivery's figures on the next request after it is published", async () => {
    const path = "/gemeenten/GM0402"
    const before = await get(path)
    const beforeHtml = await before.text()
    const beforeEtag = before.headers.get("etag") as string
    const region = await token({ audience: "region", label: "test region" })
    const rights = await fetch(url("/trpc/partner.setRights"), {
      method: "POST",
      headers: { authorization: `Bearer ${region}`, "content-type": "application/json" },
      body: JSON.stringify({ partner, adapters: ["observations-csv"], indicators: ["bw-instroom"] }),
    })
    expect(rights.status).toBe(200)
    const chunks: Array<Uint8Array> = []
    for await (const chunk of Samples.stream("observations-csv", { rows: 4_000 })) chunks.push(chunk)
    const bearer = await token({ audience: "partner", partner: partner as never, label: "test partner" })
    const sent = await fetch(url("/api/deliveries?adapter=observations-csv&name=waarnemingen.csv"), {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/octet-stream" },
      body: Buffer.concat(chunks),
    })
    expect(sent.status).toBe(202)
    const { id } = (await sent.json()) as { id: string }
    let status = ""
    while (status !== "stored" && status !== "refused") {
      const job = await fetch(url(`/api/deliveries/${id}`), { headers: { authorization: `Bearer ${bearer}` } })
      status = ((await job.json()) as { status: string }).status
      if (status !== "stored") await new Promise((r) => setTimeout(r, 20))
    }
    expect(status).toBe("stored")
    // The very next request: the kept page's ETag no longer matches, and the page is what the API now publishes,
    // the same as a page rendered for this request alone (an Authorization header passes the cache by).
    const after = await get(path, { "if-none-match": beforeEtag })
    expect(after.status).toBe(200)
    const afterHtml = await after.text()
    expect(afterHtml).not.toBe(beforeHtml)
    expect(afterHtml).toBe(await (await get(path, { authorization: "Bearer x" })).text())
  })

  it("shows a council decision on the home page at the next request after the API recorded it", async () => {
    const before = await (await get("/")).text()
    expect(before).not.toContain("TEST-snel-1")
    const region = await token({ audience: "region", label: "test region" })
    const recorded = await fetch(url("/trpc/plan.recordDecision"), {
      method: "POST",
      headers: { authorization: `Bearer ${region}`, "content-type": "application/json" },
      body: JSON.stringify({
        plan: "bo-2022-2025",
        municipality: "GM0417",
        outcome: "adopted",
        date: "2025-04-14",
        reference: "TEST-snel-1",
      }),
    })
    expect(recorded.status).toBe(200)
    expect(await (await get("/")).text()).toContain("TEST-snel-1")
  })
})
