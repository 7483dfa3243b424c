// Issue 15, item 5: the admin's pages on a real `baken serve --demo` process (embedded store on a data folder). The
// admin signs in with a code, makes a partner's access code and sees its secret once (never in the list, a URL, a
// later page or the same form sent again), the code works with curl against /trpc, its reads are found by the
// processing log's filter (page and CSV), and after the admin revokes it, it no longer works. A region or partner
// session reaches none of it, and a filter value of the wrong shape is a Dutch 400 page at its field, never a 500.
// The sessions page lists who is signed in; ending a session, or all of one code's, makes their cookies stop working
// at once, a post without the CSRF token ends nothing, and the admin who ends their own session is signed out.
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createToken, type ServerProcess, startServer } from "./processes.js"
import { sessionCookie, signInAt, withCsrf } from "./signIn.js"

const dataDir = mkdtempSync(join(tmpdir(), "baken-beheer-"))
const env = { BAKEN_DATA_DIR: dataDir }
const partner = "demo-veilig-thuis"
let server: ServerProcess
let adminCode = ""
let partnerCode = ""

beforeAll(async () => {
  // The codes first: the embedded store has one writer, and the server holds the folder once it runs.
  adminCode = createToken(["--audience", "admin"], env, "TEST beheerder")
  partnerCode = createToken(["--audience", "partner", "--partner", "demo-politie"], env, "TEST politie")
  server = await startServer(["--demo"], env)
}, 120_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** A browser's session: the cookies it was given, sent with every request; redirects are not followed. */
const session = () => {
  const cookies = new Map<string, string>()
  const request = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies.values()].join("; ") },
    })
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? ""
      cookies.set(pair.split("=")[0] ?? "", pair)
    }
    return res
  }
  /** Posts a form the way a browser does: its hidden fields (a CSRF field, if the page has one) and `fields`. */
  const post = (path: string, hidden: Record<string, string>, fields: Record<string, string>) =>
    request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
      body: new URLSearchParams({ ...hidden, ...fields }).toString(),
    })
  return { request, post }
}

/** The hidden fields of the form posting to `action` on a page. */
const hiddenFields = (html: string, action: string): Record<string, string> => {
  const form = html.split("<form").find((f) => f.includes(`action="${action}"`)) ?? ""
  const fields: Record<string, string> = {}
  for (const m of form.split("</form>")[0]?.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g) ?? []) {
    fields[m[1] ?? ""] = m[2] ?? ""
  }
  return fields
}

