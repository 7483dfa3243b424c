import { describe, expect, it } from "vitest"
import * as Item from "../src/Item.js"

const at = (location: Item.RejectionInput["location"]) =>
  Item.rejection({ location, rule: "test-rule", nl: "TEST", en: "TEST" })

describe("a rejection that refuses the file as a whole", () => {
  it("is one that names no place in the file, or the whole file's path", () => {
    expect(Item.refusesFile(at({ file: "" }))).toBe(true)
    expect(Item.refusesFile(at({ file: "levering.csv" }))).toBe(true)
    expect(Item.refusesFile(at({ file: "levering.csv", path: Item.wholeFile }))).toBe(true)
    expect(Item.refusesFile(at({ file: "levering.csv", line: 1, column: 3, path: Item.wholeFile }))).toBe(true)
  })

  it("is not one about a row or an element", () => {
    expect(Item.refusesFile(at({ file: "levering.csv", line: 4, column: 1 }))).toBe(false)
    expect(Item.refusesFile(at({ file: "bericht.xml", line: 1, path: "/Bericht/Client/Bsn" }))).toBe(false)
    expect(Item.refusesFile(at({ file: "bericht.xml", message: "REF-1" }))).toBe(false)
  })
})
