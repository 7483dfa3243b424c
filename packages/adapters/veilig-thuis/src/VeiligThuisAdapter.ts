/**
 * The Veilig Thuis adapter: reads deliveries in the Veilig Thuis format (a `.csv` file, a folder or a zip of them)
 * and emits one observation per valid row, with rows checked against the region's membership and the plan's years.
 */
import { CsvAdapter, Scope } from "@baken/adapter-csv"
import type { Adapter } from "@baken/adapter-kit"
import { format } from "./VeiligThuisFormat.js"

/** The adapter's id, which every record carries as its `source`. */
export const id = "veilig-thuis"

/** The Veilig Thuis adapter for a region and its plans. */
export const make = (scope: Scope.Scope = Scope.open): Adapter.Adapter =>
  CsvAdapter.make(format, {
    id,
    partnerKinds: ["veilig-thuis"],
    description: "Beleidsinformatie Veilig Thuis per gemeente en halfjaar, CSV met ; (versie 1).",
    scope,
  })

/**
 * The Veilig Thuis adapter for no region in particular (`Scope.open`): rows are checked for well-formed codes and
 * periods, not for membership or plan years. A server uses `make(scope)` with the scope of the region it serves.
 */
export const adapter = make()
