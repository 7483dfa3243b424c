/**
 * A programme page: its goals, each with its actions (owner, partners, milestones, status) and its indicators as
 * charts over time against the target, per municipality and for the region, with the Dutch benchmark where known.
 */

import { Action } from "@baken/domain"
import { ProgressMeter } from "../components/ProgressMeter.js"
import { SeriesFigure } from "../components/SeriesFigure.js"
import type { ProgrammeView } from "../DashboardSource.js"
import * as Format from "../Format.js"

/** The programme page's content. */
export const ProgrammePage = ({ view }: { readonly view: ProgrammeView }) => (
  <>
    <p class="utrecht-paragraph">
      <a class="utrecht-link utrecht-link--html-a" href="/">
        Beleidsplan {view.plan.firstYear} - {view.plan.lastYear}
      </a>{" "}
      › Programma {view.programme.number}
    </p>
    <h1 class="utrecht-heading-1">{view.programme.name}</h1>
    <p class="utrecht-paragraph utrecht-paragraph--lead">{view.programme.description}</p>
    {view.dataNote === null ? null : (
      <p class="utrecht-paragraph baken-demo" role="note">
        {view.dataNote}
      </p>
    )}
    <ProgressMeter progress={view.programme.progress} label="van het programma" />
    <nav aria-labelledby="doelen-inhoud">
      <h2 id="doelen-inhoud" class="utrecht-heading-2">
        Doelen
      </h2>
      <ul class="utrecht-unordered-list">
        {view.goals.map((g) => (
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link utrecht-link--html-a" href={`#doel-${g.id}`}>
              {g.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
    {view.goals.map((g) => (
      <section class="baken-goal" aria-labelledby={`doel-${g.id}`}>
        <h2 id={`doel-${g.id}`} class="utrecht-heading-2">
          Doel: {g.title}
        </h2>
        <p class="utrecht-paragraph">{g.description}</p>
        <ProgressMeter progress={g.progress} label="van dit doel" />
        <h3 class="utrecht-heading-3">Acties</h3>
        {g.actions.map((a) => (
          <article class="baken-action" aria-labelledby={`actie-${a.id}`}>
            <h4 id={`actie-${a.id}`} class="utrecht-heading-4">
              {a.title}
            </h4>
            <dl class="baken-facts">
              <dt>Eigenaar</dt>
              <dd>{a.owner}</dd>
              <dt>Partners</dt>
              <dd>{a.partners.length === 0 ? "geen" : a.partners.join(", ")}</dd>
              <dt>Looptijd</dt>
              <dd>
                {Format.date(a.start)} tot en met {Format.date(a.end)}
              </dd>
              <dt>Status</dt>
              <dd>
                <span class={`utrecht-status-badge baken-status--${a.status}`}>{Action.statusNl[a.status]}</span>
              </dd>
            </dl>
            <h5 class="baken-h5">Mijlpalen</h5>
            {a.milestones.length === 0 ? (
              <p class="utrecht-paragraph">Geen mijlpalen.</p>
            ) : (
              <ul class="utrecht-unordered-list">
                {a.milestones.map((m) => (
                  <li class="utrecht-unordered-list__item">
                    {m.title}: gepland {Format.date(m.due)}
                    {m.completedOn === null
                      ? m.overdue
                        ? " — te laat, nog niet gehaald"
                        : " — nog niet gehaald"
                      : ` — gehaald op ${Format.date(m.completedOn)}`}
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))}
        <h3 class="utrecht-heading-3">Indicatoren</h3>
        {g.indicators.length === 0 ? (
          <p class="utrecht-paragraph">Bij dit doel zijn nog geen cijfers gepubliceerd.</p>
        ) : (
          g.indicators.map((s) => (
            <SeriesFigure
              series={s}
              csvHref={`/programmas/${view.programme.id}/indicatoren/${s.id}.csv`}
              level={4}
              threshold={view.disclosure.threshold}
              rowHeading="Gebied"
            />
          ))
        )}
      </section>
    ))}
  </>
)
