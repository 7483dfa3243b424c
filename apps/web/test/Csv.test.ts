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
        key: fc.oneof(fc.string(), fc.constantFrom("GM0402", "GM0406", "regio", "doel", "nederland")),
        label: fc.string(),
        kind: fc.constantFrom("municipality" as const, "region" as const, "target" as const, "benchmark" as const),
        cells: fc.array(cell, { minLength: n, maxLength: n }),
      }),
      { maxLength: 6 },
    ),
    detail: fc.constant(null),
  }),
)

const huisuitzettingen: Series = {
  id: "huisuitzettingen",
  title: "Huisuitzettingen",
  unit: "aantal",
  definition: "",
  periods: ["2023", "2024"],
  detail: null,
  rows: [
    {
      key: "GM0402",
      label: "Hilversum",
      kind: "municipality",
      cells: [
        { value: 12, suppressed: false },
        { value: null, suppressed: true },
      ],
    },
    {
      key: "regio",
      label: "Gooi en Vechtstreek",
      kind: "region",
      cells: [
        { value: 30, suppressed: false },
        { value: null, suppressed: false },
      ],
    },
  ],
}

describe("Csv", () => {
  it("writes a UTF-8 byte-order mark, `;` between cells and the Dutch header of the observations CSV", () => {
    const text = Csv.ofSeries(huisuitzettingen)
    expect(text.startsWith("\uFEFFindicator;gemeente;naam;periode;waarde;toelichting\r\n")).toBe(true)
    expect(Csv.header).toEqual(["indicator", "gemeente", "naam", "periode", "waarde", "toelichting"])
    expect(text.split("\r\n").slice(1, 5)).toEqual([
      "huisuitzettingen;GM0402;Hilversum;2023;12;getoond",
      "huisuitzettingen;GM0402;Hilversum;2024;;verborgen",
      "huisuitzettingen;;Gooi en Vechtstreek;2023;30;getoond, regiototaal: berekend uit de gemeenten, wordt bij leveren niet opgeslagen",
      "huisuitzettingen;;Gooi en Vechtstreek;2024;;geen gegevens, regiototaal: berekend uit de gemeenten, wordt bij leveren niet opgeslagen",
    ])
  })

  it("every value of a series comes back from its CSV, whatever `;`, quotes or line breaks its labels hold, text that looks like a formula with a leading quote", () => {
    fc.assert(
      fc.property(series, (s: Series) => {
        const [header, ...records] = Csv.parse(Csv.ofSeries(s))
        expect(header).toEqual([...Csv.header])
        const expected = s.rows.flatMap((r) =>
          s.periods.map((p, i) => {
            const c = r.cells[i] ?? { value: null, suppressed: false }
            return [Csv.text(p), c.value === null ? "" : String(c.value).replace(".", ","), Csv.text(r.label)]
          }),
        )
        expect(records.map((r) => [r[3], r[4], r[2]])).toEqual(expected)
        for (const r of records) expect(r).toHaveLength(Csv.header.length)
      }),
    )
  })

  it("writes the years, then the quarters of the series' detail, so the file holds every number of both tables", () => {
    const s: Series = {
      ...huisuitzettingen,
      periods: ["2024"],
      rows: [{ key: "GM0402", label: "Hilversum", kind: "municipality", cells: [{ value: 40, suppressed: false }] }],
      detail: {
        periods: ["2024-Q1", "2024-Q2"],
        rows: [
          {
            key: "GM0402",
            label: "Hilversum",
            kind: "municipality",
            cells: [
              { value: 15, suppressed: false },
              { value: null, suppressed: true },
            ],
          },
        ],
      },
    }
    expect(Csv.parse(Csv.ofSeries(s)).slice(1)).toEqual([
      ["huisuitzettingen", "GM0402", "Hilversum", "2024", "40", "getoond"],
      ["huisuitzettingen", "GM0402", "Hilversum", "2024-Q1", "15", "getoond"],
      ["huisuitzettingen", "GM0402", "Hilversum", "2024-Q2", "", "verborgen"],
    ])
  })

  it("never writes a hidden value, even when the cell holds one", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const s: Series = {
          ...huisuitzettingen,
          rows: [{ key: "GM0402", label: "Hilversum", kind: "municipality", cells: [{ value, suppressed: true }] }],
          periods: ["2024"],
        }
        expect(Csv.parse(Csv.ofSeries(s))[1]).toEqual([
          "huisuitzettingen",
          "GM0402",
          "Hilversum",
          "2024",
          "",
          "verborgen",
        ])
      }),
    )
  })

  it("names the municipality in each row: the row's code in an indicator's series, the series' in a municipality's figures", () => {
    const figures: Series = {
      id: "cijfers-GM0406",
      title: "Cijfers Huizen",
      unit: "aantal",
      definition: "",
      periods: ["2024"],
      detail: null,
      rows: [{ key: "bw-instroom", label: "Instroom", kind: "municipality", cells: [{ value: 4, suppressed: false }] }],
    }
    expect(Csv.parse(Csv.ofSeries(figures))[1]).toEqual(["bw-instroom", "GM0406", "Instroom", "2024", "4", "getoond"])
    const keyFigures: Series = {
      ...figures,
      id: "kerncijfers",
      rows: figures.rows.map((r) => ({ ...r, kind: "region" })),
    }
    expect(Csv.parse(Csv.ofSeries(keyFigures))[1]?.slice(0, 5)).toEqual(["bw-instroom", "", "Instroom", "2024", "4"])
  })

  it("quotes a cell with `;`, a quote or a line break, and leaves a comma alone", () => {
    expect(Csv.field("a;b")).toBe('"a;b"')
    expect(Csv.field('zeg "ja"')).toBe('"zeg ""ja"""')
    expect(Csv.field("regel\r\nregel")).toBe('"regel\r\nregel"')
    expect(Csv.field("1,5")).toBe("1,5")
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
            detail: null,
            rows: [{ key: "GM0402", label, kind: "municipality", cells: [{ value, suppressed: false }] }],
          }
          const [, record] = Csv.parse(Csv.ofSeries(s))
          expect(record?.[0]).toBe(`'${id}`)
          expect(record?.[2]).toBe(`'${label}`)
          expect(record?.[4]).toBe(String(value).replace(".", ","))
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
      detail: null,
      rows: [{ key: "k", label: '=HYPERLINK("https://example.org";"klik")', kind: "region", cells: [] }],
    }
    expect(Csv.ofSeries(s)).toContain(`"'=HYPERLINK(""https://example.org"";""klik"")"`)
  })
})
