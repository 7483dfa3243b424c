/**
 * The page for a sign-in with the organisation's account that did not work: what happened and what to do, with the
 * way to try again and the code login beside it.
 */
import { type SignIn, signInHref } from "./LoginPage.js"

/** The failure page's content. */
export const SignInFailedPage = ({
  title,
  message,
  signIn,
  next,
}: {
  readonly title: string
  readonly message: string
  readonly signIn: SignIn | null
  readonly next: string
}) => (
  <>
    <h1 class="utrecht-heading-1">{title}</h1>
    <p class="utrecht-paragraph">{message}</p>
    <ul class="utrecht-unordered-list">
      {signIn === null ? null : (
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link utrecht-link--html-a" href={signInHref(signIn, next)}>
            {`Opnieuw inloggen met ${signIn.name}`}
          </a>
        </li>
      )}
      <li class="utrecht-unordered-list__item">
        <a class="utrecht-link utrecht-link--html-a" href="/inloggen#met-code">
          Inloggen met een code
        </a>
      </li>
      <li class="utrecht-unordered-list__item">
        <a class="utrecht-link utrecht-link--html-a" href="/">
          Naar het overzicht
        </a>
      </li>
    </ul>
  </>
)
