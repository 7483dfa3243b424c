/**
 * The partner page: the partner's deliveries, the records that were accepted and rejected with where and why, the
 * deliveries that are overdue, and a form to deliver a file through one of the adapters the region assigned the
 * partner. Without JavaScript the form posts the file, which is queued, and the browser goes to the delivery's own
 * page (`DeliveryJobPage`), which refreshes itself until the file is read. With it, the script streams the file to
 * the server's delivery route with an upload progress bar, follows the job live, shows the same result in place, and
 * then fetches this page again to put the refreshed delivery list (`#leveringen-lijst`) in place of the old one.
 */
import { Field, primaryButton, select } from "../components/Field.js"
import { Notice } from "../components/Notice.js"
import { PostForm } from "../components/PostForm.js"
import type { DeliveryJobView, DeliveryStatus, PartnerView, RejectionView } from "../DashboardSource.js"
import * as Format from "../Format.js"

/** A delivery's status as the partner reads it. */
export const statusNl: Readonly<Record<DeliveryStatus, string>> = {
  queued: "In de wachtrij",
  running: "Bezig",
  stored: "Opgeslagen",
  refused: "Geweigerd",
}

/** Whether a delivery is still to be read (its page refreshes, the script keeps asking). */
export const isPending = (status: DeliveryStatus): boolean => status === "queued" || status === "running"

const where = (r: RejectionView): string =>
  r.location.line !== null ? String(r.location.line) : (r.location.element ?? "–")
const column = (r: RejectionView): string =>
  r.location.field ??
  (r.location.column === undefined || r.location.column === null ? "–" : `kolom ${r.location.column}`)

/**
 * The rejections as a table: where (line or element), which column or field, the rule's id and what is wrong. On a
 * narrow screen every row becomes a small block of labelled lines (`.baken-stack`), so no column is squeezed.
 */