/** A page's main text, without markup. */
const mainText = (html: string): string =>
  (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")

const signIn = async (code: string) => {
  const browser = session()
  const res = await browser.post("/inloggen", {}, { code, volgende: "/" })
  return { browser, location: res.headers.get("location") }
}

/** The text of the row of token `id` in the list of codes. */
const rowOf = (html: string, id: string): string =>
  mainText(`<main>${new RegExp(`<tr[^>]*data-token="${id}"[^>]*>[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ""}</main>`)

/** Runs curl with `args` without blocking this process; resolves with what it printed. */
const curl = (args: ReadonlyArray<string>): Promise<string> =>
  new Promise((resolve) => {
    const child = spawn("curl", args)
    let out = ""
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString()
    })
    child.once("close", () => resolve(out))
  })

/** The HTTP status of the partner's delivery list over /trpc with `code`, as curl gets it. */
const deliveriesWith = async (code: string): Promise<number> =>
  Number(
    await curl([
      "-s",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code}",
      "-H",
      `Authorization: Bearer ${code}`,
      `${server.url}/trpc/delivery.list?input=${encodeURIComponent("{}")}`,
    ]),
  )

describe("the admin's access codes and processing log", () => {
  let admin: ReturnType<typeof session>
  const made = { secret: "", id: "", request: "" }
  const label = "TEST exportkoppeling Veilig Thuis"

  it("an admin signs in with a code and lands on /beheer, with a link to it in the navigation", async () => {
    const signed = await signIn(adminCode)
    admin = signed.browser
    expect(signed.location).toBe("/beheer")
    const res = await admin.request("/beheer")
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(res.headers.get("cache-control")).toBe("no-store")
    expect(html).toContain('<a class="utrecht-link utrecht-link--html-a" href="/beheer" aria-current="page">Beheer</a>')
    expect(mainText(html)).toContain("TEST beheerder")
    expect(html).not.toContain(adminCode)
  })

  it("making a partner's code answers with its secret once, a Dutch warning, no-store and no redirect", async () => {
    const form = await (await admin.request("/beheer")).text()
    const hidden = hiddenFields(form, "/beheer/toegangscodes")
    made.request = hidden.aanvraag ?? ""
    expect(made.request).toMatch(/^[0-9a-f]{32}$/)
    const res = await admin.post("/beheer/toegangscodes", hidden, {
      soort: "partner",
      partner,
      gemeente: "",
      naam: label,
      dagen: "30",
    })
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(res.headers.get("location")).toBeNull()
    expect(res.headers.get("cache-control")).toBe("no-store")
    expect(mainText(html)).toContain("Kopieer deze code nu; hij wordt niet meer getoond.")
    const secret = /bkn_([0-9a-f]{16})_[\w-]+/.exec(html)
    expect(secret).not.toBeNull()
    made.secret = secret?.[0] ?? ""
    made.id = secret?.[1] ?? ""
    expect(mainText(html)).toContain("DEMO Veilig Thuis")
  })

  it("the list shows the new code without its secret, and neither a reload nor the same form sent again shows it", async () => {
    const list = await (await admin.request("/beheer")).text()
    const row = rowOf(list, made.id)
    expect(row).toContain(`${label} partner DEMO Veilig Thuis`)
    expect(row).toContain("actief")
    expect(list).not.toContain(made.secret)
    expect(list).not.toContain(made.secret.slice(21))

    // The browser sending the answer's form again (a reload of the answer page) makes no second code.
    const again = await admin.post("/beheer/toegangscodes", hiddenFields(list, "/beheer/toegangscodes"), {
      aanvraag: made.request,
      soort: "partner",
      partner,
      naam: label,
      dagen: "30",
    })
    const html = await again.text()
    expect(again.status).toBe(409)
    expect(html).not.toMatch(/bkn_[0-9a-f]{16}_/)
    expect(mainText(html)).toContain("de geheime code is één keer getoond en wordt niet opnieuw getoond")
    expect(html.split(`>${label}</th>`)).toHaveLength(2)
  })

  it("the new code works with curl against /trpc", async () => {
    expect(await deliveriesWith(made.secret)).toBe(200)
  })

  it("the log filter finds the partner's delivery reads, with the code that read, on the page and in the CSV", async () => {
    const page = await admin.request(`/beheer/logboek?partner=${partner}&handeling=lezen`)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(page.headers.get("cache-control")).toBe("no-store")
    const text = mainText(html)
    expect(text).toMatch(/\d+ verwerking(en)? gevonden/)
    expect(text).toContain(
      `lezen leveringen van DEMO Veilig Thuis (voorbeeldgegevens) overzicht van leveringen ${made.id}`,
    )
    expect(text).not.toContain("schrijven levering")

    const other = mainText(await (await admin.request("/beheer/logboek?partner=demo-politie&handeling=lezen")).text())
    expect(other).not.toContain(made.id)

    const byCode = mainText(await (await admin.request(`/beheer/logboek?code=${made.id.slice(0, 6)}`)).text())
    expect(byCode).toContain("1 verwerking gevonden.")

    const csv = await admin.request(`/beheer/logboek.csv?partner=${partner}&handeling=lezen`)
    const body = await csv.text()
    expect(csv.status).toBe(200)
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8")
    expect(csv.headers.get("cache-control")).toBe("no-store")
    const lines = body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
    expect(lines[0]).toBe(
      "tijdstip_utc;nederlandse_tijd;wie;handeling;onderwerp;doel;code;wie_vastgelegd;handeling_vastgelegd;onderwerp_vastgelegd;doel_vastgelegd",
    )
    expect(
      lines
        .slice(1)
        .some((l) => l.endsWith(`;${made.id};partner:${partner};read;deliveries of ${partner};delivery overview`)),
    ).toBe(true)
    expect(lines.slice(1).every((l) => l.includes(";read;"))).toBe(true)
  })

  it("revoking asks for a confirmation first; once confirmed the list says so in Dutch and the code stops working", async () => {
    const confirm = await admin.request(`/beheer/toegangscodes/${made.id}/intrekken`)
    const page = await confirm.text()
    expect(confirm.status).toBe(200)
    expect(mainText(page)).toContain("Weet u het zeker?")
    const hidden = hiddenFields(page, `/beheer/toegangscodes/${made.id}/intrekken`)
    expect(hidden.bevestigd).toBe("ja")

    // Without the confirmation nothing is revoked.
    const { bevestigd: _, ...unconfirmed } = hidden
    const refused = await admin.post(`/beheer/toegangscodes/${made.id}/intrekken`, unconfirmed, {})
    expect(refused.status).toBe(400)
    expect(mainText(await refused.text())).toContain("Bevestig het intrekken")
    expect(await deliveriesWith(made.secret)).toBe(200)

    const done = await admin.post(`/beheer/toegangscodes/${made.id}/intrekken`, hidden, {})
    expect(done.status).toBe(303)
    expect(done.headers.get("location")).toBe(`/beheer?ingetrokken=${made.id}`)
    const after = mainText(await (await admin.request(`/beheer?ingetrokken=${made.id}`)).text())
    expect(after).toContain(`De toegangscode ‘${label}’ is ingetrokken.`)
    expect(rowOf(await (await admin.request("/beheer")).text(), made.id)).toMatch(/ ingetrokken op \d+ \w+ \d{4} om /)
    // At once: every request checks the code in the store.
    expect(await deliveriesWith(made.secret)).toBe(401)
  })

  it("a region session and a partner session reach neither /beheer nor its CSV, nor can they make a code", async () => {
    for (const [code, home] of [
      [server.token ?? "", "/regio"],
      [partnerCode, "/partner"],
    ] as const) {
      const { browser, location } = await signIn(code)
      expect(location).toBe(home)
      for (const path of ["/beheer", "/beheer/logboek", "/beheer/logboek.csv", "/beheer/logboek.csv?van=2024-13-45"]) {
        const res = await browser.request(path)
        expect(res.status, path).toBe(303)
        expect(res.headers.get("location"), path).toMatch(/^\/inloggen\?volgende=.*&andere=ja$/)
      }
      const post = await browser.post(
        "/beheer/toegangscodes",
        {},
        {
          aanvraag: "0".repeat(32),
          soort: "admin",
          naam: "TEST inbreker",
          dagen: "1",
        },
      )
      expect(post.status).toBe(403)
      expect(await post.text()).not.toMatch(/bkn_[0-9a-f]{16}_/)
    }
    const stranger = await session().request("/beheer/logboek.csv")
    expect(stranger.status).toBe(303)
    expect(stranger.headers.get("location")).toMatch(/^\/inloggen\?/)
  })

  it("a filter value of the wrong shape is a Dutch 400 page naming its field, never a 500, on the page and the CSV", async () => {
    const cases: ReadonlyArray<readonly [string, string, string]> = [
      ["wie", "'; drop table processing_log; --", "Wie: kies iemand uit de lijst."],
      ["partner", "'; drop table processing_log; --", "Partner: kies een partner uit de lijst."],
      ["onderwerp", "'; drop table", "Onderwerp: gebruik alleen letters, cijfers, spaties en . : ( ) -"],
      ["onderwerp", "a".repeat(10_240), "Onderwerp: hoogstens 100 tekens."],
      ["code", "a".repeat(10_240), "Code: vul de code van een toegangscode in"],
      ["van", "2024-13-45", "Van: vul een bestaande datum in"],
      ["tot", "2024-02-30", "Tot en met: vul een bestaande datum in"],
      ["handeling", "drop", "Handeling: kies lezen, schrijven of verwijderen."],
      ["pagina", "-1", "Pagina: een heel getal van 1 tot en met 10.000."],
    ]
    for (const [field, value, message] of cases) {
      const query = `?${field}=${encodeURIComponent(value)}`
      const res = await admin.request(`/beheer/logboek${query}`)
      const html = await res.text()
      expect(res.status, `${field}=${value.slice(0, 20)}`).toBe(400)
      expect(mainText(html)).toContain(message)
      if (field !== "pagina") {
        // At its own field: the message under the label, and the control marked invalid and described by it.
        expect(html).toContain(`id="log-${field}-fout"`)
        expect(html).toMatch(
          new RegExp(`id="log-${field}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*log-${field}-fout`),
        )
      }
      // A long value is not echoed whole.
      expect(html).not.toContain("a".repeat(201))
      const csv = await admin.request(`/beheer/logboek.csv${query}`)
      expect(csv.status).toBe(400)
      expect(csv.headers.get("content-type")).toMatch(/^text\/html/)
    }
    const later = await admin.request("/beheer/logboek?van=2024-03-10&tot=2024-03-01")
    expect(later.status).toBe(400)
    const laterText = mainText(await later.text())
    expect(laterText).toContain("Tot en met: deze datum ligt vóór de datum bij Van.")
    // The refused filter's page still tells the page size the log has.
    expect(laterText).toContain("100 per pagina")
    // The log is still there and still answers.
    const page = await admin.request(`/beheer/logboek?partner=${partner}`)
    expect(page.status).toBe(200)
    expect(mainText(await page.text())).toMatch(/\d+ verwerking(en)? gevonden/)
  })
})

