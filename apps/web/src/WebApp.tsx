/**
 * The dashboard as a Hono app the Baken server mounts at `/`: server-rendered Dutch pages for the public (home,
 * programmes, municipalities), partners and the region, CSV downloads of every figure, sessions (the cookie holds a
 * session's secret, never a token) with a CSRF token in every form, and the built CSS and script. Every value comes from the API's `dashboard` procedures through a
 * tRPC caller typed from `AppRouter`, as the public or as the caller the visitor's code stands for; this module maps
 * the API's errors to HTTP statuses and Dutch pages in one place.
 */

import { createHash, timingSafeEqual } from "node:crypto"
import { TRPCError } from "@trpc/server"
import type { Context } from "hono"
import { Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { compress } from "hono/compress"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import type { Child } from "hono/jsx"
import { adminRoutes } from "./AdminRoutes.js"
import * as Assets from "./Assets.js"
import * as Csv from "./Csv.js"
import { Layout } from "./components/Layout.js"
import { CsrfToken, csrfField } from "./components/PostForm.js"
import type {
  ActionStatus,
  Api,
  ApiFor,
  Deliver,
  Outcome,
  ScheduleView,
  Series,
  Session,
  Sessions,
} from "./DashboardSource.js"
import { FormError } from "./DashboardSource.js"
import { CouncilLetterPage } from "./pages/CouncilLetterPage.js"
import { ErrorPage } from "./pages/ErrorPage.js"
import { FlowsPage } from "./pages/FlowsPage.js"
import { HomePage } from "./pages/HomePage.js"
import { LoginPage, type SignIn } from "./pages/LoginPage.js"
import { MunicipalityIndex, MunicipalityPage } from "./pages/MunicipalityPage.js"
import { DeliveryJob, DeliveryJobPage, isPending, PartnerPage } from "./pages/PartnerPage.js"
import { ProgrammePage } from "./pages/ProgrammePage.js"
import { LogPage, RegionPage } from "./pages/RegionPage.js"
import { SignInFailedPage } from "./pages/SignInFailedPage.js"

export type { SignIn } from "./pages/LoginPage.js"

/** How to build the dashboard. */
export interface WebAppOptions {
  /** The API for a visitor's session (`null`: the public), as the host authenticates it. */
  readonly api: ApiFor
  /** How the host starts and ends sessions. */
  readonly sessions: Sessions
  /** How the host takes in a file the partner page's form posts; without it the page offers no upload. */
  readonly deliver?: Deliver
  /**
   * The route the page's script streams a file to with the session (`POST <route>?adapter=…&name=…`, then
   * `GET <route>/<id>`), when the host has one; without it the script leaves the form to post itself.
   */
  readonly deliveryRoute?: string
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
  /**
   * Signing in with the organisation's account (OpenID Connect), when the host offers it at `signIn.path`: the login
   * page then shows "Inloggen met <name>" first and the code login below it. Without it the code login is alone.
   */
  readonly signIn?: SignIn
}

/** The form that carries a file; it may be as large as an upload, every other form only as large as a form. */
export const uploadPaths: ReadonlySet<string> = new Set(["/partner/leveringen"])

/** A byte count as a Dutch reader says it: `64 kB`, `12 MB`. */
const bytesNl = (n: number): string =>
  n >= 1024 * 1024 ? `${Math.floor(n / (1024 * 1024))} MB` : `${Math.max(1, Math.floor(n / 1024))} kB`

/** An edit of a part of the plan, as the region page's form sends it to `plan.editPart`. */
type PlanEdit =
  | { readonly kind: "programme"; readonly id: string; readonly name: string; readonly description: string }
  | { readonly kind: "goal"; readonly id: string; readonly title: string; readonly description: string }
  | { readonly kind: "action"; readonly id: string; readonly title: string; readonly status: ActionStatus }
  | { readonly kind: "indicator"; readonly id: string; readonly title: string; readonly definition: string }
  | { readonly kind: "target"; readonly indicator: string; readonly period: string; readonly value: number }

/**
 * Whether a form post comes from this site: a browser says where it posts from (`Origin`, and `Sec-Fetch-Site`);
 * another site, an opaque origin ("null") or an origin that is no URL is refused. A client that sends neither header
 * is no browser, so no other site's page can have made it post with the visitor's cookie (SameSite=Strict as well).
 */
export const sameSite = (
  origin: string | undefined,
  fetchSite: string | undefined,
  host: string | undefined,
): boolean => {
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return false
  if (origin === undefined) return true
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

/** Where a signed-in visitor starts: `/partner`, `/gemeente`, `/beheer` or `/regio`. */
export const homeOf = (session: Pick<Session, "role">): string =>
  session.role === "partner"
    ? "/partner"
    : session.role === "municipality"
      ? `/gemeente`
      : session.role === "admin"
        ? "/beheer"
        : "/regio"

/** A `volgende` path as the login takes it: a plain path on this site of at most 300 characters, or `/` for anything else. */
export const safeNext = (next: string): string =>
  next.length <= 300 && /^\/(?!\/)[\w\-/]*(?:\?[\w\-.~%=&+]*)?$/.test(next) ? next : "/"

/**
 * Where a visitor goes once signed in: the page they asked for when it belongs to their home (`/regio/logboek` for
 * the region), else their home; a page of another home would only refuse them.
 */
export const landingOf = (session: Pick<Session, "role">, next: string): string => {
  const home = homeOf(session)
  const path = safeNext(next)
  const bare = path.split("?")[0] ?? path
  return bare === home || bare.startsWith(`${home}/`) ? path : home
}

/** The hidden form field (and, as `x-csrf-token`, the header) that carries a session's CSRF token. */
export { csrfField }

/** The cookie that carries a signed-in visitor's session secret over plain HTTP (a demo, a developer's machine). */
export const sessionCookie = "baken_sessie"

/**
 * The session cookie over HTTPS: a browser takes a `__Host-` cookie only from this very host, over HTTPS, for the
 * whole site — so a site on a sibling subdomain cannot plant a session of its own in a visitor's browser (cookie
 * tossing), and over HTTPS a plain `baken_sessie` is not read at all.
 */
export const hostSessionCookie = `__Host-${sessionCookie}`

/** Sets the session cookie: HttpOnly, SameSite=Lax, `__Host-` and Secure when `secure`; the store ends the session. */
export const setSessionCookie = (c: Context, secret: string, secure: boolean): void =>
  setCookie(c, secure ? hostSessionCookie : sessionCookie, secret, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure,
  })

/**
 * The session secret a request carries, or "" without one: the `__Host-` cookie (only ever set over HTTPS by this
 * host), and over plain HTTP the plain one.
 */
export const sessionSecretOf = (c: Context, secure: boolean): string =>
  getCookie(c, hostSessionCookie) ?? (secure ? undefined : getCookie(c, sessionCookie)) ?? ""

/** Deletes the session cookie the request carried (either name). */
export const clearSessionCookie = (c: Context): void => {
  if (getCookie(c, hostSessionCookie) !== undefined) deleteCookie(c, hostSessionCookie, { path: "/", secure: true })
  if (getCookie(c, sessionCookie) !== undefined) deleteCookie(c, sessionCookie, { path: "/" })
}

/**
 * The CSRF token of a session: derived from its secret, which no other site can read, so a form of this site's page
 * carries it and a form another site makes a browser post cannot. The same for the session's whole life.
 */
export const csrfOf = (session: string): string =>
  createHash("sha256").update(`baken-csrf\u0000${session}`).digest("base64url")

/** Whether `given` is the CSRF token of `session`, compared in constant time. */
export const csrfMatches = (session: string, given: string | undefined): boolean => {
  if (session === "" || given === undefined) return false
  const expected = Buffer.from(csrfOf(session))
  const actual = Buffer.from(given)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

type Status = 200 | 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 502 | 503

/** How the web app answers a refusal: the status, the page title and, where the API's own words are not for people, the message. */
interface Refusal {
  readonly status: Exclude<Status, 200 | 500>
  readonly title: string
  readonly message?: string
}

const refusals: Partial<Record<TRPCError["code"], Refusal>> = {
  BAD_REQUEST: { status: 400, title: "Dat ging niet goed" },
  UNAUTHORIZED: {
    status: 401,
    title: "Inloggen nodig",
    message: "Deze code is onbekend, verlopen of ingetrokken. Log opnieuw in.",
  },
  FORBIDDEN: { status: 403, title: "Geen toegang", message: "Met deze code kunt u deze pagina niet bekijken." },
  NOT_FOUND: { status: 404, title: "Pagina niet gevonden" },
  CONFLICT: { status: 400, title: "Dat ging niet goed" },
  PRECONDITION_FAILED: { status: 400, title: "Dat ging niet goed" },
  UNPROCESSABLE_CONTENT: { status: 400, title: "Dat ging niet goed" },
  TOO_MANY_REQUESTS: {
    status: 429,
    title: "Even geduld",
    message:
      "Vanaf uw adres is te vaak geprobeerd met een onbekende code of een verlopen sessie. Wacht een minuut en log dan opnieuw in.",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: "Tijdelijk niet beschikbaar",
    message: "De gegevens zijn op dit moment niet beschikbaar. Probeer het over een paar minuten opnieuw.",
  },
}

/** The refusal for an error, or undefined when it is a failure on our side (a 500). */
const refusalOf = (err: unknown): (Refusal & { readonly message: string }) | undefined => {
  if (err instanceof FormError) return { status: 400, title: "Dat ging niet goed", message: err.message }
  if (!(err instanceof TRPCError)) return undefined
  const refusal = refusals[err.code]
  return refusal === undefined ? undefined : { ...refusal, message: refusal.message ?? err.message }
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

type PageExtra = { script?: boolean; signedIn?: string | null; status?: Status; refresh?: number; admin?: boolean }

/** The region a page names in its shell, as the API's `region.get` gives it. */
type RegionName = {
  readonly name: string
  readonly shortName: string
  readonly disclosure: { readonly threshold: number; readonly roundTo: number }
}

/** A whole page in the dashboard's shell, as an HTML response; `csrf` is the session's token its forms carry. */
const renderPage = (
  assets: Assets.Assets,
  c: Context,
  title: string,
  body: Child,
  extra: PageExtra & { csrf?: string | null; region?: RegionName | null } = {},
) =>
  c.html(
    `<!DOCTYPE html>${(
      (
        <CsrfToken.Provider value={extra.csrf ?? null}>
          <Layout
            title={title}
            path={c.req.path}
            assets={assets}
            script={extra.script ?? false}
            signedIn={extra.signedIn ?? null}
            refresh={extra.refresh ?? null}
            admin={extra.admin ?? false}
            region={extra.region ?? null}
          >
            {body}
          </Layout>
        </CsrfToken.Provider>
      )
    ).toString()}`,
    extra.status ?? 200,
  )

/** A sign-in with the organisation's account that did not work: the status, what happened and what to do. */
export interface SignInFailure {
  readonly status: 400 | 401 | 429 | 502 | 503
  readonly title: string
  readonly message: string
  /** The page the person wanted, for the link that tries again. */
  readonly next?: string
}

/**
 * The Dutch page for a failed sign-in with the organisation's account, in the dashboard's shell, for the host's
 * OpenID Connect routes (which are no part of this app): the message, a link to try again and the code login.
 */
export const signInFailurePage = (options: { readonly assetsDir?: string; readonly signIn?: SignIn } = {}) => {
  const assets = Assets.read(options.assetsDir)
  return (c: Context, failure: SignInFailure): Response => {
    const response = renderPage(
      assets,
      c,
      failure.title,
      <SignInFailedPage
        title={failure.title}
        message={failure.message}
        signIn={options.signIn ?? null}
        next={safeNext(failure.next ?? "/")}
      />,
      { status: failure.status },
    ) as Response
    for (const [k, v] of Object.entries(securityHeaders)) response.headers.set(k, v)
    response.headers.set("cache-control", "no-store")
    return response
  }
}

/** A form post's fields; a body that is no form (a broken multipart body, say) is a Dutch 400, never a 500. */
const formOf = async (c: Context): Promise<Record<string, unknown>> => {
  try {
    return await c.req.parseBody()
  } catch {
    throw new FormError(
      "Het formulier kon niet worden gelezen. Vul het opnieuw in op de pagina en verstuur het nog eens.",
    )
  }
}

/**
 * The API's message when it reads as Dutch, else `fallback`: the API words refusals of people's input in Dutch, and
 * a schema message a form check did not catch first is for machines.
 */
const dutchOr = (message: string, fallback: string): string => {
  // "input.date: de vorige brief …": the field is named for the form's own label, not the API's path.
  const text = message.replace(/^input\.[\w.]+: /, "")
  return /\b(expected|must|does not|is not|cannot|may not|invalid|not a)\b/i.test(text) ? fallback : text
}

const text = (form: Record<string, unknown>, key: string): string => {
  const v = form[key]
  return typeof v === "string" ? v.trim() : ""
}

/** Builds the dashboard app. */
export const createWebApp = (options: WebAppOptions): Hono => {
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
    if (
      c.req.method === "POST" &&
      !sameSite(c.req.header("origin"), c.req.header("sec-fetch-site"), c.req.header("host"))
    ) {
      return c.text("Formulieren worden alleen vanaf deze site aangenomen.", 403)
    }
    // Every post that changes something carries the session's CSRF token; only the login, which starts a session,
    // has none (it is guarded by the origin check above and by SameSite).
    if (c.req.method === "POST" && c.req.path !== "/inloggen") {
      const given = (await formOf(c))[csrfField]
      if (!csrfMatches(sessionOf(c), typeof given === "string" ? given : undefined)) {
        return page(
          c,
          "Formulier niet aangenomen",
          <ErrorPage
            title="Formulier niet aangenomen"
            message="Dit formulier hoort niet bij uw sessie: het is verlopen, u bent intussen uitgelogd, of het komt van een andere site. Open de pagina opnieuw en verstuur het formulier nog eens."
          />,
          { status: 403 },
        )
      }
    }
    await next()
    for (const [k, v] of Object.entries(securityHeaders)) c.header(k, v)
  })

  /** The page a request asked for, with its query (a log filter, a letter's kenmerk), for after signing in. */
  const pathAndQuery = (c: Context): string => `${c.req.path}${new URL(c.req.url).search}`
  /** The visitor's session secret, from the cookie; empty without one. */
  const sessionOf = (c: Context): string => sessionSecretOf(c, options.sessions.secure(c))
  /** The API as the public: the public pages never depend on a cookie, so they are the same for everyone. */
  const publicApi = (): Promise<Api> => options.api(null)
  /**
   * The region the API serves, asked once (it does not change while the server runs) before the first page is made;
   * until the API answers, pages name no region.
   */
  let region: RegionName | null = null
  app.use(async (_c, next) => {
    if (region === null) {
      region = await publicApi()
        .then((api) => api.region.get())
        .then((r) => ({ name: r.name, shortName: r.shortName, disclosure: r.publicDisclosure }))
        .catch(() => null)
    }
    await next()
  })
  /** The API as the visitor's session; without one, `UNAUTHORIZED`, which sends a page request to the login. */
  const apiOf = (c: Context): Promise<Api> => {
    const session = sessionOf(c)
    if (session === "") return Promise.reject(new TRPCError({ code: "UNAUTHORIZED", message: "no session" }))
    return options.api(session, c)
  }

  const page = (c: Context, title: string, body: Child, extra: PageExtra = {}) => {
    const session = sessionOf(c)
    return renderPage(assets, c, title, body, { ...extra, csrf: session === "" ? null : csrfOf(session), region })
  }
  const signIn = options.signIn ?? null

  const csv = (c: Context, series: Series) => {
    c.header("content-disposition", `attachment; filename="${series.id}.csv"`)
    return c.body(Csv.ofSeries(series), 200, { "content-type": "text/csv; charset=utf-8" })
  }

  /**
   * Who is signed in to the visitor's session, or null without a live one; the cookie of a session that ended goes,
   * so the browser asks for the public page again as the public.
   */
  const signedInAs = async (c: Context): Promise<Session | null> => {
    const session = sessionOf(c)
    if (session === "") return null
    try {
      return await (await options.api(session, c)).dashboard.me()
    } catch (err) {
      if (!(err instanceof TRPCError) || (err.code !== "UNAUTHORIZED" && err.code !== "TOO_MANY_REQUESTS")) throw err
      clearSessionCookie(c)
      return null
    }
  }

  app.onError((err, c) => {
    const refusal = refusalOf(err)
    if (refusal !== undefined) {
      if (refusal.status === 401 && c.req.method === "GET") {
        // With a session cookie the session has ended: the login page says so, and the cookie goes.
        const asked = encodeURIComponent(pathAndQuery(c))
        if (sessionOf(c) === "") return c.redirect(`/inloggen?volgende=${asked}`, 303)
        clearSessionCookie(c)
        return c.redirect(`/inloggen?volgende=${asked}&verlopen=ja`, 303)
      }
      // Signed in with a code for another page: the login page says so and offers to log in with another code.
      if (refusal.status === 403 && c.req.method === "GET" && sessionOf(c) !== "") {
        return c.redirect(`/inloggen?volgende=${encodeURIComponent(pathAndQuery(c))}&andere=ja`, 303)
      }
      if (refusal.status === 429) c.header("retry-after", "60")
      return page(c, refusal.title, <ErrorPage title={refusal.title} message={refusal.message} />, {
        status: refusal.status,
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
    const overview = await (await publicApi()).dashboard.overview({ on: today() })
    return page(c, "Overzicht", <HomePage overview={overview} />)
  })
  app.get("/kerncijfers.csv", async (c) =>
    csv(c, (await (await publicApi()).dashboard.overview({ on: today() })).keyFigures),
  )
  app.get("/programmas/:id", async (c) => {
    const view = await (await publicApi()).dashboard.programme({ id: c.req.param("id"), on: today() })
    return page(c, view.programme.name, <ProgrammePage view={view} />, { script: true })
  })
  app.get("/programmas/:id/indicatoren/:file", async (c) => {
    const file = c.req.param("file")
    if (!file.endsWith(".csv")) return c.notFound()
    const view = await (await publicApi()).dashboard.programme({ id: c.req.param("id"), on: today() })
    const series = view.goals.flatMap((g) => g.indicators).find((s) => s.id === file.slice(0, -4))
    if (series === undefined)
      throw new TRPCError({
        code: "NOT_FOUND",
        message: `Indicator "${file.slice(0, -4)}" hoort niet bij dit programma.`,
      })
    return csv(c, series)
  })
  app.get("/niemand-uit-beeld", async (c) => {
    const view = await (await publicApi()).dashboard.flows({ on: today() })
    return page(
      c,
      "Niemand uit beeld",
      <FlowsPage view={view} area={c.req.query("gebied") ?? "regio"} year={c.req.query("jaar") ?? view.year} />,
    )
  })
  app.get("/niemand-uit-beeld/cijfers.csv", async (c) => {
    const view = await (await publicApi()).dashboard.flows({ on: today() })
    const key = c.req.query("gebied")
    const areas = key === undefined ? view.areas : view.areas.filter((a) => a.key === key)
    if (areas.length === 0) {
      throw new TRPCError({ code: "NOT_FOUND", message: `Er zijn geen cijfers van gebied "${key}".` })
    }
    c.header("content-disposition", `attachment; filename="niemand-uit-beeld${key === undefined ? "" : `-${key}`}.csv"`)
    return c.body(Csv.ofFlows(areas, view.years), 200, { "content-type": "text/csv; charset=utf-8" })
  })
  app.get("/gemeenten", async (c) => {
    const overview = await (await publicApi()).dashboard.overview({ on: today() })
    return page(
      c,
      "Gemeenten",
      <MunicipalityIndex
        municipalities={overview.municipalities}
        region={region?.shortName ?? "waarvoor Baken draait"}
      />,
    )
  })
  app.get("/gemeenten/:code", async (c) => {
    const view = await (await publicApi()).dashboard.municipality({ code: c.req.param("code"), on: today() })
    return page(c, `Gemeente ${view.name}`, <MunicipalityPage view={view} />, {
      script: (view.comparisons ?? []).length > 0,
    })
  })
  app.get("/gemeenten/:code/cijfers.csv", async (c) =>
    csv(c, (await (await publicApi()).dashboard.municipality({ code: c.req.param("code"), on: today() })).figures),
  )
  app.get("/gemeenten/:code/vergelijking/:file", async (c) => {
    const file = c.req.param("file")
    if (!file.endsWith(".csv")) return c.notFound()
    const view = await (await publicApi()).dashboard.municipality({ code: c.req.param("code"), on: today() })
    const series = (view.comparisons ?? []).find((s) => s.id === file.slice(0, -4))
    if (series === undefined)
      throw new TRPCError({
        code: "NOT_FOUND",
        message: `Er is geen vergelijking "${file.slice(0, -4)}" voor ${view.name}.`,
      })
    return csv(c, series)
  })

  // ---- login -----------------------------------------------------------------------------------------------------

  app.get("/inloggen", (c) =>
    page(
      c,
      "Inloggen",
      <LoginPage
        next={safeNext(c.req.query("volgende") ?? "/")}
        error={null}
        signIn={signIn}
        notice={
          c.req.query("andere") === "ja"
            ? "Zoals u nu bent ingelogd, kunt u die pagina niet bekijken. Log in met een andere code of een ander account, of ga terug naar het overzicht."
            : c.req.query("eigen") === "ja"
              ? "U heeft uw eigen sessie beëindigd en bent uitgelogd. Log opnieuw in om verder te gaan."
              : c.req.query("verlopen") === "ja"
                ? "Uw sessie is beëindigd: u was een half uur niet actief, u bent twaalf uur geleden ingelogd, u bent uitgelogd of uw toegang is ingetrokken. Log opnieuw in."
                : null
        }
      />,
    ),
  )
  app.post("/inloggen", async (c) => {
    const form = await formOf(c)
    const next = safeNext(text(form, "volgende"))
    // An empty form is a slip, not a guess: it is not counted against the address.
    if (text(form, "code") === "") {
      return page(
        c,
        "Inloggen",
        <LoginPage next={next} error="Vul de code in die u van de regio kreeg." signIn={signIn} />,
        { status: 400 },
      )
    }
    const answer = await options.sessions.signIn(text(form, "code"), c)
    if (!answer.ok) {
      const throttled = answer.reason === "throttled"
      if (throttled) c.header("retry-after", String(answer.seconds))
      return page(
        c,
        "Inloggen",
        <LoginPage
          next={next}
          error={
            throttled
              ? `Er is te vaak een onbekende code gebruikt vanaf dit adres. Probeer het over ${answer.seconds} seconden opnieuw.`
              : "Deze code is niet bekend. Controleer de code en probeer het opnieuw."
          }
          signIn={signIn}
        />,
        { status: throttled ? 429 : 401 },
      )
    }
    // A session of an earlier sign-in in this browser ends: one browser, one session.
    const earlier = sessionOf(c)
    if (earlier !== "") await options.sessions.end(earlier)
    setSessionCookie(c, answer.session, options.sessions.secure(c))
    const session = await (await options.api(answer.session)).dashboard.me()
    if (session === null) throw new TRPCError({ code: "UNAUTHORIZED", message: "the new session has no caller" })
    return c.redirect(landingOf(session, next), 303)
  })
  app.post("/uitloggen", async (c) => {
    const session = sessionOf(c)
    if (session !== "") await options.sessions.end(session)
    clearSessionCookie(c)
    return c.redirect("/", 303)
  })

  // ---- partner ---------------------------------------------------------------------------------------------------

  const route = options.deliveryRoute ?? null
  app.get("/partner", async (c) => {
    const view = await (await apiOf(c)).dashboard.partner()
    return page(c, "Leveringen", <PartnerPage view={view} error={null} route={route} />, {
      script: true,
      signedIn: view.name,
    })
  })
  // Without JavaScript the form posts here: the file is queued like any delivery, and the browser goes to its page.
  app.post("/partner/leveringen", async (c) => {
    const session = sessionOf(c)
    const form = await formOf(c)
    const file = form.bestand
    const api = await apiOf(c)
    const fail = async (message: string) => {
      const view = await api.dashboard.partner()
      return page(c, "Leveringen", <PartnerPage view={view} error={message} route={route} />, {
        script: true,
        signedIn: view.name,
        status: 400,
      })
    }
    if (!(file instanceof File) || file.size === 0) return fail("Kies een bestand om te leveren.")
    if (options.deliver === undefined) return fail("Deze server neemt geen bestanden aan.")
    const answer = await options.deliver(session, {
      adapter: text(form, "adapter"),
      fileName: file.name,
      body: file.stream(),
    })
    if (!answer.ok) {
      if (answer.status === 503) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: answer.message })
      if (answer.status === 401) throw new TRPCError({ code: "UNAUTHORIZED", message: answer.message })
      if (answer.status === 403) throw new TRPCError({ code: "FORBIDDEN", message: answer.message })
      if (answer.status >= 500) throw new Error(answer.message)
      return fail(answer.message.replace(/^adapter: /, ""))
    }
    return c.redirect(`/partner/leveringen/${encodeURIComponent(answer.id)}`, 303)
  })
  // A delivered file: its own page (refreshing itself while the file is read), or for the script the section alone.
  app.get("/partner/leveringen/:id", async (c) => {
    const job = await (await apiOf(c)).dashboard.delivery({ id: c.req.param("id") })
    c.header("cache-control", "no-store")
    if (c.req.header("x-baken-fragment") === "1") return c.html((<DeliveryJob job={job} />).toString())
    const session = await signedInAs(c)
    return page(c, `Levering ${job.fileName}`, <DeliveryJobPage job={job} />, {
      signedIn: session?.name ?? null,
      ...(isPending(job.status) ? { refresh: 2 } : {}),
    })
  })

  // ---- municipality ----------------------------------------------------------------------------------------------

  // A municipality's officer: its own page as its token sees it (finer figures, its budget share, its council).
  app.get("/gemeente", async (c) => {
    const api = await apiOf(c)
    const session = await api.dashboard.me()
    if (session?.role !== "municipality") {
      throw new TRPCError({ code: "FORBIDDEN", message: "Deze pagina is alleen voor een gemeente." })
    }
    const view = await api.dashboard.municipality({ code: session.municipality, on: today() })
    c.header("cache-control", "no-store")
    return page(c, `Gemeente ${view.name}`, <MunicipalityPage view={view} />, {
      signedIn: session.name,
      script: true,
    })
  })

  // ---- region ----------------------------------------------------------------------------------------------------

  /** What a region form did, by key: the page names it in a fixed Dutch sentence, so no text travels in the URL. */
  const done = {
    vrijgegeven: "Het plan is vrijgegeven voor besluitvorming.",
    besluit: "Het raadsbesluit is vastgelegd.",
    opgeslagen: "De wijziging is opgeslagen.",
    leverschema: "Het leverschema is opgeslagen.",
    wijziging: "De wijziging van het plan is vastgelegd, met de datum en de reden.",
    brief: "De raadsbrief is verzonden en bewaard.",
    ruimte: "De partner heeft de ruimte gekregen; dit staat met de reden in het logboek.",
  } as const
  type Done = keyof typeof done
  const isDone = (key: string | undefined): key is Done => key !== undefined && Object.hasOwn(done, key)

  const regionPage = async (c: Context, api: Api, extra: { message?: string; error?: string; status?: Status }) => {
    const view = await api.dashboard.region({ on: today() })
    const session = await api.dashboard.me()
    return page(
      c,
      "Beheer van het plan",
      <RegionPage view={view} today={today()} message={extra.message ?? null} error={extra.error ?? null} />,
      { signedIn: session?.name ?? null, ...(extra.status === undefined ? {} : { status: extra.status }) },
    )
  }
  app.get("/regio", async (c) => {
    const key = c.req.query("gelukt")
    return regionPage(c, await apiOf(c), isDone(key) ? { message: done[key] } : {})
  })
  /**
   * A form of the region page: run as the region on the plan the page shows, then back to the page saying what was
   * done; a refusal shows the page again with the reason, in Dutch, and nothing changed.
   */
  const regionAction = (path: string, run: (api: Api, plan: string, form: Record<string, unknown>) => Promise<Done>) =>
    app.post(path, async (c) => {
      const form = await formOf(c)
      const api = await apiOf(c)
      try {
        const plan = await api.dashboard.plan({ on: today() })
        const key = await run(api, plan.id, form)
        return c.redirect(`/regio?gelukt=${key}`, 303)
      } catch (e) {
        const refusal = refusalOf(e)
        if (refusal === undefined || refusal.status === 401 || refusal.status === 403 || refusal.status === 503) throw e
        const message =
          e instanceof FormError
            ? e.message
            : refusal.status === 404
              ? "Dit onderdeel van het plan bestaat niet (meer). Laad de pagina opnieuw."
              : dutchOr(refusal.message, "Dit kon niet worden opgeslagen; controleer de velden en probeer het opnieuw.")
        return regionPage(c, api, { error: message, status: 400 })
      }
    })
  /** A number from a form field (a Dutch decimal comma is fine), or a Dutch refusal naming the field. */
  const numberOf = (form: Record<string, unknown>, key: string, label: string): number => {
    const raw = text(form, key).replace(/\./g, "").replace(",", ".")
    const value = Number(raw)
    if (raw === "" || !Number.isFinite(value)) throw new FormError(`${label}: vul een getal in, zoals 45 of 0,8.`)
    return value
  }
  /** A date from a form field, or a Dutch refusal naming the field. */
  const dayOf = (form: Record<string, unknown>, key: string, label: string): string => {
    const value = text(form, key)
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
      Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
      new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
    ) {
      throw new FormError(`${label}: vul een bestaande datum in.`)
    }
    if (value > today()) throw new FormError(`${label}: de datum ligt in de toekomst.`)
    return value
  }
  regionAction("/regio/vrijgeven", async (api, plan, form) => {
    await api.plan.release({ plan, on: dayOf(form, "datum", "Datum van vrijgeven") } as never)
    return "vrijgegeven"
  })
  regionAction("/regio/besluiten", async (api, plan, form) => {
    const municipality = text(form, "gemeente")
    if (!/^GM\d{4}$/.test(municipality)) throw new FormError("Kies de gemeenteraad die besloot.")
    const outcome = outcomes.find((o) => o === text(form, "uitkomst"))
    if (outcome === undefined) throw new FormError("Kies wat de raad besloot.")
    const reference = text(form, "kenmerk")
    if (reference.length > 100) throw new FormError("Het kenmerk is te lang: hoogstens 100 tekens.")
    await api.plan.recordDecision({
      plan,
      municipality,
      outcome,
      date: dayOf(form, "datum", "Datum van het besluit"),
      reference,
    } as never)
    return "besluit"
  })
  regionAction("/regio/plan", async (api, plan, form) => {
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
        if (status === undefined) throw new FormError("Kies een status.")
        edit = { kind, id, title: text(form, "titel"), status }
        break
      }
      case "indicator":
        edit = { kind, id, title: text(form, "titel"), definition: text(form, "definitie") }
        break
      case "target": {
        const value = numberOf(form, "waarde", "Doelwaarde")
        edit = { kind, indicator: id, period: text(form, "periode"), value }
        break
      }
      default:
        throw new FormError("Onbekend onderdeel van het plan.")
    }
    if ("title" in edit && edit.title === "") throw new FormError("Een titel mag niet leeg zijn.")
    if ("name" in edit && edit.name === "") throw new FormError("Een naam mag niet leeg zijn.")
    await api.plan.editPart({ plan, edit } as never)
    return "opgeslagen"
  })
  regionAction("/regio/wijziging", async (api, plan, form) => {
    const indicator = text(form, "indicator")
    const year = text(form, "jaar")
    if (!/^\d{4}$/.test(year)) throw new FormError("Jaar van de streefwaarde: vul een jaar in, zoals 2025.")
    const value = numberOf(form, "waarde", "Nieuwe streefwaarde")
    const reason = text(form, "reden")
    if (reason === "") throw new FormError("Reden van de wijziging: schrijf op waarom de streefwaarde verandert.")
    if (reason.length > 2000) throw new FormError("Reden van de wijziging: hoogstens 2.000 tekens.")
    const { targets } = await api.plan.asOn({ plan, on: today() } as never)
    const exists = targets.some((t) => t.indicator === indicator && t.period === year)
    await api.plan.amend({
      plan,
      date: dayOf(form, "datum", "Datum van het besluit over de wijziging"),
      reason,
      changes: [{ _tag: exists ? "TargetChange" : "TargetAdded", indicator, period: year, value }],
    } as never)
    return "wijziging"
  })
  regionAction("/regio/leverschemas", async (api, _plan, form) => {
    const [partnerId = "", adapter = ""] = text(form, "bron").split("|")
    const frequency = frequencies.find((f) => f === text(form, "frequentie"))
    const dueAfterDays = Number(text(form, "dagen"))
    if (frequency === undefined) throw new FormError("Kies hoe vaak de partner levert.")
    if (!Number.isInteger(dueAfterDays) || dueAfterDays < 0 || dueAfterDays > 366)
      throw new FormError("Het aantal dagen is een heel getal van 0 tot en met 366.")
    await api.partner.setSchedule({ partner: partnerId, adapter, every: frequency, dueAfterDays } as never)
    return "leverschema"
  })
  regionAction("/regio/pseudonimisering", async (api, _plan, form) => {
    const raw = text(form, "aantal").replace(/[.\s]/g, "")
    const elements = Number(raw)
    if (!/^\d{1,8}$/.test(raw) || elements < 1 || elements > 10_000_000) {
      throw new FormError("Aantal vragen: vul een heel getal in van 1 tot en met 10.000.000, zoals 25000.")
    }
    const reason = text(form, "reden")
    if (reason === "") throw new FormError("Reden: schrijf op waarom de partner meer ruimte krijgt.")
    if (reason.length > 500) throw new FormError("Reden: hoogstens 500 tekens.")
    await api.partner.grantPseudonymisation({ partner: text(form, "partner"), elements, reason } as never)
    return "ruimte"
  })
  regionAction("/regio/raadsbrief", async (api, plan, form) => {
    const kenmerk = text(form, "kenmerk")
    if (kenmerk === "" || kenmerk.length > 40) throw new FormError("Kenmerk van de brief: 1 tot 40 tekens.")
    await api.councilLetter.issue({ plan, kenmerk, date: dayOf(form, "datum", "Datum van de brief") } as never)
    return "brief"
  })
  app.get("/regio/logboek", async (c) => {
    const api = await apiOf(c)
    const view = await api.dashboard.region({ on: today() })
    const session = await api.dashboard.me()
    return page(c, "Verwerkingslogboek", <LogPage view={view} />, { signedIn: session?.name ?? null })
  })
  app.get("/regio/raadsbrief", async (c) => {
    const kenmerk = c.req.query("kenmerk")
    const answer = await (await apiOf(c)).dashboard.councilLetter({
      on: today(),
      ...(kenmerk === undefined ? {} : { kenmerk: kenmerk.slice(0, 40) }),
    })
    return page(c, answer.letter.subject, <CouncilLetterPage {...answer} />)
  })

  // ---- admin -----------------------------------------------------------------------------------------------------

  adminRoutes(app, {
    apiOf,
    page,
    formOf,
    today,
    signOut: (c) => clearSessionCookie(c),
  })

  return app
}
