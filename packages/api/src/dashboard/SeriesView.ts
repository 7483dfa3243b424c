/**
 * Published tables as the dashboard lays them out: a series per indicator with one granularity in its columns (the
 * years) and the quarters as a detail of their own, rows for the municipalities, the region, the plan's target and
 * the Netherlands. Only cells of the API's published tables come in, so nothing here can show a hidden figure.
 */
import { type Indicator, Period, type Target } from "@baken/domain"
import type { PublishedCell, PublishedIndicator } from "../Figures.js"
import type { Cell, Series, SeriesRow } from "./Views.js"

/** Dutch names of the domain's indicator units. */
export const unitNl: Record<Indicator.Unit, string> = {
  count: "aantal",
  percentage: "procent",
  "per-1000-residents": "per 1.000 inwoners",
  days: "dagen",
  "euro-cents": "eurocent",
  residents: "inwoners",
}

/** A name with its unit, stated once: "Wachttijd (dagen)" stays so, never "Wachttijd (dagen) (dagen)". */
export const withUnit = (name: string, unit: string): string =>
  name.toLowerCase().includes(unit.toLowerCase()) ? name : `${name} (${unit})`

/** An indicator's name with its Dutch unit, stated once. */
export const nameWithUnit = (indicator: Indicator.Indicator): string => withUnit(indicator.name, unitNl[indicator.unit])

/** A published cell as a page shows it: a value, hidden by disclosure control, or not known ("–"). */
export const cellOf = (cell: PublishedCell | undefined): Cell =>
  cell === undefined || cell._tag === "NoData"
    ? { value: null, suppressed: false }
    : cell._tag === "Shown"
      ? { value: cell.value, suppressed: false }
      : { value: null, suppressed: true }

const isYear = (p: string): boolean => Period.kind(p as Period.Period) === "year"

/**
 * The finer periods shown beside the years, of one kind: the quarters where there are any, else the half years, else
 * the months, so a detail table never sets a quarter beside a month.
 */
export const finerPeriods = (periods: ReadonlyArray<string>): ReadonlyArray<string> => {
  const kinds = new Set(periods.map((p) => Period.kind(p as Period.Period)))
  const kind = (["quarter", "half", "month"] as const).find((k) => kinds.has(k))
  return periods.filter((p) => Period.kind(p as Period.Period) === kind)
}

/**
 * A published table without the periods that hold nothing: a period is kept when its region total or any
 * municipality's cell is known (a shown 0 region total is how the published table writes "no observation").
 */
export const withData = (table: PublishedIndicator): PublishedIndicator => {
  const keep = table.periods.flatMap((_, j) => {
    const total = table.regionTotals[j]
    const empty = total?._tag === "NoData" && table.cells.every((row) => row[j]?._tag === "NoData")
    return empty || (total?._tag === "Shown" && total.value === 0) ? [] : [j]
  })
  return {
    ...table,
    periods: keep.map((j) => table.periods[j] ?? ""),
    cells: table.cells.map((row) => keep.map((j) => row[j] as PublishedCell)),
    regionTotals: keep.map((j) => table.regionTotals[j] as PublishedCell),
    netherlands: keep.map((j) => table.netherlands[j] ?? noData),
    provisional: keep.map((j) => table.provisional[j] ?? false),
  }
}

const noData: PublishedCell = { _tag: "NoData" }

/** What a series is built from besides its table. */
export interface SeriesInput {
  readonly indicator: Indicator.Indicator | undefined
  readonly targets: ReadonlyArray<Target.Target>
  readonly regionName: string
  readonly nameOf: (code: string) => string
  /** The Dutch benchmark per period, where known; without it, the table's own `netherlands` cells (from CBS). */
  readonly benchmark?: ReadonlyMap<string, number>
}

