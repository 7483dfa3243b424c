import { Effect, Layer, Stream } from "effect"
import { describe, expect, it } from "vitest"
import * as Item from "../src/Item.js"
import { Pseudonymiser } from "../src/Pseudonymiser.js"
import * as Source from "../src/Source.js"
import * as Template from "../src/Template.js"
import { adapterConformance, testSecret } from "../src/testing.js"
import { testBsns } from "./arbitraries.js"

const enc = (s: string) => new TextEncoder().encode(s)
const valid = `${Template.header}\n999900006,support-started,2024-03-01,GM0402\n999900018,support-stopped,2024-04-30,GM0406\n`
const manyRows = [
  Template.header,
  ...Array.from({ length: 3000 }, (_, i) => `${testBsns[i % testBsns.length]},support-started,2024-03-01,GM0402`),
].join("\n")

adapterConformance(Template.adapter, {
  fixtures: {
    valid: [{ name: "events.csv", bytes: enc(valid) }],
    invalid: [
      { name: "bad-bsn.csv", bytes: enc(`${Template.header}\n999900007,support-started,2024-03-01,GM0402\n`) },
      { name: "bad-header.csv", bytes: enc("bsn;event\n") },
      { name: "not-utf8.csv", bytes: new Uint8Array([0xff, 0xfe, 0x00]) },
    ],
    streaming: { name: "many.csv", bytes: enc(manyRows) },
  },
})

const read = (source: Source.Source) =>
  Effect.runPromise(
    Stream.runCollect(Template.adapter.read(source)).pipe(Effect.provide(Layer.orDie(Pseudonymiser.layer(testSecret)))),
  )

describe("the template adapter", () => {
  it("rejects a bad row by line and field and still accepts the good rows around it", async () => {
    const items = await read(
      Source.bytes(
        "mixed.csv",
        `${Template.header}\n999900006,support-started,2024-03-01,GM0402\n999900006,support-started,2024-02-30,GM0402\n999900018,help-accepted,2024-03-02,GM0402\n`,
      ),
    )
    expect(items.map((i) => i._tag)).toEqual(["Accepted", "Rejected", "Accepted"])
    const rejection = items.filter(Item.isRejected)[0]?.rejection
    expect(rejection).toMatchObject({ rule: "date", field: "date", location: { file: "mixed.csv", line: 3 } })
  })

  it("rejects a truncated zip archive as a whole, located at the archive", async () => {
    const items = await read(Source.bytes("events.zip", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      _tag: "Rejected",
      rejection: { rule: "broken-archive", location: { file: "events.zip", path: "/" } },
    })
  })
})

describe("the template adapter on a file without rows", () => {
  it("rejects a file with only the header as empty, so it does not vanish from the delivery", async () => {
    const items = await read(Source.bytes("leeg.csv", `${Template.header}\n`))
    expect(items).toMatchObject([
      { _tag: "Rejected", rejection: { rule: "empty", location: { file: "leeg.csv", line: 1 } } },
    ])
  })
})
