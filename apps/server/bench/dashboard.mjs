// Dashboard benchmark on the real thing: `baken serve --demo` on a fresh embedded store, the page weight (HTML + JS +
// CSS, gzip-compressed) of the public home and a programme page, and the time until the public home is fully
// rendered in Chromium, beside a bare HTML page served from this process in the same run (BENCH_RUNS, default 15).
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { chromium } from "playwright-core"

const runs = Number(process.env.BENCH_RUNS ?? 15)
const executablePath = process.env.BAKEN_CHROMIUM ?? "/usr/bin/chromium"
const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
flags.push("--disable-background-networking", "--disable-component-update", "--disable-sync")
const programmePath = "/programmas/beschermd-en-veilig-thuis-wonen"

const dataDir = mkdtempSync(join(tmpdir(), "baken-bench-dashboard-"))
const port = 18_000 + Math.floor(Math.random() * 1000)
const cli = new URL("../dist/cli.js", import.meta.url).pathname
const server = spawn(process.execPath, [cli, "serve", "--demo", "--port", String(port)], {
  env: { ...process.env, BAKEN_DATA_DIR: dataDir },
  stdio: ["ignore", "pipe", "inherit"],
})
const base = `http://127.0.0.1:${port}`
const started = performance.now()
for (;;) {
  const ready = await fetch(`${base}/readyz`).then(
    (r) => r.ok,
    () => false,
  )
  if (ready) break
  if (performance.now() - started > 120_000) throw new Error("the server did not become ready within 2 minutes")
  await new Promise((r) => setTimeout(r, 100))
}

const bare = createServer((_, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
  res.end('<!DOCTYPE html><html lang="nl"><title>leeg</title><p>leeg</p></html>')
})
await new Promise((r) => bare.listen(0, "127.0.0.1", r))
const bareUrl = `http://127.0.0.1:${bare.address().port}/`

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
const weights = [await weigh("/"), await weigh(programmePath)]
console.log("\n@baken/server dashboard — page weight (gzip), embedded store with the demo data")
console.table(
  weights.map((r) => ({ page: r.path, HTML: kb(r.html), CSS: kb(r.css), JS: kb(r.js), total: kb(r.total) })),
)

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
if (!existsSync(executablePath)) {
  console.log(`render time skipped: no Chromium at ${executablePath} (the web tests install it as root).`)
} else {
  const browser = await chromium.launch({ executablePath, headless: true, args: flags })
  // Fully rendered: the load event has fired (HTML parsed, CSS applied, deferred scripts run) and two frames painted.
  const measure = async (url) => {
    const times = []
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext()
      const page = await context.newPage()
      const t0 = performance.now()
      await page.goto(url, { waitUntil: "load" })
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      times.push(performance.now() - t0)
      await context.close()
    }
    return median(times)
  }
  await measure(`${base}/`) // warm up the server and the browser once
  const baseline = await measure(bareUrl)
  const home = await measure(`${base}/`)
  const programme = await measure(`${base}${programmePath}`)
  await browser.close()
  console.log(
    `\n@baken/server dashboard — time until fully rendered in Chromium, cold browser cache, median of ${runs}`,
  )
  console.table([
    { page: "bare HTML page (baseline)", ms: baseline.toFixed(0), ratio: "1.00" },
    { page: "/ (public home, embedded store)", ms: home.toFixed(0), ratio: (home / baseline).toFixed(2) },
    { page: `${programmePath} (charts)`, ms: programme.toFixed(0), ratio: (programme / baseline).toFixed(2) },
  ])
}
bare.close()
server.kill("SIGTERM")
await new Promise((r) => server.once("exit", r))
rmSync(dataDir, { recursive: true, force: true })
