/**
 * A message after an action: what went well, or what went wrong and how to fix it. Announced to screen readers.
 */

/** The notice; `kind` picks the alert style. */
export const Notice = ({ kind, text }: { readonly kind: "ok" | "error" | "info"; readonly text: string }) => (
  <div
    class={`utrecht-alert utrecht-alert--${kind}`}
    role={kind === "error" ? "alert" : "status"}
    id={kind === "error" ? "fout" : kind === "ok" ? "gelukt" : "let-op"}
  >
    <div class="utrecht-alert__content">
      <p class="utrecht-paragraph">{text}</p>
    </div>
  </div>
)
