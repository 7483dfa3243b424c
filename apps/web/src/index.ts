/**
 * @baken/web — the Baken dashboard: a Hono app (`WebApp.createWebApp`) that server-renders the Dutch pages on the NL
 * Design System, the `DashboardSource` interface it reads through, and an in-memory demo source.
 */

export * as Csv from "./Csv.js"
export * as DashboardSource from "./DashboardSource.js"
export * as DemoSource from "./DemoSource.js"
export * as DomainViews from "./DomainViews.js"
export * as Format from "./Format.js"
export * as WebApp from "./WebApp.js"
export { createWebApp } from "./WebApp.js"
