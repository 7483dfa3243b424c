/**
 * The Hono app: security headers, a request id and a JSON log line per request, CORS only when configured, body
 * and upload limits, authentication and rate limits, `/healthz` and `/readyz`, the tRPC API at `/trpc`, the cached
 * public dashboard at `/api/dashboard`, and — below all of these — an optional web app mounted at `/`. Repeated reads
 * of figures and the dashboard are answered from `ResponseCache` (with ETag/304) before any of that runs.
 */
import { ApiError, Audience, Authentication, appRouter, Trpc } from "@baken/api"
import { DataVersion } from "@baken/store"
import { WebApp } from "@baken/web"
import { trpcServer } from "@hono/trpc-server"
import type { TRPCError } from "@trpc/server"
import { getHTTPStatusCodeFromError } from "@trpc/server/http"
import { Effect } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { type Context, Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { getCookie } from "hono/cookie"
import { cors } from "hono/cors"
import { createMiddleware } from "hono/factory"
import { requestId } from "hono/request-id"
import type { MiddlewareHandler } from "hono/types"
import * as Deliveries from "./Deliveries.js"
import * as Log from "./Log.js"
import * as OprfRoutes from "./OprfRoutes.js"
import * as PageCache from "./PageCache.js"
import * as RateLimit from "./RateLimit.js"
import * as ResponseCache from "./ResponseCache.js"
import type { Runtime } from "./Runtime.js"
import * as SecurityHeaders from "./SecurityHeaders.js"
import type { ServerConfig } from "./ServerConfig.js"
import * as Sessions from "./Sessions.js"

type Variables = { requestId: string; caller: Audience.Caller }

/** What the app is made of. */
export interface AppOptions {
  readonly runtime: Runtime
  readonly config: Pick<
    ServerConfig,
    | "corsOrigins"
    | "bodyLimit"
    | "uploadLimit"
    | "deliveryLimit"
    | "spoolDir"
    | "publicRateLimit"
    | "tokenRateLimit"
    | "dashboardCacheSeconds"
    | "answerCacheSeconds"
    | "trustProxy"
  >
  readonly logger?: Log.Logger
  /** Whether the database answers; `/readyz` is 200 only when it does. */
  readonly ready?: () => Promise<boolean>
  /** The dashboard (or any Hono app) served at `/`, below the API's own routes. */
  readonly web?: Hono
  /** Sign-in with the organisation's account (`Oidc.make`): its routes come before the web app's. */
  readonly signIn?: Hono
  readonly rateLimiter?: RateLimit.RateLimiter
  /** The guard of failed sign-ins and unknown tokens, shared with the dashboard's login (default: one of its own). */
  readonly guard?: Sessions.Guard
  /**
   * The data version kept answers and pages belong to (default: the store's, `DataVersion.current`); a kept page is
   * rendered again on the first request after it moved.
   */
  readonly dataVersion?: () => number
}

const jsonError = (code: TRPCError["code"], message: string, status: number, headers: Record<string, string> = {}) =>
  Response.json({ error: { message, code, data: { code, httpStatus: status } } }, { status, headers })

/** The cause of a failure as the log keeps it: its tag (or class) and message, no stack (see `Log`). */
export const describeCause = (cause: unknown): string =>
  cause instanceof Error
    ? `${"_tag" in cause && typeof cause._tag === "string" ? cause._tag : cause.name}: ${cause.message}`
    : typeof cause === "string"
      ? cause
      : (JSON.stringify(cause) ?? String(cause))

/** Builds the app; no port is opened here (tests call `app.request()`). */
/** The most calls one tRPC batch request may hold; the dashboard's client never batches more than a few. */
export const maxBatch = 10

export const make = (options: AppOptions): Hono<{ Variables: Variables }> => {
  const logger = options.logger ?? Log.silent
  // A failure the caller sees only as a short sentence with the request id: the log gets its cause.
  const logFailure = (message: string, id: string | undefined, error: TRPCError, fields: Record<string, unknown>) =>
    logger.log("error", message, {
      requestId: id,
      ...fields,
      code: error.code,
      cause: describeCause(error.cause ?? error.message),
    })
  const limiter = options.rateLimiter ?? RateLimit.make()
  const { config, runtime } = options
  const app = new Hono<{ Variables: Variables }>()
  const dataVersion = options.dataVersion ?? DataVersion.current
  const publicAnswers = ResponseCache.make(config.dashboardCacheSeconds * 1000)
  const tokenAnswers = ResponseCache.make(config.answerCacheSeconds * 1000)
  const clientAddress = (c: { env: unknown; req: { header: (name: string) => string | undefined } }) =>
    Sessions.addressOf(c, config.trustProxy)
  const guard = options.guard ?? Sessions.guard(runtime)

  /**
   * The caller a request's token or dashboard session stands for, checked in the store on every request (a revoked
   * token or an ended session is refused at once, on every server), or the refusal: 401 for an unknown token, 429
   * once its address failed too often. The public needs no lookup.
   */
  const authenticate = async (c: Context<{ Variables: Variables }>): Promise<Audience.Caller | Response> => {
    const header = c.req.header("authorization")
    const session =
      header === undefined ? Deliveries.sessionOfUpload(c, Sessions.isHttps(c, config.trustProxy)) : undefined
    if (header === undefined && session === undefined) {
      // The upload script without a usable session (logged out in another tab, timed out): say so, in Dutch.
      if (Deliveries.fromUploadScript(c)) {
        return jsonError(
          "UNAUTHORIZED",
          "U bent niet (meer) ingelogd, of de pagina is verlopen. Log opnieuw in en lever het bestand dan opnieuw.",
          401,
        )
      }
      return Audience.anonymous
    }
    const address = clientAddress(c)
    const tooMany = (wait: number) =>
      jsonError("TOO_MANY_REQUESTS", `too many failed sign-ins from this address; try again in ${wait} s`, 429, {
        "Retry-After": String(wait),
      })
    const credential = header ?? Sessions.sessionCredential(session ?? "")
    const checked = await Sessions.check(
      runtime,
      guard,
      address,
      credential,
      session !== undefined ? Authentication.resumeSession(session) : Authentication.authenticate(header),
    )
    if (checked.ok) return checked.value
    if (checked.reason === "throttled") return tooMany(checked.seconds)
    if (checked.reason === "unavailable") {
      return jsonError(
        "UNAUTHORIZED",
        `Het token kon niet worden gecontroleerd; probeer het later opnieuw (verzoek ${c.get("requestId")}).`,
        401,
      )
    }
    return jsonError("UNAUTHORIZED", checked.message, 401)
  }

  // The read fast path: a kept answer is served (or 304) without running the API; a miss runs the full chain below
  // and keeps a successful answer. Keys hold the Authorization header, so an answer only goes back to its own token.
  // Synchronous on a hit: no promise to wait for between the request and its answer.
  const fastPath: MiddlewareHandler<{ Variables: Variables }> = ((c, next) => {
    // On Node the request's own parsed headers and URL are read: building a fetch `Headers` costs more than the rest.
    const incoming = (c.env as { incoming?: { headers: Record<string, string | undefined>; url?: string } } | undefined)
      ?.incoming
    const header = (name: string) => (incoming === undefined ? c.req.header(name) : incoming.headers[name])
    const path = c.req.path
    if (c.req.method !== "GET" || (path !== "/api/dashboard" && !ResponseCache.cacheable.has(path))) return next()
    const authorization = header("authorization")
    const answers = authorization === undefined ? publicAnswers : tokenAnswers
    const key = `${dataVersion()}|${authorization ?? ""}|${incoming?.url ?? c.req.url}`
    const cacheControl =
      authorization === undefined ? `public, max-age=${config.dashboardCacheSeconds}` : "private, no-cache"
    const kept = answers.get(key)
    if (kept === undefined) {
      return (async () => {
        await next()
        if (c.res.status !== 200) return
        const contentType = c.res.headers.get("content-type") ?? "application/json"
        const entry = answers.put(key, await c.res.clone().text(), contentType, cacheControl)
        c.res.headers.set("ETag", entry.etag)
        if (header("if-none-match") === entry.etag) {
          c.res = new Response(null, { status: 304, headers: c.res.headers })
        }
      })()
    }
    const limitKey = authorization === undefined ? `ip:${clientAddress(c)}` : `auth:${authorization}`
    const wait = limiter.hit(limitKey, authorization === undefined ? config.publicRateLimit : config.tokenRateLimit)
    if (wait > 0) {
      return jsonError("TOO_MANY_REQUESTS", `too many requests; try again in ${wait} s`, 429, {
        "Retry-After": String(wait),
      })
    }
    const answer = () => {
      const notModified = header("if-none-match") === kept.etag
      if (logger.enabled("info")) {
        logger.log("info", "request", { method: "GET", path, status: notModified ? 304 : 200, cached: true })
      }
      return notModified
        ? new Response(null, { status: 304, headers: kept.notModified })
        : new Response(kept.body, { status: 200, headers: kept.ok })
    }
    if (authorization === undefined) return answer()
    // A kept answer goes back to its token only while the token lives: checked in the store, as on a miss.
    return authenticate(c).then((caller) => (caller instanceof Response ? caller : answer()))
  }) as MiddlewareHandler<{ Variables: Variables }>
  app.use(fastPath)

  // The dashboard's public pages are the same for every visitor without a session: each is rendered once per data
  // version (and encoding and day) and served from memory with an ETag, synchronously on a hit (see `PageCache`).
  // A request with a session cookie or an Authorization header sees a page of its own and is never kept.
  const web = options.web
  if (web !== undefined) {
    const pages = PageCache.make(dataVersion)
    const publicPages: MiddlewareHandler<{ Variables: Variables }> = ((c, next) => {
      if (c.req.method !== "GET" || !ResponseCache.isPublicPage(c.req.path)) return next()
      // On Node the request's own parsed headers and URL are read, as in the fast path above.
      const incoming = (
        c.env as { incoming?: { headers: Record<string, string | undefined>; url?: string } } | undefined
      )?.incoming
      const header = (name: string) => (incoming === undefined ? c.req.header(name) : incoming.headers[name])
      if (header("authorization") !== undefined) return next()
      if ((header("cookie") ?? "").includes(`${ResponseCache.sessionCookie}=`)) {
        return withSession(c, next, () => fromCache(c, header))
      }
      return fromCache(c, header)
    }) as MiddlewareHandler<{ Variables: Variables }>
    /**
     * A public page asked for with a session cookie: a live session sees its own page (rendered, never kept); a cookie
     * of no live session is counted against the address and gets the kept public page, with the cookie deleted, and an
     * address that failed too often gets it without a look-up — so made-up cookies cost no render and no unbounded
     * store reads (an outside tester sent them to bypass the kept pages).
     */
    const withSession = async (
      c: Context<{ Variables: Variables }>,
      next: () => Promise<void>,
      publicPage: () => Response | Promise<Response>,
    ): Promise<Response | undefined> => {
      const secret = WebApp.sessionSecretOf(c, Sessions.isHttps(c, config.trustProxy))
      const checked = await Sessions.check(
        runtime,
        guard,
        clientAddress(c),
        Sessions.sessionCredential(secret),
        Authentication.resumeSession(secret),
      )
      if (checked.ok || checked.reason === "unavailable") {
        await next()
        return undefined
      }
      const answer = await publicPage()
      const headers = new Headers(answer.headers)
      const name = secret === getCookie(c, WebApp.hostSessionCookie) ? WebApp.hostSessionCookie : WebApp.sessionCookie
      const secure = name === WebApp.hostSessionCookie ? "; Secure" : ""
      headers.append("set-cookie", `${name}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${secure}`)
      return new Response(answer.body, { status: answer.status, headers })
    }
    const fromCache = (
      c: Context<{ Variables: Variables }>,
      header: (name: string) => string | undefined,
    ): Response | Promise<Response> => {
      const encoding = PageCache.chooseEncoding(header("accept-encoding"))
      // Public pages read nothing but their path: a query string or another Host header is the same page, so
      // neither can make the server render again (an outside tester sent `/?x=<random>` to do just that).
      const path = c.req.path
      const key = `${PageCache.today()}|${encoding}|${path}`
      const kept = pages.kept(key)
      if (kept !== undefined) {
        if (logger.enabled("info")) logger.log("info", "request", { method: "GET", path: c.req.path, cached: true })
        return PageCache.respond(kept, header("if-none-match"))
      }
      // The render is the web app's answer to a plain request for the URL: no cookies, no conditions, not
      // compressed (the cache compresses it once); every request waiting for it gets the same page.
      const render = () =>
        Promise.resolve(
          web.fetch(new Request(new URL(path, c.req.url), { headers: { "accept-encoding": "identity" } }), c.env),
        )
      return pages.render(key, render, encoding).then((page) => PageCache.respond(page, header("if-none-match")))
    }
    app.use(publicPages)
  }

  app.use(requestId())
  app.use(async (c, next) => {
    if (!logger.enabled("info")) return next()
    const started = performance.now()
    await next()
    logger.log("info", "request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      audience: c.get("caller")?.audience,
    })
  })
  app.use(SecurityHeaders.middleware)
  if (config.corsOrigins.length > 0) {
    app.use("/trpc/*", cors({ origin: [...config.corsOrigins], allowHeaders: ["authorization", "content-type"] }))
    app.use("/api/*", cors({ origin: [...config.corsOrigins], allowHeaders: ["authorization", "content-type"] }))
  }

  app.get("/healthz", (c) => c.json({ status: "ok" }))
  app.get("/readyz", async (c) => {
    const ready = options.ready === undefined ? true : await options.ready().catch(() => false)
    return ready ? c.json({ status: "ready" }) : c.json({ status: "not ready" }, 503)
  })

  const tooLarge = (limit: number) => () =>
    jsonError("PAYLOAD_TOO_LARGE", `the request body is larger than ${limit} bytes`, 413)
  // A typed push may be large; everything else is small (files go to the delivery route, with a limit of its own).
  app.use("/trpc/delivery.push", bodyLimit({ maxSize: config.uploadLimit, onError: tooLarge(config.uploadLimit) }))
  app.use("/trpc/*", async (c, next) => {
    if (c.req.path === "/trpc/delivery.push") return next()
    return bodyLimit({ maxSize: config.bodyLimit, onError: tooLarge(config.bodyLimit) })(c, next)
  })

  // Authentication, then the rate limit of the caller: per token, or per IP address for the public.
  const authenticateAndLimit = createMiddleware<{ Variables: Variables }>(async (c, next) => {
    const caller = await authenticate(c)
    if (caller instanceof Response) return caller
    c.set("caller", caller)
    const header =
      c.req.header("authorization") ?? (caller.sessionId === undefined ? undefined : `session:${caller.sessionId}`)
    // A batch (`/trpc/a,b,c?batch=1`) is as many calls as it names: each counts against the limit, and a batch
    // holds at most `maxBatch`, so one request cannot make the server do the work of hundreds.
    const calls = c.req.path.startsWith("/trpc/") ? c.req.path.slice("/trpc/".length).split(",").length : 1
    if (calls > maxBatch) {
      return jsonError("BAD_REQUEST", `a batch holds at most ${maxBatch} calls; this one has ${calls}`, 400)
    }
    const key = header !== undefined ? `auth:${header}` : `ip:${clientAddress(c)}`
    const signedIn = caller.audience !== "public"
    const wait = limiter.hit(key, signedIn ? config.tokenRateLimit : config.publicRateLimit, calls)
    if (wait > 0) {
      return jsonError("TOO_MANY_REQUESTS", `too many requests; try again in ${wait} s`, 429, {
        "Retry-After": String(wait),
      })
    }
    await next()
  })
  app.use("/trpc/*", authenticateAndLimit)
  app.use("/api/*", authenticateAndLimit)

  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      endpoint: "/trpc",
      createContext: (_opts, c) =>
        ({
          caller: c.get("caller") as Audience.Caller,
          requestId: c.get("requestId") as string,
          runtime,
        }) satisfies Trpc.Context as unknown as Record<string, unknown>,
      onError: ({ error, path, ctx }) => {
        if (getHTTPStatusCodeFromError(error) >= 500) {
          logFailure("procedure failed", (ctx as Partial<Trpc.Context> | undefined)?.requestId, error, { path })
        }
      },
    }),
  )

  // The region dashboard: the same answer as `indicator.dashboard`, as plain JSON for a GET (kept by the fast path).
  const createCaller = Trpc.createCallerFactory(appRouter)
  app.get("/api/dashboard", async (c) => {
    const plan = c.req.query("plan") ?? ""
    const periods = (c.req.query("periods") ?? "").split(",").filter((p) => p !== "")
    try {
      const data = await createCaller({
        caller: c.get("caller"),
        requestId: c.get("requestId"),
        runtime,
      }).indicator.dashboard({
        plan,
        periods,
      } as never)
      c.header("Cache-Control", `public, max-age=${config.dashboardCacheSeconds}`)
      return c.json(data)
    } catch (error) {
      const e = ApiError.toTrpcError(error, c.get("requestId"))
      const status = getHTTPStatusCodeFromError(e)
      if (status >= 500) logFailure("dashboard failed", c.get("requestId"), e, { path: "indicator.dashboard" })
      return jsonError(e.code, e.message, status)
    }
  })

  Deliveries.routes(app, { runtime, config, logger })
  OprfRoutes.routes(app, { runtime, logger })

  app.all("/api/*", (c) => jsonError("NOT_FOUND", `no API route ${c.req.path}`, 404))
  app.all("/trpc", (_c) => jsonError("NOT_FOUND", "name a procedure: /trpc/<router>.<procedure>", 404))
  if (options.signIn !== undefined) app.route("/", options.signIn)
  if (options.web !== undefined) {
    const site = options.web
    app.route("/", site)
    // A path no route knows (`/nope`, `/gemeenten/`, a method a page does not take) is the web app's own Dutch
    // "niet gevonden" page, not a bare text: `route` mounts the web app's routes, not its not-found handler.
    app.notFound((c) => site.fetch(c.req.raw, c.env))
  }
  return app
}

