/**
 * Published figures: the one protected table per indicator from which every audience reads. Protecting each answer
 * on its own lets two answers be set against each other (a year against its quarters, the region against the other
 * members, the same municipality asked for fifty times), so figures are protected ONCE, over everything they are
 * linked with: every municipality that was ever a member × every period with data, at every granularity, with the
 * region's totals. A query then only picks cells out of that table, and no combination of queries says more than the
 * table as a whole.
 *
 * How the links are protected: in each year, the granularities present (year, half, quarter, month) form a
 * hierarchy, and each period with finer periods below it is a two-way table (members throughout the period × the
 * finer periods, with the municipalities' values for the period as row totals and the region's as column totals).
 * Each such table is protected with `Disclosure.markGrid`, starting from the marks its linked tables already set, and
 * the tables are visited again until no mark changes, so a value hidden in one table is protected in every table it
 * appears in. A municipality that is a member for only part of a period is not in that period's region total; its own
 * values are linked only to each other. A period without finer periods below it is one line: the region total is the
 * sum of the members' values, so one hidden value among them is never left alone.
 *
 * Each kind of figure is treated as what it is: a count is protected as a count; a rate is computed from its
 * protected numerator and its (public) denominator, and is hidden when its numerator is; a mean carries the number of
 * persons behind it, is shown only when that number reaches the rules' minimum base, is never rounded to 5 and never
 * summed over municipalities (the region's mean is over the region's persons).
 */
import { Schema } from "effect"
import * as Disclosure from "./Disclosure.js"
import type { IndicatorId, MunicipalityCode } from "./Ids.js"
import type { Indicator, Unit } from "./Indicator.js"
import * as Membership from "./Membership.js"
import * as Period from "./Period.js"

/** A value as published: shown, hidden (and why), withheld from this audience, or not known at all. */
export const Shown = Schema.TaggedStruct("Shown", { value: Schema.Finite })
/** Hidden by disclosure control. */
export const Suppressed = Disclosure.Suppressed
/** Not for this audience at all (a restricted figure outside the region). */
export const Withheld = Schema.TaggedStruct("Withheld", { reason: Schema.Literal("restricted") })
/** No data to compute it from (a rate without its denominator, a mean without observations). */
export const NoData = Schema.TaggedStruct("NoData", {})
/** A published value. */
export const Cell = Schema.Union([Shown, Suppressed, Withheld, NoData])
export type Cell = typeof Cell.Type

/** What kind of figure an indicator is, which decides how it is protected. */
export const FigureKind = Schema.Literals(["count", "rate", "mean"])
export type FigureKind = typeof FigureKind.Type

/** The kind of figure an indicator's aggregation rule makes. */
export const kindOf = (indicator: Indicator): FigureKind =>
  indicator.aggregation._tag === "Ratio"
    ? "rate"
    : indicator.aggregation._tag === "Mean" || indicator.aggregation._tag === "Median"
      ? "mean"
      : "count"

/** The raw values of one indicator: period → area → value (the sum of what was observed). */
export type Values = ReadonlyMap<string, ReadonlyMap<string, number>>

/** An indicator's published table: a cell for every municipality (or the Netherlands) and period, and the region's. */
export interface Table {
  readonly indicator: IndicatorId
  readonly kind: FigureKind
  readonly unit: Unit
  /** The published value of `area` in `period`. */
  readonly cell: (area: string, period: string) => Cell
  /** The region's published value in `period`. */
  readonly region: (period: string) => Cell
}

const withheld: Cell = Withheld.make({ reason: "restricted" })
const hiddenCount = Disclosure.Suppressed.make({ reason: "protected" })
const noData: Cell = NoData.make({})

/** A canonical count table: values and marks per area × period, with the region as one more area. */
class CountGrid {
  readonly areaIndex = new Map<string, number>()
  readonly periodIndex = new Map<string, number>()
  readonly values: Float64Array
  readonly marks: Uint8Array
  /** 1 where a value was observed (for the region: where every member throughout the period has one). */
  readonly observed: Uint8Array
  readonly regionRow: number

