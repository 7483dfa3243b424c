/**
 * Every procedure router but the dashboard's, as one record: the `dashboard` procedures build their pages by calling
 * these as the same caller, so every figure they show went through the same authorisation and disclosure control.
 */
import { adapterRouter } from "./AdapterRouter.js"
import { processingLogRouter, sessionRouter, tokenRouter } from "./AdminRouter.js"
import { amendmentProcedures } from "./AmendmentRouter.js"
import { deliveryRouter } from "./DeliveryRouter.js"
import { indicatorRouter } from "./IndicatorRouter.js"
import { budgetRouter, councilLetterRouter } from "./OfficeRouter.js"
import { overdueProcedures } from "./OverdueRouter.js"
import { budgetProcedures, planPartProcedures } from "./PlanPartRouter.js"
import { planRouter } from "./PlanRouter.js"
import { municipalityRouter, partnerRouter, regionRouter } from "./RegionRouter.js"
import { createCallerFactory, router } from "./Trpc.js"

/** The procedures under their names. */
export const procedures = {
  plan: { ...planRouter, ...amendmentProcedures, ...planPartProcedures },
  region: regionRouter,
  municipality: municipalityRouter,
  partner: partnerRouter,
  delivery: { ...deliveryRouter, ...overdueProcedures },
  adapter: adapterRouter,
  indicator: indicatorRouter,
  budget: { ...budgetRouter, ...budgetProcedures },
  councilLetter: councilLetterRouter,
  token: tokenRouter,
  session: sessionRouter,
  processingLog: processingLogRouter,
}

/** The router of those procedures. */
export const coreRouter = router(procedures)

/** A server-side caller of those procedures. */
export const createCoreCaller = createCallerFactory(coreRouter)

/** What `createCoreCaller` gives. */
export type CoreCaller = ReturnType<typeof createCoreCaller>
