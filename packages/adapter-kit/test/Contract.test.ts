import { readFileSync, writeFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { fill, sections } from "./contract.js"

const path = new URL("../CONTRACT.md", import.meta.url)
const contract = readFileSync(path, "utf8")
const admission = readFileSync(new URL("../../domain/src/Admission.ts", import.meta.url), "utf8")

// The formatter pads table cells to line them up; the comparison ignores that padding.
const normalise = (text: string) =>
  text
    .split("\n")
    .map((line) =>
      line.startsWith("|")
        ? line
            .split(/(?<!\\)\|/)
            .map((cell) => cell.trim().replace(/^-+$/, "---"))
            .join("|")
        : line,
    )
    .join("\n")

describe("CONTRACT.md", () => {
  it("shows the event kinds, code patterns, indicators and limits the domain has now", () => {
    const expected = fill(contract, sections())
    if (process.env.BAKEN_UPDATE_CONTRACT === "1") writeFileSync(path, expected)
    expect(normalise(contract)).toBe(normalise(expected))
  })

  it("names every rule the server's admission check refuses a record with", () => {
    const rules = [...admission.matchAll(/reject\(\s*"([a-z-]+)"/g)].map((m) => m[1])
    expect(rules.length).toBeGreaterThan(8)
    for (const rule of rules) expect(contract, rule).toContain(`\`${rule}\``)
  })

  it("is shipped in the package", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
    expect(manifest.files).toContain("CONTRACT.md")
  })
})
