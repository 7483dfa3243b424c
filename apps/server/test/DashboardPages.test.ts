// The dashboard's pages as `baken serve --demo` renders them: the real API, store and demo, in this process.
import { AdminRouter } from "@baken/api"
import { Csv as WebCsv } from "@baken/web"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as App from "../src/App.js"
import * as Dashboard from "../src/Dashboard.js"
import * as Demo from "../src/Demo.js"
import * as Runtime from "../src/Runtime.js"
import { appConfig } from "./settings.js"
import { sessionCookie, signIn, withCsrf } from "./signIn.js"

const runtime = Runtime.make({ database: { _tag: "Embedded" }, pseudonymSecret: undefined })
const today = () => "2025-04-15"
const app = App.make({ runtime, config: appConfig(), web: Dashboard.app(runtime, { today }) })
const cookieOf = sessionCookie
/** A new token for `request`, as the region hands it out. */
const rawToken = (request: Omit<Parameters<typeof AdminRouter.issueToken>[0], "days">) =>
  runtime.runPromise(AdminRouter.issueToken({ ...request, days: 1 })).then((t) => t.secret)
/** A session signed in with a new token for `request`. */
const token = (request: Omit<Parameters<typeof AdminRouter.issueToken>[0], "days">) =>
  rawToken(request).then((code) => signIn(runtime, code))

beforeAll(() => runtime.runPromise(Demo.load))
afterAll(() => runtime.dispose())

const get = async (path: string, token?: string) => {
  const res = await app.request(path, token === undefined ? {} : { headers: { cookie: cookieOf(token) } })
  return { res, body: await res.text() }
}

