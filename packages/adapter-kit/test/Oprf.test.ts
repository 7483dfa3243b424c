import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Oprf from "../src/Oprf.js"
import * as Placeholder from "../src/Placeholder.js"
import { testBsns } from "./arbitraries.js"

const ok = <A>(value: A | Oprf.OprfError): A => {
  if (value instanceof Oprf.OprfError) throw value
  return value
}

const roundTrip = async (server: Oprf.Server, client: Oprf.Client, bsns: ReadonlyArray<string>) => {
  const blinded = ok(await client.blind(bsns))
  const request = Oprf.decodeRequest(blinded.request)
  if (request instanceof Oprf.OprfError) throw request
  return client.finalize(blinded, await server.evaluateBlinded(request))
}

describe("Oprf", () => {
  it("gives a partner through blinding the same value the server computes from the BSN itself", async () => {
    const server = Oprf.server(await Oprf.generatePrivateKey())
    const client = Oprf.client(server.publicKey)
    const bsns = testBsns.slice(0, 20)
    const values = ok(await roundTrip(server, client, bsns))
    expect(values).toHaveLength(20)
    for (const [i, bsn] of bsns.entries()) expect(values[i]).toBe(await server.evaluate(bsn))
    for (const value of values) expect(value).toMatch(/^[0-9a-f]{64}$/)
    expect(new Set(values).size).toBe(20)
  })

  it("sends nothing in a request from which a BSN can be read", async () => {
    const server = Oprf.server(await Oprf.generatePrivateKey())
    const client = Oprf.client(server.publicKey)
    const bsns = testBsns.slice(0, 50)
    const first = ok(await client.blind(bsns))
    const second = ok(await client.blind(bsns))
    const text = Buffer.from(first.request).toString("latin1") + Buffer.from(first.request).toString("hex")
    for (const bsn of bsns) expect(text).not.toContain(bsn)
    // Blinding is random: the same BSNs asked twice look unrelated to the server.
    expect(Buffer.from(first.request).equals(Buffer.from(second.request))).toBe(false)
  })

  it("refuses an answer made with another key than the pinned one", async () => {
    const pinned = Oprf.server(await Oprf.generatePrivateKey())
    const impostor = Oprf.server(await Oprf.generatePrivateKey())
    const client = Oprf.client(pinned.publicKey)
    const result = await roundTrip(impostor, client, testBsns.slice(0, 5))
    expect(result).toBeInstanceOf(Oprf.OprfError)
    expect((result as Oprf.OprfError).reason).toBe("wrong-proof")
  })

  it("refuses an answer whose proof was tampered with, or that is not an evaluation", async () => {
    const server = Oprf.server(await Oprf.generatePrivateKey())
    const client = Oprf.client(server.publicKey)
    const blinded = ok(await client.blind(testBsns.slice(0, 3)))
    const answer = await server.evaluateBlinded(Oprf.decodeRequest(blinded.request) as never)
    const tampered = new Uint8Array(answer)
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1
    expect(((await client.finalize(blinded, tampered)) as Oprf.OprfError).reason).toMatch(/wrong-proof|malformed/)
    expect(((await client.finalize(blinded, new Uint8Array(7))) as Oprf.OprfError).reason).toBe("malformed-evaluation")
  })

  it("gives unlinkable values under different server keys", async () => {
    const a = Oprf.server(await Oprf.generatePrivateKey())
    const b = Oprf.server(await Oprf.generatePrivateKey())
    expect(await a.evaluate("999900006")).not.toBe(await b.evaluate("999900006"))
  })

  it("refuses requests that are not points, empty, too many or of the wrong length, naming where", () => {
    expect((Oprf.decodeRequest(new Uint8Array(0)) as Oprf.OprfError).reason).toBe("length")
    expect((Oprf.decodeRequest(Uint8Array.of(0, 0)) as Oprf.OprfError).reason).toBe("empty")
    expect((Oprf.decodeRequest(Uint8Array.of(0xff, 0xff)) as Oprf.OprfError).reason).toBe("too-many")
    expect((Oprf.decodeRequest(Uint8Array.of(0, 2, 1, 2, 3)) as Oprf.OprfError).reason).toBe("length")
    const identity = new Uint8Array(2 + 32)
    identity[1] = 1
    expect((Oprf.decodeRequest(identity) as Oprf.OprfError).reason).toBe("identity")
    const notAPoint = new Uint8Array(2 + 64).fill(0xff)
    notAPoint[0] = 0
    notAPoint[1] = 2
    const refused = Oprf.decodeRequest(notAPoint) as Oprf.OprfError
    expect(refused.reason).toBe("not-a-point")
    expect(refused.index).toBe(0)
  })

  it("never throws on generated garbage: a request or a located refusal", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const decoded = Oprf.decodeRequest(bytes)
        return decoded instanceof Oprf.OprfError ? decoded.detail.length > 0 : decoded.blinded.length > 0
      }),
    )
  })
})

describe("Placeholder", () => {
  it("turns a placeholder back into its BSN inside the run, and nothing else", () => {
    const run = Placeholder.make()
    const other = Placeholder.make()
    for (const bsn of testBsns.slice(0, 30)) {
      const placeholder = run.placeholderOf(bsn)
      expect(placeholder).toMatch(/^[0-9a-f]{64}$/)
      expect(placeholder).not.toContain(bsn)
      expect(run.bsnOf(placeholder)).toBe(bsn)
      expect(other.bsnOf(placeholder)).toBeUndefined()
    }
    expect(run.bsnOf("0".repeat(64))).toBeUndefined()
  })

  it("resolves the distinct placeholders of a batch in requests of at most the batch size", async () => {
    const run = Placeholder.make()
    const bsns = testBsns.slice(0, 7)
    const found = [...bsns, ...bsns].map((b) => run.placeholderOf(b))
    const asked: Array<number> = []
    const values = await Placeholder.resolve(
      run,
      found,
      async (batch) => {
        asked.push(batch.length)
        return batch.map((b) => `v${b}`)
      },
      3,
    )
    expect(asked).toEqual([3, 3, 1])
    expect(values.get(found[0] as string)).toBe(`v${bsns[0]}`)
  })
})
