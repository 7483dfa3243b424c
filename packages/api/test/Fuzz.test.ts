import { TRPCError } from "@trpc/server"
import fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import { procedurePaths } from "../src/Router.js"
import { callerFor, callers, makeRuntime } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

// Values that look like the domain's (ids, codes, periods, dates) mixed with anything JSON can carry.
const plausible = fc.oneof(
  fc.constantFrom(
    "bo-2022-2025",
    "GM0402",
    "GM9999",
    "2024-Q1",
    "2024-13",
    "2022-02-30",
    "demo-zorgaanbieder",
    "999900006",
    "",
    "a".repeat(300),
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
)
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    plausible,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie("value"), { maxKeys: 5 }),
  ),
})).value
const keys = [
  "plan",
  "on",
  "partner",
  "municipality",
  "indicators",
  "periods",
  "indicator",
  "sourceHash",
  "id",
  "audience",
  "label",
  "days",
  "date",
  "outcome",
  "adapter",
  "records",
  "rejections",
]
const shaped = fc.dictionary(fc.constantFrom(...keys), json, { maxKeys: 6 })

describe("every procedure under generated input", () => {
  for (const path of procedurePaths()) {
    it(`${path} never answers with an internal error`, async () => {
      const [router, procedure] = path.split(".") as [string, string]
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("region", "admin", "partner", "municipality", "public" as const),
          fc.oneof(json, shaped),
          async (audience, input) => {
            const caller = callerFor(runtime, callers[audience]) as unknown as Record<
              string,
              Record<string, (i: unknown) => Promise<unknown>>
            >
            try {
              await caller[router]?.[procedure]?.(input)
            } catch (error) {
              expect(error).toBeInstanceOf(TRPCError)
              expect((error as TRPCError).code).not.toBe("INTERNAL_SERVER_ERROR")
              expect((error as TRPCError).message).not.toMatch(/SELECT|INSERT|\/work\/|at .*\.js:\d+/)
            }
          },
        ),
        { numRuns: 40 },
      )
    })
  }
})
