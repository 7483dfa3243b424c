// Intake rows/s of the observations-csv adapter against the bare parse of the same bytes by csv-parse, in one run.
// Size: BAKEN_BENCH_ROWS (default 1,000,000).
import { Benchmark, Format } from "@baken/adapter-csv"
import { ObservationsAdapter, ObservationsFormat } from "../dist/index.js"

const rows = Number(process.env.BAKEN_BENCH_ROWS ?? 1_000_000)
const members = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"]
const chunks = Benchmark.generate(
  Format.header(ObservationsFormat.format),
  rows,
  (i) => `indicator-${i % 9};${members[i % 7]};${2022 + (i % 4)}-Q${(i % 4) + 1};${(i % 1000) / 4}`,
)
await Benchmark.compare(ObservationsAdapter.adapter, chunks, rows)