const rowsFor = (
  table: PublishedIndicator,
  periods: ReadonlyArray<string>,
  input: SeriesInput,
): ReadonlyArray<SeriesRow> => {
  const at = (cells: ReadonlyArray<PublishedCell>) => periods.map((p) => cellOf(cells[table.periods.indexOf(p)]))
  const targets = input.targets.filter((t) => t.indicator === table.indicator && periods.includes(t.period))
  const benchmark = input.benchmark
  // The Netherlands as the published table has it (delivered through the CBS adapter), when any period is known.
  const national = at(table.netherlands)
  const nationalRow =
    benchmark === undefined && national.some((c) => c.value !== null || c.suppressed)
      ? [{ key: "nederland", label: "Nederland", kind: "benchmark" as const, cells: national }]
      : []
  return [
    ...table.municipalities
      .map((code, i) => ({
        key: code,
        label: input.nameOf(code),
        kind: "municipality" as const,
        cells: at(table.cells[i] ?? []),
      }))
      .sort((a, b) => a.label.localeCompare(b.label, "nl")),
    { key: "regio", label: input.regionName, kind: "region" as const, cells: at(table.regionTotals) },
    ...nationalRow,
    ...(benchmark === undefined || !periods.some((p) => benchmark.has(p))
      ? []
      : [
          {
            key: "nederland",
            label: "Nederland",
            kind: "benchmark" as const,
            cells: periods.map((p) => ({ value: benchmark.get(p) ?? null, suppressed: false })),
          },
        ]),
    ...(targets.length === 0
      ? []
      : [
          {
            key: "doel",
            label: "Streefwaarde regio",
            kind: "target" as const,
            cells: periods.map((p) => ({
              value: targets.find((t) => t.period === p)?.value ?? null,
              suppressed: false,
            })),
          },
        ]),
  ]
}

/**
 * An indicator's series: the years in its columns (or the finer periods when it has no yearly figures) and the
 * quarters as its detail, never the two in one table.
 */
export const seriesOf = (table: PublishedIndicator, input: SeriesInput): Series => {
  // A yearly target is shown in its year even before that year has figures.
  const targetYears = input.targets
    .filter((t) => t.indicator === table.indicator && isYear(t.period))
    .map((t) => t.period)
  const years = [...new Set([...table.periods.filter(isYear), ...targetYears])].sort()
  const finer = finerPeriods(table.periods)
  const periods = years.length > 0 ? years : finer
  const detailPeriods = years.length > 0 ? finer : []
  const indicator = input.indicator
  return {
    id: table.indicator,
    title: indicator?.name ?? table.indicator,
    unit: indicator === undefined ? "" : unitNl[indicator.unit],
    definition: indicator?.definition ?? "",
    periods,
    rows: rowsFor(table, periods, input),
    detail: detailPeriods.length === 0 ? null : { periods: detailPeriods, rows: rowsFor(table, detailPeriods, input) },
  }
}

/** A comparison of one municipality with its region and the Netherlands (`indicator.compare`'s answer). */
export interface ComparisonAnswer {
  readonly municipality: { readonly code: string; readonly name: string }
  readonly indicators: ReadonlyArray<{
    readonly indicator: string
    /** Whether the values are rates per 1,000 inhabitants computed from a count. */
    readonly rate: boolean
    readonly title: string
    readonly unitLabel: string
    readonly periods: ReadonlyArray<string>
    readonly rows: ReadonlyArray<{
      readonly kind: "municipality" | "region" | "netherlands"
      readonly area: string
      readonly name: string
      readonly cells: ReadonlyArray<Cell>
    }>
  }>
}

/**
 * The comparison as series, one per indicator that has a figure: the municipality, the region and the Netherlands
 * as rows (rates per 1,000 inhabitants where the indicator has one), years as columns.
 */
export const comparisons = (answer: ComparisonAnswer, regionName: string): ReadonlyArray<Series> => {
  // A count shown as a rate can be the plan's own rate indicator over again (instroom and instroom per 1.000): the
  // same numbers are shown once.
  const seen = new Set<string>()
  const idOf = (c: ComparisonAnswer["indicators"][number]) =>
    c.rate && !c.indicator.endsWith("-per-1000") ? `${c.indicator}-per-1000` : c.indicator
  const once = answer.indicators.filter((c) => {
    const key = JSON.stringify([c.periods, c.rows.map((r) => r.cells)])
    if (seen.has(key) || seen.has(idOf(c))) return false
    seen.add(key)
    seen.add(idOf(c))
    return true
  })
  return once
    .filter((c) => c.rows.some((r) => r.cells.some((cell) => cell.value !== null || cell.suppressed)))
    .map((c) => ({
      // A count shown as a rate is another figure than the count: its CSV must never deliver rates as counts.
      id: idOf(c),
      title: c.title,
      unit: c.unitLabel,
      // The unit is `unit`, which the page states once after the definition.
      definition: `${answer.municipality.name} naast de regio${c.rows.some((r) => r.kind === "netherlands" && r.cells.some((x) => x.value !== null)) ? " en Nederland" : ""}.`,
      periods: c.periods,
      rows: c.rows
        .filter((r) => r.kind !== "netherlands" || r.cells.some((x) => x.value !== null))
        .map((r) => ({
          key: r.kind === "municipality" ? r.area : r.kind === "region" ? "regio" : "nederland",
          label: r.kind === "region" ? regionName : r.name,
          kind: r.kind === "netherlands" ? ("benchmark" as const) : r.kind,
          cells: r.cells,
        })),
      detail: null,
    }))
}
