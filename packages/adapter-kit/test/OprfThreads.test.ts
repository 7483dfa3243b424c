// The OPRF work of a batch on worker threads. The worker module exists only where the kit is built (the test task
// builds it first), so these tests load the built kit; the sources run the same work in the calling thread.
import { describe, expect, it } from "vitest"
import * as Bsn from "../src/Bsn.js"
import type * as OprfTypes from "../src/Oprf.js"
import * as Rfc9497 from "../src/Rfc9497.js"

/** Test BSNs: the eleven-test-valid numbers 9999xxxxx (generated, nobody's). */
const testBsns = Array.from({ length: 20_000 }, (_, n) => `9999${String(n).padStart(5, "0")}`).filter(Bsn.isValid)

const built = (await import(new URL("../dist/index.js", import.meta.url).href)) as typeof import("../src/index.js")
const { Oprf } = built

const ok = <A>(value: A | InstanceType<typeof Oprf.OprfError>): A => {
  if (value instanceof Oprf.OprfError) throw value
  return value
}

const roundTrip = async (server: OprfTypes.Server, client: OprfTypes.Client, bsns: ReadonlyArray<string>) => {
  const blinded = ok(await client.blind(bsns))
  const request = Oprf.decodeRequest(blinded.request)
  if (request instanceof Oprf.OprfError) throw request
  return { blinded, answer: await server.evaluateBlinded(request) }
}

describe("Oprf on worker threads", () => {
  it("gives the same values, byte for byte, on three threads as in this thread, and as the server computes directly", async () => {
    const key = await Oprf.generatePrivateKey()
    const bsns = testBsns.slice(0, 700)
    const threaded = { server: Oprf.server(key, { threads: 3 }) }
    const client = Oprf.client(threaded.server.publicKey, { threads: 3 })
    const single = Oprf.client(threaded.server.publicKey, { threads: 1 })
    const { blinded, answer } = await roundTrip(threaded.server, client, bsns)
    const onThreads = ok(await client.finalize(blinded, answer))
    expect(Oprf.workerThreads()).toBeGreaterThan(1)
    const inThread = ok(await single.finalize(blinded, answer))
    expect(onThreads).toEqual(inThread)
    expect(onThreads).toEqual(await Oprf.server(key, { threads: 1 }).evaluateMany(bsns))
    expect(await threaded.server.evaluateMany(bsns.slice(0, 50))).toEqual(onThreads.slice(0, 50))
    // A single-thread server's answer proves out on threads too (the proof is the batch's, however it was cut).
    const plain = await roundTrip(Oprf.server(key, { threads: 1 }), client, bsns)
    expect(ok(await client.finalize(plain.blinded, plain.answer))).toEqual(onThreads)
  })

  it("refuses, on threads, an answer made with another key, one with a tampered element, and names a non-point's place", async () => {
    const pinned = Oprf.server(await Oprf.generatePrivateKey(), { threads: 2 })
    const impostor = Oprf.server(await Oprf.generatePrivateKey(), { threads: 2 })
    const client = Oprf.client(pinned.publicKey, { threads: 2 })
    const bsns = testBsns.slice(0, 300)
    const other = await roundTrip(impostor, client, bsns)
    expect((await client.finalize(other.blinded, other.answer)) as InstanceType<typeof Oprf.OprfError>).toMatchObject({
      reason: "wrong-proof",
    })
    const { blinded, answer } = await roundTrip(pinned, client, bsns)
    // Element 250 replaced by another valid point: every slice computes, the batch's proof does not hold.
    const swapped = new Uint8Array(answer)
    swapped.set(answer.subarray(2 + 10 * 32, 2 + 11 * 32), 2 + 250 * 32)
    expect(await client.finalize(blinded, swapped)).toMatchObject({ reason: "wrong-proof" })
    // Element 250 replaced by bytes that are no point: refused where it is.
    const broken = new Uint8Array(answer)
    broken.fill(0xff, 2 + 250 * 32, 2 + 251 * 32)
    expect(await client.finalize(blinded, broken)).toMatchObject({ reason: "malformed-evaluation", index: 250 })
  })
})

describe("Rfc9497's batch helpers", () => {
  it("inverts a batch of scalars with one inversion, as inverting each does", async () => {
    await Rfc9497.ready
    const scalars = Rfc9497.randomScalars(257)
    const inverses = Rfc9497.invertAll(scalars)
    for (const [i, scalar] of scalars.entries()) {
      expect(Buffer.from(inverses[i] as Uint8Array).equals(Buffer.from(Rfc9497.invert(scalar)))).toBe(true)
    }
    expect(Rfc9497.invertAll([])).toEqual([])
  })

  it("draws random scalars that are canonical, non-zero and all different", async () => {
    await Rfc9497.ready
    const scalars = Rfc9497.randomScalars(2_000)
    expect(scalars.every(Rfc9497.isScalar)).toBe(true)
    expect(new Set(scalars.map((s) => Buffer.from(s).toString("hex"))).size).toBe(2_000)
  })
})
