/**
 * Logging in with a token: partners and the region's officers get a code from the region; the page stores it in a
 * cookie the browser sends back, so the partner and region pages work with plain links and forms.
 */
import { Field, primaryButton, textbox } from "../components/Field.js"
import { Notice } from "../components/Notice.js"
import { PostForm } from "../components/PostForm.js"

/** The login page's content. */
export const LoginPage = ({
  next,
  error,
  notice = null,
}: {
  readonly next: string
  readonly error: string | null
  /** Why the visitor is here although signed in: the page asked for needs another code. */
  readonly notice?: string | null
}) => (
  <>
    <h1 class="utrecht-heading-1">Inloggen</h1>
    <p class="utrecht-paragraph">
      Partners, gemeenten en medewerkers van de regio loggen in met de code die zij van de regio kregen. Inwoners en
      raadsleden hebben geen code nodig: het overzicht, de gemeenten en de programma's zijn openbaar.
    </p>
    {notice === null ? null : <Notice kind="info" text={notice} />}
    {error === null ? null : <Notice kind="error" text={error} />}
    <PostForm action="/inloggen" class="baken-form">
      <input type="hidden" name="volgende" value={next} />
      <Field id="code" label="Code" description="De code staat in de e-mail van de regio.">
        <input
          class={textbox}
          id="code"
          name="code"
          type="password"
          autocomplete="current-password"
          required
          aria-describedby="code-uitleg"
        />
      </Field>
      <button class={primaryButton} type="submit">
        Inloggen
      </button>
    </PostForm>
  </>
)
