/**
 * The explanation readers see wherever disclosure control hid a figure: why figures below 10 are not shown, and that
 * a second figure can be hidden so the first cannot be worked out from the total.
 */

/** The note; `compact` for the one-line version under a table. */
export const DisclosureNote = ({
  threshold,
  compact = false,
}: {
  readonly threshold: number
  readonly compact?: boolean
}) =>
  compact ? (
    <p class="utrecht-paragraph baken-note">
      <strong>verborgen</strong>: cijfers onder de {threshold} worden niet getoond, zodat niemand herkenbaar is. Soms is
      ook een tweede cijfer verborgen, zodat het eerste niet uit het totaal te berekenen is.
    </p>
  ) : (
    <div class="utrecht-alert utrecht-alert--info" role="note" aria-labelledby="cijfers-onder-10">
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <h2 id="cijfers-onder-10" class="utrecht-heading-3">
            Cijfers onder de {threshold} worden niet getoond
          </h2>
          <p class="utrecht-paragraph">
            Het gaat om mensen in een kwetsbare situatie. Is een aantal kleiner dan {threshold}, dan staat er{" "}
            <strong>verborgen</strong> in plaats van het cijfer, zodat niemand te herkennen is. Soms is ook een tweede
            cijfer verborgen, zodat het eerste niet uit het totaal te berekenen is. De andere aantallen zijn afgerond op
            5. Zo werkt ook het CBS.
          </p>
        </div>
      </div>
    </div>
  )
