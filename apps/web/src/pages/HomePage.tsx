/**
 * The public home page: the current plan and its status with the council adoption table, the members at a glance
 * (a small chart per municipality for a key indicator), the three programmes with their rolled-up progress and why,
 * and the region's key figures with the explanation of hidden figures.
 */
import { CouncilTable } from "../components/CouncilTable.js"
import { DisclosureNote } from "../components/DisclosureNote.js"
import { MunicipalityGlance } from "../components/MunicipalityGlance.js"
import { ProgressMeter } from "../components/ProgressMeter.js"
import { SeriesFigure } from "../components/SeriesFigure.js"
import type { Overview } from "../DashboardSource.js"

/** The home page's content. */
export const HomePage = ({ overview }: { readonly overview: Overview }) => {
  const { plan } = overview
  const hidden = [...overview.keyFigures.rows, ...(overview.glance?.rows ?? [])].some((r) =>
    r.cells.some((c) => c.suppressed),
  )
  return (
    <>
      <h1 class="utrecht-heading-1">
        Beleidsplan Bescherming en Opvang {plan.firstYear} - {plan.lastYear}
      </h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">
        “{plan.title}” — het plan van de gemeenten in {overview.regionName} voor beschermd wonen, opvang, huiselijk
        geweld, geestelijke gezondheidszorg en verslavingszorg. Kenmerk {plan.kenmerk}.
      </p>
      {overview.dataNote === null ? null : (
        <p class="utrecht-paragraph baken-demo" role="note">
          {overview.dataNote}
        </p>
      )}
      <section aria-labelledby="status">
        <h2 id="status" class="utrecht-heading-2">
          Status van het plan
        </h2>
        <p class="utrecht-paragraph" id="plan-status" data-stage={plan.stage}>
          {plan.statusNl}
        </p>
        <CouncilTable rows={overview.councils} caption="Besluiten van de gemeenteraden over dit plan" />
      </section>
      {overview.glance === null ? null : (
        <MunicipalityGlance series={overview.glance} regionName={overview.regionName} />
      )}
      <section aria-labelledby="programmas">
        <h2 id="programmas" class="utrecht-heading-2">
          De drie programma's
        </h2>
        <ul class="baken-cards">
          {overview.programmes.map((p) => (
            <li class="baken-card">
              <h3 class="utrecht-heading-3">
                <a class="utrecht-link utrecht-link--html-a" href={`/programmas/${p.id}`}>
                  {p.number}. {p.name}
                </a>
              </h3>
              <p class="utrecht-paragraph">{p.description}</p>
              <ProgressMeter progress={p.progress} label={p.name} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="niemand-uit-beeld">
        <h2 id="niemand-uit-beeld" class="utrecht-heading-2">
          Niemand uit beeld
        </h2>
        <p class="utrecht-paragraph">
          Wie gaat van de opvang naar beschermd wonen, wie vertrekt en hoe, wie komt binnen een jaar terug, wie raakt
          uit beeld en wie krijgt na detentie op tijd hulp:{" "}
          <a class="utrecht-link utrecht-link--html-a" href="/niemand-uit-beeld">
            de stromen per jaar en per gemeente
          </a>
          .
        </p>
      </section>
      <section aria-labelledby="kerncijfers">
        <h2 id="kerncijfers" class="utrecht-heading-2">
          Kerncijfers van de regio
        </h2>
        {hidden ? <DisclosureNote threshold={overview.disclosure.threshold} /> : null}
        <SeriesFigure
          series={overview.keyFigures}
          csvHref="/kerncijfers.csv"
          chart={false}
          level={3}
          threshold={overview.disclosure.threshold}
          rowHeading="Indicator"
        />
        <p class="utrecht-paragraph">
          Cijfers per gemeente:{" "}
          {overview.municipalities.map((m, i) => (
            <>
              {i === 0 ? "" : ", "}
              <a class="utrecht-link utrecht-link--html-a" href={`/gemeenten/${m.code}`}>
                {m.name}
              </a>
            </>
          ))}
          .
        </p>
      </section>
    </>
  )
}
