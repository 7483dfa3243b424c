/**
 * RFC 9497 for the one suite the kit uses, ristretto255-SHA512, on WASM libsodium (`libsodium-wrappers-sumo`) and
 * node:crypto's SHA-512: the hot paths of `Oprf` (hash-to-group, scalar multiplication, Finalize, the batched DLEQ
 * proof) 3–10× faster than the pure-JavaScript group of `@cloudflare/voprf-ts`, with byte-for-byte the same outputs
 * (RFC 9497 Appendix A vectors and a property against voprf-ts in the kit's tests).
 *
 * Everything here but the proofs (which yield to the event loop between slices of a batch) is synchronous once
 * `ready` has resolved; callers await `ready` once.
 */

import { createHash, randomFillSync } from "node:crypto"
import sodium from "libsodium-wrappers-sumo"

/** Resolves when the WASM module is loaded; every other function here needs it. */
export const ready: Promise<void> = sodium.ready

/** RFC 9497 modes: OPRF (0x00) and VOPRF (0x01). The kit's pseudonyms are VOPRF-mode values. */
export const Mode = { OPRF: 0, VOPRF: 1 } as const
export type Mode = (typeof Mode)[keyof typeof Mode]

const identifier = "ristretto255-SHA512"
const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "latin1"))

/** contextString = "OPRFV1-" || I2OSP(mode, 1) || "-" || identifier. */
const contextString = (mode: Mode): Uint8Array =>
  new Uint8Array(Buffer.concat([ascii("OPRFV1-"), Uint8Array.of(mode), ascii(`-${identifier}`)]))

const dsts = (mode: Mode) => {
  const context = contextString(mode)
  return {
    hashToGroup: new Uint8Array(Buffer.concat([ascii("HashToGroup-"), context])),
    hashToScalar: new Uint8Array(Buffer.concat([ascii("HashToScalar-"), context])),
    seed: new Uint8Array(Buffer.concat([ascii("Seed-"), context])),
  }
}
const dstOf = { [Mode.OPRF]: dsts(Mode.OPRF), [Mode.VOPRF]: dsts(Mode.VOPRF) }

const sha512 = (...parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const hash = createHash("sha512")
  for (const part of parts) hash.update(part)
  return new Uint8Array(hash.digest().buffer.slice(0))
}

/** I2OSP(n, 2). */
const u16 = (n: number): Uint8Array => {
  if (!(Number.isInteger(n) && n >= 0 && n <= 0xffff)) throw new RangeError(`${n} does not fit in two bytes`)
  return Uint8Array.of(n >> 8, n & 0xff)
}

/** I2OSP(len(bytes), 2) || bytes. */
const framed = (bytes: Uint8Array): ReadonlyArray<Uint8Array> => [u16(bytes.length), bytes]

const zPad = new Uint8Array(128) // s_in_bytes of SHA-512

/** expand_message_xmd with SHA-512 (RFC 9380 §5.3.1): b_in_bytes 64, s_in_bytes 128. */
export const expandMessageXmd = (msg: Uint8Array, dst: Uint8Array, lenInBytes: number): Uint8Array => {
  const ell = Math.ceil(lenInBytes / 64)
  if (ell > 255 || lenInBytes > 65535 || lenInBytes < 1) throw new RangeError("expand_message_xmd: len_in_bytes")
  if (dst.length > 255) throw new RangeError("expand_message_xmd: DST longer than 255 bytes")
  const dstPrime = new Uint8Array([...dst, dst.length])
  const b0 = sha512(zPad, msg, u16(lenInBytes), Uint8Array.of(0), dstPrime)
  const out = new Uint8Array(ell * 64)
  let previous = sha512(b0, Uint8Array.of(1), dstPrime)
  out.set(previous, 0)
  for (let i = 2; i <= ell; i++) {
    const xored = new Uint8Array(64)
    for (let j = 0; j < 64; j++) xored[j] = (b0[j] as number) ^ (previous[j] as number)
    previous = sha512(xored, Uint8Array.of(i), dstPrime)
    out.set(previous, (i - 1) * 64)
  }
  return out.subarray(0, lenInBytes)
}

