// Dashboard benchmark: page weight (HTML + JS + CSS, gzip-compressed as the app sends them) of the public home and a
// programme page, and the time until the public home is fully rendered in Chromium — measured against a baseline of
// a bare HTML page from the same server in the same run. Data: the in-memory demo source (BENCH_RUNS, default 15).

import { existsSync } from "node:fs"
import { gzipSync } from "node:zlib"
import { serve } from "@hono/node-server"
import { Hono } from "hono"
import { chromium } from "playwright-core"
import { createWebApp, DemoSource } from "../dist/index.js"

const runs = Number(process.env.BENCH_RUNS ?? 15)
const executablePath = process.env.BAKEN_CHROMIUM ?? "/usr/bin/chromium"
const flags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

const web = createWebApp({ source: DemoSource.make() })
const app = new Hono()
app.get("/bench/baseline", (c) => c.html('<!DOCTYPE html><html lang="nl"><title>leeg</title><p>leeg</p></html>'))
app.route("/", web)
const server = await new Promise((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s))
})
const base = `http://127.0.0.1:${server.address().port}`

const gz = (bytes) => gzipSync(bytes).byteLength
const weigh = async (path) => {
  const html = new Uint8Array(await (await fetch(`${base}${path}`)).arrayBuffer())
  const text = new TextDecoder().decode(html)
  const refs = [...text.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1].replaceAll("&amp;", "&"))
  let css = 0
  let js = 0
  for (const ref of refs) {
    const body = new Uint8Array(await (await fetch(`${base}${ref}`)).arrayBuffer())
    if (ref.includes(".css")) css += gz(body)
    else js += gz(body)
  }
  return { path, html: gz(html), css, js, total: gz(html) + css + js }
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`
const rows = [await weigh("/"), await weigh("/programmas/beschermd-en-veilig-thuis-wonen")]
console.log("\n@baken/web — page weight (gzip)")
console.table(rows.map((r) => ({ page: r.path, HTML: kb(r.html), CSS: kb(r.css), JS: kb(r.js), total: kb(r.total) })))

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

if (!existsSync(executablePath)) {
  console.log(`render time skipped: no Chromium at ${executablePath} (the web package's tests install it as root).`)
} else {
  const browser = await chromium.launch({ executablePath, headless: true, args: flags })
  // Fully rendered: the load event has fired (HTML parsed, CSS applied, deferred scripts run) and two frames painted.
  const measure = async (path) => {
    const times = []
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext()
      const page = await context.newPage()
      const t0 = performance.now()
      await page.goto(`${base}${path}`, { waitUntil: "load" })
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      times.push(performance.now() - t0)
      await context.close()
    }
    return median(times)
  }
  await measure("/") // warm up the server and the browser once
  const baseline = await measure("/bench/baseline")
  const home = await measure("/")
  const programme = await measure("/programmas/beschermd-en-veilig-thuis-wonen")
  await browser.close()
  console.log(`\n@baken/web — time until fully rendered in Chromium, cold cache, median of ${runs}`)
  console.table([
    { page: "bare HTML page (baseline)", ms: baseline.toFixed(0), ratio: "1.00" },
    { page: "/ (public home)", ms: home.toFixed(0), ratio: (home / baseline).toFixed(2) },
    { page: "/programmas/… (with charts)", ms: programme.toFixed(0), ratio: (programme / baseline).toFixed(2) },
  ])
}
server.close()
