import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url))
// The workspace packages it depends on are found and packed by installPacked.
const packageDirs = [dir("..")]

describe("the packed @baken/api tarball", () => {
  it("imports from an empty ESM project and lists its procedures", () => {
    const project = installPacked({ packageDirs, kind: "module" })
    const out = project.runScript(
      "main.mjs",
      `import { Router } from "@baken/api"
console.log(Router.procedurePaths().includes("plan.get"))`,
    )
    expect(out.trim()).toBe("true")
  })

  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs, kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { Authorisation } = require("@baken/api")
console.log(Authorisation.decide("plan.create", "public"))`,
    )
    expect(out.trim()).toBe("denied")
  })
})
