/**
 * The page "Niemand uit beeld": who moves from the opvang to beschermd wonen, who leaves (according to plan, or
 * otherwise), who comes back within a year, who drops out of view, who gets aftercare after detention, and how long
 * a stay lasts — for the region or one municipality, as a diagram of one year and a table of every year of the plan,
 * with provisional values marked and a footnote saying until when, the disclosure note, and the plan's goal "Niemand
 * uit beeld na detentie" judged from the aftercare measure.
 */
import { DisclosureNote } from "../components/DisclosureNote.js"
import { Field, primaryButton, select } from "../components/Field.js"
import { FlowDiagram } from "../components/FlowDiagram.js"
import { ProgressMeter } from "../components/ProgressMeter.js"
import type { FlowArea, FlowCell, FlowsView } from "../DashboardSource.js"
import * as Format from "../Format.js"

/** The footnotes of the provisional values: one per day until which values are provisional, numbered from 1. */
export const footnotesOf = (area: FlowArea): ReadonlyArray<string> =>
  [
    ...new Set(
      area.rows.flatMap((r) =>
        r.cells.flatMap((c) => (c.provisional && c.provisionalUntil !== null ? [c.provisionalUntil] : [])),
      ),
    ),
  ].sort()

/** A number of the flows table: as `CellValue` writes it, and "voorlopig" with its footnote when it may change. */
const FlowValue = ({ cell, note }: { readonly cell: FlowCell; readonly note: number }) => (
  <td
    class="utrecht-table__cell utrecht-table__cell--numeric-column"
    data-value={cell.value === null ? "" : String(cell.value)}
    data-status={cell.suppressed ? "verborgen" : cell.value === null ? "leeg" : "getoond"}
    data-provisional={cell.provisional ? "ja" : "nee"}
  >
    {cell.suppressed ? (
      <span class="baken-suppressed">verborgen</span>
    ) : cell.value === null ? (
      <>
        <span aria-hidden="true">–</span>
        <span class="baken-sr">geen gegevens</span>
      </>
    ) : (
      Format.number(cell.value)
    )}
    {cell.provisional && note > 0 ? (
      <span class="baken-provisional">
        {" "}
        voorlopig
        <sup>
          <a class="utrecht-link utrecht-link--html-a" href={`#voorlopig-${note}`} aria-label={`voetnoot ${note}`}>
            {note}
          </a>
        </sup>
      </span>
    ) : null}
  </td>
)

