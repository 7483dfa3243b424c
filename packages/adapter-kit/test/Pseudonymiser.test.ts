import { Effect, Exit, Redacted, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { InvalidBsn, make, Pseudonymiser, WeakSecret } from "../src/Pseudonymiser.js"
import { secret, testBsn } from "./arbitraries.js"

const pseudonymiserFor = (key: string) => Effect.runSync(make(Redacted.make(key)))
const pseudonym = (key: string, bsn: string) => {
  const result = pseudonymiserFor(key).pseudonymiseResult(bsn)
  if (Result.isFailure(result)) throw new Error("expected a valid BSN")
  return result.success
}

describe("Pseudonymiser", () => {
  it("gives a pseudonym of 64 lower-case hex characters for a valid BSN", () => {
    expect(pseudonym("a".repeat(32), "999900006")).toMatch(/^[0-9a-f]{64}$/)
  })

  it("gives the same pseudonym for the same BSN and secret, across separately built pseudonymisers", () => {
    fc.assert(
      fc.property(secret, testBsn, (key, bsn) => {
        const first = pseudonym(key, bsn)
        const second = pseudonym(key, bsn)
        return first === second
      }),
    )
  })

  it("gives unlinkable pseudonyms under different secrets", () => {
    fc.assert(
      fc.property(secret, secret, testBsn, (a, b, bsn) => {
        fc.pre(a !== b)
        return pseudonym(a, bsn) !== pseudonym(b, bsn)
      }),
    )
  })

  it("gives different pseudonyms to different BSNs", () => {
    fc.assert(
      fc.property(testBsn, testBsn, (a, b) => {
        fc.pre(a !== b)
        return pseudonym("k".repeat(40), a) !== pseudonym("k".repeat(40), b)
      }),
    )
  })

  it("refuses a BSN that fails the eleven-test, without repeating it", async () => {
    const exit = await Effect.runPromiseExit(
      Effect.gen(function* () {
        return yield* (yield* Pseudonymiser).pseudonymise("999900007")
      }).pipe(Effect.provide(Pseudonymiser.layer(Redacted.make("s".repeat(32))))),
    )
    expect(exit).toEqual(Exit.fail(new InvalidBsn({ problem: "eleven-test" })))
    expect(JSON.stringify(exit)).not.toContain("999900007")
  })

  it("refuses a secret shorter than 32 characters and never shows it", async () => {
    const key = "short-secret-value"
    const exit = await Effect.runPromiseExit(
      Effect.gen(function* () {
        return yield* (yield* Pseudonymiser).pseudonymise("999900006")
      }).pipe(Effect.provide(Pseudonymiser.layer(Redacted.make(key)))),
    )
    expect(exit).toEqual(Exit.fail(new WeakSecret({ minimumLength: 32 })))
    expect(JSON.stringify(exit)).not.toContain(key)
    expect(String(exit)).not.toContain(key)
  })

  it("keeps the secret out of the layer's printed form", () => {
    const key = "p".repeat(40)
    expect(String(Redacted.make(key))).not.toContain(key)
  })
})
