/**
 * The council adoption table: which council decided what about the plan, and when.
 */
import { CouncilDecision } from "@baken/domain"
import type { CouncilRow } from "../DashboardSource.js"
import * as Format from "../Format.js"

/** The table. */
export const CouncilTable = ({
  rows,
  caption,
}: {
  readonly rows: ReadonlyArray<CouncilRow>
  readonly caption: string
}) => (
  <section class="baken-scroll" aria-labelledby="raadsbesluiten-bijschrift" tabindex={0}>
    <table class="utrecht-table utrecht-table--html-table baken-sticky-first" id="raadsbesluiten">
      <caption id="raadsbesluiten-bijschrift" class="utrecht-table__caption">
        {caption}
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class="utrecht-table__header-cell" scope="col">
            Gemeenteraad
          </th>
          <th class="utrecht-table__header-cell" scope="col">
            Besluit
          </th>
          <th class="utrecht-table__header-cell" scope="col">
            Datum
          </th>
          <th class="utrecht-table__header-cell" scope="col">
            Kenmerk raadsbesluit
          </th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {rows.map((r) => (
          <tr class="utrecht-table__row" data-municipality={r.municipality}>
            <th class="utrecht-table__header-cell" scope="row">
              <a class="utrecht-link utrecht-link--html-a" href={`/gemeenten/${r.municipality}`}>
                {r.name}
              </a>
            </th>
            <td class="utrecht-table__cell">
              {r.outcome === null ? "nog geen besluit" : CouncilDecision.outcomeNl[r.outcome]}
            </td>
            <td class="utrecht-table__cell baken-nowrap">{r.date === null ? "–" : Format.date(r.date)}</td>
            <td class="utrecht-table__cell">{r.reference ?? "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)
