// fast-check generators for the kit's tests: test BSNs (9999 prefix, eleven-test valid) and secrets.
import * as fc from "fast-check"
import * as Bsn from "../src/Bsn.js"

/** Every eleven-test-valid number 9999xxxxx with xxxxx below 2000: test BSNs, never real ones. */
export const testBsns: ReadonlyArray<string> = Array.from(
  { length: 2000 },
  (_, n) => `9999${String(n).padStart(5, "0")}`,
).filter(Bsn.isValid)

/** A test BSN. */
export const testBsn: fc.Arbitrary<string> = fc.constantFrom(...testBsns)

/** A secret long enough for the pseudonymiser. */
export const secret: fc.Arbitrary<string> = fc.string({ minLength: 32, maxLength: 64 })
