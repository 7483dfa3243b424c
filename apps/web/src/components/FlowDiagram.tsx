/**
 * The flows of one year as a diagram drawn on the server (plain SVG, no script): from the opvang to beschermd wonen,
 * and the departures splitting into those according to plan and the others, with those who came back within a year
 * under the first and those out of view under the second. Every bar and band is as wide as the number of persons it
 * stands for, on one scale; a hidden value is a dashed outline of no particular size saying "verborgen", and a value
 * that is not known says "geen gegevens". The SVG has a title and a description with every number, and the table
 * beside it carries the same numbers.
 */
import type { FlowArea, FlowCell } from "../DashboardSource.js"
import * as Format from "../Format.js"

/** The keys of the rows the diagram draws. */
const keys = {
  throughflow: "bo-doorstroom-opvang-bw",
  departures: "bo-uitstroom",
  planned: "bo-uitstroom-volgens-plan",
  others: "bo-uitstroom-anders",
  returns: "bo-terugkeer-12m",
  outOfView: "bo-uit-beeld",
} as const

const width = 360
const gap = 20
const column = (width - gap) / 2
const bar = 10
/** The width of a hidden or unknown value's outline: the same for every one, so it says nothing about its size. */
const unsized = 64
const lineHeight = 18

const none: FlowCell = { value: null, suppressed: false, provisional: false, provisionalUntil: null }

/** A value in words: "120 personen", "verborgen" or "geen gegevens", with ", voorlopig" when it may change. */
export const valueText = (cell: FlowCell): string =>
  cell.suppressed
    ? "verborgen"
    : cell.value === null
      ? "geen gegevens"
      : `${Format.number(cell.value)} ${cell.value === 1 ? "persoon" : "personen"}${cell.provisional ? ", voorlopig" : ""}`

const shown = (cell: FlowCell): number | null => (cell.suppressed ? null : cell.value)

/** One node: its two lines of text, and its bar at `x` with a width on the scale, or none when not shown. */
interface Node {
  readonly label: string
  readonly cell: FlowCell
  readonly x: number
  readonly y: number
  /** The bar's width on the scale; null when the value is hidden or unknown. */
  readonly w: number | null
}

const barTop = (n: Node) => n.y + 2 * lineHeight - 4
const barBottom = (n: Node) => barTop(n) + bar

/** A band from `from` (its part from `offset`, `size` wide) down to `to`, or a dashed line when a size is unknown. */
const Band = ({ from, to, offset = 0 }: { readonly from: Node; readonly to: Node; readonly offset?: number }) => {
  const y0 = barBottom(from)
  const y1 = barTop(to)
  const mid = (y0 + y1) / 2
  if (from.w === null || to.w === null) {
    const x0 = from.x + (from.w === null ? unsized / 2 : Math.min(offset, from.w))
    const x1 = to.x + (to.w === null ? unsized / 2 : 0)
    return (
      <path
        class="baken-flow__link baken-flow__link--unsized"
        d={`M${x0.toFixed(1)} ${y0}C${x0.toFixed(1)} ${mid} ${x1.toFixed(1)} ${mid} ${x1.toFixed(1)} ${y1}`}
      />
    )
  }
  if (to.w <= 0) return null
  const a0 = from.x + offset
  const a1 = a0 + to.w
  const b0 = to.x
  const b1 = to.x + to.w
  const f = (n: number) => n.toFixed(1)
  return (
    <path
      class="baken-flow__band"
      d={`M${f(a0)} ${y0}C${f(a0)} ${mid} ${f(b0)} ${mid} ${f(b0)} ${y1}L${f(b1)} ${y1}C${f(b1)} ${mid} ${f(a1)} ${mid} ${f(a1)} ${y0}Z`}
    />
  )
}