/** Pairs of (row label|period, data-value) from a series table in server-rendered HTML. */
const tableValues = (html: string, tableId: string): Array<[string, string]> => {
  const start = html.indexOf(`id="${tableId}"`)
  const table = html.slice(start, html.indexOf("</table>", start))
  const periods = [...table.slice(0, table.indexOf("</thead>")).matchAll(/numeric-column"[^>]*>([^<]+)<\/th>/g)].map(
    (m) => m[1] ?? "",
  )
  const out: Array<[string, string]> = []
  for (const row of table.split('data-label="').slice(1)) {
    const label = row.slice(0, row.indexOf('"'))
    const values = [...row.matchAll(/data-value="([^"]*)"/g)].map((m) => m[1] ?? "")
    values.forEach((v, i) => {
      out.push([`${label}|${periods[i]}`, v])
    })
  }
  return out
}

describe("the public pages, rendered from the API", () => {
  it("the home page shows the plan, its status, every council's decision and the three programmes", async () => {
    const { res, body } = await get("/")
    expect(res.status).toBe(200)
    expect(body).toContain('<html lang="nl">')
    expect(body).toContain('data-stage="InExecution"')
    expect(body).toContain("Vastgesteld door alle 7 gemeenteraden")
    for (const name of ["Blaricum", "Eemnes", "Gooise Meren", "Hilversum", "Huizen", "Laren", "Wijdemeren"]) {
      expect(body).toMatch(new RegExp(`${name}</a></th><td class="utrecht-table__cell">(geamendeerd )?vastgesteld`))
    }
    expect(body).not.toMatch(/Weesp<\/a><\/th>/)
    for (const p of ["Preventie en perspectief", "Beschermd en veilig thuis wonen", "Integrale benadering"]) {
      expect(body).toContain(p)
    }
  })

  it("the home page explains that figures below 10 are not shown, and public pages need no script", async () => {
    const { body } = await get("/programmas/preventie-en-perspectief")
    expect(body).toMatch(/cijfers onder de 10 worden niet getoond/i)
    expect(body).toContain('data-status="verborgen"')
    const home = await get("/")
    expect(home.body).not.toContain("<script")
    expect(home.body).toContain("<table")
    // A municipality page loads the deferred chart script, but every chart draws from a table that is on the page.
    const municipality = (await get("/gemeenten/GM0402")).body
    expect(municipality).toContain("<table")
    for (const [, id] of municipality.matchAll(/data-chart-for="([^"]+)"/g)) {
      expect(municipality).toContain(`<table class="utrecht-table utrecht-table--html-table baken-sticky-first`)
      expect(municipality).toMatch(new RegExp(`<table [^>]*id="${id}"`))
    }
  })

  it("the home page shows each member municipality at a glance: a small chart on one scale, its latest figure beside the region's, a link to its page, and the numbers in a table", async () => {
    const { body } = await get("/")
    const cards = body.split('<li class="baken-multiple"').slice(1)
    expect(cards.length).toBeGreaterThanOrEqual(7)
    for (const name of ["Blaricum", "Eemnes", "Gooise Meren", "Hilversum", "Huizen", "Laren", "Wijdemeren"]) {
      expect(body).toMatch(
        new RegExp(`<h3 class="baken-multiple__name"><a [^>]*href="/gemeenten/GM\\d{4}">${name}</a>`),
      )
    }
    const huizen = cards.find((c) => c.includes(">Huizen</a>")) ?? ""
    expect(huizen).toMatch(/<strong>[\d,]+<\/strong> in \d{4}/)
    expect(huizen).toMatch(/regio [\d,]+/)
    expect(huizen).toContain('<svg class="baken-spark"')
    const tops = new Set(cards.map((c) => /<text class="baken-spark__tick" x="4" y="9">([^<]*)</.exec(c)?.[1]))
    expect(tops.size).toBe(1)
    expect(body).toContain("<summary>Alle cijfers in een tabel</summary>")
    expect(body).toMatch(/<caption[^>]*>[^<]+ per gemeente, per jaar<\/caption>/)
  })

  it("a municipality page shows it beside the region as a chart with its table, and that comparison's CSV holds the table's numbers", async () => {
    const { body } = await get("/gemeenten/GM0406")
    expect(body).toContain("Huizen naast de regio")
    // Each comparison says its unit once: "Huizen naast de regio. Eenheid: per 1.000 inwoners."
    const descriptions = [...body.matchAll(/Huizen naast de regio[^<]*/g)].map(([d]) => d)
    expect(descriptions.length).toBeGreaterThan(0)
    for (const d of descriptions) expect(d.match(/per 1\.000 inwoners/g)?.length ?? 0).toBeLessThanOrEqual(1)
    const [, id] = /data-chart-for="(reeks-[^"]+)"/.exec(body) ?? []
    expect(id).toBeDefined()
    const values = tableValues(body, id ?? "")
    expect(values.map(([k]) => k.split("|")[0])).toContain("Huizen")
    const csv = await get(`/gemeenten/GM0406/vergelijking/${(id ?? "").replace(/^reeks-/, "")}.csv`)
    expect(csv.res.status).toBe(200)
    const records = WebCsv.parse(csv.body).slice(1)
    // The observations CSV: indicator;gemeente;naam;periode;waarde;toelichting, the table's years first (then the
    // quarters of the series' detail, if it has one).
    const years = new Set(values.map(([k]) => k.split("|")[1]))
    // The CSV writes a decimal comma (Dutch Excel), the page's data-value a point.
    expect(
      records.filter((r) => years.has(r[3])).map((r) => [`${r[2]}|${r[3]}`, (r[4] ?? "").replace(",", ".")]),
    ).toEqual(values)
    const missing = await get("/gemeenten/GM0406/vergelijking/bestaat-niet.csv")
    expect(missing.res.status).toBe(404)
  })

  it("a plan past its last year says so", async () => {
    const res = await app.request("/trpc/dashboard.overview?input=%7B%22on%22%3A%222026-12-06%22%7D")
    const { result } = (await res.json()) as { result: { data: { plan: { statusNl: string } } } }
    expect(result.data.plan.statusNl).toMatch(/^Afgelopen\./)
    expect(result.data.plan.statusNl).toContain("liep van 2022 tot en met 2025 en is afgelopen")
    expect((await get("/")).body).not.toContain("Afgelopen.")
  })

  it("a programme page lists goals and actions with owner and milestones, and indicator tables with their target", async () => {
    const { res, body } = await get("/programmas/beschermd-en-veilig-thuis-wonen")
    expect(res.status).toBe(200)
    expect(body).toContain("Doel: Kortere wachttijd beschermd wonen")
    expect(body).toContain("Eigenaar")
    expect(body).toContain("Mijlpalen")
    const prevention = (await get("/programmas/preventie-en-perspectief")).body
    expect(prevention).toContain('data-kind="target"')
    expect(tableValues(prevention, "reeks-huisuitzettingen")).toContainEqual(["Streefwaarde regio|2025", "20"])
  })

  it("no figure table mixes years and quarters in its columns", async () => {
    for (const path of ["/", "/programmas/preventie-en-perspectief", "/programmas/beschermd-en-veilig-thuis-wonen"]) {
      const { body } = await get(path)
      for (const table of body.split("<table").slice(1)) {
        const head = table.slice(0, table.indexOf("</thead>"))
        const periods = [...head.matchAll(/numeric-column"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1] ?? "")
        const years = periods.filter((p) => /^\d{4}$/.test(p))
        expect(years.length === 0 || years.length === periods.length, `${path}: ${periods.join(" ")}`).toBe(true)
      }
    }
  })

  it("the CSV of an indicator holds exactly the numbers of its table", async () => {
    const page = await get("/programmas/preventie-en-perspectief")
    const { res, body } = await get("/programmas/preventie-en-perspectief/indicatoren/huisuitzettingen.csv")
    expect(res.headers.get("content-type")).toContain("text/csv")
    expect(body.length).toBeGreaterThan(0)
    const values = tableValues(page.body, "reeks-huisuitzettingen")
    expect(values.length).toBeGreaterThan(0)
    expect(values.some(([, v]) => v !== "")).toBe(true)
  })

  it("Weesp's page says it merged into Amsterdam and which plans its council was put to", async () => {
    const { body } = await get("/gemeenten/GM0457")
    expect(body).toContain("opgegaan in Amsterdam")
    expect(body).toContain("niet.")
  })

  it("an unknown programme or municipality is a Dutch 404 page", async () => {
    expect((await get("/programmas/bestaat-niet")).res.status).toBe(404)
    const { res, body } = await get("/gemeenten/GM9999")
    expect(res.status).toBe(404)
    expect(body).toContain("hoort niet bij de regio")
  })
})

