/**
 * @baken/web — the Baken dashboard: a Hono app (`WebApp.createWebApp`) that server-renders the Dutch pages on the NL
 * Design System from the API's `dashboard` procedures (a tRPC caller typed from `AppRouter`), and the types it renders.
 */

export * as Csv from "./Csv.js"
export * as DashboardSource from "./DashboardSource.js"
export * as Format from "./Format.js"
export * as WebApp from "./WebApp.js"
export { createWebApp } from "./WebApp.js"
