// Two `baken serve` processes on one PostgreSQL server, in a schema of their own that is dropped afterwards. Without
// a reachable server at 127.0.0.1:5432 this file is skipped with one line saying why, except in CI (CI=true), where
// an unreachable server fails the run.
import { create } from "@baken/client"
import { afterAll, describe, expect, it } from "vitest"
import { runCli, type ServerProcess, startServer } from "./processes.js"
import { postgresSchema } from "./settings.js"

const { env, skip, drop } = await postgresSchema("two", "the two-server test")

const servers: Array<ServerProcess> = []
afterAll(async () => {
  for (const s of servers) await s.stop()
  drop()
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
