/**
 * A plan as the dashboard shows it: its stage, a Dutch sentence on its status naming what still stands in the way
 * of adoption, and the council table, all from `PlanLifecycle.adoptionStatus` over each council's decisions.
 */
import { type CalendarDate, CouncilLetter, Plan, PlanLifecycle } from "@baken/domain"
import { Result } from "effect"
import type { CouncilRow, PlanView } from "./Views.js"

const dateNl = (iso: string): string => CouncilLetter.formatDate(iso as CalendarDate.CalendarDate)

/** What the plan's views read: the plan, its lifecycle status and what the councils decided. */
export interface PlanState extends PlanLifecycle.AdoptionInput {
  readonly status: PlanLifecycle.Status
}

/** Every council that decides on the plan today, by name, with the decision that counts today. */
export const councilRows = (state: PlanState, today: CalendarDate.CalendarDate): ReadonlyArray<CouncilRow> =>
  PlanLifecycle.adoptionStatus(state, today)
    .councils.map((c) => ({
      municipality: c.municipality,
      name: c.name,
      outcome: c.decision?.outcome ?? null,
      date: c.decision?.date ?? null,
      reference: c.decision?.reference ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"))

const stageNl: Record<PlanLifecycle.Stage, string> = {
  Draft: "In voorbereiding",
  Released: "Vrijgegeven voor besluitvorming",
  Adopted: "Vastgesteld",
  InExecution: "In uitvoering",
  Evaluated: "Geëvalueerd",
  Superseded: "Vervangen",
}

/** The plan with its stage and a Dutch sentence on its status. */
export const planView = (state: PlanState, today: CalendarDate.CalendarDate): PlanView => {
  const councils = PlanLifecycle.adoptionStatus(state, today).councils
  const adopted = councils.filter((c) => c.standing === "adopted").length
  const status = state.status
  const adoptedBy = (on: string) =>
    adopted === councils.length
      ? `Vastgesteld door alle ${councils.length} gemeenteraden; het laatste besluit was op ${dateNl(on)}.`
      : `Vastgesteld op ${dateNl(on)}; volgens de laatste besluiten staan nu ${adopted} van de ${councils.length} gemeenteraden erachter.`
  let sentence: string
  switch (status._tag) {
    case "Draft":
      sentence = "Het plan wordt geschreven en is nog niet aan de gemeenteraden voorgelegd."
      break
    case "Released": {
      const refused = PlanLifecycle.adopt(status, state, today)
      const open = Result.isFailure(refused)
        ? ` Nog open: ${refused.failure.reasons.map(PlanLifecycle.describeNl).join("; ")}.`
        : ""
      sentence = `Op ${dateNl(status.releasedOn)} aan de gemeenteraden voorgelegd; ${adopted} van de ${councils.length} gemeenteraden hebben het plan vastgesteld.${open}`
      break
    }
    case "Adopted":
      sentence = adoptedBy(status.adoptedOn)
      break
    case "InExecution":
    case "Evaluated":
      sentence = `In uitvoering sinds ${dateNl(status.executionFrom)}. ${adoptedBy(status.adoptedOn)}`
      break
    case "Superseded":
      sentence = `Vervangen op ${dateNl(status.supersededOn)}. ${adoptedBy(status.adoptedOn)}`
      break
  }
  const ended = today > Plan.endsOn(state.plan) && status._tag !== "Draft" && status._tag !== "Superseded"
  const endedNl = ended
    ? ` De looptijd van het plan (${Plan.yearsLabel(state.plan)}) is voorbij; er is nog geen nieuw plan vastgelegd.`
    : ""
  return {
    id: state.plan.id,
    title: state.plan.title,
    kenmerk: state.plan.kenmerk,
    firstYear: state.plan.firstYear,
    lastYear: state.plan.lastYear,
    stage: status._tag,
    statusNl: `${ended ? "Afgelopen" : stageNl[status._tag]}. ${sentence}${endedNl}`,
  }
}
