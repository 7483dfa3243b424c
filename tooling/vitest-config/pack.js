// Packs workspace packages with pnpm (which rewrites `catalog:` and `workspace:` ranges to real versions) and
// installs the tarballs into empty ESM and CJS projects, the way an outside consumer would get them.
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")

const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: process.env })

/**
 * `packageDirs` and every workspace package they depend on at run time (`workspace:` dependencies, followed through
 * their own, peers included except optional ones, which a consumer installs only if it chooses to), so a consumer
 * project gets all the tarballs the registry cannot give it.
 */
const withWorkspaceDependencies = (packageDirs) => {
  const found = new Set()
  const visit = (dir) => {
    const real = realpathSync(dir)
    if (found.has(real)) return
    found.add(real)
    const manifest = JSON.parse(readFileSync(join(real, "package.json"), "utf8"))
    const optional = manifest.peerDependenciesMeta ?? {}
    const peers = Object.entries(manifest.peerDependencies ?? {}).filter(([name]) => optional[name]?.optional !== true)
    const runtime = { ...Object.fromEntries(peers), ...manifest.dependencies }
    for (const [name, range] of Object.entries(runtime)) {
      if (range.startsWith("workspace:")) visit(join(real, "node_modules", name))
    }
  }
  for (const dir of packageDirs) visit(dir)
  return [...found]
}

/** The projects installed by this test file's process, by the packages they hold: installing is the slow part. */
const installed = new Map()

/** The tarballs packed by this test file's process, by the packages they hold. */
const packed = new Map()

/**
 * Packs `packageDirs` and their workspace dependencies with pnpm into a fresh folder; returns the tarballs' paths.
 * Packed once per test file.
 * @param {ReadonlyArray<string>} packageDirs
 * @returns {ReadonlyArray<string>}
 */
export const packTarballs = (packageDirs) => {
  const key = JSON.stringify([...packageDirs].map((d) => realpathSync(d)).sort())
  const known = packed.get(key)
  if (known !== undefined) return known
  const tarballs = mkdtempSync(join(tmpdir(), "baken-tarballs-"))
  for (const dir of withWorkspaceDependencies(packageDirs)) run("pnpm", ["pack", "--pack-destination", tarballs], dir)
  const files = readdirSync(tarballs).map((f) => join(tarballs, f))
  packed.set(key, files)
  return files
}

/**
 * Packs `packageDirs` with their workspace dependencies and installs all tarballs into one fresh consumer project,
 * with `alongside` (npm specs such as `vitest@^5`) from the registry in the same install.
 */
const install = (packageDirs, alongside = []) => {
  const key = JSON.stringify([[...packageDirs].map((d) => realpathSync(d)).sort(), [...alongside].sort()])
  const known = installed.get(key)
  if (known !== undefined) return known
  const root = mkdtempSync(join(tmpdir(), "baken-pack-"))
  const project = join(root, "consumer")
  mkdirSync(project)
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }))
  const files = packTarballs(packageDirs)
  run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...files, ...alongside],
    project,
  )
  // The CommonJS consumer is a folder of the same project with a package.json of its own: Node and TypeScript take a
  // file's module kind from the nearest package.json and find `node_modules` in the folder above.
  const commonjs = join(project, "cjs")
  mkdirSync(commonjs)
  writeFileSync(
    join(commonjs, "package.json"),
    JSON.stringify({ name: "consumer-cjs", private: true, type: "commonjs" }),
  )
  const both = { module: project, commonjs }
  installed.set(key, both)
  return both
}

/**
 * A consumer project of the given module kind with `packageDirs` and their workspace dependencies installed from
 * packed tarballs; the packages are packed and installed once per test file, and the module and CommonJS projects
 * share that install.
 * @param {{ packageDirs: string[], kind: "module" | "commonjs", alongside?: string[] }} options
 * @returns {import("./pack.js").PackedProject}
 */
export const installPacked = ({ packageDirs, kind, alongside }) => {
  const project = install(packageDirs, alongside)[kind]
  return {
    dir: project,
    runScript: (file, source) => {
      writeFileSync(join(project, file), source)
      return run(process.execPath, [file], project)
    },
    typecheck: (file, source) => {
      writeFileSync(join(project, file), source)
      const tsconfig = join(project, `tsconfig.${file}.json`)
      writeFileSync(
        tsconfig,
        JSON.stringify({
          compilerOptions: {
            module: "nodenext",
            target: "es2023",
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          files: [file],
        }),
      )
      try {
        run(process.execPath, [tsc, "-p", tsconfig], project)
        return ""
      } catch (error) {
        return String(error.stdout ?? error)
      }
    },
  }
}
