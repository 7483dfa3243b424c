// The public as an adversary of the API: it stores random figures for the seven members of Gooi en Vechtstreek,
// asks random sets of queries (subsets of municipalities, years beside their quarters, the same table twice), and
// hands every answer to a solver that works out the smallest and largest true value of each hidden cell from all
// answers together. No hidden cell may ever be pinned to one value, and a cell answered twice is answered the same.
import { Delivery, Ids, Observation, Period } from "@baken/domain"
import { plan2022 } from "@baken/region-gooi-en-vechtstreek/reference"
import { DeliveryRepository } from "@baken/store"
import { knownInterval, type Link, pinned } from "@baken/vitest-config/adversary"
import { Effect, Stream } from "effect"
import * as fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { callerFor, callers, countIndicator, makeRuntime, seedDeliveries } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

const members = ["GM0317", "GM0376", "GM0402", "GM0406", "GM0417", "GM1696", "GM1942"] as const
const quarters = ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"] as const
const periods = ["2023", ...quarters] as const
const ids = Array.from({ length: 40 }, (_, i) => `test-adversary-${i}`)

beforeAll(() => seedDeliveries(runtime, { adapters: ["observations-csv"], extra: ids.map((id) => countIndicator(id)) }))

let stored = 0
/** Stores quarterly counts per member and their yearly sums, as one delivery of a fresh indicator. */
const store = (quarterly: ReadonlyArray<number>, netherlands?: number) => {
  const indicator = ids[stored++ % ids.length] as string
  const values = new Map<string, number>()
  members.forEach((m, i) => {
    let year = 0
    quarters.forEach((q, j) => {
      const v = quarterly[(i * 4 + j) % quarterly.length] ?? 0
      values.set(`${m}|${q}`, v)
      year += v
    })
    values.set(`${m}|2023`, year)
  })
  if (netherlands !== undefined) values.set("NL01|2023", netherlands)
  const records = [...values].map(([key, value]) => {
    const [area, period] = key.split("|") as [string, string]
    return new Observation.Observation({
      indicator: Ids.IndicatorId.make(indicator),
      area: area as never,
      period: Period.Period.make(period),
      value,
      source: Ids.AdapterId.make("observations-csv"),
    })
  })
  const hash = `${stored.toString(16).padStart(8, "0")}${"a".repeat(56)}`
  return runtime
    .runPromise(
      DeliveryRepository.DeliveryRepository.use((repo) =>
        repo.store({
          header: new Delivery.DeliveryHeader({
            partner: Ids.PartnerId.make("demo-zorgaanbieder"),
            adapter: Ids.AdapterId.make("observations-csv"),
            sourceHash: Ids.SourceHash.make(hash),
            sourceName: "TEST-adversary.csv",
            receivedOn: "2024-02-01" as never,
          }),
          records: Stream.fromIterable(records),
          rejections: [],
          actor: "test",
          purpose: "adversary test",
        }),
      ),
    )
    .then(() => ({ indicator, values }))
}

const query = fc.record(
  {
    periods: fc.subarray([...periods], { minLength: 1 }),
    municipalities: fc.subarray([...members], { minLength: 1 }),
  },
  { requiredKeys: ["periods"] },
)

