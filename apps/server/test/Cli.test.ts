import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { runCli, startServer } from "./processes.js"

const dir = mkdtempSync(join(tmpdir(), "baken-cli-"))
const env = { BAKEN_DATA_DIR: join(dir, "data") }
// A partner's environment: no pseudonymisation secret (issue 16), and the server keys it saw kept in the test folder.
const partnerEnv = { BAKEN_PSEUDONYM_SECRET: "", BAKEN_KNOWN_KEYS: join(dir, "known-keys.json") }
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("the baken command", () => {
  it("creates, lists and revokes tokens, printing JSON with --json", () => {
    const created = runCli(["--json", "token", "create", "--audience", "region", "--label", "policy officer"], env)
    expect(created.status).toBe(0)
    const { id, secret: tokenSecret } = JSON.parse(created.stdout) as { id: string; secret: string }
    expect(tokenSecret).toMatch(/^bkn_/)
    const listed = JSON.parse(runCli(["--json", "token", "list"], env).stdout) as Array<{
      id: string
      revokedAt: unknown
    }>
    expect(listed.find((t) => t.id === id)?.revokedAt).toBeNull()
    expect(JSON.stringify(listed)).not.toContain(tokenSecret)
    expect(runCli(["token", "revoke", id], env).status).toBe(0)
    const after = JSON.parse(runCli(["--json", "token", "list"], env).stdout) as Array<{
      id: string
      revokedAt: unknown
    }>
    expect(after.find((t) => t.id === id)?.revokedAt).not.toBeNull()
  })

  it("exits 2 on wrong usage and 3 with one line on a wrong setting", () => {
    expect(runCli(["token", "create", "--label", "x"], env).status).toBe(2)
    const bad = runCli(["migrate"], { ...env, PORT: "http" })
    expect(bad.status).toBe(3)
    expect(bad.stderr.trim().split("\n")).toEqual(['baken: PORT must be a whole number from 0 to 65535, but is "http"'])
  })

  it("exits 1 with one line when revoking a token that does not exist", () => {
    const result = runCli(["token", "revoke", "ffffffffffffffff"], env)
    expect(result.status).toBe(1)
    expect(result.stderr).toBe("baken: there is no token ffffffffffffffff\n")
  })

  it("ingests a file locally and pushes the pseudonymised result, so no BSN reaches the server", async () => {
    const pushEnv = { BAKEN_DATA_DIR: join(dir, "push-data") }
    // The server knows the demo partner and its template adapter, and the plans its events fall in.
    expect(runCli(["demo"], pushEnv).status).toBe(0)
    const created = runCli(
      [
        "--json",
        "token",
        "create",
        "--audience",
        "partner",
        "--partner",
        "demo-zorgaanbieder",
        "--label",
        "data steward",
      ],
      pushEnv,
    )
    expect(created.status).toBe(0)
    const { secret: token } = JSON.parse(created.stdout) as { secret: string }
    const file = join(dir, "events.csv")
    writeFileSync(
      file,
      "bsn,event,date,municipality\n999900006,allocation-granted,2024-03-01,GM0402\n123456789,allocation-granted,2024-03-01,GM0402\n",
    )
    const local = runCli(["--json", "ingest", "--adapter", "template-csv", file], partnerEnv)
    expect(local.stderr).toBe("")
    expect(local.status).toBe(0)
    const [result] = JSON.parse(local.stdout) as Array<{
      summary: { accepted: Record<string, number>; rejected: Record<string, number> }
    }>
    expect(result?.summary.accepted).toEqual({ "allocation-granted": 1 })
    expect(Object.values(result?.summary.rejected ?? {}).reduce((a, b) => a + b, 0)).toBe(1)

    const server = await startServer([], pushEnv)
    try {
      const pushed = runCli(
        ["--json", "ingest", "--adapter", "template-csv", "--push", server.url, "--token", token, file],
        partnerEnv,
      )
      expect(pushed.stderr).toBe("")
      expect(pushed.status).toBe(0)
      const [first] = JSON.parse(pushed.stdout) as Array<{
        stored: { id: string; status: string; progress: { accepted: number; rejected: number } }
      }>
      expect(first?.stored.status).toBe("stored")
      expect(first?.stored.progress).toMatchObject({ accepted: 1, rejected: 1 })
      const again = runCli(
        ["--json", "ingest", "--adapter", "template-csv", "--push", server.url, "--token", token, file],
        partnerEnv,
      )
      // The same bytes again are the same job: nothing is stored twice.
      const [second] = JSON.parse(again.stdout) as Array<{ stored: { id: string } }>
      expect(second?.stored.id).toBe(first?.stored.id)
      expect(pushed.stdout + again.stdout).not.toContain("999900006")
    } finally {
      expect(await server.stop()).toBe(0)
    }
  })
  it("rotates the server's OPRF key with baken keys rotate, so the published key changes", async () => {
    const keysEnv = { BAKEN_DATA_DIR: join(dir, "keys-data") }
    const published = async () => {
      const server = await startServer([], keysEnv)
      try {
        return ((await (await fetch(`${server.url}/api/oprf/key`)).json()) as { key: string }).key
      } finally {
        await server.stop()
      }
    }
    const before = await published()
    expect(before).toMatch(/^[0-9a-f]{64}$/)
    expect(await published()).toBe(before)
    const none = runCli(["keys", "rotate"], keysEnv)
    expect(none.status).toBe(1)
    expect(none.stderr).toMatch(/--oprf, --storage or both/)
    const rotated = runCli(["--json", "keys", "rotate", "--oprf"], keysEnv)
    expect(rotated.status).toBe(0)
    expect(JSON.parse(rotated.stdout)).toEqual({ rotated: ["oprf"] })
    expect(rotated.stdout).not.toContain(before)
    expect(await published()).not.toBe(before)
  })
  it("keeps the server's keys wrapped under its secret, and a server with another secret stops at start", async () => {
    const wrapped = {
      BAKEN_DATA_DIR: join(dir, "wrapped-data"),
      BAKEN_PSEUDONYM_SECRET: "the first TEST-ONLY server secret",
    }
    const first = await startServer([], wrapped)
    expect(await first.stop()).toBe(0)
    const again = await startServer([], wrapped)
    expect(await again.stop()).toBe(0)
    await expect(
      startServer([], { ...wrapped, BAKEN_PSEUDONYM_SECRET: "another TEST-ONLY server secret!!" }),
    ).rejects.toThrow(/wrapped with a BAKEN_PSEUDONYM_SECRET this server does not have/)
  })
})
