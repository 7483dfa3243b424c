// `baken ingest` as a partner meets it: the adapters it offers, and what it says about a file that is wrong.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { registry } from "@baken/adapter-registry"
import { afterAll, describe, expect, it } from "vitest"
import { runCli } from "./processes.js"

const dir = mkdtempSync(join(tmpdir(), "baken-ingest-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const secret = { BAKEN_PSEUDONYM_SECRET: "a test secret of at least thirty-two characters" }
const fixture = (adapter: string, name: string) =>
  fileURLToPath(new URL(`../../../packages/adapters/${adapter}/test/fixtures/${name}`, import.meta.url))

describe("baken ingest", () => {
  it("lists every adapter of the registry in --help, with its Dutch name, file endings and partner kinds", () => {
    const help = runCli(["ingest", "--help"])
    expect(help.status).toBe(0)
    expect(registry).toHaveLength(9)
    for (const entry of registry) {
      expect(help.stdout).toContain(`  ${entry.adapter.id}\n`)
      expect(help.stdout).toContain(entry.name)
      expect(help.stdout).toContain(`partners: ${entry.adapter.partnerKinds.join(", ")}`)
    }
    expect(help.stdout).toContain("bestanden: .xml, .zip")
  })

  it("prints a rejected row as file:line:column rule — message in Dutch, and exits 0 because the file was read", () => {
    const result = runCli(["ingest", "--adapter", "politie", fixture("politie", "non-member.csv")], secret)
    expect(result.stderr).toBe("")
    expect(result.status).toBe(0)
    const lines = result.stdout.trim().split("\n")
    expect(lines[0]).toMatch(/non-member\.csv: 3 geaccepteerd, 1 afgewezen$/)
    expect(lines[1]).toMatch(/^non-member\.csv:4:1 not-a-member — Regel 4, kolom 1: gemeente GM0457 .*geen lid/)
    expect(lines).toHaveLength(2)
  })

  it("exits 1 when the file as a whole is refused, still naming the header's line and column", () => {
    const result = runCli(
      ["ingest", "--adapter", "politie", fixture("politie", "missing-and-unknown-columns.csv")],
      secret,
    )
    expect(result.status).toBe(1)
    const lines = result.stdout.trim().split("\n")
    expect(lines[0]).toMatch(/missing-and-unknown-columns\.csv: geweigerd — het bestand als geheel is niet gelezen/)
    expect(lines.slice(1).map((l) => l.split(" — ")[0])).toEqual([
      "missing-and-unknown-columns.csv:1:1 header-missing",
      "missing-and-unknown-columns.csv:1:3 header-unknown",
    ])
  })

  it("exits 1 for a file in another format, and --json carries the rejections", () => {
    const result = runCli(
      ["--json", "ingest", "--adapter", "cbs-statline", fixture("cbs-statline", "not-odata.txt")],
      secret,
    )
    expect(result.status).toBe(1)
    const [file] = JSON.parse(result.stdout) as Array<{
      refused: boolean
      rejections: Array<{ rule: string; location: { file: string } }>
    }>
    expect(file?.refused).toBe(true)
    expect(file?.rejections.length).toBeGreaterThan(0)
    expect(file?.rejections[0]?.location.file).toContain("not-odata.txt")
  })

  it("prints the first 50 rejections and counts the rest, and --json has every one of them", () => {
    const rows = Array.from({ length: 60 }, (_, i) => `GM9999;2024-0${(i % 9) + 1};E33;${i}`)
    const file = join(dir, "many.csv")
    writeFileSync(file, `gemeente;maand;incidentcode;aantal_incidenten\r\n${rows.join("\r\n")}\r\n`)
    const text = runCli(["ingest", "--adapter", "politie", file], secret)
    expect(text.status).toBe(0)
    const lines = text.stdout.trim().split("\n")
    expect(lines[0]).toMatch(/many\.csv: 0 geaccepteerd, 60 afgewezen$/)
    expect(lines.slice(1, 51).every((l) => /^many\.csv:\d+:\d+ [a-z0-9-]+ — /.test(l))).toBe(true)
    expect(lines[51]).toBe("… en nog 10 afwijzingen")
    expect(lines).toHaveLength(52)
    const json = runCli(["--json", "ingest", "--adapter", "politie", file], secret)
    expect(json.status).toBe(0)
    const [result] = JSON.parse(json.stdout) as Array<{ refused: boolean; rejections: ReadonlyArray<unknown> }>
    expect(result?.refused).toBe(false)
    expect(result?.rejections).toHaveLength(60)
  })

  it("asks for exactly one of --adapter and --adapter-module, in one line", () => {
    const file = fixture("politie", "non-member.csv")
    for (const args of [[file], ["--adapter", "politie", "--adapter-module", "./x.js", file]]) {
      const result = runCli(["ingest", ...args], secret)
      expect(result.status).toBe(1)
      expect(result.stderr).toBe("baken: name the adapter to run: --adapter <id> or --adapter-module <file>\n")
    }
  })
})
