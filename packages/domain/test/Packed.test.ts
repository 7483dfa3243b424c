import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

describe("the packed @baken/domain tarball", () => {
  it("imports from an empty ESM project", () => {
    const project = installPacked({ packageDirs: [packageDir], kind: "module" })
    const out = project.runScript(
      "main.mjs",
      `import { Period } from "@baken/domain"
console.log(Period.toCbs(Period.Period.make("2024-Q1")))`,
    )
    expect(out.trim()).toBe("2024KW01")
  })

  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs: [packageDir], kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { Period } = require("@baken/domain")
console.log(Period.toCbs(Period.Period.make("2024-03")))`,
    )
    expect(out.trim()).toBe("2024MM03")
  })
})
