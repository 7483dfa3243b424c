import { describe, expect, it } from "@effect/vitest"
import { Option, Schema } from "effect"
import * as fc from "fast-check"
import { Disclosure } from "../src/index.js"
import * as A from "./arbitraries.js"

const table = (counts: ReadonlyArray<ReadonlyArray<number>>) =>
  new Disclosure.CountTable({
    rows: counts.map((_, i) => `r${i}`),
    columns: (counts[0] ?? []).map((_, j) => `c${j}`),
    counts: counts.map((row) => [...row]),
  })

const shownValue = (cell: Disclosure.Cell | undefined): number | "x" => (cell?._tag === "Shown" ? cell.value : "x")

/**
 * An attacker's view: every entry of the full table (cells, row totals, column totals, grand total) as a grid with
 * the totals in the last row and column, and which entries were published.
 */
const fullGrid = (t: Disclosure.CountTable, published: Disclosure.PublishedTable) => {
  const R = t.rows.length
  const C = t.columns.length
  const value = (i: number, j: number): number => {
    if (i < R && j < C) return t.counts[i]?.[j] ?? 0
    if (i < R) return (t.counts[i] ?? []).reduce((s, v) => s + v, 0)
    if (j < C) return t.counts.reduce((s, row) => s + (row[j] ?? 0), 0)
    return t.counts.flat().reduce((s, v) => s + v, 0)
  }
  const cell = (i: number, j: number): Disclosure.Cell | undefined =>
    i < R && j < C
      ? published.cells[i]?.[j]
      : i < R
        ? published.rowTotals[i]
        : j < C
          ? published.columnTotals[j]
          : published.total
  return { R, C, value, hidden: (i: number, j: number) => cell(i, j)?._tag === "Suppressed" }
}

/**
 * Looks for a second table, different in entry (ti, tj), that agrees with every published (unrounded) entry, keeps
 * every row and column adding up, and has no negative count: proof that the entry cannot be worked out. It moves ±1
 * along a cycle of hidden entries through (ti, tj), found by breadth-first search, independently of the library.
 */
const alternative = (g: ReturnType<typeof fullGrid>, ti: number, tj: number): Array<Array<number>> | undefined => {
  const rowsV = g.R + 1
  const colsV = g.C + 1
  // vertices: rows 0..R, columns rowsV..rowsV+C; BFS from column tj to row ti without using edge (ti, tj)
  const prev = new Map<number, readonly [number, number, number]>()
  const start = rowsV + tj
  const goal = ti
  const queue = [start]
  const seen = new Set([start])
  while (queue.length > 0) {
    const v = queue.shift() ?? -1
    if (v === goal) break
    const isRow = v < rowsV
    for (let k = 0; k < (isRow ? colsV : rowsV); k++) {
      const [i, j] = isRow ? [v, k] : [k, v - rowsV]
      if ((i === ti && j === tj) || !g.hidden(i, j)) continue
      const w = isRow ? rowsV + k : k
      if (seen.has(w)) continue
      seen.add(w)
      prev.set(w, [v, i, j])
      queue.push(w)
    }
  }
  if (!seen.has(goal)) return undefined
  // Orientation: cells run row → column, row totals column* → row, column totals column → row*, grand row* → column*.
  const forward = (i: number, j: number, from: number) => {
    const rowEnd = i
    const colEnd = rowsV + j
    const cellLike = (i < g.R && j < g.C) || (i === g.R && j === g.C)
    return cellLike ? from === rowEnd : from === colEnd
  }
  const grid = Array.from({ length: rowsV }, (_, i) => Array.from({ length: colsV }, (_, j) => g.value(i, j)))
  const cycle: Array<readonly [number, number, number]> = [[ti, tj, ti]]
  for (let v = goal; v !== start; ) {
    const step = prev.get(v)
    if (step === undefined) return undefined
    cycle.push([step[1], step[2], step[0]])
    v = step[0]
  }
  for (const delta of [1, -1]) {
    const alt = grid.map((row) => [...row])
    for (const [i, j, from] of cycle) {
      const row = alt[i]
      if (row !== undefined) row[j] = (row[j] ?? 0) + (forward(i, j, from) ? delta : -delta)
    }
    if (alt.flat().every((v) => v >= 0)) return alt
  }
  return undefined
}

const consistent = (g: ReturnType<typeof fullGrid>, alt: ReadonlyArray<ReadonlyArray<number>>): boolean => {
  const at = (i: number, j: number) => alt[i]?.[j] ?? 0
  for (let i = 0; i <= g.R; i++) {
    let sum = 0
    for (let j = 0; j < g.C; j++) sum += at(i, j)
    if (sum !== at(i, g.C)) return false
  }
  for (let j = 0; j <= g.C; j++) {
    let sum = 0
    for (let i = 0; i < g.R; i++) sum += at(i, j)
    if (sum !== at(g.R, j)) return false
  }
  for (let i = 0; i <= g.R; i++)
    for (let j = 0; j <= g.C; j++) if (!g.hidden(i, j) && at(i, j) !== g.value(i, j)) return false
  return true
}

