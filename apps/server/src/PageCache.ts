/**
 * The dashboard's public pages, rendered once per change of the data they show: a page is kept in memory under its
 * URL, the encoding it is sent in (Brotli, gzip or none, compressed here once, as hard as the format allows) and
 * the day (pages say what is past), with the data version it was
 * rendered at (`DataVersion.current`). It is served from memory with a strong ETag (304 on `If-None-Match`) until the
 * data version moves; the first request after that renders it again. Concurrent requests for a page that is not
 * kept share one render. Only a 200 without cookies of its own is kept; anything else goes to its caller as made.
 */
import { promisify } from "node:util"
import { brotliCompress, gzip, constants as zlibConstants } from "node:zlib"
import * as SecurityHeaders from "./SecurityHeaders.js"

/** A rendered page: what a response is made of, so that every waiting request gets a response of its own. */
export interface Page {
  readonly status: number
  readonly body: Uint8Array
  /** The data version the render began at. */
  readonly version: number
  readonly etag: string
  /** The headers of a 200: the web app's own (content type and encoding), the security headers, ETag, caching. */
  readonly ok: Readonly<Record<string, string>>
  /** The headers of a 304 (RFC 9110 §15.4.5): ETag, Cache-Control and Vary. */
  readonly notModified: Readonly<Record<string, string>>
  /** Whether it is kept (a 200 the same for everyone); one that is not is answered with the web app's own headers. */
  readonly keepable: boolean
  readonly headers: Headers
}

/** How a browser or proxy may keep a public page: always ask again, and get a 304 while it has not changed. */
export const cacheControl = "public, no-cache"

/** Kept pages and renders in progress. */
export interface PageCache {
  /** The page kept under `key` if it was rendered at the current data version. */
  readonly kept: (key: string) => Page | undefined
  /**
   * Renders the page of `key` (or joins the render in progress), compressed in `encoding` (`make` answers it
   * uncompressed), and keeps it if it may be kept.
   */
  readonly render: (key: string, make: () => Promise<Response>, encoding?: Encoding) => Promise<Page>
  /** How many renders were started (for tests). */
  readonly renders: () => number
}

/** A strong ETag over the bytes of a body (FNV-1a, 32 bits) with their length. */
export const etagOf = (bytes: Uint8Array): string => {
  let h = 0x811c9dc5
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number
    h = Math.imul(h, 0x01000193)
  }
  return `"${(h >>> 0).toString(16)}-${bytes.length.toString(16)}"`
}

/** Whether an `If-None-Match` header matches `etag` (the weak comparison RFC 9110 §13.1.2 asks for). */
export const matches = (ifNoneMatch: string | undefined, etag: string): boolean => {
  if (ifNoneMatch === undefined) return false
  if (ifNoneMatch === etag) return true
  for (const part of ifNoneMatch.split(",")) {
    const tag = part.trim()
    if (tag === "*" || (tag.startsWith("W/") ? tag.slice(2) : tag) === etag) return true
  }
  return false
}

const codings = new Set(["br", "deflate", "gzip", "zstd"])

/**
 * The encodings an `Accept-Encoding` header accepts, in one canonical form (sorted, q=0 left out), so that browsers
 * that accept the same encodings share one kept page.
 */
export const acceptedEncodings = (header: string | undefined): string => {
  if (header === undefined || header === "") return ""
  const accepted: Array<string> = []
  for (const part of header.toLowerCase().split(",")) {
    const [name = "", ...params] = part.split(";").map((s) => s.trim())
    const q = params.find((p) => p.startsWith("q="))
    if (!codings.has(name) || (q !== undefined && Number(q.slice(2)) === 0)) continue
    if (!accepted.includes(name)) accepted.push(name)
  }
  return accepted.sort().join(", ")
}

/** How a kept page is sent: Brotli if the visitor accepts it, else gzip, else as it is. */
export type Encoding = "br" | "gzip" | ""

/** The encoding a kept page is sent in for this `Accept-Encoding` header. */
export const chooseEncoding = (header: string | undefined): Encoding => {
  const accepted = acceptedEncodings(header).split(", ")
  return accepted.includes("br") ? "br" : accepted.includes("gzip") ? "gzip" : ""
}

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)
const textual = /^(text\/|application\/(json|javascript|xml)|image\/svg)/i

/**
 * Compresses a page once, as hard as the format allows (it is sent many times), in zlib's thread pool so that the
 * server keeps answering meanwhile.
 */