/** HashToGroup: expand_message_xmd to 64 bytes, then the ristretto255 one-way map (RFC 9496 §4.3.4). */
export const hashToGroup = (input: Uint8Array, mode: Mode): Uint8Array =>
  sodium.crypto_core_ristretto255_from_hash(expandMessageXmd(input, dstOf[mode].hashToGroup, 64))

/** HashToScalar: expand_message_xmd to 64 bytes, read little-endian, reduced modulo the group order. */
export const hashToScalar = (input: Uint8Array, mode: Mode): Uint8Array =>
  sodium.crypto_core_ristretto255_scalar_reduce(expandMessageXmd(input, dstOf[mode].hashToScalar, 64))

/** scalar · element (both serialized); throws when the product is the identity (a zero scalar). */
export const multiply = (scalar: Uint8Array, element: Uint8Array): Uint8Array =>
  sodium.crypto_scalarmult_ristretto255(scalar, element)

/** scalar · generator. */
export const multiplyGenerator = (scalar: Uint8Array): Uint8Array => sodium.crypto_scalarmult_ristretto255_base(scalar)

const identityBytes = new Uint8Array(32)

/** Whether 32 bytes are the canonical encoding of a ristretto255 point other than the identity. */
export const isElement = (bytes: Uint8Array): boolean =>
  bytes.length === 32 && !sodium.memcmp(bytes, identityBytes) && sodium.crypto_core_ristretto255_is_valid_point(bytes)

/** Whether 32 bytes are a canonical, non-zero scalar (little-endian, below the group order). */
export const isScalar = (bytes: Uint8Array): boolean =>
  bytes.length === 32 &&
  !sodium.memcmp(bytes, identityBytes) &&
  sodium.memcmp(sodium.crypto_core_ristretto255_scalar_reduce(new Uint8Array([...bytes, ...identityBytes])), bytes)

/**
 * `n` uniformly random non-zero scalars: 64 random bytes each, reduced modulo the group order (RFC 9380's way to a
 * scalar, bias below 2⁻²⁵⁰), drawn from node:crypto at once (libsodium's own random scalar asks the system for four
 * bytes at a time, which made a quarter of a partner's cost).
 */
export const randomScalars = (n: number): Array<Uint8Array> => {
  const wide = randomFillSync(new Uint8Array(64 * n))
  const out: Array<Uint8Array> = []
  for (let i = 0; i < n; i++) {
    const scalar = sodium.crypto_core_ristretto255_scalar_reduce(wide.subarray(i * 64, (i + 1) * 64))
    out.push(sodium.memcmp(scalar, identityBytes) ? (randomScalars(1)[0] as Uint8Array) : scalar)
  }
  wide.fill(0)
  return out
}

/** A uniformly random non-zero scalar. */
export const randomScalar = (): Uint8Array => randomScalars(1)[0] as Uint8Array

/** The inverse of a non-zero scalar. */
export const invert = (scalar: Uint8Array): Uint8Array => sodium.crypto_core_ristretto255_scalar_invert(scalar)

const multiplyScalars = (a: Uint8Array, b: Uint8Array): Uint8Array => sodium.crypto_core_ristretto255_scalar_mul(a, b)

/** The inverses of non-zero scalars, with one inversion for all (Montgomery's trick: three products each instead). */
export const invertAll = (scalars: ReadonlyArray<Uint8Array>): Array<Uint8Array> => {
  const n = scalars.length
  if (n === 0) return []
  const prefix: Array<Uint8Array> = [scalars[0] as Uint8Array]
  for (let i = 1; i < n; i++) prefix.push(multiplyScalars(prefix[i - 1] as Uint8Array, scalars[i] as Uint8Array))
  let inverse = invert(prefix[n - 1] as Uint8Array)
  const out: Array<Uint8Array> = new Array(n)
  for (let i = n - 1; i > 0; i--) {
    out[i] = multiplyScalars(inverse, prefix[i - 1] as Uint8Array)
    inverse = multiplyScalars(inverse, scalars[i] as Uint8Array)
  }
  out[0] = inverse
  return out
}

