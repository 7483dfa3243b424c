// Benchmark of the iWmo adapter: a WMO323 declaration of 50 MB (many clients, B&O and other categories) end to end —
// parse, XSD validation, plan rules, pseudonymisation, normalisation into observations — side by side with the bare
// streaming parse of the same bytes by saxes, in one run; then the peak RSS of the adapter at 50 MB and 500 MB of
// input generated on the fly, each in a fresh process, to show memory stays flat as the input grows.
// Sizes can be scaled down with IWMO_BENCH_MB (default 50) and IWMO_BENCH_LARGE_MB (default 500).
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Pseudonymiser, Source } from "@baken/adapter-kit"
import { Effect, Layer, Redacted, Stream } from "effect"
import { SaxesParser } from "saxes"
import { iwmoAdapter, Sample } from "../dist/index.js"

const MB = 1024 * 1024

/** A declaration of about `mb` MB as chunks produced lazily (see `Sample.largeDeclaration`); nothing is written to disk. */
const declaration = (mb) => Sample.largeDeclaration(mb * MB)

const layer = Layer.orDie(Pseudonymiser.Pseudonymiser.layer(Redacted.make("bench-secret-bench-secret-bench-secret")))

const runAdapter = async (input) => {
  let peak = process.memoryUsage().rss
  let n = 0
  const bytes = Stream.fromIterable(input.chunks()).pipe(
    Stream.tap(() =>
      Effect.sync(() => {
        if (++n % 64 === 0) peak = Math.max(peak, process.memoryUsage().rss)
      }),
    ),
  )
  const items = await Effect.runPromise(
    Stream.runCollect(iwmoAdapter.read(Source.bytes("declaratie.xml", bytes))).pipe(Effect.provide(layer)),
  )
  const rejected = items.filter((i) => i._tag === "Rejected")
  if (rejected.length > 0) throw new Error(`benchmark input rejected: ${JSON.stringify(rejected[0])}`)
  return { items: items.length, peak: Math.max(peak, process.memoryUsage().rss) }
}

const runSaxes = (input) => {
  const parser = new SaxesParser()
  const decoder = new TextDecoder()
  let elements = 0
  parser.on("opentag", () => elements++)
  parser.on("text", () => {})
  for (const chunk of input.chunks()) parser.write(decoder.decode(chunk, { stream: true }))
  parser.close()
  return elements
}

const time = async (f) => {
  const t0 = performance.now()
  const result = await f()
  return { seconds: (performance.now() - t0) / 1000, result }
}

if (process.argv[2] === "--rss") {
  // Child mode: one adapter run over N MB, printing the peak RSS in MB.
  const input = declaration(Number(process.argv[3]))
  const { peak } = await runAdapter(input)
  globalThis.gc?.()
  console.log(JSON.stringify({ size: input.size, peak, heapAfterGc: process.memoryUsage().heapUsed }))
} else {
  const mb = Number(process.env.IWMO_BENCH_MB ?? "50")
  const largeMb = Number(process.env.IWMO_BENCH_LARGE_MB ?? "500")
  const input = declaration(mb)
  await runAdapter(declaration(2)) // warm-up
  runSaxes(declaration(2))
  // The machine is shared: interleave the two and keep each one's best of several rounds.
  const rounds = Number(process.env.IWMO_BENCH_ROUNDS ?? "3")
  let bare = { seconds: Number.POSITIVE_INFINITY }
  let adapter = { seconds: Number.POSITIVE_INFINITY }
  for (let r = 0; r < rounds; r++) {
    const b = await time(() => runSaxes(input))
    if (b.seconds < bare.seconds) bare = b
    const a = await time(() => runAdapter(input))
    if (a.seconds < adapter.seconds) adapter = a
  }
  const sizeMb = input.size / MB
  const rows = [
    ["bare saxes parse", bare.seconds, sizeMb / bare.seconds, 1],
    ["iwmo adapter end to end", adapter.seconds, sizeMb / adapter.seconds, bare.seconds / adapter.seconds],
  ]
  console.log(
    `\n@baken/adapter-iwmo — ${sizeMb.toFixed(1)} MB WMO323 declaration, same bytes, same run, best of ${rounds} interleaved rounds`,
  )
  console.log("| run | seconds | MB/s | vs bare saxes |")
  console.log("| --- | ---: | ---: | ---: |")
  for (const [name, s, rate, ratio] of rows) {
    console.log(`| ${name} | ${s.toFixed(2)} | ${rate.toFixed(1)} | ${(ratio * 100).toFixed(0)}% |`)
  }
  const self = fileURLToPath(import.meta.url)
  // Each size runs in a fresh process, once with V8's defaults and once with its heap capped (old space 128 MB,
  // young semi-spaces 8 MB): with the cap a leak would crash the run, and V8's habit of growing the young generation
  // with the allocation rate no longer shows as RSS. "heap after GC" is what the run still holds at its end.
  const capped = ["--max-old-space-size=128", "--max-semi-space-size=8"]
  const child = (size, flags) =>
    JSON.parse(
      execFileSync(process.execPath, ["--expose-gc", ...flags, self, "--rss", String(size)], { encoding: "utf8" })
        .trim()
        .split("\n")
        .at(-1),
    )
  const rss = [mb, largeMb].map((size) => ({ mb: size, plain: child(size, []), capped: child(size, capped) }))
  console.log("\nPeak RSS per run, each in a fresh process:")
  console.log("| input (generated on the fly) | peak RSS, V8 defaults | peak RSS, heap capped | heap after GC |")
  console.log("| ---: | ---: | ---: | ---: |")
  for (const r of rss) {
    const ratio = (a, b) => (a / b).toFixed(2)
    console.log(
      `| ${(r.plain.size / MB).toFixed(0)} MB | ${(r.plain.peak / MB).toFixed(0)} MB (×${ratio(r.plain.peak, rss[0].plain.peak)}) | ${(r.capped.peak / MB).toFixed(0)} MB (×${ratio(r.capped.peak, rss[0].capped.peak)}) | ${(r.capped.heapAfterGc / MB).toFixed(1)} MB |`,
    )
  }
}
