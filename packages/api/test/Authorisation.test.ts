import { TRPCError } from "@trpc/server"
import { afterAll, describe, expect, it } from "vitest"
import { all } from "../src/Audience.js"
import * as Authorisation from "../src/Authorisation.js"
import { procedurePaths } from "../src/Router.js"
import { callerFor, callers, makeRuntime } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

/** Calls `path` as `audience` with an empty input; returns the tRPC code it failed with, or "OK". */
const attempt = async (path: string, audience: keyof typeof callers): Promise<string> => {
  const caller = callerFor(runtime, callers[audience]) as unknown as Record<
    string,
    Record<string, (i: unknown) => Promise<unknown>>
  >
  const [router, procedure] = path.split(".") as [string, string]
  try {
    await caller[router]?.[procedure]?.(undefined)
    return "OK"
  } catch (error) {
    return error instanceof TRPCError ? error.code : "NOT_A_TRPC_ERROR"
  }
}

describe("the authorisation table", () => {
  it("has a row for every procedure of the router, and no row for a procedure that does not exist", () => {
    const paths = [...procedurePaths()].sort()
    expect(paths.filter((p) => !Object.hasOwn(Authorisation.table, p))).toEqual([])
    expect(Object.keys(Authorisation.table).filter((p) => !paths.includes(p))).toEqual([])
  })

  it("refuses a procedure that has no row", () => {
    expect(Authorisation.decide("plan.somethingNew", "admin")).toBe("no-row")
  })

  for (const path of procedurePaths()) {
    for (const audience of all) {
      const allowed = Authorisation.decide(path, audience) === "allowed"
      it(`${path} is ${allowed ? "allowed" : "refused"} for the ${audience} audience`, async () => {
        const code = await attempt(path, audience)
        if (allowed) {
          expect(["FORBIDDEN", "UNAUTHORIZED", "INTERNAL_SERVER_ERROR", "NOT_A_TRPC_ERROR"]).not.toContain(code)
        } else {
          expect(code).toBe(audience === "public" ? "UNAUTHORIZED" : "FORBIDDEN")
        }
      })
    }
  }
})
