import { Evaluation, EvaluationRequest, VOPRFClient, VOPRFServer, Oprf as Voprf } from "@cloudflare/voprf-ts"
import { CryptoNoble } from "@cloudflare/voprf-ts/crypto-noble"
import * as fc from "fast-check"
import { beforeAll, describe, expect, it } from "vitest"
import * as Oprf from "../src/Oprf.js"
import * as Rfc9497 from "../src/Rfc9497.js"
import { testBsns } from "./arbitraries.js"

const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "hex"))
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex")

// RFC 9497 Appendix A.1: ristretto255-SHA512, Seed = a3×32, KeyInfo = "test key".
const blind = "64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706"
const oprfMode = {
  skSm: "5ebcea5ee37023ccb9fc2d2019f9d7737be85591ae8652ffa9ef0f4d37063b0e",
  vectors: [
    {
      input: "00",
      blindedElement: "609a0ae68c15a3cf6903766461307e5c8bb2f95e7e6550e1ffa2dc99e412803c",
      evaluationElement: "7ec6578ae5120958eb2db1745758ff379e77cb64fe77b0b2d8cc917ea0869c7e",
      output:
        "527759c3d9366f277d8c6020418d96bb393ba2afb20ff90df23fb7708264e2f3ab9135e3bd69955851de4b1f9fe8a0973396719b7912ba9ee8aa7d0b5e24bcf6",
    },
    {
      input: "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a",
      blindedElement: "da27ef466870f5f15296299850aa088629945a17d1f5b7f5ff043f76b3c06418",
      evaluationElement: "b4cbf5a4f1eeda5a63ce7b77c7d23f461db3fcab0dd28e4e17cecb5c90d02c25",
      output:
        "f4a74c9c592497375e796aa837e907b1a045d34306a749db9f34221f7e750cb4f2a6413a6bf6fa5e19ba6348eb673934a722a7ede2e7621306d18951e7cf2c73",
    },
  ],
}
const voprfMode = {
  skSm: "e6f73f344b79b379f1a0dd37e07ff62e38d9f71345ce62ae3a9bc60b04ccd909",
  pkSm: "c803e2cc6b05fc15064549b5920659ca4a77b2cca6f04f6b357009335476ad4e",
  vectors: [
    {
      inputs: ["00"],
      blinds: [blind],
      blindedElements: ["863f330cc1a1259ed5a5998a23acfd37fb4351a793a5b3c090b642ddc439b945"],
      evaluationElements: ["aa8fa048764d5623868679402ff6108d2521884fa138cd7f9c7669a9a014267e"],
      outputs: [
        "b58cfbe118e0cb94d79b5fd6a6dafb98764dff49c14e1770b566e42402da1a7da4d8527693914139caee5bd03903af43a491351d23b430948dd50cde10d32b3c",
      ],
      proof:
        "ddef93772692e535d1a53903db24367355cc2cc78de93b3be5a8ffcc6985dd066d4346421d17bf5117a2a1ff0fcb2a759f58a539dfbe857a40bce4cf49ec600d",
      proofRandomScalar: "222a5e897cf59db8145db8d16e597e8facb80ae7d4e26d9881aa6f61d645fc0e",
    },
    {
      inputs: ["5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"],
      blinds: [blind],
      blindedElements: ["cc0b2a350101881d8a4cba4c80241d74fb7dcbfde4a61fde2f91443c2bf9ef0c"],
      evaluationElements: ["60a59a57208d48aca71e9e850d22674b611f752bed48b36f7a91b372bd7ad468"],
      outputs: [
        "8a9a2f3c7f085b65933594309041fc1898d42d0858e59f90814ae90571a6df60356f4610bf816f27afdd84f47719e480906d27ecd994985890e5f539e7ea74b6",
      ],
      proof:
        "401a0da6264f8cf45bb2f5264bc31e109155600babb3cd4e5af7d181a2c9dc0a67154fabf031fd936051dec80b0b6ae29c9503493dde7393b722eafdf5a50b02",
      proofRandomScalar: "222a5e897cf59db8145db8d16e597e8facb80ae7d4e26d9881aa6f61d645fc0e",
    },
    {
      inputs: ["00", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"],
      blinds: [blind, "222a5e897cf59db8145db8d16e597e8facb80ae7d4e26d9881aa6f61d645fc0e"],
      blindedElements: [
        "863f330cc1a1259ed5a5998a23acfd37fb4351a793a5b3c090b642ddc439b945",
        "90a0145ea9da29254c3a56be4fe185465ebb3bf2a1801f7124bbbadac751e654",
      ],
      evaluationElements: [
        "aa8fa048764d5623868679402ff6108d2521884fa138cd7f9c7669a9a014267e",
        "cc5ac221950a49ceaa73c8db41b82c20372a4c8d63e5dded2db920b7eee36a2a",
      ],
      outputs: [
        "b58cfbe118e0cb94d79b5fd6a6dafb98764dff49c14e1770b566e42402da1a7da4d8527693914139caee5bd03903af43a491351d23b430948dd50cde10d32b3c",
        "8a9a2f3c7f085b65933594309041fc1898d42d0858e59f90814ae90571a6df60356f4610bf816f27afdd84f47719e480906d27ecd994985890e5f539e7ea74b6",
      ],
      proof:
        "cc203910175d786927eeb44ea847328047892ddf8590e723c37205cb74600b0a5ab5337c8eb4ceae0494c2cf89529dcf94572ed267473d567aeed6ab873dee08",
      proofRandomScalar: "419c4f4f5052c53c45f3da494d2b67b220d02118e0857cdbcf037f9ea84bbe0c",
    },
  ],
}

const { VOPRF, OPRF } = Rfc9497.Mode
const suite = Voprf.Suite.RISTRETTO255_SHA512
const group = Voprf.getGroup(suite, CryptoNoble)

beforeAll(() => Rfc9497.ready)

describe("Rfc9497 (libsodium) against RFC 9497 Appendix A, ristretto255-SHA512", () => {
  it("OPRF mode: blind, blind-evaluate, finalize, and evaluate give the RFC's bytes", () => {
    const key = hex(oprfMode.skSm)
    for (const v of oprfMode.vectors) {
      const input = hex(v.input)
      const blinded = Rfc9497.multiply(hex(blind), Rfc9497.hashToGroup(input, OPRF))
      expect(toHex(blinded)).toBe(v.blindedElement)
      const evaluated = Rfc9497.multiply(key, blinded)
      expect(toHex(evaluated)).toBe(v.evaluationElement)
      const unblinded = Rfc9497.multiply(Rfc9497.invert(hex(blind)), evaluated)
      expect(toHex(Rfc9497.finalizeHash(input, unblinded))).toBe(v.output)
      expect(toHex(Rfc9497.evaluate(key, input, OPRF))).toBe(v.output)
    }
  })

  it("VOPRF mode: the same, the public key, and the batch proof with the RFC's random scalar", async () => {
    const key = hex(voprfMode.skSm)
    expect(toHex(Rfc9497.multiplyGenerator(key))).toBe(voprfMode.pkSm)
    for (const v of voprfMode.vectors) {
      const inputs = v.inputs.map(hex)
      const blinded = inputs.map((input, i) =>
        Rfc9497.multiply(hex(v.blinds[i] as string), Rfc9497.hashToGroup(input, VOPRF)),
      )
      expect(blinded.map(toHex)).toEqual(v.blindedElements)
      const evaluated = blinded.map((b) => Rfc9497.multiply(key, b))
      expect(evaluated.map(toHex)).toEqual(v.evaluationElements)
      const proof = await Rfc9497.generateProof(key, blinded, evaluated, VOPRF, hex(v.proofRandomScalar))
      expect(toHex(proof)).toBe(v.proof)
      expect(await Rfc9497.verifyProof(hex(voprfMode.pkSm), blinded, evaluated, proof, VOPRF)).toBe(true)
      const outputs = inputs.map((input, i) =>
        Rfc9497.finalizeHash(
          input,
          Rfc9497.multiply(Rfc9497.invert(hex(v.blinds[i] as string)), evaluated[i] as Uint8Array),
        ),
      )
      expect(outputs.map(toHex)).toEqual(v.outputs)
      expect(inputs.map((input) => toHex(Rfc9497.evaluate(key, input, VOPRF)))).toEqual(v.outputs)
    }
  })

  it("refuses a proof that was tampered with, made for other elements or under another key", async () => {
    const v = voprfMode.vectors[2] as (typeof voprfMode.vectors)[number]
    const c = v.blindedElements.map(hex)
    const d = v.evaluationElements.map(hex)
    const pk = hex(voprfMode.pkSm)
    const proof = hex(v.proof)
    const flipped = new Uint8Array(proof)
    flipped[5] = (flipped[5] as number) ^ 1
    expect(await Rfc9497.verifyProof(pk, c, d, flipped, VOPRF)).toBe(false)
    expect(await Rfc9497.verifyProof(pk, c, [...d].reverse(), proof, VOPRF)).toBe(false)
    expect(await Rfc9497.verifyProof(hex(v.blindedElements[0] as string), c, d, proof, VOPRF)).toBe(false)
    expect(await Rfc9497.verifyProof(pk, c, d, proof, OPRF)).toBe(false)
    expect(await Rfc9497.verifyProof(pk, c, d, new Uint8Array(64).fill(0xff), VOPRF)).toBe(false)
    expect(await Rfc9497.verifyProof(pk, c, d, proof.subarray(0, 63), VOPRF)).toBe(false)
  })

  it("expand_message_xmd(SHA-512) gives RFC 9380 Appendix K.3's bytes", () => {
    const dst = new TextEncoder().encode("QUUX-V01-CS02-with-expander-SHA512-256")
    expect(toHex(Rfc9497.expandMessageXmd(new Uint8Array(0), dst, 0x20))).toBe(
      "6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba",
    )
    expect(toHex(Rfc9497.expandMessageXmd(new TextEncoder().encode("abc"), dst, 0x20))).toBe(
      "0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc",
    )
    expect(toHex(Rfc9497.expandMessageXmd(new Uint8Array(0), dst, 0x80))).toBe(
      "41b037d1734a5f8df225dd8c7de38f851efdb45c372887be655212d07251b921b052b62eaed99b46f72f2ef4cc96bfaf254ebbbec091e1a3b9e4fb5e5b619d2e0c5414800a1d882b62bb5cd1778f098b8eb6cb399d5d9d18f5d5842cf5d13d7eb00a7cff859b605da678b318bd0e65ebff70bec88c753b159a805d2c89c55961",
    )
  })
})

const scalar = fc.uint8Array({ minLength: 64, maxLength: 64 }).map((wide) => Rfc9497.hashToScalar(wide, OPRF)) // any uniform way to a scalar; never zero in practice
const bsn = fc.constantFrom(...testBsns)
const input = fc.oneof(
  bsn.map((b) => new TextEncoder().encode(b)),
  fc.uint8Array({ maxLength: 80 }),
)

describe("Rfc9497 (libsodium) against @cloudflare/voprf-ts (noble), the implementation it replaces", () => {
  it("gives the same blinded elements, evaluations, proof, answer bytes and outputs for random keys, inputs and blinds", async () => {
    await fc.assert(
      fc.asyncProperty(
        scalar,
        fc.array(fc.tuple(input, scalar), { minLength: 1, maxLength: 4 }),
        scalar,
        async (key, batch, r) => {
          const inputs = batch.map(([i]) => i)
          const blinds = batch.map(([, b]) => b)
          const old = new VOPRFServer(suite, key, CryptoNoble)
          // the proof's random scalar, as RFC 9497's vectors name it (voprf-ts leaves its prover hook-able)
          ;(old as unknown as { prover: { randomScalar: () => Promise<unknown> } }).prover.randomScalar = async () =>
            group.desScalar(r)
          const pk = Rfc9497.multiplyGenerator(key)
          const oldClient = new VOPRFClient(suite, pk, CryptoNoble)
          let next = 0
          oldClient.randomBlinder = async () => group.desScalar(blinds[next++] as Uint8Array)
          const [state, request] = await oldClient.blind(inputs)
          const evaluation = await old.blindEvaluate(request)
          const outputs = await oldClient.finalize(state, evaluation)

          const blinded = inputs.map((x, i) => Rfc9497.multiply(blinds[i] as Uint8Array, Rfc9497.hashToGroup(x, VOPRF)))
          expect(blinded.map(toHex)).toEqual(request.blinded.map((b) => toHex(b.serialize())))
          const evaluated = blinded.map((b) => Rfc9497.multiply(key, b))
          const proof = await Rfc9497.generateProof(key, blinded, evaluated, VOPRF, r)
          const answer = `${toHex(Uint8Array.of(0, blinded.length))}${evaluated.map(toHex).join("")}01${toHex(proof)}`
          expect(answer).toBe(toHex(evaluation.serialize()))
          expect(await Rfc9497.verifyProof(pk, blinded, evaluated, proof, VOPRF)).toBe(true)
          const mine = inputs.map((x, i) =>
            Rfc9497.finalizeHash(
              x,
              Rfc9497.multiply(Rfc9497.invert(blinds[i] as Uint8Array), evaluated[i] as Uint8Array),
            ),
          )
          expect(mine.map(toHex)).toEqual(outputs.map(toHex))
          for (const [i, x] of inputs.entries()) {
            expect(toHex(Rfc9497.evaluate(key, x, VOPRF))).toBe(toHex(await old.evaluate(x)))
            expect(toHex(Rfc9497.evaluate(key, x, VOPRF))).toBe(toHex(outputs[i] as Uint8Array))
          }
        },
      ),
      { numRuns: 40 },
    )
  }, 120_000)

  it("keeps the stored pseudonyms: Oprf's server and client give voprf-ts's values, and each side takes the other's messages", async () => {
    await fc.assert(
      fc.asyncProperty(scalar, fc.uniqueArray(bsn, { minLength: 1, maxLength: 5 }), async (key, bsns) => {
        const old = new VOPRFServer(suite, key, CryptoNoble)
        const server = Oprf.server(key)
        const encoded = bsns.map((b) => new TextEncoder().encode(b))
        const expected = await Promise.all(encoded.map(async (x) => Oprf.oprfValue(await old.evaluate(x))))
        expect(await Promise.all(bsns.map(server.evaluate))).toEqual(expected)
        // the new client through the old server
        const client = Oprf.client(server.publicKey)
        const blinded = await client.blind(bsns)
        if (blinded instanceof Oprf.OprfError) throw blinded
        const oldAnswer = await old.blindEvaluate(EvaluationRequest.deserialize(suite, blinded.request, CryptoNoble))
        expect(await client.finalize(blinded, oldAnswer.serialize())).toEqual(expected)
        // the old client through the new server
        const oldClient = new VOPRFClient(suite, server.publicKey, CryptoNoble)
        const [state, request] = await oldClient.blind(encoded)
        const decoded = Oprf.decodeRequest(request.serialize())
        if (decoded instanceof Oprf.OprfError) throw decoded
        const answer = await server.evaluateBlinded(decoded)
        const values = await oldClient.finalize(state, Evaluation.deserialize(suite, answer, CryptoNoble))
        expect(values.map(Oprf.oprfValue)).toEqual(expected)
      }),
      { numRuns: 15 },
    )
  }, 120_000)
})
