import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const packageDirs = [dir("../../../domain"), dir("../../../adapter-kit"), dir("..")]

describe("the packed @baken/adapter-csv tarball", () => {
  it("imports from an empty ESM project", () => {
    const project = installPacked({ packageDirs, kind: "module" })
    const out = project.runScript(
      "main.mjs",
      `import { Writer } from "@baken/adapter-csv"\nconsole.log(Writer.row(["a;b", "c"]).trim())`,
    )
    expect(out.trim()).toBe('"a;b";c')
  })

  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs, kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { Writer } = require("@baken/adapter-csv")\nconsole.log(Writer.row(["a;b", "c"]).trim())`,
    )
    expect(out.trim()).toBe('"a;b";c')
  })
})
