/**
 * The progress letter to the councils (raadsinformatiebrief), laid out to print on A4: letter head, "Aanleiding", per
 * programme its progress with a table of the region's yearly figures beside the target, what changed since the
 * previous letter, the budget per year with each municipality's share, "Vervolg", closing and signatory. It takes the
 * API's answer as it is (`councilLetter.get` or `councilLetter.issue`) and only lays it out: every sentence, date and
 * amount is written by the domain. The print style hides the site's header, navigation and footer.
 */
import type { OfficeRouter } from "@baken/api"

/** The page's props: the API's answer of `councilLetter.get` or `councilLetter.issue`. */
export type CouncilLetterPageProps = OfficeRouter.CouncilLetterAnswer

type Letter = CouncilLetterPageProps["letter"]
type Section = Letter["programmes"][number]

const th = "utrecht-table__header-cell"
const thNumber = "utrecht-table__header-cell utrecht-table__header-cell--numeric-column"
const tdNumber = "utrecht-table__cell utrecht-table__cell--numeric-column"

const Paragraphs = ({ paragraphs }: { readonly paragraphs: ReadonlyArray<string> }) => (
  <>
    {paragraphs.map((p) => (
      <p class="utrecht-paragraph">{p}</p>
    ))}
  </>
)

const Items = ({ items }: { readonly items: ReadonlyArray<string> }) =>
  items.length === 0 ? null : (
    <ul class="utrecht-unordered-list">
      {items.map((item) => (
        <li class="utrecht-unordered-list__item">{item}</li>
      ))}
    </ul>
  )

const FiguresTable = ({ section }: { readonly section: Section }) => {
  const id = `cijfers-programma-${section.number}`
  return (
    <section class="baken-scroll baken-letter-table" aria-labelledby={`${id}-bijschrift`} tabindex={0}>
      <table class="utrecht-table utrecht-table--html-table" id={id}>
        <caption id={`${id}-bijschrift`} class="utrecht-table__caption">
          Cijfers van de regio per jaar: {section.heading}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class={th} scope="col">
              Indicator
            </th>
            {section.years.map((year) => (
              <th class={thNumber} scope="col">
                {year}
              </th>
            ))}
            <th class={thNumber} scope="col">
              Doel
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {section.rows.map((row) => (
            <tr class="utrecht-table__row" data-indicator={row.indicator}>
              <th class={th} scope="row">
                {row.name}
                {row.unitLabel === "" ? null : ` (${row.unitLabel})`}
                <span class="baken-letter-goal">Doel: {row.goalTitle}</span>
              </th>
              {row.values.map((v) => (
                <td class={tdNumber} data-status={v.status}>
                  {v.status === "hidden" || v.status === "withheld" ? (
                    <span class="baken-suppressed">{v.text}</span>
                  ) : (
                    v.text
                  )}
                </td>
              ))}
              <td class={tdNumber}>{row.target === null ? "–" : `${row.target.cell} (${row.target.period})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

const ProgrammeSection = ({ section }: { readonly section: Section }) => (
  <section class="baken-letter-programme" aria-labelledby={`programma-${section.number}`}>
    <h3 class="utrecht-heading-3" id={`programma-${section.number}`}>
      {section.heading}: {section.progressText}
    </h3>
    <Paragraphs paragraphs={section.paragraphs} />
    {section.rows.length === 0 ? null : (
      <>
        <FiguresTable section={section} />
        <Items items={section.rows.map((r) => r.summary)} />
      </>
    )}
  </section>
)

const BudgetTable = ({ budget }: { readonly budget: Letter["budget"] }) =>
  budget.shares.length === 0 && budget.totals.length === 0 ? null : (
    <section class="baken-scroll baken-letter-table" aria-labelledby="budget-bijschrift" tabindex={0}>
      <table class="utrecht-table utrecht-table--html-table" id="budget">
        <caption id="budget-bijschrift" class="utrecht-table__caption">
          Gezamenlijk budget per jaar en de bijdrage per gemeente
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class={th} scope="col">
              Gemeente
            </th>
            {budget.years.map((year) => (
              <th class={thNumber} scope="col">
                {year}
              </th>
            ))}
            <th class={thNumber} scope="col">
              Totaal
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {budget.shares.map((share) => (
            <tr class="utrecht-table__row" data-municipality={share.municipality}>
              <th class={th} scope="row">
                {share.name}
              </th>
              {share.years.map((y) => (
                <td class={tdNumber}>{y.text}</td>
              ))}
              <td class={tdNumber}>{share.total.text}</td>
            </tr>
          ))}
        </tbody>
        <tfoot class="utrecht-table__footer">
          <tr class="utrecht-table__row baken-letter-total">
            <th class={th} scope="row">
              Totaal
            </th>
            {budget.totals.map((t) => (
              <td class={tdNumber}>{t.text}</td>
            ))}
            <td class={tdNumber}>{budget.total?.text ?? "–"}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  )

/** The letter, ready to print. */
export const CouncilLetterPage = ({ letter, issued }: CouncilLetterPageProps) => (
  <article class="baken-letter" aria-labelledby="brief-onderwerp" lang="nl">
    <p class="utrecht-paragraph baken-noprint">
      <a class="utrecht-link utrecht-link--html-a" href="/regio">
        Terug naar de regiopagina
      </a>{" "}
      · Druk deze pagina af met de afdrukfunctie van de browser (Ctrl+P).
    </p>
    {issued ? null : (
      <p class="utrecht-paragraph baken-noprint baken-letter-concept">
        Dit is een concept. De brief krijgt een kenmerk en wordt bewaard wanneer de regio hem verstuurt; de volgende
        brief vergelijkt dan met deze.
      </p>
    )}
    <dl class="baken-facts baken-letter-head">
      <dt>Datum</dt>
      <dd>
        <time datetime={letter.date}>{letter.dateText}</time>
      </dd>
      <dt>Kenmerk</dt>
      <dd>{letter.kenmerk ?? "volgt bij verzending"}</dd>
      <dt>Aan</dt>
      <dd>{letter.addressLine}</dd>
      <dt>Onderwerp</dt>
      <dd id="brief-onderwerp">{letter.subject}</dd>
    </dl>
    <h1 class="utrecht-heading-1 baken-sr">{letter.subject}</h1>
    <p class="utrecht-paragraph">{letter.salutation}</p>

    <h2 class="utrecht-heading-2">{letter.aanleiding.heading}</h2>
    <Paragraphs paragraphs={letter.aanleiding.paragraphs} />
    <Items items={letter.aanleiding.items} />

    <h2 class="utrecht-heading-2">Voortgang per programma</h2>
    {letter.programmes.map((section) => (
      <ProgrammeSection section={section} />
    ))}
    <p class="utrecht-paragraph baken-note">{letter.legend}</p>

    <h2 class="utrecht-heading-2">{letter.changes.heading}</h2>
    <Paragraphs paragraphs={letter.changes.paragraphs} />
    <Items items={letter.changes.items} />

    <h2 class="utrecht-heading-2">{letter.budget.heading}</h2>
    <Paragraphs paragraphs={letter.budget.paragraphs} />
    <BudgetTable budget={letter.budget} />

    <h2 class="utrecht-heading-2">{letter.vervolg.heading}</h2>
    <Paragraphs paragraphs={letter.vervolg.paragraphs} />
    <Items items={letter.vervolg.items} />

    <p class="utrecht-paragraph baken-letter-closing">{letter.closing}</p>
    <p class="utrecht-paragraph">{letter.signatory}</p>
  </article>
)
