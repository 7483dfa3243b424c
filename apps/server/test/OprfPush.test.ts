// Pseudonyms without a shared secret (issue 16), against a real `baken serve` on PostgreSQL and the real CLI: a partner
// pushes with no BAKEN_PSEUDONYM_SECRET, the same test BSN uploaded by one partner and pushed by another is one stored
// pseudonym, a server answering with another key is refused by the CLI and nothing is stored, evaluations over the
// limit are refused with 429 and shown to the region, and no BSN crosses the wire on the push route.
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Oprf } from "@baken/adapter-kit"
import { Samples } from "@baken/adapter-registry"
import * as fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { printable } from "../src/Push.js"
import { createToken, runCli, runCliAsync, type ServerProcess, startServer } from "./processes.js"
import { postgresSchema, postgresUrl } from "./settings.js"
import { sessionCookie, signInAt, withCsrf } from "./signIn.js"

const pg = await postgresSchema("oprf", "the OPRF push test")
const dir = mkdtempSync(join(tmpdir(), "baken-oprf-"))
const base = 40
const env = {
  ...pg.env,
  BAKEN_SPOOL_DIR: join(dir, "spool"),
  BAKEN_OPRF_BASE: String(base),
  BAKEN_OPRF_FACTOR: "2",
  BAKEN_PSEUDONYM_SECRET: "",
}
// The partner's side: its own known-keys file, and no pseudonymisation secret at all.
const partnerEnv = { BAKEN_KNOWN_KEYS: join(dir, "known-keys.json"), BAKEN_PSEUDONYM_SECRET: "" }

const pusher = "demo-gemeente-schuldhulpverlening" // vroegsignalering
const uploader = "demo-gemeente-nazorg-detentie" // detentie
// Partners with no deliveries at all: their limit is the base alone.
const throttled = "oprf-test-vrager"
const newcomer = "oprf-test-nieuwkomer"
// A partner whose adapters deliver counts only.
const counter = "demo-woningcorporatie"

let server: ServerProcess
const tokens: Record<string, string> = {}
let region = ""

const sql = (query: string): string => {
  const out = spawnSync("psql", [postgresUrl, "-At", "-c", query], {
    encoding: "utf8",
    env: { ...process.env, PGOPTIONS: `-c search_path=${pg.env.BAKEN_DB_SCHEMA}` },
  })
  return out.stdout.trim()
}

beforeAll(async () => {
  if (pg.skip !== undefined) return
  expect(runCli(["migrate"], env).status).toBe(0)
  const first = await startServer(["--demo"], env)
  await first.stop()
  for (const partner of [pusher, uploader, throttled, newcomer, counter]) {
    tokens[partner] = createToken(["--audience", "partner", "--partner", partner], env, "oprf test")
  }
  region = createToken(["--audience", "region"], env, "oprf test")
  server = await startServer([], env)
}, 600_000)

afterAll(async () => {
  if (server !== undefined && server.child.exitCode === null) await server.stop()
  pg.drop()
  rmSync(dir, { recursive: true, force: true })
})

/** A proxy in front of the server that keeps every request body it passes on, to look for BSNs in them. */
const recordingProxy = async (target: string) => {
  const bodies: Array<{ readonly path: string; readonly body: Buffer }> = []
  const proxy = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Array<Buffer> = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks)
    bodies.push({ path: req.url ?? "", body })
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([k]) => !["host", "content-length", "connection", "transfer-encoding"].includes(k),
      ),
    ) as Record<string, string>
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method ?? "GET",
      headers,
      ...(req.method === "GET" ? {} : { body }),
    })
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" })
    res.end(Buffer.from(await answer.arrayBuffer()))
  })
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r))
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, bodies, close: () => close(proxy) }
}

const close = (s: Server) => new Promise<void>((r) => s.close(() => r()))

const write = (file: Samples.File, name: string) => {
  const path = join(dir, name)
  writeFileSync(path, file.bytes)
  return path
}

