import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import * as DemoSource from "../src/DemoSource.js"
import { launch, logIn, screenshot, scrollsSideways, seriousViolations, startServer } from "./browser.js"

const executable = inject("chromium")
if (executable === null) console.warn(`Dashboard.browser.test.ts: ${inject("chromiumSkipReason")}`)

describe.skipIf(executable === null)("the dashboard in Chromium", () => {
  let browser: Browser
  let server: Awaited<ReturnType<typeof startServer>>
  let page: Page

  beforeAll(async () => {
    server = await startServer("awaiting-council")
    browser = await launch(executable ?? "")
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it("the public home shows the plan, the council table, the programmes with progress and the hidden-figures note, without accessibility violations", async () => {
    await page.goto(`${server.url}/`)
    await expect(page.locator("h1").textContent()).resolves.toContain("Beleidsplan Bescherming en Opvang 2022 - 2025")
    expect(await page.locator("#raadsbesluiten tbody tr").count()).toBe(7)
    expect(await page.locator(".baken-card progress").count()).toBe(3)
    expect(await page.getByRole("heading", { name: "Cijfers onder de 10 worden niet getoond" }).isVisible()).toBe(true)
    await page.locator(".baken-why summary").first().click()
    expect(await page.locator(".baken-why").first().locator("li").first().isVisible()).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, "home")
  })

  it("a programme page draws one Chart.js chart per indicator from the same numbers as its table and CSV", async () => {
    await page.goto(`${server.url}/programmas/beschermd-en-veilig-thuis-wonen`)
    await page.waitForSelector("html[data-enhanced=true]")
    const charts = page.locator(".baken-chart[data-drawn=true] canvas")
    expect(await charts.count()).toBe(await page.locator(".baken-figure table").count())
    expect(await charts.count()).toBe(2)
    const fromTable = await page.$$eval("#reeks-wachttijd-bw tbody tr", (rows) =>
      rows.map((r) => [...r.querySelectorAll("[data-value]")].map((c) => (c as HTMLElement).dataset.value)),
    )
    const chartHeight = await page
      .locator('[data-chart-for="reeks-wachttijd-bw"] canvas')
      .evaluate((canvas) => canvas.getBoundingClientRect().height)
    expect(chartHeight).toBeGreaterThan(100)
    const csv = await (
      await page.request.get(`${server.url}/programmas/beschermd-en-veilig-thuis-wonen/indicatoren/wachttijd-bw.csv`)
    ).text()
    const csvValues = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(";")[4])
    expect(csvValues).toEqual(fromTable.flat())
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, "programma")
  })

  it("a municipality page shows Weesp for the years it was a member, without accessibility violations", async () => {
    await page.goto(`${server.url}/gemeenten/GM0457`)
    expect(await page.locator("#lidmaatschap").textContent()).toContain("opgegaan in Amsterdam")
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, "gemeente-weesp")
  })

  it("a partner logs in, uploads a delivery with a broken row and sees it rejected with line and field", async () => {
    await page.goto(`${server.url}/partner`)
    expect(page.url()).toContain("/inloggen")
    expect(await seriousViolations(page)).toEqual([])
    await logIn(page, server.url, "/partner", DemoSource.defaultPartnerToken)
    await page.getByLabel("Bestand", { exact: true }).setInputFiles({
      name: "vt-2024-h2.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("gemeente,periode,meldingen\nGM0402,2024-H2,40\nGM0402,2024-H2,veertig\n"),
    })
    // The demo source has no streaming route: the form posts itself and leads to the delivery's own page.
    await page.getByRole("button", { name: "Leveren" }).click()
    await page.waitForURL(/\/partner\/leveringen\/[\w-]+$/)
    const result = page.locator("#resultaat")
    await result.waitFor()
    expect(await result.getAttribute("data-status")).toBe("stored")
    expect(await result.getByRole("alert").textContent()).toContain(
      "1 gegevens geaccepteerd (periode 2024-H2), 1 afgekeurd",
    )
    const row = await result.locator("tbody tr").first().locator("td").allTextContents()
    expect(row).toEqual(["3", "meldingen", "geen-aantal", '"veertig" is geen heel getal van 0 of meer.'])
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, "partner")
  })

  it("the region records the last council's decision and the plan becomes adopted", async () => {
    const region = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logIn(region, server.url, "/regio", DemoSource.defaultRegionToken)
    expect(await region.locator("#plan-status").getAttribute("data-stage")).toBe("Released")
    expect(await seriousViolations(region)).toEqual([])
    await region.getByLabel("Gemeenteraad").selectOption("GM1696")
    await region.getByLabel("Besluit", { exact: true }).selectOption("adopted")
    await region.getByLabel("Datum van het besluit").fill("2021-12-20")
    await region.getByLabel("Kenmerk van het raadsbesluit (als bekend)").fill("RB-2021-107")
    await region.getByRole("button", { name: "Besluit vastleggen" }).click()
    await region.locator("#gelukt").waitFor()
    expect(await region.locator("#plan-status").getAttribute("data-stage")).toBe("Adopted")
    expect(await region.locator('#raadsbesluiten tr[data-municipality="GM1696"]').textContent()).toContain(
      "20 december 2021",
    )
    expect(await seriousViolations(region)).toEqual([])
    await screenshot(region, "regio")
    await region.goto(`${server.url}/`)
    expect(await region.locator("#plan-status").textContent()).toContain("Vastgesteld door alle 7 gemeenteraden")
    await region.goto(`${server.url}/regio/raadsbrief`)
    expect(await region.locator(".baken-letter").textContent()).toContain("in alle gemeenteraden vastgesteld")
    expect(await seriousViolations(region)).toEqual([])
    await screenshot(region, "raadsbrief")
    await region.close()
  })

  it("every link and control on the home page is reached with Tab, in order, with a visible focus", async () => {
    await page.goto(`${server.url}/`)
    const focusable = await page.$$eval("a[href], button, summary, [tabindex='0'], input, select, textarea", (els) =>
      els.map((el, i) => {
        el.setAttribute("data-tab-order", String(i))
        return `${el.tagName}:${el.textContent?.trim().slice(0, 40)}`
      }),
    )
    const seen: Array<string> = []
    for (let i = 0; i <= focusable.length; i++) {
      await page.keyboard.press("Tab")
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        if (el === null || el === document.body) return null
        const style = getComputedStyle(el)
        return {
          order: Number(el.dataset.tabOrder),
          visible: style.outlineStyle !== "none" && style.outlineWidth !== "0px",
        }
      })
      if (info === null || seen.length === focusable.length) break
      const name = focusable[info.order] ?? `unknown element ${info.order}`
      expect(info.visible, `focus is visible on ${name}`).toBe(true)
      seen.push(name)
    }
    expect(seen).toEqual(focusable)
    expect(seen[0]).toContain("Naar de inhoud")
    await page.goto(`${server.url}/`)
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("inhoud")
  })

  it("the partner's upload form is usable by keyboard alone", async () => {
    await page.goto(`${server.url}/partner`)
    await page.locator("#adapter").focus()
    await page.keyboard.press("Tab")
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("bestand")
    await page.keyboard.press("Tab")
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Leveren")
  })

  it("no page scrolls sideways at 320 pixels wide", async () => {
    const narrow = await browser.newPage({ viewport: { width: 320, height: 800 } })
    await logIn(narrow, server.url, "/regio", DemoSource.defaultRegionToken)
    const wide: Array<string> = []
    for (const path of [
      "/",
      "/programmas/preventie-en-perspectief",
      "/gemeenten/GM0402",
      "/gemeenten",
      "/regio",
      "/regio/raadsbrief",
      "/inloggen",
    ]) {
      await narrow.goto(`${server.url}${path}`)
      if (await scrollsSideways(narrow)) wide.push(path)
      if (path === "/") await screenshot(narrow, "home-320px")
    }
    await narrow.context().clearCookies()
    await logIn(narrow, server.url, "/partner", DemoSource.defaultPartnerToken)
    if (await scrollsSideways(narrow)) wide.push("/partner")
    expect(wide).toEqual([])
    await narrow.close()
  })

  it("without JavaScript the public pages still show every figure in tables", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const plain = await context.newPage()
    await plain.goto(`${server.url}/programmas/preventie-en-perspectief`)
    expect(await plain.locator(".baken-figure table").count()).toBe(2)
    expect(await plain.locator(".baken-chart canvas").count()).toBe(0)
    expect(await plain.locator("#reeks-huisuitzettingen tbody tr").count()).toBeGreaterThan(7)
    await context.close()
  })
})
