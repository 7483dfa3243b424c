/**
 * What the API needs besides the store: the region and its municipalities (reference data the host chooses), the
 * adapters the server runs for uploads with the pseudonymiser's secret, and the gate that lets a graceful shutdown
 * wait for running deliveries. The host (the Hono server, or a test) provides these as layers.
 */
import type { Adapter, Pseudonymiser, Registry } from "@baken/adapter-kit"
import {
  type Disclosure,
  type Ids,
  type LinkedDomain,
  type Municipality,
  type Partner,
  type Region,
  RegionDefinition,
  type TaskArea,
} from "@baken/domain"
import { DataVersion, type Store } from "@baken/store"
import { Context, Effect, Layer, type Redacted } from "effect"

/**
 * The region the server serves and the municipalities that are, or were, its members: what the host read from the
 * region's definition (`RegionDefinition`), or made itself in a test.
 */
export class Reference extends Context.Service<
  Reference,
  {
    readonly region: Region.Region
    readonly municipalities: ReadonlyArray<Municipality.Municipality>
    /** The name in running text and page titles, e.g. `Gooi en Vechtstreek`; absent: `region.name`. */
    readonly shortName?: string
    /** Names of the task areas and linked domains, for council letters. */
    readonly taskAreas?: ReadonlyArray<TaskArea.TaskArea>
    readonly linkedDomains?: ReadonlyArray<LinkedDomain.LinkedDomain>
    /** The partner kinds the region knows with their Dutch names (the national ones and its own). */
    readonly partnerKinds?: ReadonlyArray<Partner.KindDescription>
    /** How the region numbers its documents; absent: any kenmerk is taken. */
    readonly kenmerk?: Ids.KenmerkPattern
    /** The years the region's plans span, for pages that name the plan period. */
    readonly years?: { readonly firstYear: number; readonly lastYear: number }
    /** How the region opens, closes and signs its letters to the councils; absent: the usual Dutch wording. */
    readonly letter?: { readonly salutation: string; readonly closing: string; readonly signatory: string }
    /** The region's disclosure rules per audience; audiences it does not name keep CBS practice. */
    readonly disclosure?: Disclosure.Configuration
  }
>()("@baken/api/Reference") {}

/** The reference a server takes from a region's definition: what every page and procedure says about the region. */
export const referenceOf = (definition: RegionDefinition.Definition): Reference["Service"] => {
  const years = RegionDefinition.yearsOf(definition)
  return Reference.of({
    region: definition.region,
    municipalities: definition.municipalities,
    shortName: RegionDefinition.shortNameOf(definition),
    taskAreas: RegionDefinition.taskAreasOf(definition),
    linkedDomains: RegionDefinition.linkedDomainsOf(definition),
    partnerKinds: RegionDefinition.partnerKindsOf(definition),
    kenmerk: definition.kenmerk,
    disclosure: RegionDefinition.disclosureOf(definition),
    ...(years === undefined ? {} : { years }),
    ...(definition.letter === undefined ? {} : { letter: definition.letter }),
  })
}

/** An adapter the server can run: it needs nothing but the pseudonymiser. */
export type ServerAdapter = Adapter.Adapter<Pseudonymiser.Pseudonymiser>

/**
 * The adapter registry this server runs for uploaded files and lists to partners, and the pseudonymiser secret the
 * adapters use (absent: no uploads).
 */
export class ServerAdapters extends Context.Service<
  ServerAdapters,
  {
    readonly registry: ReadonlyArray<Registry.Entry>
    /** Kept for hosts of before OPRF pseudonyms; uploads no longer need it (the server's own keys do). */
    readonly pseudonymSecret: Redacted.Redacted<string> | undefined
    /** How many OPRF evaluations a partner may ask for (default `Pseudonyms.defaultLimit`). */
    readonly oprfLimit?: { readonly base: number; readonly factor: number } | undefined
  }
