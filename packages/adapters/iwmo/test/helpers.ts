// Runs the adapter in tests with a pseudonymiser keyed by the conformance suite's test secret.
import { Item, Pseudonymiser, Source } from "@baken/adapter-kit"
import { testSecret } from "@baken/adapter-kit/testing"
import type { Delivery } from "@baken/domain"
import { Effect, Layer, Stream } from "effect"
import { adapter } from "../src/IwmoAdapter.js"

/** The pseudonymiser layer used throughout the tests. */
export const layer: Layer.Layer<Pseudonymiser.Pseudonymiser> = Layer.orDie(
  Pseudonymiser.Pseudonymiser.layer(testSecret),
)

/** Every item the adapter makes of a source. */
export const read = (source: Source.Source): Promise<ReadonlyArray<Item.Item>> =>
  Effect.runPromise(Stream.runCollect(adapter.read(source)).pipe(Effect.provide(layer)))

/** Every item the adapter makes of one named file's content. */
export const readText = (name: string, content: string | Uint8Array): Promise<ReadonlyArray<Item.Item>> =>
  read(Source.bytes(name, content))

/** The rejections among items. */
export const rejections = (items: ReadonlyArray<Item.Item>): ReadonlyArray<Delivery.Rejection> =>
  items.filter(Item.isRejected).map((i) => i.rejection)

/** The accepted records among items. */
export const records = (items: ReadonlyArray<Item.Item>): ReadonlyArray<Delivery.AcceptedRecord> =>
  items.filter(Item.isAccepted).map((i) => i.record)
