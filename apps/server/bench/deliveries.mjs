// Delivery benchmark (issue 12), on the real thing: `baken serve` on the embedded store, fed over HTTP like a partner
// does (`POST /api/deliveries`, the file streamed from disk by Node's http client), one fresh server per measure:
//
//  1. a 50 MB WMO323 (iwmo) and a 1,000,000-row observations CSV, each from the first byte sent until its figures
//     are readable (the job is stored and the partner's delivery list shows it; for the CSV the indicator table of
//     bw-instroom has changed: the person events of a WMO323 have no indicator query yet, and the politie CSV's
//     politie-e33-incidenten is not in the catalogue), beside the adapter alone on the same bytes (`Source.file` + a
//     Pseudonymiser, stream drained, in a fresh process) in the same run; goal: adapter alone / delivery >= 50%;
//  2. the peak RSS (VmHWM) of the server process with a 500 MB WMO323 delivery beside that with the 50 MB one;
//     goal: at most 1.3x;
//  3. while another 1,000,000-row CSV delivery is being stored: autocannon on the public home page `/` (4
//     connections) and /readyz sampled every 50 ms, p50/p99/max beside the same load on the idle server just
//     before; goal: p99 under 250 ms.
//
// The files are generated (`Samples.stream`) into a temporary folder before anything is measured. The data folder is
// made once (migrate, demo, tokens, and the region's rights for the DEMO care provider to deliver the four indicators
// of the generated observations CSV, set on each server) and copied for every server, so each starts from the same state.
// BAKEN_BENCH_SCALE (default 1) scales all sizes, e.g. 0.05 for a quick run: 2.5 MB / 25 MB WMO323, 50,000 rows.
// Only the sending of files and the readability checks are timed; nothing asserts on wall-clock times.
import { execFileSync, spawn } from "node:child_process"
import { cpSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs"
import { request } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { fileURLToPath } from "node:url"

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url))
const self = fileURLToPath(import.meta.url)
const MB = 1024 * 1024
const secret = "bench-secret-bench-secret-bench-secret"

if (process.argv[2] === "--adapter") {
  // Child mode: the adapter alone over a file on disk, drained; prints seconds and counts as JSON.
  const [, , , id, path] = process.argv
  const { Item, Pseudonymiser, Source } = await import("@baken/adapter-kit")
  const { registry } = await import("@baken/adapter-registry")
  const { Effect, Layer, Redacted, Stream } = await import("effect")
  const entry = registry.find((e) => e.adapter.id === id)
  const layer = Layer.orDie(Pseudonymiser.Pseudonymiser.layer(Redacted.make(secret)))
  const counts = { accepted: 0, rejected: 0 }
  const t0 = performance.now()
  await Effect.runPromise(
    entry.adapter.read(Source.file(path)).pipe(
      Stream.runForEachArray((items) =>
        Effect.sync(() => {
          for (const item of items) counts[Item.isAccepted(item) ? "accepted" : "rejected"] += 1
        }),
      ),
      Effect.provide(layer),
    ),
  )
  const seconds = (performance.now() - t0) / 1000
  console.log(JSON.stringify({ seconds, ...counts }))
  process.exit(0)
}

const { Samples } = await import("@baken/adapter-registry")
const autocannon = (await import("autocannon")).default

const scale = Number(process.env.BAKEN_BENCH_SCALE ?? 1)
const wmoBytes = Math.round(50 * MB * scale)
const largeBytes = Math.round(500 * MB * scale)
const csvRows = Math.round(1_000_000 * scale)
const benchStarted = performance.now()
const work = mkdtempSync(join(tmpdir(), "baken-bench-deliveries-"))
const log = (s) => process.stderr.write(`[${((performance.now() - benchStarted) / 1000).toFixed(0)} s] ${s}\n`)