>()("@baken/api/ServerAdapters") {
  /** No server-side adapters: partners push deliveries produced on their premises. */
  static readonly none = Layer.succeed(ServerAdapters, ServerAdapters.of({ registry: [], pseudonymSecret: undefined }))
}

/** Running deliveries: `run` wraps one so that shutdown can wait for it; after `close` new ones are refused. */
export class DeliveryGate extends Context.Service<
  DeliveryGate,
  {
    readonly run: <A, E, R>(delivery: Effect.Effect<A, E, R>) => Effect.Effect<A, E | ShuttingDown, R>
    /** Refuses new deliveries and waits until the running ones are done. */
    readonly close: Effect.Effect<void>
    /** How many deliveries are running now. */
    readonly running: Effect.Effect<number>
  }
>()("@baken/api/DeliveryGate") {
  /** A gate kept in this process. */
  static readonly layer = Layer.sync(DeliveryGate, () => {
    let running = 0
    let closed = false
    let waiters: Array<() => void> = []
    const done = () => {
      running -= 1
      if (running === 0) {
        for (const w of waiters) w()
        waiters = []
      }
    }
    return DeliveryGate.of({
      run: <A, E, R>(delivery: Effect.Effect<A, E, R>) =>
        Effect.suspend((): Effect.Effect<A, E | ShuttingDown, R> => {
          if (closed) return Effect.fail(new ShuttingDown())
          running += 1
          return Effect.ensuring(delivery, Effect.sync(done))
        }),
      close: Effect.callback<void>((resume) => {
        closed = true
        if (running === 0) resume(Effect.void)
        else waiters.push(() => resume(Effect.void))
      }),
      running: Effect.sync(() => running),
    })
  })
}

/** The server is shutting down and takes no new deliveries. */
export class ShuttingDown extends Error {
  readonly _tag = "ShuttingDown"
  constructor() {
    super("the server is shutting down and takes no new deliveries; send it again in a minute")
  }
}

/**
 * A short-lived cache of derived answers (published figure tables, verified tokens) kept in this process. Entries
 * live `ttlMs` at most and only while the store's data version (`DataVersion.current`) is the one they were computed
 * at, so a change this process knows of is seen by the next call.
 */
export class AnswerCache extends Context.Service<
  AnswerCache,
  {
    readonly cached: <A, E, R>(key: string, ttlMs: number, compute: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
    /** Forgets everything, e.g. after a delivery changed the figures. */
    readonly clear: Effect.Effect<void>
  }
>()("@baken/api/AnswerCache") {
  /** A cache of at most `maxEntries` answers in this process. */
  static readonly layer = (maxEntries = 1000) =>
    Layer.sync(AnswerCache, () => {
      const entries = new Map<string, { readonly until: number; readonly version: number; readonly value: unknown }>()
      return AnswerCache.of({
        cached: <A, E, R>(key: string, ttlMs: number, compute: Effect.Effect<A, E, R>) =>
          Effect.suspend(() => {
            const now = Date.now()
            // An answer counts for the data version it was computed from: one begun before a change is not kept
            // past it, so a page rendered after a delivery never reads the figures from before it.
            const version = DataVersion.current()
            const hit = entries.get(key)
            if (hit !== undefined && hit.until > now && hit.version === version) return Effect.succeed(hit.value as A)
            return Effect.tap(compute, (value) =>
              Effect.sync(() => {
                if (entries.size >= maxEntries) entries.clear()
                entries.set(key, { until: Date.now() + ttlMs, version, value })
              }),
            )
          }),
        clear: Effect.sync(() => entries.clear()),
      })
    })

  /** No caching: every call computes (tests that need fresh answers). */
  static readonly none = Layer.succeed(
    AnswerCache,
    AnswerCache.of({ cached: (_key, _ttl, compute) => compute, clear: Effect.void }),
  )
}

/** How long a published figure table and a verified token are reused, in milliseconds. */
export const answerTtlMs = 5_000

/** Every service the API's procedures run with. */
export type Services = Store.Services | Reference | ServerAdapters | DeliveryGate | AnswerCache
