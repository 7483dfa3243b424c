/**
 * A plan as the dashboard shows it: its stage, a Dutch sentence on its status naming what still stands in the way
 * of adoption, and the council table, all from `PlanLifecycle.adoptionStatus` over each council's decisions.
 */
import { type CalendarDate, PlanLifecycle } from "@baken/domain"
import type { CouncilRow, PlanView } from "./Views.js"

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

/** The plan with its stage and the domain's Dutch sentence on its status (`PlanLifecycle.stageNl`, `statusNl`). */
export const planView = (state: PlanState, today: CalendarDate.CalendarDate): PlanView => ({
  id: state.plan.id,
  title: state.plan.title,
  kenmerk: state.plan.kenmerk,
  firstYear: state.plan.firstYear,
  lastYear: state.plan.lastYear,
  stage: state.status._tag,
  statusNl: `${PlanLifecycle.stageNl(state.plan, state.status, today)}. ${PlanLifecycle.statusNl(state, today)}`,
})