describe("the admin's sessions page", () => {
  /** The public id of a session, from its secret (`bks_<id>_…`). */
  const idOf = (secret: string): string => secret.split("_")[1] ?? ""

  /** A GET with a session's cookie; redirects are not followed. */
  const get = (secret: string, path: string) =>
    fetch(`${server.url}${path}`, { redirect: "manual", headers: { cookie: sessionCookie(secret) } })

  /** A form post with a session's cookie, from this site, with `fields` as they are (add the CSRF field yourself). */
  const post = (secret: string, path: string, fields: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: sessionCookie(secret),
        "content-type": "application/x-www-form-urlencoded",
        origin: server.url,
      },
      body: new URLSearchParams(fields).toString(),
    })

  /** Whether a partner's session still opens the partner page. */
  const partnerPageOpens = async (secret: string): Promise<boolean> => {
    const res = await get(secret, "/partner")
    await res.body?.cancel()
    if (res.status === 200) return true
    expect(res.headers.get("location")).toMatch(/^\/inloggen\?volgende=%2Fpartner&verlopen=ja$/)
    return false
  }

  /** The text of the row of session `id` in the list of sessions. */
  const sessionRow = (html: string, id: string): string =>
    mainText(`<main>${new RegExp(`<tr[^>]*data-session="${id}"[^>]*>[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ""}</main>`)

  it("lists the live sessions in Dutch with the admin's own marked, and ending one makes its cookie stop working at once", async () => {
    const admin = await signInAt(server.url, adminCode)
    const police = await signInAt(server.url, partnerCode)
    const other = await signInAt(server.url, partnerCode)
    expect(await partnerPageOpens(police)).toBe(true)

    const home = await get(admin, "/beheer")
    expect(await home.text()).toContain('href="/beheer/sessies"')
    const res = await get(admin, "/beheer/sessies")
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(res.headers.get("cache-control")).toBe("no-store")
    expect(sessionRow(html, idOf(police))).toMatch(
      /^ TEST politie met een toegangscode partner DEMO Politie, basisteam \(voorbeeldgegevens\) \d+ \w+\.? \d\d:\d\d .* Sessie beëindigen van TEST politie Alle \d+ sessies met deze toegangscode beëindigen/,
    )
    expect(sessionRow(html, idOf(admin))).toContain("TEST beheerder met een toegangscode dit is uw sessie beheerder —")
    expect(html.match(/dit is uw sessie/g)).toHaveLength(1)
    for (const secret of [admin, police, other]) expect(html).not.toContain(secret.slice(21))

    const confirm = await get(admin, `/beheer/sessies/${idOf(police)}/beeindigen`)
    const page = mainText(await confirm.text())
    expect(confirm.status).toBe(200)
    expect(page).toContain("Weet u het zeker? Wie deze sessie gebruikt, wordt dan direct uitgelogd.")
    expect(page).toContain("De toegangscode zelf blijft geldig")

    // Without the confirmation nothing ends.
    const unconfirmed = await post(admin, `/beheer/sessies/${idOf(police)}/beeindigen`, withCsrf(admin, {}))
    expect(unconfirmed.status).toBe(400)
    expect(await partnerPageOpens(police)).toBe(true)

    const done = await post(admin, `/beheer/sessies/${idOf(police)}/beeindigen`, withCsrf(admin, { bevestigd: "ja" }))
    expect(done.status).toBe(303)
    expect(done.headers.get("location")).toBe("/beheer/sessies?beeindigd=sessie")
    expect(await partnerPageOpens(police)).toBe(false)
    expect(await partnerPageOpens(other)).toBe(true)
    const after = await (await get(admin, "/beheer/sessies?beeindigd=sessie")).text()
    expect(mainText(after)).toContain("De sessie is beëindigd. Wie deze sessie gebruikte, moet opnieuw inloggen.")
    expect(after).not.toContain(`data-session="${idOf(police)}"`)

    // Sent again (a reload of the answer): nothing left to end, and the page says so.
    const again = await post(admin, `/beheer/sessies/${idOf(police)}/beeindigen`, withCsrf(admin, { bevestigd: "ja" }))
    expect(again.headers.get("location")).toBe("/beheer/sessies?beeindigd=al")
  })

  it("ending all sessions of one code ends every session started with it, and no one else's", async () => {
    const admin = await signInAt(server.url, adminCode)
    const first = await signInAt(server.url, partnerCode)
    const second = await signInAt(server.url, partnerCode)
    const region = await signInAt(server.url, server.token ?? "")
    const list = await (await get(admin, "/beheer/sessies")).text()
    const live = [...list.matchAll(/data-session="([0-9a-f]{16})"[^>]*>\s*<th[^>]*>TEST politie <span/g)].length
    expect(live).toBeGreaterThanOrEqual(2)

    const confirm = mainText(await (await get(admin, `/beheer/sessies/${idOf(first)}/alle`)).text())
    expect(confirm).toContain("Alle sessies met deze toegangscode beëindigen")
    expect(confirm).toContain(`Ja, beëindig alle ${live} sessies`)
    const done = await post(admin, `/beheer/sessies/${idOf(first)}/alle`, withCsrf(admin, { bevestigd: "ja" }))
    expect(done.status).toBe(303)
    expect(done.headers.get("location")).toBe(`/beheer/sessies?beeindigd=alle&aantal=${live}`)
    expect(await partnerPageOpens(first)).toBe(false)
    expect(await partnerPageOpens(second)).toBe(false)
    expect((await get(region, "/regio")).status).toBe(200)
    expect((await get(admin, "/beheer/sessies")).status).toBe(200)
    // The code itself still works: a new sign-in with it starts a new session.
    expect(await partnerPageOpens(await signInAt(server.url, partnerCode))).toBe(true)
  })

  it("refuses a post without the session's CSRF token with a Dutch 403, and ends nothing", async () => {
    const admin = await signInAt(server.url, adminCode)
    const police = await signInAt(server.url, partnerCode)
    for (const path of [`/beheer/sessies/${idOf(police)}/beeindigen`, `/beheer/sessies/${idOf(police)}/alle`]) {
      const res = await post(admin, path, { bevestigd: "ja" })
      expect(res.status, path).toBe(403)
      expect(mainText(await res.text())).toContain("Dit formulier hoort niet bij uw sessie")
      // Another session's token is no better.
      const stolen = await post(admin, path, withCsrf(police, { bevestigd: "ja" }))
      expect(stolen.status, path).toBe(403)
      await stolen.body?.cancel()
    }
    expect(await partnerPageOpens(police)).toBe(true)
  })

  it("a region or partner session reaches no sessions page and can end no session, not even with its own CSRF token", async () => {
    const admin = await signInAt(server.url, adminCode)
    for (const code of [server.token ?? "", partnerCode]) {
      const visitor = await signInAt(server.url, code)
      for (const path of ["/beheer/sessies", `/beheer/sessies/${idOf(admin)}/beeindigen`]) {
        const res = await get(visitor, path)
        expect(res.status, path).toBe(303)
        expect(res.headers.get("location"), path).toMatch(/^\/inloggen\?volgende=.*&andere=ja$/)
      }
      for (const path of [`/beheer/sessies/${idOf(admin)}/beeindigen`, `/beheer/sessies/${idOf(admin)}/alle`]) {
        const res = await post(visitor, path, withCsrf(visitor, { bevestigd: "ja" }))
        expect(res.status, path).toBe(403)
        await res.body?.cancel()
      }
    }
    const stranger = await fetch(`${server.url}/beheer/sessies`, { redirect: "manual" })
    expect(stranger.status).toBe(303)
    expect((await get(admin, "/beheer/sessies")).status).toBe(200)
  })

  it("an admin who ends their own session is told so beforehand, signed out, and the login page says why", async () => {
    const admin = await signInAt(server.url, adminCode)
    const confirm = mainText(await (await get(admin, `/beheer/sessies/${idOf(admin)}/beeindigen`)).text())
    expect(confirm).toContain("Dit is uw eigen sessie.")
    expect(confirm).toContain("Weet u het zeker? U wordt dan direct uitgelogd.")
    const done = await post(admin, `/beheer/sessies/${idOf(admin)}/beeindigen`, withCsrf(admin, { bevestigd: "ja" }))
    expect(done.status).toBe(303)
    expect(done.headers.get("location")).toBe("/inloggen?volgende=%2Fbeheer%2Fsessies&eigen=ja")
    expect(done.headers.get("set-cookie")).toMatch(/^baken_sessie=;/)
    const login = await fetch(`${server.url}${done.headers.get("location")}`)
    expect(mainText(await login.text())).toContain("U heeft uw eigen sessie beëindigd en bent uitgelogd.")
    const after = await get(admin, "/beheer/sessies")
    expect(after.status).toBe(303)
    expect(after.headers.get("location")).toMatch(/^\/inloggen\?volgende=%2Fbeheer%2Fsessies&verlopen=ja$/)
  })
})
