/**
 * A programme of a plan: the 2022-2025 plan has three core programmes (kernprogramma's), the 2017-2020 plan had
 * four. Goals belong to a programme. A programme the sources do not name keeps no invented name: it has a number and
 * a note saying so.
 */
import { Schema } from "effect"
import { PlanId, ProgrammeId } from "./Ids.js"
import * as Text from "./Text.js"

/** A programme of a plan. */
export class Programme extends Schema.Class<Programme>("Programme")({
  id: ProgrammeId,
  plan: PlanId,
  /** Its position in the plan, from 1. */
  number: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  /** Its name, when the sources give it. */
  name: Schema.optionalKey(Text.Line),
  /** What it is about. */
  description: Schema.optionalKey(Text.Paragraphs),
  /** A remark on the record itself, e.g. that the sources do not name the programme. */
  note: Schema.optionalKey(Text.Paragraphs),
}) {}

/** The programme's name, or `Programma 2 (naam niet bekend)` when the sources do not give one. */
export const label = (programme: Programme): string =>
  programme.name ?? `Programma ${programme.number} (naam niet bekend)`

/** The programmes of `plan` in their order. */
export const ofPlan = (programmes: ReadonlyArray<Programme>, plan: PlanId): ReadonlyArray<Programme> =>
  programmes.filter((p) => p.plan === plan).sort((a, b) => a.number - b.number)