const finalizeLabel = ascii("Finalize")

/** Finalize: SHA-512(I2OSP(len(input), 2) || input || I2OSP(len(element), 2) || element || "Finalize"). */
export const finalizeHash = (input: Uint8Array, element: Uint8Array): Uint8Array =>
  sha512(...framed(input), ...framed(element), finalizeLabel)

/** The server's Evaluate of an input it holds: Finalize(input, key · HashToGroup(input)). */
export const evaluate = (key: Uint8Array, input: Uint8Array, mode: Mode): Uint8Array =>
  finalizeHash(input, multiply(key, hashToGroup(input, mode)))

const compositeLabel = ascii("Composite")
/** Elements between two yields to the event loop in a proof's composites (a batch is seconds of WASM). */
const yieldEvery = 64
const challengeLabel = ascii("Challenge")
const add = (p: Uint8Array, q: Uint8Array): Uint8Array => sodium.crypto_core_ristretto255_add(p, q)

/** The seed of a proof's composites (RFC 9497 §2.2.1): it depends on the public key only. */
export const compositeSeed = (publicKey: Uint8Array, mode: Mode): Uint8Array =>
  sha512(...framed(publicKey), ...framed(dstOf[mode].seed))

/** Partial composites: Σ dᵢ·Cᵢ and (unless the prover asks, who has the key) Σ dᵢ·Dᵢ over some of a batch's elements. */
export interface CompositeSums {
  readonly m: Uint8Array
  readonly z: Uint8Array | undefined
}

/**
 * Σ dᵢ·Cᵢ (and Σ dᵢ·Dᵢ when `withZ`) over `c` and `d`, the elements `offset`… of a batch, synchronously: one slice of
 * ComputeComposites, for a worker thread or between two yields. The slices' sums add up to the batch's composites.
 */
export const compositeSums = (
  seed: Uint8Array,
  c: ReadonlyArray<Uint8Array>,
  d: ReadonlyArray<Uint8Array>,
  offset: number,
  mode: Mode,
  withZ: boolean,
): CompositeSums => {
  let m: Uint8Array | undefined
  let z: Uint8Array | undefined
  for (let j = 0; j < c.length; j++) {
    const ci = c[j] as Uint8Array
    const di = d[j] as Uint8Array
    const scalar = hashToScalar(
      new Uint8Array(Buffer.concat([...framed(seed), u16(offset + j), ...framed(ci), ...framed(di), compositeLabel])),
      mode,
    )
    const mi = multiply(scalar, ci)
    m = m === undefined ? mi : add(m, mi)
    if (withZ) {
      const zi = multiply(scalar, di)
      z = z === undefined ? zi : add(z, zi)
    }
  }
  if (m === undefined) throw new RangeError("a proof covers at least one element")
  return { m, z }
}

/** The sum of slices' partial composites, in any order. */
export const addSums = (sums: ReadonlyArray<CompositeSums>): CompositeSums => {
  if (sums.length === 0) throw new RangeError("a proof covers at least one element")
  return sums.reduce((a, b) => ({
    m: add(a.m, b.m),
    z: a.z === undefined || b.z === undefined ? undefined : add(a.z, b.z),
  }))
}

/** ComputeComposites over a whole batch in the calling thread, yielding to the event loop between slices. */
const composites = async (
  publicKey: Uint8Array,
  c: ReadonlyArray<Uint8Array>,
  d: ReadonlyArray<Uint8Array>,
  mode: Mode,
  withZ: boolean,
): Promise<CompositeSums> => {
  const seed = compositeSeed(publicKey, mode)
  const sums: Array<CompositeSums> = []
  for (let i = 0; i < c.length; i += yieldEvery) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve))
    sums.push(compositeSums(seed, c.slice(i, i + yieldEvery), d.slice(i, i + yieldEvery), i, mode, withZ))
  }
  return addSums(sums)
}

