/**
 * The admin's sessions pages: who is signed in to the dashboard now (with a code or with their organisation's
 * account, as whom, since when, until when), and the confirmation before ending one session or every session of one
 * person. The admin's own session is marked, and ending it says beforehand that it signs the admin out.
 */
import { primaryButton } from "../components/Field.js"
import { Notice } from "../components/Notice.js"
import { PostForm } from "../components/PostForm.js"
import type { SessionView } from "../DashboardSource.js"
import * as Format from "../Format.js"

const link = "utrecht-link utrecht-link--html-a"
const headerCell = "utrecht-table__header-cell"
const cell = "utrecht-table__cell"
const secondaryLink = "utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"

/** Where the confirmation before ending one session is, and the one before ending all of its person's sessions. */
export const endHref = (session: Pick<SessionView, "id">): string => `/beheer/sessies/${session.id}/beeindigen`
export const endPersonHref = (session: Pick<SessionView, "id">): string => `/beheer/sessies/${session.id}/alle`

/** How the person of a session is named in a sentence: by code or as a person. */
const whose = (session: SessionView): string =>
  session.via === "toegangscode" ? "met deze toegangscode" : "van deze persoon"

/** The action that ends all of a session's person's sessions, in words. */
export const endPersonText = (session: SessionView): string =>
  `Alle ${session.personSessions} sessies ${whose(session)} beëindigen`

