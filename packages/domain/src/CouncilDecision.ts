/**
 * A municipal council's decision on a plan: adopted (vastgesteld), adopted with amendments, rejected or postponed,
 * on a date, with the council's reference. A council may decide more than once (postponed, then adopted, or a later
 * rejection): decisions are a history, in the order they were recorded, and a new one never replaces an earlier one.
 * Its latest decision on or before a date (by date; of two on the same day, the later recorded) counts on that date.
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

/** Which decisions a history shows: those on one plan, of one municipality, or both (absent: every one). */
export interface HistoryFilter {
  readonly plan?: PlanId | undefined
  readonly municipality?: MunicipalityCode | undefined
}

/**
 * The decisions (given in the order they were recorded) that match `filter`, newest first: by date, and of two on the
 * same day the later recorded first. Every decision stays; none replaces another.
 */
export const history = (
  decisions: ReadonlyArray<CouncilDecision>,
  filter: HistoryFilter = {},
): ReadonlyArray<CouncilDecision> =>
  decisions
    .map((decision, recorded) => ({ decision, recorded }))
    .filter(
      ({ decision }) =>
        (filter.plan === undefined || decision.plan === filter.plan) &&
        (filter.municipality === undefined || decision.municipality === filter.municipality),
    )
    .sort((a, b) =>
      a.decision.date === b.decision.date ? b.recorded - a.recorded : a.decision.date < b.decision.date ? 1 : -1,
    )
    .map(({ decision }) => decision)

/** Whether `decision` (one of `decisions`, in recording order) is the one that counts for its council on `date`. */
export const countsOn = (
  decisions: ReadonlyArray<CouncilDecision>,
  decision: CouncilDecision,
  date: CalendarDate,
): boolean => {
  const found = latest(decisions, decision.plan, decision.municipality, date)
  return Option.isSome(found) && found.value === decision
}