const compress = async (body: Uint8Array, encoding: Encoding): Promise<Uint8Array> =>
  encoding === "br"
    ? new Uint8Array(
        await brotli(body, {
          params: {
            [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
            [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        }),
      )
    : encoding === "gzip"
      ? new Uint8Array(await gzipped(body, { level: 9 }))
      : body

/** Headers of the web app's answer that a kept page does not repeat: ours replace them, or they are per response. */
const dropped = new Set(["cache-control", "content-length", "date", "etag", "set-cookie", "vary"])

/** A cache of public pages over `version` (the data version), at most `maxEntries` pages. */
export const make = (version: () => number, maxEntries = 500): PageCache => {
  const pages = new Map<string, Page>()
  const rendering = new Map<string, Promise<Page>>()
  let renders = 0

  const kept = (key: string): Page | undefined => {
    const page = pages.get(key)
    if (page === undefined) return undefined
    if (page.version !== version()) {
      pages.delete(key)
      return undefined
    }
    return page
  }

  const keep = (key: string, page: Page) => {
    if (pages.size >= maxEntries) {
      const oldest = pages.keys().next()
      if (!oldest.done) pages.delete(oldest.value)
    }
    pages.set(key, page)
  }

  const run = async (key: string, at: number, make: () => Promise<Response>, encoding: Encoding): Promise<Page> => {
    renders += 1
    const response = await make()
    const made = new Uint8Array(await response.arrayBuffer())
    const compressed =
      encoding !== "" &&
      response.status === 200 &&
      made.byteLength > 1024 &&
      !response.headers.has("content-encoding") &&
      textual.test(response.headers.get("content-type") ?? "")
    const body = compressed ? await compress(made, encoding) : made
    const etag = etagOf(body)
    const vary = response.headers.get("vary")
    const notModified = {
      etag,
      "cache-control": cacheControl,
      vary: vary === null || /accept-encoding/i.test(vary) ? (vary ?? "Accept-Encoding") : `${vary}, Accept-Encoding`,
    }
    // The security headers every response carries, where the web app did not set its own.
    const own: Record<string, string> = {}
    for (const [name, value] of Object.entries(SecurityHeaders.headers)) own[name.toLowerCase()] = value
    response.headers.forEach((value, name) => {
      if (!dropped.has(name)) own[name] = value
    })
    if (compressed) own["content-encoding"] = encoding
    const headers = new Headers(response.headers)
    for (const [name, value] of Object.entries(SecurityHeaders.headers))
      if (!headers.has(name)) headers.set(name, value)
    const page: Page = {
      status: response.status,
      body,
      version: at,
      etag,
      ok: { ...own, ...notModified, "content-length": String(body.byteLength) },
      notModified,
      keepable: response.status === 200 && !response.headers.has("set-cookie"),
      headers,
    }
    // Kept only if the data did not change while it was rendered, and if it is the same for every visitor.
    if (page.keepable && version() === at) keep(key, page)
    return page
  }

  const render = (key: string, make: () => Promise<Response>, encoding: Encoding = ""): Promise<Page> => {
    const at = version()
    const flight = `${at}|${key}`
    const running = rendering.get(flight)
    // A page that is not for everyone (an error, a cookie of its own) is not shared with those who joined: each
    // renders its own.
    if (running !== undefined) return running.then((page) => (page.keepable ? page : run(key, at, make, "")))
    const started = run(key, at, make, encoding).finally(() => rendering.delete(flight))
    rendering.set(flight, started)
    return started
  }

  return { kept, render, renders: () => renders }
}

/** The response for a page: 304 when the request's `If-None-Match` names it, otherwise the page. */
export const respond = (page: Page, ifNoneMatch: string | undefined): Response => {
  if (!page.keepable) {
    const empty = page.status === 204 || page.status === 304 || (page.status >= 300 && page.body.length === 0)
    return new Response(empty ? null : page.body, { status: page.status, headers: page.headers })
  }
  return matches(ifNoneMatch, page.etag)
    ? new Response(null, { status: 304, headers: page.notModified })
    : new Response(page.body, { status: 200, headers: page.ok })
}

const amsterdam = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" })
let day = { until: 0, value: "" }

/** Today's date in the Netherlands (YYYY-MM-DD), worked out at most once a minute: part of a kept page's key. */
export const today = (now: number = Date.now()): string => {
  if (now >= day.until) day = { until: now + 60_000 - (now % 60_000), value: amsterdam.format(now) }
  return day.value
}
