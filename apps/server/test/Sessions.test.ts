// Sessions, CSRF and throttled sign-ins against the real `baken serve`, as a person and an attacker meet them: the
// cookie holds a session, not the token; logging out ends the session on the server; a form without the session's
// CSRF token, or from another site, or with any Origin header at all, is refused without a 500; unknown codes and
// tokens from one address are throttled. The second half runs two servers on one PostgreSQL (skipped with one line
// when the server at 127.0.0.1:5432 is unreachable, never in CI): a token revoked, a session logged out or expired
// through one server is refused at once by the other, and failed sign-ins count across both.
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { WebApp } from "@baken/web"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createToken, runCli, type ServerProcess, startServer } from "./processes.js"
import { postgresSchema } from "./settings.js"
import { roomInMinute, sessionCookie, signInAt } from "./signIn.js"

const login = (url: string, code: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ code, volgende: "/" }).toString(),
  })

const page = (url: string, path: string, session: string) =>
  fetch(`${url}${path}`, { redirect: "manual", headers: { cookie: sessionCookie(session) } })

const post = (url: string, path: string, session: string, fields: Record<string, string>, headers = {}) =>
  fetch(`${url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: sessionCookie(session), "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  })

const bearer = (url: string, token: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/trpc/dashboard.me`, { headers: { authorization: `Bearer ${token}`, ...headers } })

