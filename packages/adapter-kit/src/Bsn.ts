/**
 * The burgerservicenummer (BSN) as an adapter meets it: the nine-digit format, the eleven-test that tells a real
 * number from a typing error, and the redaction of BSN-shaped digit runs from anything that might leave an adapter
 * (file names, messages). Only the pseudonymiser turns a BSN into something that may be kept.
 */

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
 * The shape of a BSN, whether or not it passes the eleven-test: a standalone run of exactly nine digits, or nine
 * digits written in groups of 3-3-3 or 4-2-3 with dots, spaces or hyphens (`999.900.006`, `9999 00 006`).
 */
export const shaped = /(?<!\d)(?:\d{9}|\d{3}[. -]\d{3}[. -]\d{3}|\d{4}[. -]\d{2}[. -]\d{3})(?![\d])/g

/** `text` with every BSN-shaped run of nine digits replaced by nine asterisks. */
export const redact = (text: string): string => text.replace(shaped, "*********")

/** Every BSN-shaped run of nine digits in `text`, in order of appearance. */
export const find = (text: string): ReadonlyArray<string> => text.match(shaped) ?? []
