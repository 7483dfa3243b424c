/**
 * The CBS StatLine tables Baken reads, as data: which API serves each one (OData v3 `TypedDataSet` or v4
 * `Observations`), which dimensions hold the region and period, which fixed dimension values select the totals
 * (all ages, both sexes), and which measure becomes which indicator. A table not listed here can be read by
 * passing its own definition.
 *
 * The v3 measure keys are the TypedDataSet column names (`TotaleBevolking_1`); the v4 ones are the `Measure` codes of
 * the table's `MeasureCodes`. Both are part of CBS's published metadata; check them against `…/{table}/$metadata`
 * or `…/{table}/MeasureCodes` when adding a table, because CBS renumbers measures when it revises a table.
 */
import { Comparison, Ids } from "@baken/domain"

/** Which OData API serves a table. */
export type Api = "v3" | "v4"

/** A table definition. */
export interface Table {
  /** The CBS table id as CBS writes it, e.g. `70072ned` or `85043NED`. */
  readonly id: string
  readonly title: string
  readonly api: Api
  /** The dimension holding the region code (`RegioS` in most tables). */
  readonly areaDimension: string
  /** The dimension holding the period code (`Perioden`). */
  readonly periodDimension: string
  /** Dimension values a row must have to be read, e.g. `{ Geslacht: "T001038" }` for both sexes. */
  readonly fixed: Readonly<Record<string, string>>
  /** Measure key → indicator id. */
  readonly measures: Readonly<Record<string, Ids.IndicatorId>>
}

const indicator = Ids.IndicatorId.make

/** 70072ned, Regionale kerncijfers Nederland (v3): population on 1 January per region. */
export const regionaleKerncijfers: Table = {
  id: "70072ned",
  title: "Regionale kerncijfers Nederland",
  api: "v3",
  areaDimension: "RegioS",
  periodDimension: "Perioden",
  fixed: {},
  measures: { TotaleBevolking_1: Comparison.populationIndicator },
}

/** 03759ned, Bevolking op 1 januari en gemiddeld; geslacht, leeftijd, burgerlijke staat en regio (v3): totals only. */
export const bevolking: Table = {
  id: "03759ned",
  title: "Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio",
  api: "v3",
  areaDimension: "RegioS",
  periodDimension: "Perioden",
  fixed: { Geslacht: "T001038", Leeftijd: "10000", BurgerlijkeStaat: "T001019" },
  measures: {
    BevolkingOp1Januari_1: Comparison.populationIndicator,
    GemiddeldeBevolking_2: indicator("bevolking-gemiddeld"),
  },
}

/** 85043NED, Wmo-cliënten per regio (v4): clients with a Wmo maatwerkvoorziening, absolute and per 1,000 residents. */
export const wmoClienten: Table = {
  id: "85043NED",
  title: "Wmo-cliënten; type maatwerkarrangement, regio",
  api: "v4",
  areaDimension: "RegioS",
  periodDimension: "Perioden",
  fixed: {},
  measures: { M004200: indicator("wmo-clienten"), M004201: indicator("wmo-clienten-per-1000") },
}

/** 84848NED, Veilig Thuis; adviezen, meldingen, onderzoeken per regio (v4): the national context for Veilig Thuis. */
export const veiligThuis: Table = {
  id: "84848NED",
  title: "Veilig Thuis; adviezen, meldingen, onderzoeken, regio",
  api: "v4",
  areaDimension: "RegioS",
  periodDimension: "Perioden",
  fixed: {},
  measures: {
    M001540: indicator("cbs-vt-adviezen"),
    M001541: indicator("cbs-vt-meldingen"),
    M001542: indicator("cbs-vt-onderzoeken-afgerond"),
  },
}

/** The tables supported out of the box. */
export const all: ReadonlyArray<Table> = [regionaleKerncijfers, bevolking, wmoClienten, veiligThuis]

/** The table with `id`, compared without regard to case (`70072NED` finds `70072ned`). */
export const byId = (id: string): Table | undefined => all.find((t) => t.id.toLowerCase() === id.toLowerCase())

/** Every indicator id the supported tables emit. */
export const indicators: ReadonlyArray<Ids.IndicatorId> = [...new Set(all.flatMap((t) => Object.values(t.measures)))]
