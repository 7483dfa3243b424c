/**
 * The dashboard the server mounts at `/`: `@baken/web`'s server-rendered pages over the API itself. A visitor's
 * session is resumed here, once per request, into the caller it stands for, and the pages call the API's
 * procedures (`dashboard.*` and the plan's writes) through the tRPC server-side caller as that caller, so every
 * figure a page shows came out of the API as the public or the token's audience may see it. A file the partner
 * page's form posts goes through the same intake as the delivery route.
 */
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Readable } from "node:stream"
import type { ReadableStream as NodeReadableStream } from "node:stream/web"
import { ApiError, Audience, Authentication, createAppCaller, Trpc } from "@baken/api"
import { createWebApp, type DashboardSource, WebApp } from "@baken/web"
import { TRPCError } from "@trpc/server"
import { Effect, Exit } from "effect"
import type { Hono } from "hono"
import * as Deliveries from "./Deliveries.js"
import * as Log from "./Log.js"
import * as Oidc from "./Oidc.js"
import type { Runtime } from "./Runtime.js"
import type { OidcConfig } from "./ServerConfig.js"
import * as Sessions from "./Sessions.js"

/** The spool folder and delivery limit the form's files use when the host names none. */
export const defaultIntake: Deliveries.IntakeConfig = {
  spoolDir: join(tmpdir(), "baken-spool"),
  deliveryLimit: 2 * 1024 ** 3,
}

/**
 * The caller a dashboard session stands for: `UNAUTHORIZED` when it ended (logged out, idle, too old, its token
 * revoked) or never was; a store that cannot check it fails as the API does (503), never as a wrong session. With the
 * request's address and the guard, an unknown session counts against the address, and an address that failed too
 * often gets `TOO_MANY_REQUESTS` without a look-up (an outside tester sent made-up session cookies without limit).
 */
export const callerOf = async (
  runtime: Runtime,
  session: string,
  from?: { readonly guard: Sessions.Guard; readonly address: string },
): Promise<Audience.Caller> => {
  if (from === undefined) {
    const exit = await runtime.runPromiseExit(Authentication.resumeSession(session))
    if (Exit.isSuccess(exit)) return exit.value
    throw ApiError.fromCause(exit.cause, "web")
  }
  const credential = Sessions.sessionCredential(session)
  const checked = await Sessions.check(
    runtime,
    from.guard,
    from.address,
    credential,
    Authentication.resumeSession(session),
  )
  if (checked.ok) return checked.value
  if (checked.reason === "unavailable") throw checked.error
  if (checked.reason === "throttled") {
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `try again in ${checked.seconds} s` })
  }
  throw new TRPCError({ code: "UNAUTHORIZED", message: checked.message })
}

/** The API for a visitor's session, as the dashboard calls it; `shared` guards sessions per client address. */
export const apiFor =
  (runtime: Runtime, shared?: Sessions.Shared): DashboardSource.ApiFor =>
  async (session, c) => {
    // Through `Trpc.run` first, so a runtime whose store did not open fails here as it does in the API: with a 503.
    const caller =
      session === null
        ? await Trpc.run({ caller: Audience.anonymous, requestId: "web", runtime }, Effect.succeed(Audience.anonymous))
        : await callerOf(
            runtime,
            session,
            shared === undefined || c === undefined
              ? undefined
              : { guard: shared.guard, address: Sessions.addressOf(c, shared.trustProxy) },
          )
    return createAppCaller({ caller, requestId: "web", runtime })
  }

/**
 * The dashboard app over the API of `runtime`; `limits` are the server's body and upload limits (form posts get the
 * body limit, the upload form the upload limit); `deliveries` is where the form's files are spooled (the server's
 * `spoolDir` and `deliveryLimit`); `today` fixes the date for tests.
 */
export const app = (
  runtime: Runtime,
  options: {
    readonly today?: () => string
    readonly limits?: { readonly form: number; readonly upload: number }
    readonly deliveries?: Deliveries.IntakeConfig
    readonly logger?: Log.Logger
    /** The guard of failed sign-ins (shared with the API's routes) and whether a proxy in front is trusted. */
    readonly sessions?: Sessions.Shared
    /** Sign-in with the organisation's account: the login page offers it first. */
    readonly signIn?: WebApp.SignIn
  } = {},
): Hono => {
  const intake = Deliveries.intake({
    runtime,
    config: options.deliveries ?? defaultIntake,
    logger: options.logger ?? Log.silent,
  })
  const deliver: DashboardSource.Deliver = async (session, file) => {
    const caller = await callerOf(runtime, session)
    const body = Readable.fromWeb(file.body as NodeReadableStream<Uint8Array>)
    const answer = await intake(caller, { adapter: file.adapter, name: file.fileName, kind: "file", body }, "web")
    return answer.ok ? { ok: true, id: answer.id } : { ok: false, status: answer.status, message: answer.message }
  }
  const shared = options.sessions ?? { guard: Sessions.guard(runtime), trustProxy: false }
  return createWebApp({
    api: apiFor(runtime, shared),
    sessions: Sessions.forWeb(runtime, shared),
    deliver,
    deliveryRoute: "/api/deliveries",
    ...(options.today === undefined ? {} : { today: options.today }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.signIn === undefined ? {} : { signIn: options.signIn }),
  })
}

/** The login page's button for `oidc`: its name, and the route that starts the sign-in. */
export const signInOf = (oidc: OidcConfig): WebApp.SignIn => ({ name: oidc.name, path: "/inloggen/organisatie" })

/** The OpenID Connect sign-in routes for the dashboard, with its Dutch failure page. */
export const signInRoutes = (
  runtime: Runtime,
  oidc: OidcConfig,
  logger: Log.Logger,
  sessions: Sessions.Shared = { guard: Sessions.guard(runtime), trustProxy: false },
): Hono =>
  Oidc.make({
    runtime,
    config: oidc,
    logger,
    sessions,
    failurePage: WebApp.signInFailurePage({ signIn: signInOf(oidc) }),
  })
