// Deliveries over HTTP against the real `baken serve` on an embedded data folder, as partners and an attacker send
// them: every partner format, valid and with broken rows, with curl to `POST /api/deliveries`; and the bad input the
// issue names — an unknown adapter, one not assigned, a body over the limit, a connection dropped half-way, the same
// file twice at once, a file in another adapter's format, a hostile file name, and a server killed during a job.
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { request } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { Oprf } from "@baken/adapter-kit"
import { Samples } from "@baken/adapter-registry"
import { WebApp } from "@baken/web"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createToken, runCli, runCliAsync, type ServerProcess, startServer } from "./processes.js"
import { sessionCookie, signInAt } from "./signIn.js"

const dir = mkdtempSync(join(tmpdir(), "baken-deliveries-"))
const dataDir = join(dir, "data")
const spoolDir = join(dir, "spool")
const env = {
  BAKEN_DATA_DIR: dataDir,
  BAKEN_SPOOL_DIR: spoolDir,
  BAKEN_DELIVERY_LIMIT_BYTES: String(64 * 1024 * 1024),
  // The server keys `baken ingest --push` saw, kept in the test's own folder, not the user's home.
  BAKEN_KNOWN_KEYS: join(dir, "known-keys.json"),
}

/** The DEMO partner that delivers each format (packages/region-gooi-en-vechtstreek/src/demo/deliveries.ts). */
const partnerOf: Record<Samples.Id, string> = {
  iwmo: "demo-zorgaanbieder-bescherming-en-opvang",
  "veilig-thuis": "demo-veilig-thuis",
  vroegsignalering: "demo-gemeente-schuldhulpverlening",
  detentie: "demo-gemeente-nazorg-detentie",
  woningcorporatie: "demo-woningcorporatie",
  politie: "demo-politie",
  "cbs-statline": "demo-regio-onderzoek",
  "observations-csv": "demo-zorgaanbieder-bescherming-en-opvang",
  "template-csv": "demo-voorbeeldformaat",
}

let server: ServerProcess
const tokens: Record<string, string> = {}
let region = ""

const tokenFor = (args: ReadonlyArray<string>) => createToken(args, env, "deliveries test")

beforeAll(async () => {
  // The demo loads the DEMO partners; tokens are made while no server holds the folder; then the demo serves again.
  const first = await startServer(["--demo"], env)
  await first.stop()
  for (const partner of new Set(Object.values(partnerOf)))
    tokens[partner] = tokenFor(["--audience", "partner", "--partner", partner])
  region = tokenFor(["--audience", "region"])
  server = await startServer(["--demo"], env)
  // Two demo loads and nine token processes: on a shared 2-core machine running the whole suite this took over 120 s.
}, 240_000)

afterAll(async () => {
  if (server !== undefined && server.child.exitCode === null) await server.stop()
  rmSync(dir, { recursive: true, force: true })
})

interface Job {
  readonly id: string
  readonly status: string
  readonly progress: { readonly read: number; readonly accepted: number; readonly rejected: number }
  readonly summary: { readonly accepted: Record<string, number> } | null
  readonly reason: { readonly nl: string; readonly en: string } | null
  readonly rejections: ReadonlyArray<{
    readonly location: { readonly file: string; readonly line?: number; readonly path?: string }
    readonly rule: string
    readonly message: { readonly nl: string; readonly en: string }
  }>
}

/** Runs curl with `args` without blocking this process (see `runCliAsync`); resolves with what it printed. */
const runCurl = (args: ReadonlyArray<string>): Promise<string> =>
  new Promise((resolve) => {
    const child = spawn("curl", args)
    let out = ""
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString()
    })
    child.once("close", () => resolve(out))
  })

/** Sends `file` with curl as `token`; returns the HTTP status and the answer. */
const curl = async (file: Samples.File, adapter: string, token: string) => {
  const path = join(dir, `upload-${Math.random().toString(36).slice(2)}`)
  writeFileSync(path, file.bytes)
  const url = `${server.url}/api/deliveries?adapter=${adapter}&name=${encodeURIComponent(file.name)}`
  const out = await runCurl([
    "-sS",
    "-w",
    "\n%{http_code}",
    "-X",
    "POST",
    "-H",
    `Authorization: Bearer ${token}`,
    "--data-binary",
    `@${path}`,
    url,
  ])
  rmSync(path)
  const lines = out.trimEnd().split("\n")
  return { status: Number(lines.pop()), body: JSON.parse(lines.join("\n")) as Record<string, unknown> }
}

