import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { bakenTsup } from "@baken/tsup-config"
import { defineConfig } from "tsup"

// `shims` gives the CommonJS build an `import.meta.url` (Oprf finds its worker module by it, Scaffold its template).
const base = bakenTsup({ entry: ["src/**/*.ts"], external: ["vitest", "fast-check"], shims: true })

// Vitest's `require` entry throws (it is ESM only), so the CommonJS build of `./testing` takes vitest through
// `require/vitest.cjs`, which loads vitest's ESM entry by path (Node 24 requires ES modules).
const vitestForRequire = () => {
  for (const file of readdirSync("dist").filter((f) => f.endsWith(".cjs"))) {
    const path = join("dist", file)
    const text = readFileSync(path, "utf8")
    const patched = text.replace(/require\((["'])vitest\1\)/g, 'require("../require/vitest.cjs")')
    if (patched !== text) writeFileSync(path, patched)
  }
}

// Every module is an entry (shared chunks keep classes identical), so each is importable as a subpath and
// declarations elsewhere can name its types portably (`@baken/adapter-kit/Module`).
export default defineConfig({
  ...base,
  onSuccess: async () => {
    await (base.onSuccess as () => Promise<void>)()
    vitestForRequire()
  },
})
