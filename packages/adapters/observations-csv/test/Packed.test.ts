import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const packageDirs = [dir("../../../domain"), dir("../../../adapter-kit"), dir("../../csv"), dir("..")]

describe("the packed @baken/adapter-observations-csv tarball", () => {
  it("imports from an empty ESM project", () => {
    const project = installPacked({ packageDirs, kind: "module" })
    const out = project.runScript(
      "main.mjs",
      `import { ObservationsAdapter } from "@baken/adapter-observations-csv"\nconsole.log(ObservationsAdapter.adapter.formats[0].id)`,
    )
    expect(out.trim()).toBe("observations-csv-1")
  })

  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs, kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { ObservationsAdapter } = require("@baken/adapter-observations-csv")\nconsole.log(ObservationsAdapter.adapter.formats[0].id)`,
    )
    expect(out.trim()).toBe("observations-csv-1")
  })
})
