/**
 * A labelled form field in the NL Design System's form-field pattern: label, optional description, an error message
 * when the value was refused, and the control, wired together with `for` and `aria-describedby` (the control names
 * `<id>-uitleg` and `<id>-fout`, see `describedBy`).
 */
import type { Child } from "hono/jsx"

/** A field: `id` ties label, description, error and control together; `children` is the control. */
export const Field = ({
  id,
  label,
  description,
  error,
  children,
}: {
  readonly id: string
  readonly label: string
  readonly description?: string
  /** Why the value was refused, in Dutch. */
  readonly error?: string | undefined
  readonly children: Child
}) => (
  <div
    class={`utrecht-form-field utrecht-form-field--text${error === undefined ? "" : " utrecht-form-field--invalid"}`}
  >
    <div class="utrecht-form-field__label">
      <label class="utrecht-form-label" for={id}>
        {label}
      </label>
    </div>
    {description === undefined ? null : (
      <div class="utrecht-form-field__description" id={`${id}-uitleg`}>
        {description}
      </div>
    )}
    {error === undefined ? null : (
      <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${id}-fout`}>
        {error}
      </div>
    )}
    <div class="utrecht-form-field__input">{children}</div>
  </div>
)

/** The `aria-describedby` of a field's control: its description and its error, when it has them. */
export const describedBy = (id: string, parts: { description?: boolean; error?: string | undefined }) =>
  [parts.description === true ? `${id}-uitleg` : null, parts.error === undefined ? null : `${id}-fout`]
    .filter((p) => p !== null)
    .join(" ") || undefined

/** The class list of a text input. */
export const textbox = "utrecht-textbox utrecht-textbox--html-input"
/** The class list of a select. */
export const select = "utrecht-select utrecht-select--html-select"
/** The class list of a primary button. */
export const primaryButton = "utrecht-button utrecht-button--primary-action"
/** The class list of a secondary button. */
export const secondaryButton = "utrecht-button utrecht-button--secondary-action"
