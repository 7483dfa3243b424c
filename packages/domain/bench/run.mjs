// Benchmarks of @baken/domain against the built dist (run `pnpm build` first; `pnpm bench` does it through turbo):
// region aggregation of 1M observations and disclosure control of a 10,000-cell table, each side by side with a
// naive baseline computed in the same run. Sizes scale down with BAKEN_BENCH_OBSERVATIONS and BAKEN_BENCH_CELLS.
import { performance } from "node:perf_hooks"
import {
  Aggregation,
  Area,
  Disclosure,
  Ids,
  Indicator,
  Membership,
  Observation,
  Period,
  Publication,
  Region,
} from "../dist/index.js"

const observationCount = Number(process.env.BAKEN_BENCH_OBSERVATIONS ?? 1_000_000)
const cellCount = Number(process.env.BAKEN_BENCH_CELLS ?? 10_000)
const nationalMunicipalities = Number(process.env.BAKEN_BENCH_MUNICIPALITIES ?? 342)
const nationalIndicators = Number(process.env.BAKEN_BENCH_INDICATORS ?? 50)
const repeats = 5

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const time = (f) => {
  const runs = []
  let result
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now()
    result = f()
    runs.push(performance.now() - t0)
  }
  return { ms: median(runs), result }
}

// A small deterministic generator, so every run measures the same data.
let seed = 42
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

// --- region aggregation ---------------------------------------------------------------------------------------
const source = new Indicator.DataSource({ adapter: Ids.AdapterId.make("bench"), description: "benchmark" })
const indicator = (i, aggregation) =>
  new Indicator.Indicator({
    id: Ids.IndicatorId.make(`i${i}`),
    name: `indicator ${i}`,
    definition: "",
    unit: "count",
    direction: "lower-is-better",
    aggregation,
    source,
    disclosure: "person-counts",
  })
const counted = Array.from({ length: 36 }, (_, i) =>
  indicator(i, i % 6 === 5 ? Indicator.Mean.make({}) : Indicator.Sum.make({})),
)
const ratios = Array.from({ length: 4 }, (_, i) =>
  indicator(
    100 + i,
    Indicator.Ratio.make({ numerator: counted[2 * i].id, denominator: counted[2 * i + 1].id, scale: 1000 }),
  ),
)
const areas = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696", "GM0457", "GM0363", "NL01"].map(
  (a) => Area.AreaCode.make(a),
)
// Eight members, one of which leaves in March 2022 (as Weesp left Gooi en Vechtstreek); Amsterdam and NL01 are not.
const region = new Region.Region({
  id: Ids.RegionId.make("bench"),
  name: "Benchmark region",
  areas: [],
  memberships: areas
    .slice(0, 8)
    .map((municipality, i) => new Membership.Membership({ municipality, ...(i === 7 ? { until: "2022-03-23" } : {}) })),
})
const perCombination = areas.length * counted.length
const monthCount = Math.max(1, Math.ceil(observationCount / perCombination))
const periods = Array.from({ length: monthCount }, (_, k) =>
  Period.fromParts({
    year: 2022 - Math.floor(monthCount / 24) + Math.floor(k / 12),
    kind: "month",
    index: (k % 12) + 1,
  }),
)
const observations = []
outer: for (const period of periods) {
  for (const ind of counted) {
    for (const area of areas) {
      if (observations.length >= observationCount) break outer
      observations.push(
        new Observation.Observation({
          indicator: ind.id,
          area,
          period,
          value: Math.floor(random() * 200),
          source: source.adapter,
        }),
      )
    }
  }
}
const indicators = [...counted, ...ratios]

const naive = time(() => {
  // The baseline: a plain loop that sums every value per indicator and period, ignoring membership and rules.
  const sums = new Map()
  for (const o of observations) {
    const key = `${o.indicator}|${o.period}`
    sums.set(key, (sums.get(key) ?? 0) + (o.value ?? 0))
  }
  return sums.size
})
const full = time(() => Aggregation.aggregateAll(region, indicators, observations))
const indexed = Aggregation.index(observations)
const fromIndex = time(() => Aggregation.aggregateAll(region, indicators, indexed))

// --- disclosure control ---------------------------------------------------------------------------------------
const side = Math.max(1, Math.round(Math.sqrt(cellCount)))
const cols = Math.max(1, Math.round(cellCount / side))
// Skewed counts: about 4% below 10, 4% zero, the rest up to a few hundred: small counts scattered thinly, so that
// many of them sit alone in their row or column and need secondary suppression.
const counts = Array.from({ length: side }, () =>
  Array.from({ length: cols }, () => {
    const r = random()
    return r < 0.04 ? 0 : r < 0.08 ? 1 + Math.floor(random() * 9) : 10 + Math.floor(random() * 300)
  }),
)
const table = new Disclosure.CountTable({
  rows: counts.map((_, i) => `r${i}`),
  columns: (counts[0] ?? []).map((_, j) => `c${j}`),
  counts,
})
const rules = Disclosure.cbsPractice
const naiveDisclosure = time(() => {
  // The baseline: primary suppression and rounding of each cell and total in a plain loop, no secondary suppression.
  let shown = 0
  const rowTotals = new Array(side).fill(0)
  const colTotals = new Array(cols).fill(0)
  for (let i = 0; i < side; i++)
    for (let j = 0; j < cols; j++) {
      const v = counts[i][j]
      rowTotals[i] += v
      colTotals[j] += v
      if (!(v > 0 && v < rules.threshold)) shown += Math.round(v / rules.roundTo) * rules.roundTo
    }
  return shown + rowTotals.length + colTotals.length
})
const protectedTable = time(() => Disclosure.protect(table, rules))
const cells = protectedTable.result.cells.flat()
const primary = cells.filter((c) => c._tag === "Suppressed" && c.reason === "small-count").length
const secondary = cells.filter((c) => c._tag === "Suppressed" && c.reason === "protects-another-cell").length

