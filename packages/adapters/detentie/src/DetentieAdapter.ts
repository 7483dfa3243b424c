/**
 * The detention adapter: reads detention notices in the `detentie-csv-1` format, pseudonymises each BSN through the
 * kit's pseudonymiser (eleven-test first) and emits one person event per valid row; no BSN reaches the output.
 */
import { CsvAdapter, Scope } from "@baken/adapter-csv"
import type { Adapter } from "@baken/adapter-kit"
import { format } from "./DetentieFormat.js"

/** The adapter's id, which every record carries as its `source`. */
export const id = "detentie"

/** The detention adapter for a region and its plans. */
export const make = (scope: Scope.Scope = Scope.open): Adapter.Adapter =>
  CsvAdapter.make(format, {
    id,
    partnerKinds: ["gemeente"],
    description:
      "Detentie: begin en einde per inwoner met BSN, zoals het nazorgteam ze van DJI krijgt; CSV met ; of , (versie 1).",
    scope,
  })

/**
 * The detention adapter for no region in particular (`Scope.open`): rows are checked for well-formed codes and
 * periods, not for membership or plan years. A server uses `make(scope)` with the scope of the region it serves.
 */
export const adapter = make()