/**
 * Readiness that does not queue behind the store's work: while a check is under way, a check that succeeded less than
 * `freshMs` ago answers; otherwise the answer waits for the check. On the embedded store a query waits for the write
 * statements of a large delivery before it, so `/readyz` said "slow" of a store that was busy, not gone. A store that
 * stops answering is not ready any more once its last success is `freshMs` old.
 */
export const recentlyReady = (
  check: () => Promise<boolean>,
  freshMs = 5_000,
  now: () => number = Date.now,
): (() => Promise<boolean>) => {
  let last = { ok: false, at: Number.NEGATIVE_INFINITY }
  let running: Promise<boolean> | undefined
  return () => {
    if (running === undefined) {
      running = check()
        .catch(() => false)
        .then((ok) => {
          last = { ok, at: now() }
          running = undefined
          return ok
        })
    }
    return last.ok && now() - last.at < freshMs ? Promise.resolve(true) : running
  }
}

/** Whether the database behind the runtime answers a query (or did a moment ago, while it is busy). */
export const readiness = (runtime: Runtime) =>
  recentlyReady(() =>
    runtime.runPromise(
      Effect.gen(function* () {
        const sql = yield* SqlClient
        yield* sql`SELECT 1`
        return true
      }).pipe(Effect.orElseSucceed(() => false)),
    ),
  )
