// tRPC batches, as an outside tester used them: one request naming a hundred dashboard calls made the server do the
// work of a hundred requests while the rate limit counted one.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as App from "../src/App.js"
import * as Demo from "../src/Demo.js"
import * as Runtime from "../src/Runtime.js"
import { appConfig } from "./settings.js"

const runtime = Runtime.make({ database: { _tag: "Embedded" }, pseudonymSecret: undefined })
const app = App.make({ runtime, config: appConfig({ publicRateLimit: 15 }) })
beforeAll(() => runtime.runPromise(Demo.load))
afterAll(() => runtime.dispose())

const batch = (n: number, from: string) => {
  const names = Array.from({ length: n }, () => "dashboard.me").join(",")
  const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), {}]))
  return app.request(`/trpc/${names}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { "x-forwarded-for": from },
  })
}

describe("a tRPC batch", () => {
  it("of more than ten calls is refused as a whole, before any call runs", async () => {
    const res = await batch(11, "198.51.100.1")
    expect(res.status).toBe(400)
    expect(await res.text()).toContain("at most 10 calls")
  })

  it("counts each of its calls against the caller's rate limit", async () => {
    expect((await batch(10, "198.51.100.2")).status).toBe(200)
    const second = await batch(10, "198.51.100.2")
    expect(second.status).toBe(429)
    expect(second.headers.get("retry-after")).toMatch(/^\d+$/)
    // Another address is not held back by the first one's batches.
    expect((await batch(1, "198.51.100.3")).status).toBe(200)
  })
})
