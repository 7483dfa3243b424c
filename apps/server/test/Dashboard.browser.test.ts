// The dashboard as `baken serve --demo` serves it, in Debian's Chromium driven by playwright-core, checked by axe-core.
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { type Browser, chromium } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { type ServerProcess, startServer } from "./processes.js"

const executable = inject("chromium")
if (executable === null) console.warn(`Dashboard.browser.test.ts: ${inject("chromiumSkipReason")}`)

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")
const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]

interface AxeResult {
  readonly passes: ReadonlyArray<unknown>
  readonly violations: ReadonlyArray<{ id: string; impact: string; help: string }>
}

describe.skipIf(executable === null)("the home page served by baken serve --demo, in Chromium", () => {
  let server: ServerProcess
  let browser: Browser
  beforeAll(async () => {
    server = await startServer(["--demo"], { BAKEN_DATA_DIR: "memory" })
    browser = await chromium.launch({ executablePath: executable ?? "", headless: true, args: flags })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("shows the plan and has no serious or critical axe-core violations", async () => {
    const page = await browser.newPage()
    const res = await page.goto(`${server.url}/`)
    expect(res?.status()).toBe(200)
    expect(await page.locator("h1").first().textContent()).toMatch(/\S/)
    expect(await page.content()).toContain("Herstel de verbinding")
    await page.evaluate(axeSource)
    const result = (await page.evaluate(() =>
      (
        globalThis as unknown as { axe: { run: (d: unknown, o: object) => Promise<unknown> }; document: unknown }
      ).axe.run((globalThis as unknown as { document: unknown }).document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      }),
    )) as AxeResult
    expect(result.passes.length).toBeGreaterThan(0)
    const serious = result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help}`)
    expect(serious).toEqual([])
  }, 60_000)
})
