/**
 * The council letter before every council adopted the plan: a progress letter to the councils of the plan that
 * names, with the domain's reasons, what is still open. Once adopted, `CouncilLetter.adoptionLetter` writes it.
 */
import { type CalendarDate, CouncilLetter, Plan, PlanLifecycle } from "@baken/domain"
import { Result } from "effect"
import type { PlanState } from "./PlanView.js"
import type { CouncilLetterView } from "./Views.js"

/** What the progress letter reads. */
export interface ProgressLetterInput {
  readonly state: PlanState
  readonly programmes: ReadonlyArray<string>
  readonly date: CalendarDate.CalendarDate
  readonly signatory: string
  readonly regionName: string
}

/** The progress letter. */
export const progressLetter = (input: ProgressLetterInput): CouncilLetterView => {
  const { plan, status } = input.state
  const refused =
    status._tag === "Released" ? PlanLifecycle.adopt(status, input.state, input.date) : Result.succeed(status)
  const open = Result.isFailure(refused) ? refused.failure.reasons.map(PlanLifecycle.describeNl) : []
  const councils = Plan.councilsOn(plan, input.state.region, input.date)
  return {
    date: input.date,
    kenmerk: plan.kenmerk,
    addressees: CouncilLetter.addressees(input.state.municipalities, councils)
      .map((a) => a.name)
      .sort((a, b) => a.localeCompare(b, "nl")),
    subject: `Voortgang beleidsplan Bescherming en Opvang ${Plan.yearsLabel(plan)}`,
    paragraphs: [
      open.length === 0
        ? `Het beleidsplan Bescherming en Opvang (${Plan.yearsLabel(plan)}) "${plan.title}" van ${input.regionName} is nog niet door alle gemeenteraden vastgesteld.`
        : `Het beleidsplan Bescherming en Opvang (${Plan.yearsLabel(plan)}) "${plan.title}" van ${input.regionName} is nog niet door alle gemeenteraden vastgesteld: ${open.join("; ")}.`,
      `Het beleidsplan bestaat uit ${CouncilLetter.numberNl(input.programmes.length)} programma's: ${CouncilLetter.joinNl(input.programmes)}.`,
    ],
    closing: "Met vriendelijke groet,",
    signatory: input.signatory,
  }
}
