// A runtime for tests: the store in memory (embedded PGlite), Gooi en Vechtstreek as reference, no server adapters.
import { gooiEnVechtstreek, municipalities } from "@baken/domain/reference"
import { Store } from "@baken/store"
import { Layer, ManagedRuntime } from "effect"
import type { Caller } from "../src/Audience.js"
import { AnswerCache, DeliveryGate, Reference, ServerAdapters } from "../src/Environment.js"
import { appRouter } from "../src/Router.js"
import { createCallerFactory } from "../src/Trpc.js"

/** A fresh in-memory runtime. */
export const makeRuntime = () =>
  ManagedRuntime.make(
    Layer.mergeAll(
      Store.layer({ _tag: "Embedded" }),
      Layer.succeed(Reference, Reference.of({ region: gooiEnVechtstreek, municipalities })),
      ServerAdapters.none,
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