const push = (url: string, path: string, extra: ReadonlyArray<string> = [], extraEnv: Record<string, string> = {}) =>
  runCliAsync(
    [
      "--json",
      "ingest",
      "--adapter",
      "vroegsignalering",
      "--push",
      url,
      "--token",
      tokens[pusher] as string,
      ...extra,
      path,
    ],
    { ...partnerEnv, ...extraEnv },
  )

/** Asks the server to evaluate `bsns`, blinded, as `token`: its answer. */
const askEvaluation = async (token: string, bsns: ReadonlyArray<string>) => {
  const { key } = (await (await fetch(`${server.url}/api/oprf/key`)).json()) as { key: string }
  const blinded = await Oprf.client(Oprf.fromHex(key) as Uint8Array).blind(bsns)
  if (blinded instanceof Oprf.OprfError) throw blinded
  return fetch(`${server.url}/api/oprf/evaluate`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
    body: blinded.request as Uint8Array<ArrayBuffer>,
  })
}

/** The BSNs a sample file holds: every nine-digit test number in it. */
const bsnsIn = (file: Samples.File) => [...new Set(new TextDecoder().decode(file.bytes).match(/\b9999\d{5}\b/g) ?? [])]

describe.skipIf(pg.skip !== undefined)("pseudonyms without a shared secret", () => {
  it("lets a partner push with no BAKEN_PSEUDONYM_SECRET, and nothing it sends holds a BSN", async () => {
    const file = Samples.valid("vroegsignalering", { rows: 8 })
    const bsns = bsnsIn(file)
    expect(bsns.length).toBeGreaterThan(0)
    const proxy = await recordingProxy(server.url)
    try {
      const out = await push(proxy.url, write(file, "gepusht-vroegsignalen.csv"))
      expect(out.stderr).toBe("")
      expect(out.status).toBe(0)
      const [result] = JSON.parse(out.stdout) as Array<{ stored: { status: string } }>
      expect(result?.stored.status).toBe("stored")
      const sent = proxy.bodies.filter((b) => b.body.length > 0)
      expect(sent.map((b) => b.path.split("?")[0])).toEqual(
        expect.arrayContaining(["/api/oprf/evaluate", "/api/deliveries"]),
      )
      const pushed = sent.find((b) => b.path.startsWith("/api/deliveries"))?.body.toString("utf8") ?? ""
      expect(pushed).toContain('"person":"')
      for (const { body } of sent) {
        const views = [body.toString("latin1"), body.toString("hex"), body.toString("base64")]
        for (const bsn of bsns) {
          for (const view of views) expect(view).not.toContain(bsn)
          expect(body.toString("hex")).not.toContain(Buffer.from(bsn, "latin1").toString("hex"))
        }
      }
      // Nor does its file's plain SHA-256 go in an address (access logs keep those) or stay in the store: for a small
      // file it is a fingerprint whoever sees it could find the BSNs by.
      const fileHash = createHash("sha256").update(file.bytes).digest("hex")
      for (const { path } of proxy.bodies) expect(path).not.toContain(fileHash)
      expect(
        sql(`SELECT (SELECT count(*) FROM deliveries WHERE source_hash = '${fileHash}' OR summary::text LIKE '%${fileHash}%')
          + (SELECT count(*) FROM delivery_jobs WHERE source_hash = '${fileHash}' OR summary::text LIKE '%${fileHash}%')
          + (SELECT count(*) FROM processing_log WHERE subject LIKE '%${fileHash}%')`),
      ).toBe("0")
      expect(sql("SELECT count(*) FROM deliveries WHERE source_file = 'gepusht-vroegsignalen.csv'")).toBe("1")
    } finally {
      await proxy.close()
    }
  }, 300_000)

  it("gives the same test BSN the same stored pseudonym through an upload and a push, so flows see one person", async () => {
    // The detentie sample uploaded by its partner and the vroegsignalering sample pushed above share their first BSNs.
    const upload = Samples.valid("detentie", { rows: 8 })
    const pushedFile = Samples.valid("vroegsignalering", { rows: 8 })
    const shared = bsnsIn(pushedFile).filter((b) => bsnsIn(upload).includes(b))
    expect(shared.length).toBeGreaterThan(0)
    const sent = await fetch(`${server.url}/api/deliveries?adapter=detentie&name=geupload-detentie.csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[uploader]}` },
      body: upload.bytes,
    })
    expect(sent.status).toBe(202)
    const { id } = (await sent.json()) as { id: string }
    for (;;) {
      const job = (await (
        await fetch(`${server.url}/api/deliveries/${id}`, { headers: { authorization: `Bearer ${tokens[uploader]}` } })
      ).json()) as { status: string }
      if (job.status === "stored") break
      expect(job.status).not.toBe("refused")
      await new Promise((r) => setTimeout(r, 200))
    }
    const personsOf = (name: string) =>
      sql(
        `SELECT DISTINCT e.person FROM person_events e JOIN deliveries d ON d.id = e.delivery WHERE d.source_file = '${name}' ORDER BY 1`,
      )
        .split("\n")
        .filter((l) => l !== "")
    const pushedPersons = personsOf("gepusht-vroegsignalen.csv")
    const uploadedPersons = personsOf("geupload-detentie.csv")
    expect(pushedPersons.length).toBe(bsnsIn(pushedFile).length)
    const linked = pushedPersons.filter((p) => uploadedPersons.includes(p))
    expect(linked).toHaveLength(shared.length)
    // What is stored is no OPRF value a partner holds, nor any BSN.
    for (const p of pushedPersons) expect(p).toMatch(/^[0-9a-f]{64}$/)
  }, 300_000)

  it("refuses, in the CLI, a server whose answers are not proven with the pinned key, and nothing is stored", async () => {
    const pinned = ((await (await fetch(`${server.url}/api/oprf/key`)).json()) as { key: string }).key
    const impostor = Oprf.server(await Oprf.generatePrivateKey())
    // What reached the delivery route, as it streamed in: at most the blank line a push opens with, never a record.
    let delivered = ""
    const fake = createServer(async (req, res) => {
      if (req.url?.startsWith("/api/deliveries")) {
        req.on("data", (d: Buffer) => {
          delivered += d.toString()
        })
        req.on("error", () => undefined)
        return
      }
      const chunks: Array<Buffer> = []
      for await (const c of req) chunks.push(c as Buffer)
      const body = Buffer.concat(chunks)
      if (req.url === "/api/oprf/key") {
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify({ suite: Oprf.suite, format: Oprf.format, key: pinned }))
      } else {
        const request = Oprf.decodeRequest(new Uint8Array(body))
        res.writeHead(200, { "content-type": "application/octet-stream" })
        res.end(Buffer.from(await impostor.evaluateBlinded(request as never)))
      }
    })
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r))
    try {
      const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`
      const file = Samples.valid("vroegsignalering", { rows: 12 })
      const out = await push(url, write(file, "nep-server.csv"), ["--oprf-key", pinned])
      expect(out.status).toBe(1)
      expect(out.stderr).toMatch(/proof does not hold/)
      expect(delivered.trim()).toBe("")
    } finally {
      fake.closeAllConnections()
      await close(fake)
    }
  }, 300_000)

  it("keeps a first server's key only once an answer proved out with it, and never from a server whose proof fails", async () => {
    const impostor = Oprf.server(await Oprf.generatePrivateKey())
    // A server (or someone in between) that shows its own key and answers with another: the first push fails.
    const fake = createServer(async (req, res) => {
      if (req.url?.startsWith("/api/deliveries")) {
        req.on("data", () => undefined)
        req.on("error", () => undefined)
        return
      }
      const chunks: Array<Buffer> = []
      for await (const c of req) chunks.push(c as Buffer)
      if (req.url === "/api/oprf/key") {
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify({ suite: Oprf.suite, format: Oprf.format, key: Oprf.toHex(impostor.publicKey) }))
      } else {
        const other = Oprf.server(await Oprf.generatePrivateKey())
        const request = Oprf.decodeRequest(new Uint8Array(Buffer.concat(chunks)))
        res.writeHead(200, { "content-type": "application/octet-stream" })
        res.end(Buffer.from(await other.evaluateBlinded(request as never)))
      }
    })
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r))
    const knownKeys = join(dir, "first-use-keys.json")
    try {
      const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`
      const out = await push(url, write(Samples.valid("vroegsignalering", { rows: 5 }), "eerste-keer.csv"), [], {
        BAKEN_KNOWN_KEYS: knownKeys,
      })
      expect(out.status).toBe(1)
      expect(out.stderr).toMatch(/proof does not hold/)
      expect(existsSync(knownKeys)).toBe(false)
    } finally {
      fake.closeAllConnections()
      await close(fake)
    }
    // The real server's key is kept after its first proven answer.
    const real = await push(server.url, write(Samples.valid("vroegsignalering", { rows: 5 }), "eerste-echt.csv"), [], {
      BAKEN_KNOWN_KEYS: knownKeys,
    })
    expect(real.status).toBe(0)
    const { key } = (await (await fetch(`${server.url}/api/oprf/key`)).json()) as { key: string }
    expect(JSON.parse(readFileSync(knownKeys, "utf8"))).toEqual({ [server.url]: key })
  }, 300_000)

  it("pushes only over HTTPS or to this machine, and refuses a BSN in the file's name before sending", async () => {
    const path = write(Samples.valid("vroegsignalering", { rows: 3 }), "ergens-anders.csv")
    const plain = await push("http://192.0.2.10:8080", path)
    expect(plain.status).toBe(1)
    expect(plain.stderr).toMatch(/only over HTTPS/)
    const named = await push(server.url, write(Samples.valid("vroegsignalering", { rows: 3 }), "999900006.csv"))
    expect(named.status).toBe(1)
    expect(named.stderr).toMatch(/name holds a number shaped like a BSN/)
    expect(sql("SELECT count(*) FROM delivery_jobs WHERE source_name LIKE '%999900006%'")).toBe("0")
  }, 300_000)

  it("prints a server's refusal without its control characters, and refuses a key of another suite", async () => {
    expect(printable("\u001b]0;x\u0007\u001b[2JNEP: alles opgeslagen\u202e")).toBe("]0;x[2JNEP: alles opgeslagen")
    const fake = createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json" })
      res.end(JSON.stringify({ suite: "P256-SHA256", format: Oprf.format, key: "00".repeat(32) }))
      req.resume()
    })
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r))
    try {
      const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`
      const out = await push(url, write(Samples.valid("vroegsignalering", { rows: 2 }), "andere-suite.csv"))
      expect(out.status).toBe(1)
      expect(out.stderr).toMatch(/P256-SHA256/)
    } finally {
      fake.closeAllConnections()
      await close(fake)
    }
  }, 300_000)

  it("refuses a push when the server's key is not the one pinned, before anything is sent", async () => {
    const other = Oprf.toHex(Oprf.server(await Oprf.generatePrivateKey()).publicKey)
    const out = await push(server.url, write(Samples.valid("vroegsignalering", { rows: 4 }), "ander-sleutel.csv"), [
      "--oprf-key",
      other,
    ])
    expect(out.status).toBe(1)
    expect(out.stderr).toMatch(/not the pinned/)
    expect(sql("SELECT count(*) FROM deliveries WHERE source_file = 'ander-sleutel.csv'")).toBe("0")
  }, 300_000)

  it("refuses a push pseudonymised the old way (shared secret) with a message saying what to do", async () => {
    const answer = await fetch(
      `${server.url}/api/deliveries?adapter=vroegsignalering&name=oud.csv&sourceHash=${"c".repeat(64)}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${tokens[pusher]}`, "content-type": "application/x-ndjson" },
        body: "\n",
      },
    )
    expect(answer.status).toBe(400)
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/OPRF-pseudoniemen/)
  })

  it("throttles a partner asking more evaluations than its deliveries explain, and the region sees it", async () => {
    const answer = await askEvaluation(tokens[throttled] as string, Samples.testBsns(base + 5))
    expect(answer.status).toBe(429)
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/Te veel/)
    const refusals = await fetch(`${server.url}/api/oprf/refusals`, { headers: { authorization: `Bearer ${region}` } })
    expect(refusals.status).toBe(200)
    expect((await refusals.json()) as Array<{ partner: string }>).toEqual([
      expect.objectContaining({ partner: throttled, calls: 1, elements: base + 5 }),
    ])
    expect(
      sql(
        "SELECT count(*) FROM processing_log WHERE purpose LIKE 'pseudonimisering geweigerd%' AND actor LIKE 'partner:oprf-test-vrager%'",
      ),
    ).toBe("1")
    // A partner does not read the region's signal.
    const asPartner = await fetch(`${server.url}/api/oprf/refusals`, {
      headers: { authorization: `Bearer ${tokens[throttled]}` },
    })
    expect(asPartner.status).toBe(403)
  }, 300_000)

  it("shows the region a throttled partner on its page, and room the region gives there lets the partner ask again", async () => {
    const { key } = (await (await fetch(`${server.url}/api/oprf/key`)).json()) as { key: string }
    const client = Oprf.client(Oprf.fromHex(key) as Uint8Array)
    const ask = async (n: number) => {
      const blinded = await client.blind(Samples.testBsns(n))
      if (blinded instanceof Oprf.OprfError) throw blinded
      return fetch(`${server.url}/api/oprf/evaluate`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens[newcomer]}`, "content-type": "application/octet-stream" },
        body: blinded.request as Uint8Array<ArrayBuffer>,
      })
    }
    const refused = await ask(base + 10)
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/vraag de regio/)

    const session = await signInAt(server.url, region)
    const headers = { cookie: sessionCookie(session) }
    const page = await (await fetch(`${server.url}/regio`, { headers })).text()
    const section = page.slice(page.indexOf('id="pseudonimisering"'), page.indexOf('id="budget-regio"'))
    expect(section).toMatch(new RegExp(`data-partner="${newcomer}">[^<]*${base + 10} vragen geweigerd in 1 verzoek`))
    expect(section).toContain(`<option value="${newcomer}">`)

    const grant = (fields: Record<string, string>) =>
      fetch(`${server.url}/regio/pseudonimisering`, {
        method: "POST",
        redirect: "manual",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded", origin: server.url },
        body: new URLSearchParams(withCsrf(session, fields)).toString(),
      })
    // Broken input: a located Dutch refusal, and no room given.
    for (const [fields, message] of [
      [{ partner: newcomer, aantal: "veel", reden: "eerste levering" }, /Aantal vragen: vul een heel getal/],
      [{ partner: newcomer, aantal: "0", reden: "eerste levering" }, /Aantal vragen/],
      [{ partner: newcomer, aantal: "99999999999", reden: "eerste levering" }, /Aantal vragen/],
      [{ partner: newcomer, aantal: "100", reden: "" }, /Reden: schrijf op waarom/],
      [{ partner: "<script>", aantal: "100", reden: "x" }, /./],
    ] as const) {
      const answer = await grant(fields)
      expect(answer.status).toBe(400)
      expect(await answer.text()).toMatch(message)
    }
    expect((await ask(base + 10)).status).toBe(429)
    // A partner cannot give itself room.
    const self = await fetch(`${server.url}/trpc/partner.grantPseudonymisation`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[newcomer]}`, "content-type": "application/json" },
      body: JSON.stringify({ partner: newcomer, elements: 1000, reason: "zelf" }),
    })
    expect(self.status).toBe(403)

    const given = await grant({ partner: newcomer, aantal: "1.000", reden: "eerste levering van het hele bestand" })
    expect(given.status).toBe(303)
    expect(given.headers.get("location")).toBe("/regio?gelukt=ruimte")
    expect((await ask(base + 10)).status).toBe(200)
    const after = await (await fetch(`${server.url}/regio`, { headers })).text()
    expect(after).toMatch(/1\.000 vragen — eerste levering van het hele bestand/)
    expect(
      sql(
        `SELECT count(*) FROM processing_log WHERE purpose = 'ruimte voor pseudonimisering' AND subject LIKE '%${newcomer}%'`,
      ),
    ).toBe("1")
  }, 300_000)

  it("gives a partner whose adapters deliver no persons no base to ask from, only room the region grants", async () => {
    for (const partner of [counter, throttled]) {
      const answer = await askEvaluation(tokens[partner] as string, Samples.testBsns(1))
      expect(answer.status).toBe(429)
      expect(((await answer.json()) as { error: { message: string } }).error.message).toContain(
        "de regio heeft u geen adapter toegewezen die personen levert",
      )
    }
    // A partner delivering persons asks the same from its base.
    expect((await askEvaluation(tokens[uploader] as string, Samples.testBsns(1))).status).toBe(200)
  }, 120_000)

  it("answers hostile evaluate bodies with a located 400, 401, 403 or 413, never a 500", async () => {
    const evaluate = (body: Uint8Array, token: string | null = tokens[pusher] as string) =>
      fetch(`${server.url}/api/oprf/evaluate`, {
        method: "POST",
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          "content-type": "application/octet-stream",
        },
        body: body as Uint8Array<ArrayBuffer>,
      })
    const notPoints = new Uint8Array(2 + 3 * 32).fill(0xff)
    notPoints[0] = 0
    notPoints[1] = 3
    const refused = await evaluate(notPoints)
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /body\/elements\/0: element 0 is not a ristretto255 point/,
    )
    expect((await evaluate(Uint8Array.of(0xff, 0xff))).status).toBe(400)
    expect((await evaluate(new Uint8Array(Oprf.maxRequestBytes + 1))).status).toBe(413)
    expect((await evaluate(Uint8Array.of(0, 1), null)).status).toBe(401)
    expect((await evaluate(Uint8Array.of(0, 1), "not-a-token")).status).toBe(401)
    expect((await evaluate(Uint8Array.of(0, 1), region)).status).toBe(403)
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const answer = await evaluate(bytes)
        await answer.arrayBuffer()
        // Generated garbage is (almost) never a request of valid points; if it is, it is answered.
        return answer.status === 400 || answer.status === 200
      }),
      { numRuns: 40 },
    )
  }, 300_000)

  // Last: its refused calls put the pusher among the refused partners the region sees, which the tests above count.
  it("raises a partner's limit by one person's worth for a push naming one person a hundred times, not by the rows", async () => {
    /** The persons the 429 for more questions than any limit here says the pusher delivered. */
    const personsInLimit = async () => {
      const answer = await askEvaluation(tokens[pusher] as string, Samples.testBsns(Oprf.maxBatch))
      expect(answer.status).toBe(429)
      const message = ((await answer.json()) as { error: { message: string } }).error.message
      const persons = message.match(/× (\d+) geleverde (?:persoon|personen)\b/)?.[1]
      expect(message, message).toMatch(/iedere persoon telt één keer/)
      return Number(persons)
    }
    const before = await personsInLimit()
    // The persons stored for the pusher's deliveries so far: the limit counts each once.
    expect(before).toBe(
      Number(
        sql(
          "SELECT count(DISTINCT e.person) FROM person_events e JOIN deliveries d ON d.id = e.delivery WHERE d.partner = 'demo-gemeente-schuldhulpverlening'",
        ),
      ),
    )
    const sample = new TextDecoder().decode(Samples.valid("vroegsignalering", { rows: 1 }).bytes)
    const header = sample.split(/\r?\n/)[0] as string
    // A test BSN beyond those of the samples, on a hundred rows a day apart.
    const bsn = Samples.testBsns(1, 90_000)[0] as string
    const rows = Array.from({ length: 100 }, (_, i) => {
      const day = new Date(Date.UTC(2022, 0, 1 + i)).toISOString().slice(0, 10)
      return `${bsn};GM0376;${day};vroegsignaal;huur;`
    })
    const out = await push(
      server.url,
      write(
        { name: "x.csv", bytes: new TextEncoder().encode([header, ...rows, ""].join("\n")) },
        "een-persoon-honderd-keer.csv",
      ),
    )
    expect(out.stderr).toBe("")
    expect(out.status).toBe(0)
    expect(
      sql(
        "SELECT summary->'accepted'->>'person-event' FROM deliveries WHERE source_file = 'een-persoon-honderd-keer.csv'",
      ),
    ).toBe("100")
    expect(await personsInLimit()).toBe(before + 1)
  }, 300_000)
})
