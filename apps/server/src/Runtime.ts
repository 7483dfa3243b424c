/**
 * The one `ManagedRuntime` the server shares between Hono and tRPC: the store on the configured database, the
 * region it serves (read from a region definition: `baken serve --region <file>`, else Gooi en Vechtstreek's), the
 * server-side adapters for that region with the pseudonymiser secret, the delivery gate that a graceful shutdown
 * closes, and the short-lived answer cache. Disposing it closes the database.
 */

import { Scope } from "@baken/adapter-csv"
import type { Registry } from "@baken/adapter-kit"
import { registry, registryFor } from "@baken/adapter-registry"
import { Environment } from "@baken/api"
import type { RegionDefinition } from "@baken/domain"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import { type Database, Store } from "@baken/store"
import { Layer, ManagedRuntime, type Redacted } from "effect"

/** The region a server serves when it is given no definition: Gooi en Vechtstreek, shipped as data. */
export const defaultRegion: RegionDefinition.Definition = gooiEnVechtstreek

/** The region `definition` names, as the API's reference layer. */
export const referenceLayerOf = (definition: RegionDefinition.Definition) =>
  Layer.succeed(Environment.Reference, Environment.referenceOf(definition))

/** The default region as the API's reference layer. */
export const referenceLayer = referenceLayerOf(defaultRegion)

/** The adapters `baken ingest` lists in its help: the one registry (for no region in particular). */
export const serverAdapters: ReadonlyArray<Registry.Entry> = registry

const adaptersByRegion = new WeakMap<RegionDefinition.Definition, ReadonlyArray<Registry.Entry>>()

/**
 * The adapters a server offers for `definition`: the one registry, its CSV formats checked against that region's
 * members and plan years (`Scope.ofRegion`); no region is built into the adapters themselves.
 */
export const adaptersFor = (definition: RegionDefinition.Definition): ReadonlyArray<Registry.Entry> => {
  let entries = adaptersByRegion.get(definition)
  if (entries === undefined) {
    entries = registryFor(Scope.ofRegion(definition))
    adaptersByRegion.set(definition, entries)
  }
  return entries
}

/** The runtime the server's procedures run in. */
export type Runtime = ManagedRuntime.ManagedRuntime<Environment.Services, unknown>

/** Builds the shared runtime on `database`; `onOpen` says whether to migrate a server database at start. */
export const make = (options: {
  readonly database: Database.Config
  readonly pseudonymSecret: Redacted.Redacted<string> | undefined
  readonly oprfLimit?: { readonly base: number; readonly factor: number } | undefined
  readonly onOpen?: Database.OnOpen
  /** The region served; absent: `defaultRegion`. */
  readonly region?: RegionDefinition.Definition | undefined
}): Runtime =>
  ManagedRuntime.make(
    Layer.mergeAll(
      Store.layer(options.database, options.onOpen === undefined ? {} : { onOpen: options.onOpen }),
      referenceLayerOf(options.region ?? defaultRegion),
      Layer.succeed(
        Environment.ServerAdapters,
        Environment.ServerAdapters.of({
          registry: adaptersFor(options.region ?? defaultRegion),
          pseudonymSecret: options.pseudonymSecret,
          oprfLimit: options.oprfLimit,
        }),
      ),
      Environment.DeliveryGate.layer,
      Environment.AnswerCache.layer(),
    ),
  )
