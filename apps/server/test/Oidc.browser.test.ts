// Staff sign in with their organisation's account, end to end: `baken serve --demo` configured for OpenID Connect,
// a real provider (`oidc-provider`, see oidcProvider.ts) on 127.0.0.1, and Debian's Chromium going through the
// provider's own login and consent pages. A region officer lands on the region page, Huizen's officer on Huizen's
// page, each named in the header by the name the provider gave; an administrator sees them by name among the
// sessions and ends one person's sessions; a replayed or unknown callback, a person the mapping does not let in, a person who cancels at the provider,
// and a provider that cannot be reached each get a Dutch page with the right status.
import { mkdirSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { freePort, startProvider, type TestProvider } from "./oidcProvider.js"
import { type ServerProcess, startServer } from "./processes.js"
import { roomInMinute } from "./signIn.js"

const executable = inject("chromium")
if (executable === null) console.warn(`Oidc.browser.test.ts: ${inject("chromiumSkipReason")}`)

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")
const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
const client = { clientId: "baken-test", clientSecret: "test-client-secret-not-a-secret" }
const accounts = {
  "anna-regio": { name: "Anna de Regio", email: "anna@regio.example", groups: ["medewerkers", "baken-regio"] },
  "bert-huizen": { name: "Bert van Huizen", email: "bert@huizen.example", groups: ["baken-huizen"] },
  "carla-zonder": { name: "Carla Zonder", email: "carla@huizen.example", groups: ["medewerkers"] },
  "dora-beheer": { name: "Dora Beheer", email: "dora@regio.example", groups: ["baken-beheer"] },
}
const oidcEnv = (issuer: string, port: number) => ({
  BAKEN_DATA_DIR: "memory",
  PORT: String(port),
  BAKEN_PUBLIC_URL: `http://127.0.0.1:${port}`,
  BAKEN_OIDC_ISSUER: issuer,
  BAKEN_OIDC_CLIENT_ID: client.clientId,
  BAKEN_OIDC_CLIENT_SECRET: client.clientSecret,
  BAKEN_OIDC_NAME: "Gemeente-account",
  BAKEN_OIDC_ROLES:
    "baken-regio=region,baken-beheer=admin,baken-huizen=municipality:GM0406,baken-politie=partner:demo-politie",
  // A proxy the server trusts names the address, so the throttling test has addresses of its own.
  BAKEN_TRUST_PROXY: "1",
})

describe.skipIf(executable === null)("signing in with the organisation's account through a real provider", () => {
  let provider: TestProvider
  let server: ServerProcess
  let browser: Browser
  const contexts: Array<BrowserContext> = []

  /** A fresh browser (no cookies) that reaches this machine only: the provider's page asks for a web font. */
  const freshPage = async (): Promise<Page> => {
    const context = await browser.newContext()
    contexts.push(context)
    await context.route("**/*", (route) =>
      new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort(),
    )
    return context.newPage()
  }

  /** The serious or critical axe-core violations of the page (WCAG 2.1 A and AA, best practice). */
  const seriousViolations = async (page: Page): Promise<ReadonlyArray<string>> => {
    await page.evaluate(axeSource)
    const result = (await page.evaluate(() =>
      (
        globalThis as unknown as { axe: { run: (d: unknown, o: object) => Promise<unknown> }; document: unknown }
      ).axe.run((globalThis as unknown as { document: unknown }).document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      }),
    )) as { violations: ReadonlyArray<{ id: string; impact: string; help: string }> }
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help}`)
  }

  /** At the provider: its login page with the account's name (any password), then its consent page. */
  const signInAtProvider = async (page: Page, account: string) => {
    await page.waitForURL((url) => url.href.startsWith(provider.issuer))
    await page.locator('input[name="login"]').fill(account)
    await page.locator('input[name="password"]').fill("wat-dan-ook")
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => url.href.startsWith(provider.issuer) && url.pathname.startsWith("/interaction/"))
    await page.getByRole("button", { name: "Continue" }).click()
  }

  /** For a person to read: the page at desktop and phone width, kept with the other tests' screenshots. */
  const keepScreenshots = async (page: Page, name: string) => {
    const screenshots = new URL("../test-results/screenshots/", import.meta.url)
    mkdirSync(screenshots, { recursive: true })
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await page.screenshot({ path: new URL(`${name}-${width}px.png`, screenshots).pathname, fullPage: true })
    }
  }

  beforeAll(async () => {
    const port = await freePort()
    provider = await startProvider({ ...client, redirectUri: `http://127.0.0.1:${port}/inloggen/terug`, accounts })
    server = await startServer(["--demo"], oidcEnv(provider.issuer, port))
    browser = await chromium.launch({ executablePath: executable ?? "", headless: true, args: flags })
  }, 120_000)
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.stop()
    await provider?.stop()
  })

  it("the login page offers 'Inloggen met Gemeente-account' first, the code form below it for partners, and passes axe-core", async () => {
    const page = await freshPage()
    const res = await page.goto(`${server.url}/inloggen`)
    expect(res?.status()).toBe(200)
    const button = page.getByRole("link", { name: "Inloggen met Gemeente-account" })
    const heading = page.getByRole("heading", { name: "Inloggen met een code (voor partners en koppelingen)" })
    const code = page.getByLabel("Code")
    expect(await button.getAttribute("href")).toBe("/inloggen/organisatie")
    const [b, h, c] = await Promise.all([button, heading, code].map((l) => l.boundingBox()))
    expect(b !== null && h !== null && c !== null).toBe(true)
    expect((b?.y ?? 0) < (h?.y ?? 0) && (h?.y ?? 0) < (c?.y ?? 0)).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await keepScreenshots(page, "inloggen-organisatie")
  }, 60_000)

  it("a region officer signs in at the provider and sees the region page; the same callback a second time is refused", async () => {
    const page = await freshPage()
    const callbacks: Array<string> = []
    page.on("request", (r) => {
      if (r.url().includes("/inloggen/terug")) callbacks.push(r.url())
    })
    // Asking for the processing log: after signing in the officer is back at that page of the region's.
    await page.goto(`${server.url}/regio/logboek`)
    expect(new URL(page.url()).pathname).toBe("/inloggen")
    await page.getByRole("link", { name: "Inloggen met Gemeente-account" }).click()
    await signInAtProvider(page, "anna-regio")
    await page.waitForURL(`${server.url}/regio/logboek`)
    expect(await page.locator("h1").textContent()).toBe("Verwerkingslogboek")
    await page.goto(`${server.url}/regio`)
    expect(await page.locator("h1").textContent()).toBe("Regio: beheer van het plan")
    expect(await page.locator(".baken-signout").textContent()).toContain("Ingelogd als Anna de Regio")
    // A session cookie (HttpOnly, SameSite=Lax): the provider's secrets and tokens stay on the server.
    const cookies = await page.context().cookies(server.url)
    const session = cookies.find((c) => c.name === "baken_sessie")
    expect({ httpOnly: session?.httpOnly, sameSite: session?.sameSite }).toEqual({ httpOnly: true, sameSite: "Lax" })
    // The processing log names the person by the provider's subject, not by a code.
    await page.goto(`${server.url}/regio/logboek`)
    expect(await page.locator("main").textContent()).toContain("persoon anna-regio")

    // The callback replayed, in the same browser: the sign-in was used once and is gone.
    expect(callbacks).toHaveLength(1)
    const replay = await page.goto(callbacks[0] ?? "")
    expect(replay?.status()).toBe(400)
    expect(await page.locator("h1").textContent()).toBe("Inlogpoging onbekend of al gebruikt")
    expect(await page.content()).toContain("Begin opnieuw met inloggen.")
  }, 60_000)

  it("Huizen's municipality officer, asking for /gemeente, signs in and sees Huizen's page", async () => {
    const page = await freshPage()
    await page.goto(`${server.url}/gemeente`)
    // Not signed in: the dashboard sends the visitor to the login page, which keeps where they were going.
    expect(new URL(page.url()).pathname).toBe("/inloggen")
    await page.getByRole("link", { name: "Inloggen met Gemeente-account" }).click()
    await signInAtProvider(page, "bert-huizen")
    await page.waitForURL(`${server.url}/gemeente`)
    expect(await page.locator("h1").textContent()).toBe("Gemeente Huizen")
    await keepScreenshots(page, "gemeente-huizen-na-organisatie-inlog")
    expect(await page.locator(".baken-signout").textContent()).toContain("Ingelogd als Bert van Huizen")
    // And the region's page is not Huizen's to see.
    const region = await page.goto(`${server.url}/regio`)
    expect(new URL(page.url()).pathname).not.toBe("/regio")
    expect(region?.status()).not.toBe(500)
  }, 60_000)

  it("an administrator signs in, is named in the header, sees the region officer by name among the sessions and ends her sessions", async () => {
    const anna = await freshPage()
    await anna.goto(`${server.url}/inloggen/organisatie?volgende=/regio`)
    await signInAtProvider(anna, "anna-regio")
    await anna.waitForURL(`${server.url}/regio`)

    const page = await freshPage()
    await page.goto(`${server.url}/beheer/sessies`)
    await page.getByRole("link", { name: "Inloggen met Gemeente-account" }).click()
    await signInAtProvider(page, "dora-beheer")
    await page.waitForURL(`${server.url}/beheer/sessies`)
    expect(await page.locator(".baken-signout").textContent()).toContain("Ingelogd als Dora Beheer")
    expect(await page.locator("#sessies tbody tr[data-current]").textContent()).toContain(
      "Dora Beheer met een organisatieaccount dit is uw sessie",
    )
    const annas = page.locator("#sessies tbody tr", { hasText: "Anna de Regio" })
    expect(await annas.count()).toBeGreaterThanOrEqual(1)
    expect(await annas.first().locator("td").first().textContent()).toBe("regio")
    expect(await annas.first().locator("th").textContent()).toBe("Anna de Regio met een organisatieaccount")
    expect(await seriousViolations(page)).toEqual([])

    // Every session of hers, however many she has: one link ends them all, or there is only the one.
    const all = page.getByRole("link", { name: /^Alle \d+ sessies van deze persoon beëindigen \(Anna de Regio\)$/ })
    if ((await all.count()) > 0) await all.first().click()
    else await page.getByRole("link", { name: "Sessie beëindigen van Anna de Regio" }).click()
    expect(await page.locator("main").textContent()).toContain(
      "Met het account van de eigen organisatie kan deze persoon",
    )
    await page.getByRole("button", { name: /^Ja, beëindig / }).click()
    await page.waitForURL((url) => url.pathname === "/beheer/sessies" && url.searchParams.has("beeindigd"))
    expect(await page.locator("#gelukt").textContent()).toMatch(/beëindigd\. Wie (deze sessie|ze) gebruikte/)
    expect(await page.locator("#sessies tbody tr", { hasText: "Anna de Regio" }).count()).toBe(0)

    // At once: her next request finds her signed out.
    await anna.goto(`${server.url}/regio`)
    expect(new URL(anna.url()).pathname).toBe("/inloggen")
  }, 90_000)

  it("a callback with a state this server never gave out is refused with a Dutch 400 page; without the sign-in's cookie it says another browser began it", async () => {
    const page = await freshPage()
    const elsewhere = await page.goto(`${server.url}/inloggen/terug?code=verzonnen&state=verzonnen-state`)
    expect(elsewhere?.status()).toBe(400)
    expect(await page.locator("h1").textContent()).toBe("Inlogpoging uit een andere browser")
    // A browser that did start a sign-in (it has the cookie), sent to a state that is not its own.
    await page.context().addCookies([{ name: "baken_inloggen", value: "b".repeat(43), url: `${server.url}/inloggen/` }])
    const res = await page.goto(`${server.url}/inloggen/terug?code=verzonnen&state=verzonnen-state`)
    expect(res?.status()).toBe(400)
    expect(await page.locator("h1").textContent()).toBe("Inlogpoging onbekend of al gebruikt")
    expect(await page.getByRole("link", { name: "Opnieuw inloggen met Gemeente-account" }).count()).toBe(1)
  }, 60_000)

  it("an account whose groups the mapping does not name is refused with a Dutch 401 page and is not signed in", async () => {
    const page = await freshPage()
    await page.goto(`${server.url}/inloggen/organisatie`)
    const answer = page.waitForResponse((r) => r.url().includes("/inloggen/terug"))
    await signInAtProvider(page, "carla-zonder")
    expect((await answer).status()).toBe(401)
    expect(await page.locator("h1").textContent()).toBe("Geen toegang tot Baken")
    expect(await seriousViolations(page)).toEqual([])
    expect(await page.content()).toContain(
      "Uw account heeft geen toegang tot Baken; vraag uw beheerder om u toe te voegen aan de groep",
    )
    const after = await page.goto(`${server.url}/regio`)
    expect(new URL(page.url()).pathname).toBe("/inloggen")
    expect(after?.status()).toBe(200)
  }, 60_000)

  it("a person who cancels at the provider (error=access_denied) gets a Dutch 401 page", async () => {
    const page = await freshPage()
    await page.goto(`${server.url}/inloggen/organisatie`)
    await page.waitForURL((url) => url.href.startsWith(provider.issuer))
    await page.locator('input[name="login"]').fill("anna-regio")
    await page.locator('input[name="password"]').fill("x")
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname.startsWith("/interaction/"))
    const answer = page.waitForResponse((r) => r.url().includes("/inloggen/terug"))
    await page.getByRole("link", { name: "[ Cancel ]" }).click()
    const response = await answer
    expect(new URL(response.url()).searchParams.get("error")).toBe("access_denied")
    expect(response.status()).toBe(401)
    expect(await page.locator("h1").textContent()).toBe("Inloggen afgebroken")
  }, 60_000)

  it("a callback the browser brought wrong (another iss, a made-up or overlong code) is a Dutch 400 that uses up nothing and locks no one out", async () => {
    const from = { "x-forwarded-for": "198.51.100.40" }
    /** Starts a sign-in as a browser would: the state the provider will send back, and the browser's cookie. */
    const started = async () => {
      const answer = await fetch(`${server.url}/inloggen/organisatie`, { redirect: "manual", headers: from })
      expect(answer.status).toBe(303)
      const state = new URL(answer.headers.get("location") ?? "").searchParams.get("state") ?? ""
      const cookie = (answer.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
      return { state, cookie }
    }
    const callback = async (query: Record<string, string>, cookie = "") => {
      const answer = await fetch(`${server.url}/inloggen/terug?${new URLSearchParams(query)}`, {
        redirect: "manual",
        headers: { ...from, cookie },
      })
      return { status: answer.status, text: await answer.text() }
    }
    const one = await started()
    // Another issuer: refused before the pending sign-in is taken, so the provider's real answer still finds it.
    const otherIssuer = await callback({ code: "x", state: one.state, iss: "https://elders.example" }, one.cookie)
    expect(otherIssuer.status).toBe(400)
    expect(otherIssuer.text).toContain("Inlogpoging onbekend of al gebruikt")
    const withoutCookie = await callback({ code: "x", state: one.state, iss: provider.issuer })
    expect(withoutCookie.text).toContain("Inlogpoging uit een andere browser")
    // Still there: the code is what the provider refuses now (not "unknown or used").
    const madeUp = await callback({ code: "verzonnen-code", state: one.state, iss: provider.issuer }, one.cookie)
    expect(madeUp.status).toBe(400)
    expect(madeUp.text).toContain("De inlogdienst van uw organisatie nam de inlogcode niet aan")
    const two = await started()
    expect((await callback({ code: "c".repeat(5000), state: two.state }, two.cookie)).status).toBe(400)
    // Many made-up callbacks from one address lock no one out: a state cannot be guessed, so none is counted.
    const statuses: Array<number> = []
    for (let i = 0; i < 15; i++)
      statuses.push((await callback({ code: "x", state: `geraden-${i}` }, one.cookie)).status)
    expect(statuses).toEqual(Array(15).fill(400))
    expect((await started()).state).not.toBe("")
  }, 60_000)

  it("a sign-in asked for by an image or a frame of another site is refused without a row; one address may start at most 60 a minute", async () => {
    await roomInMinute(20)
    const from = { "x-forwarded-for": "198.51.100.42" }
    const asImage = await fetch(`${server.url}/inloggen/organisatie`, {
      redirect: "manual",
      headers: { ...from, "sec-fetch-dest": "image", "sec-fetch-site": "cross-site" },
    })
    expect(asImage.status).toBe(400)
    expect(asImage.headers.get("set-cookie")).toBeNull()
    expect(await asImage.text()).toContain("Inloggen begint met de knop op de inlogpagina")
    const callbackAsImage = await fetch(`${server.url}/inloggen/terug?code=x&state=y`, {
      redirect: "manual",
      headers: { ...from, "sec-fetch-dest": "image" },
    })
    expect(callbackAsImage.status).toBe(400)
    // Sixty images do not use up the address's starts: the person's own click still starts a sign-in.
    for (let i = 0; i < 60; i++) {
      await fetch(`${server.url}/inloggen/organisatie`, {
        redirect: "manual",
        headers: { ...from, "sec-fetch-dest": "image" },
      })
    }
    const statuses: Array<number> = []
    for (let i = 0; i < 61; i++) {
      const answer = await fetch(`${server.url}/inloggen/organisatie`, {
        redirect: "manual",
        headers: { ...from, "sec-fetch-dest": "document" },
      })
      statuses.push(answer.status)
    }
    expect(statuses).toEqual([...Array(60).fill(303), 429])
  }, 60_000)

  it("a provider that cannot be reached gives a Dutch 502 page, at the start and at the callback", async () => {
    // At the start, on a server whose provider was never there: nothing listens at its issuer.
    const port = await freePort()
    const nowhere = `http://127.0.0.1:${await freePort()}`
    const lonely = await startServer([], oidcEnv(nowhere, port))
    try {
      const page = await freshPage()
      const res = await page.goto(`${lonely.url}/inloggen/organisatie`)
      expect(res?.status()).toBe(502)
      expect(await page.locator("h1").textContent()).toBe("Inlogdienst niet bereikbaar")
      expect(await page.content()).toContain("Probeer het over een paar minuten opnieuw")
    } finally {
      await lonely.stop()
    }

    // At the callback: the sign-in started while the provider answered, which stopped before the code came back.
    const page = await freshPage()
    await page.route(`${provider.issuer}/**`, (route) => route.abort())
    const toProvider = page.waitForRequest((r) => r.url().startsWith(provider.issuer))
    await page.goto(`${server.url}/inloggen/organisatie`).catch(() => undefined)
    const state = new URL((await toProvider).url()).searchParams.get("state") ?? ""
    await provider.stop()
    const res = await page.goto(
      `${server.url}/inloggen/terug?code=code-van-een-verdwenen-dienst&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(provider.issuer)}`,
    )
    expect(res?.status()).toBe(502)
    expect(await page.locator("h1").textContent()).toBe("Inlogdienst niet bereikbaar")
  }, 60_000)
})
