import { Effect, Layer, Stream } from "effect"
import { describe, expect, it } from "vitest"
import * as Item from "../src/Item.js"
import { Pseudonymiser } from "../src/Pseudonymiser.js"
import * as Source from "../src/Source.js"
import * as Template from "../src/Template.js"
import { adapterConformance, testSecret } from "../src/testing.js"
import { fixtures } from "./templateFixtures.js"

adapterConformance(Template.adapter, { fixtures })

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
