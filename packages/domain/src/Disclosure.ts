/**
 * Disclosure control for published counts, after CBS practice: counts below a threshold (default 10) are suppressed,
 * the rest rounded (default to multiples of 5), and further cells are suppressed so that no hidden count can be
 * worked out from the row, column and grand totals. Pure and deterministic: the same table and rules always give the
 * same publication. Rules are configurable per audience.
 *
 * How secondary suppression works: a table with its totals is a set of linear equations (each row's cells add up to
 * its total, each column's to its total, the totals to the grand total). A hidden count can be worked out exactly
 * when, in the graph whose vertices are rows and columns (plus one for the totals) and whose edges are the hidden
 * counts, its edge is a bridge: it lies on no cycle. So for every hidden count on no cycle, the cheapest path of
 * further cells that closes a cycle through it is hidden too (cheapest = smallest counts). Zeros are shown and never
 * hidden, so every hidden count is at least 1 and can be moved by ±1 along its cycle without breaking any published
 * figure: the published table fits more than one set of counts.
 */
import { Option, Schema } from "effect"
import type { DisclosureClass } from "./Indicator.js"

/** Who a publication is for. */
export const Audience = Schema.Literals(["public", "council", "municipality", "region", "partner"])
export type Audience = typeof Audience.Type

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0, { message: "expected a count of at least 0" }))

/** How to protect a table: suppress below `threshold`, round to multiples of `roundTo`, and whether to suppress secondarily. */
export class Rules extends Schema.Class<Rules>("DisclosureRules")({
  threshold: Count,
  roundTo: Schema.Int.check(
    Schema.isGreaterThanOrEqualTo(1, { message: "expected rounding to a multiple of at least 1" }),
  ),
  secondary: Schema.Boolean,
  /**
   * The fewest persons or stays a mean or median may stand on before it is shown; when absent, `threshold` (so a
   * mean of fewer than 10 persons is hidden under CBS practice).
   */
  minimumBase: Schema.optionalKey(Count),
}) {}

/** CBS practice: suppress below 10, round to 5, protect hidden cells against the totals. */
export const cbsPractice: Rules = new Rules({ threshold: 10, roundTo: 5, secondary: true })

/** Figures that need no protection (population, money): nothing suppressed, nothing rounded. */
export const none: Rules = new Rules({ threshold: 0, roundTo: 1, secondary: false })

/** The fewest persons a mean or median under `rules` must stand on to be shown. */
export const minimumBaseOf = (rules: Rules): number => rules.minimumBase ?? rules.threshold

/** The rules per audience when nothing else is configured: CBS practice for everyone. */
export const defaults: Readonly<Record<Audience, Rules>> = {
  public: cbsPractice,
  council: cbsPractice,
  municipality: cbsPractice,
  region: cbsPractice,
  partner: cbsPractice,
}

/** Rules per audience, where configured; audiences not mentioned keep the defaults. */
export type Configuration = Partial<Readonly<Record<Audience, Rules>>>

/** The rules for `audience` under `configuration`. */
export const rulesFor = (audience: Audience, configuration: Configuration = {}): Rules =>
  configuration[audience] ?? defaults[audience]

/**
 * The rules for an indicator of disclosure class `disclosure` shown to `audience`: none for open figures, the
 * audience's rules for person counts, and nothing at all (none) for restricted figures outside the region.
 */
export const rulesForIndicator = (
  disclosure: DisclosureClass,
  audience: Audience,
  configuration: Configuration = {},
): Option.Option<Rules> => {
  if (disclosure === "open") return Option.some(none)
  if (disclosure === "restricted" && audience !== "region") return Option.none()
  return Option.some(rulesFor(audience, configuration))
}

/** A table of counts with row and column labels; `counts[row][column]`. */
export class CountTable extends Schema.Class<CountTable>("CountTable")(
  Schema.Struct({
    rows: Schema.Array(Schema.String),
    columns: Schema.Array(Schema.String),
    counts: Schema.Array(Schema.Array(Count)),
  }).check(
    Schema.makeFilter(
      (t) =>
        (t.counts.length === t.rows.length && t.counts.every((row) => row.length === t.columns.length)) ||
        `expected ${t.rows.length} rows of ${t.columns.length} counts`,
    ),
  ),
) {}

/** A published value (rounded). */
export const Shown = Schema.TaggedStruct("Shown", { value: Count })
/** A hidden value: too small to show, or hidden so that another hidden value cannot be worked out. */
export const Suppressed = Schema.TaggedStruct("Suppressed", {
  /**
   * `small-base`: a mean or median standing on fewer persons than the rules' minimum base. `protected`: a count
   * hidden by disclosure control without saying whether it is small itself or protects a small one (telling would
   * bound it: a small count below 10, a protecting one from 10 up).
   */
  reason: Schema.Literals(["small-count", "protects-another-cell", "small-base", "protected"]),
})
/** A published cell. */
export const Cell = Schema.Union([Shown, Suppressed])
export type Cell = typeof Cell.Type

