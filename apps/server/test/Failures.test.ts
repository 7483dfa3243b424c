// Failures keep their status and their cause: a store that is down is a 503 on /trpc, /api/dashboard and the
// dashboard's pages (in Dutch, never an empty page with 200), and an unexpected failure is a 500 quoting the request
// id, whose cause is in the log.
import { Environment } from "@baken/api"
import { Store } from "@baken/store"
import { WebApp } from "@baken/web"
import { Layer, ManagedRuntime } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import * as App from "../src/App.js"
import * as Dashboard from "../src/Dashboard.js"
import type * as Log from "../src/Log.js"
import * as Runtime from "../src/Runtime.js"
import { appConfig } from "./settings.js"

const config = appConfig()

/** The request id a failure's message quotes. */
const requestIdOf = (message: string): string => /\(verzoek ([^)]+)\)/.exec(message)?.[1] ?? "none"

/** A logger keeping its lines, to read what an operator would find. */
const recording = () => {
  const lines: Array<{ message: string } & Record<string, unknown>> = []
  const logger: Log.Logger = {
    enabled: () => true,
    log: (_level, message, fields = {}) => {
      lines.push({ message, ...fields })
    },
  }
  return { lines, logger }
}

// Nothing listens on port 1: the store cannot open, as when the database server is down.
const down = Runtime.make({
  database: { _tag: "Server", url: "postgres://postgres@127.0.0.1:1/test" },
  pseudonymSecret: undefined,
})
// A store that works, and reference data that breaks on first use: a defect, not a failure the API knows.
const brokenReference = new Proxy(
  {},
  {
    get: (_target, key) => {
      if (typeof key === "string" && key !== "then") throw new TypeError("the reference data broke")
      return undefined
    },
  },
)
const broken: Runtime.Runtime = ManagedRuntime.make(
  Layer.mergeAll(
    Store.layer({ _tag: "Embedded" }),
    Layer.succeed(Environment.Reference, brokenReference as never),
    Layer.succeed(
      Environment.ServerAdapters,
      Environment.ServerAdapters.of({ registry: [], pseudonymSecret: undefined }),
    ),
    Environment.DeliveryGate.layer,
    Environment.AnswerCache.layer(),
  ),
)
afterAll(async () => {
  await down.dispose()
  await broken.dispose()
})

const today = () => "2025-04-15"

describe("a store that is down", () => {
  const { lines, logger } = recording()
  const app = App.make({ runtime: down, config, logger, web: Dashboard.app(down, { today }) })

  it("answers /trpc with 503 and logs the cause with the request id", async () => {
    const res = await app.request("/trpc/plan.list")
    expect(res.status).toBe(503)
    const body = (await res.json()) as { error: { message: string } }
    const requestId = requestIdOf(body.error.message)
    expect(body.error.message).not.toContain("127.0.0.1:1")
    const logged = lines.find((l) => l.message === "procedure failed" && l.requestId === requestId)
    expect(logged?.cause).toContain("127.0.0.1:1")
  })

  it("answers /api/dashboard with 503, not 500", async () => {
    const res = await app.request("/api/dashboard?plan=bo-2022-2025&periods=2024")
    expect(res.status).toBe(503)
    const requestId = requestIdOf(((await res.json()) as { error: { message: string } }).error.message)
    expect(lines.find((l) => l.message === "dashboard failed" && l.requestId === requestId)?.cause).toContain(
      "127.0.0.1:1",
    )
  })

  it("answers the dashboard's pages with a Dutch 503 page", async () => {
    for (const path of ["/", "/gemeenten", "/gemeenten/GM0402", "/programmas/preventie-en-perspectief"]) {
      const res = await app.request(path)
      expect(res.status, path).toBe(503)
      const html = await res.text()
      expect(html).toContain("Tijdelijk niet beschikbaar")
      expect(html).toContain("niet beschikbaar")
      expect(html).not.toContain("database")
    }
  })

  it("answers a signed-in page with 503 instead of sending the person to sign in again", async () => {
    const res = await app.request("/regio", {
      headers: { cookie: `${WebApp.sessionCookie}=bks_0123456789abcdef_${"A".repeat(43)}` },
    })
    expect(res.status).toBe(503)
    expect(await res.text()).toContain("Tijdelijk niet beschikbaar")
  })
})

describe("an unexpected failure", () => {
  const { lines, logger } = recording()
  const app = App.make({ runtime: broken, config, logger, web: Dashboard.app(broken, { today }) })

  it("is a 500 with the request id on /trpc, and its cause is in the log", async () => {
    const res = await app.request("/trpc/municipality.list")
    expect(res.status).toBe(500)
    const body = (await res.json()) as { error: { message: string } }
    const requestId = requestIdOf(body.error.message)
    expect(body.error.message).toBe(`Er ging iets mis op de server (verzoek ${requestId}).`)
    const logged = lines.find((l) => l.message === "procedure failed" && l.requestId === requestId)
    expect(logged?.cause).toContain("the reference data broke")
  })
})
