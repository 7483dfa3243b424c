/**
 * The flows of people through Bescherming en Opvang as the page "Niemand uit beeld" shows them: per area (the region
 * and each member) and per year of the plan, the measures of `Flow` in the order the flow runs (opvang → beschermd
 * wonen; uitstroom, split into volgens plan and anders of voortijdig; terugkeer; uit beeld; nazorg na detentie; the
 * median stay), each value a cell of the API's published tables with whether it is still provisional.
 *
 * One value is not published but worked out here: the departures other than according to plan, the departures
 * minus those according to plan. Anyone can subtract two shown figures, so it says nothing new; it is shown only
 * where both are shown, and hidden where either is hidden, so it never gives away a hidden value.
 */
import { CalendarDate, Flow, type Ids, Indicator, Period } from "@baken/domain"
import type { PublishedCell, PublishedIndicator } from "../Figures.js"
import type { FlowArea, FlowCell, FlowRow } from "./Views.js"

/** The key of the departures other than according to plan (uitstroom minus uitstroom volgens plan). */
export const othersKey = "bo-uitstroom-anders"

/**
 * The rows in the order the flow runs: how deep each sits under another, and its step in the flow in a few words (a
 * row under another reads "waarvan …"); the measure's full name and definition come from the plan.
 */
export const layout: ReadonlyArray<{ readonly key: string; readonly depth: 0 | 1 | 2; readonly step: string }> = [
  { key: Flow.ids.throughflow, depth: 0, step: "Van opvang naar beschermd wonen" },
  { key: Flow.ids.departures, depth: 0, step: "Uitstroom" },
  { key: Flow.ids.departuresAccordingToPlan, depth: 1, step: "volgens plan" },
  { key: Flow.ids.returns, depth: 2, step: "binnen een jaar terug" },
  { key: othersKey, depth: 1, step: "anders of voortijdig" },
  { key: Flow.ids.outOfView, depth: 2, step: "uit beeld" },
  { key: Flow.ids.aftercare, depth: 0, step: "Nazorg binnen 30 dagen na detentie" },
  { key: Flow.ids.stayLength, depth: 0, step: "Verblijfsduur, mediaan" },
]

/** The name and definition of the derived row. */
const others = {
  name: "Uitstroom anders of voortijdig",
  definition:
    "De uitstroom min de uitstroom volgens plan: wie vertrok zonder dat de levering volgens plan eindigde. Alleen getoond als beide cijfers getoond zijn.",
}

const empty: FlowCell = { value: null, suppressed: false, provisional: false, provisionalUntil: null }

/** A published cell with whether it is provisional on `on`: only a known or hidden value is. */
export const flowCell = (
  cell: PublishedCell | undefined,
  indicator: Indicator.Indicator,
  period: string,
  on: CalendarDate.CalendarDate,
): FlowCell => {
  // A figure withheld from this reader is, to them, a figure that does not exist.
  if (cell === undefined || cell._tag === "NoData" || cell._tag === "Withheld") return empty
  const end = Period.end(Period.Period.make(period))
  const provisional = Indicator.isProvisional(indicator, end, on)
  return {
    ...(cell._tag === "Shown" ? { value: cell.value, suppressed: false } : { value: null, suppressed: true }),
    provisional,
    provisionalUntil: provisional ? CalendarDate.addDays(end, indicator.provisionalForDays ?? 0) : null,
  }
}

/**
 * The departures other than according to plan from the departures and those according to plan: the difference
 * where both are shown; hidden where either is hidden; unknown otherwise. Never from a hidden value.
 */
export const othersCell = (all: FlowCell, accordingToPlan: FlowCell): FlowCell => {
  if (all.suppressed || accordingToPlan.suppressed) return { ...empty, suppressed: true }
  if (all.value === null || accordingToPlan.value === null) return empty
  const until = [all.provisionalUntil, accordingToPlan.provisionalUntil]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1)
  return {
    value: Math.max(0, all.value - accordingToPlan.value),
    suppressed: false,
    provisional: all.provisional || accordingToPlan.provisional,
    provisionalUntil: until ?? null,
  }
}

/** What the rows of one area are built from. */
export interface AreaInput {
  readonly key: string
  readonly name: string
  readonly kind: FlowArea["kind"]
  /** The area's published cells of `table` (its row, or the region's totals). */
  readonly cells: (table: PublishedIndicator) => ReadonlyArray<PublishedCell>
}

/**
 * The flows of one area over `years`: a row per measure the plan defines (and the derived departures other than
 * according to plan when it defines both parts), in the order of `layout`.
 */
export const areaOf = (
  area: AreaInput,
  tables: ReadonlyArray<PublishedIndicator>,
  indicators: ReadonlyMap<string, Indicator.Indicator>,
  years: ReadonlyArray<string>,
  on: CalendarDate.CalendarDate,
): FlowArea => {
  const rowOf = (id: string): FlowRow | undefined => {
    const table = tables.find((t) => t.indicator === id)
    const indicator = indicators.get(id)
    if (table === undefined || indicator === undefined) return undefined
    const cells = area.cells(table)
    const place = layout.find((l) => l.key === id)
    return {
      key: id,
      label: place?.step ?? indicator.name,
      name: indicator.name,
      unit: indicator.unit === "days" ? "dagen" : "personen",
      definition: indicator.definition,
      derived: false,
      depth: place?.depth ?? 0,
      cells: years.map((y) => flowCell(cells[table.periods.indexOf(y)], indicator, y, on)),
    }
  }
  const rows = new Map<string, FlowRow>()
  for (const { key } of layout) {
    const row = rowOf(key)
    if (row !== undefined) rows.set(key, row)
  }
  const all = rows.get(Flow.ids.departures)
  const planned = rows.get(Flow.ids.departuresAccordingToPlan)
  if (all !== undefined && planned !== undefined) {
    rows.set(othersKey, {
      key: othersKey,
      label: "anders of voortijdig",
      ...others,
      unit: "personen",
      derived: true,
      depth: 1,
      cells: years.map((_, j) => othersCell(all.cells[j] ?? empty, planned.cells[j] ?? empty)),
    })
  }
  return {
    key: area.key,
    name: area.name,
    kind: area.kind,
    rows: layout.flatMap(({ key }) => {
      const row = rows.get(key)
      return row === undefined ? [] : [row]
    }),
  }
}

/**
 * The year the diagram draws first: the latest year that has ended on `on` with a shown figure for the region, else
 * the latest year with one, else the last year.
 */
export const defaultYear = (region: FlowArea, years: ReadonlyArray<string>, on: CalendarDate.CalendarDate): string => {
  const shown = years.filter((_, j) => region.rows.some((r) => r.cells[j]?.value !== null))
  const ended = shown.filter((y) => Period.end(Period.Period.make(y)) < on)
  return ended.at(-1) ?? shown.at(-1) ?? years.at(-1) ?? String(Number(on.slice(0, 4)))
}

/** The measures' ids, for asking the published tables. */
export const measureIds: ReadonlyArray<Ids.IndicatorId> = [...Flow.countIds, Flow.ids.stayLength]
