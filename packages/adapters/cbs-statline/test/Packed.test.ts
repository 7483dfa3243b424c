import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const packageDirs = [dir("../../../domain"), dir("../../../adapter-kit"), dir("..")]

describe("the packed @baken/adapter-cbs-statline tarball", () => {
  it("imports from an empty ESM project", () => {
    const project = installPacked({ packageDirs, kind: "module" })
    const out = project.runScript(
      "main.mjs",
      `import { Table } from "@baken/adapter-cbs-statline"\nconsole.log(Table.all.map((t) => t.id).join(","))`,
    )
    expect(out.trim()).toBe("70072ned,03759ned,85043NED,84848NED")
  })

  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs, kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { Table } = require("@baken/adapter-cbs-statline")\nconsole.log(Table.all.map((t) => t.id).join(","))`,
    )
    expect(out.trim()).toBe("70072ned,03759ned,85043NED,84848NED")
  })
})