const challenge = (points: ReadonlyArray<Uint8Array>, mode: Mode): Uint8Array =>
  hashToScalar(new Uint8Array(Buffer.concat([...points.flatMap(framed), challengeLabel])), mode)

/**
 * GenerateProof (RFC 9497 §2.2.2) for B = key · generator over blinded elements C and their evaluations D: c || s,
 * 64 bytes. `random` is the proof's random scalar (fresh unless a test vector names it).
 */
export const generateProof = async (
  key: Uint8Array,
  c: ReadonlyArray<Uint8Array>,
  d: ReadonlyArray<Uint8Array>,
  mode: Mode,
  random: Uint8Array = randomScalar(),
): Promise<Uint8Array> => proofOf(key, (await composites(multiplyGenerator(key), c, d, mode, false)).m, mode, random)

/** The proof for a batch whose M = Σ dᵢ·Cᵢ is known (ComputeCompositesFast: Z = key · M). */
export const proofOf = (
  key: Uint8Array,
  m: Uint8Array,
  mode: Mode,
  random: Uint8Array = randomScalar(),
): Uint8Array => {
  const publicKey = multiplyGenerator(key)
  const z = multiply(key, m)
  const t2 = multiplyGenerator(random)
  const t3 = multiply(random, m)
  const cScalar = challenge([publicKey, m, z, t2, t3], mode)
  const s = sodium.crypto_core_ristretto255_scalar_sub(random, sodium.crypto_core_ristretto255_scalar_mul(cScalar, key))
  return new Uint8Array([...cScalar, ...s])
}

/** VerifyProof (RFC 9497 §2.2.3): whether the 64-byte proof holds for the public key over C and D. */
export const verifyProof = async (
  publicKey: Uint8Array,
  c: ReadonlyArray<Uint8Array>,
  d: ReadonlyArray<Uint8Array>,
  proof: Uint8Array,
  mode: Mode,
): Promise<boolean> => {
  if (c.length === 0 || c.length !== d.length) return false
  try {
    return provesOut(publicKey, await composites(publicKey, c, d, mode, true), proof, mode)
  } catch {
    return false // a product libsodium refuses (the identity): no proof of ours holds there
  }
}

/** Whether the 64-byte proof holds for the public key and a batch's composites M and Z (its `compositeSums`). */
export const provesOut = (publicKey: Uint8Array, sums: CompositeSums, proof: Uint8Array, mode: Mode): boolean => {
  if (proof.length !== 64 || sums.z === undefined) return false
  const cScalar = proof.subarray(0, 32)
  const s = proof.subarray(32, 64)
  if (!isCanonicalScalar(cScalar) || !isCanonicalScalar(s)) return false
  try {
    // t2 = s·A + c·B, t3 = s·M + c·Z; libsodium refuses a zero scalar (identity product), so those terms drop out.
    const t2 = sum([timesOrNothing(s, undefined), timesOrNothing(cScalar, publicKey)])
    const t3 = sum([timesOrNothing(s, sums.m), timesOrNothing(cScalar, sums.z)])
    if (t2 === undefined || t3 === undefined) return false
    return sodium.memcmp(challenge([publicKey, sums.m, sums.z, t2, t3], mode), cScalar)
  } catch {
    return false
  }
}

/** A scalar below the group order (zero included), as voprf-ts's deserialisation demands. */
const isCanonicalScalar = (bytes: Uint8Array): boolean =>
  sodium.memcmp(sodium.crypto_core_ristretto255_scalar_reduce(new Uint8Array([...bytes, ...identityBytes])), bytes)

const timesOrNothing = (scalar: Uint8Array, element: Uint8Array | undefined): Uint8Array | undefined => {
  if (sodium.memcmp(scalar, identityBytes)) return undefined
  return element === undefined ? multiplyGenerator(scalar) : multiply(scalar, element)
}

const sum = (terms: ReadonlyArray<Uint8Array | undefined>): Uint8Array | undefined => {
  const present = terms.filter((t): t is Uint8Array => t !== undefined)
  if (present.length === 0) return undefined
  return present.reduce((a, b) => add(a, b))
}
