// Signing in for tests that call the dashboard in-process: a token code becomes a dashboard session, as the login
// form makes it, and a form post carries the session's CSRF token, as the pages' forms do.
import { Authentication } from "@baken/api"
import { WebApp } from "@baken/web"
import type { Runtime } from "../src/Runtime.js"

/** The session secret a sign-in with `code` starts (what the login puts in the session cookie). */
export const signIn = (runtime: Runtime, code: string): Promise<string> =>
  runtime.runPromise(Authentication.signInWithToken(code)).then((started) => started.secret)

/** The Cookie header of a session. */
export const sessionCookie = (session: string): string => `${WebApp.sessionCookie}=${session}`

/** A form's fields with the session's CSRF token added, as the page's form sends them. */
export const withCsrf = (session: string, fields: Record<string, string>): Record<string, string> => ({
  ...fields,
  [WebApp.csrfField]: WebApp.csrfOf(session),
})

/** Signs in at a running server's login form with `code`; the session secret its cookie holds. */
export const signInAt = async (url: string, code: string): Promise<string> => {
  const answer = await fetch(`${url}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ code, volgende: "/" }).toString(),
  })
  const session = new RegExp(`${WebApp.sessionCookie}=([^;]+)`).exec(answer.headers.get("set-cookie") ?? "")?.[1]
  if (answer.status !== 303 || session === undefined) throw new Error(`sign-in refused with ${answer.status}`)
  return session
}

/** Waits, if need be, until at least `seconds` are left in the current minute (failures are counted per minute). */
export const roomInMinute = async (seconds: number): Promise<void> => {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < seconds * 1000) await new Promise((r) => setTimeout(r, left + 200))
}
