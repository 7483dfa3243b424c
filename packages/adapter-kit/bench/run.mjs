// Benchmark of the pseudonymiser: BSNs pseudonymised per second through the kit (eleven-test + HMAC-SHA-256 with an
// imported key), side by side with a bare node:crypto HMAC of the same BSNs, in one run.
import { createHmac } from "node:crypto"
import { Pseudonymiser } from "@baken/adapter-kit"
import { Effect, Redacted } from "effect"

const n = Number(process.env.KIT_BENCH_N ?? "300000")
const secret = "bench-secret-bench-secret-bench-secret"
const bsns = []
for (let i = 0; bsns.length < 1000; i++) {
  const s = `9999${String(i).padStart(5, "0")}`
  let sum = 0
  for (let d = 0; d < 8; d++) sum += (9 - d) * Number(s[d])
  if ((sum - Number(s[8])) % 11 === 0) bsns.push(s)
}
const service = await Effect.runPromise(Pseudonymiser.make(Redacted.make(secret)))
const time = (f) => {
  const t0 = performance.now()
  f()
  return (performance.now() - t0) / 1000
}
const bare = time(() => {
  for (let i = 0; i < n; i++)
    createHmac("sha256", secret)
      .update(bsns[i % 1000])
      .digest("hex")
})
const kit = time(() => {
  for (let i = 0; i < n; i++) service.pseudonymiseResult(bsns[i % 1000])
})
console.log(`\n@baken/adapter-kit — ${n} BSNs pseudonymised, same run`)
console.log("| run | seconds | per second | vs bare HMAC |")
console.log("| --- | ---: | ---: | ---: |")
console.log(`| bare node:crypto HMAC (raw key) | ${bare.toFixed(2)} | ${Math.round(n / bare)} | 100% |`)
console.log(
  `| Pseudonymiser (eleven-test + HMAC) | ${kit.toFixed(2)} | ${Math.round(n / kit)} | ${((bare / kit) * 100).toFixed(0)}% |`,
)
await import("./oprf.mjs")
