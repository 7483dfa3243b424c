import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const example = readFileSync(new URL("../examples/quick-start.ts", import.meta.url), "utf8")
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")

describe("the README example", () => {
  it("is examples/quick-start.ts, shown verbatim and at most a dozen lines", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``)
    expect(example.trim().split("\n").length).toBeLessThanOrEqual(12)
  })

  it("is the README's only TypeScript example, and typechecks against the packed package as a consumer's code", () => {
    expect(readme.match(/```ts\n/g)).toHaveLength(1)
    const project = installPacked({ packageDirs: [packageDir], kind: "module" })
    expect(project.typecheck("quick-start-typed.mts", example)).toBe("")
  })

  it("runs against the packed package and prints what the README says", () => {
    const project = installPacked({ packageDirs: [packageDir], kind: "module" })
    const out = project.runScript("quick-start.mts", example)
    expect(out.trim().split("\n")).toEqual(["[ 'GM0402' ]", "[ 'x', 55, 'x' ]"])
  })
})
