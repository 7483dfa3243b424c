// The baseline of the benchmark: a bare Hono JSON route on @hono/node-server, in its own process like the server.
import { serve } from "@hono/node-server"
import { Hono } from "hono"

const app = new Hono().get("/bare", (c) => c.json({ status: "ok", items: [1, 2, 3] }))
const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`)
})
process.once("SIGTERM", () => server.close(() => process.exit(0)))
