/**
 * The generic observations adapter: reads `indicator;gemeente;periode;waarde` files (the format of the API's export
 * and the dashboard's downloads) from any partner and emits one observation per valid row.
 */
import { CsvAdapter, Scope } from "@baken/adapter-csv"
import type { Adapter } from "@baken/adapter-kit"
import { Partner } from "@baken/domain"
import { format } from "./ObservationsFormat.js"

/** The adapter's id, which every record carries as its `source`. */
export const id = "observations-csv"

/** The generic observations adapter for a region and its plans. */
export const make = (scope: Scope.Scope = Scope.open): Adapter.Adapter =>
  CsvAdapter.make(format, {
    id,
    partnerKinds: Partner.nationalKinds,
    description:
      "Waarnemingen indicator;gemeente;periode;waarde (naam en toelichting mogen erbij), het CSV-formaat van de downloads en de export van Baken, met ; (versie 1).",
    scope,
  })

/**
 * The generic observations adapter for no region in particular (`Scope.open`): rows are checked for well-formed codes and
 * periods, not for membership or plan years. A server uses `make(scope)` with the scope of the region it serves.
 */
export const adapter = make()
