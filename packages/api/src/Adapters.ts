/**
 * The adapters a caller may deliver through, as plain descriptions (`Registry.describe`: id, Dutch name, partner
 * kinds, period kind, what it carries and its file formats): a partner sees the ones the region assigned it that this
 * server runs, the region and the administrator every adapter the server runs, anyone else none. The dashboard's
 * upload form lists these; a tRPC procedure can answer with the same effect.
 */
import { Registry } from "@baken/adapter-kit"
import { DeliveryRights } from "@baken/domain"
import { Effect, Option } from "effect"
import type { Caller } from "./Audience.js"
import { ServerAdapters } from "./Environment.js"
import { rightsOf } from "./Rights.js"

/** The server's adapters `caller` may deliver through (partner) or look at (region, admin), in registry order. */
export const adaptersFor = Effect.fn("Adapters.adaptersFor")(function* (caller: Caller) {
  const { registry } = yield* ServerAdapters
  const all = registry.map(Registry.describe)
  if (caller.audience === "region" || caller.audience === "admin") return all
  if (caller.audience !== "partner" || caller.partner === undefined) return []
  const rights = yield* rightsOf(caller.partner)
  if (Option.isNone(rights)) return []
  return all.filter((d) => DeliveryRights.allowsAdapter(rights.value, d.id))
})
