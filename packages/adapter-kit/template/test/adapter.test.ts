/**
 * The adapter's conformance test: the kit's suite checks the promises every Baken adapter keeps (it streams, leaks
 * no BSN, is deterministic, locates every rejection, survives garbage) on these fixtures. Use test BSNs only.
 */
import { readFileSync } from "node:fs"
import { adapterConformance } from "@baken/adapter-kit/testing"
import { adapter, header } from "../src/adapter.js"

const fixture = (name: string) => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))),
})

// 3,000 rows (about 130 KiB): enough that the first record must come out before the file was read to the end.
const manyRows = [header, ...Array.from({ length: 3000 }, () => "999900006,support-started,2024-03-01,GM0402")]

adapterConformance(adapter, {
  fixtures: {
    valid: [fixture("events.csv")],
    invalid: [fixture("bad-bsn.csv"), fixture("bad-header.csv"), fixture("bad-date.csv")],
    streaming: { name: "many.csv", bytes: new TextEncoder().encode(manyRows.join("\n")) },
  },
})
