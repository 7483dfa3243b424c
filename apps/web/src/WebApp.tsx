/**
 * The dashboard as a Hono app the Baken server mounts at `/`: server-rendered Dutch pages for the public (home,
 * programmes, municipalities), partners and the region, CSV downloads of every figure, a token login kept in an
 * HttpOnly cookie, and the built CSS and script. Data comes through a `DashboardSource`; this module maps its
 * errors to HTTP statuses in one place.
 */

import type { Context } from "hono"
import { Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { compress } from "hono/compress"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import type { Child } from "hono/jsx"
import * as Assets from "./Assets.js"
import * as Csv from "./Csv.js"
import { Layout } from "./components/Layout.js"
import type {
  ActionStatus,
  DashboardSource,
  Outcome,
  PlanEdit,
  ScheduleView,
  Series,
  Session,
} from "./DashboardSource.js"
import { SourceError } from "./DashboardSource.js"
import { CouncilLetterPage } from "./pages/CouncilLetterPage.js"
import { ErrorPage } from "./pages/ErrorPage.js"
import { HomePage } from "./pages/HomePage.js"
import { LoginPage } from "./pages/LoginPage.js"
import { MunicipalityIndex, MunicipalityPage } from "./pages/MunicipalityPage.js"
import { DeliveryJob, DeliveryJobPage, isPending, PartnerPage } from "./pages/PartnerPage.js"
import { ProgrammePage } from "./pages/ProgrammePage.js"
import { RegionPage } from "./pages/RegionPage.js"

/** How to build the dashboard. */
export interface WebAppOptions {
  /** Where the pages get their data: the server's tRPC-backed source, or `DemoSource.make()`. */
  readonly source: DashboardSource
  /** Where the built assets are; defaults to this package's `dist/assets`. */
  readonly assetsDir?: string
  /** Today's date (ISO) for form defaults; defaults to the system clock. */
  readonly today?: () => string
  /** Gzip/deflate text responses; turn off when the server already compresses. Default true. */
  readonly compress?: boolean
  /**
   * The largest body a form post (`form`) and a partner's upload (`upload`) may have, in bytes; counted while the
   * body streams, before it is parsed or anyone is signed in. Defaults: 64 KiB and 12 MiB.
   */
  readonly limits?: { readonly form?: number; readonly upload?: number }
}

/** The form that carries a file; it may be as large as an upload, every other form only as large as a form. */
export const uploadPaths: ReadonlySet<string> = new Set(["/partner/leveringen"])

/** A byte count as a Dutch reader says it: `64 kB`, `12 MB`. */
const bytesNl = (n: number): string =>
  n >= 1024 * 1024 ? `${Math.floor(n / (1024 * 1024))} MB` : `${Math.max(1, Math.floor(n / 1024))} kB`

/** The cookie that carries a partner's or the region's code. */
export const tokenCookie = "baken_code"

type Status = 200 | 400 | 401 | 403 | 404 | 413 | 500 | 503

const statuses: Record<SourceError["code"], Exclude<Status, 200 | 500>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
}
const titles: Record<SourceError["code"], string> = {
  BAD_REQUEST: "Dat ging niet goed",
  UNAUTHORIZED: "Inloggen nodig",
  FORBIDDEN: "Geen toegang",
  NOT_FOUND: "Pagina niet gevonden",
  SERVICE_UNAVAILABLE: "Tijdelijk niet beschikbaar",
}

const outcomes: ReadonlyArray<Outcome> = ["adopted", "adopted-with-amendments", "rejected", "postponed"]
const actionStatuses: ReadonlyArray<ActionStatus> = ["planned", "in-progress", "completed", "stalled", "cancelled"]
const frequencies: ReadonlyArray<ScheduleView["frequency"]> = ["month", "quarter", "half", "year"]

const securityHeaders = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
}

const text = (form: Record<string, unknown>, key: string): string => {
  const v = form[key]
  return typeof v === "string" ? v.trim() : ""
}

