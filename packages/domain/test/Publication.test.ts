import { knownInterval, type Link, pinned } from "@baken/vitest-config/adversary"
import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Disclosure, Ids, Indicator, Membership, Period, Publication } from "../src/index.js"
import * as Demo from "./fixtures/demo.js"
import { gooiEnVechtstreek } from "./fixtures/reference.js"

const code = (n: number) => Ids.MunicipalityCode.make(`GM${String(1000 + n).padStart(4, "0")}`)

/** A region of `n` municipalities, members throughout, and one that left on `leftOn` when given. */
const regionOf = (n: number, leftOn?: string) => ({
  memberships: Array.from({ length: n }, (_, i) =>
    i === n - 1 && leftOn !== undefined
      ? new Membership.Membership({ municipality: code(i), until: leftOn as never })
      : new Membership.Membership({ municipality: code(i) }),
  ),
})

type Kinds = ReadonlyArray<Period.Kind>

/**
 * Consistent true values: counts at the finest granularity, summed up to every coarser one present. A municipality
 * has values in every period, also after it left (it is then outside the region's totals).
 */
const valuesOf = (
  municipalities: ReadonlyArray<string>,
  years: ReadonlyArray<string>,
  kinds: Kinds,
  finest: ReadonlyArray<number>,
  holes: ReadonlyArray<boolean> = [],
): Map<string, Map<string, number>> => {
  const values = new Map<string, Map<string, number>>()
  const fine = kinds[kinds.length - 1] as Period.Kind
  let k = 0
  for (const year of years) {
    for (const p of Period.split(Period.Period.make(year), fine)) {
      const byArea = new Map<string, number>()
      for (const m of municipalities) {
        // A hole: this municipality delivered nothing for this period (not 0: unknown).
        if (holes[k % Math.max(1, holes.length)] !== true) byArea.set(m, finest[k % finest.length] ?? 0)
        k++
      }
      values.set(p, byArea)
    }
    for (const kind of kinds.slice(0, -1)) {
      for (const p of Period.split(Period.Period.make(year), kind)) {
        const byArea = new Map<string, number>()
        for (const m of municipalities) {
          const sum = Period.split(p, fine).reduce((s, q) => s + (values.get(q)?.get(m) ?? 0), 0)
          byArea.set(m, sum)
        }
        values.set(p, byArea)
      }
    }
  }
  return values
}

/**
 * Everything an attacker knows after reading the whole published table (every answer of every query is a part of
 * it): each cell's interval, the region totals as sums of the members, and the coarser periods as sums of finer ones.
 */
const attack = async (
  region: Membership.HasMemberships,
  municipalities: ReadonlyArray<string>,
  values: Map<string, Map<string, number>>,
  rules: Disclosure.Rules,
  kinds: Kinds,
) => {
  const table = Publication.protectCounts(region, municipalities as never, values, rules)
  const periods = [...values.keys()]
  const variables: Array<readonly [number, number]> = []
  const hidden: Array<number> = []
  const index = new Map<string, number>()
  const truth: Array<number> = []
  const add = (key: string, cell: Publication.Cell, value: number) => {
    index.set(key, variables.length)
    if (cell._tag === "Suppressed") hidden.push(variables.length)
    variables.push(knownInterval(cell, rules))
    truth.push(value)
  }
  for (const p of periods) {
    let total = 0
    const period = Period.Period.make(p)
    const members = new Set<string>(Membership.membersThroughout(region, Period.start(period), Period.end(period)))
    for (const m of municipalities) {
      const v = values.get(p)?.get(m) ?? 0
      if (members.has(m)) total += v
      add(`${m}|${p}`, table.cell(m, p), v)
    }
    add(`region|${p}`, table.region(p), total)
  }
  const links: Array<Link> = []
  const at = (key: string) => index.get(key) ?? -1
  for (const p of periods) {
    const period = Period.Period.make(p)
    const members = Membership.membersThroughout(region, Period.start(period), Period.end(period))
    links.push({ parts: members.map((m) => at(`${m}|${p}`)), total: at(`region|${p}`) })
  }
  // Each coarser granularity is the sum of the next finer one, for every municipality and for the region.
  kinds.slice(0, -1).forEach((coarse, k) => {
    const fine = kinds[k + 1] as Period.Kind
    for (const p of periods.filter((q) => Period.kind(Period.Period.make(q)) === coarse)) {
      const children = Period.split(Period.Period.make(p), fine)
      // The region's total is over the members throughout each period, so it adds up only while they stay the same.
      const membersOf = (q: Period.Period) =>
        Membership.membersThroughout(region, Period.start(q), Period.end(q)).join()
      const same = children.every((c) => membersOf(c) === membersOf(Period.Period.make(p)))
      for (const area of [...municipalities, ...(same ? ["region"] : [])]) {
        links.push({ parts: children.map((c) => at(`${area}|${c}`)), total: at(`${area}|${p}`) })
      }
    }
  })
  // The true values fit what the attacker knows: otherwise the attacker's model, not the publication, is wrong.
  truth.forEach((v, i) => {
    const [lo, hi] = variables[i] ?? [0, 0]
    expect(v >= lo && v <= hi, `variable ${i} = ${v} outside [${lo}, ${hi}]`).toBe(true)
  })
  return pinned(variables, links, hidden)
}

