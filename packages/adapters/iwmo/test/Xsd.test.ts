// Checks the adapter against the official iWmo 3.2 XSDs with a real XML Schema validator (libxml2's xmllint as
// WASM): every fixture called valid validates, every structural invalid fixture fails both, and the generated model
// matches the XSDs. The XSDs are read from ../shared at test time and never copied into the project.
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { validateXML } from "xmllint-wasm"
import { ProductCategory } from "../src/index.js"
import * as F from "./fixtures.js"
import { readText, rejections } from "./helpers.js"

const here = dirname(fileURLToPath(import.meta.url))
const standard = process.env.IWMO_STANDARD_DIR ?? join(here, "../../../../../shared/standards/iwmo-3.2")
const xsdDir = join(standard, "xsd")
const present = existsSync(join(xsdDir, "basisschema.xsd"))

const kindOf = (xml: string): string => {
  const m = /wmo(\d{3})\/schema/.exec(xml)
  if (m?.[1] === undefined) throw new Error("fixture without message namespace")
  return m[1]
}

const xmllint = async (name: string, xml: string) => {
  const kind = kindOf(xml)
  const result = await validateXML({
    xml: { fileName: name, contents: xml },
    schema: { fileName: `WMO${kind}.xsd`, contents: readFileSync(join(xsdDir, `WMO${kind}.xsd`), "utf8") },
    preload: [{ fileName: "basisschema.xsd", contents: readFileSync(join(xsdDir, "basisschema.xsd"), "utf8") }],
  })
  return result
}

/** Invalid fixtures whose fault is one the XSDs themselves forbid (the rest break the plan's own rules). */
const xsdFaults = new Set([
  "bsn-acht-cijfers.xml",
  "afzender-agb-in-301.xml",
  "ontvanger-gemeente-in-305.xml",
  "onbekende-categorie.xml",
  "categorie-buiten-wmo020.xml",
  "antwoord-onbekend.xml",
  "ontbrekend-element.xml",
  "onverwacht-element.xml",
  "verkeerde-berichtcode.xml",
  "verkeerde-namespace-element.xml",
])

describe.skipIf(!present)(
  "the official iWmo 3.2 XSDs (skipped when ../shared/standards/iwmo-3.2/xsd is absent: nothing to validate against)",
  () => {
    it("validate every fixture this package calls valid, with xmllint", async () => {
      for (const [name, xml] of Object.entries(F.valid())) {
        const result = await xmllint(name, xml)
        expect({ name, errors: result.errors.map((e) => e.message) }).toEqual({ name, errors: [] })
      }
    })

    it("validate the two official example messages, which the adapter accepts too", async () => {
      for (const file of readdirSync(join(standard, "voorbeelden"))) {
        const xml = readFileSync(join(standard, "voorbeelden", file), "utf8")
        expect((await xmllint(file, xml)).valid, file).toBe(true)
        expect(rejections(await readText(file, xml)), file).toEqual([])
      }
    })

    it("reject every fixture whose fault the XSDs forbid, as the adapter does", async () => {
      const invalid = F.invalid()
      for (const name of xsdFaults) {
        const fixture = invalid[name]
        if (fixture === undefined || typeof fixture.xml !== "string") throw new Error(`no fixture ${name}`)
        expect((await xmllint(name, fixture.xml)).valid, name).toBe(false)
        expect(rejections(await readText(name, fixture.xml)).length, name).toBeGreaterThan(0)
      }
    })

    it("accept the fixtures that only break the plan's own rules, so those rules are the adapter's, not the XSDs'", async () => {
      const invalid = F.invalid()
      for (const name of [
        "bsn-elfproef.xml",
        "onbekende-gemeente.xml",
        "stop-voor-start.xml",
        "declaratie-totaal.xml",
      ]) {
        const fixture = invalid[name]
        if (fixture === undefined || typeof fixture.xml !== "string") throw new Error(`no fixture ${name}`)
        expect((await xmllint(name, fixture.xml)).valid, name).toBe(true)
      }
    })

    it("give exactly the generated schema model (scripts/generate-schema-model.mjs --check)", () => {
      const out = execFileSync(
        process.execPath,
        [join(here, "../scripts/generate-schema-model.mjs"), xsdDir, "--check"],
        { encoding: "utf8" },
      )
      expect(out).toContain("matches")
    })

    it("enumerate the product categories of code list WMO020", () => {
      const xsd = readFileSync(join(xsdDir, "basisschema.xsd"), "utf8")
      const block = /<xs:simpleType name="LDT_ProductCategorie">([\s\S]*?)<\/xs:simpleType>/.exec(xsd)?.[1] ?? ""
      const values = [...block.matchAll(/<xs:enumeration value="([^"]+)"/g)].map((m) => m[1])
      expect(values.sort()).toEqual(Object.keys(ProductCategory.wmo020).sort())
    })
  },
)
