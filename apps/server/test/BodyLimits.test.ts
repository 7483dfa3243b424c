// Size limits wherever a body enters: the API, the dashboard's form posts and its upload form. A body over the limit
// is answered 413 while it streams, before it is parsed and before any login check; on a real `baken serve` process a
// 100 MB body leaves the server's memory flat.

import { readFileSync, writeFileSync } from "node:fs"
import { request } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as App from "../src/App.js"
import * as Dashboard from "../src/Dashboard.js"
import * as Runtime from "../src/Runtime.js"
import { type ServerProcess, startServer } from "./processes.js"
import { appConfig } from "./settings.js"

const runtime = Runtime.make({ database: { _tag: "Embedded" }, pseudonymSecret: undefined })
const config = appConfig()
const web = Dashboard.app(runtime, {
  today: () => "2025-04-15",
  limits: { form: config.bodyLimit, upload: config.uploadLimit },
})
const app = App.make({ runtime, config, web })
afterAll(() => runtime.dispose())

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

/** A body that arrives in chunks, without a Content-Length, so only counting while it streams can stop it. */
const streamed = (chunks: number, size: number) => {
  let sent = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === chunks) controller.close()
      else controller.enqueue(new Uint8Array(size).fill(0x61))
    },
  })
}

describe("body limits on the dashboard's forms", () => {
  it("answers a login form over the limit with 413 instead of checking the code", async () => {
    const res = await app.request("/inloggen", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form({ code: "x".repeat(10_000) }),
    })
    expect(res.status).toBe(413)
    expect(await res.text()).toContain("te groot")
  })

  it("answers a streamed login form without a length with 413 once it passes the limit", async () => {
    const res = await app.request("/inloggen", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: streamed(64, 1024),
      duplex: "half",
    } as RequestInit)
    expect(res.status).toBe(413)
  })

  it("answers every region form over the limit with 413 before the login check", async () => {
    for (const path of ["/regio/plan", "/regio/besluiten", "/regio/vrijgeven", "/regio/leverschemas", "/uitloggen"]) {
      const res = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form({ soort: "indicator", titel: "x".repeat(10_000) }),
      })
      expect(res.status, path).toBe(413)
    }
  })

  it("lets a partner's upload form up to the upload limit, not the form limit, and no further", async () => {
    const multipart = (bytes: number) => {
      const data = new FormData()
      data.set("adapter", "iwmo")
      data.set("bestand", new File([new Uint8Array(bytes)], "levering.zip"))
      return data
    }
    const small = await app.request("/partner/leveringen", { method: "POST", body: multipart(6000) })
    expect(small.status).not.toBe(413)
    const large = await app.request("/partner/leveringen", { method: "POST", body: multipart(20_000) })
    expect(large.status).toBe(413)
  })
})

/** Starts counting the server's peak resident memory afresh (Linux: `5` to clear_refs resets VmHWM). */
const resetPeak = (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, "5")

/** The server's resident memory now and its peak since the last reset, in bytes (Linux). */
const memory = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) * 1024
  return { rss: kb("VmRSS"), peak: kb("VmHWM") }
}

/** Streams `total` bytes to `path` in 64 KiB chunks; resolves with the status the server answered. */
const post = (url: string, path: string, total: number, headers: Record<string, string>) =>
  new Promise<{ status: number; sent: number; ms: number }>((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61)
    const started = performance.now()
    let sent = 0
    let status: number | undefined
    let ms = 0
    const req = request(`${url}${path}`, { method: "POST", headers }, (res) => {
      status = res.statusCode ?? 0
      ms = performance.now() - started
      res.resume()
      res.on("end", () => resolve({ status: status ?? 0, sent, ms }))
    })
    // The server may close the connection once it has answered; what counts is the answer it gave.
    req.on("error", (e) => (status === undefined ? reject(e) : resolve({ status, sent, ms })))
    const write = () => {
      while (sent < total && status === undefined) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once("drain", write)
      }
      req.end()
    }
    write()
  })

describe("body limits on a running server", () => {
  const onLinux = process.platform === "linux"
  let server: ServerProcess | undefined
  beforeAll(async () => {
    if (onLinux) server = await startServer([], { BAKEN_DATA_DIR: "memory" })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it.skipIf(!onLinux)("refuses a 100 MB login post with 413 while its memory stays flat", async () => {
    const running = server as ServerProcess
    const pid = running.child.pid as number
    const total = 100 * 1024 * 1024
    resetPeak(pid)
    const before = memory(pid)
    const chunked = await post(running.url, "/inloggen", total, {
      "content-type": "application/x-www-form-urlencoded",
      "transfer-encoding": "chunked",
    })
    const announced = await post(running.url, "/inloggen", total, {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(total),
    })
    const after = memory(pid)
    console.log(
      `100 MB login posts: RSS ${Math.round(before.rss / 2 ** 20)} → ${Math.round(after.rss / 2 ** 20)} MiB, ` +
        `peak ${Math.round(before.peak / 2 ** 20)} → ${Math.round(after.peak / 2 ** 20)} MiB, ` +
        `sent ${Math.round(chunked.sent / 2 ** 20)} and ${Math.round(announced.sent / 2 ** 20)} MiB before the answer, ` +
        `413 after ${Math.round(chunked.ms)} and ${Math.round(announced.ms)} ms`,
    )
    expect(chunked.status).toBe(413)
    expect(announced.status).toBe(413)
    // Each body is 100 MiB; holding either would lift the peak above the memory before by at least that much.
    expect(after.peak - before.rss).toBeLessThan(total / 4)
    // The server still answers.
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200)
  })
})
