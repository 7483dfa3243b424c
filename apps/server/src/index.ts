/**
 * @baken/server — the Hono server that hosts the Baken API (`/trpc`), its health checks, limits and logs, the public
 * dashboard endpoint and a mount point for the web app, plus the `baken` CLI (`dist/cli.js`).
 */

export * as App from "./App.js"
export * as Dashboard from "./Dashboard.js"
export * as Demo from "./Demo.js"
export * as Log from "./Log.js"
export * as RateLimit from "./RateLimit.js"
export * as Runtime from "./Runtime.js"
export * as Server from "./Server.js"
export * as ServerConfig from "./ServerConfig.js"
export * as StaticSite from "./StaticSite.js"
