// Benchmark of OPRF pseudonymisation (RFC 9497, VOPRF mode) beside the HMAC pseudonymiser, same BSNs, same run:
// what a partner spends per BSN (blind + verify the batch proof + unblind), what the server spends (evaluate a blinded
// batch with its proof; evaluate a BSN it reads itself): the kit's `Oprf` (ristretto255-SHA512 on WASM libsodium) and,
// as it was before, `@cloudflare/voprf-ts` with its pure-JavaScript noble group, per suite that library offers. One
// process = one core. KIT_BENCH_OPRF_N BSNs (default 4,000: voprf-ts is slow; 100,000 takes it minutes).
import { availableParallelism } from "node:os"
import { Oprf as Kit, Pseudonymiser } from "@baken/adapter-kit"
import { generateKeyPair, Oprf, VOPRFClient, VOPRFServer } from "@cloudflare/voprf-ts"
import { CryptoNoble } from "@cloudflare/voprf-ts/crypto-noble"
import { Effect, Redacted } from "effect"

const n = Number(process.env.KIT_BENCH_OPRF_N ?? "4000")
const batch = Kit.maxBatch
const bsns = []
for (let i = 0; bsns.length < n; i++) {
  const s = `9999${String(i % 100000).padStart(5, "0")}`
  let sum = 0
  for (let d = 0; d < 8; d++) sum += (9 - d) * Number(s[d])
  if ((sum - Number(s[8])) % 11 === 0) bsns.push(s)
  if (i > 10_000_000) break
}
const perSecond = (ms) => Math.round(n / (ms / 1000))
const hmac = await Effect.runPromise(Pseudonymiser.make(Redacted.make("bench-secret-bench-secret-bench-secret")))
let t = performance.now()
for (const bsn of bsns) hmac.pseudonymiseResult(bsn)
const hmacMs = performance.now() - t

const rows = [["HMAC pseudonymiser (eleven-test + HMAC-SHA-256)", perSecond(hmacMs), "—", "—"]]
const encoder = new TextEncoder()
for (const [name, suite] of [
  ["P256-SHA256", Oprf.Suite.P256_SHA256],
  ["ristretto255-SHA512 (chosen)", Oprf.Suite.RISTRETTO255_SHA512],
]) {
  const { privateKey, publicKey } = await generateKeyPair(suite, CryptoNoble)
  const server = new VOPRFServer(suite, privateKey, CryptoNoble)
  const client = new VOPRFClient(suite, publicKey, CryptoNoble)
  let partnerMs = 0
  let serverMs = 0
  for (let start = 0; start < n; start += batch) {
    const inputs = bsns.slice(start, start + batch).map((b) => encoder.encode(b))
    t = performance.now()
    const [state, request] = await client.blind(inputs)
    partnerMs += performance.now() - t
    t = performance.now()
    const evaluation = await server.blindEvaluate(request)
    serverMs += performance.now() - t
    t = performance.now()
    await client.finalize(state, evaluation)
    partnerMs += performance.now() - t
  }
  const sample = bsns.slice(0, Math.min(n, 1000))
  t = performance.now()
  for (const bsn of sample) await server.evaluate(encoder.encode(bsn))
  const directPerSecond = Math.round(sample.length / ((performance.now() - t) / 1000))
  rows.push([`OPRF ${name}, voprf-ts (noble)`, perSecond(partnerMs), perSecond(serverMs), directPerSecond])
}
// The kit as partners and the server run it: blind, decode the request, evaluate with proof, verify and unblind.
// CPU time (process.cpuUsage: every thread of the process) gives BSNs per second per core; wall time what a process
// with that many threads gets done.
const kit = async (threads) => {
  await Kit.ready
  const server = Kit.server(await Kit.generatePrivateKey(), { threads })
  const client = Kit.client(server.publicKey, { threads })
  const cpu = () => {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1000
  }
  const spent = { partner: { ms: 0, cpu: 0 }, server: { ms: 0, cpu: 0 }, direct: { ms: 0, cpu: 0 } }
  const timed = async (who, f) => {
    const [t0, c0] = [performance.now(), cpu()]
    const out = await f()
    spent[who].ms += performance.now() - t0
    spent[who].cpu += cpu() - c0
    return out
  }
  for (let start = 0; start < n; start += batch) {
    const blinded = await timed("partner", () => client.blind(bsns.slice(start, start + batch)))
    const answer = await timed("server", () => server.evaluateBlinded(Kit.decodeRequest(blinded.request)))
    const values = await timed("partner", () => client.finalize(blinded, answer))
    if (!Array.isArray(values)) throw new Error(`the kit's round trip failed: ${values.detail}`)
  }
  await timed("direct", () => server.evaluateMany(bsns))
  return spent
}
const one = await kit(1)
rows.push([
  "OPRF ristretto255-SHA512, the kit (libsodium WASM), one thread",
  perSecond(one.partner.cpu),
  perSecond(one.server.cpu),
  perSecond(one.direct.cpu),
])
const threads = Kit.defaultThreads()
const many = await kit(threads)
rows.push([
  `… on ${threads} worker threads: per core (CPU time)`,
  perSecond(many.partner.cpu),
  perSecond(many.server.cpu),
  perSecond(many.direct.cpu),
])
rows.push([
  `… on ${threads} worker threads: wall clock, ${availableParallelism()} cores`,
  perSecond(many.partner.ms),
  perSecond(many.server.ms),
  perSecond(many.direct.ms),
])
await Kit.close()
console.log(
  `\n@baken/adapter-kit — ${n} BSNs, OPRF (batches of ${batch}) vs HMAC, same run; BSNs per second per core unless a row says wall clock`,
)
console.log("| run | partner BSNs/s | server (blinded batch + proof) BSNs/s | server direct (upload) BSNs/s |")
console.log("| --- | ---: | ---: | ---: |")
for (const r of rows) console.log(`| ${r.join(" | ")} |`)
