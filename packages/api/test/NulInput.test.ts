// Text with a NUL character cannot be stored in PostgreSQL: the API refuses it as a bad input naming the field,
// instead of letting the database fail and answering as if the database were down.
import { Plan } from "@baken/domain"
import { plan2022 } from "@baken/region-gooi-en-vechtstreek/reference"
import { TRPCError } from "@trpc/server"
import { Schema } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { fieldWithNul } from "../src/Trpc.js"
import { callerFor, callers, makeRuntime } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

describe("text with a NUL character", () => {
  it("is refused with BAD_REQUEST naming the field, and nothing is stored", async () => {
    const region = callerFor(runtime, callers.region)
    // A plain object: the domain's Plan refuses to be made with a NUL, so only a client could send one.
    const plan = {
      ...Schema.encodeSync(Plan.Plan)(plan2022),
      id: "test-nul-plan",
      title: "Herstel\u0000 de verbinding",
    }
    const error = await region.plan.create(plan as never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCError)
    expect((error as TRPCError).code).toBe("BAD_REQUEST")
    expect((error as TRPCError).message).toBe("input.title: expected text without a NUL character")
    expect((await region.plan.list()).map((p) => p.id)).not.toContain("test-nul-plan")
  })

  it("is found in nested fields and keys, and ordinary text passes", () => {
    expect(fieldWithNul({ parts: [{ name: "a" }, { name: "b\u0000" }] })).toBe("input.parts.1.name")
    expect(fieldWithNul({ "x\u0000": 1 })).toBe("input")
    expect(fieldWithNul({ title: "Herstel de verbinding", years: [2022, 2025] })).toBeUndefined()
  })
})
