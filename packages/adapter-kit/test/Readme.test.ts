import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { installPacked } from "@baken/vitest-config/pack"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const domainDir = fileURLToPath(new URL("../../domain", import.meta.url))
const example = readFileSync(new URL("../examples/quick-start.ts", import.meta.url), "utf8")
const templateTest = readFileSync(new URL("../template/test/adapter.test.ts", import.meta.url), "utf8")
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")

/** Every ```ts block of the README, its indentation (inside a list item) taken off. */
const blocks = [...readme.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map(([, indent = "", body = ""]) =>
  body
    .split("\n")
    .map((line) => line.slice(indent.length))
    .join("\n"),
)
// The template's test imports the adapter project's own files: it is checked as the file the scaffold writes (and
// the partner-adapter test in the server runs it there). A block of the conformance suite registers vitest tests: it
// is typechecked, with the adapter and fixtures it leaves to the reader declared, but not run with node.
const suiteBlocks = blocks.filter((b) => b !== templateTest && b.includes('"@baken/adapter-kit/testing"'))
const plainBlocks = blocks.filter((b) => b !== templateTest && !suiteBlocks.includes(b))
const suitePrelude = `import type { AdapterContract } from "@baken/adapter-kit"
import type { Fixture } from "@baken/adapter-kit/testing"
declare const myAdapter: AdapterContract
declare const valid: ReadonlyArray<Fixture>
declare const invalid: ReadonlyArray<Fixture>
declare const streaming: Fixture
`
const consumer = () =>
  installPacked({
    packageDirs: [packageDir, domainDir],
    kind: "module",
    alongside: ["vitest@^5", "fast-check@^4"],
  })

describe("the README's examples", () => {
  it("are the quick start (examples/quick-start.ts) and the template's conformance test, verbatim", () => {
    expect(blocks).toContain(example)
    expect(blocks).toContain(templateTest)
  })

  it("typecheck against the packed package as a consumer's code", () => {
    const project = consumer()
    for (const [i, block] of plainBlocks.entries()) {
      expect(project.typecheck(`readme-${i}.mts`, block), `README block ${i}`).toBe("")
    }
    for (const [i, block] of suiteBlocks.entries()) {
      expect(project.typecheck(`readme-suite-${i}.mts`, `${suitePrelude}${block}`), `suite block ${i}`).toBe("")
    }
  })

  it("run against the packed package, the quick start printing what its comment says", () => {
    const project = consumer()
    const outputs = plainBlocks.map((block, i) => project.runScript(`readme-${i}.mts`, block))
    expect(outputs[plainBlocks.indexOf(example)]?.trim()).toBe("{ 'support-started': 1 } { 'bsn-eleven-test': 1 }")
  })
})
