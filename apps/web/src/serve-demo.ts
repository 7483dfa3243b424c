/**
 * Runs the dashboard on its own with the demo data, for local work until `baken serve --demo` is at hand:
 * `pnpm --filter @baken/web start` (PORT, default 3000). Prints the demo codes for the partner and region pages.
 */
import { serve } from "@hono/node-server"
import * as DemoSource from "./DemoSource.js"
import { createWebApp } from "./WebApp.js"

const port = Number(process.env.PORT ?? 3000)
const app = createWebApp({ source: DemoSource.make() })
serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Baken dashboard (voorbeeldgegevens): http://localhost:${info.port}/`)
  console.log(`  code voor de regio:   ${DemoSource.defaultRegionToken}`)
  console.log(`  code voor een partner: ${DemoSource.defaultPartnerToken}`)
})
