/**
 * The fixtures the conformance suite runs the adapter on: files that must be accepted whole, files that must be
 * rejected at least once, and one large enough that the first record must come out before it was read to the end.
 * Use test BSNs only (999900006, 999900018, …), never a real person's.
 */
import { readFileSync } from "node:fs"
import type { Fixture } from "@baken/adapter-kit/testing"
import { header } from "../src/adapter.js"

const file = (name: string): Fixture => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))),
})

// 3,000 rows (about 130 KiB).
const manyRows = [header, ...Array.from({ length: 3000 }, () => "999900006,support-started,2024-03-01,GM0402")]

export const fixtures = {
  valid: [file("events.csv")],
  invalid: [file("bad-bsn.csv"), file("bad-header.csv"), file("bad-date.csv")],
  streaming: { name: "many.csv", bytes: new TextEncoder().encode(manyRows.join("\n")) },
}
