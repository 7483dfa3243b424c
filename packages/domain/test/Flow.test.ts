import { describe, expect, it } from "vitest"
import { CalendarDate, DeliveryRights, Flow, Ids, Indicator, PersonEvent, Publication } from "../src/index.js"

const person = Ids.Pseudonym.make("a".repeat(64))
const hilversum = Ids.MunicipalityCode.make("GM0402")
const huizen = Ids.MunicipalityCode.make("GM0406")
const d = (s: string) => CalendarDate.CalendarDate.make(s)
const add = (s: string, days: number) => CalendarDate.addDays(d(s), days)

interface Options {
  readonly municipality?: Ids.MunicipalityCode
  readonly category?: string
  readonly reason?: string | undefined
  readonly allocation?: string
  readonly correction?: PersonEvent.Correction
}

const event = (kind: PersonEvent.EventKind, date: string, o: Options = {}) =>
  new PersonEvent.PersonEvent({
    person,
    kind,
    date: d(date),
    municipality: o.municipality ?? hilversum,
    source: Ids.AdapterId.make(kind.startsWith("detention") ? "detentie" : "iwmo"),
    ...(o.category === undefined ? {} : { category: o.category }),
    ...(o.reason === undefined ? {} : { reason: o.reason }),
    ...(o.allocation === undefined ? {} : { allocation: o.allocation }),
    ...(o.correction === undefined ? {} : { correction: o.correction }),
  })

/** A stay as a start and (when `end` is given) a stop of one allocation. */
const stay = (allocation: string, category: string, start: string, end?: string, reason?: string, m = hilversum) => [
  event("support-started", start, { allocation, category, municipality: m }),
  ...(end === undefined ? [] : [event("support-stopped", end, { allocation, category, reason, municipality: m })]),
]

const hitsOf = (events: ReadonlyArray<PersonEvent.PersonEvent>, indicator: Ids.IndicatorId) =>
  Flow.personFlows(events)
    .hits.filter((h) => h.indicator === indicator)
    .map((h) => `${h.municipality} ${h.date}`)

describe("a B&O stay", () => {
  it("runs from the start to the stop of the same allocation, also when two stays overlap", () => {
    const events = [
      event("support-started", "2024-01-01", { allocation: "T1A1", category: "16" }),
      event("support-started", "2024-02-01", { allocation: "T2A1", category: "15", municipality: huizen }),
      event("support-stopped", "2024-03-01", { allocation: "T2A1", category: "15", municipality: huizen }),
      event("support-stopped", "2024-04-01", { allocation: "T1A1", category: "16" }),
    ]
    expect(Flow.stays(events).map((s) => `${s.allocation} ${s.start}..${s.end}`)).toEqual([
      "T1A1 2024-01-01..2024-04-01",
      "T2A1 2024-02-01..2024-03-01",
    ])
  })

  it("pairs by municipality and allocation, so the same number in another municipality is another stay", () => {
    const events = [
      ...stay("T1A1", "16", "2024-01-01"),
      ...stay("T1A1", "16", "2024-01-05", "2024-02-01", "19", huizen),
    ]
    expect(Flow.stays(events).map((s) => `${s.municipality} ${s.end ?? "loopt"}`)).toEqual([
      "GM0402 loopt",
      "GM0406 2024-02-01",
    ])
  })

  it("counts only categories 15 to 18, the first start, and a stop on or after the start", () => {
    const events = [
      ...stay("T1A1", "14", "2024-01-01", "2024-02-01"),
      event("support-started", "2024-03-01", { allocation: "T2A1", category: "16" }),
      event("support-started", "2024-03-05", { allocation: "T2A1", category: "16" }),
      event("support-stopped", "2024-02-01", { allocation: "T2A1", category: "16" }),
    ]
    expect(Flow.stays(events)).toEqual([
      { municipality: hilversum, allocation: "T2A1", category: "16", start: d("2024-03-01") },
    ])
  })
})

