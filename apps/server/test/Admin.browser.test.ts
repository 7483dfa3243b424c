// The admin's pages read well in Debian's Chromium at desktop and phone width, on a real `baken serve --demo` process
// (embedded store): the admin makes a code through the form and copies it from the answer, and the list of codes, the
// sessions and the processing log keep whole words in their cells (no column squeezed to a letter a line), the page
// never scrolls sideways, and axe-core finds no serious or critical violation on any of the admin's pages. The
// region's own processing log stacks its rows into labelled blocks on a phone, as the admin's log does.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { brokenWords } from "./brokenWords.js"
import { createToken, type ServerProcess, startServer } from "./processes.js"
import { signInAt } from "./signIn.js"

// The functions passed to page.evaluate run in the page; the server's tests compile without the DOM library, so the
// few page globals they use are declared here, for this file only.
// biome-ignore lint/suspicious/noExplicitAny: page globals, typed by the browser that runs them
declare const document: any, getComputedStyle: any

const executable = inject("chromium")
if (executable === null) console.warn(`Admin.browser.test.ts: ${inject("chromiumSkipReason")}`)

const screenshots = new URL("../test-results/screenshots/", import.meta.url)
const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

/** axe-core's serious and critical violations (WCAG 2.0/2.1 A and AA, best practice) on the page. */
const seriousViolations = async (page: Page): Promise<ReadonlyArray<string>> => {
  await page.evaluate(axeSource)
  const result = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (d: unknown, o: object) => Promise<unknown> }; document: unknown }).axe.run(
      (globalThis as unknown as { document: unknown }).document,
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } },
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

/** The narrowest visible table cell that holds text, in pixels, with its text. */
const narrowestCell = (page: Page) =>
  page.evaluate(() => {
    let narrowest = { width: Number.POSITIVE_INFINITY, text: "" }
    for (const cell of document.querySelectorAll("table tbody th, table tbody td")) {
      const text = cell.textContent?.trim() ?? ""
      const width = cell.getBoundingClientRect().width
      if (text.length > 1 && width < narrowest.width) narrowest = { width, text }
    }
    return narrowest
  })

const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

