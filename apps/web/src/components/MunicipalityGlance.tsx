/**
 * The members at a glance: one small chart per municipality for one key indicator (small multiples), all on the same
 * scale, each with the region (and the Netherlands, where known) as reference lines, and the latest figure written
 * out beside it. The charts are plain SVG drawn on the server, so they need no script; the numbers are also in text
 * and in a table behind "Alle cijfers in een tabel".
 */
import type { Cell, Series, SeriesRow } from "../DashboardSource.js"
import * as Format from "../Format.js"
import { SeriesTable, titleWithUnit } from "./SeriesFigure.js"

const width = 180
const height = 84
const pad = { left: 4, right: 4, top: 12, bottom: 16 }

const shownValue = (c: Cell | undefined): number | null => (c === undefined || c.suppressed ? null : c.value)

/** An SVG path through the known values, broken where a value is hidden or missing. */
const pathOf = (cells: ReadonlyArray<Cell>, x: (i: number) => number, y: (v: number) => number): string => {
  let d = ""
  let pen = false
  cells.forEach((c, i) => {
    const v = shownValue(c)
    if (v === null) {
      pen = false
      return
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)} ${y(v).toFixed(1)}`
    pen = true
  })
  return d
}

/** The latest period with a shown value, or null. */
const latest = (row: SeriesRow, periods: ReadonlyArray<string>) => {
  for (let i = periods.length - 1; i >= 0; i--) {
    const v = shownValue(row.cells[i])
    if (v !== null) return { index: i, period: periods[i] ?? "", value: v }
  }
  return null
}

/** One municipality's sparkline with its reference lines. */
const Spark = ({
  row,
  references,
  targets,
  periods,
  max,
}: {
  readonly row: SeriesRow
  readonly references: ReadonlyArray<SeriesRow>
  readonly targets: ReadonlyArray<SeriesRow>
  readonly periods: ReadonlyArray<string>
  readonly max: number
}) => {
  const n = Math.max(periods.length - 1, 1)
  const x = (i: number) => pad.left + (width - pad.left - pad.right) * (periods.length === 1 ? 0.5 : i / n) + 0
  const y = (v: number) => pad.top + (height - pad.top - pad.bottom) * (1 - (max === 0 ? 0 : v / max))
  return (
    <svg class="baken-spark" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      <line class="baken-spark__axis" x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} />
      <line class="baken-spark__grid" x1={pad.left} x2={width - pad.right} y1={y(max)} y2={y(max)} />
      <text class="baken-spark__tick" x={pad.left} y={9}>
        {Format.number(max)}
      </text>
      <text class="baken-spark__tick" x={pad.left} y={height - 3}>
        {periods[0] ?? ""}
      </text>
      <text class="baken-spark__tick" x={width - pad.right} y={height - 3} text-anchor="end">
        {periods.at(-1) ?? ""}
      </text>
      {references.map((r) => (
        <path class={`baken-spark__line baken-spark__line--${r.kind}`} d={pathOf(r.cells, x, y)} />
      ))}
      {targets.flatMap((t) =>
        t.cells.flatMap((c, i) => {
          const v = shownValue(c)
          if (v === null) return []
          const cx = x(i)
          const cy = y(v)
          return [
            <path
              class="baken-spark__target"
              d={`M${cx - 4} ${cy - 4}L${cx + 4} ${cy + 4}M${cx - 4} ${cy + 4}L${cx + 4} ${cy - 4}`}
            />,
          ]
        }),
      )}
      <path class="baken-spark__line baken-spark__line--municipality" d={pathOf(row.cells, x, y)} />
      {row.cells.flatMap((c, i) => {
        const v = shownValue(c)
        return v === null ? [] : [<circle class="baken-spark__dot" cx={x(i)} cy={y(v)} r={2.5} />]
      })}
    </svg>
  )
}

/** The legend of the small charts, drawn with the same strokes. */
const Legend = ({ benchmark, target }: { readonly benchmark: boolean; readonly target: boolean }) => {
  const sample = (kind: string) => (
    <svg class="baken-spark__sample" viewBox="0 0 28 10" aria-hidden="true" focusable="false">
      {kind === "target" ? (
        <path class="baken-spark__target" d="M10 1L18 9M10 9L18 1" />
      ) : (
        <path class={`baken-spark__line baken-spark__line--${kind}`} d="M1 5L27 5" />
      )}
    </svg>
  )
  return (
    <ul class="baken-legend">
      <li>{sample("municipality")} de gemeente</li>
      <li>{sample("region")} de regio</li>
      {benchmark ? <li>{sample("benchmark")} Nederland</li> : null}
      {target ? <li>{sample("target")} streefwaarde</li> : null}
    </ul>
  )
}

/** The small multiples for `series`: a card per municipality with figures, linking to its page. */
export const MunicipalityGlance = ({
  series,
  regionName,
}: {
  readonly series: Series
  readonly regionName: string
}) => {
  const { periods } = series
  const municipalities = series.rows.filter(
    (r) => r.kind === "municipality" && r.cells.some((c) => c.value !== null || c.suppressed),
  )
  const references = series.rows.filter((r) => r.kind === "region" || r.kind === "benchmark")
  const targets = series.rows.filter((r) => r.kind === "target")
  const region = references.find((r) => r.kind === "region")
  const benchmark = references.find((r) => r.kind === "benchmark")
  const max = Math.max(
    0,
    ...series.rows.flatMap((r) => r.cells.flatMap((c) => (shownValue(c) === null ? [] : [shownValue(c) ?? 0]))),
  )
  const id = `overzicht-${series.id}`
  const title = titleWithUnit(series.title, series.unit)
  return (
    <section class="baken-glance" aria-labelledby={`${id}-titel`}>
      <h2 id={`${id}-titel`} class="utrecht-heading-2">
        De gemeenten in één oogopslag
      </h2>
      <p class="utrecht-paragraph">
        {title} per gemeente, per jaar, naast {regionName}
        {benchmark === undefined ? "" : " en Nederland"}. Alle grafieken hebben dezelfde schaal.
      </p>
      <Legend benchmark={benchmark !== undefined} target={targets.some((t) => t.cells.some((c) => c.value !== null))} />
      <ul class="baken-multiples">
        {municipalities.map((row) => {
          const last = latest(row, periods)
          const at = (r: SeriesRow | undefined) =>
            last === null || r === undefined ? null : shownValue(r.cells[last.index])
          const regionValue = at(region)
          const nlValue = at(benchmark)
          return (
            <li class="baken-multiple" data-municipality={row.key}>
              <h3 class="baken-multiple__name">
                <a class="utrecht-link utrecht-link--html-a" href={`/gemeenten/${row.key}`}>
                  {row.label}
                </a>
              </h3>
              <p class="baken-multiple__value">
                {last === null ? (
                  row.cells.some((c) => c.suppressed) ? (
                    "Cijfers verborgen: te kleine aantallen"
                  ) : (
                    "Geen cijfers"
                  )
                ) : (
                  <>
                    <strong>{Format.number(last.value)}</strong> in {last.period}
                    {regionValue === null ? null : (
                      <span class="baken-multiple__ref">
                        regio {Format.number(regionValue)}
                        {nlValue === null ? "" : `, Nederland ${Format.number(nlValue)}`}
                      </span>
                    )}
                  </>
                )}
              </p>
              <Spark row={row} references={references} targets={targets} periods={periods} max={max} />
            </li>
          )
        })}
      </ul>
      <details class="baken-detail">
        <summary>Alle cijfers in een tabel</summary>
        <SeriesTable
          id={id}
          caption={`${title} per gemeente, per jaar`}
          periods={periods}
          rows={series.rows}
          rowHeading="Gebied"
        />
      </details>
    </section>
  )
}