describe("corrections", () => {
  it("a replacing event takes the place of the earlier one of its allocation and kind", () => {
    const events = [
      ...stay("T1A1", "16", "2024-01-01", "2024-02-01", "19"),
      event("support-stopped", "2024-03-01", {
        allocation: "T1A1",
        category: "16",
        reason: "21",
        correction: "replaces",
      }),
    ]
    expect(Flow.stays(events).map((s) => `${s.end} ${s.reason}`)).toEqual(["2024-03-01 21"])
  })

  it("a start corrected after its stop arrived keeps that stop", () => {
    const events = [
      ...stay("T1A1", "16", "2024-01-05", "2024-02-01", "19"),
      event("support-started", "2024-01-01", { allocation: "T1A1", category: "16", correction: "replaces" }),
    ]
    expect(Flow.stays(events).map((s) => `${s.start}..${s.end}`)).toEqual(["2024-01-01..2024-02-01"])
  })

  it("a deleting event takes the earlier one away and counts as nothing itself, so the stay runs on", () => {
    const events = [
      ...stay("T1A1", "16", "2024-01-01", "2024-02-01", "19"),
      event("support-stopped", "2024-02-01", { allocation: "T1A1", category: "16", correction: "deletes" }),
    ]
    expect(Flow.stays(events).map((s) => s.end)).toEqual([undefined])
    expect(hitsOf(events, Flow.ids.departures)).toEqual([])
  })

  it("a correction without an earlier event stands for itself, and a deletion then for nothing", () => {
    const replaced = [
      event("support-started", "2024-01-01", { allocation: "T1A1", category: "16", correction: "replaces" }),
    ]
    expect(Flow.stays(replaced)).toHaveLength(1)
    const deleted = [
      event("support-started", "2024-01-01", { allocation: "T1A1", category: "16", correction: "deletes" }),
    ]
    expect(Flow.effective(deleted)).toEqual([])
  })
})

describe("leaving B&O", () => {
  it("is the end of a stay with no other stay covering any of the 30 days after it", () => {
    const e = "2024-03-31"
    expect(hitsOf([...stay("T1A1", "16", "2024-01-10", e, "19")], Flow.ids.departures)).toEqual([`GM0402 ${e}`])
    // A new stay starting on day 30 is a transfer; on day 31 the first end was a departure.
    const transfer = [...stay("T1A1", "16", "2024-01-10", e, "19"), ...stay("T2A1", "15", add(e, 30))]
    expect(hitsOf(transfer, Flow.ids.departures)).toEqual([])
    const gone = [...stay("T1A1", "16", "2024-01-10", e, "19"), ...stay("T2A1", "15", add(e, 31))]
    expect(hitsOf(gone, Flow.ids.departures)).toEqual([`GM0402 ${e}`])
  })

  it("is not the end of a stay while an overlapping stay runs on, but the end of the last one", () => {
    const events = [
      ...stay("T1A1", "16", "2024-01-01", "2024-02-01", "21"),
      ...stay("T2A1", "15", "2024-01-15", "2024-06-30", "19"),
    ]
    expect(hitsOf(events, Flow.ids.departures)).toEqual(["GM0402 2024-06-30"])
    expect(hitsOf(events, Flow.ids.departuresAccordingToPlan)).toEqual(["GM0402 2024-06-30"])
  })

  it("is according to plan only with reden beëindiging 19", () => {
    const events = [...stay("T1A1", "18", "2024-01-01", "2024-02-01", "23")]
    expect(hitsOf(events, Flow.ids.departures)).toHaveLength(1)
    expect(hitsOf(events, Flow.ids.departuresAccordingToPlan)).toEqual([])
  })
})

describe("from opvang to beschermd wonen", () => {
  it("counts a category-15 start from the day the opvang ends up to 90 days later, in the opvang's municipality", () => {
    const end = "2024-05-01"
    const sameDay = [...stay("T1A1", "17", "2024-01-01", end, "19", huizen), ...stay("T2A1", "15", end)]
    expect(hitsOf(sameDay, Flow.ids.throughflow)).toEqual([`GM0406 ${end}`])
    const last = [...stay("T1A1", "16", "2024-01-01", end, "19"), ...stay("T2A1", "15", add(end, 90))]
    expect(hitsOf(last, Flow.ids.throughflow)).toHaveLength(1)
    const late = [...stay("T1A1", "16", "2024-01-01", end, "19"), ...stay("T2A1", "15", add(end, 91))]
    expect(hitsOf(late, Flow.ids.throughflow)).toEqual([])
    const notOpvang = [...stay("T1A1", "18", "2024-01-01", end, "19"), ...stay("T2A1", "15", end)]
    expect(hitsOf(notOpvang, Flow.ids.throughflow)).toEqual([])
  })
})

