// The registry a server runs is made for the region it serves: its CSV formats check rows against that region's
// members and plan years, read from the region's definition, not against Gooi en Vechtstreek.
import { readFileSync } from "node:fs"
import { Scope } from "@baken/adapter-csv"
import { Item, Pseudonymiser, Registry, Source } from "@baken/adapter-kit"
import { testSecret } from "@baken/adapter-kit/testing"
import { RegionDefinition } from "@baken/domain"
import { definition as genv } from "@baken/region-gooi-en-vechtstreek"
import { Effect, Layer, Result, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { entries, forScope } from "../src/Registry.js"

const text = readFileSync(new URL("../../../domain/examples/voorbeeldregio.json", import.meta.url), "utf8")
const parsed = RegionDefinition.parse(text)
if (Result.isFailure(parsed)) throw new Error(parsed.failure.message)
const definition = parsed.success
const scope = Scope.ofRegion(definition)
const gooiEnVechtstreek = forScope(Scope.ofRegion(genv))

const layer = Layer.orDie(Pseudonymiser.Pseudonymiser.layer(testSecret))
const read = (registry: ReadonlyArray<Registry.Entry>, csv: string) => {
  const entry = Registry.find(registry, "observations-csv")
  if (entry === undefined) throw new Error("no observations-csv adapter")
  return Effect.runPromise(
    Stream.runCollect(entry.adapter.read(Source.bytes("cijfers.csv", new TextEncoder().encode(csv)))).pipe(
      Effect.provide(layer),
    ),
  )
}
const file = (rows: ReadonlyArray<string>) => `indicator;gemeente;periode;waarde\r\n${rows.join("\r\n")}\r\n`

describe("the registry for a region's scope", () => {
  it("offers the same adapters in the same order as the default registry", () => {
    expect(forScope(scope).map((e) => e.adapter.id)).toEqual(entries.map((e) => e.adapter.id))
  })

  it("takes a figure of November 2026 for a plan of 2024-2027 that the Gooi en Vechtstreek scope refuses", async () => {
    const csv = file(["bt-instroom;GM9902;2026-11;12"])
    const own = await read(forScope(scope), csv)
    expect(own.filter(Item.isAccepted)).toHaveLength(1)
    const gooi = await read(gooiEnVechtstreek, csv)
    expect(
      gooi
        .filter(Item.isRejected)
        .map((i) => i.rejection.message.nl)
        .join(" "),
    ).toContain("buiten het plan")
  })

  it("checks no region by default: the default registry takes any member and any year", async () => {
    const items = await read(entries, file(["bt-instroom;GM9904;2024-11;12", "bt-instroom;GM0363;2040-01;7"]))
    expect(items.filter(Item.isRejected)).toEqual([])
    expect(items.filter(Item.isAccepted)).toHaveLength(2)
  })

  it("refuses a figure of the joiner from before it joined, naming the region", async () => {
    const items = await read(forScope(scope), file(["bt-instroom;GM9904;2024-11;12", "bt-instroom;GM9904;2025-02;7"]))
    expect(items.filter(Item.isAccepted)).toHaveLength(1)
    expect(items.filter(Item.isRejected).map((i) => i.rejection.message.nl)).toEqual([
      expect.stringContaining("gemeente GM9904 was in periode 2024-11 geen lid van Heuvelrand."),
    ])
  })
})