const RejectionTable = ({
  rejections,
  id,
  withFile,
  caption,
}: {
  readonly rejections: ReadonlyArray<RejectionView>
  readonly id: string
  readonly withFile: boolean
  readonly caption: string
}) => (
  <section class="baken-scroll baken-stack" aria-labelledby={`${id}-bijschrift`} tabindex={0}>
    <table class="utrecht-table utrecht-table--html-table" id={id}>
      <caption id={`${id}-bijschrift`} class="utrecht-table__caption">
        {caption}
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          {withFile ? (
            <th class="utrecht-table__header-cell" scope="col">
              Bestand
            </th>
          ) : null}
          <th class="utrecht-table__header-cell" scope="col">
            Regel of element
          </th>
          <th class="utrecht-table__header-cell" scope="col">
            Kolom of veld
          </th>
          <th class="utrecht-table__header-cell" scope="col">
            Regel-id
          </th>
          <th class="utrecht-table__header-cell" scope="col">
            Wat is er mis
          </th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {rejections.map((r) => (
          <tr class="utrecht-table__row" data-rule={r.rule}>
            {withFile ? (
              <td class="utrecht-table__cell" data-label="Bestand">
                {r.location.file}
              </td>
            ) : null}
            <td class="utrecht-table__cell baken-where" data-label="Regel of element">
              {where(r)}
            </td>
            <td class="utrecht-table__cell" data-label="Kolom of veld">
              {column(r)}
            </td>
            <td class="utrecht-table__cell" data-label="Regel-id">
              <code>{r.rule}</code>
            </td>
            <td class="utrecht-table__cell baken-message" data-label="Wat is er mis">
              {r.message}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)

/** The sentence on a finished delivery, or on how far it is. */
const outcomeText = (job: DeliveryJobView): string => {
  if (job.status === "refused") {
    return job.reason ?? "De levering is geweigerd; er is niets opgeslagen."
  }
  if (job.status === "stored") {
    const s = job.summary
    const accepted = s?.accepted ?? job.progress.accepted
    const rejected = s?.rejected ?? job.progress.rejected
    const period = s === null || s.period === "" ? "" : ` (periode ${s.period})`
    return rejected === 0
      ? `Opgeslagen: alle ${Format.number(accepted)} gegevens zijn geaccepteerd${period}.`
      : `Opgeslagen: ${Format.number(accepted)} gegevens geaccepteerd${period}, ${Format.number(rejected)} afgekeurd. Verbeter de afgekeurde regels en lever het bestand opnieuw.`
  }
  return job.status === "queued"
    ? "Het bestand is ontvangen en wacht tot het wordt gelezen."
    : "Het bestand wordt gelezen; de aantallen lopen op."
}

/** A delivered file: status, counts and, when done, the result with the rejections. The script inserts it too. */
export const DeliveryJob = ({ job }: { readonly job: DeliveryJobView }) => (
  <section
    id="resultaat"
    aria-labelledby="resultaat-titel"
    class="baken-result"
    tabindex={-1}
    data-job={job.id}
    data-status={job.status}
  >
    <h2 id="resultaat-titel" class="utrecht-heading-2">
      Levering {job.fileName}
    </h2>
    <dl class="baken-facts">
      <dt>Status</dt>
      <dd data-veld="status">{statusNl[job.status]}</dd>
      <dt>Soort bestand</dt>
      <dd>{job.adapter}</dd>
      <dt>Gelezen</dt>
      <dd data-veld="read">{Format.number(job.progress.read)}</dd>
      <dt>Geaccepteerd</dt>
      <dd data-veld="accepted">{Format.number(job.progress.accepted)}</dd>
      <dt>Afgekeurd</dt>
      <dd data-veld="rejected">{Format.number(job.progress.rejected)}</dd>
    </dl>
    {isPending(job.status) ? (
      <p class="utrecht-paragraph" data-veld="uitleg">
        {outcomeText(job)}
      </p>
    ) : (
      <Notice kind={job.status === "stored" && job.progress.rejected === 0 ? "ok" : "error"} text={outcomeText(job)} />
    )}
    {job.rejections.length === 0 ? null : (
      <>
        {job.progress.rejected > job.rejections.length ? (
          <p class="utrecht-paragraph">
            Hieronder staan de eerste {Format.number(job.rejections.length)} van de{" "}
            {Format.number(job.progress.rejected)} afgekeurde regels.
          </p>
        ) : null}
        <RejectionTable
          rejections={job.rejections}
          id="afgekeurd-nu"
          withFile={job.rejections.some((r) => r.location.file !== job.fileName)}
          caption={`Afgekeurd in ${job.fileName}, met waar en waarom`}
        />
      </>
    )}
  </section>
)

/** A delivered file's own page: where the form leads without JavaScript; it refreshes itself while it is pending. */
export const DeliveryJobPage = ({ job }: { readonly job: DeliveryJobView }) => (
  <>
    <h1 class="utrecht-heading-1">Levering {job.fileName}</h1>
    <DeliveryJob job={job} />
    {isPending(job.status) ? (
      <p class="utrecht-paragraph baken-note">
        Deze pagina ververst zich elke twee seconden tot het bestand gelezen is.
      </p>
    ) : null}
    <p class="utrecht-paragraph">
      <a class="utrecht-link utrecht-link--html-a" href="/partner">
        Terug naar de leveringen
      </a>
    </p>
  </>
)

/**
 * The deliveries newest first, as the list's caption says: by the day received, and within a day in the reverse of
 * the order given (the API lists deliveries in the order they were stored).
 */
export const newestFirst = <D extends { readonly receivedAt: string }>(
  deliveries: ReadonlyArray<D>,
): ReadonlyArray<D> =>
  [...deliveries].reverse().sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0))

/** The partner page's content. */
export const PartnerPage = ({
  view,
  error,
  route,
}: {
  readonly view: PartnerView
  readonly error: string | null
  /** The delivery route the script streams files to; null leaves the form to post itself. */
  readonly route: string | null
}) => (
  <>
    <h1 class="utrecht-heading-1">Leveringen van {view.name}</h1>
    {error === null ? null : <Notice kind="error" text={error} />}
    <div id="resultaat-plek" aria-live="polite" />
    {view.overdue.length === 0 ? null : (
      <div class="utrecht-alert utrecht-alert--warning" role="note" aria-labelledby="te-laat">
        <div class="utrecht-alert__content">
          <h2 id="te-laat" class="utrecht-heading-3">
            Te late leveringen
          </h2>
          <ul class="utrecht-unordered-list">
            {view.overdue.map((o) => (
              <li class="utrecht-unordered-list__item">
                {view.adapters.find((a) => a.id === o.adapter)?.name ?? o.adapter}, periode {o.period}: had binnen
                moeten zijn op {Format.date(o.due)}
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
      {view.adapters.length === 0 ? (
        <p class="utrecht-paragraph" id="geen-soorten">
          De regio heeft u nog geen soort bestand toegewezen, dus u kunt hier nog niets leveren. Neem contact op met de
          regio om af te spreken welke gegevens u levert.
        </p>
      ) : (
        <PostForm
          action="/partner/leveringen"
          enctype="multipart/form-data"
          class="baken-form"
          id="leverformulier"
          data-route={route ?? undefined}
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
            description={view.adapters
              .map((a) =>
                a.extensions === undefined || a.extensions.length === 0
                  ? `${a.name}: ${a.accepts}.`
                  : `${a.name}: ${a.accepts} (${a.extensions.join(", ")}).`,
              )
              .join(" ")}
          >
            <input
              class="utrecht-textbox"
              id="bestand"
              name="bestand"
              type="file"
              accept={[...new Set(view.adapters.flatMap((a) => a.extensions ?? []))].join(",") || undefined}
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
        </PostForm>
      )}
    </section>
    <section aria-labelledby="leveringen" id="leveringen-lijst">
      <h2 id="leveringen" class="utrecht-heading-2">
        Leveringen
      </h2>
      <section class="baken-scroll baken-stack" aria-labelledby="leveringen-bijschrift" tabindex={0}>
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
            {newestFirst(view.deliveries).map((d) => (
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="row">
                  {d.fileName}
                </th>
                <td class="utrecht-table__cell" data-label="Ontvangen">
                  {Format.date(d.receivedAt)}
                </td>
                <td class="utrecht-table__cell" data-label="Periode">
                  {d.period}
                </td>
                <td class="utrecht-table__cell" data-label="Geaccepteerd">
                  {d.accepted}
                </td>
                <td class="utrecht-table__cell" data-label="Afgekeurd">
                  {d.rejected}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {view.unstored.length === 0 ? null : (
        <>
          <h3 class="utrecht-heading-3" id="niet-opgeslagen">
            Bestanden die (nog) niet zijn opgeslagen
          </h3>
          <ul class="utrecht-unordered-list" aria-labelledby="niet-opgeslagen">
            {view.unstored.map((j) => (
              <li class="utrecht-unordered-list__item" data-status={j.status}>
                <a class="utrecht-link utrecht-link--html-a" href={`/partner/leveringen/${encodeURIComponent(j.id)}`}>
                  {j.fileName}
                </a>{" "}
                ({j.adapter}): {statusNl[j.status].toLowerCase()}
                {j.reason === null ? "" : `: ${j.reason}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 class="utrecht-heading-3">Afgekeurde regels</h3>
      {view.rejections.length === 0 ? (
        <p class="utrecht-paragraph">Geen afgekeurde regels.</p>
      ) : (
        <RejectionTable
          rejections={view.rejections}
          id="afgekeurd"
          withFile={true}
          caption="Afgekeurde regels van de laatste leveringen, met waar en waarom"
        />
      )}
    </section>
  </>
)
