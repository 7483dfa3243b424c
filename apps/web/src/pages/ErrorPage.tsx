/**
 * The page for a request that cannot be answered: not found, not allowed, or a mistake in the input.
 */

/** The error page's content. */
export const ErrorPage = ({ title, message }: { readonly title: string; readonly message: string }) => (
  <>
    <h1 class="utrecht-heading-1">{title}</h1>
    <p class="utrecht-paragraph">{message}</p>
    <p class="utrecht-paragraph">
      <a class="utrecht-link utrecht-link--html-a" href="/">
        Naar het overzicht
      </a>
    </p>
  </>
)
