// Deliveries on PostgreSQL, with two `baken serve` processes sharing the database and a spool folder: each file is
// stored once whichever server takes it and whichever worker runs it, and either server tells its status. Without a
// reachable server at 127.0.0.1:5432 this file is skipped with one line saying why, except in CI (CI=true), where an
// unreachable server fails the run.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Samples } from "@baken/adapter-registry"
import { afterAll, describe, expect, it } from "vitest"
import { createToken, runCli, type ServerProcess, startServer } from "./processes.js"
import { postgresSchema } from "./settings.js"

const { env: database, skip, drop } = await postgresSchema("deliveries", "the PostgreSQL delivery test")
const spool = mkdtempSync(join(tmpdir(), "baken-pg-spool-"))
const env = {
  ...database,
  BAKEN_SPOOL_DIR: spool,
  BAKEN_PSEUDONYM_SECRET: "TEST-ONLY pseudonym secret of the PostgreSQL delivery test",
}

const servers: Array<ServerProcess> = []
afterAll(async () => {
  for (const s of servers) await s.stop()
  drop()
  rmSync(spool, { recursive: true, force: true })
})

const waitFor = async (url: string, id: string, token: string) => {
  for (;;) {
    const answer = await fetch(`${url}/api/deliveries/${id}`, { headers: { authorization: `Bearer ${token}` } })
    const job = (await answer.json()) as { status: string; progress: { accepted: number }; rejections: Array<unknown> }
    if (job.status === "stored" || job.status === "refused") return job
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.skipIf(skip !== undefined)("deliveries on PostgreSQL through two servers", () => {
  it("stores each partner's files once, whichever server takes them, and both servers tell their status", async () => {
    expect(runCli(["migrate"], env).status).toBe(0)
    expect(runCli(["demo"], env).status).toBe(0)
    const secret = createToken(["--audience", "partner", "--partner", "demo-politie"], env, "pg")
    servers.push(await startServer([], env), await startServer([], env))
    const [a, b] = servers as [ServerProcess, ServerProcess]
    const files = [Samples.valid("politie", { rows: 30 }), Samples.broken("politie")]
    const send = (url: string, file: Samples.File) =>
      fetch(`${url}/api/deliveries?adapter=politie&name=${file.name}`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}` },
        body: file.bytes,
      }).then((r) => r.json() as Promise<{ id: string }>)
    // Every file to both servers at once.
    const sent = await Promise.all(files.flatMap((f) => [send(a.url, f), send(b.url, f)]))
    expect(sent[0]?.id).toBe(sent[1]?.id)
    expect(sent[2]?.id).toBe(sent[3]?.id)
    const valid = await waitFor(b.url, sent[0]?.id as string, secret)
    const broken = await waitFor(a.url, sent[2]?.id as string, secret)
    expect(valid.status).toBe("stored")
    expect(valid.progress.accepted).toBe(30)
    expect(broken.status).toBe("stored")
    expect(broken.rejections).toHaveLength(3)
    const listed = await fetch(`${a.url}/trpc/delivery.list?input=${encodeURIComponent("{}")}`, {
      headers: { authorization: `Bearer ${secret}` },
    }).then((r) => r.json() as Promise<{ result: { data: Array<{ header: { sourceName: string } }> } }>)
    const names = listed.result.data.map((d) => d.header.sourceName)
    for (const f of files) expect(names.filter((n) => n === f.name)).toHaveLength(1)
  }, 120_000)
})
