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
}) {}