/** The demo's figures of one indicator, whose years and quarters are invented apart (a CBS year beside quarters). */
const demoValues = (indicator: string): Map<string, Map<string, number>> => {
  const values = new Map<string, Map<string, number>>()
  for (const o of Demo.observations) {
    if (o.indicator !== indicator) continue
    const byArea = values.get(o.period) ?? new Map<string, number>()
    byArea.set(o.area, o.value ?? 0)
    values.set(o.period, byArea)
  }
  return values
}

const structures: ReadonlyArray<Kinds> = [
  ["year"],
  ["quarter"],
  ["year", "quarter"],
  ["year", "half"],
  ["year", "half", "quarter"],
  ["year", "quarter", "month"],
]

const small = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }) },
)

describe("Publication.protectCounts", () => {
  const property = (rules: Disclosure.Rules, leavers: fc.Arbitrary<boolean>, numRuns: number) =>
    fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(...structures),
        fc.integer({ min: 1, max: 2 }),
        fc.array(small, { minLength: 1, maxLength: 80 }),
        leavers,
        fc.array(
          fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
          { maxLength: 40 },
        ),
        async (n, kinds, yearCount, finest, oneLeft, holes) => {
          const region = regionOf(n, oneLeft ? "2023-05-14" : undefined)
          const municipalities = Array.from({ length: n }, (_, i) => code(i))
          const years = ["2023", "2024"].slice(0, yearCount)
          const values = valuesOf(municipalities, years, kinds, finest, holes)
          expect(await attack(region, municipalities, values, rules, kinds)).toEqual([])
        },
      ),
      { numRuns },
    )

  it("no hidden count is ever pinned by all published cells together, under CBS practice, also when a member leaves", () =>
    property(Disclosure.cbsPractice, fc.boolean(), 40))

  it("no hidden count is ever pinned by all published cells together when nothing is rounded and members stay", () =>
    property(new Disclosure.Rules({ threshold: 10, roundTo: 1, secondary: true }), fc.constant(false), 40))

  it("a hidden quarter cannot be recovered from its year minus the other quarters", async () => {
    const municipalities = [code(0), code(1), code(2)]
    const values = new Map<string, Map<string, number>>()
    const quarters: Record<string, ReadonlyArray<number>> = {
      [code(0)]: [4, 30, 30, 30],
      [code(1)]: [25, 25, 25, 25],
      [code(2)]: [40, 40, 40, 40],
    }
    ;["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"].forEach((q, j) => {
      values.set(q, new Map(municipalities.map((m) => [m, quarters[m]?.[j] ?? 0])))
    })
    values.set("2024", new Map(municipalities.map((m) => [m, (quarters[m] ?? []).reduce((a, b) => a + b, 0)])))
    const rules = new Disclosure.Rules({ threshold: 10, roundTo: 1, secondary: true })
    const table = Publication.protectCounts(regionOf(3), municipalities, values, rules)
    expect(table.cell(code(0), "2024-Q1")).toEqual({ _tag: "Suppressed", reason: "protected" })
    const hiddenInRow = ["2024", "2024-Q2", "2024-Q3", "2024-Q4"].filter(
      (p) => table.cell(code(0), p)._tag === "Suppressed",
    )
    expect(hiddenInRow.length).toBeGreaterThan(0)
    expect(await attack(regionOf(3), municipalities, values, rules, ["year", "quarter"])).toEqual([])
  })

  it("a hidden quarter cannot be recovered by setting quarters, halves, the year and other members against each other", async () => {
    // Found by the property (seed -1943080648): no single sum pins GM1002's third quarter (2), but the first and
    // fourth quarters' region totals, GM1001's year and GM1002's year together do.
    const municipalities = [code(0), code(1), code(2), code(3)]
    const kinds: Kinds = ["year", "half", "quarter"]
    const values = valuesOf(municipalities, ["2023"], kinds, [0, 2, 10])
    const rules = new Disclosure.Rules({ threshold: 10, roundTo: 1, secondary: true })
    const table = Publication.protectCounts(regionOf(4), municipalities, values, rules)
    expect(table.cell(code(2), "2023-Q3")).toEqual({ _tag: "Suppressed", reason: "protected" })
    expect(await attack(regionOf(4), municipalities, values, rules, kinds)).toEqual([])
  })

  it("a hidden municipality cannot be recovered from the region minus the others", () => {
    const municipalities = [code(0), code(1), code(2)]
    const values = new Map([
      [
        "2024",
        new Map<string, number>([
          [code(0), 4],
          [code(1), 50],
          [code(2), 80],
        ]),
      ],
    ])
    const table = Publication.protectCounts(regionOf(3), municipalities, values, Disclosure.cbsPractice)
    expect(table.cell(code(0), "2024")._tag).toBe("Suppressed")
    // Hidden counts do not say why they are hidden: "small" would bound them below 10.
    expect(table.cell(code(0), "2024")).toEqual({ _tag: "Suppressed", reason: "protected" })
    const others = [table.cell(code(1), "2024"), table.cell(code(2), "2024"), table.region("2024")]
    expect(others.filter((c) => c._tag === "Suppressed")).toHaveLength(1)
  })

  it("a year delivered apart from its quarters, not their sum, does not hide the large counts of the demo", () => {
    const values = demoValues("bw-instroom")
    const municipalities = [...new Set(gooiEnVechtstreek.memberships.map((m) => m.municipality))].sort()
    const table = Publication.protectCounts(gooiEnVechtstreek, municipalities, values, Disclosure.cbsPractice)
    const hilversum = values.get("2022")?.get("GM0402") ?? 0
    expect(hilversum).toBeGreaterThan(50)
    expect(table.cell("GM0402", "2022")).toEqual({ _tag: "Shown", value: Math.round(hilversum / 5) * 5 })
    expect(table.region("2022")._tag).toBe("Shown")
  })

  it("one delivery that breaks the sum of a year's quarters does not hide the rest of the year (found by a tester)", () => {
    const values = demoValues("bw-instroom")
    values.get("2023-Q2")?.set("GM0376", (values.get("2023-Q2")?.get("GM0376") ?? 0) + 100)
    const municipalities = [...new Set(gooiEnVechtstreek.memberships.map((m) => m.municipality))].sort()
    const table = Publication.protectCounts(gooiEnVechtstreek, municipalities, values, Disclosure.cbsPractice)
    expect(table.cell("GM0402", "2023")._tag).toBe("Shown")
    expect(table.region("2023")._tag).toBe("Shown")
    expect(table.region("2023-Q2")._tag).toBe("Shown")
  })

  it("a municipality without data is not counted as 0, and the region's value then is withheld, not understated", () => {
    const municipalities = [code(0), code(1), code(2)]
    const values = new Map([
      [
        "2024",
        new Map<string, number>([
          [code(0), 40],
          [code(1), 50],
        ]),
      ],
    ])
    const table = Publication.protectCounts(regionOf(3), municipalities, values, Disclosure.cbsPractice)
    expect(table.cell(code(2), "2024")).toEqual({ _tag: "NoData" })
    expect(table.region("2024")).toEqual({ _tag: "NoData" })
    expect(table.cell(code(0), "2024")).toEqual({ _tag: "Shown", value: 40 })
    expect(table.cell(code(0), "2024-H1")).toEqual({ _tag: "NoData" })
  })

  it("the same values always give the same publication", () => {
    const municipalities = [code(0), code(1), code(2), code(3)]
    const values = valuesOf(municipalities, ["2024"], ["year", "quarter"], [3, 14, 0, 22, 8, 1, 40, 9])
    const read = () => {
      const t = Publication.protectCounts(regionOf(4), municipalities, values, Disclosure.cbsPractice)
      return [...values.keys()].flatMap((p) => [...municipalities.map((m) => t.cell(m, p)), t.region(p)])
    }
    expect(read()).toEqual(read())
  })
})

