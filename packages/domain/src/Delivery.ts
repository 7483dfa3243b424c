/**
 * A delivery: one partner file or feed pull, after its adapter ran. It carries what was accepted (observations and
 * pseudonymised person events), what was rejected and where, and the hash of the delivered bytes that makes intake
 * idempotent. The store keeps it, the API reports it, the dashboard shows it to the partner's data steward.
 */
import { Schema } from "effect"
import * as BsnShape from "./BsnShape.js"
import { CalendarDate } from "./CalendarDate.js"
import { AdapterId, PartnerId, SourceHash } from "./Ids.js"
import { Observation } from "./Observation.js"
import { Period } from "./Period.js"
import { PersonEvent } from "./PersonEvent.js"

/** Where in a delivery something was found: the file, and within it a message, line/column or element path. */
export class Location extends Schema.Class<Location>("Location")({
  /** The file name as delivered (a path inside a zip is written `archive.zip!/inner.xml`). */
  file: Schema.String,
  /** The message within the file, for formats with many messages (e.g. an iWmo message reference). */
  message: Schema.optionalKey(Schema.String),
  /** 1-based line number. */
  line: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  /** 1-based column number. */
  column: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  /** An element path such as `/Bericht/Client/Bsn`. */
  path: Schema.optionalKey(Schema.String),
}) {}

/** A message in Dutch for the data steward and in English for developers. */
export class Message extends Schema.Class<Message>("Message")({
  nl: Schema.String,
  en: Schema.String,
}) {}

/** One thing that was refused, with where it is, which field and rule, and a message a person can act on. */
export class Rejection extends Schema.Class<Rejection>("Rejection")({
  location: Location,
  /** The field or column that was wrong, if one was. */
  field: Schema.optionalKey(Schema.String),
  /** The rule that was broken, as a stable identifier (e.g. `bsn-eleven-test`, `unknown-municipality`). */
  rule: Schema.String,
  /** A code from the partner's standard, e.g. an iWmo retourcode such as `9332` or `S300`. */
  code: Schema.optionalKey(Schema.String),
  message: Message,
}) {}

const ruleId = /^[a-z0-9]+(-[a-z0-9]+){0,8}$/
const fieldName = /^[A-Za-z0-9_.]{1,64}$/
const standardCode = /^[A-Za-z0-9]{1,12}$/

/** Whether `value` matches `pattern` and holds no BSN-shaped digits (`BsnShape`), which no identifier needs. */
const identifier = (pattern: RegExp, value: string | undefined): value is string =>
  value !== undefined && pattern.test(value) && !BsnShape.occursIn(value)

/**
 * A rejection reported by a partner's own adapter run (a push), as the server keeps it: the rule and field only when
 * they are identifiers, the line and column, a standard's code, and a message the server writes itself. Nothing the
 * client chose as free text is kept, so a push cannot put text of its choosing in front of the region, and an
 * identifier with BSN-shaped digits in it (`rule-123-456-789`) is left out like one that is not an identifier.
 */
export const reported = (rejection: Rejection, file: string): Rejection => {
  const rule = identifier(ruleId, rejection.rule) ? rejection.rule : "onbekende-regel"
  const field = identifier(fieldName, rejection.field) ? rejection.field : undefined
  const code = identifier(standardCode, rejection.code) ? rejection.code : undefined
  const { line, column } = rejection.location
  return new Rejection({
    location: new Location({
      file,
      ...(line === undefined ? {} : { line }),
      ...(column === undefined ? {} : { column }),
    }),
    ...(field === undefined ? {} : { field }),
    rule,
    ...(code === undefined ? {} : { code }),
    message: new Message({
      nl: `Geweigerd door de adapter van de partner zelf (regel ${rule}${field === undefined ? "" : `, veld ${field}`}).`,
      en: `Refused by the partner's own adapter run (rule ${rule}${field === undefined ? "" : `, field ${field}`}).`,
    }),
  })
}

/** What an adapter accepted: an observation or a person event. */
export const AcceptedRecord = Schema.Union([Observation, PersonEvent])
export type AcceptedRecord = typeof AcceptedRecord.Type

/** The counts a data steward sees first: accepted and rejected, per record kind. */
export class Summary extends Schema.Class<Summary>("Summary")({
  accepted: Schema.Record(Schema.String, Schema.Int),
  rejected: Schema.Record(Schema.String, Schema.Int),
  /** The first and last period the accepted records cover, when there are any. */
  periodFrom: Schema.optionalKey(Period),
  periodTo: Schema.optionalKey(Period),
  sourceHash: SourceHash,
}) {}

/** A delivery's header: who delivered what, through which adapter, when. */
export class DeliveryHeader extends Schema.Class<DeliveryHeader>("DeliveryHeader")({
  partner: PartnerId,
  adapter: AdapterId,
  sourceHash: SourceHash,
  /** The name the partner gave the file or feed. */
  sourceName: Schema.String,
  receivedOn: CalendarDate,
}) {}
