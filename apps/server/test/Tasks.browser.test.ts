// Each person's task from issue 13, done in Chromium on `baken serve --demo` (the real server, store and demo data):
// a resident compares Huizen, a municipality officer reads Huizen's page, the region keeps the plan.
import { mkdtempSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { createToken, type ServerProcess, startServer } from "./processes.js"

const executable = inject("chromium")
if (executable === null) console.warn(`Tasks.browser.test.ts: ${inject("chromiumSkipReason")}`)

const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

const seriousViolations = async (page: Page) => {
  await page.evaluate(axeSource)
  const result = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (d: unknown, o: object) => Promise<unknown> }; document: unknown }).axe.run(
      (globalThis as unknown as { document: unknown }).document,
      {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      },
    ),
  )) as { violations: ReadonlyArray<{ id: string; impact: string; help: string }> }
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}`)
}

const logIn = async (page: Page, url: string, code: string) => {
  await page.goto(`${url}/inloggen`)
  await page.getByLabel("Code").fill(code)
  await page.getByRole("button", { name: "Inloggen" }).click()
}

describe.skipIf(executable === null)("each person's task on the dashboard, in Chromium", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "baken-tasks-"))
  const env = { BAKEN_DATA_DIR: dataDir }
  let huizen: string
  let region: string
  let research: string
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    huizen = createToken(["--audience", "municipality", "--municipality", "GM0406"], env, "TEST Huizen")
    region = createToken(["--audience", "region"], env, "TEST regio")
    research = createToken(["--audience", "partner", "--partner", "demo-regio-onderzoek"], env, "TEST onderzoek")
    server = await startServer(["--demo"], env)
    browser = await chromium.launch({ executablePath: executable ?? "", headless: true, args: flags })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("a resident finds how Huizen compares with the region and the Netherlands in at most two clicks", async () => {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } })
      await page.goto(`${server.url}/`)
      await page.getByRole("link", { name: "Huizen", exact: true }).first().click()
      await page.waitForURL(`${server.url}/gemeenten/GM0406`)
      const section = page.locator("section[aria-labelledby=vergelijking]")
      await expect(section.locator("#vergelijking").textContent()).resolves.toContain("Huizen naast de regio")
      // Every comparison puts Huizen beside the region; where a national figure exists, beside the Netherlands too.
      const tables = await section.locator("table").all()
      expect(tables.length).toBeGreaterThan(0)
      const rowsOf = async (table: (typeof tables)[number]) =>
        (await table.locator("tbody th[scope=row]").allTextContents()).map((r) => r.trim())
      for (const table of tables)
        expect(await rowsOf(table)).toEqual(expect.arrayContaining(["Huizen", "Gooi en Vechtstreek"]))
      const national = []
      for (const table of tables) if ((await rowsOf(table)).includes("Nederland")) national.push(table)
      expect(national.length).toBeGreaterThan(0)
      const table = national[0] ?? tables[0]
      if (table === undefined) throw new Error("no comparison table")
      expect(await table.locator("caption").textContent()).toContain("per 1.000 inwoners")
      const values = await Promise.all(
        (await table.locator("tbody td[data-value]").all()).map((c) => c.getAttribute("data-value")),
      )
      expect(values.filter((v) => v !== null && v !== "").length).toBeGreaterThan(3)
      expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true)
      expect(await seriousViolations(page)).toEqual([])
      await page.close()
    }
  }, 120_000)

  it("a municipality officer logs in and sees Huizen's figures, its budget share and its council's decision", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logIn(page, server.url, huizen)
    await page.waitForURL(`${server.url}/gemeente`)
    await expect(page.locator("h1").textContent()).resolves.toContain("Huizen")
    const budget = page.locator("#budgettabel")
    expect(await budget.locator("tbody tr").count()).toBeGreaterThan(0)
    expect(await budget.textContent()).toMatch(/€\s?[\d.]+/)
    expect(await page.locator("#besluiten").textContent()).toContain("vastgesteld")
    expect(await page.locator("table").count()).toBeGreaterThan(1)
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  }, 60_000)

  it("the region records a council decision and the earlier one stays in the history", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logIn(page, server.url, region)
    await page.waitForURL(`${server.url}/regio`)
    await page.getByLabel("Gemeenteraad").selectOption("GM0417")
    await page.getByLabel("Besluit", { exact: true }).selectOption("rejected")
    await page.getByLabel("Datum van het besluit", { exact: true }).fill("2024-03-05")
    await page.getByLabel("Kenmerk van het raadsbesluit (als bekend)").fill("TEST-2024-03")
    await page.getByRole("button", { name: "Besluit vastleggen" }).click()
    await page.locator(".utrecht-alert, [role=status], [role=alert]").first().waitFor()
    const history = await page.locator("#besluitgeschiedenis li").allTextContents()
    const laren = history.filter((h) => h.startsWith("Laren"))
    // The demo has Laren postpone (9 November 2021) and then adopt (14 December 2021); the new rejection comes on top.
    expect(laren.length).toBe(3)
    expect(laren[0]).toContain("5 maart 2024")
    expect(laren[0]).not.toContain("vervangen")
    expect(laren[1]).toContain("vastgesteld op 14 december 2021")
    expect(laren[1]).toContain("vervangen door een later besluit")
    expect(await page.locator("#plan-status").textContent()).not.toContain("Vastgesteld door alle 7")
    await page.close()
  }, 60_000)

  it("the region amends a target during execution with a reason, and the old value stays as history", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logIn(page, server.url, region)
    await page.waitForURL(`${server.url}/regio`)
    await page.getByLabel("Indicator").selectOption("huisuitzettingen")
    await page.getByLabel("Jaar van de streefwaarde").fill("2025")
    await page.getByLabel("Nieuwe streefwaarde").fill("15")
    // The demo's plan ran 2022-2025: the council decided on the new target while the plan ran.
    await page.getByLabel("Datum van het besluit over de wijziging").fill("2025-03-01")
    await page.getByLabel("Reden van de wijziging").fill("Bijgesteld na de tussenevaluatie van 2024.")
    await page.getByRole("button", { name: "Wijziging vastleggen" }).click()
    await page.waitForURL(/gelukt=wijziging/)
    const amendment = await page.locator("#wijzigingen li").first().textContent()
    expect(amendment).toContain("20 → 15")
    expect(amendment).toContain("Bijgesteld na de tussenevaluatie van 2024.")
    await page.goto(`${server.url}/programmas/preventie-en-perspectief`)
    expect(await page.locator('#reeks-huisuitzettingen tr[data-kind="target"]').textContent()).toContain("15")
    await page.close()
  }, 60_000)

  it("a required reason looks like any field until someone tries to send the form without it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logIn(page, server.url, region)
    await page.waitForURL(`${server.url}/regio`)
    const reason = page.getByLabel("Reden van de wijziging")
    const border = () =>
      reason.evaluate(
        (e) =>
          (globalThis as unknown as { getComputedStyle: (e: unknown) => { borderTopColor: string } }).getComputedStyle(
            e,
          ).borderTopColor,
      )
    const untouched = await border()
    await reason.fill("iets")
    await page.getByLabel("Nieuwe streefwaarde").focus()
    const filled = await border()
    expect(untouched).toBe(filled)
    await reason.fill("")
    await page.getByRole("button", { name: "Wijziging vastleggen" }).click()
    await page.getByLabel("Nieuwe streefwaarde").focus()
    expect(await border()).not.toBe(untouched)
    await page.close()
  }, 60_000)

  it("a refused amendment says why in Dutch and changes nothing", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logIn(page, server.url, region)
    await page.waitForURL(`${server.url}/regio`)
    await page.getByLabel("Nieuwe streefwaarde").fill("veertien")
    await page.getByLabel("Reden van de wijziging").fill("Test")
    await page.getByRole("button", { name: "Wijziging vastleggen" }).click()
    expect(await page.locator("[role=alert]").first().textContent()).toContain("vul een getal in")
    expect(page.url()).not.toContain("fout=")
    await page.close()
  }, 60_000)

  it("the region sees the overdue deliveries per partner", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logIn(page, server.url, region)
    await page.waitForURL(`${server.url}/regio`)
    const partners = page.locator("#achterstallig > li")
    expect(await partners.count()).toBeGreaterThan(0)
    await partners.first().locator("summary").click()
    const first = await partners.first().locator("li").first().textContent()
    expect(first).toMatch(/20(22|23|24|25)/)
    expect(first).not.toMatch(/2026/)
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  }, 60_000)

  it("the region opens a council letter that reports progress with figures, in Dutch dates", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logIn(page, server.url, region)
    await page.waitForURL(`${server.url}/regio`)
    await page.getByRole("link", { name: /voortgangsbrief/ }).click()
    await page.waitForURL(`${server.url}/regio/raadsbrief`)
    const letter = (await page.locator("main").textContent()) ?? ""
    expect(letter).toMatch(
      /\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/,
    )
    expect(letter).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/)
    expect(await page.locator("tbody td[data-status=shown]").count()).toBeGreaterThan(0)
    expect(letter).toContain("€")
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  }, 60_000)

  it("a partner's file refused as a whole stays on its page with the reason, after a reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logIn(page, server.url, research)
    await page.waitForURL(`${server.url}/partner`)
    await page.getByLabel("Soort bestand").selectOption("observations-csv")
    await page.getByLabel("Bestand", { exact: true }).setInputFiles({
      name: "geen-waarnemingen.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("dit;is;geen;bestand;met;waarnemingen\n1;2;3;4;5;6\n"),
    })
    await page.getByRole("button", { name: "Leveren" }).click()
    await page.locator('#resultaat[data-status="refused"]').waitFor({ timeout: 30_000 })
    await page.goto(`${server.url}/partner`)
    const item = page.locator('li[data-status="refused"]', { hasText: "geen-waarnemingen.csv" })
    expect(await item.count()).toBe(1)
    expect(await item.textContent()).toContain("geweigerd")
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  }, 60_000)
})
