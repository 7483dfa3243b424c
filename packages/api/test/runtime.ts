// A runtime for tests: the store in memory (embedded PGlite), Gooi en Vechtstreek as reference, no server adapters.
import type { Registry } from "@baken/adapter-kit"
import { DeliveryRights, Indicator, Partner } from "@baken/domain"
import * as Demo from "@baken/region-gooi-en-vechtstreek/demo"
import { gooiEnVechtstreek, municipalities, plan2017, plan2022 } from "@baken/region-gooi-en-vechtstreek/reference"
import { PlanRepository, Store } from "@baken/store"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import type { Caller } from "../src/Audience.js"
import { AnswerCache, DeliveryGate, Reference, ServerAdapters } from "../src/Environment.js"
import * as Entities from "../src/PlanEntities.js"
import { appRouter } from "../src/Router.js"
import { createCallerFactory } from "../src/Trpc.js"

/** A fresh in-memory runtime; the `registry`'s adapters (with a test secret) are the ones it runs for uploads. */
export const makeRuntime = (registry: ReadonlyArray<Registry.Entry> = []) =>
  ManagedRuntime.make(
    Layer.mergeAll(
      Store.layer({ _tag: "Embedded" }),
      Layer.succeed(Reference, Reference.of({ region: gooiEnVechtstreek, municipalities })),
      registry.length === 0
        ? ServerAdapters.none
        : Layer.succeed(
            ServerAdapters,
            ServerAdapters.of({ registry, pseudonymSecret: Redacted.make("TEST-ONLY secret, keys no real BSN") }),
          ),
      DeliveryGate.layer,
      AnswerCache.none,
    ),
  )

const factory = createCallerFactory(appRouter)

/** A server-side caller acting as `caller`. */
export const callerFor = (runtime: ReturnType<typeof makeRuntime>, caller: Caller) =>
  factory({ caller, requestId: "test", runtime })

/** One caller of every audience. */
export const callers: Record<Caller["audience"], Caller> = {
  public: { audience: "public" },
  partner: { audience: "partner", partner: "demo-zorgaanbieder" as never, tokenId: "0000000000000001" },
  municipality: { audience: "municipality", municipality: "GM0402" as never, tokenId: "0000000000000002" },
  region: { audience: "region", tokenId: "0000000000000003" },
  admin: { audience: "admin", tokenId: "0000000000000004" },
}

/**
 * Stores what a delivery is checked against: both reference plans, the demo indicators plus `extra`, and the test
 * partner delivering through `adapters` (with `indicators` allowed through the generic ones).
 */
export const seedDeliveries = (
  runtime: ReturnType<typeof makeRuntime>,
  options: {
    readonly adapters: ReadonlyArray<string>
    readonly indicators?: ReadonlyArray<string>
    readonly extra?: ReadonlyArray<Indicator.Indicator>
  },
) =>
  runtime.runPromise(
    PlanRepository.PlanRepository.use((repo) =>
      Effect.gen(function* () {
        yield* repo.put(Entities.plan, { plan: plan2017, status: { _tag: "Draft" } as never })
        yield* repo.put(Entities.plan, { plan: plan2022, status: Demo.status })
        for (const i of [...Demo.indicators, ...(options.extra ?? [])])
          yield* repo.put(Entities.indicator(plan2022.id), i)
        const partner = new Partner.Partner({
          id: "demo-zorgaanbieder" as never,
          name: "TEST zorgaanbieder",
          kind: "zorgaanbieder",
          adapters: options.adapters as never,
        })
        yield* repo.put(Entities.partner, partner)
        if (options.indicators !== undefined) {
          yield* repo.put(
            Entities.deliveryRights,
            DeliveryRights.DeliveryRights.make({
              partner: partner.id,
              adapters: partner.adapters,
              indicators: options.indicators as never,
            }),
          )
        }
      }),
    ),
  )

/** A count indicator of the catalogue, for tests that deliver figures of their own. */
export const countIndicator = (id: string, adapter = "observations-csv") =>
  Indicator.Indicator.make({
    id: id as never,
    name: `TEST ${id}`,
    definition: "a test count",
    unit: "count",
    direction: "lower-is-better",
    aggregation: { _tag: "Sum" },
    source: { adapter: adapter as never, description: "test" },
    disclosure: "person-counts",
  })
