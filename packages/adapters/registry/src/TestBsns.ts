/** Test BSNs: nine-digit numbers in the 9999 range that pass the eleven-test and belong to nobody. */
import { Bsn } from "@baken/adapter-kit"

/** The first `count` test BSNs from 9999 followed by `from` (as five digits) on: 9999xxxxx passing the eleven-test. */
export const testBsns = (count: number, from = 0): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (let n = from; out.length < count && n < 100_000; n++) {
    const s = `9999${String(n).padStart(5, "0")}`
    if (Bsn.isValid(s)) out.push(s)
  }
  return out
}
