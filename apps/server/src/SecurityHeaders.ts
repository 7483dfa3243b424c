/**
 * The security headers every response carries (the same set and values as `hono/secure-headers`' defaults), as one
 * constant: the general middleware sets them on each response, and the cached fast paths hand the same plain object
 * to the response, which @hono/node-server writes without building a `Headers` object.
 */
import { createMiddleware } from "hono/factory"

/** Header name → value. */
export const headers: Readonly<Record<string, string>> = {
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Origin-Agent-Cluster": "?1",
  "Referrer-Policy": "no-referrer",
  "Strict-Transport-Security": "max-age=15552000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "X-DNS-Prefetch-Control": "off",
  "X-Download-Options": "noopen",
  "X-Frame-Options": "SAMEORIGIN",
  "X-Permitted-Cross-Domain-Policies": "none",
  "X-XSS-Protection": "0",
}

const entries = Object.entries(headers)

/** Sets the security headers on every response. */
export const middleware = createMiddleware(async (c, next) => {
  for (const [name, value] of entries) c.header(name, value)
  await next()
  c.res.headers.delete("X-Powered-By")
})