const job = async (id: string, token: string): Promise<Job> => {
  const answer = await fetch(`${server.url}/api/deliveries/${id}`, { headers: { authorization: `Bearer ${token}` } })
  expect(answer.status).toBe(200)
  return (await answer.json()) as Job
}

/** Polls the job until it is stored or refused. */
const finished = async (id: string, token: string): Promise<Job> => {
  for (;;) {
    const j = await job(id, token)
    if (j.status === "stored" || j.status === "refused") return j
    await new Promise((r) => setTimeout(r, 100))
  }
}

const accepted = (j: Job) => Object.values(j.summary?.accepted ?? {}).reduce((a, b) => a + b, 0)

const regionDeliveries = async () => {
  const answer = await fetch(`${server.url}/trpc/delivery.list?input=${encodeURIComponent("{}")}`, {
    headers: { authorization: `Bearer ${region}` },
  })
  return (
    (await answer.json()) as {
      result: {
        data: ReadonlyArray<{
          header: { sourceName: string; partner: string }
          summary: { rejected: Record<string, number> }
        }>
      }
    }
  ).result.data
}

describe("every partner format, delivered with curl", () => {
  for (const id of Samples.ids) {
    it(`stores a valid ${id} file whole, as ${partnerOf[id]}, and the region sees the delivery`, async () => {
      // Series 1: iWmo allocations other than those the demo delivered as this partner, so the file pairs whole.
      const file = Samples.valid(id, { rows: 12, series: 1 })
      const sent = await curl({ ...file, name: `geldig-${file.name}` }, id, tokens[partnerOf[id]] as string)
      expect(sent.status).toBe(202)
      // Taken in: waiting, or already being read by the worker (which may pick it up before the answer is written).
      expect(["queued", "running"]).toContain(sent.body.status)
      const done = await finished(sent.body.id as string, tokens[partnerOf[id]] as string)
      expect(done.rejections.map((r) => r.message.nl)).toEqual([])
      expect(done.status).toBe("stored")
      expect(done.progress.rejected).toBe(0)
      expect(accepted(done)).toBeGreaterThan(0)
      expect((await regionDeliveries()).map((d) => d.header.sourceName)).toContain(`geldig-${file.name}`)
    })

    it(`stores the valid rows of a broken ${id} file and names each broken row where it is`, async () => {
      const file = Samples.broken(id, { series: 2 })
      const sent = await curl(file, id, tokens[partnerOf[id]] as string)
      expect(sent.status).toBe(202)
      const done = await finished(sent.body.id as string, tokens[partnerOf[id]] as string)
      expect(done.status).toBe("stored")
      expect(accepted(done)).toBeGreaterThan(0)
      expect(done.rejections).toHaveLength(file.locations.length)
      for (const where of file.locations) {
        const found = done.rejections.find(
          (r) =>
            r.location.file === where.file &&
            (where.line === undefined || r.location.line === where.line) &&
            (where.path === undefined || r.location.path === where.path),
        )
        expect(found, `a rejection at ${JSON.stringify(where)}`).toBeDefined()
        expect(found?.message.nl).not.toBe("")
        expect(found?.message.en).not.toBe("")
      }
    })
  }
})

