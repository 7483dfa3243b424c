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

import { existsSync } from "node:fs"
import { availableParallelism } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { generatePublicKey, Oprf, randomPrivateKey, validatePublicKey } from "@cloudflare/voprf-ts"
import { CryptoNoble } from "@cloudflare/voprf-ts/crypto-noble"
import { Schema } from "effect"
import { Piscina } from "piscina"
import * as Bsn from "./Bsn.js"
import * as OprfWork from "./OprfWork.js"
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
export const oprfValue = OprfWork.oprfValue

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

/**
 * How many threads the OPRF work of a batch is spread over: `BAKEN_OPRF_THREADS`, else one per core. With one (or
 * where the worker module is not built, as when the kit's sources run under a test runner) it runs in the calling
 * thread, yielding to the event loop between slices of 64 elements: a batch of 4,000 is seconds of WASM, and a server
 * (or a CLI with a streaming body and keep-alive sockets) must keep answering meanwhile.
 */
export const defaultThreads = (): number => {
  const configured = Number(process.env.BAKEN_OPRF_THREADS)
  return Number.isInteger(configured) && configured >= 1 ? configured : availableParallelism()
}

/** The built worker module next to this one (ESM or CommonJS, as this one is), if there is one. */
const workerFile = (): string | undefined => {
  const here = fileURLToPath(import.meta.url) // tsup's shim gives CommonJS builds theirs
  const file = join(dirname(here), here.endsWith(".cjs") ? "OprfWorker.cjs" : "OprfWorker.js")
  return existsSync(file) ? file : undefined
}

let shared: { readonly threads: number; readonly pool: Piscina } | undefined

/** The process's pool of `threads` worker threads (one pool, made at first need; idle threads end after a while). */
const poolOf = (threads: number): Piscina | undefined => {
  if (threads <= 1) return undefined
  if (shared?.threads === threads) return shared.pool
  const filename = workerFile()
  if (filename === undefined) return undefined
  void shared?.pool.close()
  shared = { threads, pool: new Piscina({ filename, minThreads: 0, maxThreads: threads, idleTimeout: 5_000 }) }
  return shared.pool
}

/** How many worker threads the process's OPRF pool runs now (0 when the work runs in the calling thread). */
export const workerThreads = (): number => shared?.pool.threads.length ?? 0

/** Ends the worker threads (a long-running process need not: idle ones end by themselves). */
export const close = async (): Promise<void> => {
  const pool = shared?.pool
  shared = undefined
  await pool?.close()
}

/** Runs tasks on the pool, or in this thread one after the other with a yield between them. */
const runAll = async (tasks: ReadonlyArray<OprfWork.Task>, pool: Piscina | undefined): Promise<Array<unknown>> => {
  if (pool !== undefined) return Promise.all(tasks.map((task) => pool.run(task)))
  const out: Array<unknown> = []
  for (const [i, task] of tasks.entries()) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve))
    out.push(OprfWork.run(task))
  }
  return out
}

/** `items` cut into slices: 64 in this thread; on a pool about two per thread, so that every thread has work. */
const slicesOf = <A>(items: ReadonlyArray<A>, pool: Piscina | undefined, threads: number): Array<Array<A>> => {
  const size = pool === undefined ? 64 : Math.max(32, Math.ceil(items.length / (threads * 2)))
  const out: Array<Array<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const concat = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
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
  /** The values of BSNs the server reads itself, in order (spread over the threads). */
  readonly evaluateMany: (bsns: ReadonlyArray<string>) => Promise<ReadonlyArray<string>>
}

/** How many threads a client or server spreads a batch over (default `defaultThreads()`). */
export interface Options {
  readonly threads?: number
}