describe.skipIf(executable === null)("the admin's pages read well at 1280 and 390 pixels wide, in Chromium", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "baken-beheer-browser-"))
  const env = { BAKEN_DATA_DIR: dataDir }
  let adminCode = ""
  let huizenCode = ""
  let partnerCode = ""
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    adminCode = createToken(["--audience", "admin"], env, "TEST beheerder van de regio Gooi en Vechtstreek")
    huizenCode = createToken(
      ["--audience", "municipality", "--municipality", "GM0406"],
      env,
      "TEST beleidsmedewerker Huizen",
    )
    partnerCode = createToken(["--audience", "partner", "--partner", "demo-politie"], env, "TEST politie")
    server = await startServer(["--demo"], env)
    browser = await chromium.launch({ executablePath: executable ?? "", headless: true, args: flags })
    mkdirSync(screenshots, { recursive: true })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  for (const width of [1280, 390]) {
    it(`at ${width} px the admin makes a code, and the codes, the sessions and the logs keep whole words, scroll only inside their box and pass axe-core`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } })
      const page = await context.newPage()
      await page.goto(`${server.url}/inloggen`)
      await page.getByLabel("Code").fill(adminCode)
      await page.getByRole("button", { name: "Inloggen" }).click()
      await page.waitForURL(`${server.url}/beheer`)

      // A partner's code through the form; the answer shows the secret to copy, once.
      await page.getByLabel("Soort").selectOption("partner")
      await page.getByLabel("Partner", { exact: true }).selectOption("demo-veilig-thuis")
      await page.getByLabel("Naam", { exact: true }).fill(`TEST exportkoppeling Veilig Thuis ${width}`)
      await page.getByLabel("Geldig (dagen)").fill("30")
      await page.getByRole("button", { name: "Toegangscode aanmaken" }).click()
      await page.getByRole("heading", { name: "Nieuwe toegangscode" }).waitFor()
      expect(await page.locator("#let-op").textContent()).toContain(
        "Kopieer deze code nu; hij wordt niet meer getoond.",
      )
      const secret = await page.getByLabel(/^Geheime code voor /).inputValue()
      expect(secret).toMatch(/^bkn_[0-9a-f]{16}_/)
      expect(page.url()).toBe(`${server.url}/beheer/toegangscodes`)
      expect(await scrollsSideways(page), "the answer").toBe(false)
      expect(await seriousViolations(page), "the answer").toEqual([])

      // The partner uses it, so the log has its read.
      const read = await fetch(`${server.url}/trpc/delivery.list?input=${encodeURIComponent("{}")}`, {
        headers: { authorization: `Bearer ${secret}` },
      })
      expect(read.status).toBe(200)

      await page.getByRole("link", { name: "Terug naar het beheer" }).click()
      await page.waitForURL(`${server.url}/beheer`)
      expect(await page.content()).not.toContain(secret)
      expect(await page.locator("#codes tbody tr").count()).toBeGreaterThanOrEqual(4)
      expect(await brokenWords(page), "the codes").toEqual([])
      expect((await narrowestCell(page)).width, "the codes").toBeGreaterThan(24)
      expect(await scrollsSideways(page), "the codes").toBe(false)
      expect(await seriousViolations(page), "the codes").toEqual([])
      await page.screenshot({ path: new URL(`beheer-${width}px.png`, screenshots).pathname, fullPage: true })

      // The confirmation before revoking.
      await page.getByRole("link", { name: `Intrekken van TEST exportkoppeling Veilig Thuis ${width}` }).click()
      await page.getByRole("button", { name: "Ja, trek deze code in" }).waitFor()
      expect(await scrollsSideways(page), "the confirmation").toBe(false)
      expect(await seriousViolations(page), "the confirmation").toEqual([])
      await page.getByRole("link", { name: "Nee, terug naar het beheer" }).click()
      await page.waitForURL(`${server.url}/beheer`)

      // The log, and the log filtered for the partner's reads.
      for (const path of ["/beheer/logboek", "/beheer/logboek?partner=demo-veilig-thuis&handeling=lezen"]) {
        await page.goto(`${server.url}${path}`)
        expect(await page.locator("#logboek tbody tr").count(), path).toBeGreaterThan(0)
        expect(await brokenWords(page), path).toEqual([])
        expect((await narrowestCell(page)).width, path).toBeGreaterThan(24)
        expect(await scrollsSideways(page), path).toBe(false)
        expect(await seriousViolations(page), path).toEqual([])
      }
      await page.screenshot({ path: new URL(`logboek-${width}px.png`, screenshots).pathname, fullPage: true })

      // A refused filter: the message at its field, the page still readable.
      await page.goto(`${server.url}/beheer/logboek?van=2024-13-45`)
      expect(await page.locator("#log-van-fout").textContent()).toContain("Van: vul een bestaande datum in")
      expect(await scrollsSideways(page), "a refused filter").toBe(false)
      expect(await seriousViolations(page), "a refused filter").toEqual([])

      // The sessions: Huizen's officer signed in twice, so the list has a person with more than one session.
      await signInAt(server.url, huizenCode)
      await signInAt(server.url, huizenCode)
      await page.goto(`${server.url}/beheer`)
      await page.getByRole("link", { name: "sessies", exact: true }).click()
      await page.waitForURL(`${server.url}/beheer/sessies`)
      expect(await page.locator("#sessies tbody tr").count()).toBeGreaterThanOrEqual(3)
      expect(await page.locator("#sessies tbody tr[data-current]").textContent()).toContain("dit is uw sessie")
      expect(await brokenWords(page), "the sessions").toEqual([])
      expect((await narrowestCell(page)).width, "the sessions").toBeGreaterThan(24)
      expect(await scrollsSideways(page), "the sessions").toBe(false)
      expect(await seriousViolations(page), "the sessions").toEqual([])
      await page.screenshot({ path: new URL(`sessies-${width}px.png`, screenshots).pathname, fullPage: true })

      // The confirmation before ending all of one code's sessions, and the way back.
      await page
        .getByRole("link", {
          name: /^Alle \d+ sessies met deze toegangscode beëindigen \(TEST beleidsmedewerker Huizen\)$/,
        })
        .first()
        .click()
      await page.getByRole("button", { name: /^Ja, beëindig alle \d+ sessies$/ }).waitFor()
      expect(await scrollsSideways(page), "the confirmation").toBe(false)
      expect(await seriousViolations(page), "the confirmation").toEqual([])
      await page.screenshot({
        path: new URL(`sessies-bevestigen-${width}px.png`, screenshots).pathname,
        fullPage: true,
      })
      await page.getByRole("link", { name: "Nee, terug naar de sessies" }).click()
      await page.waitForURL(`${server.url}/beheer/sessies`)
      await context.close()
    }, 120_000)
  }

  it("at 390 px the region's processing log stacks each processing into a block of labelled lines, as the admin's log does", async () => {
    // The partner reads its deliveries, so the region's log has a processing of the last 30 days.
    const read = await fetch(`${server.url}/trpc/delivery.list?input=${encodeURIComponent("{}")}`, {
      headers: { authorization: `Bearer ${partnerCode}` },
    })
    expect(read.status).toBe(200)
    const session = await signInAt(server.url, server.token ?? "")
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } })
      await context.addCookies([{ name: "baken_sessie", value: session, url: server.url }])
      const page = await context.newPage()
      await page.goto(`${server.url}/regio/logboek`)
      expect(await page.locator("h1").textContent()).toBe("Verwerkingslogboek")
      const rows = page.locator("#verwerkingen tbody tr")
      expect(await rows.count()).toBeGreaterThan(0)
      const layout = await page.locator("#verwerkingen").evaluate((table) => {
        const box = table.parentElement
        const row = table.querySelector("tbody tr")
        const cell = row?.querySelector("td")
        return {
          row: getComputedStyle(row).display,
          label: getComputedStyle(cell, "::before").content,
          wider: box.scrollWidth > box.clientWidth,
        }
      })
      if (width === 390) {
        expect(layout).toEqual({ row: "block", label: '"Laatst: "', wider: false })
      } else {
        expect(layout.row).toBe("table-row")
      }
      expect(await brokenWords(page), `${width} px`).toEqual([])
      expect(await scrollsSideways(page), `${width} px`).toBe(false)
      expect(await seriousViolations(page), `${width} px`).toEqual([])
      await page.screenshot({ path: new URL(`regio-logboek-${width}px.png`, screenshots).pathname, fullPage: true })
      await context.close()
    }
  }, 120_000)
})
