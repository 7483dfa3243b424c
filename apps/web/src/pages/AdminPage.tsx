/**
 * The admin's pages: the access codes (API tokens) with a form to make one and a way to revoke each, the page that
 * shows a new code's secret the one time it exists, the confirmation before revoking, and the processing log with
 * its filter, pages and CSV download. No page ever shows a secret but the one answering the form that made it.
 */
import { describedBy, Field, primaryButton, select, textbox } from "../components/Field.js"
import { Notice } from "../components/Notice.js"
import { PostForm } from "../components/PostForm.js"
import type { AdminView, Choice, ProcessingLogPageView, TokenView } from "../DashboardSource.js"
import * as Format from "../Format.js"
import * as LogFilter from "../LogFilter.js"

/** The kinds of token the form makes, as the API names them and in Dutch. */
export const kinds: ReadonlyArray<readonly [TokenView["audience"], string]> = [
  ["partner", "Partner (levert gegevens)"],
  ["municipality", "Gemeente"],
  ["region", "Regio"],
  ["admin", "Beheerder"],
]

/** What the token form was filled in with, to show again after a refusal. */
export interface TokenForm {
  readonly soort: string
  readonly partner: string
  readonly gemeente: string
  readonly naam: string
  readonly dagen: string
}

/** The token form's fields a refusal names. */
export type TokenFormErrors = Partial<Record<keyof TokenForm, string>>

export const emptyTokenForm: TokenForm = { soort: "partner", partner: "", gemeente: "", naam: "", dagen: "90" }

const link = "utrecht-link utrecht-link--html-a"
const headerCell = "utrecht-table__header-cell"
const cell = "utrecht-table__cell"

