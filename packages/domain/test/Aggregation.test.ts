import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Aggregation, Area, Ids, Indicator, Membership, Observation, Period } from "../src/index.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const region = Ref.gooiEnVechtstreek
const p = Period.Period.make
const count = new Indicator.Indicator({
  id: Ids.IndicatorId.make("telling"),
  name: "Telling",
  definition: "een telling",
  unit: "count",
  direction: "lower-is-better",
  aggregation: Indicator.Sum.make({}),
  source: new Indicator.DataSource({ adapter: Ids.AdapterId.make("iwmo"), description: "test" }),
  disclosure: "person-counts",
})
const mean = new Indicator.Indicator({
  ...count,
  id: Ids.IndicatorId.make("gemiddelde"),
  aggregation: Indicator.Mean.make({}),
})
const population = new Indicator.Indicator({ ...count, id: Ids.IndicatorId.make("inwoners") })
const rate = new Indicator.Indicator({
  ...count,
  id: Ids.IndicatorId.make("per-1000"),
  aggregation: Indicator.Ratio.make({ numerator: count.id, denominator: population.id, scale: 1000 }),
})
const obs = (indicator: Indicator.Indicator, area: string, period: string, value: number | null) =>
  new Observation.Observation({
    indicator: indicator.id,
    area: Area.AreaCode.make(area),
    period: p(period),
    value,
    source: Ids.AdapterId.make("iwmo"),
  })
const everyMember = (
  indicator: Indicator.Indicator,
  period: string,
  value: (code: string) => number,
  date = Period.start(p(period)),
) => Membership.membersOn(region, date).map((code) => obs(indicator, code, period, value(code)))

