import { spawnSync } from "node:child_process"
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"

const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8")
const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
// Beside the tests, so that the package and its dependencies resolve as for a user of the built package.
const script = fileURLToPath(new URL("./.readme-example.mts", import.meta.url))
afterAll(() => rmSync(script, { force: true }))

describe("the README example", () => {
  it("runs and prints the members on 1 June 2022 and the refusal of an anonymous plan.create", () => {
    writeFileSync(script, example)
    const run = spawnSync(process.execPath, [script], { encoding: "utf8" })
    expect(run.stderr).toBe("")
    const [members, refusal] = run.stdout.trim().split("\n")
    expect(members).toContain("Hilversum")
    expect(members).not.toContain("Weesp")
    expect(refusal).toBe("plan.create needs a token")
  })
})
