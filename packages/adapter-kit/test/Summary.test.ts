import { createHash } from "node:crypto"
import { Effect, Layer, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { defineAdapter } from "../src/Adapter.js"
import * as Item from "../src/Item.js"
import { Pseudonymiser } from "../src/Pseudonymiser.js"
import * as Source from "../src/Source.js"
import * as Summary from "../src/Summary.js"
import * as Template from "../src/Template.js"
import { testSecret } from "../src/testing.js"

const layer = Layer.orDie(Pseudonymiser.layer(testSecret))
const csv = `${Template.header}\n999900006,support-started,2024-03-01,GM0402\n999900018,support-stopped,2024-05-31,GM0406\n999900007,support-started,2024-03-01,GM0402\n`

describe("Summary", () => {
  it("counts accepted records per kind and rejections per rule, with the months covered and the source hash", async () => {
    const seen: Array<Item.Item> = []
    const summary = await Effect.runPromise(
      Summary.run(Template.adapter, Source.bytes("events.csv", csv), {
        onItem: (item) => Effect.sync(() => void seen.push(item)),
      }).pipe(Effect.provide(layer)),
    )
    expect(seen).toHaveLength(3)
    expect(summary.accepted).toEqual({ "support-started": 1, "support-stopped": 1 })
    expect(summary.rejected).toEqual({ "bsn-eleven-test": 1 })
    expect(summary.periodFrom).toBe("2024-03")
    expect(summary.periodTo).toBe("2024-05")
    expect(summary.sourceHash).toBe(createHash("sha256").update(csv).digest("hex"))
  })

  it("hashes all delivered bytes even when the adapter stops reading early", async () => {
    const quitter = defineAdapter({
      id: "quitter",
      partnerKinds: ["example"],
      formats: [{ id: "any", extensions: [".bin"], description: "reads one chunk and stops" }],
      read: (source) =>
        Source.entries(source).pipe(
          Stream.flatMap((entry) => Stream.take(entry.bytes, 1)),
          Stream.map(() =>
            Item.rejected({ location: { file: "x.bin", line: 1 }, rule: "stop", nl: "stop", en: "stop" }),
          ),
          Stream.orDie,
        ),
    })
    const chunks = Array.from({ length: 10 }, (_, i) => new Uint8Array([i, i, i]))
    const summary = await Effect.runPromise(
      Summary.run(quitter, Source.bytes("x.bin", Stream.fromArray(chunks))).pipe(Effect.provide(layer)),
    )
    expect(summary.rejected).toEqual({ stop: 1 })
    expect(summary.sourceHash).toBe(createHash("sha256").update(Buffer.concat(chunks)).digest("hex"))
  })
})
