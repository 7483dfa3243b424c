/**
 * Placeholders: what an adapter's synchronous hot loop puts where a pseudonym goes when the pseudonym itself needs a
 * round trip (an OPRF evaluation). A placeholder is the BSN encrypted under a key made for this run alone (one
 * AES-256 block, deterministic) and a tag (that block encrypted under a second key: a pseudorandom permutation is a
 * MAC for one block), so it looks like any pseudonym (64 hex) and turns back into
 * the BSN only inside this process: nothing about a person is kept in memory between pseudonymising and resolving,
 * however far apart they are, and the key dies with the process. A placeholder never leaves the process: the push
 * and the server's intake replace every one by the OPRF value (or refuse) before a record goes anywhere.
 */
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from "node:crypto"
import type { Ids } from "@baken/domain"
import { Effect, Layer, Result } from "effect"
import * as Bsn from "./Bsn.js"
import { InvalidBsn, Pseudonymiser } from "./Pseudonymiser.js"

/** The placeholders of one run: a pseudonymiser that makes them, and the way back to the BSN. */
export interface Placeholders {
  /** The pseudonymiser an adapter runs with: placeholders instead of pseudonyms, same checks. */
  readonly layer: Layer.Layer<Pseudonymiser>
  /** The placeholder of a valid BSN (the pseudonymiser's answer without the checks). */
  readonly placeholderOf: (bsn: string) => Ids.Pseudonym
  /** The BSN a placeholder of this run stands for; undefined for anything else. */
  readonly bsnOf: (placeholder: string) => string | undefined
}

/** Placeholders under a fresh random key. */
export const make = (): Placeholders => {
  // One ECB cipher per key for the whole run: each `update` of a block is that block's permutation, and setting up a
  // cipher per record cost a partner more than a tenth of its time per row.
  const cipherKey = randomBytes(32)
  const encrypt = createCipheriv("aes-256-ecb", cipherKey, null).setAutoPadding(false)
  const decrypt = createDecipheriv("aes-256-ecb", cipherKey, null).setAutoPadding(false)
  const tagger = createCipheriv("aes-256-ecb", randomBytes(32), null).setAutoPadding(false)
  const block = (bsn: string) => {
    const b = Buffer.alloc(16)
    b.write(bsn, "latin1")
    return b
  }
  const placeholderOf = (bsn: string): Ids.Pseudonym => {
    const encrypted = encrypt.update(block(bsn))
    return Buffer.concat([encrypted, tagger.update(encrypted)]).toString("hex") as Ids.Pseudonym
  }
  const bsnOf = (placeholder: string): string | undefined => {
    if (!/^[0-9a-f]{64}$/.test(placeholder)) return undefined
    const bytes = Buffer.from(placeholder, "hex")
    const encrypted = bytes.subarray(0, 16)
    if (!timingSafeEqual(bytes.subarray(16), tagger.update(encrypted))) return undefined
    const bsn = decrypt.update(encrypted).subarray(0, 9).toString("latin1")
    return Bsn.problem(bsn) === undefined ? bsn : undefined
  }
  const pseudonymiseResult = (bsn: string): Result.Result<Ids.Pseudonym, InvalidBsn> => {
    const problem = Bsn.problem(bsn)
    return problem !== undefined ? Result.fail(new InvalidBsn({ problem })) : Result.succeed(placeholderOf(bsn))
  }
  return {
    layer: Layer.succeed(
      Pseudonymiser,
      Pseudonymiser.of({ pseudonymiseResult, pseudonymise: (bsn) => Effect.fromResult(pseudonymiseResult(bsn)) }),
    ),
    placeholderOf,
    bsnOf,
  }
}

/** A placeholder that does not belong to this run: a bug, never a partner's fault. */
export class UnknownPlaceholder extends Error {
  constructor() {
    super("a record holds a pseudonym that is no placeholder of this run")
  }
}

/**
 * The values of a batch's placeholders: the distinct ones turned back into BSNs and evaluated in requests of at most
 * `batch`, through `evaluate` (the OPRF round trip, or the server's own evaluation).
 */
export const resolve = async (
  placeholders: Placeholders,
  found: Iterable<string>,
  evaluate: (bsns: ReadonlyArray<string>) => Promise<ReadonlyArray<string>>,
  batch: number,
): Promise<Map<string, string>> => {
  const distinct = [...new Set(found)]
  const values = new Map<string, string>()
  for (let start = 0; start < distinct.length; start += batch) {
    const slice = distinct.slice(start, start + batch)
    const bsns = slice.map((p) => {
      const bsn = placeholders.bsnOf(p)
      if (bsn === undefined) throw new UnknownPlaceholder()
      return bsn
    })
    const answer = await evaluate(bsns)
    for (const [i, p] of slice.entries()) values.set(p, answer[i] as string)
  }
  return values
}
