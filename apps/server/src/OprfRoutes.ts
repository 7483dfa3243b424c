/**
 * Pseudonyms without a shared secret, over HTTP: `GET /api/oprf/key` publishes the server's OPRF public key (for
 * partners to pin and check every answer against); `POST /api/oprf/evaluate` takes a partner's blinded BSNs (the
 * serialized RFC 9497 evaluation request, `application/octet-stream`) and answers the evaluated elements with one
 * proof for the batch. Only a partner token evaluates, within its limit; every call is counted and logged. The body
 * is read up to `Oprf.maxRequestBytes` and no further. `GET /api/oprf/refusals` tells the region which partners were
 * refused for asking too much.
 */
import { Oprf } from "@baken/adapter-kit"
import { ApiError, type Audience, Pseudonyms } from "@baken/api"
import { getHTTPStatusCodeFromError } from "@trpc/server/http"
import { Exit } from "effect"
import type { Hono } from "hono"
import type * as Log from "./Log.js"
import type { Runtime } from "./Runtime.js"

const problemOf = (code: string, message: string, status: number, headers: Record<string, string> = {}) =>
  Response.json({ error: { message, code, data: { code, httpStatus: status } } }, { status, headers })

/** Reads a body up to `limit` bytes; undefined when it is longer. */
const readLimited = async (body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | undefined> => {
  if (body === null) return new Uint8Array(0)
  const chunks: Array<Uint8Array> = []
  let length = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.length
    if (length > limit) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(length)
  let at = 0
  for (const c of chunks) {
    bytes.set(c, at)
    at += c.length
  }
  return bytes
}

/** Mounts the OPRF routes on `app`. */
export const routes = (
  // biome-ignore lint/suspicious/noExplicitAny: the app's variables are the caller's; only `caller` is read here
  app: Hono<any>,
  options: { readonly runtime: Runtime; readonly logger: Log.Logger },
) => {
  const { runtime, logger } = options
  const failure = (exit: Exit.Exit<unknown, unknown>, requestId: string, what: string) => {
    const error = Exit.isFailure(exit)
      ? ((exit.cause.reasons.find((r) => r._tag === "Fail") as { error: unknown } | undefined)?.error ?? exit.cause)
      : undefined
    const e = ApiError.toTrpcError(error, requestId)
    const status = getHTTPStatusCodeFromError(e)
    if (status >= 500) logger.log("error", what, { requestId, cause: String(e.cause ?? e.message) })
    return problemOf(e.code, e.message, status)
  }

  app.get("/api/oprf/key", async (c) => {
    const exit = await runtime.runPromiseExit(Pseudonyms.publicKey)
    if (Exit.isFailure(exit)) return failure(exit, c.get("requestId") as string, "oprf key failed")
    c.header("Cache-Control", "no-cache")
    return c.json(exit.value)
  })

  app.post("/api/oprf/evaluate", async (c) => {
    const caller = c.get("caller") as Audience.Caller
    const requestId = c.get("requestId") as string
    if (caller.audience === "public") {
      return problemOf("UNAUTHORIZED", "Geef het token van uw organisatie mee: Authorization: Bearer <token>.", 401)
    }
    if (caller.audience !== "partner") {
      return problemOf("FORBIDDEN", "Alleen een partner vraagt pseudoniemwaarden op, en alleen als zichzelf.", 403)
    }
    const declared = Number(c.req.header("content-length") ?? "0")
    const tooLarge = () =>
      problemOf(
        "PAYLOAD_TOO_LARGE",
        `Een verzoek is hoogstens ${Oprf.maxRequestBytes} bytes (${Oprf.maxBatch} elementen).`,
        413,
        { Connection: "close" },
      )
    if (declared > Oprf.maxRequestBytes) return tooLarge()
    const body = await readLimited(c.req.raw.body, Oprf.maxRequestBytes).catch(() => null)
    if (body === undefined) return tooLarge()
    if (body === null) return problemOf("BAD_REQUEST", "Het verzoek is niet helemaal ontvangen.", 400)
    const exit = await runtime.runPromiseExit(Pseudonyms.evaluate(caller, body))
    if (Exit.isFailure(exit)) return failure(exit, requestId, "oprf evaluate failed")
    c.header("Cache-Control", "no-store")
    return c.body(exit.value as Uint8Array<ArrayBuffer>, 200, { "Content-Type": "application/octet-stream" })
  })

  app.get("/api/oprf/refusals", async (c) => {
    const exit = await runtime.runPromiseExit(Pseudonyms.refusals(c.get("caller") as Audience.Caller))
    if (Exit.isFailure(exit)) return failure(exit, c.get("requestId") as string, "oprf refusals failed")
    c.header("Cache-Control", "no-store")
    return c.json(exit.value)
  })
}