/** A table ready to publish: cells, row totals, column totals and the grand total, each shown or suppressed. */
export class PublishedTable extends Schema.Class<PublishedTable>("PublishedTable")({
  rows: Schema.Array(Schema.String),
  columns: Schema.Array(Schema.String),
  cells: Schema.Array(Schema.Array(Cell)),
  rowTotals: Schema.Array(Cell),
  columnTotals: Schema.Array(Cell),
  total: Cell,
  rules: Rules,
}) {}

/** How a value is marked in a working grid: shown, hidden for being small, or hidden to protect another value. */
export enum Mark {
  Shown = 0,
  Primary = 1,
  Secondary = 2,
  /** Not published at all (no data): unknown to every reader, so it hides others but needs no protection itself. */
  Free = 3,
}

/**
 * The working table: an (R+1)×(C+1) grid of values where row R holds the column totals, column C the row totals and
 * (R, C) the grand total. As a graph, rows 0..R are vertices 0..R and columns 0..C are vertices R+1..R+C+1. The
 * margins need not be the sums of the cells (a year delivered beside its quarters); protection only relies on which
 * values are linked, and on their size.
 */
export interface Grid {
  readonly rows: number
  readonly cols: number
  readonly values: Float64Array
  readonly marks: Uint8Array
}

const gridOf = (table: CountTable): Grid => {
  const rows = table.rows.length
  const cols = table.columns.length
  const width = cols + 1
  const values = new Float64Array((rows + 1) * width)
  for (let i = 0; i < rows; i++) {
    const row = table.counts[i] ?? []
    for (let j = 0; j < cols; j++) {
      const v = row[j] ?? 0
      values[i * width + j] = v
      values[i * width + cols] = (values[i * width + cols] ?? 0) + v
      values[rows * width + j] = (values[rows * width + j] ?? 0) + v
      values[rows * width + cols] = (values[rows * width + cols] ?? 0) + v
    }
  }
  return { rows, cols, values, marks: new Uint8Array(values.length) }
}

/** The hidden edges that lie on no cycle (bridges), found with an iterative depth-first search. */
const bridges = (grid: Grid): Array<number> => {
  const width = grid.cols + 1
  const vertices = grid.rows + 1 + width
  const adjacency: Array<Array<number>> = Array.from({ length: vertices }, () => [])
  grid.marks.forEach((mark, e) => {
    if (mark === Mark.Shown) return
    adjacency[Math.floor(e / width)]?.push(e)
    adjacency[grid.rows + 1 + (e % width)]?.push(e)
  })
  const other = (e: number, v: number): number => {
    const row = Math.floor(e / width)
    return v === row ? grid.rows + 1 + (e % width) : row
  }
  const order = new Int32Array(vertices).fill(-1)
  const low = new Int32Array(vertices)
  const found: Array<number> = []
  let counter = 0
  for (let root = 0; root < vertices; root++) {
    if (order[root] !== -1 || (adjacency[root]?.length ?? 0) === 0) continue
    const stack: Array<{ v: number; via: number; next: number }> = [{ v: root, via: -1, next: 0 }]
    order[root] = low[root] = counter++
    while (stack.length > 0) {
      const top = stack[stack.length - 1]
      if (top === undefined) break
      const edges = adjacency[top.v] ?? []
      if (top.next < edges.length) {
        const e = edges[top.next++] ?? -1
        if (e === top.via) continue
        const w = other(e, top.v)
        if (order[w] === -1) {
          order[w] = low[w] = counter++
          stack.push({ v: w, via: e, next: 0 })
        } else low[top.v] = Math.min(low[top.v] ?? 0, order[w] ?? 0)
      } else {
        stack.pop()
        const parent = stack[stack.length - 1]
        if (parent !== undefined) {
          low[parent.v] = Math.min(low[parent.v] ?? 0, low[top.v] ?? 0)
          if ((low[top.v] ?? 0) > (order[parent.v] ?? 0) && grid.marks[top.via] !== Mark.Free) found.push(top.via)
        }
      }
    }
  }
  return found.sort((a, b) => a - b)
}

/** A binary min-heap of vertices keyed by distance; ties go to the lower vertex, which keeps results deterministic. */
class Heap {
  private readonly items: Array<readonly [number, number]> = []
  get size(): number {
    return this.items.length
  }
  private less(a: readonly [number, number], b: readonly [number, number]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])
  }
  push(item: readonly [number, number]): void {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      const parent = items[p]
      if (parent === undefined || !this.less(item, parent)) break
      items[i] = parent
      i = p
    }
    items[i] = item
  }
  pop(): readonly [number, number] | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (top === undefined || last === undefined || items.length === 0) return top
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      let best = last
      const left = items[l]
      const right = items[r]
      if (left !== undefined && this.less(left, best)) {
        m = l
        best = left
      }
      if (right !== undefined && this.less(right, best)) m = r
      if (m === i) break
      items[i] = items[m] ?? last
      i = m
    }
    items[i] = last
    return top
  }
}