// ------------------------------------------------------------------------------------------------- the inputs
const write = async (id, size, name) => {
  const path = join(work, name)
  await pipeline(Readable.from(Samples.stream(id, size)), createWriteStream(path))
  return path
}
log("generating the files")
const files = {
  wmo: await write("iwmo", { bytes: wmoBytes }, "wmo323-50.xml"),
  large: await write("iwmo", { bytes: largeBytes }, "wmo323-500.xml"),
  csv: await write("observations-csv", { rows: csvRows }, "waarnemingen-1m.csv"),
  // A second CSV with other bytes (another source hash), for the run under load.
  csvLoad: join(work, "waarnemingen-1m-b.csv"),
}
await pipeline(
  Readable.from(
    (async function* () {
      yield* Samples.stream("observations-csv", { rows: csvRows })
      yield new TextEncoder().encode("bw-instroom;GM0402;2025-Q4;1\r\n")
    })(),
  ),
  createWriteStream(files.csvLoad),
)
const size = (path) => statSync(path).size

// ------------------------------------------------------------------------------------- the data folder, once
const cliEnv = (dataDir, env = {}) => ({
  ...process.env,
  BAKEN_DATA_DIR: dataDir,
  LOG_LEVEL: "error",
  BAKEN_PSEUDONYM_SECRET: secret,
  ...env,
})
const runCli = (dataDir, ...args) =>
  JSON.parse(execFileSync(process.execPath, [cli, "--json", ...args], { env: cliEnv(dataDir), encoding: "utf8" }))
log("preparing the data folder (migrate, demo, tokens)")
const template = join(work, "template")
runCli(template, "migrate")
runCli(template, "demo")
const token = (...args) => runCli(template, "token", "create", ...args, "--label", "bench", "--days", "1").secret
const tokens = {
  partner: token("--audience", "partner", "--partner", "demo-zorgaanbieder-bescherming-en-opvang"),
  region: token("--audience", "region"),
}

// ------------------------------------------------------------------------------------------------ the servers
let serverCount = 0
const running = new Set()
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL")
})
const unlimited = { BAKEN_PUBLIC_RATE_LIMIT: "10000000", BAKEN_TOKEN_RATE_LIMIT: "10000000" }
const start = async (env = {}, from = template) => {
  const dataDir = from === template ? join(work, `data-${++serverCount}`) : from
  if (from === template) cpSync(template, dataDir, { recursive: true })
  const child = spawn(process.execPath, [cli, "--json", "serve"], {
    env: cliEnv(dataDir, { PORT: "0", ...unlimited, ...env }),
    stdio: ["ignore", "pipe", "inherit"],
  })
  running.add(child)
  const url = await new Promise((resolve, reject) => {
    let out = ""
    child.stdout.on("data", (d) => {
      out += d
      const line = out.split("\n").find((l) => l.startsWith('{"url"'))
      if (line) resolve(JSON.parse(line).url)
    })
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)))
  })
  for (;;) {
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break
    await sleep(50)
  }
  return { child, url, dataDir }
}
const stop = async (server) => {
  const exited = new Promise((r) => server.child.once("exit", r))
  server.child.kill("SIGTERM")
  await exited
  running.delete(server.child)
  if (server.dataDir !== template) rmSync(server.dataDir, { recursive: true, force: true })
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const status = (pid) => readFileSync(`/proc/${pid}/status`, "utf8")
const kib = (pid, field) => Number(status(pid).match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0)

// The region lets the DEMO care provider deliver the four indicators of the generated observations CSV.
const grantRights = async (server) => {
  const rights = await fetch(`${server.url}/trpc/partner.setRights`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokens.region}`, "content-type": "application/json" },
    body: JSON.stringify({
      partner: "demo-zorgaanbieder-bescherming-en-opvang",
      adapters: ["iwmo", "observations-csv"],
      indicators: ["bw-instroom", "mo-instroom", "huisuitzettingen", "vroegsignalen-hulp-aanvaard"],
    }),
  })
  if (!rights.ok) throw new Error(`partner.setRights answered ${rights.status}: ${await rights.text()}`)
  const read = await getJson(
    `${server.url}/trpc/partner.rights?input=${encodeURIComponent(JSON.stringify({ partner: "demo-zorgaanbieder-bescherming-en-opvang" }))}`,
    tokens.region,
  )
  if (read.result.data.indicators.length !== 4) throw new Error(`rights not set: ${JSON.stringify(read)}`)
}

/** Streams the file to the delivery route; resolves with the job id once the server answered 202. */
const send = (url, adapter, path, bearer) =>
  new Promise((resolve, reject) => {
    const target = new URL(`/api/deliveries?adapter=${adapter}&name=${path.split("/").pop()}`, url)
    const req = request(
      target,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${bearer}`,
          "content-type": "application/octet-stream",
          "content-length": size(path),
        },
      },
      (res) => {
        let body = ""
        res.on("data", (d) => {
          body += d
        })
        res.on("end", () =>
          res.statusCode === 202 ? resolve(JSON.parse(body).id) : reject(new Error(`${res.statusCode}: ${body}`)),
        )
      },
    )
    req.on("error", reject)
    createReadStream(path).pipe(req)
  })

