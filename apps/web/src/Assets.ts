/**
 * The dashboard's static assets — one CSS file (NL Design System tokens and components plus Baken's layout) and one
 * progressive-enhancement script (charts, upload progress) — built by `tsup` into `dist/assets` and served from
 * memory with a content hash in their URL so browsers may cache them for good.
 */
import { createHash } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

/** A built asset: its bytes, content type and hashed URL. */
export interface Asset {
  readonly body: Uint8Array
  readonly type: string
  readonly url: string
}

/** The two assets every page may reference. */
export interface Assets {
  readonly css: Asset
  readonly js: Asset
}

/** Where `tsup` puts the assets: `dist/assets` beside `src/` and `dist/`, so this works from either. */
export const defaultDir = (): string => fileURLToPath(new URL("../dist/assets/", import.meta.url))

const load = (dir: string, name: string, type: string): Asset => {
  const path = `${dir.replace(/\/?$/, "/")}${name}`
  if (!existsSync(path)) throw new Error(`@baken/web: ${path} is missing; run the package's build first.`)
  const body = readFileSync(path)
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 12)
  return { body, type, url: `/assets/${name}?v=${hash}` }
}

/** Reads the built assets from `dir`. */
export const read = (dir: string = defaultDir()): Assets => ({
  css: load(dir, "baken.css", "text/css; charset=utf-8"),
  js: load(dir, "baken.js", "text/javascript; charset=utf-8"),
})
