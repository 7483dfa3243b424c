import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const domainDir = fileURLToPath(new URL("../../domain", import.meta.url))

describe("the packed @baken/adapter-kit tarball", () => {
  it("imports from an empty ESM project, with the testing entry resolvable", () => {
    const project = installPacked({ packageDirs: [packageDir, domainDir], kind: "module" })
    const out = project.runScript(
      "main.mjs",
      `import { Bsn, defineAdapter } from "@baken/adapter-kit"
console.log(Bsn.isValid("999900006"), typeof defineAdapter, import.meta.resolve("@baken/adapter-kit/testing").endsWith("testing.js"))`,
    )
    expect(out.trim()).toBe("true function true")
  })

  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs: [packageDir, domainDir], kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { Bsn } = require("@baken/adapter-kit")
console.log(Bsn.redact("999900006.xml"), require.resolve("@baken/adapter-kit/testing").endsWith("testing.cjs"))`,
    )
    expect(out.trim()).toBe("*********.xml true")
  })
})