  constructor(
    readonly areas: ReadonlyArray<string>,
    readonly periods: ReadonlyArray<Period.Period>,
  ) {
    areas.forEach((a, i) => {
      this.areaIndex.set(a, i)
    })
    periods.forEach((p, j) => {
      this.periodIndex.set(p, j)
    })
    this.regionRow = areas.length
    this.values = new Float64Array((areas.length + 1) * periods.length)
    this.marks = new Uint8Array(this.values.length)
    this.observed = new Uint8Array(this.values.length)
  }

  at(row: number, period: string): number {
    const j = this.periodIndex.get(period)
    return j === undefined ? -1 : row * this.periods.length + j
  }
}

/** One linear link between published values: `total` is the sum of `parts` (indices into a `CountGrid`). */
interface Line {
  readonly parts: ReadonlyArray<number>
  readonly total: number
}

/** One two-way table of linked values: rows × columns with row totals, column totals and a grand total. */
interface Block {
  /** Grid indices, (rows + 1) × (columns + 1), laid out as `Disclosure.Grid` expects. */
  readonly cells: Int32Array
  readonly rows: number
  readonly cols: number
}

const granularities: ReadonlyArray<Period.Kind> = ["year", "half", "quarter", "month"]

/**
 * Protects the counts of one indicator under `rules`: rows are `municipalities` (every one that was ever a member),
 * periods every period that has a value, and the region total of a period the sum over the members throughout it.
 */
export const protectCounts = (
  region: Membership.HasMemberships,
  municipalities: ReadonlyArray<MunicipalityCode>,
  values: Values,
  rules: Disclosure.Rules,
): {
  readonly cell: (area: string, period: string) => Cell
  readonly region: (period: string) => Cell
} => {
  const periods = [...values.keys()].map((p) => Period.Period.make(p)).sort(Period.order)
  const grid = new CountGrid(municipalities, periods)
  const P = periods.length
  const members = new Map<string, ReadonlyArray<MunicipalityCode>>()
  const membersOf = (period: Period.Period) => {
    let m = members.get(period)
    if (m === undefined) {
      m = Membership.membersThroughout(region, Period.start(period), Period.end(period))
      members.set(period, m)
    }
    return m
  }
  periods.forEach((period, j) => {
    const byArea = values.get(period)
    let total = 0
    municipalities.forEach((m, i) => {
      const v = byArea?.get(m)
      grid.values[i * P + j] = Math.max(0, Math.round(v ?? 0))
      grid.observed[i * P + j] = v === undefined ? 0 : 1
    })
    // The region's value needs every member's: with one missing it is withheld, never understated.
    let complete = membersOf(period).length > 0
    for (const m of membersOf(period)) {
      const i = grid.areaIndex.get(m)
      if (i === undefined || grid.observed[i * P + j] === 0) complete = false
      else total += grid.values[i * P + j] ?? 0
    }
    grid.values[grid.regionRow * P + j] = total
    grid.observed[grid.regionRow * P + j] = complete ? 1 : 0
  })
  // A region value withheld (a member delivered nothing) is unknown to every reader: it hides others, and needs no
  // protection itself. A municipality's missing value is read as a zero, as an absent period is: a reader may bound
  // it only from below, so it hides nothing (taking it as unknown let a hidden neighbour be worked out exactly).
  grid.observed.forEach((seen, e) => {
    if (seen === 0) grid.marks[e] = e >= grid.regionRow * P ? Disclosure.Mark.Free : Disclosure.Mark.Shown
  })

  // The links: per year, each present granularity under the nearest coarser one present.
  const blocks: Array<Block> = []
  // Lines are protected on their own; links are what an attacker knows besides (the sums inside blocks).
  const lines: Array<Line> = []
  const links: Array<Line> = []
  const unsteady: Array<number> = []
  const present = new Set<string>(periods)
  const regionIndex = (p: Period.Period) => grid.at(grid.regionRow, p)
  // Every period: the region total is the sum of the members throughout it. Inside a block this line holds already;
  // it matters for a period without finer ones, and for a member that joined or left during the coarser period.
  for (const p of periods) {
    const parts = membersOf(p).flatMap((m) => {
      const i = grid.areaIndex.get(m)
      return i === undefined ? [] : [grid.at(i, p)]
    })
    lines.push({ parts, total: regionIndex(p) })
  }
  const years = [...new Set(periods.map((p) => Period.year(p)))]
  for (const year of years) {
    const kinds = granularities.filter((k) => Period.split(year, k).some((p) => present.has(p)))
    for (let k = 0; k + 1 < kinds.length; k++) {
      const coarse = kinds[k] as Period.Kind
      const fine = kinds[k + 1] as Period.Kind
      for (const parent of Period.split(year, coarse)) {
        const children = Period.split(parent, fine)
        // Absent periods have no index (-1): they read as zeros, which are never hidden nor used to hide.
        const throughout = new Set<string>(membersOf(parent))
        // Every municipality's value for the parent is the sum of its values for the finer periods.
        for (const m of municipalities) {
          const i = grid.areaIndex.get(m) ?? 0
          links.push({ parts: children.map((c) => grid.at(i, c)), total: grid.at(i, parent) })
        }
        // The region's too, while the members stay the same; then the period is one two-way table.
        const steady = children.every((c) => membersOf(c).length === throughout.size)
        if (!steady) {
          // A member that joined or left during the parent is in some finer region totals and not in others, so
          // sums across granularities could single it out. Those finer region totals are hidden instead.
          for (const c of children) {
            if (membersOf(c).length !== throughout.size) unsteady.push(regionIndex(c))
          }
          for (const m of municipalities) {
            const i = grid.areaIndex.get(m) ?? 0
            lines.push({ parts: children.map((c) => grid.at(i, c)), total: grid.at(i, parent) })
          }
          continue
        }
        links.push({ parts: children.map((c) => regionIndex(c)), total: regionIndex(parent) })
        const rowAreas = municipalities.filter((m) => throughout.has(m))
        const rows = rowAreas.length
        const cols = children.length
        const cells = new Int32Array((rows + 1) * (cols + 1))
        rowAreas.forEach((m, r) => {
          const i = grid.areaIndex.get(m) ?? 0
          children.forEach((c, col) => {
            cells[r * (cols + 1) + col] = grid.at(i, c)
          })
          cells[r * (cols + 1) + cols] = grid.at(i, parent)
        })
        children.forEach((c, col) => {
          cells[rows * (cols + 1) + col] = regionIndex(c)
        })
        cells[rows * (cols + 1) + cols] = regionIndex(parent)
        blocks.push({ cells, rows, cols })
        // Members for part of the parent: their own values are linked to each other only.
        for (const m of municipalities) {
          if (throughout.has(m)) continue
          const i = grid.areaIndex.get(m) ?? 0
          lines.push({ parts: children.map((c) => grid.at(i, c)), total: grid.at(i, parent) })
        }
      }
    }
  }
  if (rules.secondary) {
    for (const e of unsteady) if (e >= 0 && (grid.values[e] ?? 0) > 0) grid.marks[e] = Disclosure.Mark.Secondary
  }
  return finish(grid, blocks, lines, [...lines, ...links], rules)
}

