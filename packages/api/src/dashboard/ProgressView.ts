/**
 * Progress as the dashboard shows it: `Progress`'s roll-up of a programme, goal or action with its "waarom?" lines,
 * and actions with their owner, partners and milestones (overdue ones marked by `Action.overdue`).
 */
import { Action, type CalendarDate, type Partner, Programme, Progress } from "@baken/domain"
import type { ActionView, ProgrammeSummary, ProgressView } from "./Views.js"

/** An explanation as the meter shows it: its value, and `Progress.render`'s lines below the first, indented by dashes. */
export const progressView = (explanation: typeof Progress.Explanation.Type): ProgressView => ({
  share: explanation.value,
  why: Progress.render(explanation)
    .split("\n")
    .slice(1)
    .map((line) => {
      const depth = (line.length - line.trimStart().length) / 2
      return `${"– ".repeat(Math.max(0, depth - 1))}${line.trim()}`
    }),
})

/** A programme with its rolled-up progress. */
export const programmeSummary = (
  programme: Programme.Programme,
  data: Progress.PlanData,
  today: CalendarDate.CalendarDate,
): ProgrammeSummary => ({
  id: programme.id,
  number: programme.number,
  name: Programme.label(programme),
  description: programme.description ?? "",
  progress: progressView(Progress.ofProgramme(programme, data, today)),
})

/** An action with its owner, partners, milestones and progress. */
export const actionView = (
  partners: ReadonlyArray<Partner.Partner>,
  action: Action.Action,
  today: CalendarDate.CalendarDate,
): ActionView => {
  const nameOf = (id: string): string => partners.find((p) => p.id === id)?.name ?? id
  const overdue = Action.overdue(action, today)
  return {
    id: action.id,
    title: action.title,
    owner: nameOf(action.owner),
    partners: action.contributors.map(nameOf),
    start: action.start,
    end: action.end,
    status: action.status,
    milestones: action.milestones.map((m) => ({
      title: m.title,
      due: m.due,
      completedOn: m.completedOn ?? null,
      overdue: overdue.includes(m),
    })),
    progress: progressView(Progress.ofAction(action, today)),
  }
}
