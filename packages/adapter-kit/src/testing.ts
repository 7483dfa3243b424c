/**
 * The conformance suite every adapter runs against itself: `adapterConformance(adapter, { fixtures })` registers
 * vitest tests that check the promises the kit makes on every adapter's behalf. It streams (the first item comes
 * before the source is read to the end), no output contains a BSN-shaped number from the input, the same input
 * gives the same output, every rejection is located, valid fixtures are accepted and invalid ones rejected, and
 * garbage (at least 1,000 generated inputs: random bytes and mutated fixtures) is rejected without a crash. The same
 * "no BSN" promise is checked on the push route: the adapter's placeholders, the blinded OPRF requests and the records
 * as pushed (placeholders replaced by OPRF values) hold no BSN-shaped number of the input.
 */
import { Effect, Exit, Layer, Redacted, Stream } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Adapter } from "./Adapter.js"
import * as Bsn from "./Bsn.js"
import * as Item from "./Item.js"
import * as Oprf from "./Oprf.js"
import * as Placeholder from "./Placeholder.js"
import { Pseudonymiser } from "./Pseudonymiser.js"
import * as Source from "./Source.js"

/** A named input: the file name carries the extension the adapter dispatches on. */
export interface Fixture {
  readonly name: string
  readonly bytes: Uint8Array
}

/** What the suite needs from an adapter's test file. */
export interface ConformanceOptions<R> {
  readonly fixtures: {
    /** Inputs that must be accepted whole: at least one record, no rejection. */
    readonly valid: ReadonlyArray<Fixture>
    /** Inputs that must give at least one rejection. */
    readonly invalid: ReadonlyArray<Fixture>
    /** An input large enough (say 100 KiB or more) that an item must come out before all of it was read. */
    readonly streaming: Fixture
  }
  /** Provides the pseudonymiser and whatever else the adapter needs; defaults to a pseudonymiser with a test secret. */
  readonly layer?: Layer.Layer<Pseudonymiser | R>
  /** How many garbage inputs to generate; at least 1,000 (the default). */
  readonly garbageRuns?: number
  /** The chunk size the suite feeds bytes in; default 512. */
  readonly chunkSize?: number
}

/** The secret of the default test layer; it is only ever used on test data. */
export const testSecret = Redacted.make("baken-conformance-suite-test-secret-0123456789")

const chunked = (bytes: Uint8Array, size: number): Array<Uint8Array> => {
  const out: Array<Uint8Array> = []
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size))
  return out
}

const latin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1")