/** What an attacker knows of a value from its mark and its published form: the interval it lies in. */
const intervalOf = (grid: CountGrid, e: number, rules: Disclosure.Rules): readonly [number, number] => {
  if (e < 0) return [0, 0]
  const v = grid.values[e] ?? 0
  if (grid.marks[e] === Disclosure.Mark.Free) return [0, unbounded]
  // Published counts do not say why they are hidden; zeros are always shown.
  if (grid.marks[e] !== Disclosure.Mark.Shown) return [1, unbounded]
  const shown = Math.round(v / rules.roundTo) * rules.roundTo
  if (shown === 0) return [0, 0]
  const half = rules.roundTo / 2
  return [Math.max(Math.ceil(shown - half), rules.threshold), Math.ceil(shown + half) - 1]
}

const unbounded = 1e12

/**
 * Narrows every value's interval through the links until nothing changes (what an attacker with the sums can work
 * out), then hides, for every hidden value left with one possible value, the smallest shown value of its links.
 * Returns whether it hid anything.
 */
const unpin = (grid: CountGrid, links: ReadonlyArray<Line>, rules: Disclosure.Rules): boolean => {
  const lo = new Float64Array(grid.values.length)
  const hi = new Float64Array(grid.values.length)
  for (let e = 0; e < grid.values.length; e++) {
    const [l, h] = intervalOf(grid, e, rules)
    lo[e] = l
    hi[e] = h
  }
  const low = (e: number) => (e < 0 ? 0 : (lo[e] ?? 0))
  const high = (e: number) => (e < 0 ? 0 : (hi[e] ?? 0))
  for (let round = 0, narrowed = true; narrowed && round < 50; round++) {
    narrowed = false
    for (const link of links) {
      let partsLo = 0
      let partsHi = 0
      for (const e of link.parts) {
        partsLo += low(e)
        partsHi += high(e)
      }
      const narrow = (e: number, l: number, h: number) => {
        if (e < 0) return
        if (l > (lo[e] ?? 0)) {
          lo[e] = l
          narrowed = true
        }
        if (h < (hi[e] ?? 0)) {
          hi[e] = h
          narrowed = true
        }
      }
      narrow(link.total, partsLo, partsHi)
      for (const e of link.parts) {
        narrow(e, low(link.total) - (partsHi - high(e)), high(link.total) - (partsLo - low(e)))
      }
    }
  }
  const linksOf = new Map<number, Array<Line>>()
  for (const link of links) {
    for (const e of [...link.parts, link.total]) {
      if (e < 0) continue
      const list = linksOf.get(e)
      if (list === undefined) linksOf.set(e, [link])
      else list.push(link)
    }
  }
  let hid = false
  const solved = eliminate(grid, links, lo, hi)
  const hiddenNow = new Set<number>()
  grid.marks.forEach((mark, e) => {
    if (mark === Disclosure.Mark.Shown || mark === Disclosure.Mark.Free) return
    const row = solved.get(e)
    const byIntervals = (lo[e] ?? 0) >= (hi[e] ?? 0)
    const byEquations = row !== undefined && pinnedBy(row, e, lo, hi)
    if (!byIntervals && !byEquations) return
    // One value hidden in this pass may already unpin this one: the next pass tells.
    if (row !== undefined && [...row.keys()].some((other) => hiddenNow.has(other))) return
    let cheapest = -1
    const consider = (other: number) => {
      const v = other < 0 ? 0 : (grid.values[other] ?? 0)
      if (other < 0 || other === e || grid.marks[other] !== Disclosure.Mark.Shown || v <= 0) return
      if (cheapest < 0 || v < (grid.values[cheapest] ?? 0)) cheapest = other
    }
    // Pinned by the sums together: hide one of the shown values the sums pinned it with. Pinned by its own links'
    // intervals: hide one of those.
    if (byEquations && row !== undefined) for (const other of row.keys()) consider(other)
    if (cheapest < 0)
      for (const link of linksOf.get(e) ?? []) for (const other of [...link.parts, link.total]) consider(other)
    if (cheapest < 0 && row !== undefined) for (const other of row.keys()) consider(other)
    if (cheapest >= 0) {
      grid.marks[cheapest] = Disclosure.Mark.Secondary
      hiddenNow.add(cheapest)
      hid = true
    }
  })
  return hid
}

