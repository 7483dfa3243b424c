// How the dashboard writes instants: in full in a sentence or a list of facts, briefly in a table of recent ones.
import { describe, expect, it } from "vitest"
import * as Format from "../src/Format.js"

describe("instants", () => {
  it("an instant is written in full in Amsterdam time: 6 december 2026 om 10:30", () => {
    expect(Format.dateTime("2026-12-06T09:30:00.000Z")).toBe("6 december 2026 om 10:30")
  })

  it("an instant of the last day is written briefly, in Amsterdam time, summer or winter: 6 dec. 10:30", () => {
    expect(Format.shortDateTime("2026-12-06T09:30:00.000Z")).toBe("6 dec. 10:30")
    expect(Format.shortDateTime("2026-07-31T22:05:00.000Z")).toBe("1 aug. 00:05")
    // A month whose name is short already gets no abbreviation dot.
    expect(Format.shortDateTime("2026-05-06T09:30:00.000Z")).toBe("6 mei 11:30")
    expect(Format.shortDateTime("geen tijdstip")).toBe("geen tijdstip")
  })
})
