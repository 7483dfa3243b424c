/**
 * A municipality page: its own figures, its share of the pooled budget and its council's decisions. Former members
 * such as Weesp appear for the periods they were members, with a sentence saying so.
 */
import { CouncilDecision } from "@baken/domain"
import { DisclosureNote } from "../components/DisclosureNote.js"
import { SeriesFigure } from "../components/SeriesFigure.js"
import type { MunicipalityView } from "../DashboardSource.js"
import * as Format from "../Format.js"

/** The municipality page's content. */
export const MunicipalityPage = ({ view }: { readonly view: MunicipalityView }) => {
  const hidden = view.figures.rows.some((r) => r.cells.some((c) => c.suppressed))
  // One cost key for every year (the usual case) is said once above the table, not repeated in a column.
  const oneKey = new Set(view.budget.map((b) => b.key)).size === 1
  return (
    <>
      <h1 class="utrecht-heading-1">Gemeente {view.name}</h1>
      <p class="utrecht-paragraph">
        Lid van de regio{" "}
        {view.memberships
          .map((m) =>
            m.until === null
              ? `sinds ${m.from === null ? "de start" : Format.date(m.from)}`
              : `van ${m.from === null ? "de start" : Format.date(m.from)} tot en met ${Format.date(m.until)}`,
          )
          .join(" en ")}
        . CBS-code {view.code}.
      </p>
      {view.membershipNote === null ? null : (
        <div class="utrecht-alert utrecht-alert--warning" role="note">
          <div class="utrecht-alert__content">
            <p class="utrecht-paragraph" id="lidmaatschap">
              {view.membershipNote}
            </p>
          </div>
        </div>
      )}
      {view.dataNote === null ? null : (
        <p class="utrecht-paragraph baken-demo" role="note">
          {view.dataNote}
        </p>
      )}
      {view.comparisons === undefined || view.comparisons.length === 0 ? null : (
        <section aria-labelledby="vergelijking">
          <h2 id="vergelijking" class="utrecht-heading-2">
            {view.name} naast de regio
            {view.comparisons.some((s) => s.rows.some((r) => r.kind === "benchmark")) ? " en Nederland" : ""}
          </h2>
          {view.comparisons.map((s) => (
            <SeriesFigure
              series={s}
              csvHref={`/gemeenten/${view.code}/vergelijking/${s.id}.csv`}
              level={3}
              threshold={view.disclosure.threshold}
              rowHeading="Gebied"
            />
          ))}
        </section>
      )}
      <section aria-labelledby="eigen-cijfers">
        <h2 id="eigen-cijfers" class="utrecht-heading-2">
          Cijfers van {view.name}
        </h2>
        {hidden ? <DisclosureNote threshold={view.disclosure.threshold} /> : null}
        <SeriesFigure
          series={view.figures}
          csvHref={`/gemeenten/${view.code}/cijfers.csv`}
          chart={false}
          level={3}
          threshold={view.disclosure.threshold}
          rowHeading="Indicator"
        />
      </section>
      <section aria-labelledby="budget">
        <h2 id="budget" class="utrecht-heading-2">
          Aandeel in het gezamenlijke budget
        </h2>
        {view.budget.length === 0 ? (
          <p class="utrecht-paragraph">
            Voor {view.name} is geen bijdrage aan het budget van dit plan vastgelegd: de gemeente hoort niet bij de
            gemeenten waarover het budget wordt verdeeld, of het budget is nog niet gepubliceerd.
          </p>
        ) : (
          <>
            {oneKey ? <p class="utrecht-paragraph">Het budget wordt verdeeld {view.budget[0]?.key}.</p> : null}
            <section class="baken-scroll" aria-labelledby="budget-bijschrift" tabindex={0}>
              <table class="utrecht-table utrecht-table--html-table" id="budgettabel">
                <caption id="budget-bijschrift" class="utrecht-table__caption">
                  Bijdrage van {view.name} aan het regionale budget Bescherming en Opvang
                </caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      Jaar
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Budget regio
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Aandeel {view.name}
                    </th>
                    {oneKey ? null : (
                      <th class="utrecht-table__header-cell" scope="col">
                        Verdeling
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {view.budget.map((b) => (
                    <tr class="utrecht-table__row">
                      <th class="utrecht-table__header-cell" scope="row">
                        {b.year}
                      </th>
                      <td class="utrecht-table__cell baken-nowrap">{Format.euro(b.totalCents)}</td>
                      <td class="utrecht-table__cell baken-nowrap">
                        {Format.euro(b.shareCents)} (
                        {Format.number(Math.round((b.shareCents / b.totalCents) * 1000) / 10)}
                        %)
                      </td>
                      {oneKey ? null : <td class="utrecht-table__cell">{b.key}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )}
      </section>
      <section aria-labelledby="raadsbesluiten-gemeente">
        <h2 id="raadsbesluiten-gemeente" class="utrecht-heading-2">
          Besluiten van de gemeenteraad
        </h2>
        {view.decisions.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn geen besluiten vastgelegd.</p>
        ) : (
          <ul class="utrecht-unordered-list" id="besluiten">
            {view.decisions.map((d) => (
              <li class="utrecht-unordered-list__item" data-counts={d.counts ? "ja" : "nee"}>
                {d.plan}: {CouncilDecision.outcomeNl[d.outcome]} op {Format.date(d.date)}
                {d.reference === null ? "" : ` (${d.reference})`}
                {d.counts ? "" : " — vervangen door een later besluit"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

/** The list of municipalities, current and former. */
export const MunicipalityIndex = ({
  municipalities,
  region,
}: {
  readonly municipalities: ReadonlyArray<{ readonly code: string; readonly name: string }>
  /** The region's name in running text, e.g. `Gooi en Vechtstreek`. */
  readonly region: string
}) => (
  <>
    <h1 class="utrecht-heading-1">Gemeenten</h1>
    <p class="utrecht-paragraph">De gemeenten die lid zijn of waren van de regio {region}.</p>
    <ul class="utrecht-unordered-list">
      {municipalities.map((m) => (
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link utrecht-link--html-a" href={`/gemeenten/${m.code}`}>
            {m.name}
          </a>
        </li>
      ))}
    </ul>
  </>
)