describe("the public as an adversary of indicator.values", () => {
  it("can never pin a hidden count, whatever set of queries it asks", async () => {
    const pub = callerFor(runtime, callers.public)
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 40 })), {
          minLength: 4,
          maxLength: 28,
        }),
        fc.array(query, { minLength: 1, maxLength: 6 }),
        async (quarterly, queries) => {
          const { indicator, values } = await store(quarterly)
          const answers = new Map<
            string,
            { readonly _tag: string; readonly value?: number; readonly reason?: string }
          >()
          for (const q of queries) {
            const [table] = await pub.indicator.values({ indicators: [indicator], ...q } as never)
            if (table === undefined) continue
            const record = (key: string, cell: { readonly _tag: string }) => {
              const earlier = answers.get(key)
              if (earlier !== undefined) expect(cell, `${key} answered twice the same`).toEqual(earlier)
              answers.set(key, cell)
            }
            table.municipalities.forEach((m, i) => {
              table.periods.forEach((p, j) => {
                record(`${m}|${p}`, table.cells[i]?.[j] as never)
              })
            })
            table.periods.forEach((p, j) => {
              record(`region|${p}`, table.regionTotals[j] as never)
            })
          }
          // The attacker's unknowns: every member's value and the region's, for every period; what it was told
          // bounds them, and it knows how they add up.
          const keys = [...members, "region"].flatMap((a) => periods.map((p) => `${a}|${p}`))
          const index = new Map(keys.map((k, i) => [k, i]))
          const at = (key: string) => index.get(key) ?? -1
          const variables = keys.map((k) => {
            const cell = answers.get(k)
            return cell === undefined
              ? ([0, 1e7] as const)
              : knownInterval(cell as never, { threshold: 10, roundTo: 5 })
          })
          const hidden = keys.flatMap((k, i) => (answers.get(k)?._tag === "Suppressed" ? [i] : []))
          const links: Array<Link> = []
          for (const p of periods) links.push({ parts: members.map((m) => at(`${m}|${p}`)), total: at(`region|${p}`) })
          for (const a of [...members, "region"]) {
            links.push({ parts: quarters.map((q) => at(`${a}|${q}`)), total: at(`${a}|2023`) })
          }
          const truth = (key: string) =>
            key.startsWith("region|")
              ? members.reduce((s, m) => s + (values.get(`${m}|${key.slice(7)}`) ?? 0), 0)
              : (values.get(key) ?? 0)
          keys.forEach((k, i) => {
            const [lo, hi] = variables[i] ?? [0, 0]
            expect(truth(k) >= lo && truth(k) <= hi, `${k} = ${truth(k)} fits what was published`).toBe(true)
          })
          expect(await pinned(variables, links, hidden)).toEqual([])
        },
      ),
      { numRuns: 25 },
    )
  })

  it("refuses a municipality asked for twice, the trick that multiplied a hidden count by fifty", async () => {
    const pub = callerFor(runtime, callers.public)
    const { indicator } = await store([4, 30, 30, 30])
    await expect(
      pub.indicator.values({
        indicators: [indicator],
        periods: ["2023"],
        municipalities: Array.from({ length: 50 }, () => "GM1942"),
      } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("input.municipalities[1]") })
  })

  it("refuses an unknown indicator instead of answering zero in every cell", async () => {
    const pub = callerFor(runtime, callers.public)
    await expect(
      pub.indicator.values({ indicators: ["bestaat-niet"], periods: ["2023"] } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("input.indicators[0]") })
  })

  it("refuses a municipality that was never a member of the region", async () => {
    const pub = callerFor(runtime, callers.public)
    const { indicator } = await store([20, 30, 30, 30])
    await expect(
      pub.indicator.values({ indicators: [indicator], periods: ["2023"], municipalities: ["GM0363"] } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" })
  })

  it("gives the region's total over its members, never over the municipalities asked for", async () => {
    const pub = callerFor(runtime, callers.public)
    const { indicator } = await store([40, 30, 30, 30])
    const all = await pub.indicator.values({ indicators: [indicator], periods: ["2023"] } as never)
    const one = await pub.indicator.values({
      indicators: [indicator],
      periods: ["2023"],
      municipalities: ["GM0402"],
    } as never)
    expect(one[0]?.regionTotals).toEqual(all[0]?.regionTotals)
  })

  it("protects the Netherlands' benchmark like any other count, and answers no data where there is none", async () => {
    const pub = callerFor(runtime, callers.public)
    const { indicator } = await store([40, 30, 30, 30], 4)
    const answer = await pub.indicator.benchmark({ indicator, periods: ["2023", "2022"] } as never)
    expect(answer.map((a) => a.cell._tag)).toEqual(["Suppressed", "NoData"])
    expect(answer.map((a) => a.value)).toEqual([null, null])
  })
})