describe("every partner format, pushed with baken ingest --push", () => {
  const pushed = async (file: Samples.File, id: Samples.Id, name: string) => {
    const path = join(dir, name)
    writeFileSync(path, file.bytes)
    // The partner holds no secret: its CLI pseudonymises through the server's OPRF.
    const out = await runCliAsync(
      ["ingest", "--adapter", id, "--push", server.url, "--token", tokens[partnerOf[id]] as string, path],
      { BAKEN_PSEUDONYM_SECRET: "", BAKEN_DATA_DIR: join(dir, "unused"), BAKEN_KNOWN_KEYS: env.BAKEN_KNOWN_KEYS },
    )
    rmSync(path)
    return out
  }

  for (const id of Samples.ids) {
    it(`pushes a valid ${id} file and a broken one; the broken rows are printed with their place`, async () => {
      const good = await pushed(Samples.valid(id, { rows: 7, series: 3 }), id, `gepusht-${Samples.valid(id).name}`)
      expect(good.stderr).toBe("")
      expect(good.status).toBe(0)
      expect(good.stdout).toMatch(/geaccepteerd, 0 afgewezen/)
      // Nor does publishing refuse anything (for iWmo: the pairing of starts and stops).
      const sent = (await regionDeliveries()).find((d) => d.header.sourceName === `gepusht-${Samples.valid(id).name}`)
      expect(sent?.summary.rejected).toEqual({})
      // The same bytes as the broken file sent with curl above (series 2).
      const file = Samples.broken(id, { series: 2 })
      const bad = await pushed(file, id, `gepusht-${file.name}`)
      expect(bad.status, bad.stderr).toBe(0)
      for (const where of file.locations) {
        const place = where.line !== undefined ? `:${where.line}` : (where.path ?? "")
        expect(bad.stdout).toContain(place)
      }
      // The broken file's bytes were uploaded with curl above: the push is answered with that delivery (one source
      // hash, one delivery), so only the valid file is a delivery of its own.
      const names = (await regionDeliveries()).map((d) => d.header.sourceName)
      expect(names).toContain(`gepusht-${Samples.valid(id).name}`)
      expect(names.filter((n) => n.endsWith(file.name))).toHaveLength(1)
    })
  }

  it("exits 1 and says why when the server refuses the pushed file as a whole", async () => {
    const out = await pushed({ ...Samples.valid("iwmo"), name: "x.csv" }, "politie", "berichten-als-politie.csv")
    expect(out.status).toBe(1)
    expect(out.stdout).toContain("geweigerd")
  })
})