/** A sparse linear combination of grid values: index → coefficient. */
type Row = Map<number, number>

const epsilon = 1e-9

/**
 * What the sums say together, beyond what each says on its own: the links are reduced (Gauss-Jordan) over the
 * values whose interval still has room, so each row left expresses one such value (its pivot) in the others that
 * stay free and in the values known exactly. A hidden value is given away by the sums when its row has no free
 * value left, or when the intervals of those left pin it (twelve hidden months, a hidden year and the other members
 * set against each other across granularities). Returns the row of every pivot.
 */
const eliminate = (
  grid: CountGrid,
  links: ReadonlyArray<Line>,
  lo: Float64Array,
  hi: Float64Array,
): ReadonlyMap<number, Row> => {
  const unknown = (e: number) => (lo[e] ?? 0) < (hi[e] ?? 0)
  // Hidden values are taken as pivots before shown ones, so a hidden value is expressed in the shown values.
  const rank = (e: number) => (grid.marks[e] === Disclosure.Mark.Shown ? 1 : 0)
  const pivots = new Map<number, Row>()
  const subtract = (row: Row, other: Row, factor: number) => {
    for (const [e, c] of other) {
      const next = (row.get(e) ?? 0) - factor * c
      if (Math.abs(next) < epsilon) row.delete(e)
      else row.set(e, next)
    }
  }
  for (const link of links) {
    const row: Row = new Map()
    const add = (e: number, c: number) => {
      if (e < 0) return
      const next = (row.get(e) ?? 0) + c
      if (Math.abs(next) < epsilon) row.delete(e)
      else row.set(e, next)
    }
    for (const e of link.parts) add(e, 1)
    add(link.total, -1)
    for (const e of [...row.keys()]) {
      const pivot = pivots.get(e)
      const c = row.get(e)
      if (pivot !== undefined && c !== undefined) subtract(row, pivot, c)
    }
    let pivot = -1
    for (const e of row.keys()) {
      if (!unknown(e)) continue
      if (pivot < 0 || rank(e) < rank(pivot) || (rank(e) === rank(pivot) && e < pivot)) pivot = e
    }
    if (pivot < 0) continue
    const scale = row.get(pivot) ?? 1
    for (const [e, c] of row) row.set(e, c / scale)
    for (const other of pivots.values()) {
      const c = other.get(pivot)
      if (c !== undefined) subtract(other, row, c)
    }
    pivots.set(pivot, row)
  }
  return pivots
}

