/**
 * An adapter registry: the adapters a server, the `baken` CLI and the dashboard offer, each with what a partner and
 * a data steward need to know about it — its Dutch name, the kinds of partner that deliver it, the kind of period it
 * delivers and whether it carries aggregated figures or pseudonymised person events. The host builds one registry
 * (see `@baken/adapter-registry`) and every surface reads that one list.
 */
import type { Ids, Period } from "@baken/domain"
import type { Adapter, Format } from "./Adapter.js"
import type { Pseudonymiser } from "./Pseudonymiser.js"

/** What a delivery through an adapter carries. */
export type Carries = "observations" | "person-events"

/** One registered adapter. */
export interface Entry {
  readonly adapter: Adapter<Pseudonymiser>
  /** The Dutch name a partner sees in the upload form and `baken ingest --help`. */
  readonly name: string
  /** The period kind of the figures or events it delivers (person events are counted per month). */
  readonly periodKind: Period.Kind | "any"
  readonly carries: Carries
}

/** An entry as plain data, for the API and the dashboard. */
export interface Description {
  readonly id: Ids.AdapterId
  readonly name: string
  readonly partnerKinds: ReadonlyArray<string>
  readonly periodKind: Period.Kind | "any"
  readonly carries: Carries
  readonly formats: ReadonlyArray<Format>
}

/** The entry as plain data. */
export const describe = (entry: Entry): Description => ({
  id: entry.adapter.id,
  name: entry.name,
  partnerKinds: entry.adapter.partnerKinds,
  periodKind: entry.periodKind,
  carries: entry.carries,
  formats: entry.adapter.formats,
})

/** The entry with this id, if the registry has one. */
export const find = (registry: ReadonlyArray<Entry>, id: string): Entry | undefined =>
  registry.find((e) => e.adapter.id === id)
