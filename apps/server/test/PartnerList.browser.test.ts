// Issue 13, the partner page: after an upload through the enhanced form finishes, the delivery list on the page is
// refreshed in place (no reload) and lists the deliveries newest first, as its caption says. On a real
// `baken serve --demo` process (embedded store), in Debian's Chromium.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Samples } from "@baken/adapter-registry"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { createToken, type ServerProcess, startServer } from "./processes.js"

const executable = inject("chromium")
if (executable === null) console.warn(`PartnerList.browser.test.ts: ${inject("chromiumSkipReason")}`)

const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]

describe.skipIf(executable === null)("the partner's delivery list, in Chromium", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "baken-lijst-"))
  const env = { BAKEN_DATA_DIR: dataDir }
  const partner = "demo-politie"
  let token = ""
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    // The partner's token first: the embedded store has one writer, and the server holds the folder once it runs.
    token = createToken(["--audience", "partner", "--partner", partner], env, "TEST lijst")
    server = await startServer(["--demo"], env)
    browser = await chromium.launch({ executablePath: executable ?? "", headless: true, args: flags })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** The file names of the delivery list, top to bottom. */
  const listed = (page: Page) =>
    page.locator("#leveringentabel tbody tr th").evaluateAll((ths) => ths.map((th) => (th.textContent ?? "").trim()))

  /** Delivers `rows` politie rows as `name` through the enhanced form, and waits until the job is stored. */
  const deliver = async (page: Page, name: string, rows: number) => {
    const file = Samples.valid("politie", { rows })
    await page.getByLabel("Soort bestand").selectOption("politie")
    await page
      .getByLabel("Bestand", { exact: true })
      .setInputFiles({ name, buffer: Buffer.from(file.bytes), mimeType: "text/csv" })
    await page.getByRole("button", { name: "Leveren" }).click()
    await page.locator('#resultaat-plek #resultaat[data-status="stored"]').waitFor({ timeout: 60_000 })
  }

  it("after an upload the list shows the new delivery on top, without reloading the page", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${server.url}/inloggen?volgende=/partner`)
    await page.getByLabel("Code").fill(token)
    await page.getByRole("button", { name: "Inloggen" }).click()
    await page.waitForURL(`${server.url}/partner`)
    await page.waitForSelector("html[data-enhanced=true]")
    expect(await page.locator("#leveringen-bijschrift").textContent()).toContain("nieuwste eerst")
    const before = await listed(page)
    // A mark on the document: a reload would lose it.
    await page.evaluate(() => {
      ;(globalThis as unknown as { baken: string }).baken = "niet herladen"
    })

    await deliver(page, "eerste-levering.csv", 5)
    await expect
      .poll(() => listed(page), { timeout: 30_000 })
      .toEqual(["eerste-levering.csv", ...before.filter((n) => n !== "eerste-levering.csv")])

    await deliver(page, "tweede-levering.csv", 6)
    await expect
      .poll(() => listed(page), { timeout: 30_000 })
      .toEqual(["tweede-levering.csv", "eerste-levering.csv", ...before].filter((n, i, all) => all.indexOf(n) === i))
    expect(await page.evaluate(() => (globalThis as unknown as { baken?: string }).baken)).toBe("niet herladen")
    expect(page.url()).toBe(`${server.url}/partner`)
    // The result of the last upload stays in place above the refreshed list.
    expect(await page.locator("#resultaat h2").textContent()).toContain("tweede-levering.csv")

    // A fresh page shows the same order: the server lists newest first, not only the script.
    await page.reload()
    expect((await listed(page)).slice(0, 2)).toEqual(["tweede-levering.csv", "eerste-levering.csv"])
    await context.close()
  }, 120_000)
})
