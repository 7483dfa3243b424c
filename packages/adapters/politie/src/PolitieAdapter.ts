/**
 * The politie adapter: reads deliveries in the politie format and emits one observation per valid row (incidents
 * with code E33 per municipality and month).
 */
import { CsvAdapter, Scope } from "@baken/adapter-csv"
import type { Adapter } from "@baken/adapter-kit"
import { format } from "./PolitieFormat.js"

/** The adapter's id, which every record carries as its `source`. */
export const id = "politie"

/** The politie adapter for a region and its plans. */
export const make = (scope: Scope.Scope = Scope.open): Adapter.Adapter =>
  CsvAdapter.make(format, {
    id,
    partnerKinds: ["politie"],
    description: "Incidenten met code E33 (verward gedrag) per gemeente en maand, CSV met ; (versie 1).",
    scope,
  })

/**
 * The politie adapter for no region in particular (`Scope.open`): rows are checked for well-formed codes and
 * periods, not for membership or plan years. A server uses `make(scope)` with the scope of the region it serves.
 */
export const adapter = make()