describe("returning within 12 months", () => {
  it("counts a departure according to plan followed by any new stay within 365 days after it", () => {
    const e = "2024-02-29"
    const back = [...stay("T1A1", "15", "2023-01-01", e, "19"), ...stay("T2A1", "16", add(e, 365))]
    expect(hitsOf(back, Flow.ids.returns)).toEqual([`GM0402 ${e}`])
    const later = [...stay("T1A1", "15", "2023-01-01", e, "19"), ...stay("T2A1", "16", add(e, 366))]
    expect(hitsOf(later, Flow.ids.returns)).toEqual([])
    const notByPlan = [...stay("T1A1", "15", "2023-01-01", e, "21"), ...stay("T2A1", "16", add(e, 100))]
    expect(hitsOf(notByPlan, Flow.ids.returns)).toEqual([])
  })
})

describe("out of view", () => {
  it("counts a unilateral departure (21 or 22) after which no partner records anything for 90 days", () => {
    const e = "2024-06-30"
    const unseen = [...stay("T1A1", "16", "2024-01-01", e, "22"), event("contact-attempted", add(e, 91))]
    expect(hitsOf(unseen, Flow.ids.outOfView)).toEqual([`GM0402 ${e}`])
    const seen = [...stay("T1A1", "16", "2024-01-01", e, "21"), event("contact-attempted", add(e, 90))]
    expect(hitsOf(seen, Flow.ids.outOfView)).toEqual([])
    const sameDay = [...stay("T1A1", "16", "2024-01-01", e, "21"), event("debt-signal-received", e)]
    expect(hitsOf(sameDay, Flow.ids.outOfView)).toHaveLength(1)
    const byPlan = [...stay("T1A1", "16", "2024-01-01", e, "19")]
    expect(hitsOf(byPlan, Flow.ids.outOfView)).toEqual([])
  })
})

describe("aftercare after detention", () => {
  it("counts a support start, contact attempt or accepted help from the day detention ends up to 30 days later", () => {
    const x = "2024-12-31"
    const ended = event("detention-ended", x, { municipality: huizen })
    expect(hitsOf([ended, event("contact-attempted", x)], Flow.ids.aftercare)).toEqual([`GM0406 ${x}`])
    expect(hitsOf([ended, event("help-accepted", add(x, 30))], Flow.ids.aftercare)).toHaveLength(1)
    expect(hitsOf([ended, event("support-started", add(x, 31))], Flow.ids.aftercare)).toEqual([])
    expect(hitsOf([ended, event("debt-signal-received", add(x, 3))], Flow.ids.aftercare)).toEqual([])
    expect(hitsOf([ended, event("contact-attempted", add(x, -1))], Flow.ids.aftercare)).toEqual([])
  })
})

