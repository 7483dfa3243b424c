import { describe, expect, it } from "@effect/vitest"
import { Option, Result, Schema } from "effect"
import { CalendarDate, CouncilDecision, Plan, PlanLifecycle } from "../src/index.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const d = CalendarDate.CalendarDate.make
const input = (decisions: ReadonlyArray<CouncilDecision.CouncilDecision>, plan = Ref.plan2022) => ({
  plan,
  region: Ref.gooiEnVechtstreek,
  municipalities: Ref.municipalities,
  decisions,
})
const released = PlanLifecycle.Released.make({ releasedOn: d("2021-10-12") })

const refusal = (r: Result.Result<PlanLifecycle.Status, PlanLifecycle.PlanTransitionRefused>) => {
  if (Result.isSuccess(r)) throw new Error(`expected a refusal, got ${r.success._tag}`)
  return r.failure
}

describe("PlanLifecycle", () => {
  it("refuses adoption while a council has not decided, saying which: Laren has not decided yet", () => {
    const withoutLaren = Demo.decisions.filter((x) => x.municipality !== Ref.laren.code)
    const error = refusal(PlanLifecycle.adopt(released, input(withoutLaren), d("2021-12-20")))
    expect(error.message).toBe("bo-2022-2025 cannot be adopted: Laren has not decided yet")
    expect(error.messageNl).toBe("bo-2022-2025 kan niet worden vastgesteld: Laren heeft nog niet besloten")
  })

  it("names every council that stands in the way, with its postponement", () => {
    const error = refusal(PlanLifecycle.adopt(released, input(Demo.decisions), d("2021-11-30")))
    expect(error.reasons.map(PlanLifecycle.describe)).toEqual([
      "Eemnes has not decided yet",
      "Laren postponed its decision on 2021-11-09",
    ])
  })

  it("names a council that rejected the plan", () => {
    const rejected = [
      ...Demo.decisions,
      new CouncilDecision.CouncilDecision({
        plan: Ref.plan2022.id,
        municipality: Ref.huizen.code,
        outcome: "rejected",
        date: d("2021-12-15"),
      }),
    ]
    const error = refusal(PlanLifecycle.adopt(released, input(rejected), d("2021-12-20")))
    expect(error.message).toContain("Huizen rejected the plan on 2021-12-15")
  })

  it("adopts when every council that decides on the plan has adopted, amendments included", () => {
    const r = PlanLifecycle.adopt(released, input(Demo.decisions), d("2021-12-14"))
    expect(r).toEqual(
      Result.succeed(PlanLifecycle.Adopted.make({ releasedOn: d("2021-10-12"), adoptedOn: d("2021-12-14") })),
    )
    expect(PlanLifecycle.adoptionDate(input(Demo.decisions))).toEqual(Option.some(d("2021-12-14")))
  })

  it("does not ask Weesp to adopt the 2022-2025 plan, which was not put to its council", () => {
    const status = PlanLifecycle.adoptionStatus(input(Demo.decisions), d("2021-12-23"))
    expect(status.councils.map((c) => c.name)).not.toContain("Weesp")
    expect(status.adopted).toBe(true)
  })

  it("asks only the members on the adoption date when a plan names no councils", () => {
    const { councils: _, ...open } = Schema.encodeSync(Plan.Plan)(Ref.plan2022)
    const plan = Schema.decodeUnknownSync(Plan.Plan)(open)
    expect(plan.councils).toBeUndefined()
    const decisions = Demo.decisions
    expect(PlanLifecycle.adoptionStatus(input(decisions, plan), d("2022-03-23")).councils.map((c) => c.name)).toContain(
      "Weesp",
    )
    expect(PlanLifecycle.adoptionStatus(input(decisions, plan), d("2022-03-24")).adopted).toBe(true)
    expect(PlanLifecycle.adoptionStatus(input(decisions, plan), d("2022-03-23")).adopted).toBe(false)
  })

  it("walks the whole lifecycle from draft to superseded", () => {
    const plan = Ref.plan2022.id
    const steps = Result.gen(function* () {
      const r = yield* PlanLifecycle.release(plan, PlanLifecycle.Draft.make({}), d("2021-10-12"))
      const a = yield* PlanLifecycle.adopt(r, input(Demo.decisions), d("2021-12-14"))
      const e = yield* PlanLifecycle.startExecution(plan, a, d("2022-01-01"))
      const v = yield* PlanLifecycle.evaluate(plan, e, d("2025-06-30"))
      return yield* PlanLifecycle.supersede(plan, v, Ref.plan2017.id, d("2026-01-01"))
    })
    expect(Result.isSuccess(steps) && steps.success._tag).toBe("Superseded")
  })

  it("refuses illegal transitions with a sentence that says why", () => {
    const plan = Ref.plan2022.id
    expect(refusal(PlanLifecycle.release(plan, released, d("2021-10-13"))).message).toBe(
      "bo-2022-2025 cannot be released: a plan that is released cannot be released",
    )
    expect(refusal(PlanLifecycle.evaluate(plan, released, d("2022-01-01"))).message).toContain(
      "a plan that is released cannot be evaluated",
    )
    expect(refusal(PlanLifecycle.adopt(released, input(Demo.decisions), d("2021-01-01"))).message).toContain(
      "the plan cannot be adopted on 2021-01-01, before the previous step on 2021-10-12",
    )
    const running = PlanLifecycle.InExecution.make({
      releasedOn: d("2021-10-12"),
      adoptedOn: d("2021-12-14"),
      executionFrom: d("2022-01-01"),
    })
    expect(refusal(PlanLifecycle.supersede(plan, running, plan, d("2026-01-01"))).message).toContain(
      "a plan cannot supersede itself",
    )
  })

  it("encodes a refusal for the API and decodes it back with its reasons", () => {
    const error = refusal(PlanLifecycle.adopt(released, input([]), d("2021-12-20")))
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(PlanLifecycle.PlanTransitionRefused)(error)))
    const back = Schema.decodeUnknownSync(PlanLifecycle.PlanTransitionRefused)(json)
    expect(back.reasons).toHaveLength(7)
    expect(back.message).toContain("Blaricum has not decided yet")
  })
})
