// The template adapter's fixtures for the conformance suite, shared by its own test and the suite's mutation test:
// a valid file, invalid ones, a large one for streaming, and the canary builder that plants a generated person's
// BSN, name, address and birth date in valid and broken rows.
import * as Template from "../src/Template.js"
import type { Canary, ConformanceOptions, PlantedFixture } from "../src/testing.js"
import { testBsns } from "./arbitraries.js"

const enc = (s: string) => new TextEncoder().encode(s)

const valid = `${Template.header}\n999900006,support-started,2024-03-01,GM0402\n999900018,support-stopped,2024-04-30,GM0406\n`
const manyRows = [
  Template.header,
  ...Array.from({ length: 3000 }, (_, i) => `${testBsns[i % testBsns.length]},support-started,2024-03-01,GM0402`),
].join("\n")

/**
 * The canary in a template CSV: its BSN in three valid rows, and in broken rows its BSN with dots and with spaces,
 * its name as the event, its birth date (Dutch notation) as the date and its address as the municipality.
 */
export const withPersonalData = (canary: Canary): PlantedFixture => {
  const rows = [
    Template.header,
    `${canary.bsn},support-started,2024-03-01,GM0402`, // 2: accepted
    `999900018,support-stopped,2024-04-30,GM0406`, // 3: accepted
    `${canary.bsnWithDots},support-started,2024-03-01,GM0402`, // 4: bsn-format
    `${canary.bsnWithSpaces},support-started,2024-03-01,GM0402`, // 5: bsn-format
    `${canary.bsn},${canary.fullName},2024-03-01,GM0402`, // 6: event-kind
    `${canary.bsn},support-started,${canary.birthDateDutch},GM0402`, // 7: date
    `${canary.bsn},support-started,2024-03-02,${canary.street} ${canary.houseNumber} ${canary.postcode} ${canary.city}`, // 8: municipality
    `${canary.bsn},${canary.givenName},${canary.birthDate},${canary.address}`, // 9: columns (the address has a comma)
    `${canary.bsn},support-stopped,2024-05-01,GM0402`, // 10: accepted
  ]
  return {
    name: `canary-${canary.bsn.slice(-3)}.csv`,
    bytes: enc(`${rows.join("\n")}\n`),
    accepted: 3,
    rejected: [4, 5, 6, 7, 8, 9].map((line) => ({ line })),
  }
}

/** The template adapter's fixtures. */
export const fixtures: ConformanceOptions<never>["fixtures"] = {
  valid: [{ name: "events.csv", bytes: enc(valid) }],
  invalid: [
    { name: "bad-bsn.csv", bytes: enc(`${Template.header}\n999900007,support-started,2024-03-01,GM0402\n`) },
    { name: "bad-header.csv", bytes: enc("bsn;event\n") },
    { name: "not-utf8.csv", bytes: new Uint8Array([0xff, 0xfe, 0x00]) },
  ],
  streaming: { name: "many.csv", bytes: enc(manyRows) },
  withPersonalData,
}
