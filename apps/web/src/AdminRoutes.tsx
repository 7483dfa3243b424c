/**
 * The admin's routes under `/beheer`: the tokens (list, make, revoke after a confirmation), the dashboard sessions
 * (list, end one or all of one person's after a confirmation) and the processing log (filtered, paged, as CSV). Every answer is `cache-control: no-store`. A new token's secret is in the body of the
 * answer to the form that made it and nowhere else: not in a URL, not in the list, not on a later page. The form
 * carries a one-time id, so the browser sending it again (a reload of the answer) makes no second token and shows no
 * secret; the ids are kept in this process, so behind several server processes a resent form can still make one.
 */
import { randomBytes } from "node:crypto"
import { BsnShape } from "@baken/domain"
import { TRPCError } from "@trpc/server"
import type { Context, Hono } from "hono"
import type { Child } from "hono/jsx"
import * as Csv from "./Csv.js"
import type { Api, SessionView, TokenView } from "./DashboardSource.js"
import { FormError } from "./DashboardSource.js"
import * as LogFilter from "./LogFilter.js"
import {
  AdminPage,
  emptyTokenForm,
  kinds,
  ProcessingLogPage,
  RevokePage,
  type TokenForm,
  type TokenFormErrors,
  TokenIssuedPage,
} from "./pages/AdminPage.js"
import { EndPersonPage, EndSessionPage, SessionsPage } from "./pages/SessionsPage.js"

/** What the routes use of the web app: the visitor's API, a page in the shell, a form post's fields, today. */
export interface AdminHost {
  readonly apiOf: (c: Context) => Promise<Api>
  readonly page: (
    c: Context,
    title: string,
    body: Child,
    extra: { signedIn?: string | null; status?: 200 | 400 | 404 | 409; admin?: boolean },
  ) => Response | Promise<Response>
  readonly formOf: (c: Context) => Promise<Record<string, unknown>>
  readonly today: () => string
  /** Forgets the visitor's session cookie: the admin ended their own session. */
  readonly signOut: (c: Context) => void
}

const text = (form: Record<string, unknown>, key: string): string => {
  const v = form[key]
  return typeof v === "string" ? v.trim() : ""
}

/** The one-time ids of token forms already sent, oldest first, at most this many. */
const rememberedRequests = 1000

const tokenId = /^[0-9a-f]{16}$/
const sessionId = /^[0-9a-f]{16}$/

/** Where the admin goes after ending their own session: the login, which says why, and back here afterwards. */
const ownSessionEnded = `/inloggen?volgende=${encodeURIComponent("/beheer/sessies")}&eigen=ja`

/** Checks a token form against the page's own choices; a Dutch reason per field. */
const check = (
  form: TokenForm,
  view: {
    readonly partners: ReadonlyArray<{ value: string }>
    readonly municipalities: ReadonlyArray<{ value: string }>
  },
): TokenFormErrors => {
  const errors: { -readonly [K in keyof TokenForm]?: string } = {}
  const kind = kinds.find(([value]) => value === form.soort)?.[0]
  if (kind === undefined) errors.soort = "Soort: kies partner, gemeente, regio of beheerder."
  if (kind === "partner" && !view.partners.some((p) => p.value === form.partner)) {
    errors.partner = "Partner: kies de partner die met deze code levert."
  }
  if (kind === "municipality" && !view.municipalities.some((m) => m.value === form.gemeente)) {
    errors.gemeente = "Gemeente: kies de gemeente die met deze code inlogt."
  }
  if (form.naam === "") errors.naam = "Naam: schrijf op wie of wat de code gebruikt."
  else if (form.naam.length > 200) errors.naam = "Naam: hoogstens 200 tekens."
  else if (/\d{9}/.test(form.naam) || BsnShape.occursIn(form.naam))
    errors.naam =
      "Naam: geen reeks van negen cijfers, ook niet met spaties, punten of streepjes ertussen (dat kan een BSN zijn)."
  const days = Number(form.dagen)
  if (!/^\d{1,4}$/.test(form.dagen) || days < 1 || days > 3660) {
    errors.dagen = "Geldig (dagen): een heel aantal dagen van 1 tot en met 3660."
  }
  return errors
}

