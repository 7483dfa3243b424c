import { PlanLifecycle } from "@baken/domain"
import { StoreError } from "@baken/store"
import { describe, expect, it } from "vitest"
import { Conflict, NotFound, toTrpcError } from "../src/ApiError.js"
import { describeIssues } from "../src/Trpc.js"

describe("mapping failures to tRPC errors", () => {
  it("gives a refused lifecycle step PRECONDITION_FAILED with the rule's explanation", () => {
    const error = new PlanLifecycle.PlanTransitionRefused({
      plan: "bo-2022-2025" as never,
      step: "adopt",
      reasons: [PlanLifecycle.NotDecided.make({ municipality: "GM0417" as never, name: "Laren" })],
    })
    const mapped = toTrpcError(error, "r1")
    expect(mapped.code).toBe("PRECONDITION_FAILED")
    expect(mapped.message).toContain("Laren has not decided")
  })

  it("gives a conflict CONFLICT and a missing thing NOT_FOUND, with their own sentences", () => {
    expect(toTrpcError(new Conflict({ reason: "plan x exists already" }), "r").code).toBe("CONFLICT")
    expect(toTrpcError(new NotFound({ what: "plan", id: "x" }), "r").message).toBe("plan x does not exist")
  })

  it("never shows a store failure's detail, only the request id", () => {
    const error = new StoreError.StoreError({
      reason: new StoreError.DatabaseFailed({
        operation: "reading",
        detail: 'relation "plan_entities" at /work/main/x.js',
      }),
    })
    const mapped = toTrpcError(error, "req-7")
    expect(mapped.code).toBe("SERVICE_UNAVAILABLE")
    expect(mapped.message).not.toContain("plan_entities")
    expect(mapped.message).toContain("req-7")
  })

  it("turns anything unknown into an internal error without its message", () => {
    const mapped = toTrpcError(new Error("SELECT * FROM secrets"), "req-8")
    expect(mapped.code).toBe("INTERNAL_SERVER_ERROR")
    expect(mapped.message).toBe("internal error (request req-8)")
  })

  it("names the field of every Schema issue", () => {
    expect(
      describeIssues([
        { message: "expected a slug", path: ["plan"] },
        { message: "bad", path: ["periods", 2] },
      ]),
    ).toBe("input.plan: expected a slug; input.periods.2: bad")
  })
})
