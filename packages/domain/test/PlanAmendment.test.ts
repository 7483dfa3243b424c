import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { CalendarDate, Ids, Period, PlanAmendment, PlanLifecycle } from "../src/index.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const d = CalendarDate.CalendarDate.make
const p = Period.Period.make
const i = Ids.IndicatorId.make
const today = d("2024-06-01")
const state: PlanAmendment.State = {
  plan: Ref.plan2022,
  status: Demo.status,
  indicators: Demo.indicators,
  targets: Demo.targets,
  amendments: [],
}
const request = (changes: PlanAmendment.Request["changes"], date = d("2024-03-01")): PlanAmendment.Request => ({
  plan: Ref.plan2022.id,
  date,
  reason: "De raad wil minder huisuitzettingen in 2025.",
  changes,
})
const accepted = (r: Result.Result<PlanAmendment.Applied, PlanAmendment.AmendmentRefused>) => {
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const refused = (r: Result.Result<PlanAmendment.Applied, PlanAmendment.AmendmentRefused>) => {
  if (Result.isSuccess(r)) throw new Error("expected a refusal")
  return r.failure
}

describe("PlanAmendment", () => {
  it("changes a target's value and keeps what it was", () => {
    const applied = accepted(
      PlanAmendment.apply(
        state,
        request([{ _tag: "TargetChange", indicator: i("huisuitzettingen"), period: p("2025"), value: 15 }]),
        today,
      ),
    )
    expect(applied.amendment.number).toBe(1)
    expect(applied.amendment.differences).toEqual([
      { _tag: "TargetValue", indicator: "huisuitzettingen", period: "2025", from: 20, to: 15 },
    ])
    expect(applied.targets).toHaveLength(1)
    expect(applied.targets[0]).toMatchObject({ value: 15, baseline: { period: "2021", value: 44 } })
    expect(PlanAmendment.describeNl(applied.amendment.differences[0])).toBe(
      "streefwaarde van huisuitzettingen voor 2025: 20 → 15",
    )
  })

  it("renames an indicator, adds a target, and numbers the next amendment after the last", () => {
    const first = accepted(
      PlanAmendment.apply(
        state,
        request([
          { _tag: "IndicatorChange", indicator: i("wachttijd-bw"), name: "Wachttijd tot plaatsing in beschermd wonen" },
          { _tag: "TargetAdded", indicator: i("wachttijd-bw"), period: p("2024"), value: 40 },
        ]),
        today,
      ),
    )
    expect(first.amendment.differences.map((x) => x._tag)).toEqual(["IndicatorName", "TargetValue"])
    expect(first.indicators[0]?.name).toBe("Wachttijd tot plaatsing in beschermd wonen")
    const second = accepted(
      PlanAmendment.apply(
        { ...state, amendments: [first.amendment] },
        request(
          [{ _tag: "TargetChange", indicator: i("mo-instroom"), period: p("2025"), value: 140 }],
          d("2024-04-01"),
        ),
        today,
      ),
    )
    expect(second.amendment.number).toBe(2)
  })

  it("refuses a plan that is not in execution, in Dutch", () => {
    const error = refused(
      PlanAmendment.apply(
        { ...state, status: PlanLifecycle.Released.make({ releasedOn: d("2021-10-12") }) },
        request([{ _tag: "TargetChange", indicator: i("huisuitzettingen"), period: p("2025"), value: 15 }]),
        today,
      ),
    )
    expect(error.message).toBe(
      "De wijziging van plan bo-2022-2025 is geweigerd: alleen een plan in uitvoering kan worden gewijzigd; dit plan is vrijgegeven aan de raden.",
    )
  })

  it("refuses a date before the plan's adoption and a date in the future, with Dutch dates", () => {
    const change = { _tag: "TargetChange", indicator: i("huisuitzettingen"), period: p("2025"), value: 15 } as const
    expect(refused(PlanAmendment.apply(state, request([change], d("2021-12-01")), today)).message).toContain(
      "de datum 1 december 2021 ligt vóór de vaststelling van het plan op 14 december 2021",
    )
    expect(refused(PlanAmendment.apply(state, request([change], d("2024-06-02")), today)).message).toContain(
      "de datum 2 juni 2024 ligt in de toekomst (vandaag is het 1 juni 2024)",
    )
  })

  it("refuses to change a target after its period is over, and a value no target can have", () => {
    const late = { _tag: "TargetChange", indicator: i("huisuitzettingen"), period: p("2023"), value: 15 } as const
    expect(refused(PlanAmendment.apply(state, request([late], d("2024-05-01")), today)).message).toContain(
      "de periode 2023 was op 1 mei 2024 al voorbij; een streefwaarde wordt niet achteraf gewijzigd",
    )
    for (const value of [-5, 1e308, Number.POSITIVE_INFINITY]) {
      const change = { _tag: "TargetChange", indicator: i("huisuitzettingen"), period: p("2025"), value } as const
      expect(refused(PlanAmendment.apply(state, request([change], d("2024-05-01")), today)).message).toContain(
        "kan geen streefwaarde zijn: een streefwaarde ligt tussen 0 en 1 miljard",
      )
    }
  })

  it("names every change that is wrong, by its number", () => {
    const error = refused(
      PlanAmendment.apply(
        state,
        request([
          { _tag: "TargetChange", indicator: i("bestaat-niet"), period: p("2025"), value: 1 },
          { _tag: "TargetChange", indicator: i("huisuitzettingen"), period: p("2024"), value: 1 },
          { _tag: "TargetAdded", indicator: i("huisuitzettingen"), period: p("2025"), value: 1 },
          { _tag: "TargetAdded", indicator: i("huisuitzettingen"), period: p("2026"), value: 1 },
          { _tag: "TargetChange", indicator: i("huisuitzettingen"), period: p("2025"), value: 20 },
          { _tag: "IndicatorChange", indicator: i("huisuitzettingen") },
        ]),
        today,
      ),
    )
    expect(error.reasons.map((r) => [r.change, r.refusal._tag])).toEqual([
      [1, "UnknownIndicator"],
      [2, "UnknownTarget"],
      [3, "TargetExists"],
      [4, "OutsidePlan"],
      [5, "Unchanged"],
      [6, "NothingToChange"],
    ])
    expect(error.message).toContain(
      "wijziging 4: de periode 2026 valt buiten de jaren van het plan (2022 tot en met 2025)",
    )
  })

  it("refuses an amendment dated before the previous one", () => {
    const first = accepted(
      PlanAmendment.apply(
        state,
        request([{ _tag: "TargetChange", indicator: i("huisuitzettingen"), period: p("2025"), value: 15 }]),
        today,
      ),
    )
    const error = refused(
      PlanAmendment.apply(
        { ...state, amendments: [first.amendment] },
        request(
          [{ _tag: "TargetChange", indicator: i("huisuitzettingen"), period: p("2025"), value: 10 }],
          d("2024-02-01"),
        ),
        today,
      ),
    )
    expect(error.message).toContain("ligt vóór de vorige wijziging van het plan op 1 maart 2024")
  })

  it("refuses a blank reason and one longer than the limit, in Dutch", () => {
    const decode = Schema.decodeUnknownResult(PlanAmendment.Reason)
    const blank = decode("   ")
    expect(Result.isFailure(blank) && blank.failure.message).toContain("verwacht de reden van de wijziging")
    expect(Result.isFailure(decode("x".repeat(PlanAmendment.reasonMax + 1)))).toBe(true)
    expect(Result.isSuccess(decode("x".repeat(PlanAmendment.reasonMax)))).toBe(true)
  })

  it("refuses a direct edit of a plan in execution in Dutch, pointing to an amendment", () => {
    expect(PlanAmendment.editRefusedNl("bo-2022-2025", "InExecution")).toBe(
      "Plan bo-2022-2025 is in uitvoering en kan niet meer rechtstreeks worden bewerkt. Leg een wijziging vast met een datum en een reden; alleen indicatoren en streefwaarden kunnen worden gewijzigd.",
    )
  })

  it("lists a plan's amendments newest first", () => {
    const a = (number: number, date: string) =>
      new PlanAmendment.Amendment({
        plan: Ref.plan2022.id,
        number,
        date: d(date),
        reason: "reden",
        differences: [{ _tag: "IndicatorName", indicator: i("x"), from: "a", to: "b" }],
      })
    const other = new PlanAmendment.Amendment({ ...a(9, "2030-01-01"), plan: Ref.plan2017.id })
    expect(
      PlanAmendment.newestFirst(
        [a(1, "2023-01-01"), a(3, "2024-01-01"), a(2, "2024-01-01"), other],
        Ref.plan2022.id,
      ).map((x) => x.number),
    ).toEqual([3, 2, 1])
  })

  it("reads the plan as it stood before any series of amendments, and as it stands after them", () => {
    const targeted = Demo.targets.map((t) => ({ indicator: t.indicator, period: t.period }))
    const change = fc.oneof(
      fc
        .tuple(fc.constantFrom(...targeted), fc.integer({ min: 0, max: 1000 }))
        .map(([t, value]) => ({ _tag: "TargetChange" as const, ...t, value })),
      fc
        .tuple(
          fc.constantFrom(...Demo.indicators.map((x) => x.id)),
          fc.constantFrom(p("2022"), p("2023-Q2"), p("2024-H1")),
          fc.integer({ min: 0, max: 1000 }),
        )
        .map(([indicator, period, value]) => ({ _tag: "TargetAdded" as const, indicator, period, value })),
      fc
        .tuple(fc.constantFrom(...Demo.indicators.map((x) => x.id)), fc.stringMatching(/^[A-Za-z ]{1,20}$/))
        .map(([indicator, name]) => ({ _tag: "IndicatorChange" as const, indicator, name: `${name}.` })),
    )
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 8 }), (changes) => {
        let current: PlanAmendment.State = state
        const dates: Array<CalendarDate.CalendarDate> = []
        changes.forEach((c, n) => {
          const date = CalendarDate.addDays(d("2023-01-01"), n * 10)
          const r = PlanAmendment.apply(current, request([c], date), today)
          if (Result.isFailure(r)) return
          const { amendment, indicators, targets } = r.success
          const replace = <T>(all: ReadonlyArray<T>, next: ReadonlyArray<T>, key: (x: T) => string) => [
            ...all.filter((x) => !next.some((y) => key(y) === key(x))),
            ...next,
          ]
          current = {
            ...current,
            indicators: replace(current.indicators, indicators, (x) => x.id),
            targets: replace(current.targets, targets, (t) => `${t.indicator}/${t.period}`),
            amendments: [...current.amendments, amendment],
          }
          dates.push(date)
        })
        const sort = <T>(xs: ReadonlyArray<T>, key: (x: T) => string) =>
          [...xs].sort((a, b) => key(a).localeCompare(key(b)))
        const before = PlanAmendment.asOn(current, current.amendments, d("2022-12-31"))
        expect(sort(before.indicators, (x) => x.id)).toEqual(sort(state.indicators, (x) => x.id))
        expect(sort(before.targets, (t) => `${t.indicator}/${t.period}`)).toEqual(
          sort(state.targets, (t) => `${t.indicator}/${t.period}`),
        )
        const now = PlanAmendment.asOn(current, current.amendments, today)
        expect(now.targets).toHaveLength(current.targets.length)
      }),
      { numRuns: 200 },
    )
  })
})
