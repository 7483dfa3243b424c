import fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Csv from "../src/Csv.js"
import type { Series } from "../src/DashboardSource.js"

const cell = fc.oneof(
  fc.record({ value: fc.double({ noNaN: true, noDefaultInfinity: true }), suppressed: fc.constant(false) }),
  fc.constant({ value: null, suppressed: true }),
  fc.constant({ value: null, suppressed: false }),
)

const series = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.record({
    id: fc.string(),
    title: fc.string(),
    unit: fc.string(),
    definition: fc.string(),
    periods: fc.array(fc.string(), { minLength: n, maxLength: n }),
    rows: fc.array(
      fc.record({
        key: fc.string(),
        label: fc.string(),
        kind: fc.constantFrom("municipality" as const, "region" as const, "target" as const, "benchmark" as const),
        cells: fc.array(cell, { minLength: n, maxLength: n }),
      }),
      { maxLength: 6 },
    ),
    detail: fc.constant(null),
  }),
)

describe("Csv", () => {
  it("every value of a series comes back from its CSV, whatever commas, quotes or line breaks its labels hold, text that looks like a formula with a leading quote", () => {
    fc.assert(
      fc.property(series, (s: Series) => {
        const [header, ...records] = Csv.parse(Csv.ofSeries(s))
        expect(header).toEqual([...Csv.header])
        const expected = s.rows.flatMap((r) =>
          s.periods.map((p, i) => {
            const c = r.cells[i] ?? { value: null, suppressed: false }
            const texts = [s.id, r.label, r.kind, p].map(Csv.text)
            return [...texts, c.value === null ? "" : String(c.value), Csv.status(c)]
          }),
        )
        expect(records).toEqual(expected)
      }),
    )
  })

  it("never starts a text cell with a formula character, while negative values stay numbers", () => {
    const formula = fc.tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r"), fc.string()).map(([a, b]) => a + b)
    fc.assert(
      fc.property(
        formula,
        formula,
        fc.double({ noNaN: true, noDefaultInfinity: true, max: -1 }),
        (id, label, value) => {
          const s: Series = {
            id,
            title: "t",
            unit: "",
            definition: "",
            periods: ["2024"],
            rows: [{ key: "k", label, kind: "municipality", cells: [{ value, suppressed: false }] }],
            detail: null,
          }
          const [, record] = Csv.parse(Csv.ofSeries(s))
          expect(record?.[0]).toBe(`'${id}`)
          expect(record?.[1]).toBe(`'${label}`)
          expect(record?.[4]).toBe(String(value))
        },
      ),
    )
  })

  it("writes =HYPERLINK in a label as text, not as a formula", () => {
    const s: Series = {
      id: "kerncijfers",
      title: "t",
      unit: "",
      definition: "",
      periods: ["2024"],
      rows: [{ key: "k", label: '=HYPERLINK("https://example.org","klik")', kind: "region", cells: [] }],
      detail: null,
    }
    expect(Csv.ofSeries(s)).toContain(`"'=HYPERLINK(""https://example.org"",""klik"")"`)
  })
})
