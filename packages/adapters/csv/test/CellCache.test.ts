import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as CellCache from "../src/CellCache.js"
import { Column } from "../src/index.js"

describe("the cache of parsed cells", () => {
  it("answers every cell as a fresh parse would, whatever collides and whatever is replaced", () => {
    const column = Column.period({ name: "maand", nl: "maand", en: "month" }, ["month", "quarter"])
    const cell = fc.oneof(
      fc.constantFrom("2024-01", "2024-Q1", "2023-12", "2024-13", "2024", "2024-H1"),
      fc.string({ maxLength: 8 }),
      fc.stringMatching(/^20\d\d-(0[1-9]|1[0-2]|Q[1-4])$/),
    )
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 3000 }), (cells) => {
        const cache = CellCache.make<unknown>()
        for (const c of cells) {
          const slot = CellCache.slot(c)
          let value = CellCache.get(cache, slot, c)
          if (value === undefined) {
            value = column.parse(c)
            if (!Column.isProblem(value)) CellCache.set(cache, slot, c, value)
          }
          expect(value).toEqual(column.parse(c))
        }
      }),
      { numRuns: 50 },
    )
  })

  it("keeps a fixed number of slots however many distinct cells it sees", () => {
    const cache = CellCache.make<number>()
    for (let i = 0; i < 100_000; i++) {
      const c = String(i)
      CellCache.set(cache, CellCache.slot(c), c, i)
    }
    expect(cache.keys.length).toBe(1024)
    expect(cache.values.length).toBe(1024)
  })
})

describe("the count column", () => {
  it("accepts exactly the strings of one to eight digits, with their number as value", () => {
    const column = Column.count({ name: "aantal", nl: "aantal", en: "count" })
    const cell = fc.oneof(
      fc.stringMatching(/^\d{1,10}$/),
      fc.string({ maxLength: 10 }),
      fc.constantFrom("0", "00000000", "99999999", "123456789", "-1", "1.5", "1e3", "+1", " 1", "١٢", "٣"),
    )
    fc.assert(
      fc.property(cell, (c) => {
        const parsed = column.parse(c)
        if (c.length <= 8 && /^\d+$/.test(c)) expect(parsed).toBe(Number(c))
        else expect(parsed).toBeInstanceOf(Column.Problem)
      }),
      { numRuns: 2000 },
    )
  })
})