describe("Disclosure", () => {
  it("suppresses counts below 10 and rounds the rest to multiples of 5, totals included", () => {
    const published = Disclosure.protect(
      table([
        [12, 40],
        [33, 0],
      ]),
    )
    expect(published.cells.map((row) => row.map(shownValue))).toEqual([
      [10, 40],
      [35, 0],
    ])
    expect(published.rowTotals.map(shownValue)).toEqual([50, 35])
    expect(published.total).toEqual(Disclosure.Shown.make({ value: 85 }))
  })

  it("hides a second cell in the row and column of a small count, so the totals do not give it away", () => {
    const published = Disclosure.protect(
      table([
        [3, 40, 50],
        [20, 30, 60],
        [25, 45, 70],
      ]),
    )
    expect(published.cells[0]?.[0]).toEqual(Disclosure.Suppressed.make({ reason: "small-count" }))
    const hiddenInRow = published.cells[0]?.filter((c) => c._tag === "Suppressed").length ?? 0
    const hiddenInColumn = published.cells.filter((row) => row[0]?._tag === "Suppressed").length
    expect(hiddenInRow).toBeGreaterThanOrEqual(2)
    expect(hiddenInColumn).toBeGreaterThanOrEqual(2)
    expect(
      published.cells.flat().filter((c) => c._tag === "Suppressed" && c.reason === "protects-another-cell").length,
    ).toBeGreaterThan(0)
  })

  it("never publishes figures from which a suppressed count can be worked out", () => {
    fc.assert(
      fc.property(A.countTable, (t) => {
        const published = Disclosure.protect(t)
        const g = fullGrid(t, published)
        for (let i = 0; i <= g.R; i++) {
          for (let j = 0; j <= g.C; j++) {
            if (!g.hidden(i, j)) continue
            const alt = alternative(g, i, j)
            expect(alt, `entry (${i}, ${j}) can be worked out`).toBeDefined()
            if (alt !== undefined) {
              expect(consistent(g, alt)).toBe(true)
              expect(alt[i]?.[j]).not.toBe(g.value(i, j))
            }
          }
        }
      }),
      { numRuns: 1000 },
    )
  })

  it("suppresses every count between 1 and the threshold and shows every other count rounded", () => {
    fc.assert(
      fc.property(A.countTable, A.rules, (t, rules) => {
        const published = Disclosure.protect(t, rules)
        t.counts.forEach((row, i) => {
          row.forEach((v, j) => {
            const cell = published.cells[i]?.[j]
            if (v > 0 && v < rules.threshold)
              expect(cell).toEqual(Disclosure.Suppressed.make({ reason: "small-count" }))
            else if (cell?._tag === "Shown") {
              expect(cell.value % rules.roundTo).toBe(0)
              expect(Math.abs(cell.value - v)).toBeLessThanOrEqual(rules.roundTo / 2)
            }
          })
        })
        if (!rules.secondary)
          expect(published.cells.flat().every((c) => c._tag === "Shown" || c.reason === "small-count")).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  it("gives the same publication for the same table and rules", () => {
    fc.assert(
      fc.property(A.countTable, (t) => {
        expect(Disclosure.protect(t)).toEqual(Disclosure.protect(t))
      }),
      { numRuns: 200 },
    )
  })

  it("applies rules configured per audience", () => {
    const rules = Disclosure.rulesFor("region", {
      region: new Disclosure.Rules({ threshold: 5, roundTo: 1, secondary: true }),
    })
    expect(Disclosure.rulesFor("public", { region: rules })).toEqual(Disclosure.cbsPractice)
    const published = Disclosure.protect(table([[7, 12]]), rules)
    expect(published.cells[0]?.map(shownValue)).toEqual([7, 12])
  })

  it("publishes open figures as they are and restricted figures only to the region", () => {
    expect(Disclosure.rulesForIndicator("open", "public")).toEqual(Option.some(Disclosure.none))
    expect(Disclosure.rulesForIndicator("restricted", "public")).toEqual(Option.none())
    expect(Disclosure.rulesForIndicator("restricted", "region")).toEqual(Option.some(Disclosure.cbsPractice))
    expect(Disclosure.rulesForIndicator("person-counts", "council")).toEqual(Option.some(Disclosure.cbsPractice))
  })

  it("refuses a table whose rows do not match its labels, saying what it expected", () => {
    expect(() =>
      Schema.decodeUnknownSync(Disclosure.CountTable)({ rows: ["a"], columns: ["x", "y"], counts: [[1]] }),
    ).toThrow("expected 1 rows of 2 counts")
  })
})
