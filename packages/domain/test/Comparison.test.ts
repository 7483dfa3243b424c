import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Comparison, Ids, Indicator, Membership, Period, Publication } from "../src/index.js"

const id = Ids.IndicatorId.make
const code = (n: number) => Ids.MunicipalityCode.make(`GM${String(1000 + n).padStart(4, "0")}`)
const years = ["2022", "2023", "2024"].map((y) => Period.Period.make(y))

type Fields = ConstructorParameters<typeof Indicator.Indicator>[0]
const indicator = (over: Partial<Omit<Fields, "id">> & { readonly id: string }) =>
  new Indicator.Indicator({
    name: `Indicator ${over.id}`,
    definition: "Een verzonnen indicator voor tests.",
    unit: "count",
    direction: "lower-is-better",
    aggregation: { _tag: "Sum" },
    source: new Indicator.DataSource({ adapter: Ids.AdapterId.make("iwmo"), description: "test" }),
    disclosure: "person-counts",
    ...over,
    id: id(over.id),
  })

const instroom = indicator({ id: "instroom" })
const bevolking = indicator({
  id: Comparison.populationIndicator,
  unit: "residents",
  disclosure: "open",
  direction: "higher-is-better",
})

/** A published table per indicator over `n` members throughout, with the Netherlands as an area outside them. */
const tables = (
  n: number,
  counts: Record<string, Record<string, number>>,
  populations: Record<string, Record<string, number>>,
) => {
  const sources: Publication.Sources = {
    region: { memberships: Array.from({ length: n }, (_, i) => new Membership.Membership({ municipality: code(i) })) },
    municipalities: Array.from({ length: n }, (_, i) => code(i)),
    indicators: new Map([instroom, bevolking].map((i) => [i.id, i])),
    values: (i) => {
      const raw = i === instroom.id ? counts : i === bevolking.id ? populations : {}
      return new Map(Object.entries(raw).map(([p, byArea]) => [p, new Map(Object.entries(byArea))] as const))
    },
  }
  return {
    published: Publication.publish(sources, instroom, "public"),
    population: Publication.publish(sources, bevolking, "public"),
  }
}

const areas = {
  municipality: { kind: "municipality", area: code(0), name: "Gemeente nul" },
  region: { kind: "region", area: "test-regio", name: "Testregio" },
  netherlands: { kind: "netherlands", area: "NL01", name: "Nederland" },
} as const

const publishedCell: fc.Arbitrary<Publication.Cell> = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }).map((value) => Publication.Shown.make({ value })),
  fc.constant(Publication.Suppressed.make({ reason: "protected" })),
  fc.constant(Publication.Withheld.make({ reason: "restricted" })),
  fc.constant(Publication.NoData.make({})),
)
const populationCell: fc.Arbitrary<Publication.Cell> = fc.oneof(
  fc.integer({ min: 0, max: 20_000_000 }).map((value) => Publication.Shown.make({ value })),
  fc.constant(Publication.NoData.make({})),
)

describe("Comparison.hasRate", () => {
  it("a count of people or events has a rate per 1,000 inhabitants; population, rates, means and money have none", () => {
    expect(Comparison.hasRate(instroom)).toBe(true)
    expect(Comparison.hasRate(bevolking)).toBe(false)
    expect(Comparison.hasRate(indicator({ id: "wachttijd", unit: "days", aggregation: { _tag: "Mean" } }))).toBe(false)
    expect(
      Comparison.hasRate(
        indicator({
          id: "instroom-per-1000",
          unit: "per-1000-residents",
          aggregation: { _tag: "Ratio", numerator: id("instroom"), denominator: id("bevolking"), scale: 1000 },
        }),
      ),
    ).toBe(false)
    expect(Comparison.hasRate(indicator({ id: "kosten", unit: "euro-cents" }))).toBe(false)
    expect(Comparison.unitLabels[Comparison.unitOf(instroom)]).toBe("per 1.000 inwoners")
    expect(Comparison.unitLabels[Comparison.unitOf(bevolking)]).toBe("inwoners")
  })
})

describe("Comparison.rate", () => {
  it("a rate is null exactly when its count is not shown or the population is not known, and hidden exactly when the count is", () => {
    fc.assert(
      fc.property(publishedCell, populationCell, (count, population) => {
        const cell = Comparison.rate(count, population)
        const known = count._tag === "Shown" && population._tag === "Shown" && population.value > 0
        expect(cell.value === null).toBe(!known)
        expect(cell.suppressed).toBe(count._tag === "Suppressed")
        if (known && count._tag === "Shown" && population._tag === "Shown") {
          expect(cell.value).toBeCloseTo((1000 * count.value) / population.value, 2)
        }
      }),
    )
  })

  it("a rate of a hidden count is hidden, whatever the population", () => {
    const hidden = Publication.Suppressed.make({ reason: "protected" })
    expect(Comparison.rate(hidden, Publication.Shown.make({ value: 41_000 }))).toEqual({
      value: null,
      suppressed: true,
    })
    expect(Comparison.rate(hidden, Publication.NoData.make({}))).toEqual({ value: null, suppressed: true })
  })
})

