import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Action, CalendarDate, Goal, Ids, Period, Programme, Progress } from "../src/index.js"
import * as A from "./arbitraries.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const d = CalendarDate.CalendarDate.make
const asOf = d("2024-06-30")
const node = { level: "goal" as const, id: "g", label: "Doel", weight: 1 }
const child = (id: string, value: number | null, weight: number): Progress.Explanation => ({
  level: "action",
  id,
  label: id,
  value,
  weight,
  share: 0,
  children: [],
})

const milestone = (id: string, completedOn: string | undefined, weight = 1) =>
  new Action.Milestone({
    id: Ids.MilestoneId.make(id),
    title: id,
    due: d("2023-01-01"),
    weight,
    ...(completedOn === undefined ? {} : { completedOn: d(completedOn) }),
  })
const action = (
  id: string,
  goal: string,
  milestones: ReadonlyArray<Action.Milestone>,
  weight = 1,
  status: Action.Status = "in-progress",
) =>
  new Action.Action({
    id: Ids.ActionId.make(id),
    goal: Ids.GoalId.make(goal),
    title: id,
    owner: Ref.veiligThuis.id,
    contributors: [],
    start: d("2022-01-01"),
    end: d("2025-12-31"),
    status,
    weight,
    milestones,
  })
const goal = (id: string, weight: number) =>
  new Goal.Goal({
    id: Ids.GoalId.make(id),
    programme: Ref.preventieEnPerspectief.id,
    title: id,
    weight,
    indicators: [],
  })
const data = (goals: ReadonlyArray<Goal.Goal>, actions: ReadonlyArray<Action.Action>): Progress.PlanData => ({
  programmes: [Ref.preventieEnPerspectief],
  goals,
  actions,
  indicators: [],
  targets: [],
  values: [],
})