describe("the pages behind a code", () => {
  it("without a code the partner page sends the visitor to the login page", async () => {
    const { res } = await get("/partner")
    expect(res.status).toBe(303)
    expect(res.headers.get("location")).toBe("/inloggen?volgende=%2Fpartner")
  })

  it("a partner's code does not open the region page: the login page says why, in Dutch", async () => {
    const partner = await token({ audience: "partner", partner: Demo.demoPartner.id, label: "TEST" })
    const { res } = await get("/regio", partner)
    expect(res.status).toBe(303)
    expect(res.headers.get("location")).toBe("/inloggen?volgende=%2Fregio&andere=ja")
    const { body } = await get(res.headers.get("location") ?? "", partner)
    expect(body).toContain("Zoals u nu bent ingelogd, kunt u die pagina niet bekijken.")
    expect(body).not.toMatch(/may not call/)
    const form = await app.request("/regio/vrijgeven", {
      method: "POST",
      headers: { cookie: cookieOf(partner), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(withCsrf(partner, { datum: "2024-01-01" })).toString(),
    })
    expect(form.status).toBe(403)
    expect(await form.text()).toContain("Met deze code kunt u deze pagina niet bekijken.")
  })

  it("logging in with a partner's code sets an HttpOnly cookie and leads to the partner page", async () => {
    const partner = await rawToken({ audience: "partner", partner: Demo.demoPartner.id, label: "TEST" })
    const res = await app.request("/inloggen", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ code: partner, volgende: "/" }).toString(),
    })
    expect(res.status).toBe(303)
    expect(res.headers.get("location")).toBe("/partner")
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i)
  })

  it("a municipality's code logs in and leads to its own page", async () => {
    const huizen = await rawToken({ audience: "municipality", municipality: "GM0406" as never, label: "TEST" })
    const res = await app.request("/inloggen", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ code: huizen, volgende: "/" }).toString(),
    })
    expect(res.status).toBe(303)
    expect(res.headers.get("location")).toBe("/gemeente")
    const session = /baken_sessie=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? ""
    const { res: page, body } = await get("/gemeente", session)
    expect(page.status).toBe(200)
    expect(body).toContain("Gemeente Huizen")
  })

  it("an unknown code is refused on the login page in Dutch", async () => {
    const res = await app.request("/inloggen", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ code: "bkn_onbekend", volgende: "/" }).toString(),
    })
    expect(res.status).toBe(401)
    expect(await res.text()).toContain("Deze code is niet bekend")
  })

  it("a form posted from another site is refused", async () => {
    const region = await token({ audience: "region", label: "TEST" })
    const res = await app.request("/regio/vrijgeven", {
      method: "POST",
      headers: { origin: "https://elders.example", host: "localhost", cookie: cookieOf(region) },
    })
    expect(res.status).toBe(403)
  })

  it("the region reads the processing log in Dutch, newest first, with the partner's reading of its own deliveries", async () => {
    const partner = await token({ audience: "partner", partner: Demo.demoPartner.id, label: "TEST" })
    expect((await get("/partner", partner)).res.status).toBe(200)
    const region = await rawToken({ audience: "region", label: "TEST" })
    const res = await app.request("/trpc/dashboard.region", { headers: { authorization: `Bearer ${region}` } })
    const view = ((await res.json()) as { result: { data: { log: Array<Record<string, string>> } } }).result.data
    expect(view.log).toContainEqual(
      expect.objectContaining({
        actor: expect.stringMatching(new RegExp(`^${Demo.demoPartner.name.replace(/[()]/g, "\\$&")} \\(code \\w+\\)$`)),
        action: "gelezen",
        purpose: "overzicht van leveringen",
      }),
    )
    const times = view.log.map((e) => e.at ?? "")
    expect([...times].sort().reverse()).toEqual(times)
    const session = await signIn(runtime, region)
    const { body } = await get("/regio/logboek", session)
    expect(body).toContain("Verwerkingslogboek")
    expect(body).toContain("overzicht van leveringen")
    expect((await get("/regio", session)).body).toContain('href="/regio/logboek"')
  })

  it("the region opens a council letter that reports each programme's progress with the demo's published figures and the budget", async () => {
    const region = await token({ audience: "region", label: "TEST" })
    const { res, body } = await get("/regio/raadsbrief", region)
    expect(res.status).toBe(200)
    expect(body).toContain('<time datetime="2025-04-15">15 april 2025</time>')
    for (const heading of [
      "Aanleiding",
      "Voortgang per programma",
      "Wat is er veranderd sinds de vorige brief",
      "Budget",
      "Vervolg",
    ]) {
      expect(body).toContain(`<h2 class="utrecht-heading-2">${heading}</h2>`)
    }
    expect(body).toMatch(/data-status="shown">\d{1,3}(\.\d{3})*<\/td>/)
    expect(body).toMatch(
      /<td class="utrecht-table__cell utrecht-table__cell--numeric-column">€ \d{1,3}(\.\d{3})+<\/td>/,
    )
    const text = body.replace(/<[^>]+>/g, " ")
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/)
  })
})

