/**
 * An indicator over time as a figure: a chart (drawn by the enhancement script with Chart.js from the table's own
 * numbers), the table those numbers live in (server-rendered, so it works without JavaScript), a CSV link with the
 * same numbers, and the disclosure note when a cell was hidden.
 */
import type { Series } from "../DashboardSource.js"
import { CellValue } from "./CellValue.js"
import { DisclosureNote } from "./DisclosureNote.js"

/** Props: the series, where its CSV lives, whether to draw a chart, and the heading level for its title. */
export interface SeriesFigureProps {
  readonly series: Series
  readonly csvHref: string
  readonly chart?: boolean
  readonly level?: 2 | 3 | 4
  readonly threshold: number
}

/** The figure. */
export const SeriesFigure = ({ series, csvHref, chart = true, level = 3, threshold }: SeriesFigureProps) => {
  const id = `reeks-${series.id}`
  const Heading = `h${level}` as "h2" | "h3" | "h4"
  const hidden = series.rows.some((r) => r.cells.some((c) => c.suppressed))
  return (
    <section class="baken-figure" aria-labelledby={`${id}-titel`}>
      <Heading id={`${id}-titel`} class={`utrecht-heading-${level}`}>
        {series.title}
      </Heading>
      <p class="utrecht-paragraph">
        {series.definition}
        {series.unit === "" ? null : ` Eenheid: ${series.unit}.`}
      </p>
      {chart ? (
        <div
          class="baken-chart"
          data-chart-for={id}
          data-unit={series.unit}
          role="img"
          aria-label={`Grafiek van ${series.title}; dezelfde cijfers staan in de tabel hieronder.`}
        />
      ) : null}
      <section class="baken-scroll" aria-labelledby={`${id}-bijschrift`} tabindex={0}>
        <table class="utrecht-table utrecht-table--html-table" id={id}>
          <caption id={`${id}-bijschrift`} class="utrecht-table__caption">
            {series.title}
            {series.unit === "" ? "" : ` (${series.unit})`}, per periode
          </caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Reeks
              </th>
              {series.periods.map((p) => (
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {series.rows.map((row) => (
              <tr class="utrecht-table__row" data-kind={row.kind} data-label={row.label}>
                <th class="utrecht-table__header-cell" scope="row">
                  {row.label}
                </th>
                {row.cells.map((cell) => (
                  <CellValue cell={cell} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {hidden ? <DisclosureNote threshold={threshold} compact /> : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href={csvHref} download={`${series.id}.csv`}>
          Download de cijfers van {series.title} als CSV
        </a>
      </p>
    </section>
  )
}
