/**
 * The politie delivery format, version 1: per municipality and month, the number of incidents registered with an
 * incident code — in this version only E33, "overlast door persoon met verward gedrag". It counts incidents, not
 * people: one person can be in several incidents, and an incident can involve several people.
 */
import { Column, Format, Records } from "@baken/adapter-csv"
import { Ids } from "@baken/domain"

/** The incident codes of this version and the indicator each becomes. */
export const incidentCodes: ReadonlyArray<Column.Code & { readonly indicator: Ids.IndicatorId }> = [
  {
    code: "E33",
    nl: "overlast door persoon met verward gedrag",
    en: "nuisance by a person showing confused behaviour",
    indicator: Ids.IndicatorId.make("politie-e33-incidenten"),
  },
]

/** Every indicator id this format emits. */
export const indicators: ReadonlyArray<Ids.IndicatorId> = incidentCodes.map((c) => c.indicator)

const indicatorByCode = new Map(incidentCodes.map((c) => [c.code, c.indicator]))

/** Version 1 of the politie format. */
export const format = Format.define({
  id: "politie-csv-1",
  version: 1,
  title: "Politie: incidenten E33 (verward gedrag) per gemeente en maand",
  level: "aggregated",
  columns: {
    gemeente: Column.municipality({
      name: "gemeente",
      nl: "de gemeente van de pleegplaats",
      en: "the municipality where the incident took place",
    }),
    maand: Column.period({ name: "maand", nl: "de maand van het incident", en: "the month of the incident" }, [
      "month",
    ]),
    incidentcode: Column.code({ name: "incidentcode", nl: "de incidentcode", en: "the incident code" }, incidentCodes),
    aantal_incidenten: Column.count({
      name: "aantal_incidenten",
      nl: "het aantal incidenten (geen personen); leeg = onbekend",
      en: "the number of incidents (not people); empty = unknown",
      optional: true,
    }),
  },
  placeColumns: { municipality: "gemeente", period: "maand" },
  records: (row, context) => [
    Records.observation({
      // The code column admits only listed codes, so the lookup always finds one.
      indicator: indicatorByCode.get(row.incidentcode) ?? Ids.IndicatorId.make("politie-incidenten"),
      area: Column.areaOf(row.gemeente),
      period: row.maand,
      value: row.aantal_incidenten,
      source: context.source,
    }),
  ],
})