const getJson = async (url, bearer) => {
  const r = await fetch(url, { headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` } })
  if (!r.ok) throw new Error(`${url} answered ${r.status}: ${(await r.text()).slice(0, 300)}`)
  return r.json()
}

const query = encodeURIComponent(
  JSON.stringify({
    indicators: ["bw-instroom"],
    periods: ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"],
  }),
)
const figures = (server) =>
  fetch(`${server.url}/trpc/indicator.values?input=${query}`, {
    headers: { authorization: `Bearer ${tokens.region}` },
  }).then((r) => r.text())

/**
 * One delivery, from the first byte sent until its figures are readable: the job is stored, the partner's delivery
 * list has it, and (`changed`) the figures the caller looks at differ from before.
 */
const deliver = async (server, adapter, path, bearer, changed) => {
  const t0 = performance.now()
  const id = await send(server.url, adapter, path, bearer)
  const received = performance.now()
  const deadline = t0 + 30 * 60_000
  const waited = () => {
    if (performance.now() > deadline) throw new Error(`delivery ${path} not readable after 30 minutes`)
  }
  let job
  for (;;) {
    waited()
    job = await getJson(`${server.url}/api/deliveries/${id}`, bearer)
    if (job.status === "stored" || job.status === "refused") break
    await sleep(50)
  }
  if (job.status !== "stored") throw new Error(`delivery refused: ${JSON.stringify(job.reason)}`)
  const stored = performance.now()
  for (;;) {
    waited()
    const list = await getJson(`${server.url}/trpc/delivery.list?input=${encodeURIComponent("{}")}`, bearer)
    const found = JSON.stringify(list).includes(job.summary.sourceHash)
    if (found && (changed === undefined || (await changed()))) break
    await sleep(50)
  }
  const readable = performance.now()
  return {
    seconds: (readable - t0) / 1000,
    upload: (received - t0) / 1000,
    toStored: (stored - received) / 1000,
    toReadable: (readable - stored) / 1000,
    job,
  }
}

const adapterAlone = (id, path) =>
  JSON.parse(execFileSync(process.execPath, [self, "--adapter", id, path], { encoding: "utf8" }).trim())

// ------------------------------------------------------------------------------ 1. delivery vs adapter alone
// The answer cache is off on these servers, so that "readable" is not the cache's time to live.
const quiet = { BAKEN_ANSWER_CACHE_SECONDS: "0" }
log(`adapter alone: iwmo over ${(size(files.wmo) / MB).toFixed(1)} MB`)
const wmoAlone = adapterAlone("iwmo", files.wmo)
log("delivery: the same WMO323 over HTTP")
const wmoServer = await start(quiet)
const wmoIdleHwm = kib(wmoServer.child.pid, "VmHWM")
const wmo = await deliver(wmoServer, "iwmo", files.wmo, tokens.partner)
const wmoHwm = kib(wmoServer.child.pid, "VmHWM")
await stop(wmoServer)

log(`adapter alone: observations-csv over ${csvRows} rows`)
const csvAlone = adapterAlone("observations-csv", files.csv)
log("delivery: the same CSV over HTTP")
const csvServer = await start(quiet)
await grantRights(csvServer)
const before = await figures(csvServer)
const csv = await deliver(
  csvServer,
  "observations-csv",
  files.csv,
  tokens.partner,
  async () => (await figures(csvServer)) !== before,
)
const csvHwm = kib(csvServer.child.pid, "VmHWM")
await stop(csvServer)

// ------------------------------------------------------------------------------------------ 2. RSS 500 MB
log(`delivery: WMO323 of ${(size(files.large) / MB).toFixed(0)} MB (peak RSS)`)
const largeServer = await start(quiet)
const large = await deliver(largeServer, "iwmo", files.large, tokens.partner)
const largeHwm = kib(largeServer.child.pid, "VmHWM")
await stop(largeServer)

// ------------------------------------------------------------------------------- 3. latency under delivery
const connections = 4
const pageLoad = (url) => {
  const instance = autocannon({ url, connections, duration: 3600 })
  const done = new Promise((resolve, reject) => instance.once("done", resolve).once("error", reject))
  return {
    stop: () => {
      instance.stop()
      return done
    },
  }
}
const readyzSampler = (url) => {
  const times = []
  let running = true
  const loop = (async () => {
    while (running) {
      const t = performance.now()
      const r = await fetch(`${url}/readyz`)
      await r.arrayBuffer()
      times.push(performance.now() - t)
      await sleep(50)
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return times
    },
  }
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN
}
log("latency: / and /readyz on the idle server, then during a CSV delivery")
const loadServer = await start()
await grantRights(loadServer)
const idleSeconds = Math.max(3, Math.min(10, csv.seconds / 3))
{
  // Warm-up: the home page once, and a second of load.
  const w = pageLoad(`${loadServer.url}/`)
  await sleep(1000)
  await w.stop()
}
const idlePage = pageLoad(`${loadServer.url}/`)
const idleReady = readyzSampler(loadServer.url)
await sleep(idleSeconds * 1000)
const idle = { page: await idlePage.stop(), readyz: await idleReady.stop() }
const busyPage = pageLoad(`${loadServer.url}/`)
const busyReady = readyzSampler(loadServer.url)
const loaded = await deliver(loadServer, "observations-csv", files.csvLoad, tokens.partner)
const busy = { page: await busyPage.stop(), readyz: await busyReady.stop() }
await sleep(1000) // let the last page requests finish before the server stops
await stop(loadServer)
const sizes = { wmo: size(files.wmo), large: size(files.large) }
rmSync(work, { recursive: true, force: true })

// ------------------------------------------------------------------------------------------------ the table
const s = (x) => `${x.toFixed(1)} s`
const mib = (k) => `${(k / 1024).toFixed(0)} MiB`
const pctOf = (a, b) => `${Math.round((a / b) * 100)}%`
const count = (o) => Object.values(o ?? {}).reduce((a, b) => a + b, 0)
const ms = (x) => `${Math.round(x)}`
const lat = (page) => `${page.latency.p50}/${page.latency.p99}/${page.latency.max} ms`
const latOf = (xs) => `${ms(pct(xs, 50))}/${ms(pct(xs, 99))}/${ms(Math.max(...xs))} ms`
const rows = [
  ["adapter alone, WMO323 (baseline)", s(wmoAlone.seconds), `${wmoAlone.accepted} records`, "100%", "-"],
  [
    `HTTP delivery, WMO323 ${(sizes.wmo / MB).toFixed(0)} MB, to readable`,
    s(wmo.seconds),
    `upload ${s(wmo.upload)}, stored +${s(wmo.toStored)}, readable +${s(wmo.toReadable)}`,
    pctOf(wmoAlone.seconds, wmo.seconds),
    ">= 50%",
  ],
  ["adapter alone, observations CSV (baseline)", s(csvAlone.seconds), `${csvAlone.accepted} records`, "100%", "-"],
  [
    `HTTP delivery, CSV ${csvRows} rows, to readable`,
    s(csv.seconds),
    `upload ${s(csv.upload)}, stored +${s(csv.toStored)}, readable +${s(csv.toReadable)}`,
    pctOf(csvAlone.seconds, csv.seconds),
    ">= 50%",
  ],
  [
    `server peak RSS, WMO323 ${(sizes.wmo / MB).toFixed(0)} MB (baseline)`,
    mib(wmoHwm),
    `VmHWM; ${mib(wmoIdleHwm)} after start`,
    "1.00x",
    "-",
  ],
  [
    `server peak RSS, WMO323 ${(sizes.large / MB).toFixed(0)} MB`,
    mib(largeHwm),
    `VmHWM; delivery took ${s(large.seconds)}`,
    `${(largeHwm / wmoHwm).toFixed(2)}x`,
    "<= 1.3x",
  ],
  [`server peak RSS, CSV ${csvRows} rows`, mib(csvHwm), "VmHWM", `${(csvHwm / wmoHwm).toFixed(2)}x`, "(reference)"],
  [
    `/ idle, ${connections} connections (baseline)`,
    `${Math.round(idle.page.requests.average)} req/s`,
    `p50/p99/max ${lat(idle.page)}`,
    "1.00x p99",
    "-",
  ],
  [
    `/ during the ${csvRows}-row delivery`,
    `${Math.round(busy.page.requests.average)} req/s`,
    `p50/p99/max ${lat(busy.page)}`,
    `${(busy.page.latency.p99 / Math.max(1, idle.page.latency.p99)).toFixed(1)}x p99`,
    "p99 < 250 ms",
  ],
  [
    "/readyz idle, every 50 ms (baseline)",
    `${idle.readyz.length} samples`,
    `p50/p99/max ${latOf(idle.readyz)}`,
    "1.00x p99",
    "-",
  ],
  [
    `/readyz during the ${csvRows}-row delivery`,
    `${busy.readyz.length} samples`,
    `p50/p99/max ${latOf(busy.readyz)}`,
    `${(pct(busy.readyz, 99) / Math.max(1, pct(idle.readyz, 99))).toFixed(1)}x p99`,
    "p99 < 250 ms",
  ],
]
const head = ["measure", "result", "detail", "ratio", "goal"]
console.log(
  `\n@baken/server deliveries — embedded store, HTTP on loopback, a fresh server per measure (scale ${scale})\n`,
)
const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i].length)))
for (const row of [head, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i])).join("  "))
const failed = [idle.page, busy.page].reduce((a, r) => a + r.non2xx + r.errors + r.timeouts, 0)
console.log(
  `\nrecords: WMO323 ${count(wmo.job.summary.accepted)} stored (adapter alone ${wmoAlone.accepted}), ` +
    `CSV ${count(csv.job.summary.accepted)} stored (adapter alone ${csvAlone.accepted}), ` +
    `under load ${count(loaded.job.summary.accepted)} stored in ${s(loaded.seconds)}; failed page requests: ${failed}; ` +
    `CSV rejected by rule: ${JSON.stringify(csv.job.summary.rejected)}; ` +
    `bench took ${s((performance.now() - benchStarted) / 1000)}`,
)
if (count(wmo.job.summary.accepted) !== wmoAlone.accepted || count(csv.job.summary.accepted) !== csvAlone.accepted)
  process.exitCode = 1
if (failed > 0) process.exitCode = 1
