import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { CalendarDate, DeliverySchedule, Ids, Period } from "../src/index.js"
import { calendarDate, periodKind } from "./arbitraries.js"

const d = CalendarDate.CalendarDate.make
const p = Period.Period.make
const vt = Ids.AdapterId.make("veilig-thuis")
const iwmo = Ids.AdapterId.make("iwmo")
const plan = { firstYear: 2022, lastYear: 2025 }
const monthsOf: Record<Period.Kind, number> = { year: 12, half: 6, quarter: 3, month: 1 }

const formatKind = fc.oneof(periodKind, fc.constant("any" as const))
const years = fc
  .tuple(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 0, max: 6 }))
  .map(([firstYear, span]) => ({ firstYear, lastYear: firstYear + span }))

describe("DeliverySchedule", () => {
  it("asks Veilig Thuis, whose format is half-yearly, for half years even when the schedule says every quarter", () => {
    const owed = DeliverySchedule.expected({
      plan,
      every: "quarter",
      format: "half",
      dueAfterDays: 30,
      on: d("2023-03-01"),
    })
    expect(owed.map((o) => o.period)).toEqual([p("2022-H1"), p("2022-H2")])
    expect(owed.map((o) => o.due)).toEqual([d("2022-07-30"), d("2023-01-30")])
  })

  it("never asks for a period after the plan's last year: a plan 2022–2025 owes no 2026 quarter in December 2026", () => {
    const owed = DeliverySchedule.expected({
      plan,
      every: "quarter",
      format: "month",
      dueAfterDays: 30,
      on: d("2026-12-06"),
    })
    expect(owed).toHaveLength(16)
    expect(owed.at(-1)?.period).toBe(p("2025-Q4"))
  })

  it("owes a period once it has ended, but calls it overdue only after its due date", () => {
    const schedules = [{ adapter: iwmo, every: "quarter" as const, dueAfterDays: 30, format: "month" as const }]
    const rows = DeliverySchedule.rows({ plan, schedules, deliveries: [], on: d("2022-04-15") })
    expect(rows).toEqual([
      { adapter: iwmo, period: p("2022-Q1"), due: d("2022-04-30"), delivered: false, overdue: false },
    ])
    expect(DeliverySchedule.overdue({ plan, schedules, deliveries: [], on: d("2022-05-01") })).toHaveLength(1)
  })

  it("counts a period as delivered only when one delivery through the same adapter covers it whole", () => {
    const schedules = [{ adapter: vt, every: "quarter" as const, dueAfterDays: 30, format: "half" as const }]
    const on = d("2023-03-01")
    const deliveries = [
      { adapter: vt, periodFrom: p("2022-H1"), periodTo: p("2022-H1") },
      // Half of the second half year is not the second half year.
      { adapter: vt, periodFrom: p("2022-07"), periodTo: p("2022-09") },
      { adapter: iwmo, periodFrom: p("2022-01"), periodTo: p("2022-12") },
    ]
    const overdue = DeliverySchedule.overdue({ plan, schedules, deliveries, on })
    expect(overdue.map((r) => r.period)).toEqual([p("2022-H2")])
    const monthly = [{ adapter: vt, periodFrom: p("2022-07"), periodTo: p("2022-12") }]
    expect(DeliverySchedule.overdue({ plan, schedules, deliveries: [...deliveries, ...monthly], on })).toEqual([])
  })

  it("never expects a period outside the plan's years, nor one finer than the format's period kind", () => {
    fc.assert(
      fc.property(
        years,
        periodKind,
        formatKind,
        fc.integer({ min: 0, max: 366 }),
        calendarDate,
        (y, every, format, days, on) => {
          const owed = DeliverySchedule.expected({ plan: y, every, format, dueAfterDays: days, on })
          for (const { period, due } of owed) {
            const { year, kind } = Period.parts(period)
            expect(year).toBeGreaterThanOrEqual(y.firstYear)
            expect(year).toBeLessThanOrEqual(y.lastYear)
            expect(monthsOf[kind]).toBeGreaterThanOrEqual(monthsOf[every])
            if (format !== "any") expect(monthsOf[kind]).toBeGreaterThanOrEqual(monthsOf[format])
            expect(Period.end(period) < on).toBe(true)
            expect(due).toBe(CalendarDate.addDays(Period.end(period), days))
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it("expects every ended period of the plan exactly once, in order", () => {
    fc.assert(
      fc.property(years, periodKind, formatKind, calendarDate, (y, every, format, on) => {
        const owed = DeliverySchedule.expected({ plan: y, every, format, dueAfterDays: 0, on }).map((o) => o.period)
        const kind = DeliverySchedule.expectedKind(every, format)
        const all = Array.from({ length: y.lastYear - y.firstYear + 1 }, (_, i) =>
          Period.split(p(String(y.firstYear + i)), kind),
        ).flat()
        expect(owed).toEqual(all.filter((period) => Period.end(period) < on))
      }),
      { numRuns: 300 },
    )
  })

  it("calls nothing overdue that a delivery covering the whole plan delivered", () => {
    fc.assert(
      fc.property(years, periodKind, formatKind, calendarDate, (y, every, format, on) => {
        const schedules = [{ adapter: iwmo, every, format, dueAfterDays: 10 }]
        const deliveries = [{ adapter: iwmo, periodFrom: p(String(y.firstYear)), periodTo: p(String(y.lastYear)) }]
        expect(DeliverySchedule.overdue({ plan: y, schedules, deliveries, on })).toEqual([])
      }),
      { numRuns: 200 },
    )
  })
})
