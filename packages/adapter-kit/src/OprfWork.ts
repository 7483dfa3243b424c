/**
 * The slices of OPRF work a partner or the server does on a batch, each a plain function of plain data (strings and
 * packed bytes: n elements or scalars of 32 bytes one after another) so that it runs the same in the calling thread
 * and in a worker thread (`OprfWorker`). `Oprf` cuts a batch into slices and adds their partial proof composites up.
 */
import * as Rfc9497 from "./Rfc9497.js"

const mode = Rfc9497.Mode.VOPRF
const size = 32
const encoder = new TextEncoder()

/** The bytes a BSN is evaluated as: its nine ASCII digits. */
export const inputOf = (bsn: string): Uint8Array => encoder.encode(bsn)

/** n 32-byte values, one after another. */
export const pack = (items: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(items.length * size)
  for (const [i, item] of items.entries()) out.set(item, i * size)
  return out
}

/** The 32-byte values packed in `bytes`. */
export const unpack = (bytes: Uint8Array): Array<Uint8Array> => {
  const out: Array<Uint8Array> = []
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size))
  return out
}

/** The value a push carries for an RFC 9497 output: its first 32 bytes, hex. */
export const oprfValue = (output: Uint8Array): string => Buffer.from(output.subarray(0, 32)).toString("hex")

/** A partner blinds BSNs: the blinded elements to send and the blinds it keeps. */
export interface Blind {
  readonly op: "blind"
  readonly bsns: ReadonlyArray<string>
}

/**
 * A partner checks and unblinds a slice of the server's answer: the slice's partial composites (for the batch's proof)
 * and its values; `invalid` names the first element of the answer that is not a point other than the identity.
 */
export interface Finalize {
  readonly op: "finalize"
  readonly seed: Uint8Array
  readonly offset: number
  readonly bsns: ReadonlyArray<string>
  readonly blinds: Uint8Array
  readonly blinded: Uint8Array
  readonly evaluated: Uint8Array
}

/** The server evaluates a slice of a blinded batch with its key, and sums the slice's part of M for the proof. */
export interface Evaluate {
  readonly op: "evaluate"
  readonly key: Uint8Array
  readonly seed: Uint8Array
  readonly offset: number
  readonly blinded: Uint8Array
}

/** The server evaluates BSNs it reads itself (an uploaded file). */
export interface Direct {
  readonly op: "direct"
  readonly key: Uint8Array
  readonly bsns: ReadonlyArray<string>
}

export type Task = Blind | Finalize | Evaluate | Direct

export interface Blinded {
  readonly blinded: Uint8Array
  readonly blinds: Uint8Array
}

export type Finalized =
  | { readonly m: Uint8Array; readonly z: Uint8Array; readonly values: ReadonlyArray<string> }
  | { readonly invalid: number }

export interface Evaluated {
  readonly evaluated: Uint8Array
  readonly m: Uint8Array
}

export interface Values {
  readonly values: ReadonlyArray<string>
}

export function run(task: Blind): Blinded
export function run(task: Finalize): Finalized
export function run(task: Evaluate): Evaluated
export function run(task: Direct): Values
export function run(task: Task): Blinded | Finalized | Evaluated | Values
export function run(task: Task): Blinded | Finalized | Evaluated | Values {
  switch (task.op) {
    case "blind": {
      const blinds = Rfc9497.randomScalars(task.bsns.length)
      const blinded = task.bsns.map((bsn, i) =>
        Rfc9497.multiply(blinds[i] as Uint8Array, Rfc9497.hashToGroup(inputOf(bsn), mode)),
      )
      return { blinded: pack(blinded), blinds: pack(blinds) }
    }
    case "finalize": {
      const evaluated = unpack(task.evaluated)
      for (const [i, element] of evaluated.entries()) {
        if (!Rfc9497.isElement(element)) return { invalid: task.offset + i }
      }
      const { m, z } = Rfc9497.compositeSums(task.seed, unpack(task.blinded), evaluated, task.offset, mode, true)
      const inverses = Rfc9497.invertAll(unpack(task.blinds))
      const values = evaluated.map((element, i) =>
        oprfValue(
          Rfc9497.finalizeHash(inputOf(task.bsns[i] as string), Rfc9497.multiply(inverses[i] as Uint8Array, element)),
        ),
      )
      return { m, z: z as Uint8Array, values }
    }
    case "evaluate": {
      const blinded = unpack(task.blinded)
      const evaluated = blinded.map((element) => Rfc9497.multiply(task.key, element))
      const { m } = Rfc9497.compositeSums(task.seed, blinded, evaluated, task.offset, mode, false)
      return { evaluated: pack(evaluated), m }
    }
    case "direct":
      return { values: task.bsns.map((bsn) => oprfValue(Rfc9497.evaluate(task.key, inputOf(bsn), mode))) }
  }
}
