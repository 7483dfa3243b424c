/**
 * The adapters this server offers, from its one registry: each with its Dutch name, the kinds of partner that deliver
 * it, the period kind it delivers and its file formats. A partner sees only the adapters the region assigned it, so its
 * upload form offers nothing it may not deliver; the region and the administrator see the whole registry. The rule is
 * `Adapters.adaptersFor`, which the dashboard's upload form reads too.
 */
import type { TRPCRouterRecord } from "@trpc/server"
import { adaptersFor } from "./Adapters.js"
import { procedure, run } from "./Trpc.js"

/** The adapter procedures. */
export const adapterRouter = {
  list: procedure.query(({ ctx }) => run(ctx, adaptersFor(ctx.caller))),
} satisfies TRPCRouterRecord
