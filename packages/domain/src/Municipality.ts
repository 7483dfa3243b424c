/**
 * Municipalities: the councils that adopt a plan and pay for it, identified by their CBS code (`GM0402`). A
 * municipality can stop existing (Weesp merged into Amsterdam on 24 March 2022; Bussum, Naarden and Muiden formed
 * Gooise Meren on 1 January 2016); its successor is recorded so figures stay attributable over time.
 */
import { Schema } from "effect"
import { CalendarDate } from "./CalendarDate.js"
import { MunicipalityCode } from "./Ids.js"
import * as Text from "./Text.js"

/** The twelve provinces of the Netherlands, spelled as they spell themselves. */
export const Province = Schema.Literals([
  "Groningen",
  "Fryslân",
  "Drenthe",
  "Overijssel",
  "Flevoland",
  "Gelderland",
  "Utrecht",
  "Noord-Holland",
  "Zuid-Holland",
  "Zeeland",
  "Noord-Brabant",
  "Limburg",
])
export type Province = typeof Province.Type

/** The municipality a former municipality became part of, and the first day it was part of it. */
export class Succession extends Schema.Class<Succession>("Succession")({
  /** The municipality it merged into. */
  successor: MunicipalityCode,
  /** The first day of the successor (the day after the former municipality's last day). */
  on: CalendarDate,
}) {}

/** A municipality: CBS code, name, province, and its successor if it no longer exists. */
export class Municipality extends Schema.Class<Municipality>("Municipality")({
  code: MunicipalityCode,
  name: Text.requiredLine("municipality's name"),
  province: Province,
  /** Set when the municipality was merged into another one. */
  succeededBy: Schema.optionalKey(Succession),
}) {}

/** The four-digit gemeentecode used in iWmo messages (`0402` for `GM0402`). */
export const gemeentecode = (code: MunicipalityCode): string => code.slice(2)

/** The municipality code for an iWmo gemeentecode such as `0402`, or undefined when it is not four digits. */
export const fromGemeentecode = (gemeentecode: string): MunicipalityCode | undefined =>
  /^\d{4}$/.test(gemeentecode) ? MunicipalityCode.make(`GM${gemeentecode}`) : undefined

/** The name of the municipality with `code` among `municipalities`, or the code itself when it is not known. */
export const nameOf = (municipalities: ReadonlyArray<Municipality>, code: MunicipalityCode): string =>
  municipalities.find((m) => m.code === code)?.name ?? code
