/**
 * The woningcorporatie adapter: reads deliveries in the woningcorporatie format and emits three observations per
 * valid row (rent-arrears signals, eviction notices, evictions carried out).
 */
import { CsvAdapter, Scope } from "@baken/adapter-csv"
import type { Adapter } from "@baken/adapter-kit"
import { format } from "./WoningcorporatieFormat.js"

/** The adapter's id, which every record carries as its `source`. */
export const id = "woningcorporatie"

/** The woningcorporatie adapter for a region and its plans. */
export const make = (scope: Scope.Scope = Scope.open): Adapter.Adapter =>
  CsvAdapter.make(format, {
    id,
    partnerKinds: ["woningcorporatie"],
    description:
      "Huurachterstanden, aanzeggingen en uitgevoerde ontruimingen per gemeente en maand, CSV met ; (versie 1).",
    scope,
  })

/**
 * The woningcorporatie adapter for no region in particular (`Scope.open`): rows are checked for well-formed codes and
 * periods, not for membership or plan years. A server uses `make(scope)` with the scope of the region it serves.
 */
export const adapter = make()
