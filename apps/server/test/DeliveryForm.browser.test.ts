// Issue 12, done-when (a): for each of the seven partner formats, a valid file and a file with broken rows delivered
// as that DEMO partner through the dashboard's form of a real `baken serve --demo` process (embedded store), in
// Debian's Chromium: the form streams the file to /api/deliveries with the session and follows the job; the valid
// rows are stored and appear in the partner's delivery list, the broken ones are listed with their lines. Also the
// form without JavaScript (a plain post, then the delivery's own page refreshing itself), and screenshots.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Samples } from "@baken/adapter-registry"
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { createToken, type ServerProcess, startServer } from "./processes.js"

const executable = inject("chromium")
if (executable === null) console.warn(`DeliveryForm.browser.test.ts: ${inject("chromiumSkipReason")}`)

const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")
const screenshots = new URL("../test-results/screenshots/", import.meta.url)

/** The seven partner formats and the DEMO partner that delivers each. */
const formats = [
  ["iwmo", "demo-zorgaanbieder-bescherming-en-opvang"],
  ["veilig-thuis", "demo-veilig-thuis"],
  ["vroegsignalering", "demo-gemeente-schuldhulpverlening"],
  ["woningcorporatie", "demo-woningcorporatie"],
  ["politie", "demo-politie"],
  ["cbs-statline", "demo-regio-onderzoek"],
  ["observations-csv", "demo-regio-onderzoek"],
] as const satisfies ReadonlyArray<readonly [Samples.Id, string]>

/** What the region assigned each DEMO partner (`@baken/region-gooi-en-vechtstreek/demo`'s delivery partners). */
const assigned: Record<string, ReadonlyArray<string>> = {
  "demo-zorgaanbieder-bescherming-en-opvang": ["iwmo", "observations-csv"],
  "demo-veilig-thuis": ["veilig-thuis"],
  "demo-gemeente-schuldhulpverlening": ["vroegsignalering", "observations-csv"],
  "demo-woningcorporatie": ["woningcorporatie", "observations-csv"],
  "demo-politie": ["politie"],
  "demo-regio-onderzoek": ["cbs-statline", "observations-csv"],
}

