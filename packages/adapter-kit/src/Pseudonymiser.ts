/**
 * The pseudonymiser: the only door through which a person passes an adapter. It checks that a value is a BSN
 * (nine digits, eleven-test) and replaces it by HMAC-SHA-256 under a secret the operator supplies, so that the same
 * BSN gives the same pseudonym in every adapter and delivery of one region, while another region's secret gives
 * pseudonyms that cannot be linked. The secret is held as `Redacted` and never appears in output or errors.
 */
import { createHmac, createSecretKey } from "node:crypto"
import type { Ids } from "@baken/domain"
import { Context, Effect, Layer, Redacted, Result, Schema } from "effect"
import * as Bsn from "./Bsn.js"

/** A value that is not a BSN; it carries the problem, never the value itself. */
export class InvalidBsn extends Schema.TaggedError<InvalidBsn>()("InvalidBsn", {
  problem: Schema.Literals(["format", "eleven-test"]),
}) {
  override get message(): string {
    return this.problem === "format" ? "not a BSN: expected nine digits" : "not a BSN: the eleven-test fails"
  }
}

/** The operator's secret is unusable (too short); the error never contains the secret. */
export class WeakSecret extends Schema.TaggedError<WeakSecret>()("WeakSecret", {
  minimumLength: Schema.Int,
}) {
  override get message(): string {
    return `the pseudonymisation secret must be at least ${this.minimumLength} characters long`
  }
}

/** The least number of characters a secret must have. */
export const minimumSecretLength = 32

/** Turns a BSN into a pseudonym, or says why the value is not a BSN. */
export class Pseudonymiser extends Context.Service<
  Pseudonymiser,
  {
    /** The pseudonym of a BSN, as an effect. */
    readonly pseudonymise: (bsn: string) => Effect.Effect<Ids.Pseudonym, InvalidBsn>
    /** The pseudonym of a BSN as a plain result, for hot loops inside a parser. */
    readonly pseudonymiseResult: (bsn: string) => Result.Result<Ids.Pseudonym, InvalidBsn>
  }
>()("@baken/adapter-kit/Pseudonymiser") {
  /** The pseudonymiser keyed by an operator-supplied secret of at least 32 characters. */
  static readonly layer = (secret: Redacted.Redacted<string>): Layer.Layer<Pseudonymiser, WeakSecret> =>
    Layer.effect(Pseudonymiser, make(secret))
}

/** Builds the pseudonymiser's implementation from a secret. */
export const make = (secret: Redacted.Redacted<string>) =>
  Effect.suspend(() => {
    const key = Redacted.value(secret)
    if (key.length < minimumSecretLength) return Effect.fail(new WeakSecret({ minimumLength: minimumSecretLength }))
    // Imported once as a KeyObject: re-importing a raw key on every HMAC costs more than the HMAC itself.
    const keyObject = createSecretKey(Buffer.from(key, "utf8"))
    const pseudonymiseResult = (bsn: string): Result.Result<Ids.Pseudonym, InvalidBsn> => {
      const problem = Bsn.problem(bsn)
      if (problem !== undefined) return Result.fail(new InvalidBsn({ problem }))
      // The digest is 64 lower-case hex characters by construction, which is exactly the Pseudonym brand.
      return Result.succeed(createHmac("sha256", keyObject).update(bsn, "latin1").digest("hex") as Ids.Pseudonym)
    }
    return Effect.succeed(
      Pseudonymiser.of({
        pseudonymiseResult,
        pseudonymise: (bsn) => Effect.fromResult(pseudonymiseResult(bsn)),
      }),
    )
  })
