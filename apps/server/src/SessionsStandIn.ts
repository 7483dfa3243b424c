/**
 * TEMPORARY STAND-IN — remove once main has the real sessions (`Sessions.start`, `WebApp.setSessionCookie`).
 *
 * The OpenID Connect routes are written against the sessions the lead engineer is building on main:
 * `Sessions.start(runtime, { caller, subject, label }) → { id }` and `WebApp.setSessionCookie(c, id, secure)`. Until
 * they are merged, this file gives the same two functions over what exists today: a "session" is an API token for the
 * caller that expires after 12 hours, and its secret goes into the code cookie the dashboard reads. The subject is
 * kept in the token's label only. Nothing else may import this file.
 */
import { Audience } from "@baken/api"
import { ApiTokenRepository } from "@baken/store"
import { WebApp } from "@baken/web"
import { Effect } from "effect"
import type { Context } from "hono"
import { setCookie } from "hono/cookie"
import type { Runtime } from "./Runtime.js"

/** Stand-in for `Sessions.start`: a 12-hour token for the caller; its secret is the "session id". */
export const start = async (
  runtime: Runtime,
  who: { readonly caller: Audience.Caller; readonly subject: string; readonly label: string },
): Promise<{ readonly id: string }> => {
  const { caller } = who
  if (caller.audience === "public") throw new Error("a session is for a signed-in caller")
  const issued = await runtime.runPromise(
    ApiTokenRepository.ApiTokenRepository.use((tokens) =>
      tokens.issue({
        partner: caller.audience === "partner" ? caller.partner : undefined,
        scopes: Audience.scopesFor(
          caller.audience,
          caller.audience === "municipality" ? caller.municipality : undefined,
        ),
        label: `${who.label} (${who.subject})`.slice(0, 200),
        expiresAt: Date.now() + 12 * 3_600_000,
      }),
    ).pipe(Effect.orDie),
  )
  return { id: issued.secret }
}

/** Stand-in for `WebApp.setSessionCookie`: the id in the code cookie (SameSite=Lax: the provider redirects here). */
export const setSessionCookie = (c: Context, id: string, secure: boolean): void => {
  setCookie(c, WebApp.tokenCookie, id, { httpOnly: true, sameSite: "Lax", path: "/", secure })
}
