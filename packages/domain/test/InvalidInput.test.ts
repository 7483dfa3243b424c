import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { Action, InvalidInput, Observation, Plan } from "../src/index.js"
import * as Ref from "./fixtures/reference.js"

const problems = <A>(r: Result.Result<A, InvalidInput.InvalidInput>) =>
  Result.isFailure(r) ? r.failure.problems.map((p) => `${p.field}: ${p.message}`) : []

describe("InvalidInput", () => {
  it("names every wrong field of a plan and what was expected there", () => {
    const plan = { ...Schema.encodeSync(Plan.Plan)(Ref.plan2022), kenmerk: "<21.005875>", firstYear: "2022" }
    expect(problems(InvalidInput.decode(Plan.Plan)(plan))).toEqual([
      "kenmerk: expected a kenmerk of 1 to 40 letters, digits, spaces and . / - _ : # ( ), beginning with a letter or digit",
      "firstYear: Expected number",
    ])
  })

  it("says which field is missing and what it should hold", () => {
    const { title: _, ...plan } = Schema.encodeSync(Plan.Plan)(Ref.plan2022)
    expect(problems(InvalidInput.decode(Plan.Plan)(plan))).toEqual(["title: is required (expected string)"])
  })

  it("writes the path into nested arrays the way a person reads it", () => {
    const action = {
      id: "a",
      goal: "g",
      title: "t",
      owner: "p",
      contributors: ["Not A Slug"],
      start: "2022-01-01",
      end: "2022-12-31",
      status: "done",
      weight: -1,
      milestones: [{ id: "m", title: "m", due: "2022-02-30", weight: 1 }],
    }
    expect(problems(InvalidInput.decode(Action.Action)(action))).toEqual([
      "contributors[0]: expected a slug of lower-case letters, digits and single hyphens",
      'status: Expected "planned" | "in-progress" | "completed" | "stalled" | "cancelled"',
      "weight: expected a weight of at least 0",
      "milestones[0].due: 2022-02-30 is not a day of the calendar",
    ])
  })

  it("gives a message naming the subject, for the API to show", () => {
    const r = InvalidInput.decode(
      Observation.Observation,
      "observation",
    )({ indicator: "x", area: "GM402", period: "2024", value: 1, source: "s" })
    expect(Result.isFailure(r) && r.failure.message).toBe(
      "invalid observation: area: expected a CBS region code like GM0402, NL01, VR14 or CR24",
    )
  })

  it("decodes good input unchanged", () => {
    expect(InvalidInput.decode(Plan.Plan)(Schema.encodeSync(Plan.Plan)(Ref.plan2017))).toEqual(
      Result.succeed(Ref.plan2017),
    )
  })
})
