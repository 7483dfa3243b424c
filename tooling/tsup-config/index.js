// Baken's tsup preset. JavaScript is bundled by tsup (ESM + CJS, shared chunks); declarations are emitted by tsc,
// file by file next to the JavaScript, because tsup's bundled declarations (rollup-plugin-dts) turn a namespace
// member that is both a value and a type — `Period.Period`, every branded id — into a type only. For `require`
// consumers each `.d.ts` gets a `.d.cts` twin whose relative imports point at `.cjs`.
import { execFileSync } from "node:child_process"
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join, resolve } from "node:path"

const relativeJs = /((?:from|import)\s*\(?\s*)(["'])(\.\.?\/[^"']+?)\.js\2/g

const declarationFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return declarationFiles(path)
    return entry.name.endsWith(".d.ts") ? [path] : []
  })

/** Emits `.d.ts` files for `src/` into `outDir` with tsc, and a `.d.cts` twin of each. */
export const emitDeclarations = (packageDir = process.cwd(), outDir = "dist") => {
  const cacheDir = resolve(packageDir, "node_modules", ".cache", "baken-dts")
  mkdirSync(cacheDir, { recursive: true })
  const tsconfig = join(cacheDir, "tsconfig.json")
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: resolve(packageDir, "tsconfig.json"),
      include: [resolve(packageDir, "src")],
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        rootDir: resolve(packageDir, "src"),
        outDir: resolve(packageDir, outDir),
        tsBuildInfoFile: null,
        incremental: false,
        composite: false,
        paths: {},
      },
    }),
  )
  const tsc = createRequire(join(packageDir, "package.json")).resolve("typescript/bin/tsc")
  execFileSync(process.execPath, [tsc, "-p", tsconfig], { cwd: packageDir, stdio: "inherit" })
  for (const file of declarationFiles(resolve(packageDir, outDir))) {
    const cjs = readFileSync(file, "utf8").replace(
      relativeJs,
      (_, head, quote, path) => `${head}${quote}${path}.cjs${quote}`,
    )
    writeFileSync(file.replace(/\.d\.ts$/, ".d.cts"), cjs)
  }
}

const hasSeveralEntries = (entry) => {
  if (Array.isArray(entry)) return entry.length > 1 || entry.some((e) => e.includes("*"))
  return typeof entry === "object" && entry !== null && Object.keys(entry).length > 1
}

/**
 * The tsup options for a Baken package: give the entry points (`{ index: "src/index.ts" }`), get ESM + CJS with
 * shared chunks, source maps, Node 22 syntax and tsc declarations for both formats.
 * @param {import("tsup").Options} options
 * @returns {import("tsup").Options}
 */
export const bakenTsup = (options) => ({
  format: ["esm", "cjs"],
  clean: true,
  sourcemap: true,
  // Shared chunks keep one copy of each class across entries (so `instanceof` holds between subpaths), but tsup makes
  // CJS chunks by rewriting ESM with sucrase, which breaks `a ?? (yield* b)` in generators: split only when needed.
  splitting: hasSeveralEntries(options.entry),
  target: "node22",
  ...options,
  dts: false,
  onSuccess: async () => emitDeclarations(),
})
