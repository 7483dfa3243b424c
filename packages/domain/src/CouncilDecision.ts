/**
 * A municipal council's decision on a plan: adopted (vastgesteld), adopted with amendments, rejected or postponed,
 * on a date, with the council's reference. A council may decide more than once (postponed, then adopted); its latest
 * decision on or before a date is the one that counts on that date.
 */
import { Option, Schema } from "effect"
import { CalendarDate } from "./CalendarDate.js"
import { MunicipalityCode, PlanId } from "./Ids.js"
import * as Text from "./Text.js"

/** What a council decided. */
export const Outcome = Schema.Literals(["adopted", "adopted-with-amendments", "rejected", "postponed"])
export type Outcome = typeof Outcome.Type

/** One council's decision on one plan. */
export class CouncilDecision extends Schema.Class<CouncilDecision>("CouncilDecision")({
  plan: PlanId,
  municipality: MunicipalityCode,
  outcome: Outcome,
  date: CalendarDate,
  /** The council's reference for the decision (raadsbesluit), when known. */
  reference: Schema.optionalKey(Text.Line),
}) {}

/** Whether an outcome adopts the plan (with or without amendments). */
export const adopts = (outcome: Outcome): boolean => outcome === "adopted" || outcome === "adopted-with-amendments"

/** Dutch wording of an outcome, for letters and the dashboard. */
export const outcomeNl: Record<Outcome, string> = {
  adopted: "vastgesteld",
  "adopted-with-amendments": "geamendeerd vastgesteld",
  rejected: "verworpen",
  postponed: "aangehouden",
}

/**
 * The decision of `municipality` on `plan` that counts on `date`: its latest on or before that date (of two on the
 * same day, the later in the list).
 */
export const latest = (
  decisions: ReadonlyArray<CouncilDecision>,
  plan: PlanId,
  municipality: MunicipalityCode,
  date: CalendarDate,
): Option.Option<CouncilDecision> => {
  let found: CouncilDecision | undefined
  for (const d of decisions) {
    if (d.plan !== plan || d.municipality !== municipality || d.date > date) continue
    if (found === undefined || d.date >= found.date) found = d
  }
  return Option.fromNullishOr(found)
}
