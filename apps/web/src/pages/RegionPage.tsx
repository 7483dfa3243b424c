/**
 * The region page for the region's policy officers: the plan's status and council decisions, recording a decision,
 * releasing the plan, editing its parts (programmes, goals, actions, indicators, targets), setting partners'
 * delivery schedules, and the council letter to print. Every form is a plain POST that comes back here.
 */
import { Action, CouncilDecision } from "@baken/domain"
import { CouncilTable } from "../components/CouncilTable.js"
import { Field, primaryButton, secondaryButton, select, textbox } from "../components/Field.js"
import { Notice } from "../components/Notice.js"
import type { Outcome, RegionView } from "../DashboardSource.js"
import * as Format from "../Format.js"

const frequencyNl = { month: "per maand", quarter: "per kwartaal", half: "per half jaar", year: "per jaar" } as const

const EditForm = ({ kind, id, legend, children }: { kind: string; id: string; legend: string; children: unknown }) => (
  <form method="post" action="/regio/plan" class="baken-form baken-edit">
    <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      <input type="hidden" name="soort" value={kind} />
      <input type="hidden" name="id" value={id} />
      {children}
      <button class={secondaryButton} type="submit">
        Opslaan
      </button>
    </fieldset>
  </form>
)

/** The sections of the page, for its table of contents. */
const sections: ReadonlyArray<readonly [string, string]> = [
  ["planstatus", "Status en raadsbesluiten"],
  ["besluit-vastleggen", "Raadsbesluit vastleggen"],
  ["plan-bewerken", "Plan bewerken"],
  ["leverschemas", "Leverschema's"],
  ["raadsbrief", "Raadsbrief"],
  ["logboek", "Verwerkingslogboek"],
]

