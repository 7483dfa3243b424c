import { spawnSync } from "node:child_process"
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ServerProcess, startServer } from "./processes.js"

const readme = readFileSync(fileURLToPath(new URL("../../../packages/client/README.md", import.meta.url)), "utf8")
const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
// Written beside the tests so that `@baken/client` resolves from this package's dependencies.
const script = fileURLToPath(new URL("./.readme-example.mts", import.meta.url))

let server: ServerProcess
beforeAll(async () => {
  server = await startServer(["--demo"], { BAKEN_DATA_DIR: "memory" })
})
afterAll(async () => {
  rmSync(script, { force: true })
  await server?.stop()
})

describe("the @baken/client README example", () => {
  it("runs against a real server started with serve --demo", () => {
    expect(example).toContain("create(")
    writeFileSync(script, example)
    const run = spawnSync(process.execPath, [script], {
      env: { ...process.env, BAKEN_URL: server.url, BAKEN_TOKEN: server.token ?? "" },
      encoding: "utf8",
    })
    expect(run.stderr).toBe("")
    expect(run.stdout).toContain("bo-2022-2025: Herstel de verbinding (InExecution)")
    expect(run.stdout).toContain("7 municipalities, region total:")
    expect(run.stdout.trim().split("\n").at(-1)).toBe("BAD_REQUEST")
  })
})
