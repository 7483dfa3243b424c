/**
 * Person-level events keyed by a pseudonym: what the plan needs to follow people across partners (flows from
 * shelter to sheltered housing, people dropping out of view) without knowing who they are. The type has no field that
 * can hold a BSN, a name, an address or a birth date.
 */
import { Schema } from "effect"
import { CalendarDate } from "./CalendarDate.js"
import { AdapterId, MunicipalityCode, Pseudonym } from "./Ids.js"

/** What happened to a person, as far as the plan needs to know. */
export const EventKind = Schema.Literals([
  /** iWmo 315: a care provider asked the municipality for an allocation. */
  "allocation-requested",
  /** iWmo 317: a care provider asked to change an allocation. */
  "allocation-change-requested",
  /** iWmo 319: the municipality answered a request. */
  "request-answered",
  /** iWmo 301: the municipality allocated support (toewijzing). */
  "allocation-granted",
  /** iWmo 305: support started. */
  "support-started",
  /** iWmo 307: support stopped, with a reason (reden beëindiging). */
  "support-stopped",
  /** Vroegsignalering: an early debt signal (rent, energy, water, health insurance arrears). */
  "debt-signal-received",
  /** Vroegsignalering: a contact attempt was made. */
  "contact-attempted",
  /** Vroegsignalering: help was accepted. */
  "help-accepted",
  /** Vroegsignalering: the case was closed with a result. */
  "case-closed",
  /** DJI via the municipality: detention began. */
  "detention-started",
  /** DJI via the municipality: detention ended. */
  "detention-ended",
])
export type EventKind = typeof EventKind.Type

/** A short code from a code list (product category `15`, reden beëindiging `02`, signal kind `huur`). */
export const Code = Schema.String.check(
  Schema.isPattern(/^[A-Za-z0-9_-]{1,20}$/, { message: "expected a code of at most 20 letters, digits, - or _" }),
)

/**
 * The allocation an event belongs to, as one key: for iWmo `T<ToewijzingNummer>A<AGB code of the provider>`
 * (`allocationKey`), so that a start and its stop pair up even when a person has two stays at once. Together with the
 * event's municipality it names one allocation.
 */
export const Allocation = Schema.String.check(
  Schema.isPattern(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, {
    message: "expected an allocation key of at most 40 letters, digits, - or _, starting with a letter",
  }),
)

/**
 * The allocation key of an iWmo ToewijzingNummer (`LDT_Nummer`, an integer 0-999999999) given by a provider's AGB
 * code. The number is written without leading zeros or sign, so that `01001` and `1001` pair up, and a nine-digit
 * number in groups of three joined by the letter `x` (`T123x456x789A…`), so that no nine digits in any grouping, the
 * shape of a BSN (`BsnShape`), are ever stored: an underscore or hyphen would still join them into one.
 */
export const allocationKey = (toewijzingNummer: string, provider: string): string => {
  const n = String(Number(toewijzingNummer))
  return `T${n.length === 9 ? `${n.slice(0, 3)}x${n.slice(3, 6)}x${n.slice(6)}` : n}A${provider}`
}

const legacyKey = /^T(\d{3})_(\d{3})_(\d{3})A/

/**
 * An allocation key as `allocationKey` writes it now: adapters before it wrote a nine-digit ToewijzingNummer with
 * underscores (`T123_456_789A…`), which is the same allocation as `T123x456x789A…`. Every other key is returned as
 * it is, so a start and its stop pair up whichever version of an adapter read them.
 */
export const canonicalAllocation = (key: string): string =>
  key.charCodeAt(4) === 95 ? key.replace(legacyKey, "T$1x$2x$3A") : key

/**
 * What an event does to an earlier one of the same allocation and kind (iWmo StatusAanlevering): `replaces` (2,
 * gewijzigd) takes its place, `deletes` (3, verwijderd) takes it away and counts as nothing itself. Absent: a new
 * event (1).
 */
export const Correction = Schema.Literals(["replaces", "deletes"])
export type Correction = typeof Correction.Type

/**
 * Where an event was read, so that a rejection found later (a stop whose allocation never started) can say where it
 * is: the file (`archive.zip!/inner.xml` inside an archive), the message within it, the line. The adapter redacts
 * BSN-shaped digits from these, as from every location.
 */
export class Origin extends Schema.Class<Origin>("PersonEventOrigin")({
  file: Schema.String.check(Schema.isMaxLength(300)),
  message: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
  line: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
}) {}

/** One thing that happened to one pseudonymised person, in a municipality, on a date. */
export class PersonEvent extends Schema.Class<PersonEvent>("PersonEvent")({
  person: Pseudonym,
  kind: EventKind,
  date: CalendarDate,
  municipality: MunicipalityCode,
  /** The category the event belongs to, e.g. iWmo product category `15` (beschermd wonen) or signal kind `huur`. */
  category: Schema.optionalKey(Code),
  /** A reason or result code, e.g. iWmo reden beëindiging, or the outcome of a vroegsignalering case. */
  reason: Schema.optionalKey(Code),
  source: AdapterId,
  /** The allocation the event belongs to (iWmo 301/305/307), see `Allocation`. */
  allocation: Schema.optionalKey(Allocation),
  /** A correction of an earlier event of the same allocation and kind; absent for a new event. */
  correction: Schema.optionalKey(Correction),
  /** Where the event was read, for locating a rejection the store finds later. */
  origin: Schema.optionalKey(Origin),
}) {}
