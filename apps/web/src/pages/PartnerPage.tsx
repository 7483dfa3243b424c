/**
 * The partner page: the partner's deliveries, the records that were accepted and rejected with where and why, the
 * deliveries that are overdue, and an upload form for the adapters the server runs. Without JavaScript the form
 * posts and the result appears at the top of the page; with it, a progress bar shows the upload and the result
 * appears in place.
 */
import { Field, primaryButton, select } from "../components/Field.js"
import { Notice } from "../components/Notice.js"
import type { PartnerView, UploadResult } from "../DashboardSource.js"
import * as Format from "../Format.js"

/** The outcome of an upload, as a section the script can also insert on its own. */
export const UploadOutcome = ({ result }: { readonly result: UploadResult }) => (
  <section id="resultaat" aria-labelledby="resultaat-titel" class="baken-result" tabindex={-1}>
    <h2 id="resultaat-titel" class="utrecht-heading-2">
      Resultaat van {result.delivery.fileName}
    </h2>
    <Notice
      kind={result.rejections.length === 0 ? "ok" : "error"}
      text={
        result.rejections.length === 0
          ? `Alle ${result.delivery.accepted} regels zijn geaccepteerd.`
          : `${result.delivery.accepted} regels geaccepteerd, ${result.rejections.length} afgekeurd. Verbeter de afgekeurde regels en lever het bestand opnieuw.`
      }
    />
    {result.rejections.length === 0 ? null : <RejectionTable rejections={result.rejections} id="afgekeurd-nu" />}
  </section>
)

const RejectionTable = ({
  rejections,
  id,
}: {
  readonly rejections: UploadResult["rejections"]
  readonly id: string
}) => (
  <section class="baken-scroll" aria-labelledby={`${id}-bijschrift`} tabindex={0}>
    <table class="utrecht-table utrecht-table--html-table" id={id}>
      <caption id={`${id}-bijschrift`} class="utrecht-table__caption">
        Afgekeurde regels, met waar en waarom
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class="utrecht-table__header-cell" scope="col">
            Bestand
          </th>
          <th class="utrecht-table__header-cell" scope="col">
            Regel
          </th>
          <th class="utrecht-table__header-cell" scope="col">
            Veld
          </th>
          <th class="utrecht-table__header-cell" scope="col">
            Wat is er mis
          </th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {rejections.map((r) => (
          <tr class="utrecht-table__row" data-rule={r.rule}>
            <td class="utrecht-table__cell">{r.location.file}</td>
            <td class="utrecht-table__cell">{r.location.line ?? "–"}</td>
            <td class="utrecht-table__cell">{r.location.field ?? "–"}</td>
            <td class="utrecht-table__cell">{r.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)

/** The partner page's content. */
export const PartnerPage = ({
  view,
  result,
  error,
}: {
  readonly view: PartnerView
  readonly result: UploadResult | null
  readonly error: string | null
}) => (
  <>
    <h1 class="utrecht-heading-1">Leveringen van {view.name}</h1>
    {error === null ? null : <Notice kind="error" text={error} />}
    <div id="resultaat-plek" aria-live="polite">
      {result === null ? null : <UploadOutcome result={result} />}
    </div>
    {view.overdue.length === 0 ? null : (
      <div class="utrecht-alert utrecht-alert--warning" role="note" aria-labelledby="te-laat">
        <div class="utrecht-alert__content">
          <h2 id="te-laat" class="utrecht-heading-3">
            Te late leveringen
          </h2>
          <ul class="utrecht-unordered-list">
            {view.overdue.map((o) => (
              <li class="utrecht-unordered-list__item">
                {o.adapter}, periode {o.period}: had binnen moeten zijn op {Format.date(o.due)}
              </li>
            ))}
          </ul>
        </div>
      </div>
    )}
    <section aria-labelledby="leveren">
      <h2 id="leveren" class="utrecht-heading-2">
        Een bestand leveren
      </h2>
      <form
        method="post"
        action="/partner/leveringen"
        enctype="multipart/form-data"
        class="baken-form"
        id="leverformulier"
      >
        <Field id="adapter" label="Soort bestand">
          <select class={select} id="adapter" name="adapter">
            {view.adapters.map((a) => (
              <option value={a.id}>{a.name}</option>
            ))}
          </select>
        </Field>
        <Field
          id="bestand"
          label="Bestand"
          description={view.adapters.map((a) => `${a.name}: ${a.accepts}.`).join(" ")}
        >
          <input
            class="utrecht-textbox"
            id="bestand"
            name="bestand"
            type="file"
            required
            aria-describedby="bestand-uitleg"
          />
        </Field>
        <button class={primaryButton} type="submit">
          Leveren
        </button>
        <div class="baken-upload-progress" hidden>
          <label for="voortgang">Voortgang van het uploaden</label>
          <progress id="voortgang" max={100} value={0} />
        </div>
      </form>
    </section>
    <section aria-labelledby="leveringen">
      <h2 id="leveringen" class="utrecht-heading-2">
        Leveringen
      </h2>
      <section class="baken-scroll" aria-labelledby="leveringen-bijschrift" tabindex={0}>
        <table class="utrecht-table utrecht-table--html-table" id="leveringentabel">
          <caption id="leveringen-bijschrift" class="utrecht-table__caption">
            Ontvangen leveringen, nieuwste eerst
          </caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Bestand
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Ontvangen
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Periode
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Geaccepteerd
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Afgekeurd
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {view.deliveries.map((d) => (
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="row">
                  {d.fileName}
                </th>
                <td class="utrecht-table__cell">{Format.date(d.receivedAt)}</td>
                <td class="utrecht-table__cell">{d.period}</td>
                <td class="utrecht-table__cell">{d.accepted}</td>
                <td class="utrecht-table__cell">{d.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <h3 class="utrecht-heading-3">Afgekeurde regels</h3>
      {view.rejections.length === 0 ? (
        <p class="utrecht-paragraph">Geen afgekeurde regels.</p>
      ) : (
        <RejectionTable rejections={view.rejections} id="afgekeurd" />
      )}
    </section>
  </>
)
