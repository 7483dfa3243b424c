/**
 * The API: every procedure router under its name, and `AppRouter`, the type clients import. Procedures are reached
 * as `plan.get`, `delivery.push`, `dashboard.overview`, … and every one of them has a row in `Authorisation.table`.
 */

import { procedures } from "./CoreRouter.js"
import { dashboardRouter } from "./DashboardRouter.js"
import { createCallerFactory, router } from "./Trpc.js"

/** The whole API. */
export const appRouter = router({ ...procedures, dashboard: dashboardRouter })

/** The API's type, for typed clients. */
export type AppRouter = typeof appRouter

/** A server-side caller of the whole API, as one caller: what the dashboard renders from. */
export const createAppCaller = createCallerFactory(appRouter)

/** What `createAppCaller` gives: every procedure as an async function, typed from `AppRouter`. */
export type AppCaller = ReturnType<typeof createAppCaller>

/** Every procedure path of the API, e.g. `plan.get`. */
export const procedurePaths = (): ReadonlyArray<string> => Object.keys(appRouter._def.procedures)
