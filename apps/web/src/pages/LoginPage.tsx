/**
 * Logging in. Where the server is set up for it, staff sign in first of all with their organisation's account
 * (OpenID Connect): one button that takes them to their organisation's login page. Below it, or alone without that,
 * the code login: partners and the region's officers get a code from the region; the page stores it in a cookie the
 * browser sends back, so the partner and region pages work with plain links and forms.
 */
import { Field, primaryButton, textbox } from "../components/Field.js"
import { Notice } from "../components/Notice.js"
import { PostForm } from "../components/PostForm.js"

/** Signing in with the organisation's account: what the button names, and where it starts. */
export interface SignIn {
  /** The account's name as people know it, e.g. "Gemeente-account": the button says "Inloggen met Gemeente-account". */
  readonly name: string
  /** The route that sends the browser to the provider; `?volgende=` is added. Default `/inloggen/organisatie`. */
  readonly path?: string
}

/** The link that starts a sign-in with the organisation's account and comes back to `next`. */
export const signInHref = (signIn: SignIn, next: string): string =>
  `${signIn.path ?? "/inloggen/organisatie"}${next === "/" ? "" : `?volgende=${encodeURIComponent(next)}`}`

const primaryLink = "utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"

const CodeForm = ({ next, primary }: { readonly next: string; readonly primary: boolean }) => (
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
    <button class={primary ? primaryButton : "utrecht-button utrecht-button--secondary-action"} type="submit">
      {primary ? "Inloggen" : "Inloggen met code"}
    </button>
  </PostForm>
)

/** The login page's content. */
export const LoginPage = ({
  next,
  error,
  notice = null,
  signIn = null,
}: {
  readonly next: string
  readonly error: string | null
  /** Why the visitor is here although signed in: the page asked for needs another code. */
  readonly notice?: string | null
  /** Signing in with the organisation's account, when the server offers it. */
  readonly signIn?: SignIn | null
}) =>
  signIn === null ? (
    <>
      <h1 class="utrecht-heading-1">Inloggen</h1>
      <p class="utrecht-paragraph">
        Partners, gemeenten en medewerkers van de regio loggen in met de code die zij van de regio kregen. Inwoners en
        raadsleden hebben geen code nodig: het overzicht, de gemeenten en de programma's zijn openbaar.
      </p>
      {notice === null ? null : <Notice kind="info" text={notice} />}
      {error === null ? null : <Notice kind="error" text={error} />}
      <CodeForm next={next} primary={true} />
    </>
  ) : (
    <>
      <h1 class="utrecht-heading-1">Inloggen</h1>
      <p class="utrecht-paragraph">
        Medewerkers van de gemeenten en de regio loggen in met het account van hun organisatie. Inwoners en raadsleden
        hoeven niet in te loggen: het overzicht, de gemeenten en de programma's zijn openbaar.
      </p>
      {notice === null ? null : <Notice kind="info" text={notice} />}
      <p class="utrecht-paragraph">
        <a class={primaryLink} href={signInHref(signIn, next)}>
          {`Inloggen met ${signIn.name}`}
        </a>
      </p>
      <h2 class="utrecht-heading-2" id="met-code">
        Inloggen met een code (voor partners en koppelingen)
      </h2>
      <p class="utrecht-paragraph">Partners en koppelingen loggen in met de code die zij van de regio kregen.</p>
      {error === null ? null : <Notice kind="error" text={error} />}
      <CodeForm next={next} primary={false} />
    </>
  )
