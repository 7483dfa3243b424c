// The kit's conformance suite, run against the iWmo adapter with this package's own fixtures.
import { adapterConformance } from "@baken/adapter-kit/testing"
import { adapter } from "../src/IwmoAdapter.js"
import * as F from "./fixtures.js"
import { withPersonalData } from "./plantedFixtures.js"
import { testBsns } from "./testBsns.js"

const enc = (s: string | Uint8Array) => (typeof s === "string" ? new TextEncoder().encode(s) : s)

// A large declaration whose first client has a BSN that fails the eleven-test: the rejection must come out long
// before the rest of the file was read.
const streaming = F.wmo323([
  { bsn: "999900007", category: "15", cents: 100 },
  ...Array.from({ length: 400 }, (_, i) => ({
    bsn: testBsns[i % testBsns.length] ?? "999900006",
    category: "16",
    cents: 100,
  })),
])

adapterConformance(adapter, {
  fixtures: {
    valid: Object.entries(F.valid()).map(([name, xml]) => ({ name, bytes: enc(xml) })),
    invalid: Object.entries(F.invalid()).map(([name, f]) => ({ name, bytes: enc(f.xml) })),
    streaming: { name: "grote-declaratie.xml", bytes: enc(streaming) },
    withPersonalData,
  },
})