/** A list of what went wrong, each linking to its field; announced to screen readers. */
const ErrorSummary = ({ errors, prefix }: { readonly errors: Record<string, string | undefined>; prefix: string }) => {
  const found = Object.entries(errors).filter((e): e is [string, string] => e[1] !== undefined)
  return found.length === 0 ? null : (
    <div class="utrecht-alert utrecht-alert--error" role="alert" id="fout">
      <div class="utrecht-alert__content">
        <p class="utrecht-paragraph">
          {found.length === 1 ? "Eén veld klopt niet:" : `${found.length} velden kloppen niet:`}
        </p>
        <ul class="utrecht-unordered-list">
          {found.map(([field, message]) => (
            <li class="utrecht-unordered-list__item">
              <a class={link} href={field === "pagina" ? "#filter" : `#${prefix}-${field}`}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

/** A select of `choices` with an empty first option. */
const Choices = ({
  id,
  name,
  choices,
  value,
  empty,
  error,
  description = false,
}: {
  readonly id: string
  readonly name: string
  readonly choices: ReadonlyArray<Choice>
  readonly value: string
  readonly empty: string
  readonly error?: string | undefined
  readonly description?: boolean
}) => (
  <select
    class={select}
    id={id}
    name={name}
    aria-invalid={error === undefined ? undefined : "true"}
    aria-describedby={describedBy(id, { description, error })}
  >
    <option value="">{empty}</option>
    {choices.map((c) => (
      <option value={c.value} selected={c.value === value}>
        {c.label}
      </option>
    ))}
  </select>
)

/** Every token, newest first: a row each, with a link to revoke an active one. */
const TokenTable = ({ tokens }: { readonly tokens: ReadonlyArray<TokenView> }) =>
  tokens.length === 0 ? (
    <p class="utrecht-paragraph">Er zijn nog geen toegangscodes.</p>
  ) : (
    <section class="baken-scroll baken-stack" aria-labelledby="codes-bijschrift" tabindex={0}>
      <table class="utrecht-table utrecht-table--html-table" id="codes">
        <caption id="codes-bijschrift" class="utrecht-table__caption">
          Toegangscodes, de nieuwste eerst (de geheime codes zelf worden nooit getoond)
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class={headerCell} scope="col">
              Naam
            </th>
            <th class={headerCell} scope="col">
              Soort
            </th>
            <th class={headerCell} scope="col">
              Voor
            </th>
            <th class={headerCell} scope="col">
              Aangemaakt
            </th>
            <th class={headerCell} scope="col">
              Verloopt
            </th>
            <th class={headerCell} scope="col">
              Status
            </th>
            <th class={headerCell} scope="col">
              Code
            </th>
            <th class={headerCell} scope="col">
              Actie
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {tokens.map((t) => (
            <tr class="utrecht-table__row" data-token={t.id} data-status={t.status}>
              <th class={`${headerCell} baken-message`} scope="row">
                {t.label}
              </th>
              <td class={cell} data-label="Soort">
                {t.kind}
              </td>
              <td class={cell} data-label="Voor">
                {t.holder ?? "—"}
              </td>
              <td class={cell} data-label="Aangemaakt">
                {Format.dateTime(t.createdAt)}
              </td>
              <td class={cell} data-label="Verloopt">
                {Format.dateTime(t.expiresAt)}
              </td>
              <td class={cell} data-label="Status">
                {t.state}
                {t.revokedAt === null ? "" : ` op ${Format.dateTime(t.revokedAt)}`}
              </td>
              <td class={cell} data-label="Code">
                <code>{t.id}</code>
              </td>
              <td class={cell} data-label="Actie">
                {t.status === "active" ? (
                  <a class={link} href={`/beheer/toegangscodes/${t.id}/intrekken`}>
                    Intrekken<span class="baken-sr"> van {t.label}</span>
                  </a>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )

/** The form that makes a token. */
const TokenFormSection = ({
  view,
  form,
  errors,
  request,
}: {
  readonly view: AdminView
  readonly form: TokenForm
  readonly errors: TokenFormErrors
  readonly request: string
}) => (
  <section aria-labelledby="nieuwe-code">
    <h2 id="nieuwe-code" class="utrecht-heading-2">
      Nieuwe toegangscode
    </h2>
    <p class="utrecht-paragraph">
      Een toegangscode geeft toegang tot Baken: een partner levert er gegevens mee, een gemeente en de regio loggen
      ermee in. Na het aanmaken ziet u de geheime code één keer; geef hem veilig door aan wie hem gebruikt.
    </p>
    <ErrorSummary errors={errors} prefix="code" />
    <PostForm action="/beheer/toegangscodes" class="baken-form">
      <input type="hidden" name="aanvraag" value={request} />
      <Field id="code-soort" label="Soort" error={errors.soort}>
        <select
          class={select}
          id="code-soort"
          name="soort"
          aria-invalid={errors.soort === undefined ? undefined : "true"}
          aria-describedby={describedBy("code-soort", { error: errors.soort })}
        >
          {kinds.map(([value, label]) => (
            <option value={value} selected={value === form.soort}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="code-partner"
        label="Partner"
        description="Alleen voor een code van de soort partner: de partner die ermee levert."
        error={errors.partner}
      >
        <Choices
          id="code-partner"
          name="partner"
          choices={view.partners}
          value={form.partner}
          empty="Kies een partner"
          error={errors.partner}
          description
        />
      </Field>
      <Field
        id="code-gemeente"
        label="Gemeente"
        description="Alleen voor een code van de soort gemeente: de gemeente die ermee inlogt."
        error={errors.gemeente}
      >
        <Choices
          id="code-gemeente"
          name="gemeente"
          choices={view.municipalities}
          value={form.gemeente}
          empty="Kies een gemeente"
          error={errors.gemeente}
          description
        />
      </Field>
      <Field
        id="code-naam"
        label="Naam"
        description="Wie of wat de code gebruikt, bijvoorbeeld ‘Exportkoppeling Veilig Thuis’. Geen BSN of ander persoonsnummer."
        error={errors.naam}
      >
        <input
          class={textbox}
          id="code-naam"
          name="naam"
          type="text"
          maxlength={200}
          value={form.naam}
          required
          aria-invalid={errors.naam === undefined ? undefined : "true"}
          aria-describedby={describedBy("code-naam", { description: true, error: errors.naam })}
        />
      </Field>
      <Field id="code-dagen" label="Geldig (dagen)" description="Van 1 tot en met 3660 dagen." error={errors.dagen}>
        <input
          class={textbox}
          id="code-dagen"
          name="dagen"
          type="number"
          min={1}
          max={3660}
          value={form.dagen}
          required
          aria-invalid={errors.dagen === undefined ? undefined : "true"}
          aria-describedby={describedBy("code-dagen", { description: true, error: errors.dagen })}
        />
      </Field>
      <button class={primaryButton} type="submit">
        Toegangscode aanmaken
      </button>
    </PostForm>
  </section>
)

/** The admin's home: the tokens and the form to make one, and the ways to the sessions and the processing log. */
export const AdminPage = ({
  view,
  message = null,
  error = null,
  form = emptyTokenForm,
  errors = {},
  request,
}: {
  readonly view: AdminView
  readonly message?: string | null
  readonly error?: string | null
  readonly form?: TokenForm
  readonly errors?: TokenFormErrors
  /** A fresh id for the form, so that sending it twice makes one token. */
  readonly request: string
}) => (
  <>
    <h1 class="utrecht-heading-1">Beheer</h1>
    <p class="utrecht-paragraph">
      Hier beheert u de toegangscodes van partners, gemeenten en de regio. Bij{" "}
      <a class={link} href="/beheer/sessies">
        sessies
      </a>{" "}
      ziet u wie nu is ingelogd en kunt u een sessie beëindigen; in het{" "}
      <a class={link} href="/beheer/logboek">
        verwerkingslogboek
      </a>{" "}
      ziet u wie gegevens van partners las of schreef.
    </p>
    {message === null ? null : <Notice kind="ok" text={message} />}
    {error === null ? null : <Notice kind="error" text={error} />}
    <section aria-labelledby="toegangscodes">
      <h2 id="toegangscodes" class="utrecht-heading-2">
        Toegangscodes
      </h2>
      <TokenTable tokens={view.tokens} />
    </section>
    <TokenFormSection view={view} form={form} errors={errors} request={request} />
  </>
)

/** What a token is, as a short list of facts. */
const TokenFacts = ({ token }: { readonly token: TokenView }) => (
  <dl class="baken-facts">
    <dt>Naam</dt>
    <dd>{token.label}</dd>
    <dt>Soort</dt>
    <dd>{token.kind}</dd>
    {token.holder === null ? null : (
      <>
        <dt>Voor</dt>
        <dd>{token.holder}</dd>
      </>
    )}
    <dt>Verloopt</dt>
    <dd>{Format.dateTime(token.expiresAt)}</dd>
    <dt>Status</dt>
    <dd>{token.state}</dd>
  </dl>
)

/** The answer to the form: the new token's secret, this once. */
export const TokenIssuedPage = ({ token, secret }: { readonly token: TokenView; readonly secret: string }) => (
  <>
    <h1 class="utrecht-heading-1">Nieuwe toegangscode</h1>
    <div class="utrecht-alert utrecht-alert--warning" role="status" id="let-op">
      <div class="utrecht-alert__content">
        <p class="utrecht-paragraph">
          <strong>Kopieer deze code nu; hij wordt niet meer getoond.</strong> Baken bewaart de code niet, alleen een
          afgeleide waarmee hij herkend wordt. Bent u hem kwijt, trek hem dan in en maak een nieuwe.
        </p>
      </div>
    </div>
    <div class="baken-form">
      <Field id="geheime-code" label={`Geheime code voor ${token.label}`}>
        <input
          class={`${textbox} baken-secret`}
          id="geheime-code"
          type="text"
          value={secret}
          readonly
          autocomplete="off"
          spellcheck={false}
        />
      </Field>
    </div>
    <TokenFacts token={token} />
    <p class="utrecht-paragraph">
      <a class={link} href="/beheer">
        Terug naar het beheer
      </a>
    </p>
  </>
)

/** The confirmation before revoking a token. */
export const RevokePage = ({ token, error = null }: { readonly token: TokenView; readonly error?: string | null }) => (
  <>
    <h1 class="utrecht-heading-1">Toegangscode intrekken</h1>
    {error === null ? null : <Notice kind="error" text={error} />}
    <TokenFacts token={token} />
    {token.status === "active" ? (
      <>
        <p class="utrecht-paragraph">
          Weet u het zeker? Wie deze code gebruikt, kan er daarna niet meer mee inloggen of leveren. Intrekken kan niet
          ongedaan worden gemaakt; maak zo nodig een nieuwe code.
        </p>
        <PostForm action={`/beheer/toegangscodes/${token.id}/intrekken`} class="baken-form">
          <input type="hidden" name="bevestigd" value="ja" />
          <button class={primaryButton} type="submit">
            Ja, trek deze code in
          </button>{" "}
          <a
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            href="/beheer"
          >
            Nee, terug naar het beheer
          </a>
        </PostForm>
      </>
    ) : (
      <p class="utrecht-paragraph">
        Deze code is al {token.state} en werkt niet meer.{" "}
        <a class={link} href="/beheer">
          Terug naar het beheer
        </a>
      </p>
    )}
  </>
)

/** The filter of the log: a plain GET form, so a filtered page is a link to keep or send. */
const LogFilterForm = ({
  view,
  values,
  errors,
}: {
  readonly view: Pick<ProcessingLogPageView, "actors" | "partners">
  readonly values: LogFilter.Values
  readonly errors: LogFilter.Parsed["errors"]
}) => {
  const invalid = (field: LogFilter.FieldName) => (errors[field] === undefined ? undefined : "true")
  return (
    <form class="baken-form baken-filter" method="get" action="/beheer/logboek" aria-labelledby="filter">
      <h2 id="filter" class="utrecht-heading-2">
        Filter
      </h2>
      <ErrorSummary errors={errors} prefix="log" />
      <div class="baken-filter__fields">
        <Field id="log-van" label="Van" error={errors.van}>
          <input
            class={textbox}
            id="log-van"
            name="van"
            type="date"
            value={values.van}
            aria-invalid={invalid("van")}
            aria-describedby={describedBy("log-van", { error: errors.van })}
          />
        </Field>
        <Field id="log-tot" label="Tot en met" error={errors.tot}>
          <input
            class={textbox}
            id="log-tot"
            name="tot"
            type="date"
            value={values.tot}
            aria-invalid={invalid("tot")}
            aria-describedby={describedBy("log-tot", { error: errors.tot })}
          />
        </Field>
        <Field id="log-wie" label="Wie" error={errors.wie}>
          <Choices
            id="log-wie"
            name="wie"
            choices={view.actors}
            value={values.wie}
            empty="Iedereen"
            error={errors.wie}
          />
        </Field>
        <Field id="log-partner" label="Gegevens van partner" error={errors.partner}>
          <Choices
            id="log-partner"
            name="partner"
            choices={view.partners}
            value={values.partner}
            empty="Alle partners"
            error={errors.partner}
          />
        </Field>
        <Field id="log-handeling" label="Handeling" error={errors.handeling}>
          <select
            class={select}
            id="log-handeling"
            name="handeling"
            aria-invalid={invalid("handeling")}
            aria-describedby={describedBy("log-handeling", { error: errors.handeling })}
          >
            <option value="">Alle</option>
            {LogFilter.actions.map(([nl]) => (
              <option value={nl} selected={nl === values.handeling}>
                {nl}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="log-onderwerp"
          label="Onderwerp bevat"
          description="Bijvoorbeeld het begin van een levering."
          error={errors.onderwerp}
        >
          <input
            class={textbox}
            id="log-onderwerp"
            name="onderwerp"
            type="search"
            maxlength={100}
            value={values.onderwerp}
            aria-invalid={invalid("onderwerp")}
            aria-describedby={describedBy("log-onderwerp", { description: true, error: errors.onderwerp })}
          />
        </Field>
        <Field id="log-code" label="Code" description="De code van een toegangscode, of het begin." error={errors.code}>
          <input
            class={textbox}
            id="log-code"
            name="code"
            type="text"
            maxlength={16}
            value={values.code}
            autocomplete="off"
            spellcheck={false}
            aria-invalid={invalid("code")}
            aria-describedby={describedBy("log-code", { description: true, error: errors.code })}
          />
        </Field>
      </div>
      <button class={primaryButton} type="submit">
        Filteren
      </button>{" "}
      <a class={link} href="/beheer/logboek">
        Filter wissen
      </a>
    </form>
  )
}

/** One page of entries as a table. */
const LogEntries = ({ view }: { readonly view: ProcessingLogPageView }) => (
  <section class="baken-scroll baken-stack" aria-labelledby="logboek-bijschrift" tabindex={0}>
    <table class="utrecht-table utrecht-table--html-table" id="logboek">
      <caption id="logboek-bijschrift" class="utrecht-table__caption">
        Verwerkingen van gegevens van partners, de nieuwste eerst
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class={headerCell} scope="col">
            Wanneer
          </th>
          <th class={headerCell} scope="col">
            Wie
          </th>
          <th class={headerCell} scope="col">
            Handeling
          </th>
          <th class={headerCell} scope="col">
            Onderwerp
          </th>
          <th class={headerCell} scope="col">
            Doel
          </th>
          <th class={headerCell} scope="col">
            Code
          </th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {view.entries.map((e) => (
          <tr class="utrecht-table__row" data-action={e.actionId}>
            <td class={`${cell} baken-nowrap`} data-label="Wanneer">
              {Format.dateTime(e.at)}
            </td>
            <td class={cell} data-label="Wie">
              {e.actor}
            </td>
            <td class={cell} data-label="Handeling">
              {e.action}
            </td>
            <td class={`${cell} baken-message`} data-label="Onderwerp">
              {e.subject}
            </td>
            <td class={cell} data-label="Doel">
              {e.purpose}
            </td>
            <td class={cell} data-label="Code">
              {e.token === null ? "—" : <code>{e.token}</code>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)

/** Links to the previous and next page, keeping the filter. */
const Pages = ({ view, values }: { readonly view: ProcessingLogPageView; readonly values: LogFilter.Values }) => {
  const last = Math.max(1, Math.ceil(view.total / view.pageSize))
  if (last === 1 && view.page === 1) return null
  return (
    <nav aria-label="Pagina's van het logboek" class="baken-pages">
      <p class="utrecht-paragraph">
        Pagina {Format.number(view.page)} van {Format.number(last)}.{" "}
        {view.page > 1 ? (
          <a class={link} href={`/beheer/logboek${LogFilter.search(values, Math.min(view.page - 1, last))}`} rel="prev">
            Vorige pagina
          </a>
        ) : null}
        {view.page > 1 && view.page < last ? " · " : null}
        {view.page < last ? (
          <a class={link} href={`/beheer/logboek${LogFilter.search(values, view.page + 1)}`} rel="next">
            Volgende pagina
          </a>
        ) : null}
      </p>
    </nav>
  )
}

/** The processing log: the filter, how many entries it found, a page of them and the CSV of all of them. */
export const ProcessingLogPage = ({
  view,
  values,
  errors,
}: {
  /** The page the filter found; without results when the filter was refused (only its form's choices). */
  readonly view: ProcessingLogPageView
  readonly values: LogFilter.Values
  readonly errors: LogFilter.Parsed["errors"]
}) => {
  const refused = Object.keys(errors).length > 0
  return (
    <>
      <h1 class="utrecht-heading-1">Verwerkingslogboek</h1>
      <p class="utrecht-paragraph">
        Wie gegevens van partners las, schreef of verwijderde, wanneer en waarom: elke verwerking apart, de nieuwste
        eerst, {Format.number(view.pageSize)} per pagina. Tijden en dagen zijn Nederlandse tijd.
      </p>
      <p class="utrecht-paragraph">
        <a class={link} href="/beheer">
          Terug naar het beheer
        </a>
      </p>
      <LogFilterForm view={view} values={values} errors={errors} />
      <section aria-labelledby="verwerkingen">
        <h2 id="verwerkingen" class="utrecht-heading-2">
          Verwerkingen
        </h2>
        {refused ? (
          <p class="utrecht-paragraph">Verbeter het filter hierboven; daarna ziet u de verwerkingen die erbij horen.</p>
        ) : (
          <>
            <p class="utrecht-paragraph" id="gevonden" role="status">
              {view.total === 0
                ? "Er zijn geen verwerkingen die bij dit filter horen."
                : view.total === 1
                  ? "1 verwerking gevonden."
                  : `${Format.number(view.total)} verwerkingen gevonden.`}
              {view.total > 0 ? (
                <>
                  {" "}
                  <a class={link} href={`/beheer/logboek.csv${LogFilter.search(values)}`} download>
                    Download {view.total === 1 ? "deze verwerking" : `alle ${Format.number(view.total)}`} als CSV
                  </a>
                </>
              ) : null}
            </p>
            {view.entries.length === 0 && view.total > 0 ? (
              <p class="utrecht-paragraph">Deze pagina is leeg: het filter vond minder verwerkingen.</p>
            ) : null}
            {view.entries.length > 0 ? <LogEntries view={view} /> : null}
            <Pages view={view} values={values} />
          </>
        )}
      </section>
    </>
  )
}
