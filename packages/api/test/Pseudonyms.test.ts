// The server's keys kept wrapped under its secret: the database alone does not hold them, the same secret opens
// them, no secret or another one stops the server instead of making new keys; without a secret they are kept as is.
import { randomBytes } from "node:crypto"
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import * as Pseudonyms from "../src/Pseudonyms.js"

const secret = Redacted.make("TEST-ONLY server secret, wraps no real key")
const raw = new Uint8Array(randomBytes(32))

describe("the server's keys at rest", () => {
  it("are kept wrapped under the server's secret, and the same secret opens them", () => {
    const kept = Pseudonyms.wrap("pseudonym-storage", raw, secret)
    expect(Buffer.from(kept).includes(Buffer.from(raw))).toBe(false)
    expect(Buffer.from(Pseudonyms.unwrap("pseudonym-storage", kept, secret)).equals(Buffer.from(raw))).toBe(true)
  })

  it("are not opened without the secret, with another secret, or under another key's name", () => {
    const kept = Pseudonyms.wrap("pseudonym-storage", raw, secret)
    expect(() => Pseudonyms.unwrap("pseudonym-storage", kept, undefined)).toThrow(Pseudonyms.KeysLocked)
    expect(() => Pseudonyms.unwrap("pseudonym-storage", kept, Redacted.make("another secret entirely"))).toThrow(
      /BAKEN_PSEUDONYM_SECRET/,
    )
    expect(() => Pseudonyms.unwrap("oprf-ristretto255-sha512", kept, secret)).toThrow(Pseudonyms.KeysLocked)
  })

  it("are kept as they are on a server without a secret", () => {
    expect(Pseudonyms.wrap("pseudonym-storage", raw, undefined)).toBe(raw)
    expect(Pseudonyms.unwrap("pseudonym-storage", raw, undefined)).toBe(raw)
  })
})
