/**
 * The one adapter registry of a Baken server: every adapter the project ships, with its Dutch name, the kinds of
 * partner that deliver it and the period kind of what it delivers. The server runs uploads through it, `baken ingest`
 * reads files with it, and the dashboard's upload form and the API's `adapter.list` list it.
 */
import { CbsAdapter } from "@baken/adapter-cbs-statline"
import { Scope } from "@baken/adapter-csv"
import { DetentieAdapter } from "@baken/adapter-detentie"
import { IwmoAdapter } from "@baken/adapter-iwmo"
import { type Registry, Template } from "@baken/adapter-kit"
import { ObservationsAdapter } from "@baken/adapter-observations-csv"
import { PolitieAdapter } from "@baken/adapter-politie"
import { VeiligThuisAdapter } from "@baken/adapter-veilig-thuis"
import { VroegsignaleringAdapter } from "@baken/adapter-vroegsignalering"
import { WoningcorporatieAdapter } from "@baken/adapter-woningcorporatie"

/**
 * Every adapter the project ships, in the order the upload form offers them, with the CSV formats checked against
 * `scope`: the members of the region a server serves, on the days they are members, and the years of its plans.
 */
export const forScope = (scope: Scope.Scope = Scope.open): ReadonlyArray<Registry.Entry> => [
  {
    adapter: IwmoAdapter.adapter,
    name: "iWmo-berichten (WMO301 tot en met WMO323, versie 3.2)",
    periodKind: "month",
    carries: "person-events",
  },
  {
    adapter: VeiligThuisAdapter.make(scope),
    name: "Beleidsinformatie Veilig Thuis per gemeente en halfjaar",
    periodKind: "half",
    carries: "observations",
  },
  {
    adapter: VroegsignaleringAdapter.make(scope),
    name: "Vroegsignalering schulden (signalen per persoon)",
    periodKind: "month",
    carries: "person-events",
  },
  {
    adapter: DetentieAdapter.make(scope),
    name: "Detentie: begin en einde per persoon (nazorg ex-gedetineerden)",
    periodKind: "month",
    carries: "person-events",
  },
  {
    adapter: WoningcorporatieAdapter.make(scope),
    name: "Huurachterstanden, aanzeggingen en ontruimingen per maand",
    periodKind: "month",
    carries: "observations",
  },
  {
    adapter: PolitieAdapter.make(scope),
    name: "Politie: incidenten verward gedrag (E33) per maand",
    periodKind: "month",
    carries: "observations",
  },
  {
    adapter: CbsAdapter.adapter,
    name: "CBS StatLine: opgeslagen OData-pagina's",
    periodKind: "year",
    carries: "observations",
  },
  {
    adapter: ObservationsAdapter.make(scope),
    name: "Waarnemingen-CSV (indicator, gemeente, periode, waarde)",
    periodKind: "any",
    carries: "observations",
  },
  {
    adapter: Template.adapter,
    name: "Voorbeeldformaat: persoonsgebeurtenissen (CSV)",
    periodKind: "month",
    carries: "person-events",
  },
]

/**
 * Every adapter the project ships, for no region in particular (`Scope.open`: no membership or plan-year checks); a
 * server runs `forScope(Scope.ofRegion(definition))` for the region it serves.
 */
export const entries: ReadonlyArray<Registry.Entry> = forScope(Scope.open)
