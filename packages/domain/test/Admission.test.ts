import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Admission, Delivery, DeliveryRights, Observation, PersonEvent } from "../src/index.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const at = Delivery.Location.make({ file: "push.json", path: "/records/0" })
const catalogue = Admission.catalogueOf(Demo.indicators)
const context = (partner: typeof Ref.politie, adapter: string): Admission.Context => ({
  rights: DeliveryRights.defaultFor(partner, Demo.indicators),
  adapter: adapter as never,
  catalogue,
  region: Ref.gooiEnVechtstreek,
  plans: Ref.plans,
})
const zorgaanbieder = Demo.partners[0] as typeof Ref.politie
const observation = (fields: Partial<Record<keyof Observation.Observation, unknown>>) =>
  Observation.Observation.make({
    indicator: "bw-instroom",
    area: "GM0402",
    period: "2024-Q1",
    value: 12,
    source: "iwmo",
    ...fields,
  } as never)

describe("Admission", () => {
  it("admits a count of the partner's own indicator for a member municipality inside the plan", () => {
    expect(Admission.check(context(zorgaanbieder, "iwmo"))(observation({}), at)).toBeUndefined()
  })

  it("refuses the police's figures for beschermd wonen, through the police adapter or any other", () => {
    const police = context(Ref.politie, "politie")
    expect(Admission.check(police)(observation({ source: "politie" }), at)?.rule).toBe("indicator-not-allowed")
    expect(
      Admission.check(police)(observation({ source: "politie", indicator: "iwmo-toewijzingen-cat-15" }), at)?.rule,
    ).toBe("indicator-not-allowed")
    expect(DeliveryRights.allowsAdapter(police.rights, "iwmo" as never)).toBe(false)
    expect(DeliveryRights.allowsAdapter(police.rights, "observations-csv" as never)).toBe(false)
    expect(
      Admission.check(police)(observation({ source: "politie", indicator: "politie-e33-incidenten" }), at),
    ).toBeUndefined()
  })

  it("refuses a rate, which is computed from its numerator and denominator, even from the partner that delivers the numerator", () => {
    const own = context(zorgaanbieder, "iwmo")
    expect(own.rights.indicators).not.toContain("bw-instroom-per-1000")
    expect(Admission.check(own)(observation({ indicator: "bw-instroom-per-1000", value: 99 }), at)?.rule).toBe(
      "indicator-computed",
    )
  })

  it("lets a generic adapter carry only the indicators the region named for the partner", () => {
    const rights = DeliveryRights.DeliveryRights.make({
      partner: Ref.politie.id,
      adapters: ["observations-csv" as never],
      indicators: ["huisuitzettingen" as never],
    })
    const generic = { ...context(Ref.politie, "observations-csv"), rights }
    const through = (indicator: string) => observation({ indicator, source: "observations-csv" })
    expect(Admission.check(generic)(through("huisuitzettingen"), at)).toBeUndefined()
    expect(Admission.check(generic)(through("bw-instroom"), at)?.rule).toBe("indicator-not-allowed")
    expect(Admission.check(generic)(through("nergens-bekend"), at)?.rule).toBe("indicator-unknown")
  })

  it("refuses a record whose source is another adapter than the delivery's", () => {
    expect(Admission.check(context(zorgaanbieder, "iwmo"))(observation({ source: "politie" }), at)?.rule).toBe(
      "source-adapter",
    )
  })

  it("refuses Weesp after it left, an area outside the region and a period outside both plans, in Dutch", () => {
    const check = Admission.check(context(zorgaanbieder, "iwmo"))
    expect(check(observation({ area: "GM0457", period: "2023" }), at)?.rule).toBe("area-not-member")
    expect(check(observation({ area: "GM0363" }), at)?.rule).toBe("area-not-member")
    expect(check(observation({ area: "NL01" }), at)?.rule).toBe("area-not-member")
    const outside = check(observation({ period: "2021-Q2" }), at)
    expect(outside?.rule).toBe("period-outside-plan")
    expect(outside?.message.nl).toContain("valt buiten de jaren van het plan 2017-2020 of 2022-2025")
  })

  it("refuses negative, fractional and huge counts, and accepts an unknown value", () => {
    const check = Admission.check(context(zorgaanbieder, "iwmo"))
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: -1 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Number.isInteger(v)),
          fc.integer({ min: Admission.maxCount + 1 }),
        ),
        (value) => {
          const refused = check(observation({ value }), at)
          expect(refused?.rule).toBe("value")
          expect(refused?.message.nl).toMatch(/aantal/i)
        },
      ),
    )
    expect(check(observation({ value: null }), at)).toBeUndefined()
    expect(check(observation({ value: 0 }), at)).toBeUndefined()
  })

  it("refuses a person event in a municipality that was no member on its date, or far outside the plans' years", () => {
    const check = Admission.check(context(zorgaanbieder, "iwmo"))
    const event = (date: string, municipality: string) =>
      PersonEvent.PersonEvent.make({
        person: "a".repeat(64),
        kind: "support-started",
        date,
        municipality,
        source: "iwmo",
      } as never)
    expect(check(event("2024-03-01", "GM0402"), at)).toBeUndefined()
    expect(check(event("2022-06-01", "GM0457"), at)?.rule).toBe("municipality-not-member")
    // A history reaches back before the plans and a year past them, the year between the plans included.
    expect(check(event("2021-06-01", "GM0402"), at)).toBeUndefined()
    expect(check(event("2007-01-01", "GM0402"), at)).toBeUndefined()
    expect(check(event("2026-12-31", "GM0402"), at)).toBeUndefined()
    expect(check(event("2006-12-31", "GM0402"), at)?.rule).toBe("date-outside-plan")
    expect(check(event("2027-01-01", "GM0402"), at)?.rule).toBe("date-outside-plan")
  })

  it("refuses a person event of a kind its adapter does not deliver, so a generic format cannot add detentions", () => {
    const event = (kind: string, source = "template-csv") =>
      PersonEvent.PersonEvent.make({
        person: "a".repeat(64),
        kind,
        date: "2024-03-01",
        municipality: "GM0402",
        source,
      } as never)
    const template = Admission.check(context(zorgaanbieder, "template-csv"))
    expect(template(event("support-started"), at)).toBeUndefined()
    expect(template(event("detention-ended"), at)?.rule).toBe("event-kind-not-allowed")
    expect(template(event("contact-attempted"), at)?.rule).toBe("event-kind-not-allowed")
    const iwmo = Admission.check(context(zorgaanbieder, "iwmo"))
    expect(iwmo(event("detention-started", "iwmo"), at)?.rule).toBe("event-kind-not-allowed")
    expect(Admission.eventKindsOf("detentie")).toEqual(["detention-started", "detention-ended"])
  })

  it("takes no person through an adapter of counts, saying that it delivers figures only", () => {
    const at = Delivery.Location.make({ file: "p.ndjson" })
    const person = {
      person: "a".repeat(64),
      kind: "support-started",
      date: "2024-03-01",
      municipality: "GM0402",
    }
    for (const adapter of ["observations-csv", "cbs-statline", "politie", "veilig-thuis", "woningcorporatie"]) {
      const check = Admission.check(context(zorgaanbieder, adapter))
      const refused = check(PersonEvent.PersonEvent.make({ ...person, source: adapter } as never), at)
      expect(refused?.rule).toBe("event-kind-not-allowed")
      expect(refused?.message.nl).toContain(`Via adapter ${adapter} worden alleen cijfers geleverd`)
    }
  })
})