/** The table of one area: the measures in the order the flow runs, the plan's years as columns. */
export const FlowTable = ({
  area,
  years,
  footnotes,
}: {
  readonly area: FlowArea
  readonly years: ReadonlyArray<string>
  readonly footnotes: ReadonlyArray<string>
}) => (
  <section class="baken-scroll" aria-labelledby="stromen-tabel-bijschrift" tabindex={0}>
    <table class="utrecht-table utrecht-table--html-table baken-sticky-first baken-flow-table" id="stromen-tabel">
      <caption id="stromen-tabel-bijschrift" class="utrecht-table__caption">
        Stromen in {area.name}, per jaar (aantallen personen; de verblijfsduur in dagen)
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class="utrecht-table__header-cell" scope="col">
            Maat
          </th>
          {years.map((y) => (
            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">
              {y}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {area.rows.map((row) => (
          <tr class="utrecht-table__row" data-key={row.key} data-label={row.label}>
            <th class={`utrecht-table__header-cell baken-row-header baken-depth-${row.depth}`} scope="row">
              {row.depth > 0 ? "waarvan " : ""}
              {row.label}
              {row.unit === "dagen" ? " (dagen)" : ""}
            </th>
            {years.map((_, i) => {
              const cell = row.cells[i] ?? {
                value: null,
                suppressed: false,
                provisional: false,
                provisionalUntil: null,
              }
              return <FlowValue cell={cell} note={footnotes.indexOf(cell.provisionalUntil ?? "") + 1} />
            })}
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)

/** The page's content; `area` and `year` are what the reader picked (the region and the view's year by default). */
export const FlowsPage = ({
  view,
  area: areaKey,
  year: picked,
}: {
  readonly view: FlowsView
  readonly area: string
  readonly year: string
}) => {
  const area = view.areas.find((a) => a.key === areaKey) ?? view.areas[0]
  const year = view.years.includes(picked) ? picked : view.year
  const index = view.years.indexOf(year)
  const footnotes = area === undefined ? [] : footnotesOf(area)
  const hidden = area?.rows.some((r) => r.cells.some((c) => c.suppressed)) ?? false
  const goal = view.goal
  return (
    <>
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href="/">
          Beleidsplan {view.plan.firstYear} - {view.plan.lastYear}
        </a>{" "}
        › Niemand uit beeld
      </p>
      <h1 class="utrecht-heading-1">Niemand uit beeld</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">
        Het plan belooft dat niemand uit het oog raakt, ook niet na de opvang, na beschermd wonen of na detentie. Hier
        ziet u hoeveel mensen van de opvang naar beschermd wonen gaan, hoeveel er vertrekken en hoe, hoeveel er binnen
        een jaar terugkomen, hoeveel er uit beeld raken en hoeveel er na detentie op tijd hulp krijgen.
      </p>
      {view.dataNote === null ? null : (
        <p class="utrecht-paragraph baken-demo" role="note">
          {view.dataNote}
        </p>
      )}
      {!view.measured || area === undefined ? (
        <p class="utrecht-paragraph">Dit plan meet deze stromen niet; er zijn hier geen cijfers.</p>
      ) : (
        <>
          <form class="baken-form baken-flow-pick" method="get" action="/niemand-uit-beeld">
            <Field id="gebied" label="Gebied">
              <select class={select} id="gebied" name="gebied">
                {view.areas.map((a) => (
                  <option value={a.key} selected={a.key === area.key}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="jaar" label="Jaar van het stroomdiagram">
              <select class={select} id="jaar" name="jaar">
                {view.years.map((y) => (
                  <option value={y} selected={y === year}>
                    {y}
                  </option>
                ))}
              </select>
            </Field>
            <button class={primaryButton} type="submit">
              Toon
            </button>
          </form>
          <section aria-labelledby="stromen">
            <h2 id="stromen" class="utrecht-heading-2">
              Stromen in {area.name} in {year}
            </h2>
            <FlowDiagram area={area} year={year} index={index} id="stroomdiagram" />
          </section>
          <section aria-labelledby="stromen-per-jaar">
            <h2 id="stromen-per-jaar" class="utrecht-heading-2">
              Alle jaren van het plan
            </h2>
            <FlowTable area={area} years={view.years} footnotes={footnotes} />
            {footnotes.length === 0 ? null : (
              <ol class="utrecht-ordered-list baken-footnotes" aria-label="Voetnoten">
                {footnotes.map((until, i) => (
                  <li class="utrecht-ordered-list__item" id={`voorlopig-${i + 1}`} value={i + 1}>
                    Voorlopig tot en met {Format.date(until)}: de periode, of de tijd die de maat daarna volgt, is nog
                    niet voorbij, dus het cijfer kan nog veranderen.
                  </li>
                ))}
              </ol>
            )}
            {hidden ? <DisclosureNote threshold={view.disclosure.threshold} /> : null}
            <p class="utrecht-paragraph">
              <a
                class="utrecht-link utrecht-link--html-a"
                href={`/niemand-uit-beeld/cijfers.csv?gebied=${encodeURIComponent(area.key)}`}
                download={`niemand-uit-beeld-${area.key}.csv`}
              >
                Download de cijfers van {area.name} als CSV
              </a>
            </p>
            <details class="baken-detail">
              <summary>Wat betekenen de cijfers?</summary>
              <dl class="baken-definitions">
                {area.rows.map((r) => (
                  <>
                    <dt>
                      {r.depth > 0 ? "waarvan " : ""}
                      {r.label}: {r.name}
                    </dt>
                    <dd>{r.definition}</dd>
                  </>
                ))}
              </dl>
            </details>
          </section>
        </>
      )}
      {goal === null ? null : (
        <section class="baken-goal" aria-labelledby="doel">
          <h2 id="doel" class="utrecht-heading-2">
            Doel: {goal.title}
          </h2>
          {goal.description === "" ? null : <p class="utrecht-paragraph">{goal.description}</p>}
          <p class="utrecht-paragraph" id="doel-oordeel" data-share={goal.measure.share ?? ""}>
            {goal.measure.share === null
              ? `Nog geen oordeel uit nazorg binnen 30 dagen na detentie: ${goal.measure.sentence}.`
              : `Oordeel uit nazorg binnen 30 dagen na detentie: ${Format.percent(goal.measure.share)} op weg naar de streefwaarde (${goal.measure.sentence}).`}
          </p>
          {goal.targets.length === 0 ? null : (
            <p class="utrecht-paragraph">
              Streefwaarde:{" "}
              {goal.targets.map((t, i) => `${i === 0 ? "" : ", "}${Format.number(t.value)} personen in ${t.period}`)}.
            </p>
          )}
          <ProgressMeter progress={goal.progress} label="van dit doel" />
          <p class="utrecht-paragraph">
            Dit doel hoort bij het programma{" "}
            <a class="utrecht-link utrecht-link--html-a" href={`/programmas/${goal.programme.id}#doel-${goal.id}`}>
              {goal.programme.name}
            </a>
            , met de acties die ervoor lopen.
          </p>
        </section>
      )}
    </>
  )
}
