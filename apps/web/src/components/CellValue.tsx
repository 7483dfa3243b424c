/**
 * One published number in a table: formatted the Dutch way, with its raw value in `data-value` for the chart script,
 * "verborgen" where disclosure control hid it, and a spoken "geen gegevens" where there is no figure.
 */
import type { Cell } from "../DashboardSource.js"
import * as Format from "../Format.js"

/** A table cell for a published number. */
export const CellValue = ({ cell, header }: { readonly cell: Cell; readonly header?: boolean }) => {
  const content = cell.suppressed ? (
    <span class="baken-suppressed">verborgen</span>
  ) : cell.value === null ? (
    <>
      <span aria-hidden="true">–</span>
      <span class="baken-sr">geen gegevens</span>
    </>
  ) : (
    Format.number(cell.value)
  )
  const attrs = {
    class: "utrecht-table__cell utrecht-table__cell--numeric-column",
    "data-value": cell.value === null ? "" : String(cell.value),
    "data-status": cell.suppressed ? "verborgen" : cell.value === null ? "leeg" : "getoond",
  }
  return header === true ? <th {...attrs}>{content}</th> : <td {...attrs}>{content}</td>
}
