import * as AdapterKit from "@baken/adapter-kit"
import * as Domain from "@baken/domain"
import { PlanLifecycle } from "@baken/domain"
import * as Store from "@baken/store"
import { StoreError } from "@baken/store"
import { Cause } from "effect"
import { describe, expect, it } from "vitest"
import { Conflict, fromCause, NotFound, table, toTrpcError } from "../src/ApiError.js"
import * as Api from "../src/index.js"

/** Every `Schema.TaggedError` class the packages below the API export, by tag. */
const exportedErrorTags = (): ReadonlyArray<string> =>
  [Domain, Store, AdapterKit, Api].flatMap((pkg) =>
    Object.values(pkg).flatMap((module) =>
      typeof module !== "object" || module === null
        ? []
        : Object.values(module).flatMap((value) =>
            typeof value === "function" &&
            value.prototype instanceof Error &&
            typeof (value as { identifier?: unknown }).identifier === "string" &&
            (value as { fields?: { _tag?: unknown } }).fields?._tag !== undefined
              ? [(value as unknown as { identifier: string }).identifier]
              : [],
          ),
    ),
  )

/** Exported errors that cannot reach `run` (the type of `run` proves it), and why. */
const handledBeforeRun: Record<string, string> = {
  TextError: "an adapter's unreadable text becomes a located rejection of the delivery",
  InvalidBsn: "a BSN failing the eleven-test becomes a located rejection of the delivery",
  WeakSecret: "a weak pseudonym secret stops the server at start-up, before any procedure",
  DefinitionRefused: "a refused region definition stops the server at start-up (exit code 3), before any procedure",
  SourceError: "an unreadable source becomes a located rejection of the delivery",
  OprfError: "a refused OPRF request becomes an InvalidInput naming the element (Pseudonyms.evaluate); the CLI's own",
}

import { describeIssues } from "../src/Trpc.js"

describe("mapping failures to tRPC errors", () => {
  it("has a row for every tagged error the domain, store, adapter kit and API export, unless it cannot reach run", () => {
    const tags = [...new Set(exportedErrorTags())].sort()
    expect(tags).toEqual(expect.arrayContaining(["CostKeyRefused", "PlanTransitionRefused", "StoreError"]))
    expect(tags.filter((tag) => !(tag in table) && !(tag in handledBeforeRun))).toEqual([])
    // And no row for a tag nothing raises any more.
    const raised = new Set([...tags, "ShuttingDown"])
    expect(Object.keys(table).filter((tag) => !raised.has(tag))).toEqual([])
  })

  it("keeps the error as the cause of the tRPC error, for the server's log", () => {
    const error = new StoreError.StoreError({
      reason: new StoreError.DatabaseFailed({ operation: "writing the plan", detail: "invalid byte sequence 0x00" }),
    })
    const mapped = toTrpcError(error, "req-1")
    expect(mapped.cause).toBe(error)
    expect(String(mapped.cause)).toContain("invalid byte sequence 0x00")
  })

  it("makes an unknown error and a defect an internal error with the request id, keeping them as the cause", () => {
    const unknown = toTrpcError({ _tag: "SomethingNew" }, "req-2")
    expect(unknown.code).toBe("INTERNAL_SERVER_ERROR")
    expect(unknown.message).toBe("Er ging iets mis op de server (verzoek req-2).")
    const defect = new TypeError("cannot read properties of undefined")
    const died = fromCause(Cause.die(defect), "req-3")
    expect(died.code).toBe("INTERNAL_SERVER_ERROR")
    expect(died.message).toBe("Er ging iets mis op de server (verzoek req-3).")
    expect(died.cause).toBe(defect)
  })

  it("gives a refused lifecycle step PRECONDITION_FAILED with the rule's explanation in Dutch", () => {
    const error = new PlanLifecycle.PlanTransitionRefused({
      plan: "bo-2022-2025" as never,
      step: "adopt",
      reasons: [PlanLifecycle.NotDecided.make({ municipality: "GM0417" as never, name: "Laren" })],
    })
    const mapped = toTrpcError(error, "r1")
    expect(mapped.code).toBe("PRECONDITION_FAILED")
    expect(mapped.message).toBe("bo-2022-2025 kan niet worden vastgesteld: Laren heeft nog niet besloten")
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
    expect(mapped.message).toBe("Er ging iets mis op de server (verzoek req-8).")
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
