import { describe, expect, it } from "vitest"
import * as ResponseCache from "../src/ResponseCache.js"

describe("the response cache", () => {
  it("keeps an answer for its time, then forgets it", () => {
    let now = 1_000
    const cache = ResponseCache.make(5_000, 10, () => now)
    const entry = cache.put("k", '{"a":1}', "application/json", "private, no-cache")
    expect(cache.get("k")?.etag).toBe(entry.etag)
    now += 4_999
    expect(cache.get("k")).toBeDefined()
    now += 1
    expect(cache.get("k")).toBeUndefined()
  })

  it("keeps nothing when its time is 0", () => {
    const cache = ResponseCache.make(0)
    cache.put("k", "x", "text/plain", "no-store")
    expect(cache.get("k")).toBeUndefined()
  })

  it("gives different answers different ETags and a 304 only the cache headers", () => {
    const cache = ResponseCache.make(1_000)
    const a = cache.put("a", '{"v":1}', "application/json", "public, max-age=30")
    const b = cache.put("b", '{"v":2}', "application/json", "public, max-age=30")
    expect(a.etag).not.toBe(b.etag)
    expect(Object.keys(a.notModified).sort()).toEqual(["Cache-Control", "ETag"])
    expect(a.ok["X-Content-Type-Options"]).toBe("nosniff")
  })
})
