import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it, vi } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

describe("the README of @baken/adapter-csv", () => {
  it("has a working example that prints what its comment says", async () => {
    const readme = readFileSync(`${packageDir}/README.md`, "utf8")
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
    const file = `${packageDir}/test/readme-example.tmp.ts`
    writeFileSync(file, code.replaceAll('"@baken/adapter-csv"', '"../src/index.js"'))
    const printed: Array<unknown> = []
    const spy = vi.spyOn(console, "log").mockImplementation((value: unknown) => {
      printed.push(value)
    })
    try {
      await import(/* @vite-ignore */ file)
    } finally {
      spy.mockRestore()
      rmSync(file, { force: true })
    }
    expect(printed).toEqual([[{ observation: 1 }, { "not-a-member": 1 }]])
    expect(code).toContain('// [{ observation: 1 }, { "not-a-member": 1 }]')
  })
})
