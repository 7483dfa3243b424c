import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import { Budget, CalendarDate, Ids, Membership } from "../src/index.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const d = CalendarDate.CalendarDate.make
const context = { region: Ref.gooiEnVechtstreek, municipalities: Ref.municipalities }
const entry = (code: string, value: number) =>
  new Budget.KeyEntry({ municipality: Ids.MunicipalityCode.make(code), value })
const sevenMembers = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"]
const amounts = (r: Result.Result<Budget.Allocation, Budget.CostKeyRefused>) =>
  Result.isSuccess(r) ? r.success.contributions.map((c) => [c.municipality, c.amount]) : r.failure.message

describe("Budget", () => {
  it("divides by fixed shares and gives the leftover cents to the largest remainders", () => {
    const key = Budget.FixedShares.make({
      referenceDate: d("2023-01-01"),
      shares: sevenMembers.map((c) => entry(c, 1)),
    })
    const r = Budget.allocate(Budget.Cents.make(100), key, context)
    // 100 / 7 = 14.28…: two municipalities (lowest codes on equal remainders) get 15.
    expect(amounts(r)).toEqual([
      ["GM0317", 15],
      ["GM0376", 15],
      ["GM0402", 14],
      ["GM0406", 14],
      ["GM0417", 14],
      ["GM1696", 14],
      ["GM1942", 14],
    ])
  })

  it("lets only members on the reference date pay, and reports Weesp's entry as set aside after it left", () => {
    const residents = Object.entries(Demo.residents).map(([c, n]) => entry(c, n))
    const before = Budget.allocate(
      Budget.Cents.make(1_000_000),
      Budget.PerResident.make({ referenceDate: d("2022-03-23"), residents }),
      context,
    )
    const after = Budget.allocate(
      Budget.Cents.make(1_000_000),
      Budget.PerResident.make({ referenceDate: d("2022-03-24"), residents }),
      context,
    )
    expect(Result.isSuccess(before) && before.success.contributions.map((c) => c.municipality)).toContain("GM0457")
    expect(Result.isSuccess(after) && after.success.setAside).toEqual(["GM0457"])
    expect(Result.isSuccess(after) && after.success.contributions.map((c) => c.municipality)).not.toContain("GM0457")
  })

  it("refuses a key that leaves out a member, naming it", () => {
    const key = Budget.PerResident.make({
      referenceDate: d("2023-01-01"),
      residents: sevenMembers.filter((c) => c !== "GM0417").map((c) => entry(c, 1000)),
    })
    expect(amounts(Budget.allocate(Budget.Cents.make(100), key, context))).toBe(
      "the cost key cannot be applied: Laren is a member on the reference date but not in the key",
    )
  })

  it("says in Dutch why a key is refused, for the region's officer", () => {
    const key = Budget.FixedShares.make({
      referenceDate: d("2023-01-01"),
      shares: [...sevenMembers.map((c) => entry(c, 1)), entry("GM0402", 1)],
    })
    const r = Budget.allocate(Budget.Cents.make(100), key, context)
    expect(Result.isFailure(r) && r.failure.messageNl).toBe(
      "De verdeelsleutel kan niet worden toegepast: Hilversum staat twee keer in de verdeelsleutel.",
    )
  })

  it("charges only the plan's councils when dividing a plan's budget", () => {
    const r = Budget.allocate(Budget.Cents.make(700), Demo.costKey(2022), { ...context, plan: Ref.plan2022 })
    expect(Result.isSuccess(r) && r.success.setAside).toEqual(["GM0457"])
  })

  it("always divides an amount to the cent among exactly the members on the reference date", () => {
    const codes = [
      "GM0376",
      "GM0317",
      "GM1942",
      "GM0402",
      "GM0406",
      "GM0417",
      "GM1696",
      "GM0457",
      "GM0381",
      "GM0425",
      "GM0424",
    ]
    const simple = (kind: "PerResident" | "FixedShares") =>
      fc
        .array(fc.integer({ min: 1, max: 200_000 }), { minLength: codes.length, maxLength: codes.length })
        .map((values) => values.map((v, i) => entry(codes[i] ?? "GM0000", v)))
        .map(
          (entries) => (referenceDate: CalendarDate.CalendarDate) =>
            kind === "PerResident"
              ? Budget.PerResident.make({ referenceDate, residents: entries })
              : Budget.FixedShares.make({ referenceDate, shares: entries }),
        )
    const key = fc.oneof(
      simple("PerResident"),
      simple("FixedShares"),
      fc
        .array(fc.tuple(fc.integer({ min: 1, max: 100 }), fc.oneof(simple("PerResident"), simple("FixedShares"))), {
          minLength: 1,
          maxLength: 3,
        })
        .map((parts) => (referenceDate: CalendarDate.CalendarDate): Budget.CostKey => {
          const [first, ...rest] = parts.map(([weight, k]) => new Budget.MixPart({ weight, key: k(referenceDate) }))
          return first === undefined
            ? Budget.FixedShares.make({ referenceDate, shares: [] })
            : Budget.Mix.make({ referenceDate, parts: [first, ...rest] })
        }),
    )
    const referenceDate = fc
      .constantFrom("2015-06-30", "2016-01-01", "2021-12-31", "2022-03-23", "2022-03-24", "2024-01-01")
      .map(d)
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), key, referenceDate, (amount, makeKey, date) => {
        const r = Budget.allocate(Budget.Cents.make(amount), makeKey(date), context)
        if (Result.isFailure(r)) throw r.failure
        const contributions = r.success.contributions
        expect(contributions.reduce((s, c) => s + c.amount, 0)).toBe(amount)
        expect(contributions.map((c) => c.municipality)).toEqual(Membership.membersOn(Ref.gooiEnVechtstreek, date))
        for (const c of contributions) expect(Number.isSafeInteger(c.amount)).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  it("divides every demo budget line exactly with the demo cost key", () => {
    for (const line of Demo.budget) {
      const r = Budget.allocate(line.amount, Demo.costKey(line.year), { ...context, plan: Ref.plan2022 })
      if (Result.isFailure(r)) throw r.failure
      expect(r.success.contributions.reduce((s, c) => s + c.amount, 0)).toBe(line.amount)
    }
    expect(Budget.formatEuro(Budget.total(Demo.budget.filter((l) => l.year === 2022)))).toBe("€ 13.150.000,87")
  })
})
