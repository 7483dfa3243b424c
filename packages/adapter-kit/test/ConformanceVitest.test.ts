// The conformance suite as an adapter's test file meets it: vitest itself runs adapterConformance on the template and
// on each of its mutants (one generated test file each, in a temporary folder), and its JSON report must show the
// template passing and every mutant failing the test of the promise it breaks, with a message that names it.
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { conformanceChecks, type PromiseId } from "../src/testing.js"
import { type Mutation, mutant, mutations } from "./mutants/MutableTemplate.js"
import { fixtures } from "./templateFixtures.js"

const here = dirname(fileURLToPath(import.meta.url))
const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs")
const folders: Array<string> = []
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

interface Assertion {
  readonly ancestorTitles: ReadonlyArray<string>
  readonly title: string
  readonly status: string
  readonly failureMessages: ReadonlyArray<string>
}

/** Writes one test file per adapter and runs vitest on them with `seed` in the environment; the report per file. */
const runVitest = (names: ReadonlyArray<Mutation | "template">, seed: string) => {
  const folder = mkdtempSync(join(tmpdir(), "baken-conformance-"))
  folders.push(folder)
  for (const name of names) {
    writeFileSync(
      join(folder, `${name}.test.ts`),
      [
        `import { adapterConformance } from ${JSON.stringify(join(here, "../src/testing.ts"))}`,
        `import { mutant } from ${JSON.stringify(join(here, "mutants/MutableTemplate.ts"))}`,
        `import * as Template from ${JSON.stringify(join(here, "../src/Template.ts"))}`,
        `import { fixtures } from ${JSON.stringify(join(here, "templateFixtures.ts"))}`,
        `adapterConformance(${name === "template" ? "Template.adapter" : `mutant(${JSON.stringify(name)})`}, { fixtures })`,
        "",
      ].join("\n"),
    )
  }
  const report = join(folder, "report.json")
  spawnSync(process.execPath, [vitest, "run", "--root", folder, "--reporter=json", `--outputFile=${report}`], {
    env: { ...process.env, BAKEN_CONFORMANCE_SEED: seed },
    encoding: "utf8",
    timeout: 240_000,
  })
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    testResults: ReadonlyArray<{ name: string; assertionResults: ReadonlyArray<Assertion> }>
  }
  return new Map(json.testResults.map((r) => [r.name.split("/").at(-1)?.replace(".test.ts", ""), r.assertionResults]))
}

const broken: Record<Mutation, PromiseId> = {
  "leaks-bsn-via-parser-error": "no-personal-data",
  "leaks-name": "no-personal-data",
  "leaks-address": "no-personal-data",
  "drops-row": "accounted",
  throws: "never-fails",
  "buffers-input": "streams",
  "unlocated-rejections": "located",
}
const titleOf = (promise: PromiseId) =>
  conformanceChecks(mutant(), { fixtures }, 1).find((c) => c.promise === promise)?.title

describe("the conformance suite under vitest", () => {
  it("passes the template and fails each mutant's test of the promise it breaks, naming the promise and the seed", () => {
    const results = runVitest(["template", ...mutations], "4242")
    const template = results.get("template") ?? []
    expect(template.length).toBeGreaterThan(10)
    expect(template.filter((a) => a.status !== "passed").map((a) => a.title)).toEqual([])
    expect(template[0]?.ancestorTitles[0]).toBe("adapter template-csv conformance (seed 4242)")
    for (const mutation of mutations) {
      const promise = broken[mutation]
      const test = results.get(mutation)?.find((a) => a.title === titleOf(promise))
      expect(test?.status, mutation).toBe("failed")
      expect(test?.failureMessages.join("\n"), mutation).toContain(`[${promise}]`)
      expect(test?.failureMessages.join("\n"), mutation).toContain("BAKEN_CONFORMANCE_SEED=4242")
      expect(test?.failureMessages.join("\n"), mutation).not.toContain("Property failed by returning false")
    }
  }, 300_000)
})
