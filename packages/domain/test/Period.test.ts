import { describe, expect, it } from "@effect/vitest"
import { Option, Schema } from "effect"
import * as fc from "fast-check"
import { Period } from "../src/index.js"
import * as arbitrary from "./arbitraries.js"

const p = Period.Period.make
const arbitraryPeriod = arbitrary.period

describe("Period", () => {
  it("converts each kind of period to its CBS code", () => {
    expect(Period.toCbs(p("2024"))).toBe("2024JJ00")
    expect(Period.toCbs(p("2024-H2"))).toBe("2024HJ02")
    expect(Period.toCbs(p("2024-Q1"))).toBe("2024KW01")
    expect(Period.toCbs(p("2024-03"))).toBe("2024MM03")
  })

  it("reads CBS codes padded with spaces as OData v3 sends them", () => {
    expect(Period.fromCbs("2023JJ00  ")).toEqual(Option.some(p("2023")))
  })

  it("does not read CBS codes it does not model", () => {
    expect(Period.fromCbs("2023X000")).toEqual(Option.none())
    expect(Period.fromCbs("2023KW05")).toEqual(Option.none())
  })

  it("round-trips every period through its CBS code", () => {
    fc.assert(
      fc.property(arbitraryPeriod, (period) => {
        expect(Period.fromCbs(Period.toCbs(period))).toEqual(Option.some(period))
      }),
      { numRuns: 1000 },
    )
  })

  it("knows the first and last day of a period, leap years included", () => {
    expect(Period.start(p("2024-H2"))).toBe("2024-07-01")
    expect(Period.end(p("2024-02"))).toBe("2024-02-29")
    expect(Period.end(p("2023-Q1"))).toBe("2023-03-31")
    expect(Period.end(p("2023"))).toBe("2023-12-31")
  })

  it("says a year contains its quarters but a quarter does not contain its year", () => {
    expect(Period.contains(p("2024"), p("2024-Q3"))).toBe(true)
    expect(Period.contains(p("2024-Q3"), p("2024"))).toBe(false)
    expect(Period.contains(p("2024-H1"), p("2024-07"))).toBe(false)
  })

  it("splits a period into the smaller periods that make it up, each contained in it", () => {
    fc.assert(
      fc.property(arbitraryPeriod, fc.constantFrom(...Period.Kind.literals), (period, kind) => {
        for (const part of Period.split(period, kind)) expect(Period.contains(period, part)).toBe(true)
      }),
      { numRuns: 1000 },
    )
    expect(Period.split(p("2024-H2"), "quarter")).toEqual([p("2024-Q3"), p("2024-Q4")])
  })

  it("orders by first day, the longer period first", () => {
    const sorted = [p("2024-01"), p("2024-Q1"), p("2023"), p("2024"), p("2024-H1")].sort(Period.order)
    expect(sorted).toEqual([p("2023"), p("2024"), p("2024-H1"), p("2024-Q1"), p("2024-01")])
  })

  it("rejects a month 13 with a message that says what is expected", () => {
    expect(() => Schema.decodeUnknownSync(Period.Period)("2024-13")).toThrow(/expected a period like 2024/)
  })
})
