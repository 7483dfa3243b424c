import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Bsn from "../src/Bsn.js"
import { testBsn } from "./arbitraries.js"

describe("Bsn", () => {
  it("accepts the published test BSNs 999900006 and 999900018", () => {
    expect(Bsn.isValid("999900006")).toBe(true)
    expect(Bsn.isValid("999900018")).toBe(true)
  })

  it("refuses values that are not nine digits, and all zeros", () => {
    for (const value of ["", "99990000", "9999000060", "99990000a", " 999900006", "000000000"]) {
      expect(Bsn.isValid(value), value).toBe(false)
    }
    expect(Bsn.problem("12345")).toBe("format")
  })

  it("catches every change of a single digit with the eleven-test", () => {
    fc.assert(
      fc.property(testBsn, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (bsn, at, delta) => {
        const digit = (Number(bsn[at]) + delta) % 10
        const changed = `${bsn.slice(0, at)}${digit}${bsn.slice(at + 1)}`
        return Bsn.problem(changed) === "eleven-test"
      }),
    )
  })

  it("finds and redacts a BSN written in groups with dots, spaces or hyphens, but not a date", () => {
    expect(Bsn.find("client 999.900.006.csv")).toEqual(["999.900.006"])
    expect(Bsn.redact("9999 00 006 en 999-900-006")).toBe("********* en *********")
    expect(Bsn.find("2024-03-15 en 035-123-4567")).toEqual([])
  })

  it("redacts standalone runs of nine digits but leaves longer and shorter numbers alone", () => {
    expect(Bsn.redact("client-999900006.xml")).toBe("client-*********.xml")
    expect(Bsn.redact("id 123456789012 and 12345678")).toBe("id 123456789012 and 12345678")
    expect(Bsn.find("a 999900006 b 999900018 c 1234567890")).toEqual(["999900006", "999900018"])
  })
})
