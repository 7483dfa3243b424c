import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import { Option, Result } from "effect"
import { Budget, CalendarDate, Membership, PlanLifecycle, RegionDefinition } from "../src/index.js"

// The example region: Heuveldorp, Rivierstad and Duinhout adopt "Beschermd Thuis 2024-2027" in 2023; Veenmeer joins
// the region on 1 January 2025 and adopts the running plan on 20 February 2025.
const text = readFileSync(new URL("../examples/voorbeeldregio.json", import.meta.url), "utf8")
const definition = (): RegionDefinition.Definition => {
  const r = RegionDefinition.parse(text)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const d = CalendarDate.CalendarDate.make

const inputOf = (def: RegionDefinition.Definition, decisions = def.plans[0]?.decisions ?? []) => {
  const entry = def.plans[0]
  if (entry === undefined) throw new Error("the example has a plan")
  return { plan: entry.plan, region: def.region, municipalities: def.municipalities, decisions }
}

describe("a municipality that joins the region mid-plan", () => {
  it("leaves the running plan adopted before its council has decided", () => {
    const def = definition()
    const withoutVeenmeer = inputOf(def).decisions.filter((x) => x.municipality !== "GM9904")
    const status = PlanLifecycle.adoptionStatus(inputOf(def, withoutVeenmeer), d("2025-01-15"))
    expect(status.adopted).toBe(true)
    const veenmeer = status.councils.find((c) => c.municipality === "GM9904")
    expect(veenmeer).toMatchObject({ standing: "pending", joinedOn: "2025-01-01" })
    expect(PlanLifecycle.openReasons(status)).toEqual([])
  })

  it("adopts the running plan by its own council decision", () => {
    const status = PlanLifecycle.adoptionStatus(inputOf(definition()), d("2025-03-01"))
    expect(status.adopted).toBe(true)
    expect(status.councils.find((c) => c.municipality === "GM9904")).toMatchObject({
      standing: "adopted",
      joinedOn: "2025-01-01",
    })
  })

  it("keeps the plan's adoption date: the day the members of that day had all adopted", () => {
    expect(PlanLifecycle.adoptionDate(inputOf(definition()))).toEqual(Option.some("2023-12-14"))
  })

  it("is told apart in the plan's status, which still says the plan is adopted", () => {
    const def = definition()
    const status = def.plans[0]?.status
    if (status === undefined) throw new Error("the example has a status")
    const before = inputOf(def).decisions.filter((x) => x.municipality !== "GM9904")
    const pending = PlanLifecycle.statusNl({ ...inputOf(def, before), status }, d("2025-01-15"))
    expect(pending).toBe(
      "In uitvoering genomen op 1 januari 2024. Vastgesteld door alle 3 gemeenteraden; het laatste besluit was op 14 december 2023. Veenmeer is op 1 januari 2025 tot de regio toegetreden en heeft nog niet over het lopende plan besloten. Het plan loopt van 2024 tot en met 2027.",
    )
    expect(PlanLifecycle.stageNl(inputOf(def).plan, status, d("2025-01-15"))).toBe("In uitvoering")
    const adopted = PlanLifecycle.statusNl({ ...inputOf(def), status }, d("2025-03-01"))
    expect(adopted).toContain(
      "Veenmeer is op 1 januari 2025 tot de regio toegetreden en heeft het lopende plan op 20 februari 2025 vastgesteld.",
    )
  })

  it("still decides with the others when it joined before the plan was adopted", () => {
    const def = definition()
    const early = {
      ...inputOf(def),
      region: {
        memberships: def.region.memberships.map((m) =>
          m.municipality === "GM9904"
            ? new Membership.Membership({ municipality: m.municipality, from: d("2023-06-01") })
            : m,
        ),
      },
    }
    const status = PlanLifecycle.adoptionStatus(
      { ...early, decisions: early.decisions.filter((x) => x.municipality !== "GM9904") },
      d("2024-01-15"),
    )
    expect(status.adopted).toBe(false)
    expect(status.councils.find((c) => c.municipality === "GM9904")?.joinedOn).toBeUndefined()
  })

  it("pays nothing in the years before it joined and its full share from its joining year", () => {
    const def = definition()
    const budget = def.plans[0]?.budget
    if (budget === undefined) throw new Error("the example has a budget")
    const r = Budget.sharesPerYear(budget.lines, () => budget.key, {
      plan: inputOf(def).plan,
      region: def.region,
      municipalities: def.municipalities,
    })
    if (Result.isFailure(r)) throw new Error(r.failure.message)
    const of = (year: number, code: string) =>
      r.success.find((y) => y.year === year)?.contributions.find((c) => c.municipality === code)?.amount
    expect(of(2024, "GM9904")).toBeUndefined()
    // 2024: 1,200,000 euro among 100,000 residents; 2025: 1,500,000 euro among 125,000 residents.
    expect(of(2024, "GM9902")).toBe(60_000_000)
    expect(of(2025, "GM9904")).toBe(30_000_000)
    expect(of(2025, "GM9902")).toBe(60_000_000)
    for (const year of r.success) {
      expect(year.contributions.reduce((sum, c) => sum + c.amount, 0)).toBe(year.total)
    }
  })

  it("pays from its joining date when it joins mid-year", () => {
    const def = definition()
    const budget = def.plans[0]?.budget
    if (budget === undefined) throw new Error("the example has a budget")
    const region = {
      memberships: def.region.memberships.map((m) =>
        m.municipality === "GM9904"
          ? new Membership.Membership({ municipality: m.municipality, from: d("2025-07-01") })
          : m,
      ),
    }
    const r = Budget.sharesPerYear(budget.lines, () => budget.key, {
      plan: inputOf(def).plan,
      region,
      municipalities: def.municipalities,
    })
    if (Result.isFailure(r)) throw new Error(r.failure.message)
    const y2025 = r.success.find((y) => y.year === 2025)
    const veenmeer = y2025?.contributions.find((c) => c.municipality === "GM9904")?.amount ?? 0
    const rivierstad = y2025?.contributions.find((c) => c.municipality === "GM9902")?.amount ?? 0
    // 184 of 365 days with 25,000 residents against a whole year with 50,000.
    expect(veenmeer / rivierstad).toBeCloseTo((25_000 * 184) / (50_000 * 365), 6)
    expect(y2025?.contributions.reduce((sum, c) => sum + c.amount, 0)).toBe(y2025?.total)
  })
})
