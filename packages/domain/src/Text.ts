/**
 * Text that people type into the plan (names, titles, descriptions, definitions): bounded in length, and free of what
 * no person types and PostgreSQL cannot store as text: NUL and the other control characters (tab and line breaks
 * excepted) and lone UTF-16 surrogates. Every text field of the plan's Schemas is one of these, so a limit is set in
 * one place and a bad character is refused at decoding, naming the field, before it reaches the store.
 */
import { Schema } from "effect"

/** The most characters of a name or title. */
export const lineMax = 200

/** The most characters of a description or definition. */
export const paragraphsMax = 4000

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this expression is for
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether `s` is text a person could have typed: no control characters but tab and line breaks, no lone surrogates. */
export const isTypable = (s: string): boolean => !control.test(s) && !loneSurrogate.test(s)

const typable = Schema.makeFilter((s: string) =>
  control.test(s)
    ? "expected text without control characters such as NUL"
    : loneSurrogate.test(s)
      ? "expected well-formed text (it holds half of a UTF-16 surrogate pair)"
      : true,
)

/** Text of at most `max` characters without control characters or lone surrogates. */
export const bounded = (max: number) =>
  Schema.String.check(Schema.isMaxLength(max, { message: `expected at most ${max} characters` }), typable)

/** A name or title: one line's worth, at most `lineMax` characters. */
export const Line = bounded(lineMax)

/** A description or definition: at most `paragraphsMax` characters. */
export const Paragraphs = bounded(paragraphsMax)

/** A name or title that must be there; `what` completes "expected the …" when it is empty. */
export const requiredLine = (what: string) => Line.check(Schema.isNonEmpty({ message: `expected the ${what}` }))
