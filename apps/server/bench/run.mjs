// The server's benchmark (`pnpm bench`): autocannon on loopback, 50 connections, 10 s each (BAKEN_BENCH_SECONDS to
// scale), all in one run: a bare Hono JSON route (the baseline), the public home and a municipality page (200,
// Brotli), the public region-dashboard read (cached, ETag/304) and an authenticated indicator query (bench/pages.mjs
// measures the pages also while a large delivery is stored); then cold start to the first /readyz 200 on the
// embedded store, and idle RSS.
// Prints a table with each figure beside its goal; p99 is the worst of the slices a measure was taken in.
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import autocannon from "autocannon"

const seconds = Number(process.env.BAKEN_BENCH_SECONDS ?? 10)
const connections = 50
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url))
const bare = fileURLToPath(new URL("./bare.mjs", import.meta.url))

// The limiter is not what is measured here: every run may exceed the default limits by far.
const unlimited = { BAKEN_PUBLIC_RATE_LIMIT: "10000000", BAKEN_TOKEN_RATE_LIMIT: "10000000" }
const start = (args, env = {}) =>
  new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, {
      env: { ...process.env, PORT: "0", LOG_LEVEL: "error", ...unlimited, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    })
    let out = ""
    child.stdout.on("data", (d) => {
      out += d
      const line = out.split("\n").find((l) => l.startsWith('{"url"'))
      if (line) resolve({ child, started, ...JSON.parse(line) })
    })
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}`)))
  })

const stop = (p) =>
  new Promise((r) => {
    p.child.once("exit", r)
    p.child.kill("SIGTERM")
  })

const load = (url, headers = {}, duration = seconds) =>
  new Promise((resolve, reject) =>
    autocannon({ url, connections, duration, headers }, (err, result) => (err ? reject(err) : resolve(result))),
  )

const rssMiB = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"))
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024
}

// Cold start: a fresh data folder, spawn to the first /readyz 200.
const dataDir = mkdtempSync(join(tmpdir(), "baken-bench-"))
const cold = await start([cli, "--json", "serve"], { BAKEN_DATA_DIR: join(dataDir, "data") })
let readyAt
for (;;) {
  const ok = await fetch(`${cold.url}/readyz`).then(
    (r) => r.status === 200,
    () => false,
  )
  if (ok) {
    readyAt = performance.now()
    break
  }
  await new Promise((r) => setTimeout(r, 10))
}
const coldStartMs = readyAt - cold.started
await new Promise((r) => setTimeout(r, 2000))
const idleRss = rssMiB(cold.child.pid)
await stop(cold)
rmSync(dataDir, { recursive: true, force: true })

// Throughput. The machine is shared and its speed drifts, so all servers run at once and the loads take turns in
// slices (bare, dashboard, query, uncached query; four rounds), so that every measure sees the same conditions.
const baseline = await start([bare])
const server = await start([cli, "--json", "serve", "--demo"], { BAKEN_DATA_DIR: "memory" })
const uncachedServer = await start([cli, "--json", "serve", "--demo"], {
  BAKEN_DATA_DIR: "memory",
  BAKEN_ANSWER_CACHE_SECONDS: "0",
})
const dashboardUrl = `${server.url}/api/dashboard?plan=bo-2022-2025&periods=2024-Q1,2024-Q2,2024-Q3,2024-Q4`
const etag = (await fetch(dashboardUrl)).headers.get("etag")
if (etag === null) throw new Error("the dashboard sent no ETag")
const query = encodeURIComponent(
  JSON.stringify({ indicators: ["demo-instroom-bw"], periods: ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] }),
)
const indicatorUrl = `${server.url}/trpc/indicator.values?input=${query}`
const check = await fetch(indicatorUrl, { headers: { authorization: `Bearer ${server.token}` } })
if (check.status !== 200) throw new Error(`the indicator query answered ${check.status}`)
// The public pages as a browser asks for them the first time: the whole page, compressed (200).
const browser = { "accept-encoding": "gzip, deflate, br" }
const targets = {
  bare: [`${baseline.url}/bare`, {}],
  home: [`${server.url}/`, browser],
  municipality: [`${server.url}/gemeenten/GM0406`, browser],
  dashboard: [dashboardUrl, { "if-none-match": etag }],
  authed: [indicatorUrl, { authorization: `Bearer ${server.token}` }],
  uncached: [
    `${uncachedServer.url}/trpc/indicator.values?input=${query}`,
    { authorization: `Bearer ${uncachedServer.token}` },
  ],
}
const rounds = 4
const slices = Object.fromEntries(Object.keys(targets).map((k) => [k, []]))
// Warm-up (not counted): every path once, so that no measure pays for compiling its code.
for (const [url, headers] of Object.values(targets)) await load(url, headers, 2)
for (let round = 0; round < rounds; round++) {
  for (const [name, [url, headers]] of Object.entries(targets))
    slices[name].push(await load(url, headers, seconds / rounds))
}
const combine = (results) => ({
  requests: {
    average: results.reduce((a, r) => a + r.requests.total, 0) / results.reduce((a, r) => a + r.duration, 0),
  },
  latency: { p99: Math.max(...results.map((r) => r.latency.p99)) },
  non2xx: results.reduce((a, r) => a + r.non2xx, 0),
  "3xx": results.reduce((a, r) => a + r["3xx"], 0),
  errors: results.reduce((a, r) => a + r.errors, 0),
  timeouts: results.reduce((a, r) => a + r.timeouts, 0),
})
const bareResult = combine(slices.bare)
const homeResult = combine(slices.home)
const municipalityResult = combine(slices.municipality)
const dashboard = combine(slices.dashboard)
const authed = combine(slices.authed)
const uncached = combine(slices.uncached)
for (const p of [baseline, server, uncachedServer]) await stop(p)

// In-process: the server's own cost per request (app.fetch, no sockets), steadier on a shared machine than HTTP.
const { App, Demo, Runtime } = await import("../dist/index.js")
const { AdminRouter } = await import("@baken/api")
const { Hono } = await import("hono")
const inRuntime = Runtime.make({ database: { _tag: "Embedded" }, pseudonymSecret: undefined })
await inRuntime.runPromise(Demo.load)
const issued = await inRuntime.runPromise(AdminRouter.issueToken({ audience: "region", label: "bench", days: 1 }))
const inApp = App.make({
  runtime: inRuntime,
  config: {
    corsOrigins: [],
    bodyLimit: 1e6,
    uploadLimit: 1e6,
    publicRateLimit: 1e9,
    tokenRateLimit: 1e9,
    dashboardCacheSeconds: 30,
    answerCacheSeconds: 5,
    trustProxy: false,
  },
})
const bareApp = new Hono().get("/bare", (c) => c.json({ status: "ok", items: [1, 2, 3] }))
const inDashboard = "http://bench/api/dashboard?plan=bo-2022-2025&periods=2024-Q1,2024-Q2,2024-Q3,2024-Q4"
const inEtag = (await inApp.request(inDashboard)).headers.get("etag")
const inQuery = `http://bench/trpc/indicator.values?input=${query}`
const perSecond = async (f) => {
  for (let i = 0; i < 5000; i++) await f()
  const n = 50_000
  const t = performance.now()
  for (let i = 0; i < n; i++) await f()
  return n / ((performance.now() - t) / 1000)
}
const inBare = await perSecond(() => bareApp.fetch(new Request("http://bench/bare")))
const inDash = await perSecond(() => inApp.fetch(new Request(inDashboard, { headers: { "if-none-match": inEtag } })))
const inAuthed = await perSecond(() =>
  inApp.fetch(new Request(inQuery, { headers: { authorization: `Bearer ${issued.secret}` } })),
)
await inRuntime.dispose()

