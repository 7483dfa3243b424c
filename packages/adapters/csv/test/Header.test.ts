import { describe, expect, it } from "vitest"
import { Column, Format, Header, type Records } from "../src/index.js"

const columns = {
  gemeente: Column.municipality({ name: "gemeente", also: ["municipality"], nl: "de gemeente", en: "municipality" }),
  periode: Column.period({ name: "periode", nl: "de periode", en: "period" }, ["year"]),
  toelichting: Column.note({ name: "toelichting", nl: "toelichting", en: "note" }),
}
const format = Format.define({
  id: "kop-test-1",
  version: 1,
  title: "test",
  level: "aggregated",
  columns,
  placeColumns: { municipality: "gemeente", period: "periode" },
  records: () => [] as ReadonlyArray<ReturnType<typeof Records.observation>>,
})

describe("the header check", () => {
  it("finds a column under another of its names, and a column that may be absent where it is, or nowhere", () => {
    expect(Header.check(["Municipality", "periode"], format)).toEqual({ positions: [0, 1, -1], width: 2 })
    expect(Header.check(["toelichting", "periode", "gemeente"], format)).toEqual({ positions: [2, 1, 0], width: 3 })
  })

  it("refuses a column named twice, once by each of its names", () => {
    const problems = Header.check(["gemeente", "periode", "municipality"], format)
    expect(Header.isMatch(problems) ? [] : problems.map((p) => [p.rule, p.column])).toEqual([["header-duplicate", 3]])
  })

  it("still names a missing required column and an unknown one", () => {
    const problems = Header.check(["plaats", "periode"], format)
    expect(Header.isMatch(problems) ? [] : problems.map((p) => p.rule)).toEqual(["header-missing", "header-unknown"])
  })

  it("reads past unknown, repeated and non-UTF-8 names when the format ignores other columns, and still names a missing one", () => {
    const ignoring = { ...format, otherColumns: "ignore" as const }
    expect(Header.check(["naam", "gemeente", "naam", "opm\uFFFDrking", "periode"], ignoring)).toEqual({
      positions: [1, 4, -1],
      width: 5,
    })
    const problems = Header.check(["naam", "periode"], ignoring)
    expect(Header.isMatch(problems) ? [] : problems.map((p) => [p.rule, p.field])).toEqual([
      ["header-missing", "gemeente"],
    ])
  })

  it("masks a BSN in an unknown column's name in every spelling before repeating it (finding F5b)", () => {
    const names = [
      "9999 000 43",
      "bsn_999_900_006",
      "\uff19\uff19\uff19\uff19\uff10\uff10\uff10\uff10\uff16",
      "999\u200b900\u200b006",
    ]
    for (const name of names) {
      const problems = Header.check(["gemeente", "periode", name], format)
      const said = Header.isMatch(problems) ? "" : problems.map((p) => `${p.nl} ${p.en}`).join(" ")
      expect(said, name).toContain("*********")
      expect(said, name).not.toMatch(/[0-9\uff10-\uff19]{3}/)
    }
  })

  it("documents the other names and that a column may be left out", () => {
    const table = Format.documentColumns(format)
    expect(table).toContain("| `gemeente` (of `municipality`) |")
    expect(table).toContain("| nee (kolom mag ontbreken) |")
  })

  it("refuses to define a format whose column may be absent but is required", () => {
    expect(() =>
      Format.define({
        ...format,
        id: "kop-test-2",
        columns: { ...columns, periode: { ...columns.periode, mayBeAbsent: true } },
      }),
    ).toThrow(/may be absent, so it must be optional/)
  })
})
