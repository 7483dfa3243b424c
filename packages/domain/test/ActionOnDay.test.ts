import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Action, CalendarDate } from "../src/index.js"
import * as A from "./arbitraries.js"

const d = CalendarDate.CalendarDate.make
const action = (status: Action.Status) =>
  new Action.Action({
    id: "test-actie" as never,
    goal: "test-doel" as never,
    title: "TEST actie",
    owner: "test-partner" as never,
    contributors: [],
    start: d("2022-03-01"),
    end: d("2024-12-31"),
    status,
    weight: 1 as never,
    milestones: [],
  })

describe("an action's status on a day", () => {
  it("is not 'gepland' once an action planned to end in 2024 is past its end: it has expired", () => {
    const on = Action.describeOn(action("planned"), d("2025-02-01"))
    expect(on.status).toBe("expired")
    expect(on.labelNl).toBe("verlopen")
    expect(on.sentenceNl).toBe(
      "De einddatum (31 december 2024) is voorbij; de actie is niet als begonnen of afgerond gemeld.",
    )
  })

  it("is planned before its start, and running once its start has come", () => {
    expect(Action.statusOn(action("planned"), d("2022-02-28"))).toBe("planned")
    expect(Action.describeOn(action("planned"), d("2022-02-28")).sentenceNl).toBe(
      "Gepland van 1 maart 2022 tot en met 31 december 2024.",
    )
    expect(Action.describeOn(action("planned"), d("2022-03-01")).labelNl).toBe("loopt")
    expect(Action.statusOn(action("planned"), d("2024-12-31"))).toBe("running")
  })

  it("is overdue when still in progress after its end date", () => {
    expect(Action.statusOn(action("in-progress"), d("2024-12-31"))).toBe("running")
    const on = Action.describeOn(action("in-progress"), d("2025-01-01"))
    expect([on.status, on.labelNl]).toEqual(["overdue", "over tijd"])
  })

  it("keeps completed, cancelled and stalled as recorded", () => {
    for (const status of ["completed", "cancelled", "stalled"] as const) {
      expect(Action.statusOn(action(status), d("2030-01-01"))).toBe(status)
    }
    expect(Action.describeOn(action("stalled"), d("2030-01-01")).sentenceNl).toContain("voorbij")
  })

  it("never calls any action 'gepland' after its end date, and writes no ISO date", () => {
    fc.assert(
      fc.property(A.action, A.calendarDate, (a, day) => {
        const on = Action.describeOn(a, day)
        if (day > a.end) expect(["planned", "running"]).not.toContain(on.status)
        if (on.status === "planned") expect(day < a.start).toBe(true)
        expect(on.labelNl).toBe(Action.dayStatusNl[on.status])
        expect(on.sentenceNl).not.toMatch(/\d{4}-\d{2}-\d{2}/)
      }),
    )
  })
})