/** The server of a private key. */
export const server = (privateKey: Uint8Array, options: Options = {}): Server => {
  const key = new Uint8Array(privateKey)
  const publicKey = publicKeyOf(key)
  const threads = options.threads ?? defaultThreads()
  return {
    publicKey,
    evaluateBlinded: async (request) => {
      await ready
      const pool = poolOf(threads)
      const seed = Rfc9497.compositeSeed(publicKey, mode)
      let offset = 0
      const tasks = slicesOf(request.blinded, pool, threads).map((slice): OprfWork.Evaluate => {
        const task = { op: "evaluate", key, seed, offset, blinded: OprfWork.pack(slice) } as const
        offset += slice.length
        return task
      })
      const results = (await runAll(tasks, pool)) as Array<OprfWork.Evaluated>
      const proof = Rfc9497.proofOf(key, Rfc9497.addSums(results.map((r) => ({ m: r.m, z: undefined }))).m, mode)
      const elements = concat(results.map((r) => r.evaluated))
      const answer = new Uint8Array(2 + elements.length + 1 + proofSize)
      answer[0] = request.blinded.length >> 8
      answer[1] = request.blinded.length & 0xff
      answer.set(elements, 2)
      answer[2 + elements.length] = mode
      answer.set(proof, 2 + elements.length + 1)
      return answer
    },
    evaluate: async (bsn) => {
      await ready
      return oprfValue(Rfc9497.evaluate(key, OprfWork.inputOf(bsn), mode))
    },
    evaluateMany: async (bsns) => {
      await ready
      const pool = poolOf(threads)
      const tasks = slicesOf(bsns, pool, threads).map((slice): OprfWork.Direct => ({ op: "direct", key, bsns: slice }))
      return ((await runAll(tasks, pool)) as Array<OprfWork.Values>).flatMap((r) => r.values)
    },
  }
}

/** What a partner keeps of a blinded batch to unblind the answer: the BSNs, their blinds and the request's elements. */
export interface FinalizeData {
  readonly bsns: ReadonlyArray<string>
  /** The blinds, packed (32 bytes each). */
  readonly blinds: Uint8Array
  /** The blinded elements sent, packed. */
  readonly blinded: Uint8Array
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
export const client = (publicKey: Uint8Array, options: Options = {}): Client => {
  if (!isPublicKey(publicKey)) throw new OprfError({ reason: "wrong-key", detail: "not a ristretto255 public key" })
  const pinned = new Uint8Array(publicKey)
  const threads = options.threads ?? defaultThreads()
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
      const pool = poolOf(threads)
      const tasks = slicesOf(bsns, pool, threads).map((slice): OprfWork.Blind => ({ op: "blind", bsns: slice }))
      const results = (await runAll(tasks, pool)) as Array<OprfWork.Blinded>
      const blinded = concat(results.map((r) => r.blinded))
      const request = new Uint8Array(2 + blinded.length)
      request[0] = bsns.length >> 8
      request[1] = bsns.length & 0xff
      request.set(blinded, 2)
      return { request, state: { bsns: [...bsns], blinds: concat(results.map((r) => r.blinds)), blinded } }
    },
    finalize: async (blinded, answer) => {
      await ready
      const n = blinded.state.bsns.length
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
      const pool = poolOf(threads)
      const seed = Rfc9497.compositeSeed(pinned, mode)
      const indices = Array.from({ length: n }, (_, i) => i)
      const tasks = slicesOf(indices, pool, threads).map((slice): OprfWork.Finalize => {
        const from = slice[0] as number
        const to = from + slice.length
        return {
          op: "finalize",
          seed,
          offset: from,
          bsns: blinded.state.bsns.slice(from, to),
          blinds: blinded.state.blinds.slice(from * elementSize, to * elementSize),
          blinded: blinded.state.blinded.slice(from * elementSize, to * elementSize),
          evaluated: answer.slice(2 + from * elementSize, 2 + to * elementSize),
        }
      })
      let results: Array<OprfWork.Finalized>
      try {
        results = (await runAll(tasks, pool)) as Array<OprfWork.Finalized>
      } catch {
        return wrongProof() // a product libsodium refuses (the identity): no proof of ours holds there
      }
      const invalid = results.find((r): r is { readonly invalid: number } => "invalid" in r)
      if (invalid !== undefined) {
        return new OprfError({
          reason: "malformed-evaluation",
          index: invalid.invalid,
          detail: `the server's answer holds no point other than the identity at ${invalid.invalid}`,
        })
      }
      const done = results as Array<Exclude<OprfWork.Finalized, { readonly invalid: number }>>
      const proof = answer.slice(2 + n * elementSize + 1)
      if (!Rfc9497.provesOut(pinned, Rfc9497.addSums(done), proof, mode)) return wrongProof()
      return done.flatMap((r) => r.values)
    },
  }
}

const wrongProof = () =>
  new OprfError({
    reason: "wrong-proof",
    detail:
      "the server's proof does not hold for its published key: the answer was not made with the key this partner pinned; nothing is sent",
  })

/** Hex of bytes. */
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex")

/** Bytes of hex (64 characters for a key); undefined when it is not hex of that length. */
export const fromHex = (hex: string, length = elementSize): Uint8Array | undefined =>
  new RegExp(`^[0-9a-f]{${length * 2}}$`).test(hex) ? new Uint8Array(Buffer.from(hex, "hex")) : undefined
