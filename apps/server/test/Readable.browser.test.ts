// Figures a person can read, at desktop and phone width, on the dashboard as `baken serve --demo` serves it (the real
// server, store and API with the demo's deliveries, which have yearly and quarterly figures), in Debian's Chromium.
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { brokenWords } from "./brokenWords.js"
import { type ServerProcess, startServer } from "./processes.js"

// The functions passed to page.evaluate run in the page; the server's tests compile without the DOM library, so the
// few page globals they use are declared here, for this file only.
// biome-ignore lint/suspicious/noExplicitAny: page globals, typed by the browser that runs them
declare const document: any, getComputedStyle: any

const executable = inject("chromium")
if (executable === null) console.warn(`Readable.browser.test.ts: ${inject("chromiumSkipReason")}`)

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")
const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]

/** axe-core's serious and critical violations (WCAG 2.0/2.1 A and AA, best practice) on the page. */
const seriousViolations = async (page: Page): Promise<ReadonlyArray<string>> => {
  await page.evaluate(axeSource)
  const result = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (d: unknown, o: object) => Promise<unknown> }; document: unknown }).axe.run(
      (globalThis as unknown as { document: unknown }).document,
      {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      },
    ),
  )) as {
    passes: ReadonlyArray<unknown>
    violations: ReadonlyArray<{ id: string; impact: string; nodes: ReadonlyArray<{ target: unknown }> }>
  }
  if (result.passes.length === 0) throw new Error("axe-core ran no checks on this page")
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)
}

const pages = ["/", "/programmas/beschermd-en-veilig-thuis-wonen", "/gemeenten/GM0406"]

/** The row headers of places (municipalities, the region, the Netherlands) taller than two lines of text. */
const tallPlaceHeaders = (page: Page) =>
  page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'tr[data-kind="municipality"] > th, tr[data-kind="region"] > th, tr[data-kind="benchmark"] > th',
      ),
    ].flatMap((th) => {
      if (th.closest("#reeks-kerncijfers, [id^='reeks-cijfers-']") !== null) return [] // rows of indicators
      const style = getComputedStyle(th)
      const text =
        th.getBoundingClientRect().height -
        Number.parseFloat(style.paddingTop) -
        Number.parseFloat(style.paddingBottom) -
        Number.parseFloat(style.borderTopWidth) -
        Number.parseFloat(style.borderBottomWidth)
      const line = Number.parseFloat(style.lineHeight)
      return text > 2 * line + 1 ? [`${th.textContent?.trim()}: ${Math.round(text / line)} lines`] : []
    }),
  )

const openAll = (page: Page) =>
  page.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true
  })

describe.skipIf(executable === null)("the figures are readable at 1280 and 390 pixels wide", () => {
  let browser: Browser
  let server: ServerProcess
  let url: string

  beforeAll(async () => {
    server = await startServer(["--demo"], { BAKEN_DATA_DIR: "memory" })
    url = server.url
    browser = await chromium.launch({ executablePath: executable ?? "", headless: true, args: flags })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  for (const width of [1280, 390]) {
    it(`at ${width} px no table header breaks a word, place names take at most two lines and the page never scrolls sideways`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } })
      for (const path of pages) {
        await page.goto(`${url}${path}`)
        await openAll(page)
        expect(await brokenWords(page, "table th"), path).toEqual([])
        expect(await tallPlaceHeaders(page), path).toEqual([])
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }))
        expect(scrollWidth, path).toBeLessThanOrEqual(clientWidth)
        expect(await seriousViolations(page), path).toEqual([])
      }
      await page.close()
    })
  }

  it("at 390 px a wide table scrolls inside its own box while its first column stays in view", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } })
    await page.goto(`${url}/programmas/beschermd-en-veilig-thuis-wonen`)
    await openAll(page)
    const box = page.locator("table[id$='-detail']").first().locator("xpath=..")
    const before = await box.evaluate((el) => {
      const th = el.querySelector("tbody th")
      return { wider: el.scrollWidth > el.clientWidth, left: th?.getBoundingClientRect().left ?? 0 }
    })
    expect(before.wider).toBe(true)
    const after = await box.evaluate((el) => {
      el.scrollLeft = 400
      const th = el.querySelector("tbody th")
      const cell = el.querySelector("tbody td")
      return {
        scrolled: el.scrollLeft,
        left: th?.getBoundingClientRect().left ?? 0,
        cell: cell?.getBoundingClientRect().left ?? 0,
      }
    })
    expect(after.scrolled).toBeGreaterThan(0)
    expect(after.left).toBe(before.left)
    expect(after.cell).toBeLessThan(after.left)
    await page.close()
  })

  it("a chart's axis holds the years only; the quarters are a table of their own behind 'Per kwartaal'", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${url}/programmas/beschermd-en-veilig-thuis-wonen`)
    await page.waitForSelector("html[data-enhanced=true]")
    const axes = await page.$$eval(".baken-chart[data-drawn=true]", (holders) =>
      holders.map((h) =>
        [...(document.getElementById(h.dataset.chartFor ?? "")?.querySelectorAll("thead th") ?? [])]
          .slice(1)
          .map((th) => th.textContent),
      ),
    )
    expect(axes.length).toBeGreaterThan(0)
    for (const axis of axes) for (const label of axis) expect(label).toMatch(/^\d{4}$/)
    const detail = page.locator("details.baken-detail").first()
    expect(await detail.locator("table").isVisible()).toBe(false)
    await detail.locator("summary").click()
    expect(await detail.locator("table caption").textContent()).toContain("per kwartaal")
    expect(await detail.locator("thead th").nth(1).textContent()).toMatch(/^\d{4} K1$/)
    await page.close()
  })

  it("the home page shows each member municipality as a small chart with its latest figure, linking to its page", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } })
    await page.goto(`${url}/`)
    const cards = page.locator(".baken-multiple")
    expect(await cards.count()).toBeGreaterThanOrEqual(7)
    const first = await cards.first().boundingBox()
    const second = await cards.nth(1).boundingBox()
    // Two to a row on a phone.
    expect(second?.y).toBe(first?.y)
    await cards.filter({ hasText: "Huizen" }).getByRole("link", { name: "Huizen" }).click()
    await page.waitForURL(`${url}/gemeenten/GM0406`)
    await page.close()
  })
})
