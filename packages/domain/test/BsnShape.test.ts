import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { BsnShape, Delivery, PersonEvent } from "../src/index.js"

describe("BsnShape", () => {
  it("lists decimal digits only, in blocks of ten from zero to nine, with ASCII and full-width digits among them", () => {
    for (const [from, to] of BsnShape.digits) {
      expect((to - from + 1) % 10).toBe(0)
      for (let cp = from; cp <= to; cp++) expect(String.fromCodePoint(cp)).toMatch(/^\p{Nd}$/u)
      expect(BsnShape.digitValue(from)).toBe(0)
      expect(BsnShape.digitValue(to)).toBe(9)
    }
    expect(BsnShape.asciiDigits("0123456789 ０１２ ٣ 𝟗 x")).toBe("012345678901239")
  })

  it("separates groups with no character that also counts as a digit or a mark", () => {
    const has = (ranges: ReadonlyArray<BsnShape.Range>, cp: number) => ranges.some(([a, b]) => a <= cp && cp <= b)
    for (const [from, to] of [...BsnShape.separators, ...BsnShape.marks]) {
      for (let cp = from; cp <= to; cp++) expect(BsnShape.digitValue(cp)).toBe(-1)
    }
    for (const [from, to] of BsnShape.separators) {
      for (let cp = from; cp <= to; cp++) expect(has(BsnShape.marks, cp)).toBe(false)
    }
  })

  it("refuses in the database guard only what the JavaScript shape finds, and never next to a letter", () => {
    const soup = fc.string({
      unit: fc.constantFrom("9", "0", "1", "\uff19", " ", ".", "-", "_", "\u200b", "a", "Z", "/"),
      maxLength: 40,
    })
    fc.assert(
      fc.property(soup, (text) => {
        if (BsnShape.refusedByGuard(text)) expect(BsnShape.occursIn(text)).toBe(true)
        expect(BsnShape.refusedByGuard(`a${text.replace(BsnShape.regExp(), "*********")}`)).toBe(false)
      }),
      { numRuns: 3000 },
    )
    expect(BsnShape.refusedByGuard("a999900006")).toBe(false)
    expect(BsnShape.occursIn("a999900006")).toBe(true)
  })
})

describe("the iWmo allocation key", () => {
  it("never holds a BSN-shaped run, for any ToewijzingNummer and AGB code", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99_999_999 }), (n, agb) => {
        const key = PersonEvent.allocationKey(String(n), String(agb).padStart(8, "0"))
        expect(BsnShape.occursIn(key)).toBe(false)
        expect(PersonEvent.canonicalAllocation(key)).toBe(key)
      }),
    )
  })
})

describe("a rejection a partner's own adapter reported", () => {
  it("keeps no rule, field or code with BSN-shaped digits in it", () => {
    const rejection = Delivery.Rejection.make({
      location: Delivery.Location.make({ file: "x.csv", line: 3 }),
      rule: "kolom-999-900-006",
      field: "bsn_999_900_006",
      code: "999900006",
      message: Delivery.Message.make({ nl: "-", en: "-" }),
    })
    const kept = Delivery.reported(rejection, "levering.csv")
    expect([kept.rule, kept.field, kept.code]).toEqual(["onbekende-regel", undefined, undefined])
    expect(Delivery.reported({ ...rejection, rule: "bsn-format", field: "bsn", code: "8001" }, "x").rule).toBe(
      "bsn-format",
    )
  })
})
