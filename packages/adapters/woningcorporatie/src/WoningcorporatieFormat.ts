/**
 * The woningcorporatie delivery format, version 1: per municipality and month, how many households got a
 * rent-arrears signal, how many an eviction notice (aanzegging ontruiming), and how many evictions were carried out
 * (huisuitzettingen). Counts of households, never persons; each filled or empty cell becomes an observation, an
 * empty cell one with value unknown.
 */
import { Column, Format, Records } from "@baken/adapter-csv"
import { Ids } from "@baken/domain"

/** The indicator ids this format emits, by column. */
export const indicators = {
  signalen_huurachterstand: Ids.IndicatorId.make("wc-signalen-huurachterstand"),
  aanzeggingen_ontruiming: Ids.IndicatorId.make("wc-aanzeggingen-ontruiming"),
  ontruimingen_uitgevoerd: Ids.IndicatorId.make("wc-ontruimingen-uitgevoerd"),
} as const

/** Version 1 of the woningcorporatie format. */
export const format = Format.define({
  id: "woningcorporatie-csv-1",
  version: 1,
  title: "Woningcorporatie: huurachterstanden en huisuitzettingen per gemeente en maand",
  level: "aggregated",
  columns: {
    gemeente: Column.municipality({
      name: "gemeente",
      nl: "de gemeente waar de woning staat",
      en: "the municipality the dwelling is in",
    }),
    maand: Column.period({ name: "maand", nl: "de maand", en: "the month" }, ["month"]),
    signalen_huurachterstand: Column.count({
      name: "signalen_huurachterstand",
      nl: "huishoudens met een nieuw signaal van huurachterstand in de maand; leeg = onbekend",
      en: "households with a new rent-arrears signal in the month; empty = unknown",
      optional: true,
    }),
    aanzeggingen_ontruiming: Column.count({
      name: "aanzeggingen_ontruiming",
      nl: "aanzeggingen van ontruiming in de maand; leeg = onbekend",
      en: "eviction notices served in the month; empty = unknown",
      optional: true,
    }),
    ontruimingen_uitgevoerd: Column.count({
      name: "ontruimingen_uitgevoerd",
      nl: "uitgevoerde ontruimingen (huisuitzettingen) in de maand; leeg = onbekend",
      en: "evictions carried out in the month; empty = unknown",
      optional: true,
    }),
  },
  placeColumns: { municipality: "gemeente", period: "maand" },
  // Written out per column, without a helper closure: this runs for every row of files with millions of rows.
  records: (row, context) => {
    const area = Column.areaOf(row.gemeente)
    const period = row.maand
    const source = context.source
    return [
      Records.observation({
        indicator: indicators.signalen_huurachterstand,
        area,
        period,
        value: row.signalen_huurachterstand,
        source,
      }),
      Records.observation({
        indicator: indicators.aanzeggingen_ontruiming,
        area,
        period,
        value: row.aanzeggingen_ontruiming,
        source,
      }),
      Records.observation({
        indicator: indicators.ontruimingen_uitgevoerd,
        area,
        period,
        value: row.ontruimingen_uitgevoerd,
        source,
      }),
    ]
  },
})
