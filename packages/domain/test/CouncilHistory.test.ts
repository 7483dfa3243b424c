import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { CalendarDate, CouncilDecision, PlanLifecycle } from "../src/index.js"
import * as A from "./arbitraries.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const d = CalendarDate.CalendarDate.make
const decide = (municipality: { readonly code: string }, outcome: CouncilDecision.Outcome, date: string) =>
  new CouncilDecision.CouncilDecision({
    plan: Ref.plan2022.id,
    municipality: municipality.code as never,
    outcome,
    date: d(date),
    reference: `test-${date}`,
  })
const input = (decisions: ReadonlyArray<CouncilDecision.CouncilDecision>) => ({
  plan: Ref.plan2022,
  region: Ref.gooiEnVechtstreek,
  municipalities: Ref.municipalities,
  decisions,
})

describe("a council's decisions are a history", () => {
  it("keeps Laren's 2021 adoption when Laren later rejects the plan, and lists both newest first", () => {
    const rejection = decide(Ref.laren, "rejected", "2024-03-05")
    const all = [...Demo.decisions, rejection]
    const laren = CouncilDecision.history(all, { plan: Ref.plan2022.id, municipality: Ref.laren.code })
    expect(laren.map((x) => [x.outcome, x.date])).toEqual([
      ["rejected", "2024-03-05"],
      ["adopted", "2021-12-14"],
      ["postponed", "2021-11-09"],
    ])
  })

  it("of two decisions on the same day, the later recorded counts and is listed first", () => {
    const first = decide(Ref.laren, "adopted", "2024-03-05")
    const second = decide(Ref.laren, "rejected", "2024-03-05")
    const all = [...Demo.decisions, first, second]
    expect(CouncilDecision.history(all, { municipality: Ref.laren.code })[0]).toBe(second)
    expect(CouncilDecision.countsOn(all, second, d("2024-03-05"))).toBe(true)
    expect(CouncilDecision.countsOn(all, first, d("2024-03-05"))).toBe(false)
  })

  it("the adoption follows each council's latest decision: a later rejection makes Laren stand in the way", () => {
    const all = [...Demo.decisions, decide(Ref.laren, "rejected", "2024-03-05")]
    expect(PlanLifecycle.adoptionStatus(input(all), d("2024-03-04")).adopted).toBe(true)
    const after = PlanLifecycle.adoptionStatus(input(all), d("2024-03-05"))
    expect(after.adopted).toBe(false)
    expect(after.councils.find((c) => c.municipality === Ref.laren.code)?.standing).toBe("rejected")
  })

  it("loses no decision and orders any history newest first, the later recorded first on the same day", () => {
    fc.assert(
      fc.property(fc.array(A.councilDecision, { maxLength: 30 }), (decisions) => {
        const listed = CouncilDecision.history(decisions)
        expect(new Set(listed)).toEqual(new Set(decisions))
        for (let i = 1; i < listed.length; i++) {
          const [a, b] = [listed[i - 1], listed[i]] as [
            CouncilDecision.CouncilDecision,
            CouncilDecision.CouncilDecision,
          ]
          expect(a.date >= b.date).toBe(true)
          if (a.date === b.date) expect(decisions.indexOf(a)).toBeGreaterThan(decisions.indexOf(b))
        }
      }),
    )
  })

  it("exactly one decision per council and plan counts on a date: its first in the newest-first history up to then", () => {
    fc.assert(
      fc.property(fc.array(A.councilDecision, { maxLength: 30 }), A.calendarDate, (decisions, on) => {
        const counting = decisions.filter((x) => CouncilDecision.countsOn(decisions, x, on))
        const keys = counting.map((x) => `${x.plan}|${x.municipality}`)
        expect(new Set(keys).size).toBe(keys.length)
        for (const x of counting) {
          const newest = CouncilDecision.history(
            decisions.filter((y) => y.date <= on),
            { plan: x.plan, municipality: x.municipality },
          )[0]
          expect(newest).toBe(x)
        }
      }),
    )
  })
})