const seriousViolations = async (page: Page) => {
  await page.evaluate(axeSource)
  const result = (await page.evaluate(() =>
    (
      globalThis as unknown as {
        axe: { run: (d: unknown, o: object) => Promise<unknown> }
        document: unknown
      }
    ).axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }),
  )) as { violations: ReadonlyArray<{ id: string; impact: string; help: string }> }
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}`)
}

describe.skipIf(executable === null)("delivering files through the partner's form, in Chromium", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "baken-form-"))
  const env = { BAKEN_DATA_DIR: dataDir }
  const tokens: Record<string, string> = {}
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    // Partner tokens first: the embedded store has one writer, and the server holds the folder once it runs.
    for (const partner of Object.keys(assigned)) {
      tokens[partner] = createToken(["--audience", "partner", "--partner", partner], env, "TEST form")
    }
    server = await startServer(["--demo"], env)
    browser = await chromium.launch({ executablePath: executable ?? "", headless: true, args: flags })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const signIn = async (partner: string, options: { javaScript?: boolean; width?: number } = {}) => {
    const context: BrowserContext = await browser.newContext({
      javaScriptEnabled: options.javaScript ?? true,
      viewport: { width: options.width ?? 1280, height: 900 },
    })
    const page = await context.newPage()
    await page.goto(`${server.url}/inloggen?volgende=/partner`)
    await page.getByLabel("Code").fill(tokens[partner] ?? "")
    await page.getByRole("button", { name: "Inloggen" }).click()
    await page.waitForURL(`${server.url}/partner`)
    if (options.javaScript !== false) await page.waitForSelector("html[data-enhanced=true]")
    return { context, page }
  }

  /** The region lets `partner` deliver every indicator of the observations sample (they span several partners). */
  const allowSampleIndicators = async (partner: string) => {
    const trpc = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${server.url}/trpc/${path}`, {
        ...init,
        headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      })
      expect(res.status, await res.clone().text()).toBe(200)
      return ((await res.json()) as { result: { data: { adapters: Array<string>; indicators: Array<string> } } }).result
        .data
    }
    const rights = await trpc(`partner.rights?input=${encodeURIComponent(JSON.stringify({ partner }))}`)
    const sample = ["bw-instroom", "mo-instroom", "huisuitzettingen", "vroegsignalen-hulp-aanvaard"]
    await trpc("partner.setRights", {
      method: "POST",
      body: JSON.stringify({ ...rights, indicators: [...new Set([...rights.indicators, ...sample])] }),
    })
  }

  /** Delivers `file` through the enhanced form and waits until the job is done; the result section's status. */
  const deliver = async (page: Page, adapter: string, file: Samples.File) => {
    await page.getByLabel("Soort bestand").selectOption(adapter)
    await page
      .getByLabel("Bestand", { exact: true })
      .setInputFiles({ name: file.name, buffer: Buffer.from(file.bytes), mimeType: "application/octet-stream" })
    await page.getByRole("button", { name: "Leveren" }).click()
    const done = page.locator('#resultaat-plek #resultaat:is([data-status="stored"], [data-status="refused"])')
    await done.waitFor({ timeout: 60_000 })
    return done
  }

  const rowsOf = (section: ReturnType<Page["locator"]>) =>
    section
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((r) =>
          Object.fromEntries(
            [...r.querySelectorAll("td")].map((td) => [td.dataset.label ?? "", (td.textContent ?? "").trim()]),
          ),
        ),
      )

  for (const [adapter, partner] of formats) {
    it(`${adapter}: as ${partner}, a valid file is stored and a broken one lists its broken lines`, async () => {
      const { context, page } = await signIn(partner)
      const offered = await page
        .locator("#adapter option")
        .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))
      expect(offered).toEqual(assigned[partner])
      expect(await page.locator("#bestand-uitleg").textContent()).toMatch(/\(\.\w+/)

      if (adapter === "observations-csv") await allowSampleIndicators(partner)
      // A few rows fewer than the demo's own file of this format, so these are new bytes and a new delivery.
      // iWmo: series 5, allocations other than the demo's and the other tests', so the file pairs whole.
      const valid = Samples.valid(adapter, { rows: 21, series: 5 })
      expect(valid.name).not.toMatch(/^DEMO-/)
      const stored = await deliver(page, adapter, valid)
      expect(await stored.getAttribute("data-status")).toBe("stored")
      expect(await stored.locator('[data-veld="status"]').textContent()).toBe("Opgeslagen")
      const accepted = Number((await stored.locator('[data-veld="accepted"]').textContent())?.replace(/\./g, ""))
      expect(accepted).toBeGreaterThan(0)
      expect(await stored.locator('[data-veld="rejected"]').textContent()).toBe("0")
      expect(await stored.getByRole("status").textContent()).toContain("Opgeslagen: alle")

      const broken = Samples.broken(adapter, { series: 6 })
      const result = await deliver(page, adapter, broken)
      expect(await result.getAttribute("data-status")).toBe("stored")
      expect(await result.getByRole("alert").textContent()).toMatch(/Opgeslagen: .* afgekeurd/)
      const rows = await rowsOf(result)
      expect(rows.length).toBeGreaterThanOrEqual(broken.locations.length)
      for (const at of broken.locations) {
        const found = rows.some(
          (r) =>
            (at.line !== undefined ? r["Regel of element"] === String(at.line) : r["Regel of element"] === at.path) &&
            (at.file === broken.name || r.Bestand === at.file),
        )
        expect(found, `${adapter}: a rejection at ${JSON.stringify(at)} in ${JSON.stringify(rows)}`).toBe(true)
      }
      for (const r of rows) {
        expect(r["Wat is er mis"]).toMatch(/\S/)
        expect(r["Regel-id"]).toMatch(/^[a-z0-9-]+$/)
      }

      // The valid rows are stored: the partner's delivery list shows both files with what was accepted.
      await page.goto(`${server.url}/partner`)
      const list = await page
        .locator("#leveringentabel tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())),
        )
      const validRow = list.find((cells) => cells[0] === valid.name)
      expect(validRow, JSON.stringify(list)).toBeDefined()
      expect(Number(validRow?.[3]?.replace(/\./g, ""))).toBe(accepted)
      const brokenRow = list.find((cells) => cells[0] === broken.name)
      expect(Number(brokenRow?.[4])).toBeGreaterThanOrEqual(broken.locations.length)
      await context.close()
    }, 120_000)
  }

  it("a partner without JavaScript delivers with a plain form post and follows the delivery on its own page", async () => {
    const { context, page } = await signIn("demo-politie", { javaScript: false })
    const file = Samples.valid("politie", { rows: 7 })
    const named = { ...file, name: "zonder-script.csv" }
    await page
      .getByLabel("Bestand", { exact: true })
      .setInputFiles({ name: named.name, buffer: Buffer.from(named.bytes), mimeType: "text/csv" })
    await page.getByRole("button", { name: "Leveren" }).click()
    await page.waitForURL(/\/partner\/leveringen\/[0-9a-f-]{36}$/)
    // The page refreshes itself (meta refresh, no script) until the worker has read the file.
    await page.locator('#resultaat[data-status="stored"]').waitFor({ timeout: 60_000 })
    expect(await page.locator('[data-veld="status"]').textContent()).toBe("Opgeslagen")
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0)
    expect(await page.getByRole("status").textContent()).toContain("Opgeslagen: alle")
    await page.getByRole("link", { name: "Terug naar de leveringen" }).click()
    expect(await page.locator("#leveringentabel").textContent()).toContain("zonder-script.csv")
    await context.close()
  }, 120_000)

  it("the partner page with a finished broken delivery reads well at 1280 and at 390 pixels", async () => {
    mkdirSync(screenshots, { recursive: true })
    for (const width of [1280, 390]) {
      const { context, page } = await signIn("demo-woningcorporatie", { width })
      // The same bytes again: the earlier delivery's result, shown in place.
      const result = await deliver(page, "woningcorporatie", Samples.broken("woningcorporatie"))
      expect(await result.locator("tbody tr").count()).toBeGreaterThan(0)
      expect(await seriousViolations(page)).toEqual([])
      expect(
        await page.evaluate(() => {
          const root = (
            globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
          ).document.documentElement
          return root.scrollWidth <= root.clientWidth
        }),
      ).toBe(true)
      // No squeezed column: every cell of the rejections is at least a few characters wide.
      const narrowest = await result
        .locator("tbody td")
        .evaluateAll((tds) => Math.min(...tds.map((td) => td.getBoundingClientRect().width)))
      expect(narrowest).toBeGreaterThan(60)
      await page.screenshot({
        path: new URL(`levering-afgekeurd-${width}px.png`, screenshots).pathname,
        fullPage: true,
      })
      await result.screenshot({ path: new URL(`levering-afgekeurd-${width}px-resultaat.png`, screenshots).pathname })
      await page.goto(`${server.url}/partner`)
      const list = page.locator("#leveringentabel")
      await list.screenshot({ path: new URL(`leveringen-${width}px.png`, screenshots).pathname })
      const cells = await list
        .locator("tbody td, tbody th")
        .evaluateAll((cs) => Math.min(...cs.map((c) => c.getBoundingClientRect().width)))
      expect(cells).toBeGreaterThan(60)
      await context.close()
    }
  }, 120_000)
})
