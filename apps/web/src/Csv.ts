/**
 * CSV downloads of a series: the same published numbers as its chart and table, written in Baken's one CSV format,
 * the observations CSV of `@baken/domain` (`ObservationsCsv.writeWithNotes`): UTF-8 with a byte-order mark, `;`
 * between cells (so Dutch Excel opens it in columns), CRLF, a dot as decimal separator and the Dutch header
 * `indicator;gemeente;naam;periode;waarde;toelichting`, one line per row and period (the years, then the quarters
 * or months of the series' detail). `naam` is the row's name
 * (`Hilversum`) and `toelichting` says whether the value is shown, hidden by disclosure control or not there; the
 * observations adapter reads both but stores neither, so a download can be delivered back:
 *
 * - a municipality's row carries its CBS code in `gemeente`, and comes back as the same numbers;
 * - a hidden value is written as an empty `waarde` with `toelichting` `verborgen`: delivered back it is stored as
 *   unknown, never as a number;
 * - the rows of the region total, the plan's target and the Dutch benchmark have an empty `gemeente` and say what
 *   they are in `toelichting`; delivered back they are refused with their line (Baken computes the region total
 *   itself), while the municipalities' rows are stored.
 *
 * Which indicator and municipality a row is about follows from the series' shape: in an indicator's series the
 * series' id is the indicator and a municipality's row has its CBS code as key; in a series of indicators (the key
 * figures `kerncijfers`, a municipality's figures `cijfers-GM0402`) each row's key is its indicator, and in the
 * latter the municipality is the one in the series' id. Text cells that a spreadsheet would run as a formula get a
 * leading `'` (OWASP); values are numbers, so a negative value stays a number.
 */
import { CsvWriter, ObservationsCsv } from "@baken/domain"
import type { AuditEntryView, Cell, FlowArea, Series, SeriesRow } from "./DashboardSource.js"
import * as Format from "./Format.js"

/** The header line of every series CSV: the observations CSV's columns with the reader's `naam` and `toelichting`. */
export const header: ReadonlyArray<string> = ObservationsCsv.headerWithNotes.split(";")

/** Quotes a field when it holds a `;`, a quote or a line break (the domain's writer). */
export const field = (value: string): string => CsvWriter.cell(value)

/** A text cell a spreadsheet will show as text: one that starts like a formula gets a leading `'` (OWASP). */
export const text = (value: string): string => CsvWriter.text(value)

/** The status word of a cell: `getoond`, `verborgen` (disclosure control) or `geen gegevens`. */
export const status = (cell: Cell): string =>
  cell.suppressed ? "verborgen" : cell.value === null ? "geen gegevens" : "getoond"

const municipalityCode = /^GM\d{4}$/
const municipalFigures = /^cijfers-(GM\d{4})$/i

/** Whether a series' rows are indicators (key figures, a municipality's figures) rather than areas of one indicator. */
const rowsAreIndicators = (series: Series): boolean => series.id === "kerncijfers" || municipalFigures.test(series.id)

/** The CBS code of the municipality a row is about, or "" for the region total, a target or the benchmark. */
const municipalityOf = (series: Series, row: SeriesRow): string => {
  if (row.kind !== "municipality") return ""
  if (municipalityCode.test(row.key)) return row.key
  return municipalFigures.exec(series.id)?.[1]?.toUpperCase() ?? ""
}

/** What a row that is no municipality's figure is, for the reader of `toelichting`. */
const notDeliverable: Readonly<Record<SeriesRow["kind"], string>> = {
  municipality: "gemeente zonder CBS-code, wordt bij leveren niet opgeslagen",
  region: "regiototaal: berekend uit de gemeenten, wordt bij leveren niet opgeslagen",
  target: "streefwaarde van het plan, wordt bij leveren niet opgeslagen",
  benchmark: "Nederland, wordt bij leveren niet opgeslagen",
}

/**
 * The lines of the series' CSV, one per row and period: the series' own periods (years), then its detail (quarters
 * or months) where it has one, so the file holds every number of the figure's tables.
 */
export const linesOf = (series: Series): ReadonlyArray<ObservationsCsv.Line> => [
  ...blockLines(series, series.periods, series.rows),
  ...(series.detail === null ? [] : blockLines(series, series.detail.periods, series.detail.rows)),
]

