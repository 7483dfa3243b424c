import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const packageDirs = [dir("../../domain"), dir("..")]

describe("the packed @baken/region-gooi-en-vechtstreek tarball", () => {
  it("imports the decoded definition from an empty ESM project, and ships the JSON file itself", () => {
    const project = installPacked({ packageDirs, kind: "module" })
    const out = project.runScript(
      "main.mjs",
      [
        `import { definition } from "@baken/region-gooi-en-vechtstreek"`,
        `import { createRequire } from "node:module"`,
        `const json = createRequire(import.meta.url)("@baken/region-gooi-en-vechtstreek/region.json")`,
        "console.log(definition.region.name, definition.plans.length, json.version)",
      ].join("\n"),
    )
    expect(out.trim()).toBe("Regio Gooi en Vechtstreek 2 1")
    const data = project.runScript(
      "data.mjs",
      [
        `import { Membership, Region } from "@baken/domain"`,
        `import { gooiEnVechtstreek, plan2022 } from "@baken/region-gooi-en-vechtstreek/reference"`,
        `import { label } from "@baken/region-gooi-en-vechtstreek/demo"`,
        `const members = Membership.membersOn(gooiEnVechtstreek, "2022-03-24").length`,
        "console.log(plan2022.kenmerk, gooiEnVechtstreek instanceof Region.Region, members, label.slice(0, 13))",
      ].join("\n"),
    )
    expect(data.trim()).toBe("21.005875 true 7 Voorbeelddata")
  })

  it("requires the definition from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs, kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { definition } = require("@baken/region-gooi-en-vechtstreek")\nconsole.log(definition.kenmerk.example)`,
    )
    expect(out.trim()).toBe("21.0008702")
    const data = project.runScript(
      "data.cjs",
      [
        `const { Membership, Region } = require("@baken/domain")`,
        `const { gooiEnVechtstreek, plan2017 } = require("@baken/region-gooi-en-vechtstreek/reference")`,
        `const { decisions } = require("@baken/region-gooi-en-vechtstreek/demo")`,
        `const members = Membership.membersOn(gooiEnVechtstreek, "2021-12-23").length`,
        "console.log(plan2017.kenmerk, gooiEnVechtstreek instanceof Region.Region, members, decisions.length > 0)",
      ].join("\n"),
    )
    expect(data.trim()).toBe("17.0002775 true 8 true")
  })
})
