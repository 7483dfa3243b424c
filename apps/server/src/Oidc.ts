/**
 * Staff sign in with their organisation's account: OpenID Connect's authorization code flow with PKCE, on the
 * `openid-client` library (discovery, the authorization URL, the code exchange and every check of the ID token —
 * signature, issuer, audience, expiry, nonce — are the library's, not ours).
 *
 * - `GET /inloggen/organisatie?volgende=/pad` keeps a pending sign-in in the store (state, nonce, code verifier, the
 *   page wanted; see `SignInRepository`) and sends the browser to the provider.
 * - `GET /inloggen/terug` takes the pending sign-in out of the store (once: a replayed callback finds nothing),
 *   exchanges the code, maps the person's claims to a caller (`OidcClaims`), starts a session and sends the browser
 *   to its home page, or to the page it wanted when that belongs to its home.
 *
 * The pending sign-in is bound to the browser that started it by a random value in a short-lived cookie, so a link
 * to the callback made by someone else (with their own code) does not sign this browser in as them. Every failure is
 * a Dutch page saying what happened and what to do: 400 for a sign-in that is unknown, used, expired or started
 * elsewhere, or whose code the provider refused, or that an image or frame asked for; 401 when the person is not let
 * in; 429 when the address started more than `startsPerMinute` sign-ins in a minute (each keeps a row);
 * 502 when the provider cannot be reached or answers wrongly; 503 when the store cannot keep the sign-in. The provider's metadata is discovered at the first sign-in and kept for an hour;
 * a failed discovery is tried again at the next.
 */
import { type KeyObject, randomBytes } from "node:crypto"
import { Authentication, Pseudonyms } from "@baken/api"
import { SignInRepository } from "@baken/store"
import { WebApp } from "@baken/web"
import { Redacted } from "effect"
import { type Context, Hono } from "hono"
import { getCookie, setCookie } from "hono/cookie"
import * as client from "openid-client"
import * as Log from "./Log.js"
import { callerOf, claimAt, personOf } from "./OidcClaims.js"
import * as RateLimit from "./RateLimit.js"
import type { Runtime } from "./Runtime.js"
import type { OidcConfig } from "./ServerConfig.js"
import * as Sessions from "./Sessions.js"

/** The cookie that binds a pending sign-in to the browser that started it. */
export const browserCookie = "baken_inloggen"

/** How long discovered provider metadata is kept before it is read again. */
const discoveryTtlMs = 3_600_000

/** What the sign-in routes need. */
export interface OidcOptions {
  readonly runtime: Runtime
  readonly config: OidcConfig
  /** The Dutch page for a failed sign-in (the dashboard's `WebApp.signInFailurePage`). */
  readonly failurePage: (c: Context, failure: WebApp.SignInFailure) => Response
  readonly logger?: Log.Logger
  /** Seconds each request to the provider may take (default 10). */
  readonly timeoutSeconds?: number
  /** The guard of failed sign-ins (a session started here is known to it) and whether a proxy in front is trusted. */
  readonly sessions?: Sessions.Shared
  /** How many sign-ins one client address may start in a minute, on this process (default 60). */
  readonly startsPerMinute?: number
}

type Failure = WebApp.SignInFailure

