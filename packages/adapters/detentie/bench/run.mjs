// Intake rows/s of the detention adapter against the bare parse of the same bytes by csv-parse, in one run.
// Size: BAKEN_BENCH_ROWS (default 1,000,000).
import { Benchmark, Format } from "@baken/adapter-csv"
import { DetentieAdapter, DetentieFormat } from "../dist/index.js"

const rows = Number(process.env.BAKEN_BENCH_ROWS ?? 1_000_000)
const members = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"]
const chunks = Benchmark.generate(
  Format.header(DetentieFormat.format),
  rows,
  (i) =>
    `${["999900006", "999900018", "999900031", "999900043"][i % 4]};${members[i % 7]};${i % 2 === 0 ? "begin" : "einde"};${2022 + (i % 4)}-${String((i % 12) + 1).padStart(2, "0")}-1${i % 10}`,
)
await Benchmark.compare(DetentieAdapter.adapter, chunks, rows)