describe("the measures over many persons", () => {
  it("count distinct persons per period, so two departures in one year count once in the year", () => {
    const twice = [
      ...stay("T1A1", "16", "2024-01-01", "2024-02-01", "19"),
      ...stay("T2A1", "16", "2024-06-01", "2024-08-01", "19"),
    ]
    const result = Flow.figures([twice])
    const departures = result.counts.get(Flow.ids.departures)
    expect(departures?.get("2024" as never)?.get(hilversum)).toBe(1)
    expect(departures?.get("2024-Q1" as never)?.get(hilversum)).toBe(1)
    expect(departures?.get("2024-Q3" as never)?.get(hilversum)).toBe(1)
    expect(departures?.get("2024-02" as never)?.get(hilversum)).toBe(1)
  })

  it("take the median stay length, the mean of the two middle ones for an even number, counting both end days", () => {
    // 10 Jan to 31 Mar 2024 is 82 days (a leap February); 1 to 10 Jan is 10 days.
    const a = [...stay("T1A1", "16", "2024-01-10", "2024-03-31", "19")]
    const b = [...stay("T1A1", "16", "2024-01-01", "2024-01-10", "19")]
    const result = Flow.figures([a, b])
    expect(result.medians.get("2024" as never)?.get(hilversum)).toEqual({ value: 46, base: 2 })
    expect(Flow.median([10, 21])).toBe(15.5)
    expect(Flow.median([3, 1, 2])).toBe(2)
    expect(Flow.median([])).toBeUndefined()
  })

  it("are defined as indicators with exactly the issue's ids, all derived from person events", () => {
    expect(Flow.indicators.map((i) => i.id).sort()).toEqual(
      [
        "bo-doorstroom-opvang-bw",
        "bo-terugkeer-12m",
        "bo-uit-beeld",
        "bo-uitstroom",
        "bo-uitstroom-volgens-plan",
        "bo-verblijfsduur-mediaan",
        "nazorg-detentie-30d",
      ].sort(),
    )
    expect(Flow.indicators.every((i) => i.source.derived === "person-events")).toBe(true)
  })
})

describe("a median measure as published", () => {
  const region = { memberships: [hilversum, huizen].map((municipality) => ({ municipality }) as never) }
  const indicator = Flow.indicators.find((i) => i.id === Flow.ids.stayLength) as Indicator.Indicator
  const sources = (base: number): Publication.Sources => ({
    region,
    municipalities: [hilversum, huizen],
    indicators: new Map([[indicator.id, indicator]]),
    values: () => new Map(),
    medians: () => ({
      cells: new Map([
        [
          "2024",
          new Map([
            [hilversum, { value: 45.5, base }],
            [huizen, { value: 30, base: 9 }],
          ]),
        ],
      ]),
      region: new Map([["2024", { value: 40, base: base + 9 }]]),
    }),
  })

  it("is shown unrounded on at least 10 stays and hidden as a small base on fewer", () => {
    const table = Publication.publish(sources(10), indicator, "public")
    expect(table.cell(hilversum, "2024")).toEqual({ _tag: "Shown", value: 45.5 })
    expect(table.cell(huizen, "2024")).toEqual({ _tag: "Suppressed", reason: "small-base" })
    expect(table.cell(hilversum, "2023")).toEqual({ _tag: "NoData" })
  })

  it("takes the region's median from the region's own stays, never from the municipal medians", () => {
    const table = Publication.publish(sources(10), indicator, "public")
    expect(table.region("2024")).toEqual({ _tag: "Shown", value: 40 })
  })
})

describe("a measure that looks ahead", () => {
  const returns = Flow.indicators.find((i) => i.id === Flow.ids.returns) as Indicator.Indicator

  it("is provisional until its window after the period's end has passed", () => {
    expect(Indicator.isProvisional(returns, "2024-12-31", "2025-12-31")).toBe(true)
    expect(Indicator.isProvisional(returns, "2024-12-31", "2026-01-01")).toBe(false)
    const median = Flow.indicators.find((i) => i.id === Flow.ids.stayLength) as Indicator.Indicator
    expect(Indicator.isProvisional(median, "2024-12-31", "2025-01-01")).toBe(false)
  })

  it("is computed by Baken, so no partner may deliver it, whatever its adapter", () => {
    const catalogue = new Map(Flow.indicators.map((i) => [i.id as string, i]))
    const rights = DeliveryRights.DeliveryRights.make({
      partner: Ids.PartnerId.make("zorgaanbieder"),
      adapters: [Ids.AdapterId.make("iwmo"), Ids.AdapterId.make("observations-csv")],
      indicators: [],
    })
    for (const adapter of ["iwmo", "observations-csv"]) {
      expect(DeliveryRights.indicatorFor(rights, Ids.AdapterId.make(adapter), returns.id, catalogue)).toEqual({
        _tag: "Computed",
      })
    }
  })
})