/** The region page's content. */
export const RegionPage = ({
  view,
  today,
  message,
  error,
}: {
  readonly view: RegionView
  readonly today: string
  readonly message: string | null
  readonly error: string | null
}) => (
  <>
    <h1 class="utrecht-heading-1">Regio: beheer van het plan</h1>
    {error === null ? null : <Notice kind="error" text={error} />}
    {message === null ? null : <Notice kind="ok" text={message} />}
    <nav aria-label="Op deze pagina" class="baken-toc">
      <ul class="utrecht-unordered-list">
        {sections.map(([id, label]) => (
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link utrecht-link--html-a" href={`#${id}`}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
    <section aria-labelledby="planstatus">
      <h2 id="planstatus" class="utrecht-heading-2">
        {view.plan.title} ({view.plan.firstYear} - {view.plan.lastYear})
      </h2>
      <p class="utrecht-paragraph" id="plan-status" data-stage={view.plan.stage}>
        {view.plan.statusNl}
      </p>
      <CouncilTable rows={view.councils} caption="Besluiten van de gemeenteraden" />
      {view.canRelease ? (
        <form method="post" action="/regio/vrijgeven" class="baken-form">
          <Field id="vrijgeven-datum" label="Datum van vrijgeven voor besluitvorming">
            <input class={textbox} id="vrijgeven-datum" name="datum" type="date" value={today} required />
          </Field>
          <button class={primaryButton} type="submit">
            Plan vrijgeven voor besluitvorming
          </button>
        </form>
      ) : null}
    </section>
    <section aria-labelledby="besluit-vastleggen">
      <h2 id="besluit-vastleggen" class="utrecht-heading-2">
        Raadsbesluit vastleggen
      </h2>
      <form method="post" action="/regio/besluiten" class="baken-form" id="besluitformulier">
        <Field id="besluit-gemeente" label="Gemeenteraad">
          <select class={select} id="besluit-gemeente" name="gemeente">
            {view.councils.map((c) => (
              <option value={c.municipality} selected={c.outcome === null}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="besluit-uitkomst" label="Besluit">
          <select class={select} id="besluit-uitkomst" name="uitkomst">
            {(Object.keys(CouncilDecision.outcomeNl) as Array<Outcome>).map((o) => (
              <option value={o}>{CouncilDecision.outcomeNl[o]}</option>
            ))}
          </select>
        </Field>
        <Field id="besluit-datum" label="Datum van het besluit">
          <input class={textbox} id="besluit-datum" name="datum" type="date" required />
        </Field>
        <Field id="besluit-kenmerk" label="Kenmerk van het raadsbesluit (als bekend)">
          <input class={textbox} id="besluit-kenmerk" name="kenmerk" type="text" />
        </Field>
        <button class={primaryButton} type="submit">
          Besluit vastleggen
        </button>
      </form>
    </section>
    <section aria-labelledby="plan-bewerken">
      <h2 id="plan-bewerken" class="utrecht-heading-2">
        Plan bewerken
      </h2>
      <details class="baken-edit-group">
        <summary>Programma's ({view.programmes.length})</summary>
        {view.programmes.map((p) => (
          <EditForm kind="programme" id={p.id} legend={`Programma ${p.number}`}>
            <Field id={`programma-${p.id}-naam`} label="Naam">
              <input class={textbox} id={`programma-${p.id}-naam`} name="naam" value={p.name} required />
            </Field>
            <Field id={`programma-${p.id}-omschrijving`} label="Omschrijving">
              <textarea
                class="utrecht-textarea utrecht-textarea--html-textarea"
                id={`programma-${p.id}-omschrijving`}
                name="omschrijving"
                rows={3}
              >
                {p.description}
              </textarea>
            </Field>
          </EditForm>
        ))}
      </details>
      <details class="baken-edit-group">
        <summary>Doelen ({view.goals.length})</summary>
        {view.goals.map((g) => (
          <EditForm kind="goal" id={g.id} legend={`Doel: ${g.title}`}>
            <Field id={`doel-${g.id}-titel`} label="Titel">
              <input class={textbox} id={`doel-${g.id}-titel`} name="titel" value={g.title} required />
            </Field>
            <Field id={`doel-${g.id}-omschrijving`} label="Omschrijving">
              <textarea
                class="utrecht-textarea utrecht-textarea--html-textarea"
                id={`doel-${g.id}-omschrijving`}
                name="omschrijving"
                rows={2}
              >
                {g.description}
              </textarea>
            </Field>
          </EditForm>
        ))}
      </details>
      <details class="baken-edit-group">
        <summary>Acties ({view.actions.length})</summary>
        {view.actions.map((a) => (
          <EditForm kind="action" id={a.id} legend={`Actie: ${a.title}`}>
            <Field id={`actie-${a.id}-titel`} label="Titel">
              <input class={textbox} id={`actie-${a.id}-titel`} name="titel" value={a.title} required />
            </Field>
            <Field id={`actie-${a.id}-status`} label="Status">
              <select class={select} id={`actie-${a.id}-status`} name="status">
                {Object.entries(Action.statusNl).map(([value, label]) => (
                  <option value={value} selected={value === a.status}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
          </EditForm>
        ))}
      </details>
      <details class="baken-edit-group">
        <summary>Indicatoren en doelwaarden ({view.indicators.length})</summary>
        {view.indicators.map((i) => (
          <EditForm kind="indicator" id={i.id} legend={`Indicator: ${i.title}`}>
            <Field id={`indicator-${i.id}-titel`} label="Naam">
              <input class={textbox} id={`indicator-${i.id}-titel`} name="titel" value={i.title} required />
            </Field>
            <Field id={`indicator-${i.id}-definitie`} label="Definitie">
              <textarea
                class="utrecht-textarea utrecht-textarea--html-textarea"
                id={`indicator-${i.id}-definitie`}
                name="definitie"
                rows={2}
              >
                {i.definition}
              </textarea>
            </Field>
          </EditForm>
        ))}
        {view.targets.map((t) => (
          <EditForm kind="target" id={t.indicator} legend={`Doelwaarde ${t.indicator} in ${t.period}`}>
            <input type="hidden" name="periode" value={t.period} />
            <Field
              id={`doelwaarde-${t.indicator}-${t.period}`}
              label={`Doelwaarde (${view.indicators.find((i) => i.id === t.indicator)?.unit ?? ""})`}
            >
              <input
                class={textbox}
                id={`doelwaarde-${t.indicator}-${t.period}`}
                name="waarde"
                type="number"
                step="any"
                value={String(t.value)}
                required
              />
            </Field>
          </EditForm>
        ))}
      </details>
    </section>
    <section aria-labelledby="leverschemas">
      <h2 id="leverschemas" class="utrecht-heading-2">
        Leverschema's van partners
      </h2>
      <ul class="utrecht-unordered-list" id="schemas">
        {view.schedules.map((s) => (
          <li class="utrecht-unordered-list__item">
            {s.partner} ({s.adapter}): {frequencyNl[s.frequency]}, uiterlijk {s.dueAfterDays} dagen na het einde van de
            periode
          </li>
        ))}
      </ul>
      <form method="post" action="/regio/leverschemas" class="baken-form">
        <Field id="schema-bron" label="Partner en bestand">
          <select class={select} id="schema-bron" name="bron">
            {view.partners.flatMap((p) =>
              p.adapters.map((a) => (
                <option value={`${p.id}|${a}`}>
                  {p.name} ({a})
                </option>
              )),
            )}
          </select>
        </Field>
        <Field id="schema-frequentie" label="Hoe vaak">
          <select class={select} id="schema-frequentie" name="frequentie">
            {Object.entries(frequencyNl).map(([value, label]) => (
              <option value={value}>{label}</option>
            ))}
          </select>
        </Field>
        <Field id="schema-dagen" label="Uiterlijk aantal dagen na het einde van de periode">
          <input class={textbox} id="schema-dagen" name="dagen" type="number" min="0" max="365" value="60" required />
        </Field>
        <button class={primaryButton} type="submit">
          Leverschema opslaan
        </button>
      </form>
    </section>
    <section aria-labelledby="raadsbrief">
      <h2 id="raadsbrief" class="utrecht-heading-2">
        Raadsbrief
      </h2>
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href="/regio/raadsbrief">
          Raadsbrief over het plan bekijken en afdrukken
        </a>
      </p>
    </section>
    <section aria-labelledby="logboek">
      <h2 id="logboek" class="utrecht-heading-2">
        Verwerkingslogboek
      </h2>
      <p class="utrecht-paragraph">
        Wie gegevens van partners las of vastlegde, en waarom: de laatste {view.log.length} verwerkingen van de
        afgelopen 30 dagen, de nieuwste eerst.
      </p>
      {view.log.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn de afgelopen 30 dagen geen gegevens van partners verwerkt.</p>
      ) : (
        <section class="baken-scroll" tabindex={0} aria-label="Verwerkingen, schuift opzij">
          <table class="utrecht-table utrecht-table--html-table" id="verwerkingen">
            <caption class="utrecht-table__caption">Verwerkingen van gegevens van partners</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Tijdstip
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Wie
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Wat
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Doel
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {view.log.map((entry) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">{Format.dateTime(entry.at)}</td>
                  <td class="utrecht-table__cell baken-nowrap">{entry.actor}</td>
                  <td class="utrecht-table__cell">
                    {entry.subject} {entry.action}
                  </td>
                  <td class="utrecht-table__cell">{entry.purpose}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  </>
)
