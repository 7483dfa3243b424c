/**
 * The read fast path: answers to repeated GET requests for figure procedures and the public dashboard are kept for
 * a few seconds per caller (the Authorization header), URL and data version, and served again without running the
 * API, with an ETag so a client that has the answer gets 304. Only successful answers are kept; the rate limit still counts
 * every request. A token's answer is only ever served to the same token, and at most `ttlMs` after it was made,
 * the same bound as for token revocation.
 */
import { WebApp } from "@baken/web"
import * as SecurityHeaders from "./SecurityHeaders.js"

/** One kept answer. */
interface Entry {
  readonly until: number
  readonly etag: string
  readonly body: string
  /**
   * The headers of a 304, built once: ETag and Cache-Control only, as RFC 9110 §15.4.5 asks; the client keeps the
   * security headers of the 200 it is reusing.
   */
  readonly notModified: Readonly<Record<string, string>>
  /** The headers of a 200: the security headers, ETag, Cache-Control and the content type. */
  readonly ok: Readonly<Record<string, string>>
}

/** A cache of answers in this process. */
export interface ResponseCache {
  readonly get: (key: string) => Entry | undefined
  readonly put: (key: string, body: string, contentType: string, cacheControl: string) => Entry
}

/** A short, stable hash of a string for ETags (FNV-1a, 32 bits) with its length. */
export const etagOf = (text: string): string => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return `"${(h >>> 0).toString(16)}-${text.length.toString(16)}"`
}

/** A cache keeping answers `ttlMs`, at most `maxEntries` of them. */
export const make = (ttlMs: number, maxEntries = 2000, now: () => number = Date.now): ResponseCache => {
  const entries = new Map<string, Entry>()
  return {
    get: (key) => {
      const entry = entries.get(key)
      if (entry === undefined) return undefined
      if (entry.until <= now()) {
        entries.delete(key)
        return undefined
      }
      return entry
    },
    put: (key, body, contentType, cacheControl) => {
      if (entries.size >= maxEntries) entries.clear()
      const etag = etagOf(body)
      const notModified = { ETag: etag, "Cache-Control": cacheControl }
      const entry = {
        until: now() + ttlMs,
        etag,
        body,
        notModified,
        ok: { ...SecurityHeaders.headers, ...notModified, "Content-Type": contentType },
      }
      if (ttlMs > 0) entries.set(key, entry)
      return entry
    },
  }
}

/** Procedures whose GET answers may be kept: published figures and plans, the same for every call with one token. */
export const cacheable: ReadonlySet<string> = new Set([
  "/trpc/indicator.values",
  "/trpc/indicator.dashboard",
  "/trpc/indicator.targets",
  "/trpc/indicator.benchmark",
  "/trpc/indicator.compare",
  "/trpc/indicator.list",
  "/trpc/plan.list",
])

/** The dashboard's session cookie: a request that carries it sees a page of its own and is never kept. */
export const sessionCookie: string = WebApp.sessionCookie

/**
 * The dashboard's public pages (home, municipalities, programmes and their CSV downloads): for a visitor without a
 * session they are the same for everyone, so each is rendered once per data version and kept (see `PageCache`).
 */
export const isPublicPage = (path: string): boolean =>
  path === "/" ||
  path === "/gemeenten" ||
  path === "/kerncijfers.csv" ||
  path.startsWith("/gemeenten/") ||
  path.startsWith("/programmas/")