/** Adds the admin's routes to `app`. */
export const adminRoutes = (app: Hono, host: AdminHost): void => {
  const sent = new Map<string, string>()
  const newRequest = () => randomBytes(16).toString("hex")
  /** The shell of an admin's page: who is signed in (a person by their name) and the link to the admin's pages. */
  const shellOf = async (api: Api) => ({ signedIn: (await api.dashboard.me())?.name ?? "Beheerder", admin: true })

  const home = async (
    c: Context,
    api: Api,
    extra: {
      message?: string
      error?: string
      form?: TokenForm
      errors?: TokenFormErrors
      status?: 200 | 400 | 409
    } = {},
  ) => {
    const [view, shell] = await Promise.all([api.dashboard.admin({ on: host.today() }), shellOf(api)])
    c.header("cache-control", "no-store")
    return host.page(
      c,
      "Beheer",
      <AdminPage
        view={view}
        message={extra.message ?? null}
        error={extra.error ?? null}
        form={extra.form ?? emptyTokenForm}
        errors={extra.errors ?? {}}
        request={newRequest()}
      />,
      { ...shell, status: extra.status ?? 200 },
    )
  }

  /** The token with `id` as the admin's page lists it; a 404 when there is none. */
  const tokenOf = async (api: Api, id: string): Promise<TokenView> => {
    const view = await api.dashboard.admin({ on: host.today() })
    const token = tokenId.test(id) ? view.tokens.find((t) => t.id === id) : undefined
    if (token === undefined) throw new TRPCError({ code: "NOT_FOUND", message: "Deze toegangscode bestaat niet." })
    return token
  }

  app.get("/beheer", async (c) => {
    const api = await host.apiOf(c)
    const revoked = c.req.query("ingetrokken") ?? ""
    if (!tokenId.test(revoked)) return home(c, api)
    const view = await api.dashboard.admin({ on: host.today() })
    const token = view.tokens.find((t) => t.id === revoked && t.status === "revoked")
    return home(
      c,
      api,
      token === undefined
        ? {}
        : {
            message: `De toegangscode ‘${token.label}’ is ingetrokken. Wie hem gebruikt, kan er niet meer mee inloggen of leveren.`,
          },
    )
  })

  app.post("/beheer/toegangscodes", async (c) => {
    const form = await host.formOf(c)
    const api = await host.apiOf(c)
    const view = await api.dashboard.admin({ on: host.today() })
    const values: TokenForm = {
      soort: text(form, "soort"),
      partner: text(form, "partner"),
      gemeente: text(form, "gemeente"),
      naam: text(form, "naam").slice(0, 1000),
      dagen: text(form, "dagen").slice(0, 20),
    }
    const request = text(form, "aanvraag")
    if (!/^[0-9a-f]{32}$/.test(request)) {
      return home(c, api, {
        error: "Dit formulier is niet compleet. Vul het hieronder opnieuw in en verstuur het nog eens.",
        form: values,
        status: 400,
      })
    }
    if (sent.has(request)) {
      return home(c, api, {
        error:
          "Deze toegangscode is al aangemaakt; de geheime code is één keer getoond en wordt niet opnieuw getoond. Bent u hem kwijt? Trek de code dan in en maak een nieuwe.",
        status: 409,
      })
    }
    const errors = check(values, view)
    if (Object.keys(errors).length > 0) return home(c, api, { form: values, errors, status: 400 })
    // Taken before the token is made: a second post of the same form while this one runs makes no second token.
    sent.set(request, "")
    if (sent.size > rememberedRequests) sent.delete(sent.keys().next().value as string)
    const audience = kinds.find(([value]) => value === values.soort)?.[0] ?? "partner"
    let made: Awaited<ReturnType<Api["token"]["create"]>>
    try {
      made = await api.token.create({
        audience,
        label: values.naam,
        days: Number(values.dagen),
        ...(audience === "partner" ? { partner: values.partner as never } : {}),
        ...(audience === "municipality" ? { municipality: values.gemeente as never } : {}),
      })
    } catch (e) {
      sent.delete(request)
      if (e instanceof TRPCError && e.code === "BAD_REQUEST") {
        return home(c, api, {
          error: "De toegangscode kon niet worden aangemaakt; controleer de velden en probeer het opnieuw.",
          form: values,
          status: 400,
        })
      }
      throw e
    }
    sent.set(request, made.token.id)
    const token = await tokenOf(api, made.token.id)
    c.header("cache-control", "no-store")
    return host.page(
      c,
      "Nieuwe toegangscode",
      <TokenIssuedPage token={token} secret={made.secret} />,
      await shellOf(api),
    )
  })

  app.get("/beheer/toegangscodes/:id/intrekken", async (c) => {
    const api = await host.apiOf(c)
    const token = await tokenOf(api, c.req.param("id"))
    c.header("cache-control", "no-store")
    return host.page(c, "Toegangscode intrekken", <RevokePage token={token} />, await shellOf(api))
  })

  app.post("/beheer/toegangscodes/:id/intrekken", async (c) => {
    const form = await host.formOf(c)
    const api = await host.apiOf(c)
    const token = await tokenOf(api, c.req.param("id"))
    c.header("cache-control", "no-store")
    const again = async (error: string) =>
      host.page(c, "Toegangscode intrekken", <RevokePage token={token} error={error} />, {
        ...(await shellOf(api)),
        status: 400,
      })
    if (token.status !== "active") return again(`Deze code is al ${token.state}.`)
    if (text(form, "bevestigd") !== "ja") {
      return again("Bevestig het intrekken met de knop ‘Ja, trek deze code in’.")
    }
    try {
      await api.token.revoke({ id: token.id })
    } catch (e) {
      // Revoked by someone else in the meantime: the list says so.
      if (!(e instanceof TRPCError && e.code === "NOT_FOUND")) throw e
    }
    return c.redirect(`/beheer?ingetrokken=${token.id}`, 303)
  })

  // ---- sessions --------------------------------------------------------------------------------------------------

  /** What was ended, by key: the page names it in a fixed Dutch sentence, so no name travels in the URL. */
  const endedMessage = (key: string | undefined, count: string | undefined): string | null => {
    if (key === "sessie") return "De sessie is beëindigd. Wie deze sessie gebruikte, moet opnieuw inloggen."
    if (key === "al") return "Er was niets meer te beëindigen: de sessie was al beëindigd."
    if (key === "alle" && count !== undefined && /^\d{1,5}$/.test(count)) {
      return Number(count) === 1
        ? "1 sessie is beëindigd. Wie deze sessie gebruikte, moet opnieuw inloggen."
        : `${Number(count)} sessies zijn beëindigd. Wie ze gebruikte, moet opnieuw inloggen.`
    }
    return null
  }

  /** The live session with `id` as the sessions page lists it, or undefined when it ended (or never was). */
  const liveSession = async (api: Api, id: string): Promise<SessionView | undefined> => {
    const view = await api.dashboard.sessions()
    return sessionId.test(id) ? view.sessions.find((s) => s.id === id) : undefined
  }
  const noSuchSession = () =>
    new TRPCError({ code: "NOT_FOUND", message: "Deze sessie bestaat niet of is al beëindigd." })

  app.get("/beheer/sessies", async (c) => {
    const api = await host.apiOf(c)
    const [view, shell] = await Promise.all([api.dashboard.sessions(), shellOf(api)])
    c.header("cache-control", "no-store")
    return host.page(
      c,
      "Sessies",
      <SessionsPage sessions={view.sessions} message={endedMessage(c.req.query("beeindigd"), c.req.query("aantal"))} />,
      shell,
    )
  })

  /**
   * A confirmation before ending (`path` and `Page`), and its form's post: `end` ends what the page names and says how
   * many sessions ended, `own` whether the admin's own session was one of them (then the admin is signed out and sent
   * to the login, which says why). A session that ended in the meantime is no refusal: the list says so.
   */
  const ending = (options: {
    readonly path: string
    readonly title: string
    readonly Page: (props: { session: SessionView; error?: string | null }) => Child
    readonly end: (api: Api, session: SessionView) => Promise<number>
    readonly own: (session: SessionView) => boolean
    readonly done: (ended: number) => string
  }) => {
    const { path, title, Page, end, own, done } = options
    app.get(path, async (c) => {
      const api = await host.apiOf(c)
      const session = await liveSession(api, c.req.param("id") ?? "")
      if (session === undefined) throw noSuchSession()
      c.header("cache-control", "no-store")
      return host.page(c, title, <Page session={session} />, await shellOf(api))
    })
    app.post(path, async (c) => {
      const form = await host.formOf(c)
      const api = await host.apiOf(c)
      const session = await liveSession(api, c.req.param("id") ?? "")
      c.header("cache-control", "no-store")
      if (session === undefined) return c.redirect("/beheer/sessies?beeindigd=al", 303)
      if (text(form, "bevestigd") !== "ja") {
        return host.page(
          c,
          title,
          <Page session={session} error="Bevestig het beëindigen met de knop die met ‘Ja’ begint." />,
          { ...(await shellOf(api)), status: 400 },
        )
      }
      const ended = await end(api, session)
      if (own(session)) {
        host.signOut(c)
        return c.redirect(ownSessionEnded, 303)
      }
      return c.redirect(`/beheer/sessies?${done(ended)}`, 303)
    })
  }

  ending({
    path: "/beheer/sessies/:id/beeindigen",
    title: "Sessie beëindigen",
    Page: EndSessionPage,
    end: async (api, session) => {
      try {
        await api.session.end({ id: session.id })
        return 1
      } catch (e) {
        // Ended by someone else, or by its own logout, in the meantime: it is ended all the same.
        if (e instanceof TRPCError && e.code === "NOT_FOUND") return 0
        throw e
      }
    },
    own: (session) => session.current,
    done: (ended) => (ended === 0 ? "beeindigd=al" : "beeindigd=sessie"),
  })
  ending({
    path: "/beheer/sessies/:id/alle",
    title: "Alle sessies beëindigen",
    Page: EndPersonPage,
    end: async (api, session) => (await api.session.endPerson({ subject: session.subject })).ended,
    own: (session) => session.currentPerson,
    done: (ended) => (ended === 0 ? "beeindigd=al" : `beeindigd=alle&aantal=${ended}`),
  })

  /** The log page or its CSV for the filter in the URL; a refused filter is a 400 naming its fields. */
  const logPage = async (c: Context, api: Api, parsed: LogFilter.Parsed, page: number, pageSize: number) => {
    try {
      // The query's values are checked in LogFilter; the API checks them again into its own types.
      const query = { ...parsed.query, page, pageSize } as Parameters<Api["dashboard"]["processingLog"]>[0]
      return await api.dashboard.processingLog(query)
    } catch (e) {
      if (e instanceof TRPCError && e.code === "BAD_REQUEST") {
        throw new FormError("Dit filter kon niet worden gebruikt. Controleer de velden en probeer het opnieuw.")
      }
      throw e
    } finally {
      c.header("cache-control", "no-store")
    }
  }

  app.get("/beheer/logboek", async (c) => {
    const parsed = LogFilter.parse((name) => c.req.query(name))
    const api = await host.apiOf(c)
    const refused = Object.keys(parsed.errors).length > 0
    const view = refused
      ? { ...(await api.dashboard.processingLog({ pageSize: 1 })), entries: [], total: 0, pageSize: 100 }
      : await logPage(c, api, parsed, parsed.query.page ?? 1, 100)
    c.header("cache-control", "no-store")
    return host.page(
      c,
      "Verwerkingslogboek",
      <ProcessingLogPage view={view} values={parsed.values} errors={parsed.errors} />,
      { ...(await shellOf(api)), status: refused ? 400 : 200 },
    )
  })

  app.get("/beheer/logboek.csv", async (c) => {
    const parsed = LogFilter.parse((name) => c.req.query(name))
    const api = await host.apiOf(c)
    const refused = Object.values(parsed.errors)
    if (refused.length > 0) {
      // The admin's only: another visitor is refused as such, whatever the filter.
      await api.dashboard.processingLog({ pageSize: 1 })
      throw new FormError(refused.join(" "))
    }
    const pageSize = 10_000
    const first = await logPage(c, api, parsed, 1, pageSize)
    const entries = [...first.entries]
    for (let page = 2; entries.length < first.total && page <= 10_000; page++) {
      const next = await logPage(c, api, parsed, page, pageSize)
      if (next.entries.length === 0) break
      entries.push(...next.entries)
    }
    c.header("content-disposition", 'attachment; filename="verwerkingslogboek.csv"')
    c.header("cache-control", "no-store")
    return c.body(Csv.ofLog(entries), 200, { "content-type": "text/csv; charset=utf-8" })
  })
}