const rps = (r) => r.requests.average
const bad = (r) => r.non2xx + r.errors + r.timeouts
const ratio = (a) => `${Math.round((rps(a) / rps(bareResult)) * 100)}%`
const rows = [
  [
    "bare Hono JSON route (baseline)",
    `${Math.round(rps(bareResult))} req/s`,
    `p99 ${bareResult.latency.p99} ms`,
    "100%",
    "-",
  ],
  [
    "public home page / (200, br)",
    `${Math.round(rps(homeResult))} req/s`,
    `p99 ${homeResult.latency.p99} ms`,
    ratio(homeResult),
    ">= 50%, p99 < 100 ms",
  ],
  [
    "municipality page /gemeenten/GM0406 (200, br)",
    `${Math.round(rps(municipalityResult))} req/s`,
    `p99 ${municipalityResult.latency.p99} ms`,
    ratio(municipalityResult),
    ">= 50%, p99 < 100 ms",
  ],
  [
    "public dashboard read (304)",
    `${Math.round(rps(dashboard))} req/s`,
    `p99 ${dashboard.latency.p99} ms`,
    ratio(dashboard),
    ">= 70%",
  ],
  [
    "authenticated indicator query",
    `${Math.round(rps(authed))} req/s`,
    `p99 ${authed.latency.p99} ms`,
    ratio(authed),
    ">= 35%, p99 < 50 ms",
  ],
  [
    "  same, answer cache off",
    `${Math.round(rps(uncached))} req/s`,
    `p99 ${uncached.latency.p99} ms`,
    ratio(uncached),
    "(for reference)",
  ],
  ["in-process bare route (app.fetch)", `${Math.round(inBare)} req/s`, "", "100%", "server cost only"],
  [
    "in-process dashboard read (304)",
    `${Math.round(inDash)} req/s`,
    "",
    `${Math.round((inDash / inBare) * 100)}%`,
    ">= 70%",
  ],
  [
    "in-process indicator query",
    `${Math.round(inAuthed)} req/s`,
    "",
    `${Math.round((inAuthed / inBare) * 100)}%`,
    ">= 35%",
  ],
  ["cold start to first /readyz 200", `${Math.round(coldStartMs)} ms`, "", "", "embedded store, fresh folder"],
  ["idle RSS", `${idleRss.toFixed(1)} MiB`, "", "", "after start, 2 s idle"],
]
console.log(`\n@baken/server benchmark — autocannon, ${connections} connections, ${seconds} s each, loopback\n`)
const widths = [0, 1, 2, 3, 4].map((i) =>
  Math.max(...[["measure", "result", "latency", "of bare", "goal"], ...rows].map((r) => r[i].length)),
)
for (const row of [["measure", "result", "latency", "of bare", "goal"], ...rows])
  console.log(row.map((c, i) => c.padEnd(widths[i])).join("  "))
// autocannon counts 304 as non-2xx: the dashboard run is all 304s by design; any other non-2xx is a failure.
const others = [bareResult, homeResult, municipalityResult, authed, uncached].map(bad).reduce((a, b) => a + b, 0)
console.log(
  `\ndashboard answers: ${dashboard["3xx"] ?? dashboard.non2xx} x 304; failed requests elsewhere: ${others + dashboard.errors + dashboard.timeouts}`,
)
if (others > 0) process.exitCode = 1
