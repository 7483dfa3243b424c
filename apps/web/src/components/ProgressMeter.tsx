/**
 * Rolled-up progress as a bar with its percentage in words, and the reasons behind it in a disclosure widget that
 * works by keyboard and without JavaScript.
 */
import type { ProgressView } from "../DashboardSource.js"
import * as Format from "../Format.js"

/** The meter with its "waarom?" explanation. */
export const ProgressMeter = ({ progress, label }: { readonly progress: ProgressView; readonly label: string }) => (
  <div class="baken-progress">
    <p class="utrecht-paragraph">
      <strong>
        Voortgang {label}: {Format.percent(progress.share)}
      </strong>
    </p>
    {progress.share === null ? null : (
      <progress max={100} value={Math.round(progress.share * 100)} aria-label={`Voortgang ${label}`}>
        {Format.percent(progress.share)}
      </progress>
    )}
    <details class="baken-why">
      <summary>Waarom {Format.percent(progress.share)}?</summary>
      <ul class="utrecht-unordered-list">
        {progress.why.map((w) => (
          <li class="utrecht-unordered-list__item">{w}</li>
        ))}
      </ul>
    </details>
  </div>
)