/** Builds the dashboard app. */
export const createWebApp = (options: WebAppOptions): Hono => {
  const { source } = options
  const assets = Assets.read(options.assetsDir)
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10))
  const formLimit = options.limits?.form ?? 64 * 1024
  const uploadLimit = options.limits?.upload ?? 12 * 1024 * 1024
  const app = new Hono()
  // First of all: a body over its limit is refused while it streams, so nothing large is ever parsed or held.
  app.use(async (c, next) => {
    const upload = uploadPaths.has(c.req.path)
    const limit = upload ? uploadLimit : formLimit
    return bodyLimit({
      maxSize: limit,
      onError: (c) => {
        const message = upload
          ? `Dit bestand is te groot: een levering mag hoogstens ${bytesNl(limit)} zijn.`
          : `Dit formulier is te groot: het mag hoogstens ${bytesNl(limit)} zijn. Maak de tekst korter.`
        return page(c, "Te groot", <ErrorPage title="Te groot" message={message} />, { status: 413 })
      },
    })(c, next)
  })
  if (options.compress !== false) app.use(compress())
  app.use(async (c, next) => {
    if (c.req.method === "POST") {
      const origin = c.req.header("origin")
      if (origin !== undefined && origin !== "null" && new URL(origin).host !== c.req.header("host")) {
        return c.text("Formulieren worden alleen vanaf deze site aangenomen.", 403)
      }
    }
    await next()
    for (const [k, v] of Object.entries(securityHeaders)) c.header(k, v)
  })

  const tokenOf = (c: Context): string => getCookie(c, tokenCookie) ?? ""

  const page = (
    c: Context,
    title: string,
    body: Child,
    extra: { script?: boolean; signedIn?: string | null; status?: Status; refresh?: number } = {},
  ) =>
    c.html(
      `<!DOCTYPE html>${(
        (
          <Layout
            title={title}
            path={c.req.path}
            assets={assets}
            script={extra.script ?? false}
            signedIn={extra.signedIn ?? null}
            refresh={extra.refresh ?? null}
          >
            {body}
          </Layout>
        )
      ).toString()}`,
      extra.status ?? 200,
    )

  const csv = (c: Context, series: Series) => {
    c.header("content-disposition", `attachment; filename="${series.id}.csv"`)
    return c.body(Csv.ofSeries(series), 200, { "content-type": "text/csv; charset=utf-8" })
  }

  const signedInAs = async (c: Context): Promise<Session | null> => {
    const token = tokenOf(c)
    return token === "" ? null : source.session(token)
  }

  app.onError((err, c) => {
    if (err instanceof SourceError) {
      if (err.code === "UNAUTHORIZED" && c.req.method === "GET") {
        return c.redirect(`/inloggen?volgende=${encodeURIComponent(c.req.path)}`, 303)
      }
      return page(c, titles[err.code], <ErrorPage title={titles[err.code]} message={err.message} />, {
        status: statuses[err.code],
      })
    }
    // Never a page that looks as if nothing went wrong: an unexpected failure is a 500 saying so, in Dutch.
    console.error(err)
    return page(
      c,
      "Er ging iets mis",
      <ErrorPage title="Er ging iets mis" message="Er ging iets mis aan onze kant. Probeer het later opnieuw." />,
      { status: 500 },
    )
  })
  app.notFound((c) =>
    page(c, "Niet gevonden", <ErrorPage title="Pagina niet gevonden" message="Deze pagina bestaat niet (meer)." />, {
      status: 404,
    }),
  )

  app.get("/assets/:name", (c) => {
    const asset = [assets.css, assets.js].find((a) => a.url.startsWith(`/assets/${c.req.param("name")}?`))
    if (asset === undefined) return c.notFound()
    return c.body(new Uint8Array(asset.body), 200, {
      "content-type": asset.type,
      "cache-control": c.req.query("v") === undefined ? "no-cache" : "public, max-age=31536000, immutable",
    })
  })

  // ---- public ----------------------------------------------------------------------------------------------------

  app.get("/", async (c) => {
    const overview = await source.overview()
    return page(c, "Overzicht", <HomePage overview={overview} />)
  })
  app.get("/kerncijfers.csv", async (c) => csv(c, (await source.overview()).keyFigures))
  app.get("/programmas/:id", async (c) => {
    const view = await source.programme(c.req.param("id"))
    return page(c, view.programme.name, <ProgrammePage view={view} />, { script: true })
  })
  app.get("/programmas/:id/indicatoren/:file", async (c) => {
    const file = c.req.param("file")
    if (!file.endsWith(".csv")) return c.notFound()
    const view = await source.programme(c.req.param("id"))
    const series = view.goals.flatMap((g) => g.indicators).find((s) => s.id === file.slice(0, -4))
    if (series === undefined)
      throw new SourceError("NOT_FOUND", `Indicator "${file.slice(0, -4)}" hoort niet bij dit programma.`)
    return csv(c, series)
  })
  app.get("/gemeenten", async (c) => {
    const overview = await source.overview()
    return page(c, "Gemeenten", <MunicipalityIndex municipalities={overview.municipalities} />)
  })
  app.get("/gemeenten/:code", async (c) => {
    const view = await source.municipality(c.req.param("code"))
    return page(c, `Gemeente ${view.name}`, <MunicipalityPage view={view} />)
  })
  app.get("/gemeenten/:code/cijfers.csv", async (c) => csv(c, (await source.municipality(c.req.param("code"))).figures))

  // ---- login -----------------------------------------------------------------------------------------------------

  const safeNext = (next: string): string => (/^\/(?!\/)[\w\-/]*$/.test(next) ? next : "/")

  app.get("/inloggen", (c) =>
    page(c, "Inloggen", <LoginPage next={safeNext(c.req.query("volgende") ?? "/")} error={null} />),
  )
  app.post("/inloggen", async (c) => {
    const form = await c.req.parseBody()
    const code = text(form, "code")
    const session = code === "" ? null : await source.session(code)
    if (session === null) {
      return page(
        c,
        "Inloggen",
        <LoginPage
          next={safeNext(text(form, "volgende"))}
          error="Deze code is niet bekend. Controleer de code en probeer het opnieuw."
        />,
        { status: 401 },
      )
    }
    setCookie(c, tokenCookie, code, {
      httpOnly: true,
      sameSite: "Strict",
      path: "/",
      secure: new URL(c.req.url).protocol === "https:",
    })
    const next = safeNext(text(form, "volgende"))
    const home = session.role === "partner" ? "/partner" : "/regio"
    return c.redirect(next === "/" || !next.startsWith(home) ? home : next, 303)
  })
  app.post("/uitloggen", (c) => {
    deleteCookie(c, tokenCookie, { path: "/" })
    return c.redirect("/", 303)
  })

  // ---- partner ---------------------------------------------------------------------------------------------------

  const route = source.deliveryRoute ?? null
  app.get("/partner", async (c) => {
    const view = await source.partner(tokenOf(c))
    return page(c, "Leveringen", <PartnerPage view={view} error={null} route={route} />, {
      script: true,
      signedIn: view.name,
    })
  })
  // Without JavaScript the form posts here: the file is queued like any delivery, and the browser goes to its page.
  app.post("/partner/leveringen", async (c) => {
    const token = tokenOf(c)
    const form = await c.req.parseBody()
    const file = form.bestand
    const fail = async (message: string) => {
      const view = await source.partner(token)
      return page(c, "Leveringen", <PartnerPage view={view} error={message} route={route} />, {
        script: true,
        signedIn: view.name,
        status: 400,
      })
    }
    if (!(file instanceof File) || file.size === 0) return fail("Kies een bestand om te leveren.")
    let queued: { readonly id: string }
    try {
      queued = await source.deliver(token, { adapter: text(form, "adapter"), fileName: file.name, body: file.stream() })
    } catch (e) {
      if (e instanceof SourceError && e.code === "BAD_REQUEST") return fail(e.message)
      throw e
    }
    return c.redirect(`/partner/leveringen/${encodeURIComponent(queued.id)}`, 303)
  })
  // A delivered file: its own page (refreshing itself while the file is read), or for the script the section alone.
  app.get("/partner/leveringen/:id", async (c) => {
    const token = tokenOf(c)
    const job = await source.delivery(token, c.req.param("id"))
    c.header("cache-control", "no-store")
    if (c.req.header("x-baken-fragment") === "1") return c.html((<DeliveryJob job={job} />).toString())
    const session = await signedInAs(c)
    return page(c, `Levering ${job.fileName}`, <DeliveryJobPage job={job} />, {
      signedIn: session?.name ?? null,
      ...(isPending(job.status) ? { refresh: 2 } : {}),
    })
  })

  // ---- region ----------------------------------------------------------------------------------------------------

  app.get("/regio", async (c) => {
    const token = tokenOf(c)
    const view = await source.region(token)
    const session = await signedInAs(c)
    return page(
      c,
      "Beheer van het plan",
      <RegionPage
        view={view}
        today={today()}
        message={c.req.query("gelukt") ?? null}
        error={c.req.query("fout") ?? null}
      />,
      { signedIn: session?.name ?? null },
    )
  })
  const regionAction = (path: string, run: (token: string, form: Record<string, unknown>) => Promise<string>) =>
    app.post(path, async (c) => {
      const form = await c.req.parseBody()
      try {
        const done = await run(tokenOf(c), form)
        return c.redirect(`/regio?gelukt=${encodeURIComponent(done)}`, 303)
      } catch (e) {
        if (e instanceof SourceError && e.code === "BAD_REQUEST") {
          return c.redirect(`/regio?fout=${encodeURIComponent(e.message)}`, 303)
        }
        throw e
      }
    })
  regionAction("/regio/vrijgeven", async (token, form) => {
    await source.releasePlan(token, text(form, "datum"))
    return "Het plan is vrijgegeven voor besluitvorming."
  })
  regionAction("/regio/besluiten", async (token, form) => {
    const outcome = outcomes.find((o) => o === text(form, "uitkomst"))
    if (outcome === undefined) throw new SourceError("BAD_REQUEST", "Kies een besluit.")
    await source.recordDecision(token, {
      municipality: text(form, "gemeente"),
      outcome,
      date: text(form, "datum"),
      reference: text(form, "kenmerk"),
    })
    return "Het raadsbesluit is vastgelegd."
  })
  regionAction("/regio/plan", async (token, form) => {
    const id = text(form, "id")
    const kind = text(form, "soort")
    let edit: PlanEdit
    switch (kind) {
      case "programme":
        edit = { kind, id, name: text(form, "naam"), description: text(form, "omschrijving") }
        break
      case "goal":
        edit = { kind, id, title: text(form, "titel"), description: text(form, "omschrijving") }
        break
      case "action": {
        const status = actionStatuses.find((s) => s === text(form, "status"))
        if (status === undefined) throw new SourceError("BAD_REQUEST", "Kies een status.")
        edit = { kind, id, title: text(form, "titel"), status }
        break
      }
      case "indicator":
        edit = { kind, id, title: text(form, "titel"), definition: text(form, "definitie") }
        break
      case "target": {
        const value = Number(text(form, "waarde").replace(",", "."))
        if (text(form, "waarde") === "" || !Number.isFinite(value))
          throw new SourceError("BAD_REQUEST", "Een doelwaarde is een getal.")
        edit = { kind, indicator: id, period: text(form, "periode"), value }
        break
      }
      default:
        throw new SourceError("BAD_REQUEST", "Onbekend onderdeel van het plan.")
    }
    if ("title" in edit && edit.title === "") throw new SourceError("BAD_REQUEST", "Een titel mag niet leeg zijn.")
    if ("name" in edit && edit.name === "") throw new SourceError("BAD_REQUEST", "Een naam mag niet leeg zijn.")
    await source.editPlan(token, edit)
    return "De wijziging is opgeslagen."
  })
  regionAction("/regio/leverschemas", async (token, form) => {
    const [partnerId = "", adapter = ""] = text(form, "bron").split("|")
    const frequency = frequencies.find((f) => f === text(form, "frequentie"))
    const dueAfterDays = Number(text(form, "dagen"))
    if (frequency === undefined) throw new SourceError("BAD_REQUEST", "Kies hoe vaak de partner levert.")
    if (!Number.isInteger(dueAfterDays) || dueAfterDays < 0)
      throw new SourceError("BAD_REQUEST", "Het aantal dagen is een heel getal van 0 of meer.")
    await source.setSchedule(token, { partnerId, adapter, frequency, dueAfterDays })
    return "Het leverschema is opgeslagen."
  })
  app.get("/regio/raadsbrief", async (c) => {
    const answer = await source.councilLetter(tokenOf(c))
    return page(c, answer.letter.subject, <CouncilLetterPage {...answer} />)
  })

  return app
}
