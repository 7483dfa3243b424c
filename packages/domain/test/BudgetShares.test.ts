import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import { Budget, CalendarDate, Plan } from "../src/index.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const d = CalendarDate.CalendarDate.make
const context = { region: Ref.gooiEnVechtstreek, municipalities: Ref.municipalities, plan: Ref.plan2022 }
const shares = (keyOf: (year: number) => Budget.CostKey) => {
  const r = Budget.sharesPerYear(Demo.budget, keyOf, context)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

describe("the pooled budget's shares per municipality", () => {
  it("charges Weesp nothing for the 2022-2025 plan, though Weesp was a member on the key's reference date", () => {
    const years = shares(() => Demo.costKey(2022))
    expect(years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025])
    for (const y of years) {
      expect(y.contributions.map((c) => c.municipality)).not.toContain(Ref.weesp.code)
      expect(y.contributions).toHaveLength(7)
      expect(y.setAside).toEqual([Ref.weesp.code])
      expect(y.contributions.reduce((sum, c) => sum + c.amount, 0)).toBe(y.total)
    }
  })

  it("divides each year's own total, and says the key in Dutch with a Dutch reference date", () => {
    const [first] = shares(Demo.costKey)
    expect(first?.total).toBe(Budget.total(Demo.budget.filter((l) => l.year === 2022)))
    expect(first?.keyNl).toBe("80 delen naar inwonertal en 20 delen in gelijke delen (peildatum 1 januari 2022)")
  })

  it("writes simple keys in Dutch too", () => {
    const entries = [new Budget.KeyEntry({ municipality: Ref.huizen.code, value: 3 })]
    expect(Budget.keyNl(Budget.PerResident.make({ referenceDate: d("2024-01-01"), residents: entries }))).toBe(
      "naar inwonertal (peildatum 1 januari 2024)",
    )
    expect(
      Budget.keyNl(
        Budget.FixedShares.make({
          referenceDate: d("2024-01-01"),
          shares: [...entries, new Budget.KeyEntry({ municipality: Ref.laren.code, value: 5 })],
        }),
      ),
    ).toBe("naar vaste aandelen (peildatum 1 januari 2024)")
  })

  it("refuses a key that leaves out one of the plan's councils, naming it, instead of leaving a gap", () => {
    const withoutHuizen = Budget.FixedShares.make({
      referenceDate: d("2023-01-01"),
      shares:
        context.plan.councils
          ?.filter((c) => c !== Ref.huizen.code)
          .map((municipality) => new Budget.KeyEntry({ municipality, value: 1 })) ?? [],
    })
    const r = Budget.sharesPerYear(Demo.budget, () => withoutHuizen, context)
    expect(Result.isFailure(r) && r.failure.message).toContain("Huizen")
  })

  it("charges only the plan's councils that are members on the reference date, to the cent, for any amounts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e10 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom("2021-06-01", "2022-01-01", "2022-03-24", "2025-01-01"),
        (amounts, reference) => {
          const lines = amounts.map(
            (amount, i) =>
              new Budget.BudgetLine({
                plan: Ref.plan2022.id,
                programme: Ref.preventieEnPerspectief.id,
                year: 2022 + (i % 4),
                description: "TEST",
                amount: Budget.Cents.make(amount),
              }),
          )
          const key = Budget.FixedShares.make({
            referenceDate: d(reference),
            shares: Ref.municipalities.map((m) => new Budget.KeyEntry({ municipality: m.code, value: 1 })),
          })
          const r = Budget.sharesPerYear(lines, () => key, context)
          if (Result.isFailure(r)) throw new Error(r.failure.message)
          const councils = Plan.councilsOn(Ref.plan2022, Ref.gooiEnVechtstreek, d(reference))
          for (const y of r.success) {
            expect(y.contributions.map((c) => c.municipality)).toEqual(councils)
            expect(y.contributions.reduce((sum, c) => sum + c.amount, 0)).toBe(y.total)
          }
        },
      ),
    )
  })
})