/** Registers the conformance tests for `adapter` in the current vitest file. */
export const adapterConformance = <R>(adapter: Adapter<R>, options: ConformanceOptions<R>): void => {
  const { fixtures } = options
  const layer = (options.layer ?? Layer.orDie(Pseudonymiser.layer(testSecret))) as Layer.Layer<Pseudonymiser | R>
  const chunkSize = options.chunkSize ?? 512
  const garbageRuns = Math.max(1000, options.garbageRuns ?? 1000)
  const all = [...fixtures.valid, ...fixtures.invalid, fixtures.streaming]

  const runExit = (fixture: Fixture) =>
    Effect.runPromiseExit(
      Stream.runCollect(
        adapter.read(Source.bytes(fixture.name, Stream.fromArray(chunked(fixture.bytes, chunkSize)))),
      ).pipe(Effect.provide(layer)),
    )
  const run = async (fixture: Fixture): Promise<ReadonlyArray<Item.Item>> => {
    const exit = await runExit(fixture)
    if (Exit.isFailure(exit)) throw new Error(`adapter ${adapter.id} failed on ${fixture.name}: ${String(exit.cause)}`)
    return exit.value
  }
  const bsnLeaks = (fixture: Fixture, items: ReadonlyArray<Item.Item>): ReadonlyArray<string> => {
    const shaped = new Set(Bsn.find(latin1(fixture.bytes)))
    if (shaped.size === 0) return []
    const output = JSON.stringify(items)
    return [...shaped].filter((value) => output.includes(value))
  }
  const unlocated = (items: ReadonlyArray<Item.Item>) =>
    items.filter(Item.isRejected).filter((item) => !Item.isLocated(item.rejection))

  describe(`adapter ${adapter.id} conformance`, () => {
    it("declares an id, the partner kinds it serves and the formats it reads", () => {
      expect(adapter.id.length).toBeGreaterThan(0)
      expect(adapter.partnerKinds.length).toBeGreaterThan(0)
      expect(adapter.formats.length).toBeGreaterThan(0)
      expect(fixtures.valid.length).toBeGreaterThan(0)
      expect(fixtures.invalid.length).toBeGreaterThan(0)
    })

    it("accepts every valid fixture with at least one record and no rejection", async () => {
      for (const fixture of fixtures.valid) {
        const items = await run(fixture)
        const rejections = items.filter(Item.isRejected).map((i) => i.rejection)
        expect({ fixture: fixture.name, rejections }).toEqual({ fixture: fixture.name, rejections: [] })
        expect(items.filter(Item.isAccepted).length, fixture.name).toBeGreaterThan(0)
      }
    })

    it("rejects every invalid fixture at least once", async () => {
      for (const fixture of fixtures.invalid) {
        const items = await run(fixture)
        expect(items.filter(Item.isRejected).length, fixture.name).toBeGreaterThan(0)
      }
    })

    it("locates every rejection by file and by line, element path or message", async () => {
      for (const fixture of all) {
        expect(unlocated(await run(fixture)), fixture.name).toEqual([])
      }
    })

    it("yields its first item before the source has been read to the end", async () => {
      const chunks = chunked(fixtures.streaming.bytes, chunkSize)
      expect(chunks.length, "the streaming fixture must span several chunks").toBeGreaterThan(4)
      let pulled = 0
      const bytes = Stream.fromArray(chunks).pipe(
        Stream.rechunk(1),
        Stream.tap(() => Effect.sync(() => pulled++)),
      )
      const first = await Effect.runPromise(
        Stream.runHead(adapter.read(Source.bytes(fixtures.streaming.name, bytes))).pipe(Effect.provide(layer)),
      )
      expect(first._tag).toBe("Some")
      expect(pulled).toBeLessThan(chunks.length)
    })

    it("never outputs a BSN-shaped number that is in its input", async () => {
      for (const fixture of all) {
        expect(bsnLeaks(fixture, await run(fixture)), fixture.name).toEqual([])
      }
    })

    it("never outputs a BSN-shaped number on the push route: placeholders, OPRF requests and pushed records", async () => {
      const server = Oprf.server(await Oprf.generatePrivateKey())
      const client = Oprf.client(server.publicKey)
      for (const fixture of [...fixtures.valid, ...fixtures.invalid]) {
        const placeholders = Placeholder.make()
        const exit = await Effect.runPromiseExit(
          Stream.runCollect(
            adapter.read(Source.bytes(fixture.name, Stream.fromArray(chunked(fixture.bytes, chunkSize)))),
          ).pipe(Effect.provide(placeholders.layer), Effect.provide(layer)),
        )
        if (Exit.isFailure(exit)) throw new Error(`adapter ${adapter.id} failed on ${fixture.name}`)
        const items = exit.value
        // A few persons per fixture go through the whole round trip: OPRF in JavaScript costs milliseconds each.
        const persons = [
          ...new Set(
            items.flatMap((i) =>
              Item.isAccepted(i) && "person" in i.record ? [(i.record as { person: string }).person] : [],
            ),
          ),
        ].slice(0, 50)
        const sent: Array<Uint8Array> = []
        const values = await Placeholder.resolve(
          placeholders,
          persons,
          async (bsns) => {
            const blinded = await client.blind(bsns)
            if (blinded instanceof Oprf.OprfError) throw blinded
            sent.push(blinded.request)
            const request = Oprf.decodeRequest(blinded.request)
            if (request instanceof Oprf.OprfError) throw request
            const values = await client.finalize(blinded, await server.evaluateBlinded(request))
            if (values instanceof Oprf.OprfError) throw values
            return values
          },
          Oprf.maxBatch,
        )
        let pushed = JSON.stringify(items)
        for (const [placeholder, value] of values) pushed = pushed.split(placeholder).join(value)
        const shaped = [...new Set(Bsn.find(latin1(fixture.bytes)))]
        const wire = [pushed, JSON.stringify(items), ...sent.map((b) => latin1(b) + Buffer.from(b).toString("hex"))]
        expect(
          shaped.filter((value) => wire.some((w) => w.includes(value))),
          fixture.name,
        ).toEqual([])
      }
    })

    it("gives the same output for the same input", async () => {
      for (const fixture of all) {
        const first = JSON.stringify(await run(fixture))
        const second = JSON.stringify(await run(fixture))
        expect(second, fixture.name).toBe(first)
      }
    })

    it(`rejects ${garbageRuns} generated garbage inputs without a crash, a silent loss or a leak`, async () => {
      const names = all.map((f) => f.name)
      const mutation = fc.oneof(
        fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
        fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
        fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 32 }) }),
        fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
      )
      type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never
      const mutate = (bytes: Uint8Array, m: Mutation): Uint8Array => {
        if (bytes.length === 0) return bytes
        const at = m.at % bytes.length
        switch (m.kind) {
          case "flip": {
            const copy = bytes.slice()
            copy[at] = m.value
            return copy
          }
          case "truncate":
            return bytes.slice(0, at)
          case "insert":
            return Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)])
          case "delete":
            return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)])
          case "repeat":
            return Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at)])
        }
      }
      const smallFixtures = all.filter((f) => f.bytes.length <= 64 * 1024)
      const garbage = fc.oneof(
        fc.record({ name: fc.constantFrom(...names), bytes: fc.uint8Array({ maxLength: 2048 }) }),
        fc
          .record({
            fixture: fc.constantFrom(...(smallFixtures.length > 0 ? smallFixtures : all)),
            mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
          })
          .map(({ fixture, mutations }) => ({
            name: fixture.name,
            bytes: mutations.reduce(mutate, fixture.bytes),
          })),
      )
      await fc.assert(
        fc.asyncProperty(garbage, async (input) => {
          const exit = await runExit(input)
          if (Exit.isFailure(exit)) return false
          const items = exit.value
          return items.length > 0 && unlocated(items).length === 0 && bsnLeaks(input, items).length === 0
        }),
        { numRuns: garbageRuns },
      )
    })
  })
}