/** Whether `row` (which says `e` + Σ c·x = 0) leaves `e` one integer value, given the intervals of the others. */
const pinnedBy = (row: Row, e: number, lo: Float64Array, hi: Float64Array): boolean => {
  let low = 0
  let high = 0
  for (const [other, c] of row) {
    if (other === e) continue
    // e = -Σ c·x
    const a = -c * (lo[other] ?? 0)
    const b = -c * (hi[other] ?? 0)
    low += Math.min(a, b)
    high += Math.max(a, b)
  }
  if (high - low > unbounded / 2) return false
  return Math.ceil(Math.max(low, lo[e] ?? 0) - 1e-6) >= Math.floor(Math.min(high, hi[e] ?? 0) + 1e-6)
}

const valueAt = (grid: CountGrid, index: number): number => (index < 0 ? 0 : (grid.values[index] ?? 0))
const markAt = (grid: CountGrid, index: number): number => (index < 0 ? 0 : (grid.marks[index] ?? 0))

/** Protects one line: no hidden value may be the only hidden one among the parts and their total. */
const markLine = (grid: CountGrid, line: Line, rules: Disclosure.Rules): boolean => {
  const all = [...line.parts, line.total].filter((e) => e >= 0)
  let changed = false
  for (const e of all) {
    const v = grid.values[e] ?? 0
    if (grid.marks[e] === Disclosure.Mark.Shown && v > 0 && v < rules.threshold) {
      grid.marks[e] = Disclosure.Mark.Primary
      changed = true
    }
  }
  if (!rules.secondary) return changed
  const hidden = all.filter((e) => grid.marks[e] !== Disclosure.Mark.Shown)
  // A lone value nobody may read (a withheld region total) needs no protection: only a hidden count does.
  if (hidden.length !== 1 || grid.marks[hidden[0] as number] === Disclosure.Mark.Free) return changed
  let cheapest = -1
  for (const e of all) {
    const v = grid.values[e] ?? 0
    if (grid.marks[e] !== Disclosure.Mark.Shown || v <= 0) continue
    if (cheapest < 0 || v < (grid.values[cheapest] ?? 0)) cheapest = e
  }
  if (cheapest >= 0) {
    grid.marks[cheapest] = Disclosure.Mark.Secondary
    changed = true
  }
  return changed
}

/** Protects one block, starting from the grid's marks, and writes the marks back. */
const markBlock = (grid: CountGrid, block: Block, rules: Disclosure.Rules): boolean => {
  const values = new Float64Array(block.cells.length)
  const marks = new Uint8Array(block.cells.length)
  block.cells.forEach((e, k) => {
    values[k] = valueAt(grid, e)
    marks[k] = markAt(grid, e)
  })
  const local: Disclosure.Grid = { rows: block.rows, cols: block.cols, values, marks }
  if (!Disclosure.markGrid(local, rules)) return false
  let changed = false
  block.cells.forEach((e, k) => {
    if (e >= 0 && grid.marks[e] !== marks[k]) {
      grid.marks[e] = Math.max(grid.marks[e] ?? 0, marks[k] ?? 0)
      changed = true
    }
  })
  return changed
}

