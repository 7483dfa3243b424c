/**
 * A labelled form field in the NL Design System's form-field pattern: label, optional description, and the control,
 * wired together with `for` and `aria-describedby`.
 */
import type { Child } from "hono/jsx"

/** A field: `id` ties label, description and control together; `children` is the control. */
export const Field = ({
  id,
  label,
  description,
  children,
}: {
  readonly id: string
  readonly label: string
  readonly description?: string
  readonly children: Child
}) => (
  <div class="utrecht-form-field utrecht-form-field--text">
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
    <div class="utrecht-form-field__input">{children}</div>
  </div>
)

/** The class list of a text input. */
export const textbox = "utrecht-textbox utrecht-textbox--html-input"
/** The class list of a select. */
export const select = "utrecht-select utrecht-select--html-select"
/** The class list of a primary button. */
export const primaryButton = "utrecht-button utrecht-button--primary-action"
/** The class list of a secondary button. */
export const secondaryButton = "utrecht-button utrecht-button--secondary-action"
