/**
 * The fixtures the conformance suite runs the adapter on: files that must be accepted whole, files that must be
 * rejected at least once, one large enough that the first record must come out before it was read to the end, and
 * the builder that plants the suite's generated persons (canaries) in your format, in valid and in broken rows, so the
 * suite can look for them in everything the adapter emits. Use test BSNs only (999900006, 999900018, …).
 */
import { readFileSync } from "node:fs"
import type { Canary, ConformanceOptions, Fixture, PlantedFixture } from "@baken/adapter-kit/testing"
import { header } from "../src/adapter.js"

const file = (name: string): Fixture => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))),
})

// 3,000 rows (about 130 KiB).
const manyRows = [header, ...Array.from({ length: 3000 }, () => "999900006,support-started,2024-03-01,GM0402")]

/** A canary in this format: its BSN in valid rows; its BSN spelled otherwise, name, birth date and address in broken rows. */
const withPersonalData = (canary: Canary): PlantedFixture => {
  const rows = [
    header,
    `${canary.bsn},support-started,2024-03-01,GM0402`, // line 2: accepted
    `${canary.bsnWithDots},support-started,2024-03-01,GM0402`, // line 3: the BSN with dots
    `${canary.bsn},${canary.fullName},2024-03-01,GM0402`, // line 4: a name where the event belongs
    `${canary.bsn},support-started,${canary.birthDateDutch},GM0402`, // line 5: a birth date where the date belongs
    `${canary.bsn},support-started,2024-03-02,${canary.street} ${canary.houseNumber} ${canary.postcode} ${canary.city}`, // line 6
    `${canary.bsn},support-stopped,2024-05-01,GM0402`, // line 7: accepted
  ]
  return {
    name: `canary-${canary.bsn.slice(-3)}.csv`,
    bytes: new TextEncoder().encode(`${rows.join("\n")}\n`),
    accepted: 2,
    rejected: [3, 4, 5, 6].map((line) => ({ line })),
  }
}

export const fixtures: ConformanceOptions<never>["fixtures"] = {
  valid: [file("events.csv")],
  invalid: [file("bad-bsn.csv"), file("bad-header.csv"), file("bad-date.csv")],
  streaming: { name: "many.csv", bytes: new TextEncoder().encode(manyRows.join("\n")) },
  withPersonalData,
}