/** The Dutch pages, by what went wrong. */
const failures = {
  providerDown: {
    status: 502,
    title: "Inlogdienst niet bereikbaar",
    message:
      "De inlogdienst van uw organisatie is op dit moment niet bereikbaar of gaf een onbruikbaar antwoord. Probeer het over een paar minuten opnieuw. Lukt het dan nog niet, meld het dan aan de beheerder van Baken.",
  },
  storeDown: {
    status: 503,
    title: "Tijdelijk niet beschikbaar",
    message: "Baken kan het inloggen op dit moment niet verwerken. Probeer het over een paar minuten opnieuw.",
  },
  unknown: {
    status: 400,
    title: "Inlogpoging onbekend of al gebruikt",
    message:
      "Deze inlogpoging is niet (meer) bekend: de link is al eens gebruikt, of hoort niet bij deze website. Begin opnieuw met inloggen.",
  },
  expired: {
    status: 400,
    title: "Inlogpoging verlopen",
    message: "Het inloggen duurde langer dan 10 minuten en is daarom gestopt. Begin opnieuw met inloggen.",
  },
  otherBrowser: {
    status: 400,
    title: "Inlogpoging uit een andere browser",
    message:
      "Deze inlogpoging is in een andere browser (of een ander venster zonder cookies) begonnen. Begin opnieuw met inloggen in deze browser.",
  },
  codeRefused: {
    status: 400,
    title: "Inloggen niet gelukt",
    message:
      "De inlogdienst van uw organisatie nam de inlogcode niet aan; misschien was die al gebruikt of verlopen. Begin opnieuw met inloggen.",
  },
  denied: {
    status: 401,
    title: "Inloggen afgebroken",
    message:
      "Het inloggen is afgebroken: u heeft geen toestemming gegeven, of de inlogdienst van uw organisatie liet u niet door. Probeer het opnieuw. Hoort u toegang te hebben, vraag dan uw beheerder om hulp.",
  },
  noRole: {
    status: 401,
    title: "Geen toegang tot Baken",
    message:
      "Uw account heeft geen toegang tot Baken; vraag uw beheerder om u toe te voegen aan de groep (of rol) die toegang geeft tot Baken. U bent bij Baken niet ingelogd.",
  },
  notNavigation: {
    status: 400,
    title: "Inloggen niet gestart",
    message:
      "Inloggen begint met de knop op de inlogpagina, niet vanuit een afbeelding of een ingesloten pagina van een andere site. Ga naar de inlogpagina van Baken en klik daar op de knop.",
  },
  tooMany: {
    status: 429,
    title: "Even geduld",
    message:
      "Vanaf uw adres zijn in korte tijd te veel inlogpogingen gedaan. Wacht een minuut en begin dan opnieuw met inloggen.",
  },
} as const satisfies Record<string, Failure>

/**
 * Whether a request is one a person's browser makes to sign in: a page load (`Sec-Fetch-Dest: document`), or a client
 * that does not say. An image, a script or a frame of another site pointing here is not: it is refused before it
 * keeps a row or counts against the address (an outside tester locked an office out with eleven image tags).
 */
const isNavigation = (c: Context): boolean => {
  const dest = c.req.header("sec-fetch-dest")
  return dest === undefined || dest === "document"
}

/** Provider errors that mean the person was not let through, rather than that the provider failed. */
const refusedByPerson = new Set([
  "access_denied",
  "login_required",
  "consent_required",
  "interaction_required",
  "account_selection_required",
])

/** The random values that start a sign-in, as `openid-client` makes them. */
const browserValue = /^[A-Za-z0-9_-]{43}$/

/** Whether an error is about the callback's own parameters (the library keeps them with its cause). */
const aboutCallback = (error: Error): boolean => {
  let cause: unknown = error.cause
  for (let depth = 0; depth < 3 && cause instanceof Error; depth++) {
    if ((cause.cause as { parameters?: unknown } | undefined)?.parameters instanceof URLSearchParams) return true
    cause = cause.cause
  }
  return false
}

/**
 * What the error of a failed code exchange means for the person: the provider refusing the code (used, expired,
 * malformed: any OAuth error below 500) and a callback whose own parameters are not the provider's (another `iss`)
 * are what the browser brought, a 400; only a provider that fails or answers wrongly is a 502.
 */
const failureOf = (error: unknown): Failure => {
  if (error instanceof client.ResponseBodyError && error.status < 500) return failures.codeRefused
  if (error instanceof client.ClientError && error.code === "OAUTH_INVALID_RESPONSE" && aboutCallback(error)) {
    return failures.unknown
  }
  return failures.providerDown
}

/** The cause of a failure as the log keeps it: a tag or class, a code and a message, never a token. */
const describe = (error: unknown): Record<string, unknown> =>
  error instanceof Error
    ? {
        cause: `${error.name}: ${error.message}`.slice(0, 500),
        ...("code" in error && typeof error.code === "string" ? { code: error.code } : {}),
        ...("error" in error && typeof error.error === "string" ? { providerError: error.error } : {}),
        ...(error.cause instanceof Error
          ? { reason: `${error.cause.name}: ${error.cause.message}`.slice(0, 300) }
          : {}),
      }
    : { cause: String(error).slice(0, 500) }

