import { Delivery, Ids, Observation, Period, PersonEvent } from "@baken/domain"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Records } from "../src/index.js"

describe("records built from checked fields", () => {
  it("are the same observations the class constructor makes, and decode as such", () => {
    const fields = {
      indicator: Ids.IndicatorId.make("vt-meldingen"),
      area: "GM0402" as Observation.Observation["area"],
      period: Period.Period.make("2024-H1"),
      value: null,
      source: Ids.AdapterId.make("veilig-thuis"),
    }
    const fast = Records.observation(fields)
    const made = new Observation.Observation(fields)
    expect(fast).toBeInstanceOf(Observation.Observation)
    expect(fast).toEqual(made)
    expect(Reflect.ownKeys(fast)).toEqual(Reflect.ownKeys(made))
    expect(Schema.is(Delivery.AcceptedRecord)(fast)).toBe(true)
    expect(JSON.stringify(fast)).toBe(JSON.stringify(made))
  })

  it("are the same person events the class constructor makes, leaving out absent category and reason", () => {
    const fields = {
      person: "a".repeat(64) as PersonEvent.PersonEvent["person"],
      kind: "help-accepted" as const,
      date: "2024-01-22" as PersonEvent.PersonEvent["date"],
      municipality: Ids.MunicipalityCode.make("GM0402"),
      source: Ids.AdapterId.make("vroegsignalering"),
    }
    const fast = Records.personEvent({ ...fields, category: undefined, reason: "contact" })
    const made = new PersonEvent.PersonEvent({ ...fields, reason: "contact" })
    expect(fast).toBeInstanceOf(PersonEvent.PersonEvent)
    expect(fast).toEqual(made)
    expect(Reflect.ownKeys(fast)).toEqual(Reflect.ownKeys(made))
    expect("category" in fast).toBe(false)
  })
  it("carry where they were read as the same origin the class constructor makes, decoding as a person event", () => {
    const fields = {
      person: "b".repeat(64) as PersonEvent.PersonEvent["person"],
      kind: "detention-ended" as const,
      date: "2024-05-02" as PersonEvent.PersonEvent["date"],
      municipality: Ids.MunicipalityCode.make("GM0402"),
      source: Ids.AdapterId.make("detentie"),
    }
    const fast = Records.personEvent({ ...fields, origin: { file: "levering.csv", line: 7 } })
    const made = new PersonEvent.PersonEvent({
      ...fields,
      origin: new PersonEvent.Origin({ file: "levering.csv", line: 7 }),
    })
    expect(fast).toEqual(made)
    expect(fast.origin).toBeInstanceOf(PersonEvent.Origin)
    expect(Reflect.ownKeys(fast)).toEqual(Reflect.ownKeys(made))
    expect(Schema.is(Delivery.AcceptedRecord)(fast)).toBe(true)
    expect(JSON.stringify(fast)).toBe(JSON.stringify(made))
  })
})
