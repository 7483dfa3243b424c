/**
 * Pseudonyms without a shared secret: the verifiable oblivious pseudorandom function of RFC 9497 (VOPRF mode,
 * suite ristretto255-SHA512). A partner blinds BSNs, the server evaluates the blinded elements with a key only it
 * holds and proves (one DLEQ proof per batch) that it used the key it publishes, and the partner unblinds: the server
 * never sees a BSN, the partner never holds the key. The server can also evaluate a BSN it reads itself (an uploaded
 * file), which gives the same value.
 *
 * The hot paths (hash-to-group, scalar multiplications, Finalize, the batch proof and its check) run on WASM
 * libsodium (`Rfc9497`); key generation and the one-off key checks stay with `@cloudflare/voprf-ts`, which the kit's
 * tests also hold the libsodium paths to, byte for byte (with RFC 9497's own vectors).
 *
 * The value a push carries is the first 32 bytes of the RFC 9497 output as 64 lower-case hex characters (a
 * pseudorandom function truncated is still one); the server never stores it, only a keyed hash of it.
 */

import { generatePublicKey, Oprf, randomPrivateKey, validatePublicKey } from "@cloudflare/voprf-ts"
import { CryptoNoble } from "@cloudflare/voprf-ts/crypto-noble"
import { Schema } from "effect"
import * as Bsn from "./Bsn.js"
import * as Rfc9497 from "./Rfc9497.js"

/** The RFC 9497 suite: ristretto255 measured faster than P-256 (see the kit's bench). */
export const suite = Oprf.Suite.RISTRETTO255_SHA512

/** The name of the pseudonyms a push carries: OPRF values of this suite, this kit's version of them. */
export const format = "oprf-ristretto255-sha512-v1"

/** The size of one serialized group element (a blinded or evaluated element). */
export const elementSize = 32

/** The size of the batch proof an answer ends with (two scalars). */
export const proofSize = 64

/** The most BSNs one evaluation request may hold. */
export const maxBatch = 4_000

/** The largest request body the evaluate route takes: a count and `maxBatch` elements. */
export const maxRequestBytes = 2 + maxBatch * elementSize

const group = Oprf.getGroup(suite, CryptoNoble)
const encoder = new TextEncoder()
const mode = Rfc9497.Mode.VOPRF

/** Resolves when the WASM group is loaded (every asynchronous function here awaits it itself). */
export const ready: Promise<void> = Rfc9497.ready
let loaded = false
void ready.then(() => {
  loaded = true
})

/** Why an OPRF exchange failed: located where it can be (the element's index), never holding a BSN. */
export class OprfError extends Schema.TaggedError<OprfError>()("OprfError", {
  reason: Schema.Literals([
    "empty",
    "too-many",
    "length",
    "not-a-point",
    "identity",
    "wrong-key",
    "wrong-proof",
    "malformed-evaluation",
    "not-a-bsn",
  ]),
  index: Schema.optionalKey(Schema.Int),
  detail: Schema.String,
}) {
  override get message(): string {
    return this.detail
  }
}

/** A fresh private key of the suite (the server's OPRF key). */
export const generatePrivateKey = (): Promise<Uint8Array> => randomPrivateKey(suite, CryptoNoble)

/** The public key that belongs to a private key: what the server publishes and partners pin. */
export const publicKeyOf = (privateKey: Uint8Array): Uint8Array => generatePublicKey(suite, privateKey, CryptoNoble)

/** Whether bytes are a public key of the suite. */
export const isPublicKey = (bytes: Uint8Array): boolean => {
  try {
    return bytes.length === elementSize && validatePublicKey(suite, bytes, CryptoNoble)
  } catch {
    return false
  }
}

/** The value a push carries for an RFC 9497 output: its first 32 bytes, hex. */
export const oprfValue = (output: Uint8Array): string => Buffer.from(output.subarray(0, 32)).toString("hex")

/** The bytes a BSN is evaluated as: its nine ASCII digits. */
const inputOf = (bsn: string): Uint8Array => encoder.encode(bsn)

/** A decoded evaluation request: its blinded elements, serialized, each a ristretto255 point other than the identity. */
export interface EvaluationRequest {
  readonly blinded: ReadonlyArray<Uint8Array>
}