/** Builds the sign-in routes; mount it before the dashboard. */
export const make = (options: OidcOptions): Hono => {
  const { runtime, config } = options
  const logger = options.logger ?? Log.silent
  const timeout = options.timeoutSeconds ?? 10
  const secure = config.redirectUri.protocol === "https:"
  const app = new Hono()

  let discovered: { readonly at: number; readonly configuration: Promise<client.Configuration> } | undefined
  const configuration = (): Promise<client.Configuration> => {
    const now = Date.now()
    if (discovered === undefined || now - discovered.at > discoveryTtlMs) {
      const configuration = client.discovery(
        config.issuer,
        config.clientId,
        Redacted.value(config.clientSecret),
        undefined,
        {
          timeout,
          // ServerConfig allows http only for a provider on this machine (a test's, or a developer's).
          ...(config.issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : {}),
        },
      )
      const entry = { at: now, configuration }
      discovered = entry
      configuration.catch(() => {
        if (discovered === entry) discovered = undefined
      })
    }
    return discovered.configuration
  }

  const shared = options.sessions ?? { guard: Sessions.guard(runtime), trustProxy: false }
  const starts = RateLimit.make()
  const startsPerMinute = options.startsPerMinute ?? 60
  const addressOf = (c: Context) => Sessions.addressOf(c, shared.trustProxy)

  /** The Dutch page for `failure`, logged without any value the browser brought. */
  const fail = (c: Context, failure: Failure, next: string, fields: Record<string, unknown> = {}) => {
    logger.log(failure.status >= 500 ? "warn" : "info", "sign-in failed", {
      status: failure.status,
      why: failure.title,
      ...fields,
    })
    if (failure === failures.tooMany) c.header("retry-after", "60")
    return options.failurePage(c, { ...failure, next })
  }

  app.get("/inloggen/organisatie", async (c) => {
    const next = WebApp.safeNext(c.req.query("volgende") ?? "/")
    if (!isNavigation(c)) return fail(c, failures.notNavigation, next)
    // Each start keeps a pending sign-in in the store: one address may start a bounded number a minute.
    if (starts.hit(`start ${addressOf(c)}`, startsPerMinute) > 0) return fail(c, failures.tooMany, next)
    let provider: client.Configuration
    try {
      provider = await configuration()
    } catch (error) {
      return fail(c, failures.providerDown, next, describe(error))
    }
    const state = client.randomState()
    const nonce = client.randomNonce()
    const codeVerifier = client.randomPKCECodeVerifier()
    const known = getCookie(c, browserCookie)
    const browser = known !== undefined && browserValue.test(known) ? known : randomBytes(32).toString("base64url")
    const kept = await runtime.runPromiseExit(
      SignInRepository.SignInRepository.use((r) => r.begin({ state, browser, nonce, codeVerifier, next })),
    )
    if (kept._tag === "Failure") return fail(c, failures.storeDown, next, { cause: String(kept.cause).slice(0, 500) })
    const target = client.buildAuthorizationUrl(provider, {
      redirect_uri: config.redirectUri.href,
      scope: config.scopes,
      response_type: "code",
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    })
    setCookie(c, browserCookie, browser, {
      httpOnly: true,
      // Lax: the provider sends the browser back with a top-level GET from its own site.
      sameSite: "Lax",
      path: "/inloggen",
      maxAge: SignInRepository.lifetimeMs / 1000,
      secure,
    })
    c.header("cache-control", "no-store")
    return c.redirect(target.href, 303)
  })

  app.get("/inloggen/terug", async (c) => {
    c.header("cache-control", "no-store")
    // A callback is not throttled per address: its state is 256 random bits and its code is bound to the PKCE
    // verifier, so nothing can be guessed, and an unknown one costs one look-up by key and keeps nothing. Counting
    // them let anyone on a shared address (or a web page with image tags) lock an office out of signing in.
    if (!isNavigation(c)) return fail(c, failures.notNavigation, "/")
    const state = c.req.query("state")
    if (state === undefined || state === "" || state.length > 200) return fail(c, failures.unknown, "/")
    if ((c.req.query("code")?.length ?? 0) > 4096) return fail(c, failures.codeRefused, "/")
    // Checked before the pending sign-in is taken, so a link that is not the provider's answer does not use up the
    // person's real sign-in: the provider's answer comes to the browser that started it (with its cookie), from the
    // provider (with its issuer, where it names one).
    const browser = getCookie(c, browserCookie)
    if (browser === undefined || !browserValue.test(browser)) return fail(c, failures.otherBrowser, "/")
    const iss = c.req.query("iss")
    if (iss !== undefined) {
      let expected: string
      try {
        expected = (await configuration()).serverMetadata().issuer
      } catch (error) {
        return fail(c, failures.providerDown, "/", describe(error))
      }
      if (iss !== expected) return fail(c, failures.unknown, "/", { cause: "another issuer" })
    }
    const taken = await runtime.runPromiseExit(SignInRepository.SignInRepository.use((r) => r.take(state)))
    if (taken._tag === "Failure") return fail(c, failures.storeDown, "/", { cause: String(taken.cause).slice(0, 500) })
    if (taken.value._tag === "Unknown") return fail(c, failures.unknown, "/")
    if (taken.value._tag === "Expired") return fail(c, failures.expired, "/")
    const pending = taken.value.pending
    const next = pending.next
    if (!pending.startedBy(browser)) return fail(c, failures.otherBrowser, next)

    const providerError = c.req.query("error")
    if (providerError !== undefined) {
      const code = /^[a-z_]{1,60}$/.test(providerError) ? providerError : "onbekend"
      return refusedByPerson.has(code)
        ? fail(c, failures.denied, next, { providerError: code })
        : fail(
            c,
            {
              ...failures.providerDown,
              title: "Inloggen niet gelukt",
              message: `De inlogdienst van uw organisatie meldde een fout (${code}). Probeer het opnieuw; lukt het dan nog niet, meld het dan aan de beheerder van Baken.`,
            },
            next,
            { providerError: code },
          )
    }

    let provider: client.Configuration
    try {
      provider = await configuration()
    } catch (error) {
      return fail(c, failures.providerDown, next, describe(error))
    }
    // The URL the provider sent the browser to, as the provider knows it: behind a proxy this server sees another.
    const callback = new URL(config.redirectUri.href)
    callback.search = new URL(c.req.url).search
    let identifierKey: KeyObject
    try {
      identifierKey = await runtime.runPromise(Pseudonyms.identifierKey)
    } catch (error) {
      return fail(c, failures.storeDown, next, describe(error))
    }
    let person: ReturnType<typeof personOf>
    let roles: unknown
    try {
      const tokens = await client.authorizationCodeGrant(provider, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedNonce: pending.nonce,
        expectedState: state,
        idTokenExpected: true,
      })
      const idClaims = tokens.claims()
      if (idClaims === undefined) return fail(c, failures.providerDown, next, { cause: "no ID token" })
      // The groups or roles are in the ID token (Entra), or only at the userinfo endpoint (many others); the
      // library checks that the userinfo answer is about the same subject.
      roles = idClaims
      person = personOf(idClaims, config.issuer.href, identifierKey)
      if (claimAt(idClaims, config.roleClaim) === undefined) {
        const info = await client.fetchUserInfo(provider, tokens.access_token, idClaims.sub)
        roles = info
        person = personOf({ ...info, ...idClaims }, config.issuer.href, identifierKey)
      }
    } catch (error) {
      return fail(c, failureOf(error), next, describe(error))
    }
    if (person === undefined) return fail(c, failures.providerDown, next, { cause: "no sub claim" })
    const caller = callerOf(roles, config.roleClaim, config.roles)
    if (caller === undefined) return fail(c, failures.noRole, next, { subject: person.subject })

    let session: { readonly id: string }
    try {
      session = await Sessions.start(runtime, { caller, subject: person.subject, label: person.label })
    } catch (error) {
      return fail(c, failures.storeDown, next, describe(error))
    }
    // A session of an earlier sign-in in this browser ends: one browser, one session.
    const earlier = WebApp.sessionSecretOf(c, secure)
    if (earlier !== "") await runtime.runPromise(Authentication.endSession(earlier)).catch(() => undefined)
    shared.guard.succeeded(Sessions.sessionCredential(session.id))
    WebApp.setSessionCookie(c, session.id, secure)
    logger.log("info", "signed in", { subject: person.subject, audience: caller.audience, via: "oidc" })
    const role =
      caller.audience === "partner" || caller.audience === "municipality" || caller.audience === "admin"
        ? caller.audience
        : "region"
    return c.redirect(WebApp.landingOf({ role }, next), 303)
  })

  return app
}
