import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Hono } from "hono"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as App from "../src/App.js"
import * as Demo from "../src/Demo.js"
import * as RateLimit from "../src/RateLimit.js"
import * as Runtime from "../src/Runtime.js"
import { fromFolder } from "../src/StaticSite.js"
import { appConfig } from "./settings.js"

const runtime = Runtime.make({ database: { _tag: "Embedded" }, pseudonymSecret: undefined })
const config = appConfig()
const web = new Hono().get("/", (c) => c.html("<h1>dashboard</h1>")).get("/healthz", (c) => c.text("web shadow"))
const app = App.make({ runtime, config, web, ready: App.readiness(runtime) })

beforeAll(() => runtime.runPromise(Demo.load))
afterAll(() => runtime.dispose())

const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`

describe("the HTTP surface", () => {
  it("answers /healthz, and /readyz once the database answers", async () => {
    expect(await (await app.request("/healthz")).json()).toEqual({ status: "ok" })
    const ready = await app.request("/readyz")
    expect(ready.status).toBe(200)
  })

  it("says not ready when the database does not answer", async () => {
    const down = App.make({ runtime, config, ready: async () => false })
    expect((await down.request("/readyz")).status).toBe(503)
  })

  it("sends security headers and a request id", async () => {
    const res = await app.request("/healthz")
    expect(res.headers.get("x-content-type-options")).toBe("nosniff")
    expect(res.headers.get("strict-transport-security")).toContain("max-age")
    expect(res.headers.get("x-request-id")).toMatch(/.+/)
  })

  it("keeps CORS off unless origins are configured", async () => {
    const off = await app.request("/trpc/plan.list", { headers: { origin: "https://elsewhere.example" } })
    expect(off.headers.get("access-control-allow-origin")).toBeNull()
    const on = App.make({ runtime, config: { ...config, corsOrigins: ["https://dashboard.example"] } })
    const res = await on.request("/trpc/plan.list", { headers: { origin: "https://dashboard.example" } })
    expect(res.headers.get("access-control-allow-origin")).toBe("https://dashboard.example")
  })

  it("serves the web app at / without shadowing the API's routes", async () => {
    expect(await (await app.request("/")).text()).toContain("dashboard")
    expect(await (await app.request("/healthz")).json()).toEqual({ status: "ok" })
  })

  it("refuses a body over the limit with 413", async () => {
    const res = await app.request("/trpc/plan.create", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer x" },
      body: JSON.stringify({ title: "x".repeat(10_000) }),
    })
    expect(res.status).toBe(413)
  })

  it("limits public requests per IP address with 429 and Retry-After", async () => {
    const limited = App.make({ runtime, config: { ...config, publicRateLimit: 2 }, rateLimiter: RateLimit.make() })
    const headers = { "x-forwarded-for": "192.0.2.7" }
    expect((await limited.request("/trpc/plan.list", { headers })).status).toBe(200)
    expect((await limited.request("/trpc/plan.list", { headers })).status).toBe(200)
    const third = await limited.request("/trpc/plan.list", { headers })
    expect(third.status).toBe(429)
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0)
    expect((await limited.request("/trpc/plan.list", { headers: { "x-forwarded-for": "192.0.2.8" } })).status).toBe(200)
  })

  it("refuses an unknown token with 401 instead of treating it as the public", async () => {
    const res = await app.request("/trpc/plan.list", { headers: { authorization: "Bearer bkn_0000000000000000_nope" } })
    expect(res.status).toBe(401)
  })

  it("answers a bad input with BAD_REQUEST naming the field, without a stack or a path", async () => {
    const res = await app.request(`/trpc/plan.get?${input({ plan: "Not A Slug" })}`)
    const body = (await res.json()) as { error: { message: string; data: Record<string, unknown> } }
    expect(res.status).toBe(400)
    expect(body.error.message).toMatch(/^input\.plan: /)
    expect(JSON.stringify(body)).not.toMatch(/stack|\/work\/|node_modules/)
  })

  it("needs a token for region procedures (401) and refuses other audiences (403)", async () => {
    const res = await app.request("/trpc/plan.create", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    })
    expect(res.status).toBe(401)
  })

  it("serves the public dashboard with an ETag and answers 304 to a matching If-None-Match", async () => {
    const url = "/api/dashboard?plan=bo-2022-2025&periods=2024-Q1,2024-Q2"
    const first = await app.request(url)
    expect(first.status).toBe(200)
    const etag = first.headers.get("etag")
    expect(etag).toMatch(/^".+"$/)
    const body = (await first.json()) as { tables: Array<{ indicator: string }> }
    expect(body.tables.map((t) => t.indicator)).toContain("demo-instroom-bw")
    const second = await app.request(url, { headers: { "if-none-match": etag ?? "" } })
    expect(second.status).toBe(304)
  })

  it("publishes demo figures through disclosure control: public counts are multiples of 5", async () => {
    const res = await app.request(
      `/trpc/indicator.values?${input({ indicators: ["demo-instroom-bw"], periods: ["2024-Q1"] })}`,
    )
    const body = (await res.json()) as {
      result: { data: Array<{ cells: Array<Array<{ _tag: string; value?: number }>> }> }
    }
    const shown = body.result.data[0]?.cells.flat().filter((c) => c._tag === "Shown") ?? []
    expect(shown.length).toBeGreaterThan(0)
    for (const cell of shown) expect((cell.value ?? 1) % 5).toBe(0)
  })
})

describe("the static web app", () => {
  it("serves files from BAKEN_WEB_DIR, index.html for app routes, and leaves the API's routes alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "baken-web-"))
    writeFileSync(join(dir, "index.html"), "<h1>Baken dashboard</h1>")
    writeFileSync(join(dir, "app.js"), "console.log('app')")
    const site = App.make({ runtime, config, web: fromFolder(dir) })
    expect(await (await site.request("/app.js")).text()).toBe("console.log('app')")
    expect(await (await site.request("/plannen/bo-2022-2025")).text()).toContain("Baken dashboard")
    expect(await (await site.request("/healthz")).json()).toEqual({ status: "ok" })
    expect(() => fromFolder(join(dir, "missing"))).toThrow(/has no index.html/)
  })
})
