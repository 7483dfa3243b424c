import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { CbsAdapter, Table } from "../src/index.js"

const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8")

describe("the README of @baken/adapter-cbs-statline", () => {
  it("uses only names the package exports in its example", () => {
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
    expect(code).toContain("CbsAdapter.pull(Table.regionaleKerncijfers)")
    expect(typeof CbsAdapter.pull).toBe("function")
    expect(Table.regionaleKerncijfers.id).toBe("70072ned")
  })

  it("lists every measure and indicator of every table it supports", () => {
    for (const table of Table.all) {
      expect(readme).toContain(`\`${table.id}\``)
      for (const [measure, indicator] of Object.entries(table.measures)) {
        expect(readme).toContain(`\`${measure}\` → \`${indicator}\``)
      }
    }
  })
})