/** Whether 32 bytes are a point (libsodium once loaded, the same check in voprf-ts's group before). */
const elementProblem = (bytes: Uint8Array): "not-a-point" | "identity" | undefined => {
  if (loaded) {
    if (Rfc9497.isElement(bytes)) return undefined
    return bytes.every((b) => b === 0) ? "identity" : "not-a-point"
  }
  try {
    return group.desElt(bytes).isIdentity() ? "identity" : undefined
  } catch {
    return "not-a-point"
  }
}

/**
 * Reads an evaluation request: a big-endian 16-bit count and that many elements, each a ristretto255 point other
 * than the identity. Every refusal names what is wrong and where.
 */
export const decodeRequest = (body: Uint8Array): EvaluationRequest | OprfError => {
  if (body.length < 2) return new OprfError({ reason: "length", detail: "the request holds no element count" })
  const count = (body[0] as number) * 256 + (body[1] as number)
  if (count === 0) return new OprfError({ reason: "empty", detail: "the request holds no elements" })
  if (count > maxBatch) {
    return new OprfError({
      reason: "too-many",
      detail: `a request holds at most ${maxBatch} elements; this one ${count}`,
    })
  }
  if (body.length !== 2 + count * elementSize) {
    return new OprfError({
      reason: "length",
      detail: `a request of ${count} elements is ${2 + count * elementSize} bytes long; this one is ${body.length}`,
    })
  }
  const blinded: Array<Uint8Array> = []
  for (let i = 0; i < count; i++) {
    const bytes = body.slice(2 + i * elementSize, 2 + (i + 1) * elementSize)
    const problem = elementProblem(bytes)
    if (problem === "not-a-point") {
      return new OprfError({ reason: "not-a-point", index: i, detail: `element ${i} is not a ristretto255 point` })
    }
    if (problem === "identity") {
      return new OprfError({ reason: "identity", index: i, detail: `element ${i} is the identity element` })
    }
    blinded.push(bytes)
  }
  return { blinded }
}

/** Elements between two yields to the event loop: a batch of 4,000 is seconds of WASM, and a server (or a CLI with
 * a streaming body and keep-alive sockets) must keep answering meanwhile. */
const slice = 64

/** `f` over `items` in order, yielding to the event loop every `slice` items. */
const mapYielding = async <A, B>(items: ReadonlyArray<A>, f: (item: A, index: number) => B): Promise<Array<B>> => {
  const out: Array<B> = []
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % slice === 0) await new Promise((resolve) => setImmediate(resolve))
    out.push(f(items[i] as A, i))
  }
  return out
}

/** The count-prefixed elements of a request or an answer. */
const framedElements = (elements: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(2 + elements.length * elementSize)
  out[0] = elements.length >> 8
  out[1] = elements.length & 0xff
  for (const [i, element] of elements.entries()) out.set(element, 2 + i * elementSize)
  return out
}

/** The server's side: evaluates blinded requests with a proof, and BSNs it reads itself. */
export interface Server {
  /** The public key, for `GET /api/oprf/key` and for partners to pin. */
  readonly publicKey: Uint8Array
  /**
   * Evaluates a decoded request and proves it, one proof for the batch; the answer's serialized bytes (RFC 9497's
   * evaluation as voprf-ts frames it: the count, the evaluated elements, the mode byte, the proof).
   */
  readonly evaluateBlinded: (request: EvaluationRequest) => Promise<Uint8Array>
  /** The value of a BSN the server reads itself: equal to what a partner gets for it through blinding. */
  readonly evaluate: (bsn: string) => Promise<string>
}

/** The server of a private key. */
export const server = (privateKey: Uint8Array): Server => {
  const key = new Uint8Array(privateKey)
  return {
    publicKey: publicKeyOf(key),
    evaluateBlinded: async (request) => {
      await ready
      const evaluated = await mapYielding(request.blinded, (element) => Rfc9497.multiply(key, element))
      const proof = await Rfc9497.generateProof(key, request.blinded, evaluated, mode)
      const elements = framedElements(evaluated)
      const answer = new Uint8Array(elements.length + 1 + proofSize)
      answer.set(elements, 0)
      answer[elements.length] = mode
      answer.set(proof, elements.length + 1)
      return answer
    },
    evaluate: async (bsn) => {
      await ready
      return oprfValue(Rfc9497.evaluate(key, inputOf(bsn), mode))
    },
  }
}