describe("Progress", () => {
  it("has no value, not 0 and not NaN, when there are no children, and says so", () => {
    const e = Progress.combine(node, [], "geen acties")
    expect(e.value).toBeNull()
    expect(e.note).toBe("geen acties")
  })

  it("has no value when every weight is 0", () => {
    const e = Progress.combine(node, [child("a", 0.5, 0), child("b", 1, 0)])
    expect(e.value).toBeNull()
    expect(e.note).toBe("alle gewichten zijn 0")
    expect(e.children.map((c) => c.share)).toEqual([0, 0])
  })

  it("shows a child of weight 0 but lets it count for nothing", () => {
    const e = Progress.combine(node, [child("a", 0.5, 1), child("b", 1, 0)])
    expect(e.value).toBe(0.5)
    expect(e.children.map((c) => c.share)).toEqual([1, 0])
  })

  it("does not count a child without a value as 0", () => {
    const e = Progress.combine(node, [child("a", 0.8, 1), child("b", null, 3)])
    expect(e.value).toBeCloseTo(0.8)
  })

  it("counts a child listed twice once, and says so", () => {
    const e = Progress.combine(node, [child("a", 1, 1), child("b", 0, 1), child("a", 1, 1)])
    expect(e.value).toBe(0.5)
    expect(e.children).toHaveLength(2)
    expect(e.note).toContain("dubbel genoemd en één keer geteld: a")
  })

  it("weights an action's milestones", () => {
    const a = action("a", "g", [milestone("m1", "2023-01-01", 1), milestone("m2", undefined, 3)])
    expect(Progress.ofAction(a, asOf).value).toBe(0.25)
    expect(Progress.ofAction(a, d("2022-12-31")).value).toBe(0)
  })

  it("counts a completed action as 100% and leaves a cancelled one out", () => {
    expect(Progress.ofAction(action("a", "g", [], 1, "completed"), asOf).value).toBe(1)
    expect(Progress.ofAction(action("a", "g", [milestone("m", "2023-01-01")], 1, "cancelled"), asOf).value).toBeNull()
  })

  it("rolls nested levels up: a programme from its goals from their actions from their milestones", () => {
    const goals = [goal("g1", 1), goal("g2", 3)]
    const actions = [
      action("a1", "g1", [milestone("m1", "2023-01-01"), milestone("m2", undefined)]), // 50%
      action("a2", "g1", [milestone("m3", "2023-01-01")]), // 100%
      action("a3", "g2", [milestone("m4", undefined)]), // 0%
    ]
    const e = Progress.ofProgramme(Ref.preventieEnPerspectief, data(goals, actions), asOf)
    // g1 = (0.5 + 1) / 2 = 0.75; g2 = 0; programme = (0.75 × 1 + 0 × 3) / 4
    expect(e.value).toBeCloseTo(0.1875)
    expect(e.children.map((g) => g.share)).toEqual([0.25, 0.75])
    expect(Progress.render(e).split("\n")[0]).toBe("Programma Preventie en perspectief: 19%")
  })

  it("explains why a programme shows 40%", () => {
    const goals = [goal("g1", 2), goal("g2", 3)]
    const actions = [
      action("a1", "g1", [milestone("m1", "2023-01-01")]),
      action("a2", "g2", [milestone("m2", undefined)]),
    ]
    const text = Progress.render(Progress.ofProgramme(Ref.preventieEnPerspectief, data(goals, actions), asOf))
    expect(text).toBe(
      [
        "Programma Preventie en perspectief: 40%",
        "  Doel g1: 100% — weegt 2 (40% van het geheel)",
        "    Actie a1: 100% — weegt 1 (100% van het geheel)",
        "      Mijlpaal m1: 100% — weegt 1 (100% van het geheel) — bereikt op 1 januari 2023",
        "  Doel g2: 0% — weegt 3 (60% van het geheel)",
        "    Actie a2: 0% — weegt 1 (100% van het geheel)",
        "      Mijlpaal m2: 0% — weegt 1 (100% van het geheel) — te laat: gepland op 1 januari 2023",
      ].join("\n"),
    )
  })

  it("never yields NaN, keeps values between 0 and 1, and shares of counted children add up to 1", () => {
    fc.assert(
      fc.property(
        fc.array(A.goal, { maxLength: 4 }),
        fc.array(A.action, { maxLength: 8 }),
        fc.boolean(),
        (gs, as, sameProgramme) => {
          const goals = gs.map(
            (g) => new Goal.Goal({ ...g, programme: sameProgramme ? Ref.preventieEnPerspectief.id : g.programme }),
          )
          const actions = as.map(
            (a, i) => new Action.Action({ ...a, goal: goals[i % Math.max(1, goals.length)]?.id ?? a.goal }),
          )
          const check = (e: Progress.Explanation): void => {
            if (e.value !== null) {
              expect(Number.isNaN(e.value)).toBe(false)
              expect(e.value).toBeGreaterThanOrEqual(0)
              expect(e.value).toBeLessThanOrEqual(1)
            }
            const shares = e.children.filter((c) => c.share > 0).reduce((s, c) => s + c.share, 0)
            if (e.children.some((c) => c.share > 0)) expect(shares).toBeCloseTo(1, 9)
            for (const c of e.children) check(c)
          }
          check(Progress.ofProgramme(Ref.preventieEnPerspectief, data(goals, actions), asOf))
        },
      ),
      { numRuns: 1000 },
    )
  })

  it("reads indicator progress from the latest measurement towards its target", () => {
    const indicator = Demo.indicators.find((i) => i.id === "huisuitzettingen")
    if (indicator === undefined) throw new Error("demo indicator missing")
    const values = [
      new Progress.IndicatorValue({ indicator: indicator.id, period: Period.Period.make("2023"), value: 32 }),
    ]
    const e = Progress.ofIndicator(indicator, 1, { targets: Demo.targets, values }, asOf)
    // baseline 44 (2021) → target 20 (2025): 32 is halfway.
    expect(e.value).toBeCloseTo(0.5)
    expect(e.note).toBe("gemeten 32 (2023), doel ≤ 20 (2025), basis 44 (2021)")
  })

  it("rolls up the whole demo plan with an explanation for every programme", () => {
    const e = Progress.ofPlan(
      Ref.plan2022,
      { ...Demo, programmes: Programme.ofPlan(Ref.programmes, Ref.plan2022.id), values: [] },
      asOf,
    )
    expect(e.children).toHaveLength(3)
    expect(e.value).not.toBeNull()
    expect(Progress.render(e)).toContain(
      "Actie Regionaal wachtlijstbeheer: onbekend — weegt 1 (0% van het geheel) — geen mijlpalen",
    )
  })
})
