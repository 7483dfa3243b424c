/**
 * The one `ManagedRuntime` the server shares between Hono and tRPC: the store on the configured database, the
 * region's reference data, the server-side adapters with the pseudonymiser secret, the delivery gate that a
 * graceful shutdown closes, and the short-lived answer cache. Disposing it closes the database.
 */

import type { Registry } from "@baken/adapter-kit"
import { registry } from "@baken/adapter-registry"
import { Environment } from "@baken/api"
import { gooiEnVechtstreek, linkedDomains, municipalities, taskAreas } from "@baken/domain/reference"
import { type Database, Store } from "@baken/store"
import { Layer, ManagedRuntime, type Redacted } from "effect"

/** The region this server serves: Gooi en Vechtstreek. */
export const referenceLayer = Layer.succeed(
  Environment.Reference,
  Environment.Reference.of({ region: gooiEnVechtstreek, municipalities, taskAreas, linkedDomains }),
)

/** The adapters this server, `baken ingest` and the dashboard offer: the one registry. */
export const serverAdapters: ReadonlyArray<Registry.Entry> = registry

/** The runtime the server's procedures run in. */
export type Runtime = ManagedRuntime.ManagedRuntime<Environment.Services, unknown>

/** Builds the shared runtime on `database`; `onOpen` says whether to migrate a server database at start. */
export const make = (options: {
  readonly database: Database.Config
  readonly pseudonymSecret: Redacted.Redacted<string> | undefined
  readonly oprfLimit?: { readonly base: number; readonly factor: number } | undefined
  readonly onOpen?: Database.OnOpen
}): Runtime =>
  ManagedRuntime.make(
    Layer.mergeAll(
      Store.layer(options.database, options.onOpen === undefined ? {} : { onOpen: options.onOpen }),
      referenceLayer,
      Layer.succeed(
        Environment.ServerAdapters,
        Environment.ServerAdapters.of({
          registry: serverAdapters,
          pseudonymSecret: options.pseudonymSecret,
          oprfLimit: options.oprfLimit,
        }),
      ),
      Environment.DeliveryGate.layer,
      Environment.AnswerCache.layer(),
    ),
  )
