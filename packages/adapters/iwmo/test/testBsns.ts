// Test BSNs: eleven-test-valid numbers 9999xxxxx, never real ones.
import { Bsn } from "@baken/adapter-kit"

/** Every eleven-test-valid number 9999xxxxx with xxxxx below 5000. */
export const testBsns: ReadonlyArray<string> = Array.from(
  { length: 5000 },
  (_, n) => `9999${String(n).padStart(5, "0")}`,
).filter(Bsn.isValid)
