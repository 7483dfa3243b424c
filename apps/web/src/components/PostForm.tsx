/**
 * A form that changes something: posted, and carrying the visitor's session's CSRF token as the hidden field
 * `csrfField`, which the server checks on every post of a signed-in visitor. The token comes from `CsrfToken`, which
 * the page provides; a page without a session (the login) has none, and the field is left out.
 */
import { type Child, createContext, useContext } from "hono/jsx"

/** The name of the hidden field (and of the header a script sends it in: `x-csrf-token`). */
export const csrfField = "_csrf"

/** The CSRF token of the session the page is rendered for; null without a session. */
export const CsrfToken = createContext<string | null>(null)

/** The hidden CSRF field of the current session, or nothing without one. */
export const CsrfInput = () => {
  const token = useContext(CsrfToken)
  return token === null ? null : <input type="hidden" name={csrfField} value={token} />
}

/** `<form method="post">` with the session's CSRF field first; every other attribute is passed on. */
export const PostForm = ({
  children,
  ...attributes
}: {
  readonly action: string
  readonly class?: string
  readonly id?: string
  readonly enctype?: "multipart/form-data"
  readonly "aria-labelledby"?: string
  readonly "data-route"?: string | undefined
  readonly children?: Child
}) => (
  <form method="post" {...attributes}>
    <CsrfInput />
    {children}
  </form>
)
