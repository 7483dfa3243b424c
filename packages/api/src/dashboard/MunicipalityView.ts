/**
 * Municipalities as the dashboard shows them: the members since a plan began, a municipality's spans of membership
 * and, for one that merged into another, a sentence naming the plans its council was and was not put to.
 */
import { type CalendarDate, CouncilLetter, Membership, Municipality, Plan, type Region } from "@baken/domain"
import type { MembershipSpan } from "./Views.js"

/** The region and its municipalities, every plan. */
export interface RegionState {
  readonly region: Region.Region
  readonly municipalities: ReadonlyArray<Municipality.Municipality>
  readonly plans: ReadonlyArray<Plan.Plan>
}

/** The municipalities that were members at some time from `from` to `to`, by name. */
export const membersBetween = (
  state: RegionState,
  from: CalendarDate.CalendarDate,
  to: CalendarDate.CalendarDate,
): ReadonlyArray<{ readonly code: string; readonly name: string }> =>
  Membership.membersAtSomePoint(state.region, from, to)
    .map((code) => ({ code, name: Municipality.nameOf(state.municipalities, code) }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"))

/** A municipality's spans of membership. */
export const memberships = (state: RegionState, code: string): ReadonlyArray<MembershipSpan> =>
  state.region.memberships
    .filter((m) => m.municipality === code)
    .map((m) => ({ from: m.from ?? null, until: m.until ?? null }))

/** A sentence on a municipality that merged into another, naming the plans its council was and was not put to. */
export const membershipNote = (state: RegionState, code: string): string | null => {
  const m = state.municipalities.find((x) => x.code === code)
  const succession = m?.succeededBy
  if (m === undefined || succession === undefined) return null
  const until = state.region.memberships.find((x) => x.municipality === code && x.until !== undefined)?.until
  const plans = state.plans.filter((p) => p.councils !== undefined)
  const putTo = plans.filter((p) => p.councils?.includes(m.code))
  const notPutTo = plans.filter((p) => !p.councils?.includes(m.code))
  const name = (p: Plan.Plan) => `"${p.title}" (${Plan.yearsLabel(p)})`
  return [
    `${m.name} is op ${CouncilLetter.formatDate(succession.on)} opgegaan in ${Municipality.nameOf(state.municipalities, succession.successor)}`,
    until === undefined ? "." : ` en was lid van de regio tot en met ${CouncilLetter.formatDate(until)}.`,
    ` Cijfers staan hier alleen voor de jaren waarin ${m.name} het hele jaar lid was.`,
    putTo.length === 0 ? "" : ` Het plan ${putTo.map(name).join(" en ")} is aan de raad van ${m.name} voorgelegd`,
    notPutTo.length === 0
      ? "."
      : `${putTo.length === 0 ? " Het plan" : "; het plan"} ${notPutTo.map(name).join(" en ")} niet.`,
  ].join("")
}
