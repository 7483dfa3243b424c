// Rows/s of the CBS page reader (saved OData v3 page through the adapter) against JSON.parse of the same bytes.
// Size: BAKEN_BENCH_ROWS (default 200,000 rows in one page).
import { Pseudonymiser, Source } from "@baken/adapter-kit"
import { Effect, Layer, Redacted, Stream } from "effect"
import { CbsAdapter } from "../dist/index.js"

const rows = Number(process.env.BAKEN_BENCH_ROWS ?? 200_000)
const value = Array.from({ length: rows }, (_, i) => ({
  ID: i,
  RegioS: `GM${String(300 + (i % 600)).padStart(4, "0")}  `,
  Perioden: `${1995 + (i % 29)}JJ00`,
  TotaleBevolking_1: 1000 + (i % 90000),
}))
const text = JSON.stringify({
  "odata.metadata": "https://opendata.cbs.nl/ODataApi/odata/70072ned/$metadata#Cbs.OData.WebAPI.TypedDataSet",
  value,
})
const bytes = new TextEncoder().encode(text)
const layer = Layer.orDie(
  Pseudonymiser.Pseudonymiser.layer(Redacted.make("baken-benchmark-secret-not-for-real-data-0123")),
)
const time = async (f) => {
  let best = Infinity
  for (let k = 0; k < 3; k++) {
    const t = performance.now()
    await f()
    best = Math.min(best, performance.now() - t)
  }
  return best
}
const bare = await time(() => JSON.parse(new TextDecoder().decode(bytes)).value.length)
const adapter = await time(() =>
  Effect.runPromise(
    Stream.runCount(CbsAdapter.adapter.read(Source.bytes("70072ned.json", bytes))).pipe(Effect.provide(layer)),
  ),
)
console.table([
  {
    run: "JSON.parse of the page (bare parse)",
    "rows/s": Math.round((rows / bare) * 1000),
    ms: Math.round(bare),
    ratio: "100%",
  },
  {
    run: "adapter cbs-statline (stream + rows + observations)",
    "rows/s": Math.round((rows / adapter) * 1000),
    ms: Math.round(adapter),
    ratio: `${Math.round((bare / adapter) * 100)}%`,
  },
])