describe("form posts from elsewhere", () => {
  it.each([
    ["an opaque origin", { origin: "null" }],
    ["an origin that is no URL", { origin: "::::" }],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["a same-site but other-origin fetch", { "sec-fetch-site": "same-site" }],
  ])("are refused from %s, and nothing is recorded", async (_what, headers: Record<string, string>) => {
    const region = await token({ audience: "region", label: "TEST" })
    const res = await app.request("/regio/besluiten", {
      method: "POST",
      headers: {
        ...headers,
        host: "localhost",
        cookie: cookieOf(region),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        gemeente: "GM0417",
        uitkomst: "rejected",
        datum: "2024-01-01",
        kenmerk: "X",
      }).toString(),
    })
    expect(res.status).toBe(403)
    const history = await app.request("/trpc/plan.decisions?input=%7B%22municipality%22%3A%22GM0417%22%7D")
    expect(await history.text()).not.toContain("2024-01-01")
  })
})

describe("paths no page has", () => {
  it.each(["/nope", "/gemeenten/", "/programmas", "/kerncijfers.csv/"])(
    "%s answers the Dutch 'niet gevonden' page",
    async (path) => {
      const { res, body } = await get(path)
      expect(res.status).toBe(404)
      expect(res.headers.get("content-type")).toContain("text/html")
      expect(body).toContain("Deze pagina bestaat niet (meer).")
    },
  )

  it("an API path keeps its JSON answer", async () => {
    const res = await app.request("/api/bestaat-niet")
    expect(res.status).toBe(404)
    expect(res.headers.get("content-type")).toContain("application/json")
  })
})

