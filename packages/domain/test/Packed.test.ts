import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

// Uses values that are also types (`Period.Period`, branded ids): bundled declarations once lost exactly these.
const typedConsumer = `import { Ids, Membership, Period, Region } from "@baken/domain"
const period: Period.Period = Period.Period.make("2024-Q1")
const hilversum: Ids.MunicipalityCode = Ids.MunicipalityCode.make("GM0402")
const region = new Region.Region({
  id: Ids.RegionId.make("voorbeeld"),
  name: "Voorbeeld",
  areas: [],
  memberships: [new Membership.Membership({ municipality: hilversum })],
})
const members: ReadonlyArray<Ids.MunicipalityCode> = Membership.membersOn(region, Period.start(period))
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
    const subpath = project.runScript(
      "subpath.mjs",
      `import { Region } from "@baken/domain"
import { Region as RegionClass } from "@baken/domain/Region"
import { createRequire } from "node:module"
const gone = (path) => { try { createRequire(import.meta.url).resolve(path); return false } catch { return true } }
console.log(Region.Region === RegionClass, gone("@baken/domain/reference"), gone("@baken/domain/demo"))`,
    )
    // One class through either door; Gooi en Vechtstreek's data is not in the domain (it is @baken/region-gooi-en-vechtstreek's).
    expect(subpath.trim()).toBe("true true true")
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
    const subpath = project.runScript(
      "subpath.cjs",
      `const { Period } = require("@baken/domain")
const PeriodClass = require("@baken/domain/Period")
console.log(Period.Period === PeriodClass.Period)`,
    )
    expect(subpath.trim()).toBe("true")
    expect(project.typecheck("consumer.cts", typedConsumer)).toBe("")
  })
})
