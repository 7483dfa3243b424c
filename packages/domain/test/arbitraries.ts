// fast-check generators for the domain's values, shared by the property tests.
import * as fc from "fast-check"
import { Period } from "../src/index.js"

/** Any period between 1900 and 2100, of any kind. */
export const period: fc.Arbitrary<Period.Period> = fc
  .record({
    year: fc.integer({ min: 1900, max: 2100 }),
    kind: fc.constantFrom(...Period.Kind.literals),
    seed: fc.nat(),
  })
  .map(({ year, kind, seed }) => {
    const count = { year: 1, half: 2, quarter: 4, month: 12 }[kind]
    return Period.fromParts({ year, kind, index: (seed % count) + 1 })
  })