// --- canonical publication at national scale ------------------------------------------------------------------
// 342 municipalities × 60 periods (12 years, each with its 4 quarters) × 50 count indicators: every table protected
// once, across years and quarters, the way the API builds them after a delivery; then one public read of one
// indicator cut out of its table, against what every query used to do: protect its own municipalities × periods.
const codes = Array.from({ length: nationalMunicipalities }, (_, i) =>
  Ids.MunicipalityCode.make(`GM${String(i + 1).padStart(4, "0")}`),
)
const nation = { memberships: codes.map((municipality) => new Membership.Membership({ municipality })) }
const years = Array.from({ length: 12 }, (_, k) => Period.Period.make(String(2014 + k)))
const nationalPeriods = years.flatMap((y) => [y, ...Period.split(y, "quarter")])
const nationalValues = Array.from({ length: nationalIndicators }, () => {
  const values = new Map()
  for (const y of years) {
    const yearly = new Map()
    for (const q of Period.split(y, "quarter")) {
      const byArea = new Map()
      for (const m of codes) {
        const r = random()
        const v = r < 0.05 ? 0 : r < 0.3 ? 1 + Math.floor(random() * 9) : 10 + Math.floor(random() * 120)
        byArea.set(m, v)
        yearly.set(m, (yearly.get(m) ?? 0) + v)
      }
      values.set(q, byArea)
    }
    values.set(y, yearly)
  }
  return values
})
const timeOnce = (f) => {
  const t0 = performance.now()
  const result = f()
  return { ms: performance.now() - t0, result }
}
const canonicalBuild = timeOnce(() =>
  nationalValues.map((values) => Publication.protectCounts(nation, codes, values, Disclosure.cbsPractice)),
)
const firstTable = canonicalBuild.result[0]
const canonicalRead = time(() =>
  codes
    .map((m) => nationalPeriods.map((p) => firstTable.cell(m, p)))
    .concat([nationalPeriods.map((p) => firstTable.region(p))]),
)
const perQuery = time(() =>
  Disclosure.protect(
    new Disclosure.CountTable({
      rows: codes,
      columns: nationalPeriods,
      counts: codes.map((m) => nationalPeriods.map((p) => nationalValues[0].get(p)?.get(m) ?? 0)),
    }),
    Disclosure.cbsPractice,
  ),
)
const hiddenCanonical = canonicalRead.result.flat().filter((c) => c._tag === "Suppressed").length
const nationalCells = codes.length * nationalPeriods.length

// --- report ---------------------------------------------------------------------------------------------------
const fmt = (n, digits = 1) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
const rows = [
  ["region aggregation (aggregateAll, incl. index)", observations.length, full.ms, naive.ms],
  ["region aggregation (aggregateAll, pre-indexed)", observations.length, fromIndex.ms, naive.ms],
  ["disclosure control (protect)", side * cols, protectedTable.ms, naiveDisclosure.ms],
  [
    `canonical tables, all ${nationalIndicators} indicators built and protected once (one run)`,
    nationalCells * nationalIndicators,
    canonicalBuild.ms,
    perQuery.ms,
  ],
  ["public read of one indicator from its canonical table", nationalCells, canonicalRead.ms, perQuery.ms],
]
console.log(`@baken/domain benchmarks (median of ${repeats} runs, node ${process.version})`)
console.log("")
console.log("| benchmark | items | ms | items/s | naive baseline ms | ratio to baseline |")
console.log("| --- | ---: | ---: | ---: | ---: | ---: |")
for (const [name, items, ms, base] of rows) {
  console.log(
    `| ${name} | ${items.toLocaleString("en-US")} | ${fmt(ms)} | ${fmt(items / (ms / 1000), 0)} | ${fmt(base)} | ${fmt(ms / base, 2)}× |`,
  )
}
console.log("")
console.log(
  `aggregation: ${full.result.length.toLocaleString("en-US")} region figures over ${periods.length} months; baseline = plain loop summing values per indicator and period (no membership, no rules)`,
)
console.log(
  `canonical: ${codes.length} municipalities × ${nationalPeriods.length} periods (years with their quarters) × ${nationalIndicators} indicators; ${hiddenCanonical} of ${nationalCells} cells of the first indicator hidden; baseline = what one query cost before: Disclosure.protect of its own ${codes.length}×${nationalPeriods.length} table (no link between years and quarters)`,
)
console.log(
  `disclosure: ${side}×${cols} table, ${primary} cells suppressed as small, ${secondary} more to protect them; baseline = plain loop with primary suppression and rounding only`,
)
