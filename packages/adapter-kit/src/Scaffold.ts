/**
 * A new adapter project from the template the kit ships in `template/`: `create({ name, dir })` writes the adapter
 * (`src/adapter.ts`), its conformance test and fixtures, a tsconfig, a README and a package.json whose dependencies
 * are the kit, the domain and the ranges the kit takes effect, vitest and fast-check in. The `baken-adapter new` bin
 * and `baken adapter new` call it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** Why a project could not be made, in Dutch for the developer at the terminal. */
export class ScaffoldError extends Error {
  readonly _tag = "ScaffoldError"
}

/** An adapter id: a slug of lower-case letters, digits and single hyphens (the domain's `AdapterId`). */
export const namePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** The id the template's files use, replaced by the new adapter's name. */
export const templateId = "template-csv"

const kitDir = (): string => {
  // dist/Scaffold.js (or src/Scaffold.ts in the workspace) sits one folder below the package.
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, "template"))) {
    const up = dirname(dir)
    if (up === dir) throw new ScaffoldError("het sjabloon van @baken/adapter-kit is niet gevonden")
    dir = up
  }
  return dir
}

const files = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)).map((f) => join(entry.name, f)) : [entry.name],
  )

// In the workspace the kit's manifest says `workspace:*` and `catalog:`; packed, real versions and ranges.
const caret = (version: string | undefined, fallback: string): string => {
  if (version === undefined || version.includes(":")) return fallback
  return /^[~^<>=*]/.test(version) ? version : `^${version}`
}

interface Manifest {
  readonly name: string
  readonly version: string
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly devDependencies?: Record<string, string>
}

/** The package.json of a new adapter project named `name`, from the kit's own manifest. */
export const manifest = (name: string, kit: Manifest): Record<string, unknown> => {
  const peer = (dependency: string, fallback: string) => caret(kit.peerDependencies?.[dependency], fallback)
  const kitRange = caret(kit.version, "*")
  const major = (dependency: string, fallback: string) => {
    const found = /\d+/.exec(kit.devDependencies?.[dependency] ?? "")?.[0]
    return found === undefined ? fallback : `^${found}.0.0`
  }
  return {
    name,
    version: "0.1.0",
    private: true,
    description: `Baken-adapter ${name}`,
    type: "module",
    exports: { ".": { types: "./dist/adapter.d.ts", default: "./dist/adapter.js" } },
    engines: { node: ">=24" },
    scripts: {
      build: "tsc -p tsconfig.json",
      typecheck: "tsc -p tsconfig.test.json",
      test: "vitest run",
    },
    dependencies: {
      "@baken/adapter-kit": kitRange,
      "@baken/domain": caret(kit.dependencies?.["@baken/domain"], kitRange),
    },
    peerDependencies: { effect: peer("effect", "^4.0.0") },
    devDependencies: {
      "@types/node": major("@types/node", "^24.0.0"),
      effect: peer("effect", "^4.0.0"),
      "fast-check": peer("fast-check", "^4.0.0"),
      typescript: major("typescript", "^6.0.0"),
      vitest: peer("vitest", "^5.0.0"),
    },
  }
}

/**
 * Writes a new adapter project named `name` into `dir` (which must not exist or be empty); returns the files written,
 * relative to `dir`.
 */
export const create = (options: { readonly name: string; readonly dir: string }): ReadonlyArray<string> => {
  const { name, dir } = options
  if (!namePattern.test(name)) {
    throw new ScaffoldError(
      `"${name.slice(0, 60)}" is geen geldige adapter-id: gebruik kleine letters, cijfers en enkele streepjes, zoals huurachterstand`,
    )
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new ScaffoldError(`de map ${dir} bestaat al en is niet leeg; kies een andere naam of map`)
  }
  const kit = kitDir()
  const template = join(kit, "template")
  const written: Array<string> = []
  for (const file of files(template)) {
    const target = join(dir, file)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(
      target,
      readFileSync(join(template, file), "utf8").replaceAll(templateId, name).replaceAll("__NAME__", name),
    )
    written.push(file)
  }
  const kitManifest = JSON.parse(readFileSync(join(kit, "package.json"), "utf8")) as Manifest
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest(name, kitManifest), null, 2)}\n`)
  writeFileSync(join(dir, ".gitignore"), "node_modules\ndist\n")
  written.push("package.json", ".gitignore")
  return written.sort()
}
