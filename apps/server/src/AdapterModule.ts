/**
 * A partner's own adapter for `baken ingest --adapter-module <file>`: a module whose default export or `adapter`
 * export is an adapter made with the kit's `defineAdapter`. The module is loaded against this CLI's own copies of
 * effect, `@baken/adapter-kit` and `@baken/domain` (a resolve hook sends its imports of them here), so its records are
 * the CLI's classes and its `Pseudonymiser` is the one the CLI provides: one effect in the process, as if the adapter
 * had been registered in the server.
 */
import { existsSync } from "node:fs"
import { registerHooks } from "node:module"
import { dirname, join, resolve, sep } from "node:path"
import { pathToFileURL } from "node:url"
import type { Registry } from "@baken/adapter-kit"
import { Ids } from "@baken/domain"
import { Schema } from "effect"

/** The module could not be loaded or holds no adapter. */
export class AdapterModuleError extends Error {}

/** The packages an adapter shares with the CLI, with their subpaths. */
const shared = /^(?:effect|@baken\/adapter-kit|@baken\/domain)(?:\/.*)?$/

/** The folder of the nearest package.json above `file` (the adapter's project), or the file's folder. */
const projectOf = (file: string): string => {
  for (let dir = dirname(file); ; ) {
    if (existsSync(join(dir, "package.json"))) return dir
    const up = dirname(dir)
    if (up === dir) return dirname(file)
    dir = up
  }
}

const isAdapterId = Schema.is(Ids.AdapterId)

const isAdapter = (value: unknown): value is Registry.Entry["adapter"] => {
  const a = value as Partial<Registry.Entry["adapter"]> | undefined
  return (
    typeof a === "object" &&
    a !== null &&
    isAdapterId(a.id) &&
    Array.isArray(a.formats) &&
    Array.isArray(a.partnerKinds) &&
    typeof a.read === "function"
  )
}

/** Loads the adapter in `path` (relative to the working folder) as a registry entry. */
export const load = async (path: string): Promise<Registry.Entry> => {
  const file = resolve(path)
  if (!existsSync(file)) throw new AdapterModuleError(`cannot read the adapter module ${path}`)
  const project = pathToFileURL(projectOf(file) + sep).href
  const here = import.meta.url
  registerHooks({
    resolve: (specifier, context, nextResolve) =>
      shared.test(specifier) && context.parentURL?.startsWith(project) === true
        ? nextResolve(specifier, { ...context, parentURL: here })
        : nextResolve(specifier, context),
  })
  const loaded = (await import(pathToFileURL(file).href).catch((error: unknown) => {
    throw new AdapterModuleError(
      `the adapter module ${path} could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    )
  })) as { readonly adapter?: unknown; readonly default?: unknown }
  const adapter = isAdapter(loaded.adapter) ? loaded.adapter : isAdapter(loaded.default) ? loaded.default : undefined
  if (adapter === undefined) {
    throw new AdapterModuleError(
      `${path} exports no adapter: export one made with defineAdapter from @baken/adapter-kit as \`adapter\` or as the default`,
    )
  }
  return { adapter, name: `eigen adapter ${adapter.id}`, periodKind: "any", carries: "person-events" }
}