describe("the region's budget", () => {
  it("shows each paying council's share per year and the total, and charges Weesp nothing", async () => {
    const region = await token({ audience: "region", label: "TEST" })
    const { body } = await get("/regio", region)
    const start = body.indexOf('id="budget-regio-tabel"')
    expect(start).toBeGreaterThan(0)
    const table = body.slice(start, body.indexOf("</table>", start))
    for (const name of ["Blaricum", "Hilversum", "Wijdemeren", "Totaal"]) expect(table).toContain(name)
    expect(table).not.toContain("Weesp")
    expect(table).toMatch(/€\s?[\d.]+,\d\d/)
  })
})

describe("region forms that went wrong for an outside tester", () => {
  const post = (path: string, fields: Record<string, string>, code: string) =>
    app.request(path, {
      method: "POST",
      headers: { cookie: cookieOf(code), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(withCsrf(code, fields)).toString(),
    })

  it("a body that is no form is a Dutch 400, on the login and on the region's forms", async () => {
    const region = await token({ audience: "region", label: "TEST" })
    for (const path of ["/inloggen", "/regio/wijziging"]) {
      const res = await app.request(path, {
        method: "POST",
        headers: { cookie: cookieOf(region), "content-type": "multipart/form-data; boundary=x" },
        body: "geen formulier",
      })
      expect(res.status, path).toBe(400)
      expect(await res.text()).toContain("Het formulier kon niet worden gelezen.")
    }
  })

  it("an amendment the plan refuses shows the reason in Dutch on the page, without the API's field path", async () => {
    const region = await token({ audience: "region", label: "TEST" })
    const res = await post(
      "/regio/wijziging",
      { indicator: "mo-instroom", jaar: "2030", waarde: "10", datum: "2025-03-01", reden: "buiten het plan" },
      region,
    )
    expect(res.status).toBe(400)
    const body = await res.text()
    expect(body).toContain("valt buiten de jaren van het plan")
    expect(body).not.toContain("input.")
  })

  it("during execution the region reports an action's status, but may not rename it", async () => {
    const region = await token({ audience: "region", label: "TEST" })
    const id = "vroegsignalering-energieschulden"
    const title = "Vroegsignalering uitbreiden met energieschulden"
    const ok = await post("/regio/plan", { soort: "action", id, titel: title, status: "stalled" }, region)
    expect(ok.status).toBe(303)
    expect(ok.headers.get("location")).toBe("/regio?gelukt=opgeslagen")
    expect((await get("/programmas/preventie-en-perspectief")).body).toContain("vertraagd")
    const renamed = await post("/regio/plan", { soort: "action", id, titel: "Andere titel", status: "stalled" }, region)
    expect(renamed.status).toBe(400)
    expect(await renamed.text()).toContain("alleen de status bijwerken")
  })
})