/** What a partner keeps of a blinded batch to unblind the answer: the inputs, their blinds and the request's elements. */
export interface FinalizeData {
  readonly inputs: ReadonlyArray<Uint8Array>
  readonly blinds: ReadonlyArray<Uint8Array>
  readonly blinded: ReadonlyArray<Uint8Array>
}

/** A blinded batch: the request to send and what the partner keeps to unblind the answer. */
export interface Blinded {
  readonly request: Uint8Array
  readonly state: FinalizeData
}

/** The partner's side, bound to the server's public key it checks every answer against. */
export interface Client {
  /** Blinds BSNs (checked with the eleven-test) into one request. */
  readonly blind: (bsns: ReadonlyArray<string>) => Promise<Blinded | OprfError>
  /** Verifies the server's proof against the pinned key and unblinds: one value per BSN, in order. */
  readonly finalize: (blinded: Blinded, answer: Uint8Array) => Promise<ReadonlyArray<string> | OprfError>
}

/** The client of the server's public key. */
export const client = (publicKey: Uint8Array): Client => {
  if (!isPublicKey(publicKey)) throw new OprfError({ reason: "wrong-key", detail: "not a ristretto255 public key" })
  const pinned = new Uint8Array(publicKey)
  return {
    blind: async (bsns) => {
      if (bsns.length === 0) return new OprfError({ reason: "empty", detail: "nothing to blind" })
      if (bsns.length > maxBatch) {
        return new OprfError({ reason: "too-many", detail: `at most ${maxBatch} BSNs per request` })
      }
      for (const [i, bsn] of bsns.entries()) {
        if (Bsn.problem(bsn) !== undefined) return new OprfError({ reason: "not-a-bsn", index: i, detail: "not a BSN" })
      }
      await ready
      const inputs = bsns.map(inputOf)
      const blinds = inputs.map(() => Rfc9497.randomScalar())
      const blinded = inputs.map((input, i) =>
        Rfc9497.multiply(blinds[i] as Uint8Array, Rfc9497.hashToGroup(input, mode)),
      )
      return { request: framedElements(blinded), state: { inputs, blinds, blinded } }
    },
    finalize: async (blinded, answer) => {
      await ready
      const n = blinded.state.inputs.length
      const count = answer.length >= 2 ? (answer[0] as number) * 256 + (answer[1] as number) : -1
      if (
        count !== n ||
        answer.length !== 2 + n * elementSize + 1 + proofSize ||
        answer[2 + n * elementSize] !== mode
      ) {
        return new OprfError({
          reason: "malformed-evaluation",
          detail: `the server's answer is not an evaluation of ${n} elements with a proof`,
        })
      }
      const evaluated: Array<Uint8Array> = []
      for (let i = 0; i < n; i++) {
        const element = answer.slice(2 + i * elementSize, 2 + (i + 1) * elementSize)
        if (!Rfc9497.isElement(element)) {
          return new OprfError({
            reason: "malformed-evaluation",
            index: i,
            detail: `the server's answer holds no point other than the identity at ${i}`,
          })
        }
        evaluated.push(element)
      }
      const proof = answer.slice(2 + n * elementSize + 1)
      if (!(await Rfc9497.verifyProof(pinned, blinded.state.blinded, evaluated, proof, mode))) {
        return new OprfError({
          reason: "wrong-proof",
          detail:
            "the server's proof does not hold for its published key: the answer was not made with the key this partner pinned; nothing is sent",
        })
      }
      return mapYielding(evaluated, (element, i) =>
        oprfValue(
          Rfc9497.finalizeHash(
            blinded.state.inputs[i] as Uint8Array,
            Rfc9497.multiply(Rfc9497.invert(blinded.state.blinds[i] as Uint8Array), element),
          ),
        ),
      )
    },
  }
}

/** Hex of bytes. */
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex")

/** Bytes of hex (64 characters for a key); undefined when it is not hex of that length. */
export const fromHex = (hex: string, length = elementSize): Uint8Array | undefined =>
  new RegExp(`^[0-9a-f]{${length * 2}}$`).test(hex) ? new Uint8Array(Buffer.from(hex, "hex")) : undefined
