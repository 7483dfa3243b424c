/**
 * An indicator over time as a figure: a chart of the years (drawn by the enhancement script with Chart.js from the
 * table's own numbers), beside it the table those numbers live in (server-rendered, so it works without JavaScript),
 * the finer periods (quarters, months) in a separate table behind "Per kwartaal", a CSV link with the same numbers,
 * and the disclosure note when a cell was hidden. Years and finer periods never share a table or a chart axis.
 */
import type { Series, SeriesRow } from "../DashboardSource.js"
import * as SeriesPeriods from "../SeriesPeriods.js"
import { CellValue } from "./CellValue.js"
import { DisclosureNote } from "./DisclosureNote.js"

/** Props: the series, where its CSV lives, whether to draw a chart, and the heading level for its title. */
export interface SeriesFigureProps {
  readonly series: Series
  readonly csvHref: string
  readonly chart?: boolean
  readonly level?: 2 | 3 | 4
  readonly threshold: number
  /** The header of the first column, naming what the rows are ("Gebied", "Indicator"). */
  readonly rowHeading?: string
}

/** What a row stands for, as a table and the chart script read it. */
const kindClass = (row: SeriesRow): string => `utrecht-table__row baken-row--${row.kind}`

/**
 * A table of a series' rows over periods of one kind: a caption, a header per period, a row header per row (kept
 * whole words, sticky when the numbers scroll sideways inside the table's own container).
 */
export const SeriesTable = ({
  id,
  caption,
  periods,
  rows,
  rowHeading,
}: {
  readonly id: string
  readonly caption: string
  readonly periods: ReadonlyArray<string>
  readonly rows: ReadonlyArray<SeriesRow>
  readonly rowHeading: string
}) => (
  <section class="baken-scroll" aria-labelledby={`${id}-bijschrift`} tabindex={0}>
    <table
      class={`utrecht-table utrecht-table--html-table baken-sticky-first${
        rows.some((r) => r.kind !== rows[0]?.kind) ? " baken-rows--mixed" : ""
      }`}
      id={id}
    >
      <caption id={`${id}-bijschrift`} class="utrecht-table__caption">
        {caption}
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class="utrecht-table__header-cell" scope="col">
            {rowHeading}
          </th>
          {periods.map((p) => (
            <th
              class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column"
              scope="col"
              data-period={p}
            >
              {SeriesPeriods.label(p)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {rows.map((row) => (
          <tr class={kindClass(row)} data-kind={row.kind} data-label={row.label}>
            <th class="utrecht-table__header-cell baken-row-header" scope="row">
              {row.label}
            </th>
            {periods.map((_, i) => (
              <CellValue cell={row.cells[i] ?? { value: null, suppressed: false }} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)

/** A title with its unit in brackets, stated once: "Wachttijd (dagen)", but "Instroom per 1.000 inwoners" as it is. */
export const titleWithUnit = (title: string, unit: string): string =>
  unit === "" || title.toLowerCase().includes(unit.toLowerCase()) ? title : `${title} (${unit})`

/** The figure. */
export const SeriesFigure = ({
  series,
  csvHref,
  chart = true,
  level = 3,
  threshold,
  rowHeading = "Reeks",
}: SeriesFigureProps) => {
  const id = `reeks-${series.id}`
  const Heading = `h${level}` as "h2" | "h3" | "h4"
  const hidden = [...series.rows, ...(series.detail?.rows ?? [])].some((r) => r.cells.some((c) => c.suppressed))
  const detail = series.detail !== null && series.detail.periods.length > 0 ? series.detail : null
  const drawn = chart && series.periods.length > 0
  return (
    <section class="baken-figure" aria-labelledby={`${id}-titel`}>
      <Heading id={`${id}-titel`} class={`utrecht-heading-${level}`}>
        {series.title}
      </Heading>
      <p class="utrecht-paragraph">
        {series.definition}
        {series.unit === "" ? null : ` Eenheid: ${series.unit}.`}
      </p>
      {series.periods.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn nog geen jaarcijfers gepubliceerd.</p>
      ) : (
        <div class={drawn ? "baken-figure__body baken-figure__body--chart" : "baken-figure__body"}>
          {drawn ? (
            <div
              class="baken-chart"
              data-chart-for={id}
              data-unit={series.unit}
              role="img"
              aria-label={`Grafiek van ${series.title} per jaar; dezelfde cijfers staan in de tabel bij deze grafiek.`}
            />
          ) : null}
          <SeriesTable
            id={id}
            caption={`${titleWithUnit(series.title, series.unit)}, per jaar`}
            periods={series.periods}
            rows={series.rows}
            rowHeading={rowHeading}
          />
        </div>
      )}
      {detail === null ? null : (
        <details class="baken-detail" data-detail-for={id}>
          <summary>
            {SeriesPeriods.detailHeading(detail.periods)}
            <span class="baken-sr"> — {series.title}</span>
          </summary>
          <SeriesTable
            id={`${id}-detail`}
            caption={`${titleWithUnit(series.title, series.unit)}, ${SeriesPeriods.detailHeading(detail.periods).toLowerCase()}`}
            periods={detail.periods}
            rows={detail.rows}
            rowHeading={rowHeading}
          />
        </details>
      )}
      {hidden ? <DisclosureNote threshold={threshold} compact /> : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href={csvHref} download={`${series.id}.csv`}>
          Download de cijfers van {series.title} als CSV
        </a>
      </p>
    </section>
  )
}
