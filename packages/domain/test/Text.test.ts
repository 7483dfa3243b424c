import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Indicator, InvalidInput, Text } from "../src/index.js"
import * as Demo from "./fixtures/demo.js"

/** Strings no person types: with a NUL or another control character, with a lone surrogate, or far too long. */
const hostile = fc.oneof(
  fc
    .tuple(fc.string(), fc.constantFrom("\u0000", "\u0001", "\u001b", "\u007f"), fc.string())
    .map(([a, c, b]) => a + c + b),
  fc
    .tuple(fc.string(), fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF"), fc.string())
    .map(([a, s, b]) => a + s + b),
  fc.integer({ min: Text.paragraphsMax + 1, max: 1_000_000 }).map((n) => "x".repeat(n)),
)

describe("Text", () => {
  it("refuses a NUL, another control character, a lone surrogate or a huge text in an indicator's name, naming the field", () => {
    const encoded = Schema.encodeSync(Indicator.Indicator)(Demo.indicators[0] as Indicator.Indicator)
    const decode = InvalidInput.decode(Indicator.Indicator)
    fc.assert(
      fc.property(hostile, (name) => {
        const result = decode({ ...encoded, name })
        expect(Result.isFailure(result)).toBe(true)
        if (Result.isFailure(result)) expect(result.failure.problems.map((p) => p.field)).toContain("name")
      }),
      { numRuns: 200 },
    )
  })

  it("keeps tab, line breaks and every typable character of any script", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        const text = `${s.slice(0, 150)}\t\r\nÅ ë 😀`
        if (!Text.isTypable(s)) return
        expect(Schema.decodeUnknownSync(Text.Paragraphs)(text)).toBe(text)
      }),
    )
  })

  it("accepts a 900 KB name nowhere: a name holds at most 200 characters", () => {
    expect(() => Schema.decodeUnknownSync(Text.Line)("x".repeat(900_000))).toThrow(/at most 200 characters/)
    expect(Schema.decodeUnknownSync(Text.Line)("x".repeat(200))).toHaveLength(200)
  })
})
