/**
 * The region page for the region's policy officers: the plan's status and council decisions, recording a decision,
 * releasing the plan, editing its parts (programmes, goals, actions, indicators, targets), setting partners'
 * delivery schedules, and the council letter to print. Every form is a plain POST that comes back here.
 */
import { Action, CouncilDecision } from "@baken/domain"
import { CouncilTable } from "../components/CouncilTable.js"
import { Field, primaryButton, secondaryButton, select, textbox } from "../components/Field.js"
import { Notice } from "../components/Notice.js"
import { PostForm } from "../components/PostForm.js"
import type { Outcome, RegionView } from "../DashboardSource.js"
import * as Format from "../Format.js"
import * as SeriesPeriods from "../SeriesPeriods.js"

const frequencyNl = { month: "per maand", quarter: "per kwartaal", half: "per half jaar", year: "per jaar" } as const

const EditForm = ({ kind, id, legend, children }: { kind: string; id: string; legend: string; children: unknown }) => (
  <PostForm action="/regio/plan" class="baken-form baken-edit">
    <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      <input type="hidden" name="soort" value={kind} />
      <input type="hidden" name="id" value={id} />
      {children}
      <button class={secondaryButton} type="submit">
        Opslaan
      </button>
    </fieldset>
  </PostForm>
)

/** The sections of the page, for its table of contents. */
const sections: ReadonlyArray<readonly [string, string]> = [
  ["planstatus", "Status en raadsbesluiten"],
  ["besluit-vastleggen", "Raadsbesluit vastleggen"],
  ["plan-wijzigen", "Plan wijzigen"],
  ["leverschemas", "Leverschema's"],
  ["achterstanden", "Achterstallige leveringen"],
  ["pseudonimisering", "Pseudonimiseringsvragen"],
  ["budget-regio", "Budget"],
  ["raadsbrief", "Raadsbrief"],
  ["logboek", "Verwerkingslogboek"],
]

/** Amending the plan in execution: a target or an indicator's wording, with a date and a reason, and the history. */
const AmendSection = ({ view, today }: { readonly view: RegionView; readonly today: string }) => (
  <section aria-labelledby="plan-wijzigen">
    <h2 id="plan-wijzigen" class="utrecht-heading-2">
      Plan wijzigen
    </h2>
    <p class="utrecht-paragraph">
      Het plan is in uitvoering. Een wijziging van een streefwaarde legt u vast als amendement, met de datum en de
      reden; de vorige waarde blijft zichtbaar in de geschiedenis hieronder.
    </p>
    <PostForm action="/regio/wijziging" class="baken-form">
      <Field id="wijziging-indicator" label="Indicator">
        <select class={select} id="wijziging-indicator" name="indicator">
          {view.indicators
            .filter((i) => i.unit !== "inwoners")
            .map((i) => (
              <option value={i.id}>{i.title}</option>
            ))}
        </select>
      </Field>
      <Field id="wijziging-jaar" label="Jaar van de streefwaarde">
        <input
          class={textbox}
          id="wijziging-jaar"
          name="jaar"
          type="number"
          min={view.plan.firstYear}
          max={view.plan.lastYear}
          value={String(view.plan.lastYear)}
          required
        />
      </Field>
      <Field id="wijziging-waarde" label="Nieuwe streefwaarde">
        <input class={textbox} id="wijziging-waarde" name="waarde" type="text" inputmode="decimal" required />
      </Field>
      <Field id="wijziging-datum" label="Datum van het besluit over de wijziging">
        <input class={textbox} id="wijziging-datum" name="datum" type="date" value={today} max={today} required />
      </Field>
      <Field id="wijziging-reden" label="Reden van de wijziging">
        <textarea
          class="utrecht-textarea utrecht-textarea--html-textarea"
          id="wijziging-reden"
          name="reden"
          rows={3}
          maxlength={2000}
          required
        />
      </Field>
      <button class={primaryButton} type="submit">
        Wijziging vastleggen
      </button>
    </PostForm>
    <h3 class="utrecht-heading-3">Geschiedenis van de wijzigingen</h3>
    {view.amendments.length === 0 ? (
      <p class="utrecht-paragraph">Het plan is nog niet gewijzigd sinds de vaststelling.</p>
    ) : (
      <ol class="utrecht-ordered-list" id="wijzigingen" reversed>
        {view.amendments.map((a) => (
          <li class="utrecht-ordered-list__item">
            <strong>
              Wijziging {a.number} van {Format.date(a.date)}
            </strong>
            : {a.changes.join("; ")}. Reden: {a.reason}
          </li>
        ))}
      </ol>
    )}
  </section>
)

