import { describe, expect, it } from "vitest"
import * as PageCache from "../src/PageCache.js"

const html = (text: string, headers: Record<string, string> = {}) =>
  new Response(text, { status: 200, headers: { "content-type": "text/html; charset=UTF-8", ...headers } })

describe("the page cache", () => {
  it("keeps a page until the data version moves, then renders it again", async () => {
    let version = 1
    let made = 0
    const cache = PageCache.make(() => version)
    const render = () => Promise.resolve(html(`pagina ${++made}`))
    expect(cache.kept("k")).toBeUndefined()
    const first = await cache.render("k", render)
    expect(cache.kept("k")).toBe(first)
    version = 2
    expect(cache.kept("k")).toBeUndefined()
    const second = await cache.render("k", render)
    expect(new TextDecoder().decode(second.body)).toBe("pagina 2")
    expect(second.etag).not.toBe(first.etag)
  })

  it("shares one render among requests that wait for the same page", async () => {
    let made = 0
    let finish: (r: Response) => void = () => {}
    const cache = PageCache.make(() => 1)
    const render = () => {
      made += 1
      return new Promise<Response>((resolve) => {
        finish = resolve
      })
    }
    const waiting = Array.from({ length: 10 }, () => cache.render("k", render))
    finish(html("een keer"))
    const pages = await Promise.all(waiting)
    expect(made).toBe(1)
    expect(new Set(pages).size).toBe(1)
  })

  it("does not keep a page whose data changed while it was rendered", async () => {
    let version = 1
    const cache = PageCache.make(() => version)
    await cache.render("k", async () => {
      version = 2
      return html("oud")
    })
    expect(cache.kept("k")).toBeUndefined()
  })

  it("keeps neither an error nor a page that sets a cookie, and gives a joined request a render of its own", async () => {
    let made = 0
    const cache = PageCache.make(() => 1)
    const page = await cache.render("e", () => Promise.resolve(new Response("weg", { status: 404 })))
    expect(page.keepable).toBe(false)
    expect(cache.kept("e")).toBeUndefined()
    const cookie = () => Promise.resolve(html(`koekje ${++made}`, { "set-cookie": `c=${made}` }))
    const [a, b] = await Promise.all([cache.render("c", cookie), cache.render("c", cookie)])
    expect(cache.kept("c")).toBeUndefined()
    expect(a?.headers.get("set-cookie")).not.toBe(b?.headers.get("set-cookie"))
  })

  it("answers 304 to its ETag, also among several or weak ones, and 200 to another", async () => {
    const page = await PageCache.make(() => 1).render("k", () => Promise.resolve(html("x")))
    expect(PageCache.respond(page, page.etag).status).toBe(304)
    expect(PageCache.respond(page, `"anders", W/${page.etag}`).status).toBe(304)
    expect(PageCache.respond(page, "*").status).toBe(304)
    expect(PageCache.respond(page, '"anders"').status).toBe(200)
    expect(PageCache.respond(page, undefined).headers.get("etag")).toBe(page.etag)
  })

  it("reads the accepted encodings into one form, leaving out refused and unknown ones", () => {
    expect(PageCache.acceptedEncodings("gzip, deflate, br, zstd")).toBe("br, deflate, gzip, zstd")
    expect(PageCache.acceptedEncodings("br;q=1.0, gzip;q=0.8, *;q=0.1")).toBe("br, gzip")
    expect(PageCache.acceptedEncodings("gzip;q=0, identity")).toBe("")
    expect(PageCache.acceptedEncodings(undefined)).toBe("")
  })
})
