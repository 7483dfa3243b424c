/**
 * The adapter contract. An adapter is a plain value: an id, the partner kinds it serves, the formats it reads, and a
 * `read` that turns a source (a file, a folder or archive of files, a feed page) into a stream of accepted records
 * and located rejections. `read` never fails: everything wrong with the input becomes a rejection in the stream.
 */
import { Ids } from "@baken/domain"
import { Schema, type Stream } from "effect"
import type { Item } from "./Item.js"
import type { Pseudonymiser } from "./Pseudonymiser.js"
import type { Source } from "./Source.js"

/** A format an adapter reads, e.g. `{ id: "iwmo-3.2", extensions: [".xml", ".zip"], description: "…" }`. */
export interface Format {
  /** A stable slug for the format and its version. */
  readonly id: string
  /** File name endings the adapter accepts, lower case with the dot. */
  readonly extensions: ReadonlyArray<string>
  /** One sentence, in Dutch, for a partner's data steward (the upload form and `baken ingest --help` show it). */
  readonly description: string
}

/** An adapter for one partner system; `R` is whatever else it needs besides the pseudonymiser. */
export interface Adapter<R = never> {
  readonly id: Ids.AdapterId
  /** Slugs of the kinds of partner that deliver this format, e.g. `zorgaanbieder`, `gemeente`. */
  readonly partnerKinds: ReadonlyArray<string>
  readonly formats: ReadonlyArray<Format>
  /** Reads a source lazily; the stream never fails, input problems are rejections. */
  readonly read: (source: Source) => Stream.Stream<Item, never, Pseudonymiser | R>
}

/** What `defineAdapter` takes: the adapter with its id as a plain string. */
export interface Definition<R> {
  readonly id: string
  readonly partnerKinds: ReadonlyArray<string>
  readonly formats: ReadonlyArray<Format>
  readonly read: (source: Source) => Stream.Stream<Item, never, Pseudonymiser | R>
}

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Checks a definition (slugs, at least one partner kind and format) and returns the adapter; throws when malformed. */
export const defineAdapter = <R = never>(definition: Definition<R>): Adapter<R> => {
  const id = Schema.decodeUnknownSync(Ids.AdapterId)(definition.id)
  if (definition.partnerKinds.length === 0) throw new TypeError(`adapter ${id}: name at least one partner kind`)
  for (const kind of definition.partnerKinds) {
    if (!slug.test(kind)) throw new TypeError(`adapter ${id}: partner kind "${kind}" is not a slug`)
  }
  if (definition.formats.length === 0) throw new TypeError(`adapter ${id}: name at least one format`)
  for (const format of definition.formats) {
    if (!slug.test(format.id)) throw new TypeError(`adapter ${id}: format id "${format.id}" is not a slug`)
  }
  return Object.freeze({
    id,
    partnerKinds: Object.freeze([...definition.partnerKinds]),
    formats: Object.freeze([...definition.formats]),
    read: definition.read,
  })
}