describe("Aggregation", () => {
  it("adds Weesp's figures for 2021 but sets them aside for 2022, when it left in March", () => {
    const observations = [...everyMember(count, "2021", () => 10), ...everyMember(count, "2022", () => 10)]
    const [y2021, y2022] = Aggregation.aggregateAll(region, [count], observations)
    expect(y2021?.value).toBe(80)
    expect(y2021?.counted).toContain(Ref.weesp.code)
    expect(y2022?.value).toBe(70)
    expect(y2022?.complete).toBe(true)
    expect(y2022?.excluded).toEqual([
      new Aggregation.Excluded({ area: Area.AreaCode.make("GM0457"), reason: "member-for-part-of-period" }),
    ])
  })

  it("counts Weesp in February 2022, when it was a member every day, but not in 2022-Q1, which it left before the end", () => {
    const feb = Aggregation.aggregate(
      region,
      count,
      p("2022-02"),
      Aggregation.index(everyMember(count, "2022-02", () => 1)),
    )
    expect(feb.counted).toContain(Ref.weesp.code)
    expect(feb.value).toBe(8)
    const q1 = Aggregation.aggregate(
      region,
      count,
      p("2022-Q1"),
      Aggregation.index(everyMember(count, "2022-Q1", () => 1)),
    )
    expect(q1.counted).not.toContain(Ref.weesp.code)
    expect(q1.value).toBe(7)
  })

  it("never adds a non-member or a non-municipal area, and names them", () => {
    const observations = [
      ...everyMember(count, "2023", () => 5),
      obs(count, "GM0363", "2023", 1000),
      obs(count, "NL01", "2023", 99999),
    ]
    const [figure] = Aggregation.aggregateAll(region, [count], observations)
    expect(figure?.value).toBe(35)
    expect(figure?.excluded.map((e) => `${e.area}:${e.reason}`)).toEqual([
      "GM0363:not-a-member",
      "NL01:not-a-municipality",
    ])
  })

  it("withholds the region value when a member is missing and names it, or computes it from the rest on request", () => {
    const observations = everyMember(count, "2023", () => 5).filter((o) => o.area !== "GM0417")
    const idx = Aggregation.index(
      [...observations, obs(count, "GM0376", "2023", null)].filter(
        (o, i, all) => all.findIndex((x) => x.area === o.area) === i,
      ),
    )
    const withheld = Aggregation.aggregate(region, count, p("2023"), idx)
    expect(withheld.value).toBeNull()
    expect(withheld.missing).toEqual([
      new Aggregation.Missing({ municipality: Ref.laren.code, reason: "no-observation" }),
    ])
    expect(Aggregation.aggregate(region, count, p("2023"), idx, { whenIncomplete: "partial" }).value).toBe(30)
  })

  it("reports a member whose value is unknown, not zero", () => {
    const observations = everyMember(count, "2023", () => 5).map((o) =>
      o.area === "GM0376" ? obs(count, o.area, "2023", null) : o,
    )
    const figure = Aggregation.aggregate(region, count, p("2023"), Aggregation.index(observations))
    expect(figure.missing).toEqual([
      new Aggregation.Missing({ municipality: Ref.blaricum.code, reason: "unknown-value" }),
    ])
  })

  it("counts the same value delivered twice once, and refuses two different values for the same place and period", () => {
    const observations = everyMember(count, "2023", () => 5)
    const twice = Aggregation.aggregate(region, count, p("2023"), Aggregation.index([...observations, ...observations]))
    expect(twice.value).toBe(35)
    const conflicting = Aggregation.aggregate(
      region,
      count,
      p("2023"),
      Aggregation.index([...observations, obs(count, "GM0402", "2023", 6)]),
    )
    expect(conflicting.value).toBeNull()
    expect(conflicting.missing).toEqual([
      new Aggregation.Missing({ municipality: Ref.hilversum.code, reason: "conflicting-observations" }),
    ])
  })

  it("takes the mean of member values for a mean indicator", () => {
    const [figure] = Aggregation.aggregateAll(
      region,
      [mean],
      everyMember(mean, "2023", (c) => (c === "GM0402" ? 70 : 10)),
    )
    expect(figure?.value).toBeCloseTo(130 / 7)
  })

  it("computes a ratio from the summed counts, never as a mean of municipal ratios", () => {
    const observations = [
      ...everyMember(count, "2023", (c) => (c === "GM0402" ? 90 : 1)),
      ...everyMember(population, "2023", (c) => (c === "GM0402" ? 90_000 : 1_000)),
    ]
    const figure = Aggregation.aggregateAll(region, [rate], observations)[0]
    expect(figure?.numerator).toBe(96)
    expect(figure?.denominator).toBe(96_000)
    expect(figure?.value).toBeCloseTo(1)
  })

  it("adds exactly the values of members present on every day of the period, whatever is delivered", () => {
    const areas = [
      "GM0376",
      "GM0317",
      "GM1942",
      "GM0402",
      "GM0406",
      "GM0417",
      "GM1696",
      "GM0457",
      "GM0381",
      "GM0363",
      "NL01",
    ]
    const periods = ["2015", "2016", "2021", "2022", "2022-Q1", "2022-Q2", "2022-03", "2023-H1"]
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            area: fc.constantFrom(...areas),
            period: fc.constantFrom(...periods),
            value: fc.integer({ min: 0, max: 1000 }),
          }),
          { maxLength: 60 },
        ),
        (rows) => {
          const observations = rows.map((r) => obs(count, r.area, r.period, r.value))
          for (const figure of Aggregation.aggregateAll(region, [count], observations, { whenIncomplete: "partial" })) {
            const members = Membership.membersThroughout(region, Period.start(figure.period), Period.end(figure.period))
            for (const code of figure.counted) expect(members).toContain(code)
            const firstValue = (area: string) => rows.find((r) => r.area === area && r.period === figure.period)?.value
            const consistent = (area: string) =>
              new Set(rows.filter((r) => r.area === area && r.period === figure.period).map((r) => r.value)).size === 1
            const expected = members.filter(consistent).reduce((s, m) => s + (firstValue(m) ?? 0), 0)
            expect(figure.value ?? 0).toBe(expected)
            expect(figure.complete).toBe(members.every(consistent))
          }
        },
      ),
      { numRuns: 1000 },
    )
  })

  it("aggregates the demo observations and shows Weesp set aside in 2022", () => {
    const figures = Aggregation.aggregateAll(region, Demo.indicators, Demo.observations)
    const bw2022 = figures.find((f) => f.indicator === "bw-instroom" && f.period === "2022")
    expect(bw2022?.complete).toBe(true)
    expect(bw2022?.excluded.map((e) => e.area)).toEqual(["GM0457"])
    expect(figures.find((f) => f.indicator === "bw-instroom-per-1000" && f.period === "2023")?.value).toBeGreaterThan(0)
  })
})
