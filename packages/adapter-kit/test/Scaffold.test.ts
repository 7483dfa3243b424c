import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import * as Scaffold from "../src/Scaffold.js"

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8")
const fromHeader = (text: string) => text.slice(text.indexOf("/** The header line"))

describe("the template the kit ships", () => {
  it("is the kit's own Template adapter below its imports, so the shipped copy cannot drift", () => {
    expect(fromHeader(read("template/src/adapter.ts"))).toBe(fromHeader(read("src/Template.ts")))
  })

  it("imports only from the published packages, never from the kit's sources", () => {
    const imports = [...read("template/src/adapter.ts").matchAll(/from "([^"]+)"/g)].map((m) => m[1])
    expect(imports.sort()).toEqual(["@baken/adapter-kit", "@baken/domain", "effect"])
  })
})

describe("a new adapter project", () => {
  it("holds the adapter, its conformance test, fixtures and a manifest, with the template's id renamed", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "baken-scaffold-")), "huurachterstand")
    const written = Scaffold.create({ name: "huurachterstand", dir })
    expect(written).toEqual(
      expect.arrayContaining(["package.json", "src/adapter.ts", "test/adapter.test.ts", "test/fixtures/events.csv"]),
    )
    const adapter = readFileSync(join(dir, "src/adapter.ts"), "utf8")
    expect(adapter).toContain('id: "huurachterstand"')
    expect(adapter).not.toContain("template-csv")
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
    expect(manifest).toMatchObject({ name: "huurachterstand", type: "module", peerDependencies: { effect: "^4.0.0" } })
    expect(Object.keys(manifest.dependencies)).toEqual(["@baken/adapter-kit", "@baken/domain"])
    expect(Object.keys(manifest.devDependencies)).toEqual([
      "@types/node",
      "effect",
      "fast-check",
      "typescript",
      "vitest",
    ])
  })

  it("refuses a name that is not an adapter id, and a folder that is not empty", () => {
    expect(() => Scaffold.create({ name: "Huur Achterstand", dir: tmpdir() })).toThrow(/geen geldige adapter-id/)
    expect(() => Scaffold.create({ name: "huur", dir: tmpdir() })).toThrow(/niet leeg/)
  })
})