describe("bad input at the delivery route", () => {
  const politie = () => tokens[partnerOf.politie] as string

  it("answers 400 naming the adapters there are for an unknown adapter", async () => {
    const sent = await curl(Samples.valid("politie"), "geen-adapter", politie())
    expect(sent.status).toBe(400)
    expect(JSON.stringify(sent.body)).toContain("politie")
  })

  it("answers 403 for an adapter the region did not assign to the partner", async () => {
    const sent = await curl(Samples.valid("iwmo"), "iwmo", politie())
    expect(sent.status).toBe(403)
    expect(JSON.stringify(sent.body)).toContain("levert niet via adapter iwmo")
  })

  it("answers 403 to a delivery without a partner token, and 401 to a made-up token", async () => {
    expect((await curl(Samples.valid("politie"), "politie", region)).status).toBe(403)
    expect((await curl(Samples.valid("politie"), "politie", "bkn_0000000000000000_made-up")).status).toBe(401)
  })

  it("refuses a file name with a BSN-like number and one with control characters", async () => {
    for (const name of ["levering-999900006.csv", "a\u0007b.csv"]) {
      const answer = await fetch(`${server.url}/api/deliveries?adapter=politie&name=${encodeURIComponent(name)}`, {
        method: "POST",
        headers: { authorization: `Bearer ${politie()}` },
        body: "x",
      })
      expect(answer.status).toBe(400)
    }
  })

  it("refuses a body over the limit with 413 before reading it, when its length is declared", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/deliveries?adapter=politie&name=groot.csv`, {
        method: "POST",
        headers: { authorization: `Bearer ${politie()}`, "content-length": String(3 * 1024 ** 3) },
      })
      req.on("response", (res) => resolve(res.statusCode ?? 0))
      req.on("error", reject)
      // Only the headers go out: the answer comes without a byte of the three gigabytes.
      req.flushHeaders()
    })
    expect(status).toBe(413)
  })

  it("refuses a chunked body as soon as it passes the limit, and keeps no spool file", async () => {
    const chunk = new Uint8Array(1024 * 1024)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length
        if (sent > 200 * 1024 * 1024) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const answer = await fetch(`${server.url}/api/deliveries?adapter=politie&name=te-groot.csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${politie()}` },
      body,
      duplex: "half",
    } as RequestInit).catch(() => undefined)
    if (answer !== undefined) expect(answer.status).toBe(413)
    expect(sent).toBeLessThan(200 * 1024 * 1024)
    expect(readdirSync(spoolDir).filter((f) => f.endsWith(".part"))).toEqual([])
  })

  it("stores nothing and keeps no spool file when the connection drops half-way", async () => {
    const before = (await regionDeliveries()).length
    const file = Samples.valid("politie", { rows: 500 })
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}/api/deliveries?adapter=politie&name=afgebroken.csv`, {
        method: "POST",
        headers: { authorization: `Bearer ${politie()}`, "content-length": String(file.bytes.length) },
      })
      req.on("error", () => resolve())
      req.write(file.bytes.subarray(0, Math.floor(file.bytes.length / 2)), () => {
        setTimeout(() => {
          req.destroy()
          resolve()
        }, 100)
      })
    })
    await new Promise((r) => setTimeout(r, 300))
    expect(readdirSync(spoolDir).filter((f) => f.endsWith(".part"))).toEqual([])
    expect((await regionDeliveries()).length).toBe(before)
  })

  it("stores the same file sent twice at once once, and answers both with the same job", async () => {
    const file = { ...Samples.valid("politie", { rows: 40 }), name: "tweemaal.csv" }
    const send = () =>
      fetch(`${server.url}/api/deliveries?adapter=politie&name=tweemaal.csv`, {
        method: "POST",
        headers: { authorization: `Bearer ${politie()}` },
        body: file.bytes,
      }).then((r) => r.json() as Promise<{ id: string }>)
    const [a, b] = await Promise.all([send(), send()])
    expect(a.id).toBe(b.id)
    await finished(a.id, politie())
    expect((await regionDeliveries()).filter((d) => d.header.sourceName === "tweemaal.csv")).toHaveLength(1)
  })

  it("refuses a file in another adapter's format whole, saying what was expected", async () => {
    const sent = await curl({ ...Samples.valid("iwmo"), name: "berichten.csv" }, "politie", politie())
    expect(sent.status).toBe(202)
    const done = await finished(sent.body.id as string, politie())
    expect(done.status).toBe("refused")
    expect(done.reason?.nl).toContain("Verwacht")
    expect(done.reason?.nl).toContain(".csv")
    expect(done.rejections.length).toBeGreaterThan(0)
  })

  it("refuses a pushed body with a line that is not a record, and stores none of it", async () => {
    const answer = await fetch(
      `${server.url}/api/deliveries?adapter=politie&name=gepusht.csv&sourceHash=${"b".repeat(64)}&pseudonyms=${Oprf.format}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${politie()}`, "content-type": "application/x-ndjson" },
        body: '{"record":{"indicator":"x"}}\nniet-json\n',
      },
    )
    expect(answer.status).toBe(202)
    const done = await finished(((await answer.json()) as { id: string }).id, politie())
    expect(done.status).toBe("refused")
    expect(done.reason?.nl).toContain("Regel 1")
  })

  it("takes the dashboard session only from the server's own pages with the session's CSRF token", async () => {
    const file = Samples.valid("politie", { rows: 2 })
    const session = await signInAt(server.url, politie())
    const send = (origin: string, csrf: string | undefined) =>
      fetch(`${server.url}/api/deliveries?adapter=politie&name=sessie.csv`, {
        method: "POST",
        headers: {
          cookie: sessionCookie(session),
          "x-baken-session": "1",
          origin,
          ...(csrf === undefined ? {} : { "x-csrf-token": csrf }),
        },
        body: file.bytes,
      })
    expect((await send("https://kwaadwillend.example", WebApp.csrfOf(session))).status).toBe(403)
    // From the server's own page without the session's token (a page of an earlier session): asked to sign in again.
    expect((await send(server.url, undefined)).status).toBe(401)
    expect((await send(server.url, WebApp.csrfOf(`${session}x`))).status).toBe(401)
    // A browser that says the request comes from another site (Sec-Fetch-Site) is refused too.
    const crossSite = await fetch(`${server.url}/api/deliveries?adapter=politie&name=elders.csv`, {
      method: "POST",
      headers: {
        cookie: sessionCookie(session),
        "x-baken-session": "1",
        origin: server.url,
        "sec-fetch-site": "cross-site",
        "x-csrf-token": WebApp.csrfOf(session),
      },
      body: file.bytes,
    })
    expect(crossSite.status).toBe(403)
    expect((await send(server.url, WebApp.csrfOf(session))).status).toBe(202)
    // The token cookie of before sessions opens nothing.
    const old = await fetch(`${server.url}/api/deliveries?adapter=politie&name=oud.csv`, {
      method: "POST",
      headers: { cookie: `baken_code=${politie()}`, "x-baken-session": "1", origin: server.url },
      body: file.bytes,
    })
    expect(old.status).toBe(401)
  })

  it("answers a job that is not there, or not the partner's, with 404 in Dutch", async () => {
    const answer = await fetch(`${server.url}/api/deliveries/00000000-0000-0000-0000-000000000000`, {
      headers: { authorization: `Bearer ${politie()}` },
    })
    expect(answer.status).toBe(404)
    expect(((await answer.json()) as { error: { message: string } }).error.message).toBe(
      "Deze levering bestaat niet, of is niet van u.",
    )
  })

  it("does not show one partner's job to another partner", async () => {
    const sent = await curl({ ...Samples.valid("politie", { rows: 3 }), name: "van-politie.csv" }, "politie", politie())
    const other = await fetch(`${server.url}/api/deliveries/${sent.body.id}`, {
      headers: { authorization: `Bearer ${tokens[partnerOf["veilig-thuis"]]}` },
    })
    expect(other.status).toBe(404)
  })
})

