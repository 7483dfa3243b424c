/**
 * The API: every procedure router under its name, and `AppRouter`, the type clients import. Procedures are reached
 * as `plan.get`, `delivery.push`, … and every one of them has a row in `Authorisation.table`.
 */

import { adapterRouter } from "./AdapterRouter.js"
import { processingLogRouter, tokenRouter } from "./AdminRouter.js"
import { amendmentProcedures } from "./AmendmentRouter.js"
import { deliveryRouter } from "./DeliveryRouter.js"
import { indicatorRouter } from "./IndicatorRouter.js"
import { budgetRouter, councilLetterRouter } from "./OfficeRouter.js"
import { overdueProcedures } from "./OverdueRouter.js"
import { planRouter } from "./PlanRouter.js"
import { municipalityRouter, partnerRouter } from "./RegionRouter.js"
import { router } from "./Trpc.js"

/** The whole API. */
export const appRouter = router({
  plan: { ...planRouter, ...amendmentProcedures },
  municipality: municipalityRouter,
  partner: partnerRouter,
  delivery: { ...deliveryRouter, ...overdueProcedures },
  adapter: adapterRouter,
  indicator: indicatorRouter,
  budget: budgetRouter,
  councilLetter: councilLetterRouter,
  token: tokenRouter,
  processingLog: processingLogRouter,
})

/** The API's type, for typed clients. */
export type AppRouter = typeof appRouter

/** Every procedure path of the API, e.g. `plan.get`. */
export const procedurePaths = (): ReadonlyArray<string> => Object.keys(appRouter._def.procedures)