const id = Ids.IndicatorId.make
const source = new Indicator.DataSource({ adapter: Ids.AdapterId.make("iwmo"), description: "test" })
const indicator = (
  fields: Omit<Partial<ConstructorParameters<typeof Indicator.Indicator>[0]>, "id"> & { id: string },
) =>
  new Indicator.Indicator({
    name: fields.id,
    definition: "",
    unit: "count",
    direction: "lower-is-better",
    aggregation: { _tag: "Sum" },
    source,
    disclosure: "person-counts",
    ...fields,
    id: id(fields.id),
  })

const sourcesOf = (
  indicators: ReadonlyArray<Indicator.Indicator>,
  values: Record<string, Record<string, Record<string, number>>>,
  n = 2,
): Publication.Sources => ({
  region: regionOf(n),
  municipalities: Array.from({ length: n }, (_, i) => code(i)),
  indicators: new Map(indicators.map((i) => [i.id, i])),
  values: (i) =>
    new Map(Object.entries(values[i] ?? {}).map(([p, byArea]) => [p, new Map(Object.entries(byArea))] as const)),
})

describe("Publication.publish", () => {
  const instroom = indicator({ id: "instroom" })
  const inwoners = indicator({ id: "inwoners", unit: "residents", disclosure: "open" })
  const rate = indicator({
    id: "instroom-per-1000",
    unit: "per-1000-residents",
    aggregation: { _tag: "Ratio", numerator: id("instroom"), denominator: id("inwoners"), scale: 1000 },
    disclosure: "open",
  })
  const wachttijd = indicator({
    id: "wachttijd",
    unit: "days",
    aggregation: { _tag: "Mean", count: id("instroom") },
  })

  it("a rate is computed from its protected numerator and its public denominator, yearly population for quarters", () => {
    const sources = sourcesOf(
      [instroom, inwoners, rate],
      {
        instroom: { "2024-Q1": { [code(0)]: 23, [code(1)]: 4, [code(2)]: 12 } },
        inwoners: { "2024": { [code(0)]: 10_000, [code(1)]: 5_000, [code(2)]: 8_000 } },
      },
      3,
    )
    const table = Publication.publish(sources, rate, "public")
    expect(table.kind).toBe("rate")
    expect(table.unit).toBe("per-1000-residents")
    // The numerator 23 is published as 25 (rounded to 5), so the rate is 25 per 10,000 residents.
    expect(table.cell(code(0), "2024-Q1")).toEqual({ _tag: "Shown", value: 2.5 })
    // The numerator 4 is hidden, so its rate is hidden too: an open rate never gives a hidden count away.
    expect(table.cell(code(1), "2024-Q1")._tag).toBe("Suppressed")
  })

  it("a rate per 1,000 is not rounded to a whole number", () => {
    const sources = sourcesOf([instroom, inwoners, rate], {
      instroom: { "2024": { [code(0)]: 40, [code(1)]: 35 } },
      inwoners: { "2024": { [code(0)]: 33_000, [code(1)]: 21_000 } },
    })
    const table = Publication.publish(sources, rate, "public")
    expect(table.cell(code(0), "2024")).toEqual({ _tag: "Shown", value: 1.21 })
    expect(table.region("2024")).toEqual({ _tag: "Shown", value: 1.39 })
  })

  it("the region's mean is over the region's persons, never the sum or plain mean of municipal means", () => {
    const sources = sourcesOf([instroom, wachttijd], {
      instroom: { "2024": { [code(0)]: 100, [code(1)]: 10 } },
      wachttijd: { "2024": { [code(0)]: 10, [code(1)]: 100 } },
    })
    const table = Publication.publish(sources, wachttijd, "region")
    expect(table.kind).toBe("mean")
    expect(table.region("2024")).toEqual({ _tag: "Shown", value: 18.2 })
  })

  it("a mean on fewer than 10 persons is hidden, and a mean on more is shown unrounded", () => {
    const sources = sourcesOf([instroom, wachttijd], {
      instroom: { "2024": { [code(0)]: 9, [code(1)]: 12 } },
      wachttijd: { "2024": { [code(0)]: 7, [code(1)]: 37.25 } },
    })
    const table = Publication.publish(sources, wachttijd, "public")
    expect(table.cell(code(0), "2024")).toEqual({ _tag: "Suppressed", reason: "small-base" })
    expect(table.cell(code(1), "2024")).toEqual({ _tag: "Shown", value: 37.3 })
  })

  it("a mean below 10 days on enough persons is shown, not hidden as if it were a count", () => {
    const sources = sourcesOf([instroom, wachttijd], {
      instroom: { "2024": { [code(0)]: 40, [code(1)]: 12 } },
      wachttijd: { "2024": { [code(0)]: 3, [code(1)]: 4 } },
    })
    expect(Publication.publish(sources, wachttijd, "public").cell(code(0), "2024")).toEqual({
      _tag: "Shown",
      value: 3,
    })
  })

  it("the minimum base of a mean is configurable per audience", () => {
    const sources = sourcesOf([instroom, wachttijd], {
      instroom: { "2024": { [code(0)]: 12, [code(1)]: 30 } },
      wachttijd: { "2024": { [code(0)]: 20, [code(1)]: 30 } },
    })
    const strict = new Disclosure.Rules({ threshold: 10, roundTo: 5, secondary: true, minimumBase: 20 })
    const table = Publication.publish(sources, wachttijd, "public", { public: strict })
    expect(table.cell(code(0), "2024")).toEqual({ _tag: "Suppressed", reason: "small-base" })
    expect(table.cell(code(1), "2024")).toEqual({ _tag: "Shown", value: 30 })
  })

  it("a restricted figure is withheld from everyone but the region", () => {
    const secret = indicator({ id: "secret", disclosure: "restricted" })
    const sources = sourcesOf([secret], { secret: { "2024": { [code(0)]: 40, [code(1)]: 30 } } })
    expect(Publication.publish(sources, secret, "public").region("2024")._tag).toBe("Withheld")
    expect(Publication.publish(sources, secret, "municipality").cell(code(0), "2024")._tag).toBe("Withheld")
    expect(Publication.publish(sources, secret, "region").region("2024")).toEqual({ _tag: "Shown", value: 70 })
  })

  it("the Netherlands is protected as a count of its own", () => {
    const sources = sourcesOf([instroom], { instroom: { "2024": { NL01: 4, [code(0)]: 40, [code(1)]: 30 } } })
    expect(Publication.publish(sources, instroom, "public").cell("NL01", "2024")._tag).toBe("Suppressed")
  })
})
