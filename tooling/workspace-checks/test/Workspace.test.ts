import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { parse } from "yaml"

const root = fileURLToPath(new URL("../../..", import.meta.url))
const read = (path: string) => readFileSync(join(root, path), "utf8")

interface Manifest {
  name: string
  private?: boolean
  exports?: Record<string, unknown>
  files?: string[]
  license?: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

const workspace = parse(read("pnpm-workspace.yaml")) as {
  packages: string[]
  catalog: Record<string, string>
  catalogs?: Record<string, Record<string, string>>
}

const packageDirs = workspace.packages.flatMap((pattern) => {
  const base = pattern.replace(/\/\*$/, "")
  if (!existsSync(join(root, base))) return []
  return readdirSync(join(root, base), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, base, d.name, "package.json")))
    .map((d) => join(base, d.name))
})
const manifests = [".", ...packageDirs].map((dir) => ({
  dir,
  manifest: JSON.parse(read(join(dir, "package.json"))) as Manifest,
}))
const publishable = manifests.filter(({ manifest }) => manifest.private !== true)

describe("the workspace", () => {
  it("finds the packages it is made of", () => {
    expect(packageDirs).toContain("packages/domain")
    expect(packageDirs).toContain("tooling/tsconfig")
  })

  it("pins every third-party version once, in the pnpm catalog", () => {
    for (const { dir, manifest } of manifests) {
      for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const) {
        for (const [name, range] of Object.entries(manifest[field] ?? {})) {
          const where = `${dir}/package.json ${field} ${name}`
          expect(range, where).toMatch(/^(catalog:|workspace:)/)
          if (range === "catalog:")
            expect(workspace.catalog[name], `${where} is missing from the catalog`).toBeDefined()
          const named = /^catalog:(.+)$/.exec(range)?.[1]
          if (named !== undefined)
            expect(workspace.catalogs?.[named]?.[name], `${where} is missing from catalog ${named}`).toBeDefined()
        }
      }
    }
  })

  it("pins the toolchain lines the project relies on", () => {
    expect(workspace.catalog.typescript).toMatch(/^6\.0\./)
    expect(workspace.catalog.effect).toMatch(/^4\.1\./)
    expect(workspace.catalog.node).toMatch(/^24\./)
  })

  it("publishes only @baken packages with an exports map that lists types first", () => {
    expect(publishable.length).toBeGreaterThan(0)
    for (const { dir, manifest } of publishable) {
      expect(manifest.name, dir).toMatch(/^@baken\//)
      expect(manifest.license, dir).toBe("EUPL-1.2")
      expect(manifest.files, dir).toContain("dist")
      expect(existsSync(join(root, dir, "README.md")), `${dir}/README.md`).toBe(true)
      for (const [entry, target] of Object.entries(manifest.exports ?? {})) {
        if (typeof target === "string") continue
        for (const condition of Object.values(target as Record<string, Record<string, string>>)) {
          expect(Object.keys(condition)[0], `${dir} exports ${entry}`).toBe("types")
        }
      }
    }
  })

  it("has CI run the README's test command verbatim", () => {
    const readme = read("README.md")
    const quickStart = readme.split("## Quick start")[1]?.split("\n## ")[0] ?? ""
    const commands = [...quickStart.matchAll(/^```(?:sh|bash)\n([\s\S]*?)```/gm)].flatMap((m) =>
      (m[1] ?? "").split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#")),
    )
    expect(commands).toEqual(["npm start", "npm test"])
    const ci = read(".ci/run")
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    expect(ci).toContain("npm test")
  })

  it("gives published packages effect, vitest and fast-check as peers with ranges, never pinned, and Node >=24", () => {
    for (const { dir, manifest } of publishable) {
      const m = manifest as Manifest & { engines?: Record<string, string> }
      expect(m.engines?.node, `${dir} engines.node`).toBe(">=24")
      // A library shares the app's effect; an app (the server, the dashboard) brings it, with the same range.
      if (dir.startsWith("apps/")) expect(m.dependencies?.effect, `${dir} effect`).toBe("catalog:peers")
      else expect(m.dependencies?.effect, `${dir} takes effect as a dependency`).toBeUndefined()
      for (const name of ["effect", "vitest", "fast-check"]) {
        const peer = m.peerDependencies?.[name]
        if (peer !== undefined) expect(peer, `${dir} peer ${name}`).toBe("catalog:peers")
      }
    }
    for (const range of Object.values(workspace.catalogs?.peers ?? {})) expect(range).toMatch(/^\^\d+\.\d+\.\d+$/)
    expect(workspace.catalogs?.peers?.effect).toBe("^4.0.0")
  })

  it("versions every published package with changesets, the apps too now that they are published", () => {
    const config = JSON.parse(read(".changeset/config.json")) as { ignore: string[]; privatePackages: unknown }
    expect(config.privatePackages).toEqual({ version: false, tag: false })
    for (const { manifest } of publishable) expect(config.ignore).not.toContain(manifest.name)
    expect(publishable.map(({ manifest }) => manifest.name)).toEqual(
      expect.arrayContaining(["@baken/server", "@baken/web"]),
    )
  })

  it("keeps @baken/api free of specific adapters: the host hands it the registry", () => {
    const api = JSON.parse(read("packages/api/package.json")) as Manifest
    const runtime = Object.keys({ ...api.dependencies, ...api.peerDependencies, ...api.optionalDependencies })
    expect(runtime.filter((name) => name.startsWith("@baken/adapter-"))).toEqual(["@baken/adapter-kit"])
  })

  it("gives @baken/client no run-time dependency that pulls in the API, the store or PGlite", () => {
    const client = JSON.parse(read("packages/client/package.json")) as Manifest & {
      peerDependenciesMeta?: Record<string, { optional?: boolean }>
    }
    expect(Object.keys(client.dependencies ?? {}).sort()).toEqual(["@trpc/client", "@trpc/server"])
    for (const peer of Object.keys(client.peerDependencies ?? {})) {
      expect(client.peerDependenciesMeta?.[peer]?.optional, `${peer} must be an optional peer`).toBe(true)
    }
  })
})
