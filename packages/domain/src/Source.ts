/**
 * Provenance: the documents reference data comes from, and facts with the words of the document that states them.
 * Reference data holds only what a source says; every fact carries a quote that can be checked against its source.
 */
import { Schema } from "effect"
import { CalendarDate } from "./CalendarDate.js"

/** The id of a source document, e.g. `seed-000` or `domain-brief`. */
export const SourceId = Schema.String.check(
  Schema.isPattern(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "expected a source id like seed-000" }),
)

/** A document reference data is taken from. */
export class Source extends Schema.Class<Source>("Source")({
  id: SourceId,
  title: Schema.String,
  /** The date the document carries, when it has one. */
  date: Schema.optionalKey(CalendarDate),
  /** Where the project keeps it, relative to the shared folder (e.g. `seeds/000_7a276d9cfc978a7a.txt`). */
  file: Schema.String,
}) {}

/** A fact with the exact words of the source that states it. */
export class Fact extends Schema.Class<Fact>("Fact")({
  /** What the fact is about, e.g. a plan id or municipality code. */
  about: Schema.String,
  /** The fact in plain English. */
  statement: Schema.String,
  source: SourceId,
  /** Words copied verbatim from the source. */
  quote: Schema.String,
}) {}
