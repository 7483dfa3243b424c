// A resident reads "Niemand uit beeld" in Chromium on `baken serve --demo` (the real server, store and demo data), on
// a desktop and on a phone: the diagram is an image with its numbers in words, the table carries the same numbers,
// nothing makes the page scroll sideways or squeezes a label to a letter per line, and axe finds nothing serious.
import { mkdtempSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { type ServerProcess, startServer } from "./processes.js"

const executable = inject("chromium")
if (executable === null) console.warn(`FlowsPage.browser.test.ts: ${inject("chromiumSkipReason")}`)

const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

const seriousViolations = async (page: Page) => {
  await page.evaluate(axeSource)
  const result = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (d: unknown, o: object) => Promise<unknown> }; document: unknown }).axe.run(
      (globalThis as unknown as { document: unknown }).document,
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } },
    ),
  )) as { violations: ReadonlyArray<{ id: string; impact: string; help: string }> }
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}`)
}

describe.skipIf(executable === null)("a resident reads Niemand uit beeld, in Chromium", () => {
  const env = { BAKEN_DATA_DIR: mkdtempSync(join(tmpdir(), "baken-flows-")) }
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    server = await startServer(["--demo"], env)
    browser = await chromium.launch({ executablePath: executable ?? "", headless: true, args: flags })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("finds the page from the home page, picks a municipality and reads its diagram and table at 1280 and 390 px", async () => {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } })
      await page.goto(`${server.url}/`)
      await page.getByRole("link", { name: "de stromen per jaar en per gemeente" }).click()
      await page.waitForURL(`${server.url}/niemand-uit-beeld`)
      await page.getByLabel("Gebied").selectOption({ label: "Huizen" })
      await page.getByRole("button", { name: "Toon" }).click()
      await page.waitForURL(/gebied=GM0406/)
      await expect(page.locator("h2#stromen").textContent()).resolves.toMatch(/^Stromen in Huizen in \d{4}$/)
      // The diagram is one image named by its title, described with every number in words.
      const diagram = page.getByRole("img", { name: /^Stromen in Huizen in \d{4}/ })
      await expect(diagram.count()).resolves.toBe(1)
      const description = (await page.locator("#stroomdiagram-beschrijving").textContent()) ?? ""
      expect(description).toContain("Uitstroom:")
      // The table carries the same year's numbers: the departures' cell says what the diagram says.
      const year = ((await page.locator("h2#stromen").textContent()) ?? "").slice(-4)
      const column = (await page.locator("#stromen-tabel thead th").allTextContents()).indexOf(year)
      const cell = page.locator('#stromen-tabel tr[data-key="bo-uitstroom"] > *').nth(column)
      const status = await cell.getAttribute("data-status")
      const value = await cell.getAttribute("data-value")
      const said = /Uitstroom: ([^;]+);/.exec(description)?.[1] ?? ""
      if (status === "verborgen") expect(said).toBe("verborgen")
      else if (status === "leeg") expect(said).toBe("geen gegevens")
      else expect(said).toMatch(new RegExp(`^${value} person`))
      // The diagram stays readable: never wider than the screen, its text at least 11 px high.
      const box = await diagram.boundingBox()
      expect(box?.width ?? 0).toBeLessThanOrEqual(width)
      const smallest = (await page.evaluate(
        `Math.min(...[...document.querySelectorAll(".baken-flow__label")].map((t) => t.getBoundingClientRect().height))`,
      )) as number
      expect(smallest).toBeGreaterThanOrEqual(11)
      // No row label is squeezed to a letter per line: each is at most as many lines as it has words.
      const squeezed = (await page.evaluate(
        `[...document.querySelectorAll("#stromen-tabel tbody th")].filter((th) => {
          const words = (th.textContent ?? "").trim().split(/\\s+/).length
          const lines = Math.round(th.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(th).lineHeight))
          return lines > words + 1
        }).length`,
      )) as number
      expect(squeezed).toBe(0)
      expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true)
      expect(await seriousViolations(page)).toEqual([])
      await page.close()
    }
  }, 120_000)
})