const finish = (
  grid: CountGrid,
  blocks: ReadonlyArray<Block>,
  lines: ReadonlyArray<Line>,
  links: ReadonlyArray<Line>,
  rules: Disclosure.Rules,
) => {
  // Values outside every link (a non-member's only granularity) are protected on their own.
  grid.values.forEach((v, e) => {
    if (grid.marks[e] === Disclosure.Mark.Shown && v > 0 && v < rules.threshold) grid.marks[e] = Disclosure.Mark.Primary
  })
  // An attacker can only use a link that holds: a year delivered apart from its quarters (CBS beside a partner)
  // need not be their sum, and a link that does not add up tells nothing (worse, it would contradict the intervals).
  const holding = links.filter(
    (link) => link.parts.reduce((sum, e) => sum + valueAt(grid, e), 0) === valueAt(grid, link.total),
  )
  for (let round = 0; round < 1000; round++) {
    let changed = false
    for (const block of blocks) changed = markBlock(grid, block, rules) || changed
    for (const line of lines) changed = markLine(grid, line, rules) || changed
    if (changed) continue
    // Cycles let every hidden value move, but not always far: twelve hidden months that add up to a shown 12 are
    // each 1. What an attacker learns from the intervals alone is worked out, and a pinned value takes one more
    // value of its links with it.
    if (!rules.secondary || !unpin(grid, holding, rules)) break
  }
  const published = (e: number): Cell =>
    e < 0 || grid.observed[e] === 0
      ? noData
      : grid.marks[e] === Disclosure.Mark.Shown
        ? Disclosure.cellOf(Disclosure.Mark.Shown, grid.values[e] ?? 0, rules.roundTo)
        : hiddenCount
  return {
    cell: (area: string, period: string): Cell => {
      const i = grid.areaIndex.get(area)
      return published(i === undefined ? -1 : grid.at(i, period))
    },
    region: (period: string): Cell => published(grid.at(grid.regionRow, period)),
  }
}

/** What a published table is built from. */
export interface Sources {
  /** The region whose members the table covers. */
  readonly region: Membership.HasMemberships
  /** Every municipality that was ever a member: the table's rows. */
  readonly municipalities: ReadonlyArray<MunicipalityCode>
  /** Every indicator by id (a rate needs its numerator and denominator, a mean its count). */
  readonly indicators: ReadonlyMap<string, Indicator>
  /** The raw values of an indicator. */
  readonly values: (indicator: IndicatorId) => Values
  /**
   * The medians of a median indicator with the stays they stand on: per period and municipality, and the region's
   * per period over the stays of its members throughout the period (a median of medians is no median).
   */
  readonly medians?: (indicator: IndicatorId) => Medians
}

/** A median and how many stays or persons it stands on. */
export interface MedianValue {
  readonly value: number
  readonly base: number
}

/** The medians of one indicator: per period and area, and the region's per period. */
export interface Medians {
  readonly cells: ReadonlyMap<string, ReadonlyMap<string, MedianValue>>
  readonly region: ReadonlyMap<string, MedianValue>
}

const decimals = (unit: Unit): number => (unit === "percentage" || unit === "days" ? 1 : 2)
const roundTo = (value: number, places: number): number => {
  const f = 10 ** places
  return Math.round(value * f) / f
}

/** The rules an indicator of class `disclosure` is published with for `audience`; undefined: withheld. */
const rulesOf = (
  indicator: Indicator | undefined,
  audience: Disclosure.Audience,
  configuration: Disclosure.Configuration,
): Disclosure.Rules | undefined => {
  if (indicator === undefined) return undefined
  const rules = Disclosure.rulesForIndicator(indicator.disclosure, audience, configuration)
  return rules._tag === "Some" ? rules.value : undefined
}

/** A count table as published, with the Netherlands (or any area outside the region) protected on its own. */
const countTable = (
  sources: Sources,
  id: IndicatorId,
  rules: Disclosure.Rules,
): {
  readonly cell: (area: string, period: string) => Cell
  readonly region: (period: string) => Cell
} => {
  const values = sources.values(id)
  const table = protectCounts(sources.region, sources.municipalities, values, rules)
  const inRegion = new Set<string>(sources.municipalities)
  const alone = (area: string, period: string): Cell => {
    const value = values.get(period)?.get(area)
    if (value === undefined) return noData
    const cell = Disclosure.protectCount(Math.max(0, Math.round(value)), rules)
    return cell._tag === "Shown" ? cell : hiddenCount
  }
  return {
    cell: (area, period) => (inRegion.has(area) ? table.cell(area, period) : alone(area, period)),
    region: table.region,
  }
}