/**
 * Hides the cheapest path of further values that puts hidden edge `bridge` on a cycle: Dijkstra from its row to its
 * column over every other edge, hidden edges costing nothing and shown ones their value (zeros cannot be used).
 */
const closeCycle = (grid: Grid, bridge: number): void => {
  const width = grid.cols + 1
  const rowVertices = grid.rows + 1
  const vertices = rowVertices + width
  const from = Math.floor(bridge / width)
  const to = rowVertices + (bridge % width)
  const dist = new Float64Array(vertices).fill(Number.POSITIVE_INFINITY)
  const via = new Int32Array(vertices).fill(-1)
  const done = new Uint8Array(vertices)
  const heap = new Heap()
  dist[from] = 0
  heap.push([0, from])
  while (heap.size > 0) {
    const item = heap.pop()
    if (item === undefined) break
    const [d, v] = item
    if (done[v] === 1) continue
    done[v] = 1
    if (v === to) break
    const isRow = v < rowVertices
    const count = isRow ? width : rowVertices
    for (let k = 0; k < count; k++) {
      const e = isRow ? v * width + k : k * width + (v - rowVertices)
      if (e === bridge) continue
      const value = grid.values[e] ?? 0
      const hidden = grid.marks[e] !== Mark.Shown
      if (!hidden && value <= 0) continue
      const w = isRow ? rowVertices + k : k
      const nd = d + (hidden ? 0 : value)
      if (nd < (dist[w] ?? Number.POSITIVE_INFINITY)) {
        dist[w] = nd
        via[w] = e
        heap.push([nd, w])
      }
    }
  }
  for (let v = to; v !== from; ) {
    const e = via[v] ?? -1
    if (e < 0) return
    if (grid.marks[e] === Mark.Shown) grid.marks[e] = Mark.Secondary
    const row = Math.floor(e / width)
    v = v === row ? rowVertices + (e % width) : row
  }
}

const cell = (grid: Grid, e: number, roundTo: number): Cell => cellOf(grid.marks[e] ?? 0, grid.values[e] ?? 0, roundTo)

/**
 * Marks `grid` in place under `rules`: values between 0 and the threshold as primary, then (when the rules ask for
 * it) further values until every hidden value lies on a cycle of hidden values. Marks already in the grid (set by a
 * linked table) are kept. Returns whether any mark changed.
 */
export const markGrid = (grid: Grid, rules: Rules): boolean => {
  let changed = false
  grid.values.forEach((v, e) => {
    if (grid.marks[e] === Mark.Shown && v > 0 && v < rules.threshold) {
      grid.marks[e] = Mark.Primary
      changed = true
    }
  })
  if (rules.secondary) {
    for (let open = bridges(grid); open.length > 0; open = bridges(grid)) {
      const before = grid.marks.reduce((n, m) => n + (m === Mark.Shown ? 0 : 1), 0)
      for (const bridge of open) closeCycle(grid, bridge)
      const after = grid.marks.reduce((n, m) => n + (m === Mark.Shown ? 0 : 1), 0)
      // A bridge that no path of usable values can close stays a bridge; stop rather than loop on it.
      if (after === before) break
      changed = true
    }
  }
  return changed
}

/** The published form of a value with its mark: suppressed with its reason, or shown rounded under `roundTo`. */
export const cellOf = (mark: number, value: number, roundTo: number): Cell =>
  mark === Mark.Primary
    ? Suppressed.make({ reason: "small-count" })
    : mark === Mark.Secondary
      ? Suppressed.make({ reason: "protects-another-cell" })
      : Shown.make({ value: Math.round(value / roundTo) * roundTo })

/** Protects `table` for publication under `rules`. */
export const protect = (table: CountTable, rules: Rules = cbsPractice): PublishedTable => {
  const grid = gridOf(table)
  markGrid(grid, rules)
  const width = grid.cols + 1
  const R = grid.rows
  const C = grid.cols
  return new PublishedTable({
    rows: table.rows,
    columns: table.columns,
    cells: Array.from({ length: R }, (_, i) =>
      Array.from({ length: C }, (_, j) => cell(grid, i * width + j, rules.roundTo)),
    ),
    rowTotals: Array.from({ length: R }, (_, i) => cell(grid, i * width + C, rules.roundTo)),
    columnTotals: Array.from({ length: C }, (_, j) => cell(grid, R * width + j, rules.roundTo)),
    total: cell(grid, R * width + C, rules.roundTo),
    rules,
  })
}

/** Protects a single count (no totals to protect against): shown rounded, or suppressed when small. */
export const protectCount = (count: number, rules: Rules = cbsPractice): Cell =>
  count > 0 && count < rules.threshold
    ? Suppressed.make({ reason: "small-count" })
    : Shown.make({ value: Math.round(count / rules.roundTo) * rules.roundTo })