/** A form per action: its status, and its title where the plan may still be edited (else the title is kept). */
const ActionForms = ({ view, titled }: { readonly view: RegionView; readonly titled: boolean }) => (
  <details class="baken-edit-group">
    <summary>Acties ({view.actions.length})</summary>
    {view.actions.map((a) => (
      <EditForm kind="action" id={a.id} legend={`Actie: ${a.title}`}>
        {titled ? (
          <Field id={`actie-${a.id}-titel`} label="Titel">
            <input class={textbox} id={`actie-${a.id}-titel`} name="titel" value={a.title} required />
          </Field>
        ) : (
          <input type="hidden" name="titel" value={a.title} />
        )}
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
)

/** While the plan is carried out: how far each action got, reported as it goes. */
const ActionStatusSection = ({ view }: { readonly view: RegionView }) => (
  <section aria-labelledby="acties-bijwerken">
    <h2 id="acties-bijwerken" class="utrecht-heading-2">
      Voortgang van de acties bijwerken
    </h2>
    <ActionForms view={view} titled={false} />
  </section>
)

/** The deliveries each partner owes, by partner, each partner's list folded. */
const OverdueSection = ({ view }: { readonly view: RegionView }) => (
  <section aria-labelledby="achterstanden">
    <h2 id="achterstanden" class="utrecht-heading-2">
      Achterstallige leveringen
    </h2>
    {view.overdue.length === 0 ? (
      <p class="utrecht-paragraph">Alle partners hebben geleverd wat volgens hun leverschema binnen moest zijn.</p>
    ) : (
      <>
        <p class="utrecht-paragraph">
          Wat partners volgens hun leverschema hadden moeten leveren over de jaren van het plan, en nog niet binnen is.
        </p>
        <ul class="utrecht-unordered-list" id="achterstallig">
          {view.overdue.map((p) => (
            <li class="utrecht-unordered-list__item" data-partner={p.partner}>
              <details>
                <summary>
                  {p.name}: {p.overdue.length} {p.overdue.length === 1 ? "levering" : "leveringen"} te laat
                </summary>
                <ul class="utrecht-unordered-list">
                  {p.overdue.map((o) => (
                    <li class="utrecht-unordered-list__item">
                      {o.adapterName}, {SeriesPeriods.label(o.period)}: uiterlijk {Format.date(o.due)}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      </>
    )}
  </section>
)

/**
 * Partners that pseudonymise at home ask the server for every person's pseudonym; more questions than their
 * deliveries explain are refused and shown here, and the region can give a partner room (a first delivery).
 */
const PseudonymisationSection = ({ view }: { readonly view: RegionView }) => {
  const p = view.pseudonymisation
  return (
    <section aria-labelledby="pseudonimisering">
      <h2 id="pseudonimisering" class="utrecht-heading-2">
        Pseudonimiseringsvragen van partners
      </h2>
      <p class="utrecht-paragraph">
        Een partner die zelf levert, vraagt de server om het pseudoniem van iedere persoon in zijn bestand. In{" "}
        {p.windowDays} dagen mag hij {Format.number(p.base)} vragen stellen plus {Format.number(p.factor)} per persoon
        die hij in die tijd leverde. Iedere persoon telt één keer, hoe vaak die ook in zijn leveringen staat; een
        levering van alleen cijfers, zonder personen, telt niet mee. Een partner zonder adapter die personen levert,
        krijgt die {Format.number(p.base)} niet: alleen de ruimte die u hieronder geeft. Meer vragen dan zijn leveringen
        verklaren, kunnen betekenen dat hij pseudoniemen berekent van mensen die hij niet levert: de server weigert ze
        en zet ze hier.
      </p>
      {p.refusals.length === 0 ? (
        <p class="utrecht-paragraph" id="weigeringen">
          Geen partner kreeg de afgelopen {p.windowDays} dagen vragen geweigerd.
        </p>
      ) : (
        <ul class="utrecht-unordered-list" id="weigeringen">
          {p.refusals.map((r) => (
            <li class="utrecht-unordered-list__item" data-partner={r.partner}>
              {r.name}: {Format.number(r.elements)} {r.elements === 1 ? "vraag" : "vragen"} geweigerd in{" "}
              {Format.number(r.calls)} {r.calls === 1 ? "verzoek" : "verzoeken"}, laatst op{" "}
              {Format.shortDateTime(r.last)}
            </li>
          ))}
        </ul>
      )}
      <h3 class="utrecht-heading-3">Ruimte geven</h3>
      <p class="utrecht-paragraph">
        Levert een partner voor het eerst, of meer personen dan anders? Geef hem dan ruimte voor het aantal personen in
        zijn levering. De ruimte geldt {p.windowDays} dagen en staat met uw naam en de reden in het logboek.
      </p>
      <PostForm action="/regio/pseudonimisering" class="baken-form">
        <Field id="ruimte-partner" label="Partner">
          <select class={select} id="ruimte-partner" name="partner">
            {[
              // Refused partners first (a partner new to the region may not be in the plan yet), then the others.
              ...p.refusals.map((r) => ({ id: r.partner, name: r.name })),
              ...view.partners.filter((partner) => !p.refusals.some((r) => r.partner === partner.id)),
            ].map((partner) => (
              <option value={partner.id}>{partner.name}</option>
            ))}
          </select>
        </Field>
        <Field id="ruimte-aantal" label="Aantal vragen">
          <input class={textbox} id="ruimte-aantal" name="aantal" type="text" inputmode="numeric" required />
        </Field>
        <Field id="ruimte-reden" label="Reden">
          <textarea
            class="utrecht-textarea utrecht-textarea--html-textarea"
            id="ruimte-reden"
            name="reden"
            rows={2}
            maxlength={500}
            required
          />
        </Field>
        <button class={primaryButton} type="submit">
          Ruimte geven
        </button>
      </PostForm>
      {p.allowances.length > 0 && (
        <>
          <h3 class="utrecht-heading-3">Gegeven ruimte</h3>
          <ul class="utrecht-unordered-list" id="ruimte">
            {p.allowances.map((a) => (
              <li class="utrecht-unordered-list__item">
                {Format.shortDateTime(a.at)}: {a.name}, {Format.number(a.elements)} vragen — {a.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

/**
 * Processings of partner data, newest first, each kind once with how often it happened. On a narrow screen each
 * processing is a block of labelled lines (`.baken-stack`, as the admin's log), so no column is squeezed.
 */
export const LogTable = ({ log }: { readonly log: RegionView["log"] }) =>
  log.length === 0 ? (
    <p class="utrecht-paragraph">Er zijn de afgelopen 30 dagen geen gegevens van partners verwerkt.</p>
  ) : (
    <section class="baken-scroll baken-stack" tabindex={0} aria-labelledby="verwerkingen-bijschrift">
      <table class="utrecht-table utrecht-table--html-table" id="verwerkingen">
        <caption id="verwerkingen-bijschrift" class="utrecht-table__caption">
          Verwerkingen van gegevens van partners, de nieuwste eerst
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Laatst
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
          {log.map((entry) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell baken-nowrap" data-label="Laatst">
                {Format.dateTime(entry.at)}
              </td>
              <td class="utrecht-table__cell" data-label="Wie">
                {entry.actor}
              </td>
              <td class="utrecht-table__cell baken-message" data-label="Wat">
                {entry.subject} {entry.action}
                {entry.count > 1 ? ` (${entry.count} keer)` : ""}
              </td>
              <td class="utrecht-table__cell" data-label="Doel">
                {entry.purpose}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )

/** The whole processing log of the last 30 days, on a page of its own. */
export const LogPage = ({ view }: { readonly view: RegionView }) => (
  <>
    <h1 class="utrecht-heading-1">Verwerkingslogboek</h1>
    <p class="utrecht-paragraph">
      Wie gegevens van partners las of vastlegde, wanneer en waarom: de laatste {view.log.length} soorten verwerkingen
      van de afgelopen 30 dagen, de nieuwste eerst. Dezelfde verwerking staat er één keer, met hoe vaak ze gebeurde.
    </p>
    <p class="utrecht-paragraph">
      <a class="utrecht-link utrecht-link--html-a" href="/regio">
        Terug naar het beheer van het plan
      </a>
    </p>
    <LogTable log={view.log} />
  </>
)

/** The pooled budget: per year the total and each paying council's share, under the plan's cost key. */
const BudgetSection = ({ view }: { readonly view: RegionView }) => {
  const years = view.budget
  const councils = [
    ...new Map(years.flatMap((y) => y.shares.map((s) => [s.municipality, s.name] as const))).entries(),
  ].sort(([, a], [, b]) => a.localeCompare(b, "nl"))
  return (
    <section aria-labelledby="budget-regio">
      <h2 id="budget-regio" class="utrecht-heading-2">
        Budget
      </h2>
      {years.length === 0 ? (
        <p class="utrecht-paragraph">Voor dit plan is nog geen budget vastgelegd.</p>
      ) : (
        <>
          <p class="utrecht-paragraph">
            Het gezamenlijke budget en het deel van elke gemeente, verdeeld {years[0]?.key}.
            {years[0] !== undefined && years[0].setAside.length > 0
              ? ` ${years[0].setAside.join(", ")} betaalt niet mee: die raad besluit niet over dit plan.`
              : ""}
          </p>
          <section class="baken-scroll" tabindex={0} aria-labelledby="budget-regio-bijschrift">
            <table class="utrecht-table utrecht-table--html-table" id="budget-regio-tabel">
              <caption id="budget-regio-bijschrift" class="utrecht-table__caption">
                Budget Bescherming en Opvang per gemeente en jaar, in euro
              </caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell baken-sticky-first" scope="col">
                    Gemeente
                  </th>
                  {years.map((y) => (
                    <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">
                      {y.year}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {councils.map(([code, name]) => (
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell baken-sticky-first" scope="row">
                      {name}
                    </th>
                    {years.map((y) => (
                      <td class="utrecht-table__cell utrecht-table__cell--numeric-column baken-nowrap">
                        {Format.euro(y.shares.find((s) => s.municipality === code)?.cents ?? 0)}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr class="utrecht-table__row baken-row--region">
                  <th class="utrecht-table__header-cell baken-sticky-first" scope="row">
                    Totaal
                  </th>
                  {years.map((y) => (
                    <td class="utrecht-table__cell utrecht-table__cell--numeric-column baken-nowrap">
                      {Format.euro(y.totalCents)}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  )
}

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
      <details class="baken-history">
        <summary>Alle raadsbesluiten over dit plan ({view.decisions.length}), de nieuwste eerst</summary>
        <ul class="utrecht-unordered-list" id="besluitgeschiedenis">
          {view.decisions.map((d) => (
            <li class="utrecht-unordered-list__item" data-counts={d.counts ? "ja" : "nee"}>
              {d.plan}: {CouncilDecision.outcomeNl[d.outcome]} op {Format.date(d.date)}
              {d.reference === null || d.reference === "" ? "" : ` (${d.reference})`}
              {d.counts ? "" : " — vervangen door een later besluit"}
            </li>
          ))}
        </ul>
      </details>
      {view.canRelease ? (
        <PostForm action="/regio/vrijgeven" class="baken-form">
          <Field id="vrijgeven-datum" label="Datum van vrijgeven voor besluitvorming">
            <input class={textbox} id="vrijgeven-datum" name="datum" type="date" value={today} required />
          </Field>
          <button class={primaryButton} type="submit">
            Plan vrijgeven voor besluitvorming
          </button>
        </PostForm>
      ) : null}
    </section>
    <section aria-labelledby="besluit-vastleggen">
      <h2 id="besluit-vastleggen" class="utrecht-heading-2">
        Raadsbesluit vastleggen
      </h2>
      <PostForm action="/regio/besluiten" class="baken-form" id="besluitformulier">
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
      </PostForm>
    </section>
    {view.canAmend ? <AmendSection view={view} today={today} /> : null}
    {view.canAmend ? <ActionStatusSection view={view} /> : null}
    {view.canAmend ? null : (
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
        <ActionForms view={view} titled={true} />
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
    )}
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
      <PostForm action="/regio/leverschemas" class="baken-form">
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
      </PostForm>
    </section>
    <OverdueSection view={view} />
    <PseudonymisationSection view={view} />
    <BudgetSection view={view} />
    <section aria-labelledby="raadsbrief">
      <h2 id="raadsbrief" class="utrecht-heading-2">
        Raadsbrief
      </h2>
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href="/regio/raadsbrief">
          Concept van de voortgangsbrief van vandaag bekijken en afdrukken
        </a>
      </p>
      <PostForm action="/regio/raadsbrief" class="baken-form">
        <Field
          id="brief-kenmerk"
          label="Kenmerk van de brief"
          description="Het kenmerk uit het zaaksysteem: twee cijfers, een punt en zes of zeven cijfers, zoals 26.0012345."
        >
          <input
            class={textbox}
            id="brief-kenmerk"
            name="kenmerk"
            type="text"
            inputmode="decimal"
            pattern="[0-9]{2}\.[0-9]{6,7}"
            maxlength={10}
            required
            aria-describedby="brief-kenmerk-uitleg"
          />
        </Field>
        <Field id="brief-datum" label="Datum van de brief">
          <input class={textbox} id="brief-datum" name="datum" type="date" value={today} max={today} required />
        </Field>
        <button class={primaryButton} type="submit">
          Brief verzenden en bewaren
        </button>
      </PostForm>
      {view.letters.length === 0 ? (
        <p class="utrecht-paragraph">Er is nog geen raadsbrief over dit plan verzonden.</p>
      ) : (
        <ul class="utrecht-unordered-list" id="verzonden-brieven">
          {view.letters.map((l) => (
            <li class="utrecht-unordered-list__item">
              <a
                class="utrecht-link utrecht-link--html-a"
                href={`/regio/raadsbrief?kenmerk=${encodeURIComponent(l.kenmerk)}`}
              >
                {Format.date(l.date)}, kenmerk {l.kenmerk}
              </a>
              : {l.subject}
            </li>
          ))}
        </ul>
      )}
    </section>
    <section aria-labelledby="logboek">
      <h2 id="logboek" class="utrecht-heading-2">
        Verwerkingslogboek
      </h2>
      <p class="utrecht-paragraph">
        Wie gegevens van partners las of vastlegde, en waarom. Hieronder de nieuwste verwerkingen;{" "}
        <a class="utrecht-link utrecht-link--html-a" href="/regio/logboek">
          het hele logboek van de afgelopen 30 dagen
        </a>{" "}
        staat op een eigen pagina.
      </p>
      <LogTable log={view.log.slice(0, 5)} />
    </section>
  </>
)