describe("a server killed during a delivery", () => {
  it("takes the job up again after the restart and stores the delivery exactly once", async () => {
    const rows = 300_000
    const path = join(dir, "groot-politie.csv")
    const chunks: Array<Uint8Array> = []
    for (const c of Samples.stream("politie", { rows })) chunks.push(c)
    writeFileSync(path, Buffer.concat(chunks))
    const token = tokens[partnerOf.politie] as string
    const sent = await runCurl([
      "-sS",
      "-X",
      "POST",
      "-H",
      `Authorization: Bearer ${token}`,
      "--data-binary",
      `@${path}`,
      `${server.url}/api/deliveries?adapter=politie&name=groot-politie.csv`,
    ])
    const { id } = JSON.parse(sent) as { id: string }
    // Killed (SIGKILL: no graceful shutdown) once part of the rows are staged.
    for (;;) {
      const j = await job(id, token)
      if (j.progress.accepted > 0 || j.status === "stored") break
      await new Promise((r) => setTimeout(r, 20))
    }
    const partway = await job(id, token)
    server.child.kill("SIGKILL")
    await new Promise((r) => server.child.once("exit", r))
    // What an upload cut off by the crash left in the spool folder (for an iWmo file: BSNs) goes at the restart.
    const stray = join(spoolDir, "00000000-0000-0000-0000-00000000dead.part")
    writeFileSync(stray, "999900006;afgebroken upload\n")
    server = await startServer([], env)
    const done = await finished(id, token)
    expect(partway.status === "running" || partway.status === "stored").toBe(true)
    expect(done.status).toBe("stored")
    expect(accepted(done)).toBe(rows)
    const stored = (await regionDeliveries()).filter((d) => d.header.sourceName === "groot-politie.csv")
    expect(stored).toHaveLength(1)
    expect(readdirSync(spoolDir).filter((f) => f.endsWith(".part"))).toEqual([])
    expect(existsSync(stray)).toBe(false)
  }, 300_000)
})

describe("a server without a pseudonym secret", () => {
  it("takes uploads all the same: it pseudonymises them with keys of its own", async () => {
    const own = { BAKEN_DATA_DIR: join(dir, "no-secret"), BAKEN_SPOOL_DIR: join(dir, "no-secret-spool") }
    const made = runCli(
      ["--json", "token", "create", "--audience", "partner", "--partner", "politie", "--label", "x", "--days", "1"],
      own,
    )
    const { secret } = JSON.parse(made.stdout) as { secret: string }
    const plain = await startServer([], own)
    try {
      expect(plain.output()).not.toContain("Uploads are off")
      const answer = await fetch(`${plain.url}/api/deliveries?adapter=politie&name=e33.csv`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}` },
        body: Samples.valid("politie").bytes,
      })
      // Accepted for its job; whether the partner may deliver politie figures is the job's to say.
      expect(answer.status).not.toBe(409)
    } finally {
      await plain.stop()
    }
  })
})

describe("the public pages kept for visitors without a session", () => {
  it("answer a kept page with the web app's own headers and encoding, for each Accept-Encoding", async () => {
    const read = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = request(`${server.url}/`, { headers: { "accept-encoding": encoding } }, (res) => {
          const parts: Array<Buffer> = []
          res.on("data", (d: Buffer) => parts.push(d))
          res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(parts) }))
        })
        req.on("error", reject)
        req.end()
      })
    const first = await read("gzip")
    const again = await read("gzip")
    const plain = await read("identity")
    expect(again.headers["content-encoding"]).toBe("gzip")
    expect(again.headers["content-security-policy"]).toBe(first.headers["content-security-policy"])
    expect(gunzipSync(again.body).toString()).toContain("<html")
    expect(plain.headers["content-encoding"]).toBeUndefined()
    expect(plain.body.toString()).toContain("<html")
  })
})
