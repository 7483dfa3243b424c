import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { CalendarDate, CouncilDecision, PlanLifecycle } from "../src/index.js"
import * as A from "./arbitraries.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const d = CalendarDate.CalendarDate.make
const input = (
  status: PlanLifecycle.Status,
  decisions: ReadonlyArray<CouncilDecision.CouncilDecision> = Demo.decisions,
) => ({ plan: Ref.plan2022, region: Ref.gooiEnVechtstreek, municipalities: Ref.municipalities, decisions, status })
const rejectedByLaren = new CouncilDecision.CouncilDecision({
  plan: Ref.plan2022.id,
  municipality: Ref.laren.code,
  outcome: "rejected",
  date: d("2024-03-05"),
})

describe("the plan's status in Dutch", () => {
  it("says adopted by all 7 councils, with the date in Dutch, while every council's latest decision adopts", () => {
    const sentence = PlanLifecycle.statusNl(input(Demo.status), d("2024-01-10"))
    expect(sentence).toBe(
      "In uitvoering genomen op 1 januari 2022. Vastgesteld door alle 7 gemeenteraden; het laatste besluit was op 14 december 2021. Het plan loopt van 2022 tot en met 2025.",
    )
    expect(PlanLifecycle.stageNl(Ref.plan2022, Demo.status, d("2024-01-10"))).toBe("In uitvoering")
  })

  it("no longer says adopted by all 7 once Laren's latest decision rejects the plan, and names it", () => {
    const sentence = PlanLifecycle.statusNl(input(Demo.status, [...Demo.decisions, rejectedByLaren]), d("2024-06-01"))
    expect(sentence).not.toContain("alle 7")
    expect(sentence).toContain("6 van de 7 gemeenteraden")
    expect(sentence).toContain("Laren heeft het plan op 5 maart 2024 verworpen")
  })

  it("says a plan past its last year is over, and labels it so", () => {
    const sentence = PlanLifecycle.statusNl(input(Demo.status), d("2026-12-06"))
    expect(sentence).toContain("Het plan liep van 2022 tot en met 2025 en is afgelopen.")
    expect(PlanLifecycle.stageNl(Ref.plan2022, Demo.status, d("2026-12-06"))).toBe("Afgelopen")
    expect(PlanLifecycle.statusNl(input(Demo.status), d("2025-12-31"))).toContain(
      "Het plan loopt van 2022 tot en met 2025.",
    )
  })

  it("names what is still open for a released plan, with Dutch dates", () => {
    const released = PlanLifecycle.Released.make({ releasedOn: d("2021-10-12") })
    const sentence = PlanLifecycle.statusNl(input(released), d("2021-11-20"))
    expect(sentence).toContain("Op 12 oktober 2021 aan de gemeenteraden voorgelegd; 4 van de 7 gemeenteraden hebben")
    expect(sentence).toContain("Laren heeft het besluit op 9 november 2021 aangehouden")
    expect(sentence).toContain("Eemnes heeft nog niet besloten")
    expect(sentence).toContain("begint op 1 januari 2022")
  })

  it("never writes an ISO date in its prose, whatever the status, decisions and day", () => {
    fc.assert(
      fc.property(
        A.planStatus,
        fc.array(A.councilDecision, { maxLength: 12 }),
        A.calendarDate,
        (status, decisions, on) => {
          const sentence = PlanLifecycle.statusNl(input(status, decisions), on)
          expect(sentence).not.toMatch(/\d{4}-\d{2}-\d{2}/)
          expect(sentence.length).toBeGreaterThan(0)
        },
      ),
    )
  })

  it("says 'alle 7' only when all 7 councils' latest decisions adopt", () => {
    const laren = (outcome: CouncilDecision.Outcome, date: string) =>
      new CouncilDecision.CouncilDecision({
        plan: Ref.plan2022.id,
        municipality: Ref.laren.code,
        outcome,
        date: d(date),
      })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(A.outcome, fc.constantFrom("2023-01-01", "2023-06-01", "2024-01-01")), { maxLength: 5 }),
        (later) => {
          const decisions = [...Demo.decisions, ...later.map(([o, date]) => laren(o, date))]
          const on = d("2024-06-01")
          const all = PlanLifecycle.adoptionStatus(input(Demo.status, decisions), on).adopted
          expect(PlanLifecycle.statusNl(input(Demo.status, decisions), on).includes("alle 7")).toBe(all)
        },
      ),
    )
  })
})
