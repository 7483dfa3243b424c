import { AdminRouter } from "@baken/api"
import { WebApp } from "@baken/web"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as App from "../src/App.js"
import * as Dashboard from "../src/Dashboard.js"
import * as Demo from "../src/Demo.js"
import * as Runtime from "../src/Runtime.js"
import { appConfig } from "./settings.js"
import { signIn } from "./signIn.js"

const runtime = Runtime.make({ database: { _tag: "Embedded" }, pseudonymSecret: undefined })
const config = appConfig()
const today = () => "2025-04-15"
const on = today()
const api = Dashboard.apiFor(runtime)
const publicApi = () => api(null)
const cookie = WebApp.sessionCookie
const app = App.make({ runtime, config, web: Dashboard.app(runtime, { today }) })

beforeAll(() => runtime.runPromise(Demo.load))
/** A session signed in with a new token for `request` (the dashboard's API and pages take sessions). */
const token = (request: Omit<Parameters<typeof AdminRouter.issueToken>[0], "days">) =>
  runtime.runPromise(AdminRouter.issueToken({ ...request, days: 1 })).then((t) => signIn(runtime, t.secret))
afterAll(() => runtime.dispose())

describe("the dashboard mounted by the server", () => {
  it("renders the Dutch home page with the 2022-2025 plan and the council adoption table", async () => {
    const res = await app.request("/")
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('lang="nl"')
    expect(html).toContain("Herstel de verbinding")
    expect(html).toMatch(/2022.{0,12}2025/)
    expect(html).toContain("<table")
    for (const council of ["Hilversum", "Gooise Meren", "Wijdemeren"]) expect(html).toContain(council)
  })

  it("lists the plan's programmes in their own order, 1 to 3", async () => {
    const overview = await (await publicApi()).dashboard.overview({ on })
    expect(overview.programmes.map((p) => p.number)).toEqual([1, 2, 3])
  })

  it("renders a programme page from the plan's programmes", async () => {
    const overview = await (await publicApi()).dashboard.overview({ on })
    const programme = overview.programmes[0]
    expect(programme).toBeDefined()
    const res = await app.request(`/programmas/${programme?.id}`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(programme?.name ?? "?")
  })

  it("answers an unknown programme with 404", async () => {
    expect((await app.request("/programmas/bestaat-niet")).status).toBe(404)
  })

  it("shows the demo figures as the API publishes them, with small counts hidden", async () => {
    const overview = await (await publicApi()).dashboard.overview({ on })
    const shown = overview.keyFigures.rows.flatMap((r) => r.cells.flatMap((c) => (c.value === null ? [] : [c.value])))
    expect(shown.length).toBeGreaterThan(0)
    // Published counts are rounded to multiples of 5 by the API's disclosure control, never by the dashboard.
    const counts = overview.keyFigures.rows.filter((r) => r.label.endsWith("(aantal)"))
    for (const row of counts) for (const c of row.cells) if (c.value !== null) expect(c.value % 5).toBe(0)
    // One granularity per table: the demo has yearly figures, so the key figures show years only.
    expect(overview.keyFigures.periods.length).toBeGreaterThan(0)
    for (const p of overview.keyFigures.periods) expect(p).toMatch(/^\d{4}$/)
  })

  it("keeps the API's routes in front of the dashboard", async () => {
    expect(await (await app.request("/healthz")).json()).toEqual({ status: "ok" })
    expect((await app.request("/trpc/plan.list")).status).toBe(200)
  })

  it("lets the region page, its council letter and its decisions through only with a region token", async () => {
    const regionToken = await token({ audience: "region", label: "test region" })
    const partnerToken = await token({ audience: "partner", partner: Demo.demoPartner.id, label: "test partner" })
    const regio = await app.request("/regio", { headers: { cookie: `${cookie}=${regionToken}` } })
    expect(regio.status).toBe(200)
    expect(await regio.text()).toContain("Herstel de verbinding")
    expect(await (await api(regionToken)).dashboard.me()).toEqual({ role: "region", name: "Regio" })
    await expect((await api(partnerToken)).dashboard.region({ on })).rejects.toMatchObject({ code: "FORBIDDEN" })
    await expect(api("onbekende-code")).rejects.toMatchObject({ code: "UNAUTHORIZED" })
    const { letter, issued } = await (await api(regionToken)).dashboard.councilLetter({ on })
    expect(issued).toBe(false)
    expect(letter.dateText).toMatch(/^\d{1,2} [a-z]+ \d{4}$/)
    expect(letter.addressees.length).toBeGreaterThan(0)
  })

  it("records a council decision through the API, shown afterwards in the council table", async () => {
    const regionToken = await token({ audience: "region", label: "test region" })
    const before = await (await publicApi()).dashboard.overview({ on })
    const council = before.councils[0]
    expect(council).toBeDefined()
    await (await api(regionToken)).plan.recordDecision({
      plan: before.plan.id,
      municipality: council?.municipality ?? "",
      outcome: "adopted",
      date: "2025-04-14",
      reference: "TEST-besluit-1",
    } as never)
    const after = await (await publicApi()).dashboard.overview({ on })
    expect(after.councils.find((c) => c.municipality === council?.municipality)?.reference).toBe("TEST-besluit-1")
  })

  it("shows a partner its own deliveries with the located rejections from the API", async () => {
    const partnerToken = await token({ audience: "partner", partner: Demo.demoPartner.id, label: "test partner" })
    const partner = await api(partnerToken)
    expect(await partner.dashboard.me()).toMatchObject({ role: "partner", partnerId: Demo.demoPartner.id })
    const view = await partner.dashboard.partner()
    expect(view.deliveries.map((d) => d.fileName)).toContain("DEMO-instroom-beschermd-wonen-2024.csv")
    expect(view.rejections.length).toBeGreaterThan(0)
    expect(view.rejections[0]?.location.file).toBe("DEMO-instroom-beschermd-wonen-2024.csv")
    const page = await app.request("/partner", { headers: { cookie: `${cookie}=${partnerToken}` } })
    expect(page.status).toBe(200)
  })

  it("passes plan edits to the API, which refuses them once the plan is in execution", async () => {
    const regionToken = await token({ audience: "region", label: "test region" })
    const overview = await (await publicApi()).dashboard.overview({ on })
    const programme = overview.programmes[0]
    await expect(
      (await api(regionToken)).plan.editPart({
        plan: overview.plan.id,
        edit: { kind: "programme", id: programme?.id ?? "", name: "Nieuw", description: "" },
      } as never),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("is in uitvoering en kan niet meer rechtstreeks worden bewerkt"),
    })
  })

  it("lets the region set a partner's delivery schedule, which the region page then shows", async () => {
    const regionToken = await token({ audience: "region", label: "test region" })
    const region = await api(regionToken)
    const before = (await region.dashboard.region({ on })).schedules.find(
      (d) => d.partnerId === "voorbeeld-zorgaanbieder",
    )
    expect(before).toMatchObject({ adapter: "iwmo", frequency: "quarter", dueAfterDays: 30 })
    await region.partner.setSchedule({
      partner: "voorbeeld-zorgaanbieder",
      adapter: "iwmo",
      every: "month",
      dueAfterDays: 10,
    } as never)
    const after = (await region.dashboard.region({ on })).schedules.find(
      (d) => d.partnerId === "voorbeeld-zorgaanbieder",
    )
    expect(after).toMatchObject({ adapter: "iwmo", frequency: "month", dueAfterDays: 10 })
    await expect(
      region.partner.setSchedule({
        partner: "voorbeeld-zorgaanbieder",
        adapter: "politie",
        every: "month",
        dueAfterDays: 10,
      } as never),
    ).rejects.toMatchObject({ code: "NOT_FOUND" })
  })

  it("renders a municipality page with its own figures", async () => {
    const res = await app.request("/gemeenten/GM0402")
    expect(res.status).toBe(200)
    expect(await res.text()).toContain("Hilversum")
  })
})
