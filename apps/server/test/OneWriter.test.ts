// One writer per embedded data folder, with real processes: a second `baken serve` or a writing command on a folder
// in use is refused in one line naming the folder and the process holding it, and a server killed with SIGKILL does
// not block the folder.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { runCli, type ServerProcess, startServer } from "./processes.js"

const dir = mkdtempSync(join(tmpdir(), "baken-one-writer-"))
const servers: Array<ServerProcess> = []
afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe("one writer per data folder", () => {
  const dataDir = join(dir, "data")
  const env = { BAKEN_DATA_DIR: dataDir }

  it("refuses a second serve on a folder in use, in one line naming the folder and the first server", async () => {
    const first = await startServer([], env)
    servers.push(first)
    // Started rather than run to its end: a second server that comes up must fail the test, not hang it.
    const second = await startServer([], env).then(
      async (started) => {
        await started.stop()
        return "it started"
      },
      (error: Error) => error.message,
    )
    expect(second).toMatch(/^baken serve exited with 1: baken: /)
    const lines = second
      .replace(/^baken serve exited with 1: /, "")
      .trim()
      .split("\n")
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(dataDir)
    expect(lines[0]).toContain(`pid ${first.child.pid}`)
    expect(lines[0]).toContain("baken serve")
    // The first server still answers.
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200)
  })

  it("refuses token create while a server holds the folder, in one line and without printing a token", () => {
    const [first] = servers as [ServerProcess]
    const created = runCli(["--json", "token", "create", "--audience", "region", "--label", "while serving"], env)
    expect(created.status).toBe(1)
    expect(created.stdout).toBe("")
    const lines = created.stderr.trim().split("\n")
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(dataDir)
    expect(lines[0]).toContain(`pid ${first.child.pid}`)
    expect(lines[0]).toContain("token.create")
  })

  it("refuses the other commands on a folder in use too, reading ones included", () => {
    const [first] = servers as [ServerProcess]
    for (const args of [["migrate"], ["demo"], ["token", "list"], ["token", "revoke", "ffffffffffffffff"]]) {
      const result = runCli(args, env)
      expect(result.status).toBe(1)
      expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining(`pid ${first.child.pid}`)])
    }
  })

  it("lets the next serve take over the folder of a server killed with SIGKILL, with its data", async () => {
    const [first] = servers as [ServerProcess]
    const exited = new Promise((resolve) => first.child.once("exit", resolve))
    first.child.kill("SIGKILL")
    await exited
    const created = runCli(["--json", "token", "create", "--audience", "region", "--label", "after the kill"], env)
    expect(created.stderr).toBe("")
    const { secret } = JSON.parse(created.stdout) as { secret: string }
    const next = await startServer([], env)
    servers.push(next)
    const res = await fetch(`${next.url}/trpc/plan.list`, { headers: { authorization: `Bearer ${secret}` } })
    expect(res.status).toBe(200)
  })
})
