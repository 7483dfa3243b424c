// The packed tarballs of @baken/store and @baken/domain install into empty ESM and CommonJS projects, and the
// README's example runs there as written.
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"
import { latest } from "../src/Migrations.js"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const domainDir = fileURLToPath(new URL("../../domain", import.meta.url))

const readmeExample = (): string => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
  if (block === undefined) throw new Error("the README has no ts example")
  return block
}

describe("the packed @baken/store tarball", () => {
  it("runs the README's example in an empty ESM project", () => {
    const project = installPacked({ packageDirs: [packageDir, domainDir], kind: "module" })
    // Node runs the example's TypeScript by stripping its types, as a reader's project would compile it.
    const out = project.runScript("readme.mts", readmeExample())
    expect(JSON.parse(out.trim())).toEqual({ accepted: { observation: 1 }, cells: [["GM0402", 41]] })
  })

  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs: [packageDir, domainDir], kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { Migrations, Database } = require("@baken/store")
console.log(Migrations.latest, Database.fromEnv({ BAKEN_DATA_DIR: "memory" })._tag)`,
    )
    expect(out.trim()).toBe(`${latest} Embedded`)
  })
})