describe("sessions on one server", () => {
  const dir = mkdtempSync(join(tmpdir(), "baken-sessions-"))
  const env = { BAKEN_DATA_DIR: join(dir, "data"), BAKEN_TRUST_PROXY: "1" }
  let server: ServerProcess
  let region = ""
  let admin = ""

  beforeAll(async () => {
    region = createToken(["--audience", "region"], env, "sessions test")
    admin = createToken(["--audience", "admin"], env, "beheer")
    // The demo's plan, so the region's pages have something to show.
    server = await startServer(["--demo"], env)
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it("puts a new random session in an HttpOnly, SameSite=Lax cookie, never the code itself", async () => {
    const answer = await login(server.url, region)
    expect(answer.status).toBe(303)
    const cookie = answer.headers.get("set-cookie") ?? ""
    expect(cookie).toMatch(new RegExp(`^${WebApp.sessionCookie}=bks_[0-9a-f]{16}_[\\w-]{43};`))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toContain(region)
    // Over plain HTTP without a proxy saying otherwise the cookie is not Secure (it could not come back).
    expect(cookie).not.toMatch(/Secure/)
    const again = await signInAt(server.url, region)
    expect(again).not.toBe(/baken_sessie=([^;]+)/.exec(cookie)?.[1])
  })

  it("over HTTPS names the cookie __Host-baken_sessie and marks it Secure; a plain baken_sessie planted by a sibling site is not read there", async () => {
    const https = { "x-forwarded-proto": "https" }
    // The proxy's own value is the last: a client claiming "http" before it changes nothing.
    const claimed = await login(server.url, region, { "x-forwarded-proto": "http, https" })
    expect(claimed.headers.get("set-cookie")).toMatch(/^__Host-.*; Secure/)
    const answer = await login(server.url, region, https)
    const set = answer.headers.get("set-cookie") ?? ""
    expect(set).toMatch(
      new RegExp(
        `^__Host-${WebApp.sessionCookie}=bks_[0-9a-f]{16}_[\\w-]{43}; Path=/; HttpOnly; Secure; SameSite=Lax$`,
      ),
    )
    const secret = /=([^;]+)/.exec(set)?.[1] ?? ""
    const asHost = await fetch(`${server.url}/regio`, {
      redirect: "manual",
      headers: { cookie: `__Host-${WebApp.sessionCookie}=${secret}`, ...https },
    })
    expect(asHost.status).toBe(200)
    // The same live session under the plain name: over HTTPS only a __Host- cookie counts, so it is no session.
    const tossed = await fetch(`${server.url}/regio`, {
      redirect: "manual",
      headers: { cookie: sessionCookie(secret), ...https },
    })
    expect(tossed.status).toBe(303)
    expect(tossed.headers.get("location")).toMatch(/^\/inloggen\?volgende=%2Fregio/)
    // Logging out over HTTPS deletes the __Host- cookie.
    const form = await (
      await fetch(`${server.url}/regio`, { headers: { cookie: `__Host-${WebApp.sessionCookie}=${secret}`, ...https } })
    ).text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? ""
    const out = await fetch(`${server.url}/uitloggen`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: `__Host-${WebApp.sessionCookie}=${secret}`,
        "content-type": "application/x-www-form-urlencoded",
        ...https,
      },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    })
    expect(out.status).toBe(303)
    expect(out.headers.get("set-cookie")).toMatch(new RegExp(`^__Host-${WebApp.sessionCookie}=; .*Secure`))
  })

  it("ends the session at logout: the old cookie opens nothing afterwards", async () => {
    const session = await signInAt(server.url, region)
    expect((await page(server.url, "/regio", session)).status).toBe(200)
    const out = await post(server.url, "/uitloggen", session, { [WebApp.csrfField]: WebApp.csrfOf(session) })
    expect(out.status).toBe(303)
    expect(out.headers.get("set-cookie")).toMatch(new RegExp(`${WebApp.sessionCookie}=;`))
    const replayed = await page(server.url, "/regio", session)
    expect(replayed.status).toBe(303)
    expect(replayed.headers.get("location")).toBe("/inloggen?volgende=%2Fregio&verlopen=ja")
    const login = await fetch(`${server.url}${replayed.headers.get("location")}`)
    expect(await login.text()).toContain("Uw sessie is beëindigd")
  })

  it("lets an administrator list the sessions and end one, or all of one person's, at once", async () => {
    const call = async (path: string, body?: unknown) => {
      const answer = await fetch(`${server.url}/trpc/${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return { status: answer.status, data: ((await answer.json()) as { result?: { data: unknown } }).result?.data }
    }
    const [one, two] = [await signInAt(server.url, region), await signInAt(server.url, region)]
    const listed = (await call("session.list")).data as Array<{ id: string; subject: string; label: string }>
    const mine = listed.find((s) => s.id === one.slice(4, 20))
    expect(mine?.label).toBe("sessions test")
    expect(JSON.stringify(listed)).not.toContain(one.slice(21))
    expect((await call("session.end", { id: two.slice(4, 20) })).status).toBe(200)
    expect((await page(server.url, "/regio", two)).status).toBe(303)
    expect((await page(server.url, "/regio", one)).status).toBe(200)
    const ended = await call("session.endPerson", { subject: mine?.subject })
    expect((ended.data as { ended: number }).ended).toBeGreaterThanOrEqual(1)
    expect((await page(server.url, "/regio", one)).status).toBe(303)
    // A region officer may not do this.
    const refused = await fetch(`${server.url}/trpc/session.list`, { headers: { authorization: `Bearer ${region}` } })
    expect(refused.status).toBe(403)
  })

  it("refuses a form without the session's CSRF token, or with another session's, with a Dutch 403", async () => {
    const session = await signInAt(server.url, region)
    const other = await signInAt(server.url, region)
    const fields = { vorige: "2024-01-01" }
    for (const csrf of [undefined, "", WebApp.csrfOf(other), `${WebApp.csrfOf(session)}x`, "x".repeat(10_000)]) {
      const answer = await post(
        server.url,
        "/regio/vrijgeven",
        session,
        csrf === undefined ? fields : { ...fields, [WebApp.csrfField]: csrf },
      )
      expect(answer.status, String(csrf).slice(0, 20)).toBe(403)
      expect(await answer.text()).toContain("Dit formulier hoort niet bij uw sessie")
    }
    // Logging out is a form too: without the token the session lives on.
    expect((await post(server.url, "/uitloggen", session, {})).status).toBe(403)
    expect((await page(server.url, "/regio", session)).status).toBe(200)
  })

  it("answers any Origin header on a form post without a 500: only this site's own origin passes", async () => {
    const session = await signInAt(server.url, region)
    const csrf = { [WebApp.csrfField]: WebApp.csrfOf(session) }
    const origins = ["null", "::::", "http://[", "https://elders.example", "x".repeat(8_000), "http://a b", "\u00e9"]
    for (const origin of origins) {
      const answer = await post(server.url, "/uitloggen", session, csrf, { origin }).catch(() => undefined)
      // A header value fetch cannot send is not a request the server sees.
      if (answer === undefined) continue
      expect(answer.status, origin.slice(0, 20)).toBe(403)
    }
    expect((await page(server.url, "/regio", session)).status).toBe(200)
    expect((await post(server.url, "/uitloggen", session, csrf, { origin: server.url })).status).toBe(303)
  })

  it("throttles unknown codes from one address: the tenth in a minute and what follows get 429 with Retry-After", async () => {
    await roomInMinute(15)
    // A proxy the server trusts names the address, so this test has one of its own.
    const from = { "x-forwarded-for": "198.51.100.7" }
    // The region officer's code worked on this server before the guesses came.
    expect((await login(server.url, region)).status).toBe(303)
    const statuses: Array<number> = []
    for (let i = 0; i < 9; i++) statuses.push((await login(server.url, `bkn_geraden_${i}`, from)).status)
    expect(statuses).toEqual(Array(9).fill(401))
    const tenth = await login(server.url, "bkn_geraden_10", from)
    expect(tenth.status).toBe(429)
    expect(Number(tenth.headers.get("retry-after"))).toBeGreaterThan(0)
    expect(await tenth.text()).toContain("Er is te vaak een onbekende code gebruikt vanaf dit adres.")
    // The operator's log says an address was throttled, by a hash: an address is personal data.
    const warning = server
      .output()
      .split("\n")
      .find((l) => l.includes('"sign-ins throttled"'))
    expect(warning).toMatch(/"client":"[0-9a-f]{16}"/)
    // Keyed: not the start of the address's plain SHA-256, which anyone could find by trying every address.
    const plain = createHash("sha256").update("198.51.100.7").digest("hex").slice(0, 16)
    expect(warning).not.toContain(plain)
    expect(server.output()).not.toContain("198.51.100.7")
    // A code this server never saw work now waits too, as a login and as an API token; a code that worked before is
    // still let through (a lockout holds up guesses, not the officer or partner whose code works), and another
    // address is not held up at all.
    const made = await fetch(`${server.url}/trpc/token.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({ audience: "region", label: "nieuw", days: 1 }),
    })
    const fresh = ((await made.json()) as { result: { data: { secret: string } } }).result.data.secret
    expect((await login(server.url, fresh, from)).status).toBe(429)
    const api = await fetch(`${server.url}/trpc/dashboard.me`, {
      headers: { authorization: `Bearer ${fresh}`, ...from },
    })
    expect(api.status).toBe(429)
    expect(api.headers.get("retry-after")).toMatch(/^\d+$/)
    expect((await login(server.url, region, from)).status).toBe(303)
    expect((await bearer(server.url, region, from)).status).toBe(200)
    expect((await login(server.url, fresh, { "x-forwarded-for": "198.51.100.8" })).status).toBe(303)
  })

  it("takes the address a trusted proxy added (the last in X-Forwarded-For), not the one the client claims first", async () => {
    await roomInMinute(15)
    const statuses: Array<number> = []
    for (let i = 0; i < 12; i++) {
      const claimed = { "x-forwarded-for": `10.0.${i}.7, 198.51.100.20` }
      statuses.push((await login(server.url, `bkn_geraden_${i}`, claimed)).status)
    }
    expect(statuses).toEqual([...Array(9).fill(401), 429, 429, 429])
    // Claiming someone else's address first does not lock them out.
    for (let i = 0; i < 12; i++)
      await login(server.url, `bkn_x_${i}`, { "x-forwarded-for": `198.51.100.21, 198.51.100.22` })
    expect((await login(server.url, region, { "x-forwarded-for": "198.51.100.21" })).status).toBe(303)
  })

  it("keeps the query of a deep link through signing in (a filtered log), and sends any other kind of target home", async () => {
    const asked = await fetch(`${server.url}/regio/logboek?onderwerp=levering&van=2026-12-01`, { redirect: "manual" })
    expect(asked.headers.get("location")).toBe(
      `/inloggen?volgende=${encodeURIComponent("/regio/logboek?onderwerp=levering&van=2026-12-01")}`,
    )
    const landing = async (volgende: string) => {
      const answer = await fetch(`${server.url}/inloggen`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ code: region, volgende }).toString(),
      })
      return answer.headers.get("location")
    }
    expect(await landing("/regio/logboek?onderwerp=levering&van=2026-12-01")).toBe(
      "/regio/logboek?onderwerp=levering&van=2026-12-01",
    )
    for (const elsewhere of [
      "//elders.example",
      '/regio?x="><script>',
      "/regio?\r\nSet-Cookie:x",
      "https://elders.example",
      "/gemeente?x=1",
    ]) {
      expect(await landing(elsewhere)).toBe("/regio")
    }
  })

  it("sends a person asking to go to an overlong path after signing in to their home page instead", async () => {
    const answer = await fetch(`${server.url}/inloggen`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ code: region, volgende: `/regio/${"a".repeat(600)}` }).toString(),
    })
    expect(answer.status).toBe(303)
    expect(answer.headers.get("location")).toBe("/regio")
  })

  it("counts made-up session cookies against the address: the public page comes from memory without the cookie, a signed-in page asks to wait after ten", async () => {
    await roomInMinute(15)
    const from = { "x-forwarded-for": "198.51.100.30" }
    // A live session from this address, seen working before the made-up cookies come.
    const live = await signInAt(server.url, region)
    const visit = (path: string, session: string) =>
      fetch(`${server.url}${path}`, { redirect: "manual", headers: { cookie: sessionCookie(session), ...from } })
    expect((await visit("/regio", live)).status).toBe(200)
    const made = (i: number) => `bks_${"0".repeat(16)}_${String(i).padStart(43, "x")}`
    // A public page with a cookie of no session: the page everyone gets, and the cookie is deleted.
    const home = await visit("/", made(0))
    expect(home.status).toBe(200)
    expect(home.headers.get("set-cookie")).toMatch(new RegExp(`^${WebApp.sessionCookie}=; Max-Age=0; Path=/`))
    const body = await home.text()
    expect(body).not.toContain("Uitloggen")
    expect(body).toBe(await (await fetch(`${server.url}/`)).text())
    // A signed-in page with one: back to the login page, which says the session ended.
    const statuses: Array<number> = []
    for (let i = 1; i < 9; i++) statuses.push((await visit("/regio", made(i))).status)
    expect(statuses).toEqual(Array(8).fill(303))
    const waiting = await visit("/regio", made(9))
    expect(waiting.status).toBe(429)
    expect(waiting.headers.get("retry-after")).toBe("60")
    expect(await waiting.text()).toContain("Wacht een minuut en log dan opnieuw in.")
    // While the address waits: a made-up cookie on a public page still gets the public page (from memory, no look-up),
    // and the live session that worked before goes on working.
    const still = await visit("/gemeenten/GM0406", made(10))
    expect(still.status).toBe(200)
    expect(await still.text()).not.toContain("Uitloggen")
    expect((await visit("/regio", live)).status).toBe(200)
    expect((await visit("/regio", made(11))).status).toBe(429)
  })

  /** A new region code, made through the API by the administrator. */
  const newCode = async (label: string) => {
    const made = await fetch(`${server.url}/trpc/token.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({ audience: "region", label, days: 1 }),
    })
    return ((await made.json()) as { result: { data: { secret: string } } }).result.data.secret
  }

  it("does not count cookies of sessions that really were and ended: ten colleagues back after logging out lock no one out", async () => {
    await roomInMinute(15)
    const from = { "x-forwarded-for": "198.51.100.50" }
    const code = await newCode("collega's")
    const ended: Array<string> = []
    for (let i = 0; i < 12; i++) {
      const session = await signInAt(server.url, code)
      expect(
        (await post(server.url, "/uitloggen", session, { [WebApp.csrfField]: WebApp.csrfOf(session) })).status,
      ).toBe(303)
      ended.push(session)
    }
    const statuses: Array<number> = []
    for (const session of ended) {
      const back = await fetch(`${server.url}/regio`, {
        redirect: "manual",
        headers: { cookie: sessionCookie(session), ...from },
      })
      statuses.push(back.status)
      expect(back.headers.get("location")).toBe("/inloggen?volgende=%2Fregio&verlopen=ja")
    }
    expect(statuses).toEqual(Array(12).fill(303))
    // A colleague signing in for the first time from the same address is let in.
    expect((await login(server.url, await newCode("nieuwe collega"), from)).status).toBe(303)
  })

  it("keeps at most 20 live sessions per code: the 21st sign-in ends the one seen longest ago", async () => {
    const code = await newCode("gedeelde code")
    const sessions: Array<string> = []
    for (let i = 0; i < 21; i++) sessions.push(await signInAt(server.url, code))
    expect((await page(server.url, "/regio", sessions[0] ?? "")).status).toBe(303)
    for (const session of sessions.slice(1)) expect((await page(server.url, "/regio", session)).status).toBe(200)
    const listed = await fetch(`${server.url}/trpc/session.list`, { headers: { authorization: `Bearer ${admin}` } })
    const live = ((await listed.json()) as { result: { data: ReadonlyArray<{ label: string }> } }).result.data
    expect(live.filter((s) => s.label === "gedeelde code")).toHaveLength(20)
  })

  it("takes an empty code for a slip, not a guess: a Dutch 400 asking for the code, not counted against the address", async () => {
    await roomInMinute(15)
    const from = { "x-forwarded-for": "198.51.100.60" }
    for (let i = 0; i < 12; i++) {
      const empty = await login(server.url, "", from)
      expect(empty.status).toBe(400)
      expect(await empty.text()).toContain("Vul de code in die u van de regio kreeg.")
    }
    expect((await login(server.url, "bkn_onbekend", from)).status).toBe(401)
  })

  it("tells the upload script in Dutch that the person is no longer signed in, when its page has no session left", async () => {
    const answer = await fetch(`${server.url}/api/deliveries?adapter=iwmo&name=levering.xml`, {
      method: "POST",
      headers: { "x-baken-session": "1", "content-type": "application/octet-stream" },
      body: "<x/>",
    })
    expect(answer.status).toBe(401)
    expect(((await answer.json()) as { error: { message: string } }).error.message).toBe(
      "U bent niet (meer) ingelogd, of de pagina is verlopen. Log opnieuw in en lever het bestand dan opnieuw.",
    )
  })

  it("throttles unknown API tokens from one address the same way", async () => {
    await roomInMinute(15)
    const from = { "x-forwarded-for": "198.51.100.9" }
    const statuses: Array<number> = []
    for (let i = 0; i < 12; i++) {
      const answer = await fetch(`${server.url}/trpc/plan.list`, {
        headers: { authorization: `Bearer bkn_${"0".repeat(16)}_${i}`, ...from },
      })
      statuses.push(answer.status)
    }
    expect(statuses).toEqual([...Array(9).fill(401), 429, 429, 429])
  })
})

const { env: pgEnv, skip, drop } = await postgresSchema("sessions", "the sessions test across two servers")

describe.skipIf(skip !== undefined)("sessions across two servers on one PostgreSQL", () => {
  const servers: Array<ServerProcess> = []
  const tokens = { admin: "", region: "", other: "", third: "" }
  const psql = (statement: string) => {
    const done = spawnSync("psql", [
      pgEnv.DATABASE_URL,
      "-v",
      "ON_ERROR_STOP=1",
      "-c",
      `SET search_path TO ${pgEnv.BAKEN_DB_SCHEMA}; ${statement}`,
    ])
    if (done.status !== 0) throw new Error(done.stderr.toString())
  }

  beforeAll(async () => {
    expect(runCli(["migrate"], pgEnv).status).toBe(0)
    tokens.admin = createToken(["--audience", "admin"], pgEnv, "beheer")
    tokens.region = createToken(["--audience", "region"], pgEnv, "regio")
    tokens.other = createToken(["--audience", "region"], pgEnv, "regio 2")
    tokens.third = createToken(["--audience", "region"], pgEnv, "regio 3")
    const behindProxy = { ...pgEnv, BAKEN_TRUST_PROXY: "1" }
    // The first loads the demo's plan into the shared database; the second serves what is there.
    servers.push(await startServer(["--demo"], behindProxy))
    servers.push(await startServer([], behindProxy))
  }, 120_000)
  afterAll(async () => {
    for (const s of servers) await s.stop()
    drop()
  })

  it("refuses a token revoked through the other server at once, as a token and as the sessions it started", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess]
    const session = await signInAt(a.url, tokens.region)
    expect((await page(b.url, "/regio", session)).status).toBe(200)
    expect((await bearer(a.url, tokens.region)).status).toBe(200)
    const list = await fetch(`${b.url}/trpc/token.list`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
    })
    const all = ((await list.json()) as { result: { data: Array<{ id: string; label: string }> } }).result.data
    const id = all.find((t) => t.label === "regio")?.id ?? ""
    const revoked = await fetch(`${b.url}/trpc/token.revoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ id }),
    })
    expect(revoked.status).toBe(200)
    // No wait: the very next request through the first server is refused.
    expect((await bearer(a.url, tokens.region)).status).toBe(401)
    const after = await page(a.url, "/regio", session)
    expect(after.status).toBe(303)
    expect(after.headers.get("location")).toBe("/inloggen?volgende=%2Fregio&verlopen=ja")
  })

  it("refuses a session logged out through the other server", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess]
    const session = await signInAt(a.url, tokens.other)
    expect((await page(a.url, "/regio", session)).status).toBe(200)
    const out = await post(b.url, "/uitloggen", session, { [WebApp.csrfField]: WebApp.csrfOf(session) })
    expect(out.status).toBe(303)
    expect((await page(a.url, "/regio", session)).status).toBe(303)
  })

  it("refuses a session idle for over 30 minutes, and one started over 12 hours ago", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess]
    const idle = await signInAt(a.url, tokens.third)
    const old = await signInAt(a.url, tokens.third)
    expect((await page(b.url, "/regio", idle)).status).toBe(200)
    const idOf = (secret: string) => secret.slice(4, 20)
    psql(`UPDATE sessions SET seen_at = now() - interval '31 minutes' WHERE id = '${idOf(idle)}'`)
    psql(
      `UPDATE sessions SET created_at = now() - interval '13 hours', expires_at = now() - interval '1 hour' WHERE id = '${idOf(old)}'`,
    )
    for (const s of [idle, old]) {
      const answer = await page(b.url, "/regio", s)
      expect(answer.status).toBe(303)
      expect(answer.headers.get("location")).toBe("/inloggen?volgende=%2Fregio&verlopen=ja")
    }
  })

  it("counts failed sign-ins from one address on both servers together", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess]
    await roomInMinute(15)
    const statuses: Array<number> = []
    // The proxy both servers trust names one address of this test's own.
    const from = { "x-forwarded-for": "203.0.113.5" }
    for (let i = 0; i < 5; i++) statuses.push((await bearer(a.url, `bkn_a_${i}`, from)).status)
    for (let i = 0; i < 5; i++) statuses.push((await bearer(b.url, `bkn_b_${i}`, from)).status)
    expect(statuses).toEqual([...Array(9).fill(401), 429])
    // The first server learns it at its next failure, and holds the address from then on.
    expect((await bearer(a.url, "bkn_a_again", from)).status).toBe(429)
    expect((await bearer(a.url, tokens.admin, from)).status).toBe(429)
    expect((await bearer(a.url, tokens.admin)).status).toBe(200)
  })
})
