/**
 * The generic observations CSV, version 1: `indicator;gemeente;periode;waarde`, one observation per row, and the
 * optional `naam` and `toelichting` for the reader, which are read but never stored. It is the one CSV format Baken writes: the API's export and
 * the dashboard's downloads, so any partner with a spreadsheet can deliver figures for any indicator of the plan and
 * a policy officer can change a download and deliver it back. An empty value means unknown (never 0). The English
 * names of the first exports (`municipality`, `period`, `value`) are still read.
 */
import { Column, Format, Records } from "@baken/adapter-csv"
import { ObservationsCsv } from "@baken/domain"

const names = ObservationsCsv.names

/** Version 1 of the generic observations format. */
export const format = Format.define({
  id: "observations-csv-1",
  version: 1,
  title: "Waarnemingen: indicator per gemeente en periode",
  level: "aggregated",
  columns: {
    [names.indicator]: Column.indicator({
      name: names.indicator,
      nl: "de indicator van het plan, zoals vt-meldingen",
      en: "the plan's indicator id",
    }),
    [names.municipality]: Column.municipality({
      name: names.municipality,
      also: ["municipality"],
      nl: "de gemeente",
      en: "the municipality",
    }),
    [names.name]: Column.note({
      name: names.name,
      nl: "de naam van de gemeente, of waar de regel over gaat (voor de lezer); wordt niet opgeslagen",
      en: "the municipality's name, or what the row is about (for the reader); never stored",
    }),
    [names.period]: Column.period({ name: names.period, also: ["period"], nl: "de periode", en: "the period" }, [
      "year",
      "half",
      "quarter",
      "month",
    ]),
    [names.value]: Column.decimal({
      name: names.value,
      also: ["value"],
      nl: "de waarde; leeg = onbekend (nooit 0 voor onbekend)",
      en: "the value; empty = unknown (never 0 for unknown)",
      optional: true,
    }),
    [names.note]: Column.note({
      name: names.note,
      nl: "toelichting voor de lezer: getoond, verborgen (kleine aantallen) of geen gegevens; wordt niet opgeslagen",
      en: "a note for the reader: shown, hidden (small numbers) or no data; never stored",
    }),
  } as const,
  placeColumns: { municipality: names.municipality, period: names.period },
  records: (row, context) => [
    Records.observation({
      indicator: row.indicator,
      area: Column.areaOf(row.gemeente),
      period: row.periode,
      value: row.waarde,
      source: context.source,
    }),
  ],
})