/**
 * The published table of `indicator` for `audience`: counts protected once over the whole region, rates from their
 * protected numerator, means shown only on enough persons. The same sources, indicator and audience always give
 * the same table.
 */
export const publish = (
  sources: Sources,
  indicator: Indicator,
  audience: Disclosure.Audience,
  configuration: Disclosure.Configuration = {},
): Table => {
  const kind = kindOf(indicator)
  const base = { indicator: indicator.id, kind, unit: indicator.unit }
  const own = rulesOf(indicator, audience, configuration)
  if (own === undefined) return { ...base, cell: () => withheld, region: () => withheld }
  const rule = indicator.aggregation
  if (rule._tag === "Ratio") {
    const numerator = sources.indicators.get(rule.numerator)
    const denominator = sources.indicators.get(rule.denominator)
    const numeratorRules = rulesOf(numerator, audience, configuration)
    const denominatorRules = rulesOf(denominator, audience, configuration)
    if (numerator === undefined || denominator === undefined)
      return { ...base, cell: () => noData, region: () => noData }
    if (numeratorRules === undefined || denominatorRules === undefined) {
      return { ...base, cell: () => withheld, region: () => withheld }
    }
    const top = countTable(sources, numerator.id, numeratorRules)
    const bottom = countTable(sources, denominator.id, denominatorRules)
    const places = decimals(indicator.unit)
    // A denominator observed per year (population) serves the year's finer periods.
    const below = (pick: (period: string) => Cell, period: string): Cell | undefined => {
      const known = sources.values(denominator.id)
      const p = known.has(period) ? period : Period.year(Period.Period.make(period))
      return known.has(p) ? pick(p) : undefined
    }
    const rate = (n: Cell, d: Cell | undefined): Cell => {
      if (n._tag !== "Shown") return n
      if (d === undefined || d._tag !== "Shown" || d.value <= 0) return d?._tag === "Suppressed" ? d : noData
      return Shown.make({ value: roundTo((rule.scale * n.value) / d.value, places) })
    }
    return {
      ...base,
      cell: (area, period) =>
        rate(
          top.cell(area, period),
          below((p) => bottom.cell(area, p), period),
        ),
      region: (period) =>
        rate(
          top.region(period),
          below((p) => bottom.region(p), period),
        ),
    }
  }
  if (rule._tag === "Mean") {
    const values = sources.values(indicator.id)
    const countId = rule.count
    const counts = countId === undefined ? undefined : sources.values(countId)
    const minimum = Disclosure.minimumBaseOf(own)
    const places = decimals(indicator.unit)
    const smallBase: Cell = Disclosure.Suppressed.make({ reason: "small-base" })
    const mean = (pairs: ReadonlyArray<readonly [number | undefined, number | undefined]>): Cell => {
      let weighted = 0
      let persons = 0
      let seen = false
      for (const [v, n] of pairs) {
        if (v === undefined) continue
        seen = true
        if (n === undefined || n <= 0) continue
        weighted += v * n
        persons += n
      }
      if (!seen) return noData
      if (counts === undefined || persons < Math.max(1, minimum)) return smallBase
      return Shown.make({ value: roundTo(weighted / persons, places) })
    }
    return {
      ...base,
      cell: (area, period) => mean([[values.get(period)?.get(area), counts?.get(period)?.get(area)]]),
      region: (period) =>
        mean(
          Membership.membersThroughout(
            sources.region,
            Period.start(Period.Period.make(period)),
            Period.end(Period.Period.make(period)),
          ).map((m) => [values.get(period)?.get(m), counts?.get(period)?.get(m)] as const),
        ),
    }
  }
  if (rule._tag === "Median") {
    const medians = sources.medians?.(indicator.id)
    const minimum = Math.max(1, Disclosure.minimumBaseOf(own))
    const show = (m: MedianValue | undefined): Cell =>
      m === undefined
        ? noData
        : m.base < minimum
          ? Disclosure.Suppressed.make({ reason: "small-base" })
          : Shown.make({ value: m.value })
    return {
      ...base,
      cell: (area, period) => show(medians?.cells.get(period)?.get(area)),
      region: (period) => show(medians?.region.get(period)),
    }
  }
  const table = countTable(sources, indicator.id, own)
  return { ...base, cell: table.cell, region: table.region }
}