const blockLines = (
  series: Series,
  periods: ReadonlyArray<string>,
  rows: ReadonlyArray<SeriesRow>,
): ReadonlyArray<ObservationsCsv.Line> =>
  rows.flatMap((row) => {
    const indicator = rowsAreIndicators(series) ? row.key : series.id
    const municipality = municipalityOf(series, row)
    const what = municipality === "" ? notDeliverable[row.kind] : ""
    return periods.map((period, i) => {
      const cell = row.cells[i] ?? { value: null, suppressed: false }
      return {
        indicator,
        municipality,
        name: row.label,
        period,
        // A hidden cell never carries its number into the file, whatever the cell holds.
        value: cell.suppressed ? null : cell.value,
        note: what === "" ? status(cell) : `${status(cell)}, ${what}`,
      }
    })
  })

/** The series as CSV text: byte-order mark, header, lines ending in CRLF. */
export const ofSeries = (series: Series): string => ObservationsCsv.writeWithNotes(linesOf(series))

/**
 * The flows of some areas as CSV (the page "Niemand uit beeld"): a line per area, measure and year, `indicator` the
 * measure's id, `gemeente` the municipality's CBS code (empty for the region), `toelichting` whether the value is
 * shown, hidden or not there, whether it is provisional and until when, and for the region total and the departures
 * other than according to plan that they are worked out, not delivered.
 */
export const ofFlows = (areas: ReadonlyArray<FlowArea>, years: ReadonlyArray<string>): string =>
  ObservationsCsv.writeWithNotes(
    areas.flatMap((area) =>
      area.rows.flatMap((row) =>
        years.map((period, i) => {
          const cell = row.cells[i] ?? { value: null, suppressed: false, provisional: false, provisionalUntil: null }
          const notes = [
            status(cell),
            ...(cell.provisional && cell.provisionalUntil !== null
              ? [`voorlopig tot en met ${Format.date(cell.provisionalUntil)}`]
              : []),
            ...(row.derived ? ["berekend: uitstroom min uitstroom volgens plan"] : []),
            ...(area.kind === "region" ? [notDeliverable.region] : []),
          ]
          return {
            indicator: row.key,
            municipality: area.kind === "municipality" ? area.key : "",
            name: `${area.name}: ${row.name}`,
            period,
            value: cell.suppressed ? null : cell.value,
            note: notes.join(", "),
          }
        }),
      ),
    ),
  )

/** Parses CSV text made by `ofSeries` back into records, without the byte-order mark (used by tests and scripts). */
export const parse = (text: string): ReadonlyArray<ReadonlyArray<string>> => {
  const records: Array<Array<string>> = []
  let record: Array<string> = []
  let value = ""
  let quoted = false
  const start = text.startsWith(CsvWriter.bom) ? 1 : 0
  for (let i = start; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        value += '"'
        i++
      } else if (ch === '"') quoted = false
      else value += ch
    } else if (ch === '"') quoted = true
    else if (ch === ";") {
      record.push(value)
      value = ""
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(value)
      records.push(record)
      record = []
      value = ""
      i++
    } else value += ch
  }
  if (value !== "" || record.length > 0) {
    record.push(value)
    records.push(record)
  }
  return records
}

/** The header of the processing log's CSV: in Dutch, then what the log recorded, for an auditor's tools. */
export const logHeader: ReadonlyArray<string> = [
  "tijdstip_utc",
  "nederlandse_tijd",
  "wie",
  "handeling",
  "onderwerp",
  "doel",
  "code",
  "wie_vastgelegd",
  "handeling_vastgelegd",
  "onderwerp_vastgelegd",
  "doel_vastgelegd",
]

/**
 * Processing-log entries as CSV, in the dashboard's CSV format (UTF-8 with a byte-order mark, `;`, CRLF), one line an
 * entry in the order given; every text cell is written so a spreadsheet shows it as text.
 */
export const ofLog = (entries: ReadonlyArray<AuditEntryView>): string =>
  CsvWriter.bom +
  CsvWriter.row(logHeader) +
  entries
    .map((e) =>
      CsvWriter.row(
        [
          e.at,
          Format.dateTime(e.at),
          e.actor,
          e.action,
          e.subject,
          e.purpose,
          e.token ?? "",
          e.actorId,
          e.actionId,
          e.subjectId,
          e.purposeId,
        ].map(CsvWriter.text),
      ),
    )
    .join("")
