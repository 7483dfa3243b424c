import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const kitDir = fileURLToPath(new URL("../../../adapter-kit", import.meta.url))
const domainDir = fileURLToPath(new URL("../../../domain", import.meta.url))

describe("the packed @baken/adapter-iwmo tarball", () => {
  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs: [packageDir, kitDir, domainDir], kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { iwmoAdapter, Municipality } = require("@baken/adapter-iwmo")
console.log(iwmoAdapter.id, Municipality.toCbs("0402"))`,
    )
    expect(out.trim()).toBe("iwmo GM0402")
  })
})
