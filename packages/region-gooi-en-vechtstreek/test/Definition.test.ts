import { RegionDefinition } from "@baken/domain"
import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import { definition, json } from "../src/index.js"
import * as Reference from "../src/reference/index.js"

describe("Gooi en Vechtstreek as a region definition", () => {
  it("is a valid definition of schema version 1", () => {
    expect(Result.isSuccess(RegionDefinition.decode(json))).toBe(true)
    expect(definition.version).toBe(1)
  })

  it("holds the region, its municipalities with CBS codes and membership dates as the reference data has them", () => {
    expect(definition.region).toEqual(Reference.gooiEnVechtstreek)
    expect(definition.municipalities).toEqual(Reference.municipalities)
    expect(RegionDefinition.shortNameOf(definition)).toBe("Gooi en Vechtstreek")
  })

  it("holds both plans with their kenmerken and programmes, and the partners the sources name", () => {
    expect(RegionDefinition.plansOf(definition)).toEqual(Reference.plans)
    expect(definition.plans.flatMap((p) => p.programmes ?? [])).toEqual(Reference.programmes)
    expect(definition.partners).toEqual(Reference.partners)
  })

  it("numbers its documents like 21.0008702 and refuses another region's numbering", () => {
    expect(RegionDefinition.kenmerkFits(definition, "21.0008702")).toBe(true)
    expect(RegionDefinition.kenmerkFits(definition, "ZK/2023/0412")).toBe(false)
  })
})
