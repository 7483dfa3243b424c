/**
 * The adapters this server offers, from its one registry: each with its Dutch name, the kinds of partner that deliver
 * it, the period kind it delivers and its file formats. A partner sees only the adapters the region assigned it, so its
 * upload form offers nothing it may not deliver; the region and the administrator see the whole registry.
 */
import { Registry } from "@baken/adapter-kit"
import { DeliveryRights } from "@baken/domain"
import type { TRPCRouterRecord } from "@trpc/server"
import { Effect, Option } from "effect"
import { ServerAdapters } from "./Environment.js"
import { rightsOf } from "./Rights.js"
import { procedure, run } from "./Trpc.js"

/** The adapter procedures. */
export const adapterRouter = {
  list: procedure.query(({ ctx }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const { registry } = yield* ServerAdapters
        if (ctx.caller.audience !== "partner") return registry.map(Registry.describe)
        // A partner token always names its partner; a partner the region does not know delivers nothing yet.
        const rights = ctx.caller.partner === undefined ? Option.none() : yield* rightsOf(ctx.caller.partner)
        if (Option.isNone(rights)) return []
        return registry.filter((e) => DeliveryRights.allowsAdapter(rights.value, e.adapter.id)).map(Registry.describe)
      }),
    ),
  ),
} satisfies TRPCRouterRecord
