/**
 * One row of a CBS page as observations. OData v3 `TypedDataSet` rows hold every measure as a column
 * (`{"RegioS":"GM0402  ","Perioden":"2023JJ00","TotaleBevolking_1":90000}`), with dimension keys right-padded with
 * spaces; v4 `Observations` rows hold one measure each (`{"Measure":"M004200","RegioS":"GM0402","Perioden":"2023JJ00",
 * "Value":1520,"ValueAttribute":"None"}`). Keys are trimmed, periods mapped with the domain's `Period.fromCbs`,
 * region codes checked as `AreaCode`s, and CBS's markers for a missing or secret value become `null` — unknown,
 * never 0. CBS's `-` ("nihil") is a real zero and stays 0.
 */
import { Item } from "@baken/adapter-kit"
import { Area, type Ids, Observation, Period } from "@baken/domain"
import { Option, Schema } from "effect"
import type { Table } from "./Table.js"

/** Strings CBS writes for a value that is missing, secret or not applicable. */
export const missingMarkers: ReadonlyArray<string> = [".", "x", "?", "", "..."]

/** v4 `ValueAttribute`s that mean the value is not a usable number. */
export const missingAttributes: ReadonlyArray<string> = [
  "Missing",
  "Impossible",
  "Confidential",
  "NotAvailable",
  "Unknown",
]

const isArea = Schema.is(Area.AreaCode)
/**
 * A value is a number, which JavaScript writes without grouping: nine digits in one group are the shape of a BSN
 * there, while a decimal point is no grouping (`1234567.89` is an amount, not `Bsn.shaped`'s 7-2 grouping).
 */
const bsnShaped = /(?<!\d)\d{9}(?!\d)/
/** The shape of a CBS period code (`2023JJ00`, `2024KW01`), whether or not it names a period Baken knows. */
const cbsPeriodShape = /^\d{4}[A-Z]{2}\d{2}$/

/** Where a row is: the page and the row's JSON path. */
export interface At {
  readonly file: string
  readonly index: number
}

const reject = (at: At, field: string | undefined, rule: string, nl: string, en: string): Item.Item =>
  Item.rejected({ location: { file: at.file, path: `/value/${at.index}` }, field, rule, nl, en })

type Value = { readonly ok: number | null } | { readonly bad: string }

/** A CBS value as a number, `null` for unknown, or why it is neither. */
export const value = (raw: unknown, attribute?: unknown): Value => {
  if (typeof attribute === "string" && missingAttributes.includes(attribute)) return { ok: null }
  if (raw === null || raw === undefined) return { ok: null }
  if (typeof raw === "number") return Number.isFinite(raw) ? { ok: raw } : { bad: "not-a-number" }
  if (typeof raw === "string") {
    const t = raw.trim()
    if (missingMarkers.includes(t)) return { ok: null }
    if (t === "-") return { ok: 0 }
    const n = Number(t)
    return t !== "" && Number.isFinite(n) ? { ok: n } : { bad: "not-a-number" }
  }
  return { bad: "not-a-number" }
}

const text = (row: Record<string, unknown>, key: string): string | undefined => {
  const v = row[key]
  return typeof v === "string" ? v.trim() : undefined
}

/** The items of one row of `table`: observations for its measures, or one located rejection. */
export const items = (table: Table, source: Ids.AdapterId, raw: unknown, at: At): ReadonlyArray<Item.Item> => {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return [reject(at, undefined, "not-an-object", "Deze rij is geen JSON-object.", "This row is not a JSON object.")]
  const row = raw as Record<string, unknown>
  for (const [dimension, wanted] of Object.entries(table.fixed)) {
    // A row of another breakdown (one sex, one age group) is outside the selection, not an error.
    if (text(row, dimension) !== wanted) return []
  }
  const areaKey = text(row, table.areaDimension)
  if (areaKey === undefined || !isArea(areaKey))
    return [
      reject(
        at,
        table.areaDimension,
        "unknown-area",
        `${table.areaDimension} is geen CBS-regiocode zoals GM0402 of NL01.`,
        `${table.areaDimension} is not a CBS region code such as GM0402 or NL01.`,
      ),
    ]
  const periodKey = text(row, table.periodDimension) ?? ""
  const period = Period.fromCbs(periodKey)
  if (Option.isNone(period)) {
    // Repeated only when it has the shape of a CBS period code: anything else might be a birth date or a name.
    const shown = cbsPeriodShape.test(periodKey) ? ` "${periodKey}"` : ""
    return [
      reject(
        at,
        table.periodDimension,
        "unknown-period",
        `Periode${shown} is geen jaar, halfjaar, kwartaal of maand van CBS (zoals 2023JJ00).`,
        `Period${shown} is not a CBS year, half year, quarter or month (such as 2023JJ00).`,
      ),
    ]
  }
  const observation = (measure: string, v: Value): Item.Item => {
    if ("bad" in v)
      return reject(
        at,
        measure,
        "not-a-number",
        `De waarde van ${measure} is geen getal en geen CBS-teken voor onbekend.`,
        `The value of ${measure} is neither a number nor a CBS marker for unknown.`,
      )
    if (v.ok !== null && bsnShaped.test(String(v.ok)))
      return reject(
        at,
        measure,
        "implausible-value",
        `De waarde van ${measure} heeft negen cijfers, de vorm van een BSN; geen van de tabellen kan zo'n waarde hebben.`,
        `The value of ${measure} has nine digits, the shape of a BSN; none of the tables can hold such a value.`,
      )
    const indicator = table.measures[measure] as Ids.IndicatorId
    return Item.accepted(
      new Observation.Observation(
        { indicator, area: areaKey, period: period.value, value: v.ok, source },
        { disableChecks: true },
      ),
    )
  }
  if ("Measure" in row || "Value" in row) {
    const measure = text(row, "Measure") ?? ""
    if (!(measure in table.measures)) return []
    return [observation(measure, value(row.Value, row.ValueAttribute))]
  }
  const out: Array<Item.Item> = []
  for (const measure of Object.keys(table.measures))
    if (measure in row) out.push(observation(measure, value(row[measure])))
  return out
}
