import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const packageDirs = [
  dir("../../../domain"),
  dir("../../../adapter-kit"),
  dir("../../csv"),
  dir("../../iwmo"),
  dir(".."),
]

describe("the packed @baken/adapter-detentie tarball", () => {
  it("imports from an empty ESM project", () => {
    const project = installPacked({ packageDirs, kind: "module" })
    const out = project.runScript(
      "main.mjs",
      `import { DetentieAdapter } from "@baken/adapter-detentie"\nconsole.log(DetentieAdapter.adapter.formats[0].id)`,
    )
    expect(out.trim()).toBe("detentie-csv-1")
  })

  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs, kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { DetentieAdapter } = require("@baken/adapter-detentie")\nconsole.log(DetentieAdapter.adapter.formats[0].id)`,
    )
    expect(out.trim()).toBe("detentie-csv-1")
  })
})
