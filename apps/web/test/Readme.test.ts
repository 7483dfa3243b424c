import { execFileSync } from "node:child_process"
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

describe("README", () => {
  it("the README's example renders the home page from the built package", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
    expect(example).toContain('from "@baken/web"')
    const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url))
    const file = fileURLToPath(new URL("../readme-example.tmp.mjs", import.meta.url))
    writeFileSync(file, example.replace('"@baken/web"', JSON.stringify(dist)))
    try {
      expect(execFileSync(process.execPath, [file], { encoding: "utf8" }).trim()).toBe("200 true")
    } finally {
      rmSync(file)
    }
  })
})