describe("Comparison.compare", () => {
  it("compares a municipality, its region and the Netherlands per 1,000 inhabitants from the published counts", () => {
    const { published, population } = tables(
      3,
      { "2023": { [code(0)]: 41, [code(1)]: 30, [code(2)]: 52, NL01: 15_000 } },
      { "2023": { [code(0)]: 40_000, [code(1)]: 20_000, [code(2)]: 40_000, NL01: 18_000_000 } },
    )
    const result = Comparison.compare({ indicator: instroom, published, population, ...areas }, [
      Period.Period.make("2023"),
    ])
    expect(result.unitLabel).toBe("per 1.000 inwoners")
    expect(result.rate).toBe(true)
    expect(result.rows.map((r) => [r.kind, r.name])).toEqual([
      ["municipality", "Gemeente nul"],
      ["region", "Testregio"],
      ["netherlands", "Nederland"],
    ])
    // 41 is published as 40 (rounded to 5): the rate is over the published count, 40 per 40,000.
    expect(result.rows[0]?.cells).toEqual([{ value: 1, suppressed: false }])
    // The region: 125 published over 100,000 inhabitants.
    expect(result.rows[1]?.cells).toEqual([{ value: 1.25, suppressed: false }])
    expect(result.rows[2]?.cells).toEqual([{ value: 0.83, suppressed: false }])
  })

  it("a year without a population gives no rate, and a figure without a rate is compared in its own unit", () => {
    const { published, population } = tables(
      2,
      { "2023": { [code(0)]: 40, [code(1)]: 30 }, "2024": { [code(0)]: 45, [code(1)]: 30 } },
      { "2023": { [code(0)]: 40_000, [code(1)]: 20_000 } },
    )
    const result = Comparison.compare({ indicator: instroom, published, population, ...areas }, [
      Period.Period.make("2023"),
      Period.Period.make("2024"),
    ])
    expect(result.rows[0]?.cells).toEqual([
      { value: 1, suppressed: false },
      { value: null, suppressed: false },
    ])
    // The Netherlands has no figures at all: unknown, not hidden.
    expect(result.rows[2]?.cells).toEqual([
      { value: null, suppressed: false },
      { value: null, suppressed: false },
    ])
    const own = Comparison.compare({ indicator: bevolking, published: population, population, ...areas }, [
      Period.Period.make("2023"),
    ])
    expect(own.rate).toBe(false)
    expect(own.unitLabel).toBe("inwoners")
    expect(own.rows[0]?.cells).toEqual([{ value: 40_000, suppressed: false }])
  })

  it("never lets a rate give a hidden count away: every rate of a suppressed count is hidden, every shown rate is the published count's", () => {
    const member = fc.integer({ min: 0, max: 60 })
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(member, { minLength: 18, maxLength: 18 }),
        fc.array(fc.integer({ min: 500, max: 90_000 }), { minLength: 18, maxLength: 18 }),
        fc.integer({ min: 0, max: 40_000 }),
        (n, counts, people, national) => {
          const byYear = (pick: (i: number, y: number) => number, nl: number) =>
            Object.fromEntries(
              years.map((year, y) => [
                year,
                {
                  ...Object.fromEntries(Array.from({ length: n }, (_, i) => [code(i), pick(i, y)])),
                  NL01: nl,
                },
              ]),
            )
          const { published, population } = tables(
            n,
            byYear((i, y) => counts[i * 3 + y] ?? 0, national),
            byYear((i, y) => people[i * 3 + y] ?? 1000, 17_900_000),
          )
          for (let i = 0; i < n; i++) {
            const result = Comparison.compare(
              {
                indicator: instroom,
                published,
                population,
                ...areas,
                municipality: { kind: "municipality", area: code(i), name: `Gemeente ${i}` },
              },
              years,
            )
            for (const row of result.rows) {
              row.cells.forEach((cell, y) => {
                const year = years[y] as Period.Period
                const count = row.kind === "region" ? published.region(year) : published.cell(row.area, year)
                const inhabitants = row.kind === "region" ? population.region(year) : population.cell(row.area, year)
                if (count._tag === "Suppressed") expect(cell).toEqual({ value: null, suppressed: true })
                else if (count._tag === "Shown" && inhabitants._tag === "Shown") {
                  expect(cell.suppressed).toBe(false)
                  expect(cell.value).toBe(Math.round((100_000 * count.value) / inhabitants.value) / 100)
                }
              })
            }
          }
        },
      ),
    )
  })
})
