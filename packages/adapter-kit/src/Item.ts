/**
 * What an adapter's stream carries: an accepted record (an observation or a pseudonymised person event) or a located
 * rejection. A delivery is the sequence of these; nothing else leaves an adapter.
 */
import { Delivery } from "@baken/domain"

/** A record the adapter accepted. */
export interface Accepted {
  readonly _tag: "Accepted"
  readonly record: Delivery.AcceptedRecord
}

/** Something the adapter refused, with where it is and why. */
export interface Rejected {
  readonly _tag: "Rejected"
  readonly rejection: Delivery.Rejection
}

/** One item of an adapter's output. */
export type Item = Accepted | Rejected

/** Wraps an accepted record as an item. */
export const accepted = (record: Delivery.AcceptedRecord): Item => ({ _tag: "Accepted", record })

/** The fields needed to describe a rejection, in the shape an adapter has them at hand. */
export interface RejectionInput {
  readonly location: {
    readonly file: string
    readonly message?: string | undefined
    readonly line?: number | undefined
    readonly column?: number | undefined
    readonly path?: string | undefined
  }
  readonly rule: string
  readonly field?: string | undefined
  readonly code?: string | undefined
  readonly nl: string
  readonly en: string
}

/** Builds a rejection item; optional fields that are undefined are left out. */
export const rejected = (input: RejectionInput): Item => ({ _tag: "Rejected", rejection: rejection(input) })

/** Builds a domain rejection; optional fields that are undefined are left out. */
export const rejection = (input: RejectionInput): Delivery.Rejection => {
  const { file, message, line, column, path } = input.location
  return new Delivery.Rejection({
    location: new Delivery.Location({
      file,
      ...(message === undefined ? {} : { message }),
      ...(line === undefined ? {} : { line }),
      ...(column === undefined ? {} : { column }),
      ...(path === undefined ? {} : { path }),
    }),
    ...(input.field === undefined ? {} : { field: input.field }),
    rule: input.rule,
    ...(input.code === undefined ? {} : { code: input.code }),
    message: new Delivery.Message({ nl: input.nl, en: input.en }),
  })
}

/** Whether an item is an accepted record. */
export const isAccepted = (item: Item): item is Accepted => item._tag === "Accepted"

/** Whether an item is a rejection. */
export const isRejected = (item: Item): item is Rejected => item._tag === "Rejected"

/** Whether a rejection says where it is: a file, and a line, an element path or a message within it. */
export const isLocated = (rejection: Delivery.Rejection): boolean => {
  const l = rejection.location
  return l.file.length > 0 && (l.line !== undefined || l.path !== undefined || l.message !== undefined)
}

/** The element path that means the whole file: a rejection there refuses the file, not one of its rows. */
export const wholeFile = "/"

/**
 * Whether a rejection refuses the file as a whole (a wrong format, an unreadable file, a CSV header) rather than one
 * row or element of it: it names no place in the file, or its path is `wholeFile`.
 */
export const refusesFile = (rejection: Delivery.Rejection): boolean =>
  !isLocated(rejection) || rejection.location.path === wholeFile

/**
 * Whether a delivery is refused as a whole: nothing in it was accepted and a rejection refuses the file itself. A
 * file whose rows are all rejected is read (its rejections say why); a file in another format is refused.
 */
export const refusedWhole = (accepted: number, aboutFile: boolean): boolean => accepted === 0 && aboutFile
