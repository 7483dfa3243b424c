/**
 * The generic observations CSV, version 1: `indicator;municipality;period;value`, one observation per row. It is the
 * format the API exports, so any partner with a spreadsheet can deliver figures for any indicator of the plan and a
 * policy officer can change an export and deliver it back. An empty value means unknown (never 0).
 */
import { Column, Format, Records } from "@baken/adapter-csv"

/** Version 1 of the generic observations format. */
export const format = Format.define({
  id: "observations-csv-1",
  version: 1,
  title: "Waarnemingen: indicator per gemeente en periode",
  level: "aggregated",
  columns: {
    indicator: Column.indicator({
      name: "indicator",
      nl: "de indicator van het plan, zoals vt-meldingen",
      en: "the plan's indicator id",
    }),
    municipality: Column.municipality({ name: "municipality", nl: "de gemeente", en: "the municipality" }),
    period: Column.period({ name: "period", nl: "de periode", en: "the period" }, ["year", "half", "quarter", "month"]),
    value: Column.decimal({
      name: "value",
      nl: "de waarde; leeg = onbekend (nooit 0 voor onbekend)",
      en: "the value; empty = unknown (never 0 for unknown)",
      optional: true,
    }),
  },
  placeColumns: { municipality: "municipality", period: "period" },
  records: (row, context) => [
    Records.observation({
      indicator: row.indicator,
      area: Column.areaOf(row.municipality),
      period: row.period,
      value: row.value,
      source: context.source,
    }),
  ],
})
