/**
 * The burgerservicenummer (BSN) as an adapter meets it: the nine-digit format, the eleven-test that tells a real
 * number from a typing error, and the redaction of BSN-shaped digit runs from anything that might leave an adapter
 * (file names, messages). Only the pseudonymiser turns a BSN into something that may be kept.
 */

import { BsnShape } from "@baken/domain"

const nineDigits = /^\d{9}$/

/** Whether `value` is nine digits that pass the eleven-test (weights 9..2, the last digit weighs -1). */
export const isValid = (value: string): boolean => {
  if (!nineDigits.test(value)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += (9 - i) * (value.charCodeAt(i) - 48)
  sum -= value.charCodeAt(8) - 48
  return sum % 11 === 0 && value !== "000000000"
}

/** Why a value is not a BSN: not nine digits, or nine digits that fail the eleven-test. */
export type Problem = "format" | "eleven-test"

/** The problem with `value` as a BSN, or undefined when it is a valid BSN. */
export const problem = (value: string): Problem | undefined =>
  !nineDigits.test(value) ? "format" : isValid(value) ? undefined : "eleven-test"

/**
 * BSN-shaped text, whether or not it passes the eleven-test (`BsnShape` of `@baken/domain` says it all, with the
 * false positives chosen and why): nine digits of any script (`０-９` too) as one group (`999900006`), or nine digits
 * in any grouping with one space, dot, hyphen or underscore between groups (`999.900.006`, `9999 000 43`,
 * `999_900_006`, no-break and thin spaces too), with zero-width and other invisible characters ignored. Ten digits
 * or more (`1234567890`, `+31 6 12345678`) and dates, periods, amounts with a decimal comma and kenmerken with
 * slashes (`ZK/2023/0412`) are not. Global: use it with `replace` or `matchAll`, or `contains` for a yes or no.
 * The store's guard on free-text columns refuses the same shape where it does not touch a letter, so that text
 * passed through `redact` is always accepted there.
 */
export const shaped: RegExp = BsnShape.regExp()

/** `text` with every BSN-shaped run of nine digits replaced by nine asterisks. */
export const redact = (text: string): string => text.replace(shaped, "*********")

/** Every BSN-shaped run of nine digits in `text`, as written (separators and all), in order of appearance. */
export const find = (text: string): ReadonlyArray<string> => text.match(shaped) ?? []

/** Whether `text` holds a BSN-shaped run of nine digits. */
export const contains = (text: string): boolean => BsnShape.occursIn(text)

/** The digits of `text` as ASCII digits, everything else left out: `９９９９ ０００ ０６` gives `999900006`. */
export const digits = (text: string): string => BsnShape.asciiDigits(text)
