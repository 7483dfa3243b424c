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
import { iwmoAdapter } from "../dist/index.js"

const MB = 1024 * 1024
const base = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
const ns = "http://www.istandaarden.nl/iwmo/3_2/wmo323/schema"

/** Test BSNs 9999xxxxx that pass the eleven-test. */
const bsns = []
for (let n = 0; bsns.length < 500; n++) {
  const s = `9999${String(n).padStart(5, "0")}`
  let sum = 0
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(s[i])
  if ((sum - Number(s[8])) % 11 === 0) bsns.push(s)
}
const categories = ["15", "16", "17", "18", "02", "07"]

const client = (i) => `      <wmo323:Client>
        <wmo323:Bsn>${bsns[i % bsns.length]}</wmo323:Bsn>
        <wmo323:Prestaties>
          <wmo323:Prestatie>
            <wmo323:ProductReferentie><iwmo:ReferentieNummer>P${i}</iwmo:ReferentieNummer></wmo323:ProductReferentie>
            <wmo323:ToewijzingNummer>${1000 + (i % 1000)}</wmo323:ToewijzingNummer>
            <wmo323:ProductCategorie>${categories[i % categories.length]}</wmo323:ProductCategorie>
            <wmo323:ProductCode>AB${i % 100}</wmo323:ProductCode>
            <wmo323:ProductPeriode><iwmo:Begindatum>2024-02-01</iwmo:Begindatum><iwmo:Einddatum>2024-02-29</iwmo:Einddatum></wmo323:ProductPeriode>
            <wmo323:GeleverdVolume>${1 + (i % 20)}</wmo323:GeleverdVolume>
            <wmo323:Eenheid>14</wmo323:Eenheid>
            <wmo323:ProductTarief>${5000 + (i % 7)}</wmo323:ProductTarief>
            <wmo323:IngediendBedrag><iwmo:Bedrag>${(1 + (i % 20)) * (5000 + (i % 7))}</iwmo:Bedrag><iwmo:DebetCredit>D</iwmo:DebetCredit></wmo323:IngediendBedrag>
          </wmo323:Prestatie>
        </wmo323:Prestaties>
      </wmo323:Client>
`

const enc = new TextEncoder()
const blockClients = 600
const block = Array.from({ length: blockClients }, (_, i) => client(i)).join("")
const blockCents = Array.from({ length: blockClients }, (_, i) => (1 + (i % 20)) * (5000 + (i % 7))).reduce(
  (a, b) => a + b,
  0,
)
const blockBytes = enc.encode(block)

/** A declaration of about `mb` MB as chunks produced lazily; nothing is written to disk. */
const declaration = (mb) => {
  const blocks = Math.max(1, Math.round((mb * MB) / blockBytes.length))
  const head = enc.encode(`<?xml version="1.0" encoding="UTF-8"?>
<wmo323:Bericht xmlns:iwmo="${base}" xmlns:wmo323="${ns}">
  <wmo323:Header>
    <wmo323:BerichtCode>484</wmo323:BerichtCode><wmo323:BerichtVersie>3</wmo323:BerichtVersie><wmo323:BerichtSubversie>2</wmo323:BerichtSubversie>
    <wmo323:Afzender>12345678</wmo323:Afzender><wmo323:Ontvanger>0402</wmo323:Ontvanger>
    <wmo323:BerichtIdentificatie><iwmo:Identificatie>BENCH1</iwmo:Identificatie><iwmo:Dagtekening>2024-03-05</iwmo:Dagtekening></wmo323:BerichtIdentificatie>
    <wmo323:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie><iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></wmo323:XsdVersie>
  </wmo323:Header>
  <wmo323:Declaratie>
    <wmo323:DeclaratieNummer>D2024020001</wmo323:DeclaratieNummer>
    <wmo323:DeclaratiePeriode><iwmo:Begindatum>2024-02-01</iwmo:Begindatum><iwmo:Einddatum>2024-02-29</iwmo:Einddatum></wmo323:DeclaratiePeriode>
    <wmo323:DeclaratieDagtekening>2024-03-05</wmo323:DeclaratieDagtekening>
    <wmo323:TotaalIngediendBedrag><iwmo:TotaalBedrag>${blocks * blockCents}</iwmo:TotaalBedrag><iwmo:DebetCredit>D</iwmo:DebetCredit></wmo323:TotaalIngediendBedrag>
    <wmo323:Clienten>
`)
  const tail = enc.encode("    </wmo323:Clienten>\n  </wmo323:Declaratie>\n</wmo323:Bericht>\n")
  const size = head.length + blocks * blockBytes.length + tail.length
  function* chunks() {
    yield head
    // 64 KiB chunks, as a file read would give them.
    for (let b = 0; b < blocks; b++) {
      for (let i = 0; i < blockBytes.length; i += 64 * 1024) yield blockBytes.subarray(i, i + 64 * 1024)
    }
    yield tail
  }
  return { size, chunks }
}

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
