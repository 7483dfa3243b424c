/**
 * Serving a built web app (the dashboard, `apps/web`) from a folder at `/`: files as they are, and `index.html` for
 * any other GET path so that the app's own routes work on reload. It is mounted below the API's routes, which
 * therefore always answer first.
 */
import { existsSync } from "node:fs"
import { join, resolve } from "node:path"
import { serveStatic } from "@hono/node-server/serve-static"
import { Hono } from "hono"

/** A Hono app serving the folder `dir`; throws when the folder has no index.html. */
export const fromFolder = (dir: string): Hono => {
  const root = resolve(dir)
  if (!existsSync(join(root, "index.html"))) throw new Error(`BAKEN_WEB_DIR ${root} has no index.html`)
  return new Hono()
    .use("/*", serveStatic({ root }))
    .get("/*", serveStatic({ root, rewriteRequestPath: () => "/index.html" }))
}