/** A node: its name, its value in words, and its bar (or a dashed outline). */
const NodeView = ({ node }: { readonly node: Node }) => {
  const status = node.cell.suppressed ? "verborgen" : node.cell.value === null ? "leeg" : "getoond"
  return (
    <g class={`baken-flow__node baken-flow__node--${status}`} data-status={status}>
      <text class="baken-flow__label" x={node.x} y={node.y + lineHeight - 4}>
        {node.label}
      </text>
      <text class="baken-flow__value" x={node.x} y={node.y + 2 * lineHeight - 8}>
        {valueText(node.cell)}
      </text>
      {node.w === null ? (
        <rect
          class="baken-flow__bar baken-flow__bar--unsized"
          x={node.x}
          y={barTop(node)}
          width={unsized}
          height={bar}
        />
      ) : (
        <rect class="baken-flow__bar" x={node.x} y={barTop(node)} width={Math.max(node.w, 1.5)} height={bar} />
      )}
    </g>
  )
}

/** The flows of `area` in the year at `index` of its rows' cells. */
export const FlowDiagram = ({
  area,
  year,
  index,
  id,
}: {
  readonly area: FlowArea
  readonly year: string
  readonly index: number
  readonly id: string
}) => {
  const cell = (key: string): FlowCell => area.rows.find((r) => r.key === key)?.cells[index] ?? none
  const t = cell(keys.throughflow)
  const u = cell(keys.departures)
  const p = cell(keys.planned)
  const a = cell(keys.others)
  const r = cell(keys.returns)
  const o = cell(keys.outOfView)
  const top = Math.max(0, ...[t, u].map((c) => shown(c) ?? 0))
  const split = Math.max(0, ...[p, a, r, o].map((c) => shown(c) ?? 0))
  // One scale for every bar: the widest top bar fits the width, the widest part fits its column.
  const unit = Math.min(top > 0 ? width / top : Infinity, split > 0 ? column / split : Infinity)
  const scale = Number.isFinite(unit) ? unit : 0
  const node = (label: string, c: FlowCell, x: number, y: number): Node => {
    const v = shown(c)
    return { label, cell: c, x, y, w: v === null ? null : v * scale }
  }
  // Baken counts who moves on from opvang to beschermd wonen, not everyone who leaves opvang: one bar, no band.
  const through = node("Van opvang naar beschermd wonen", t, 0, 0)
  const out = node("Uitstroom", u, 0, 90)
  const planned = node("Volgens plan", p, 0, 170)
  const others = node("Anders of voortijdig", a, column + gap, 170)
  const back = node("Terug binnen een jaar", r, 0, 250)
  const lost = node("Uit beeld", o, column + gap, 250)
  const height = barBottom(back) + 4
  const plannedWidth = planned.w ?? 0
  const description = [
    `Van de opvang naar beschermd wonen binnen 90 dagen: ${valueText(t)}.`,
    `Uitstroom: ${valueText(u)}; daarvan volgens plan: ${valueText(p)}, anders of voortijdig: ${valueText(a)}.`,
    `Van wie volgens plan vertrok, binnen een jaar terug: ${valueText(r)}.`,
    `Van wie voortijdig vertrok, uit beeld: ${valueText(o)}.`,
  ].join(" ")
  return (
    <figure class="baken-flow">
      <svg
        class="baken-flow__svg"
        viewBox={`-2 -2 ${width + 4} ${height + 4}`}
        role="img"
        aria-labelledby={`${id}-titel ${id}-beschrijving`}
        data-year={year}
      >
        <title id={`${id}-titel`}>{`Stromen in ${area.name} in ${year}`}</title>
        <desc id={`${id}-beschrijving`}>{description}</desc>
        <Band from={out} to={planned} />
        <Band from={out} to={others} offset={plannedWidth} />
        <Band from={planned} to={back} />
        <Band from={others} to={lost} />
        {[through, out, planned, others, back, lost].map((n) => (
          <NodeView node={n} />
        ))}
      </svg>
      <figcaption class="utrecht-paragraph baken-note">
        Stromen in {area.name} in {year}. Elke balk en elke band is zo breed als het aantal personen; een gestreepte
        rand is een verborgen of onbekend cijfer en zegt niets over de grootte. Dezelfde cijfers staan in de tabel.
      </figcaption>
    </figure>
  )
}
