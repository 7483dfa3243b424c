import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const domainDir = fileURLToPath(new URL("../../domain", import.meta.url))
const example = readFileSync(new URL("../examples/quick-start.ts", import.meta.url), "utf8")
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")

describe("the README example", () => {
  it("is examples/quick-start.ts, shown verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``)
  })

  it("runs against the packed package and prints what its comment says", () => {
    const project = installPacked({ packageDirs: [packageDir, domainDir], kind: "module" })
    const out = project.runScript("quick-start.mts", example)
    expect(out.trim()).toBe("{ 'support-started': 1 } { 'bsn-eleven-test': 1 }")
  })
})
