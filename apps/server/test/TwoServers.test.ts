// Two `baken serve` processes on one PostgreSQL server, in a schema of their own that is dropped afterwards. Without
// a reachable server at 127.0.0.1:5432 this file is skipped with one line saying why, except in CI (CI=true), where
// an unreachable server fails the run.
import { randomBytes } from "node:crypto"
import { createConnection } from "node:net"
import { create } from "@baken/client"
import { afterAll, describe, expect, it } from "vitest"
import { runCli, type ServerProcess, startServer } from "./processes.js"

const url = process.env.BAKEN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"
const schema = `baken_two_${randomBytes(4).toString("hex")}`
const env = { DATABASE_URL: url, BAKEN_DB_SCHEMA: schema }

const reachable = await new Promise<string | undefined>((resolve) => {
  const u = new URL(url)
  const socket = createConnection({ host: u.hostname, port: Number(u.port || 5432) })
  socket.setTimeout(2000)
  socket.once("connect", () => {
    socket.end()
    resolve(undefined)
  })
  socket.once("timeout", () => {
    socket.destroy()
    resolve("timed out")
  })
  socket.once("error", (e) => resolve(e.message))
})
if (reachable !== undefined && process.env.CI === "true") {
  throw new Error(`CI must run the two-server test, but ${url} is unreachable: ${reachable}`)
}
const skip =
  reachable === undefined ? undefined : `PostgreSQL unreachable at ${url} (${reachable}); two-server test skipped`
if (skip !== undefined) console.log(skip)

const servers: Array<ServerProcess> = []
afterAll(async () => {
  for (const s of servers) await s.stop()
  if (skip === undefined) {
    const { spawnSync } = await import("node:child_process")
    spawnSync("psql", [url, "-c", `DROP SCHEMA IF EXISTS ${schema} CASCADE`], { encoding: "utf8" })
  }
})

describe.skipIf(skip !== undefined)("two server processes on one PostgreSQL", () => {
  it("both serve the same data: a plan created through one is read through the other", async () => {
    expect(runCli(["migrate"], env).status).toBe(0)
    const created = runCli(["--json", "token", "create", "--audience", "region", "--label", "two servers"], env)
    expect(created.stderr).toBe("")
    const { secret } = JSON.parse(created.stdout) as { secret: string }
    servers.push(await startServer([], env), await startServer([], env))
    const [a, b] = servers as [ServerProcess, ServerProcess]
    expect(a.url).not.toBe(b.url)
    const viaA = create({ url: a.url, token: secret })
    const viaB = create({ url: b.url, token: secret })
    await viaA.plan.create.mutate({
      id: "two-servers-plan",
      region: "gooi-en-vechtstreek",
      title: "Plan written through server A",
      kenmerk: "24.000001",
      firstYear: 2026,
      lastYear: 2029,
      taskAreas: [],
      linkedDomains: [],
    } as never)
    const plans = await viaB.plan.list.query()
    expect(plans.map((p) => p.title)).toContain("Plan written through server A")
    const both = await Promise.all([a, b].map((s) => fetch(`${s.url}/readyz`).then((r) => r.status)))
    expect(both).toEqual([200, 200])
  })
})
