import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

// Uses values that are also types (`Period.Period`, branded ids): bundled declarations once lost exactly these.
const typedConsumer = `import { Ids, Membership, Period } from "@baken/domain"
import { gooiEnVechtstreek } from "@baken/domain/reference"
const period: Period.Period = Period.Period.make("2024-Q1")
const hilversum: Ids.MunicipalityCode = Ids.MunicipalityCode.make("GM0402")
const members: ReadonlyArray<Ids.MunicipalityCode> = Membership.membersOn(gooiEnVechtstreek, Period.start(period))
export const answer: boolean = members.includes(hilversum)
`

describe("the packed @baken/domain tarball", () => {
  it("imports from an empty ESM project", () => {
    const project = installPacked({ packageDirs: [packageDir], kind: "module" })
    const out = project.runScript(
      "main.mjs",
      `import { Period } from "@baken/domain"
console.log(Period.toCbs(Period.Period.make("2024-Q1")))`,
    )
    expect(out.trim()).toBe("2024KW01")
    const reference = project.runScript(
      "reference.mjs",
      `import { Membership, Region } from "@baken/domain"
import { gooiEnVechtstreek, plan2022 } from "@baken/domain/reference"
import { label } from "@baken/domain/demo"
console.log(plan2022.kenmerk, gooiEnVechtstreek instanceof Region.Region, Membership.membersOn(gooiEnVechtstreek, "2022-03-24").length, label.slice(0, 13))`,
    )
    expect(reference.trim()).toBe("21.005875 true 7 Voorbeelddata")
    expect(project.typecheck("consumer.mts", typedConsumer)).toBe("")
  })

  it("requires from an empty CommonJS project", () => {
    const project = installPacked({ packageDirs: [packageDir], kind: "commonjs" })
    const out = project.runScript(
      "main.cjs",
      `const { Period } = require("@baken/domain")
console.log(Period.toCbs(Period.Period.make("2024-03")))`,
    )
    expect(out.trim()).toBe("2024MM03")
    const reference = project.runScript(
      "reference.cjs",
      `const { Membership, Region } = require("@baken/domain")
const { gooiEnVechtstreek, plan2017 } = require("@baken/domain/reference")
const { decisions } = require("@baken/domain/demo")
console.log(plan2017.kenmerk, gooiEnVechtstreek instanceof Region.Region, Membership.membersOn(gooiEnVechtstreek, "2021-12-23").length, decisions.length > 0)`,
    )
    expect(reference.trim()).toBe("17.0002775 true 8 true")
    expect(project.typecheck("consumer.cts", typedConsumer)).toBe("")
  })
})
