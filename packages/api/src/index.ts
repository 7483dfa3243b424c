/**
 * @baken/api — Baken's tRPC router (`AppRouter`) with its one authorisation table, the mapping of domain and store
 * failures to tRPC codes, and the services a host provides. No HTTP here: `@baken/server` hosts it.
 */

export * as AdapterRouter from "./AdapterRouter.js"
export * as Adapters from "./Adapters.js"
export * as AdminRouter from "./AdminRouter.js"
export * as ApiError from "./ApiError.js"
export * as Audience from "./Audience.js"
export * as Authentication from "./Authentication.js"
export * as Authorisation from "./Authorisation.js"
export * as Compare from "./Compare.js"
export * as CoreRouter from "./CoreRouter.js"
export * as DashboardRouter from "./DashboardRouter.js"
export * as DeliveryJobs from "./DeliveryJobs.js"
export * as DeliveryRouter from "./DeliveryRouter.js"
export type * as DashboardViews from "./dashboard/Views.js"
export * as Environment from "./Environment.js"
export * as IndicatorRouter from "./IndicatorRouter.js"
export * as OfficeRouter from "./OfficeRouter.js"
export * as PlanEntities from "./PlanEntities.js"
export * as PlanPartRouter from "./PlanPartRouter.js"
export * as PlanRouter from "./PlanRouter.js"
export * as Pseudonyms from "./Pseudonyms.js"
export * as RegionRouter from "./RegionRouter.js"
export * as Router from "./Router.js"
export { type AppCaller, type AppRouter, appRouter, createAppCaller } from "./Router.js"
export * as Trpc from "./Trpc.js"
