import { existsSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url))
// The workspace packages it depends on are found and packed by installPacked; @baken/api is an optional peer.
const packageDirs = [dir("..")]

describe("the packed @baken/client tarball", () => {
  it("imports from an empty ESM project", () => {
    const project = installPacked({ packageDirs, kind: "module" })
    const out = project.runScript(
      "main.mjs",
      `import { create } from "@baken/client"\nconsole.log(typeof create({ url: "http://127.0.0.1:9" }).plan.list.query)`,
    )
    expect(out.trim()).toBe("function")
  })

  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs, kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { errorCode } = require("@baken/client")\nconsole.log(errorCode(new Error("x")) === undefined)`,
    )
    expect(out.trim()).toBe("true")
  })

  it("installs without the API, the store or PGlite: a partner gets the client and tRPC only", () => {
    const project = installPacked({ packageDirs, kind: "module" })
    const installed = (name: string) => existsSync(join(project.dir, "node_modules", name, "package.json"))
    expect(installed("@baken/client")).toBe(true)
    expect(installed("@trpc/client")).toBe(true)
    expect(installed("@baken/api")).toBe(false)
    expect(installed("@baken/store")).toBe(false)
    expect(installed("@electric-sql/pglite")).toBe(false)
    expect(installed("@baken/domain")).toBe(false)
  })
})
