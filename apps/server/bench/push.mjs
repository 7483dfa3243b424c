// Push benchmark (issue 16), on the real thing: `baken serve` on the embedded store and `baken ingest --push` as a
// partner runs it, pseudonymising through the server's OPRF (blind per chunk, evaluate with proof, verify, unblind)
// with no key at the partner. Beside it, in the same run and on the same rows, the HMAC pseudonymiser of before.
//
// The file is a template-csv of BAKEN_BENCH_PUSH_ROWS rows (default 100,000), one event per row, each chunk of 2,000
// rows with 2,000 distinct test BSNs (the 9,091 eleven-test-valid numbers 9999xxxxx, in turn): every row costs one
// OPRF evaluation, as a file of that many persons would. Printed: the push end to end (first byte read until the
// server's job is stored), the CLI's CPU time (the partner's cores), and BSNs per second per core for both.
// Nothing asserts on wall-clock times.
import { spawn, spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Pseudonymiser } from "@baken/adapter-kit"
import { Effect, Redacted } from "effect"

const rows = Number(process.env.BAKEN_BENCH_PUSH_ROWS ?? "100000")
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "baken-bench-push-"))
const env = { ...process.env, BAKEN_DATA_DIR: join(dir, "data"), LOG_LEVEL: "error", BAKEN_OPRF_BASE: "100000000" }

const bsns = []
for (let n = 0; n < 100_000; n++) {
  const s = `9999${String(n).padStart(5, "0")}`
  let sum = 0
  for (let d = 0; d < 8; d++) sum += (9 - d) * Number(s[d])
  if ((sum - Number(s[8])) % 11 === 0) bsns.push(s)
}
const kinds = ["allocation-granted", "support-started", "support-stopped"]
const lines = ["bsn,event,date,municipality"]
const used = []
for (let i = 0; i < rows; i++) {
  const bsn = bsns[i % bsns.length]
  used.push(bsn)
  lines.push(
    `${bsn},${kinds[i % 3]},2024-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")},GM0402`,
  )
}
const file = join(dir, "personen.csv")
writeFileSync(file, `${lines.join("\n")}\n`)

// The HMAC pseudonymiser of before, on the same BSNs (one core).
const hmac = await Effect.runPromise(Pseudonymiser.make(Redacted.make("bench-secret-bench-secret-bench-secret")))
let t = performance.now()
for (const bsn of used) hmac.pseudonymiseResult(bsn)
const hmacSeconds = (performance.now() - t) / 1000

const run = (args, extraEnv = {}) =>
  spawnSync(process.execPath, [cli, ...args], { env: { ...env, ...extraEnv }, encoding: "utf8" })
const serve = () =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "--json", "serve"], {
      env: { ...env, PORT: "0" },
      stdio: ["ignore", "pipe", "inherit"],
    })
    let out = ""
    child.stdout.on("data", (d) => {
      out += d
      const line = out.split("\n").find((l) => l.startsWith('{"url"'))
      if (line) resolve({ child, ...JSON.parse(line) })
    })
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)))
  })

// The CLI's own CPU time (all its threads), written when it exits; the server's is read from /proc.
const cpuFile = join(dir, "cpu.json")
const preloadFor = (name, target) => {
  const path = join(dir, name)
  writeFileSync(
    path,
    `import { writeFileSync } from "node:fs"\nprocess.on("exit", () => writeFileSync(${JSON.stringify(target)}, JSON.stringify(process.cpuUsage())))\n`,
  )
  return path
}
const preload = preloadFor("cpu.mjs", cpuFile)

if (run(["demo"]).status !== 0) throw new Error("baken demo failed")
const made = run([
  "--json",
  "token",
  "create",
  "--audience",
  "partner",
  "--partner",
  "demo-voorbeeldformaat",
  "--label",
  "bench",
])
const token = JSON.parse(made.stdout).secret
const server = await serve()
/** The server's CPU seconds so far (all its threads), from /proc. */
async function cpuOfServer() {
  const fields = readFileSync(`/proc/${server.child.pid}/stat`, "utf8").split(") ")[1].split(" ")
  return (Number(fields[11]) + Number(fields[12])) / 100
}
const serverCpuBefore = await cpuOfServer()
t = performance.now()
const pushed = spawnSync(
  process.execPath,
  [
    "--import",
    preload,
    cli,
    "--json",
    "ingest",
    "--adapter",
    "template-csv",
    "--push",
    server.url,
    "--token",
    token,
    file,
  ],
  { env: { ...env, BAKEN_KNOWN_KEYS: join(dir, "known-keys.json") }, encoding: "utf8", maxBuffer: 1 << 30 },
)
const pushSeconds = (performance.now() - t) / 1000
const serverCpuSeconds = (await cpuOfServer()) - serverCpuBefore
server.child.kill("SIGTERM")
if (pushed.status !== 0) throw new Error(`push failed: ${pushed.stderr}`)
const job = JSON.parse(pushed.stdout)[0].stored
const cpu = JSON.parse(readFileSync(cpuFile, "utf8"))
const cliCpuSeconds = (cpu.user + cpu.system) / 1e6
rmSync(dir, { recursive: true, force: true })

console.log(`\n@baken/server — ${rows} rows pushed with OPRF pseudonyms vs the HMAC pseudonymiser, same run`)
console.log(`job: ${job.status}, ${job.progress.accepted} accepted`)
console.log("| measure | seconds | BSNs per second | per core |")
console.log("| --- | ---: | ---: | ---: |")
console.log(
  `| HMAC pseudonymiser (before; partner held the key) | ${hmacSeconds.toFixed(2)} | ${Math.round(rows / hmacSeconds)} | ${Math.round(rows / hmacSeconds)} |`,
)
console.log(
  `| OPRF push end to end (read, blind, evaluate, verify, unblind, send, stored) | ${pushSeconds.toFixed(1)} | ${Math.round(rows / pushSeconds)} | ${Math.round(rows / cliCpuSeconds)} (CLI CPU ${cliCpuSeconds.toFixed(1)} s) |`,
)
console.log(
  `| server CPU during the push (evaluate with proof, check, store) | ${serverCpuSeconds.toFixed(1)} | | ${Math.round(rows / serverCpuSeconds)} |`,
)
console.log(
  `OPRF threads: ${process.env.BAKEN_OPRF_THREADS ?? "one per core"} (${availableParallelism()} cores); CLI + server CPU ${(cliCpuSeconds + serverCpuSeconds).toFixed(1)} s over ${pushSeconds.toFixed(1)} s`,
)
console.log(
  `goal: 100,000 persons in under 60 s; this run: ${((pushSeconds * 100_000) / rows).toFixed(0)} s for 100,000 at this rate`,
)