/** Every live session, most recently used first: a row each, with the ways to end it. */
const SessionTable = ({ sessions }: { readonly sessions: ReadonlyArray<SessionView> }) => (
  <section class="baken-scroll baken-stack" aria-labelledby="sessies-bijschrift" tabindex={0}>
    <table class="utrecht-table utrecht-table--html-table" id="sessies">
      <caption id="sessies-bijschrift" class="utrecht-table__caption">
        Ingelogde sessies, de laatst actieve eerst
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class={headerCell} scope="col">
            Wie
          </th>
          <th class={headerCell} scope="col">
            Rol
          </th>
          <th class={headerCell} scope="col">
            Voor
          </th>
          <th class={headerCell} scope="col">
            Ingelogd
          </th>
          <th class={headerCell} scope="col">
            Laatst actief
          </th>
          <th class={headerCell} scope="col">
            Verloopt
          </th>
          <th class={headerCell} scope="col">
            Actie
          </th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {sessions.map((s) => (
          <tr class="utrecht-table__row" data-session={s.id} data-current={s.current ? "ja" : undefined}>
            <th class={`${headerCell} baken-message`} scope="row">
              {s.label} <span class="baken-via">met een {s.via}</span>
              {s.current ? (
                <>
                  {" "}
                  <span class="utrecht-status-badge baken-own">dit is uw sessie</span>
                </>
              ) : null}
            </th>
            <td class={cell} data-label="Rol">
              {s.kind}
            </td>
            <td class={cell} data-label="Voor">
              {s.holder ?? "—"}
            </td>
            <td class={`${cell} baken-nowrap`} data-label="Ingelogd">
              {Format.shortDateTime(s.startedAt)}
            </td>
            <td class={`${cell} baken-nowrap`} data-label="Laatst actief">
              {Format.shortDateTime(s.seenAt)}
            </td>
            <td class={`${cell} baken-nowrap`} data-label="Verloopt">
              {Format.shortDateTime(s.endsAt)}
            </td>
            <td class={cell} data-label="Actie">
              <ul class="baken-actions">
                <li>
                  <a class={link} href={endHref(s)}>
                    Sessie beëindigen
                    <span class="baken-sr">{s.current ? " (uw eigen sessie)" : ` van ${s.label}`}</span>
                  </a>
                </li>
                {s.personSessions > 1 ? (
                  <li>
                    <a class={link} href={endPersonHref(s)}>
                      {endPersonText(s)}
                      <span class="baken-sr">{s.currentPerson ? " (uw eigen sessies)" : ` (${s.label})`}</span>
                    </a>
                  </li>
                ) : null}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)

/** The sessions page: every live session and a way to end each, or all of one person's. */
export const SessionsPage = ({
  sessions,
  message = null,
}: {
  readonly sessions: ReadonlyArray<SessionView>
  readonly message?: string | null
}) => (
  <>
    <h1 class="utrecht-heading-1">Sessies</h1>
    <p class="utrecht-paragraph">
      Wie nu is ingelogd op het dashboard, met een toegangscode of met het account van de eigen organisatie. Een sessie
      verloopt na een half uur zonder activiteit, en uiterlijk twaalf uur na het inloggen. Tijden zijn Nederlandse tijd.
    </p>
    <p class="utrecht-paragraph">
      Beëindigt u een sessie, dan moet wie de sessie gebruikt opnieuw inloggen. Een toegangscode blijft geldig tot u hem
      intrekt op de pagina Beheer.
    </p>
    <p class="utrecht-paragraph">
      <a class={link} href="/beheer">
        Terug naar het beheer
      </a>
    </p>
    {message === null ? null : <Notice kind="ok" text={message} />}
    {sessions.length === 0 ? (
      <p class="utrecht-paragraph">Er is nu niemand ingelogd.</p>
    ) : (
      <SessionTable sessions={sessions} />
    )}
  </>
)

/** What a session is, as a short list of facts. */
const SessionFacts = ({ session, count = false }: { readonly session: SessionView; readonly count?: boolean }) => (
  <dl class="baken-facts">
    <dt>Wie</dt>
    <dd>{session.label}</dd>
    <dt>Ingelogd met</dt>
    <dd>een {session.via}</dd>
    <dt>Rol</dt>
    <dd>{session.kind}</dd>
    {session.holder === null ? null : (
      <>
        <dt>Voor</dt>
        <dd>{session.holder}</dd>
      </>
    )}
    {count ? (
      <>
        <dt>Sessies</dt>
        <dd>{session.personSessions}</dd>
      </>
    ) : (
      <>
        <dt>Ingelogd</dt>
        <dd>{Format.dateTime(session.startedAt)}</dd>
        <dt>Laatst actief</dt>
        <dd>{Format.dateTime(session.seenAt)}</dd>
      </>
    )}
  </dl>
)

/** What happens afterwards to a person who signed in with a code, or with their organisation's account. */
const Afterwards = ({ session }: { readonly session: SessionView }) => (
  <p class="utrecht-paragraph">
    {session.via === "toegangscode"
      ? "De toegangscode zelf blijft geldig: wie hem heeft, kan er opnieuw mee inloggen. Wilt u dat voorkomen, trek de code dan in op de pagina Beheer."
      : "Met het account van de eigen organisatie kan deze persoon daarna opnieuw inloggen, zolang de organisatie dat toestaat."}
  </p>
)

/** The two buttons of a confirmation: the one that does it, and the way back. */
const Confirm = ({ action, label }: { readonly action: string; readonly label: string }) => (
  <PostForm action={action} class="baken-form">
    <input type="hidden" name="bevestigd" value="ja" />
    <button class={primaryButton} type="submit">
      {label}
    </button>{" "}
    <a class={secondaryLink} href="/beheer/sessies">
      Nee, terug naar de sessies
    </a>
  </PostForm>
)

/** The confirmation before ending one session. */
export const EndSessionPage = ({
  session,
  error = null,
}: {
  readonly session: SessionView
  readonly error?: string | null
}) => (
  <>
    <h1 class="utrecht-heading-1">Sessie beëindigen</h1>
    {error === null ? null : <Notice kind="error" text={error} />}
    {session.current ? (
      <Notice
        kind="info"
        text="Dit is uw eigen sessie. Beëindigt u deze sessie, dan bent u meteen uitgelogd en moet u opnieuw inloggen."
      />
    ) : null}
    <SessionFacts session={session} />
    <p class="utrecht-paragraph">
      {session.current
        ? "Weet u het zeker? U wordt dan direct uitgelogd."
        : "Weet u het zeker? Wie deze sessie gebruikt, wordt dan direct uitgelogd."}
    </p>
    <Afterwards session={session} />
    <Confirm action={endHref(session)} label="Ja, beëindig deze sessie" />
  </>
)

/** The confirmation before ending every session of one person (or one code). */
export const EndPersonPage = ({
  session,
  error = null,
}: {
  readonly session: SessionView
  readonly error?: string | null
}) => (
  <>
    <h1 class="utrecht-heading-1">{`Alle sessies ${whose(session)} beëindigen`}</h1>
    {error === null ? null : <Notice kind="error" text={error} />}
    {session.currentPerson ? (
      <Notice
        kind="info"
        text="Uw eigen sessie hoort hierbij. Beëindigt u deze sessies, dan bent u meteen uitgelogd en moet u opnieuw inloggen."
      />
    ) : null}
    <SessionFacts session={session} count />
    <p class="utrecht-paragraph">
      {session.currentPerson
        ? "Weet u het zeker? U wordt dan direct uitgelogd, op elk apparaat waarop u nu bent ingelogd."
        : session.via === "toegangscode"
          ? "Weet u het zeker? Iedereen die nu met deze code is ingelogd, wordt dan direct uitgelogd."
          : "Weet u het zeker? Deze persoon wordt dan direct uitgelogd, op elk apparaat waarop hij of zij nu is ingelogd."}
    </p>
    <Afterwards session={session} />
    <Confirm action={endPersonHref(session)} label={`Ja, beëindig alle ${session.personSessions} sessies`} />
  </>
)
