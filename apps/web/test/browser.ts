// What the browser tests share: a dashboard on a real port (demo data), Debian's Chromium driven by playwright-core
// with the flags this machine's closed network needs, axe-core injected into pages, and screenshots kept as artefacts.
import { mkdirSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import { serve } from "@hono/node-server"
import { type Browser, chromium, type Page } from "playwright-core"
import * as DemoSource from "../src/DemoSource.js"
import { createWebApp } from "../src/WebApp.js"

/** The flags every launch uses (Playwright adds a fresh temporary --user-data-dir itself). */
export const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

/** Starts the dashboard with demo data on a free port. */
export const startServer = async (scenario: DemoSource.Scenario) => {
  const app = createWebApp({ source: DemoSource.make({ scenario }), today: () => "2025-04-15" })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) }
}

/** Launches Chromium at `executablePath`. */
export const launch = (executablePath: string): Promise<Browser> =>
  chromium.launch({ executablePath, headless: true, args: chromiumFlags })

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns the serious and critical violations. */
export const seriousViolations = async (page: Page) => {
  await page.evaluate(axeSource)
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: Document,
            o: object,
          ) => Promise<{
            passes: Array<unknown>
            violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }>
          }>
        }
      }
    ).axe
    return axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    })
  })
  if (result.passes.length === 0) throw new Error("axe-core ran no checks on this page")
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)
}

const screenshots = new URL("../test-results/screenshots/", import.meta.url)

/** Saves a full-page screenshot under test-results/screenshots/. */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(screenshots, { recursive: true })
  await page.screenshot({ path: new URL(`${name}.png`, screenshots).pathname, fullPage: true })
}

/** Whether the page scrolls sideways. */
export const scrollsSideways = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

/** Logs in with `code` through the login form. */
export const logIn = async (page: Page, url: string, path: string, code: string): Promise<void> => {
  await page.goto(`${url}${path}`)
  await page.getByLabel("Code").fill(code)
  await page.getByRole("button", { name: "Inloggen" }).click()
  await page.waitForURL(`${url}${path}`)
}
