// `npx @baken/server serve` from the packed tarballs, in an empty project: the server, the dashboard and every
// workspace package it needs come from `pnpm pack`, the rest from the registry, with one copy of effect.
import { execFileSync, spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { packTarballs } from "@baken/vitest-config/pack"
import { afterAll, describe, expect, it } from "vitest"

const serverDir = fileURLToPath(new URL("..", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "baken-server-packed-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("the packed @baken/server", () => {
  it("installs in an empty project with one copy of effect, and npx @baken/server serve --demo answers", async () => {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "operator", private: true }))
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packTarballs([serverDir])], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    })
    const copies = execFileSync("npm", ["ls", "effect", "--all", "--parseable"], { cwd: dir, encoding: "utf8" })
    expect(new Set(copies.trim().split("\n")).size).toBe(1)

    const child = spawn("npx", ["--no-install", "@baken/server", "--json", "serve", "--demo"], {
      cwd: dir,
      env: { ...process.env, PORT: "0", LOG_LEVEL: "warn", BAKEN_DATA_DIR: join(dir, "data") },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ""
        let err = ""
        child.stderr?.on("data", (d: Buffer) => {
          err += d.toString()
        })
        child.stdout?.on("data", (d: Buffer) => {
          out += d.toString()
          const line = out.split("\n").find((l) => l.startsWith('{"url"'))
          if (line !== undefined) resolve((JSON.parse(line) as { url: string }).url)
        })
        child.once("exit", (code) => reject(new Error(`npx @baken/server serve exited with ${code}: ${err}`)))
      })
      expect((await fetch(`${url}/healthz`)).status).toBe(200)
      const page = await fetch(url)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain("Baken")
    } finally {
      // npx runs the server as its child: end the whole group this test started.
      if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM")
    }
  }, 600_000)
})
