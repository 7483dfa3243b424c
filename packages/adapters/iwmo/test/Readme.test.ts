import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"
import * as F from "./fixtures.js"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const kitDir = fileURLToPath(new URL("../../../adapter-kit", import.meta.url))
const domainDir = fileURLToPath(new URL("../../../domain", import.meta.url))
const example = readFileSync(new URL("../examples/quick-start.ts", import.meta.url), "utf8")
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")

describe("the README example", () => {
  it("is examples/quick-start.ts, shown verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``)
  })

  it("runs against the packed packages on a WMO305 message and prints the summary its comment shows", () => {
    const project = installPacked({ packageDirs: [packageDir, kitDir, domainDir], kind: "module" })
    writeFileSync(join(project.dir, "WMO305.xml"), F.wmo305())
    const out = project.runScript("quick-start.mts", example).trim().split("\n")
    expect(out.at(-1)).toBe("{ observation: 1, 'support-started': 1 }")
    expect(out.join("\n")).toContain("kind: 'support-started'")
    expect(out.join("\n")).not.toContain("999900018")
  })
})
