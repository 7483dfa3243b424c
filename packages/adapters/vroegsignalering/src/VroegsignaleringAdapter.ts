/**
 * The vroegsignalering adapter: reads deliveries in the vroegsignalering format, pseudonymises each BSN through the
 * kit's pseudonymiser (eleven-test first) and emits one person event per valid row; no BSN reaches the output.
 */
import { CsvAdapter, Scope } from "@baken/adapter-csv"
import type { Adapter } from "@baken/adapter-kit"
import { format } from "./VroegsignaleringFormat.js"

/** The adapter's id, which every record carries as its `source`. */
export const id = "vroegsignalering"

/** The vroegsignalering adapter for a region and its plans. */
export const make = (scope: Scope.Scope = Scope.open): Adapter.Adapter =>
  CsvAdapter.make(format, {
    id,
    partnerKinds: ["gemeente"],
    description: "Vroegsignalering schulden: gebeurtenissen per inwoner met BSN, CSV met ; (versie 1).",
    scope,
  })

/**
 * The vroegsignalering adapter for no region in particular (`Scope.open`): rows are checked for well-formed codes and
 * periods, not for membership or plan years. A server uses `make(scope)` with the scope of the region it serves.
 */
export const adapter = make()
