/**
 * The delivery route: `POST /api/deliveries?adapter=<id>&name=<file name>` with the file as the raw request body
 * streams it to a spool file (hashing it on the way, in constant memory) and queues it; the answer is
 * `202 {"id", "status"}` at once, and `GET /api/deliveries/<id>` tells how far the job is. A body of records the
 * partner's own adapter run produced (`Content-Type: application/x-ndjson`, with `sourceHash=<sha256 of the file>`)
 * is queued the same way. Who may deliver, through which adapter, is checked before a byte of the body is read; a body
 * over the limit is refused with 413 before it is read (or as soon as it passes the limit when its length was not
 * declared); a connection dropped half-way leaves nothing behind.
 */
import { createHash, randomUUID } from "node:crypto"
import { createWriteStream, mkdirSync } from "node:fs"
import { rm } from "node:fs/promises"
import type { IncomingMessage } from "node:http"
import { join } from "node:path"
import { Readable, Transform } from "node:stream"
import { pipeline } from "node:stream/promises"
import { ApiError, type Audience, DeliveryJobs } from "@baken/api"
import { getHTTPStatusCodeFromError } from "@trpc/server/http"
import { Exit } from "effect"
import type { Context, Hono } from "hono"
import { getCookie } from "hono/cookie"
import type * as Log from "./Log.js"
import type { Runtime } from "./Runtime.js"
import type { ServerConfig } from "./ServerConfig.js"

/** The cookie the dashboard keeps its session code in (see `@baken/web`). */
const sessionCookie = "baken_code"

/** The header the dashboard's upload script sends with its session; a cross-site form cannot send it. */
export const sessionHeader = "x-baken-session"

/** The session of the dashboard as an Authorization header, for the delivery route only. */
export const sessionAuthorization = (c: Context): string | undefined => {
  if (!c.req.path.startsWith("/api/deliveries") || c.req.header(sessionHeader) !== "1") return undefined
  const code = getCookie(c, sessionCookie)
  return code === undefined || code === "" ? undefined : `Bearer ${code}`
}

const problemOf = (code: string, message: string, status: number, headers: Record<string, string> = {}) =>
  Response.json({ error: { message, code, data: { code, httpStatus: status } } }, { status, headers })

/** A file name as a partner gives it: its last path segment, printable, at most 255 characters, no BSN-like number. */
export const fileName = (raw: string | undefined): { readonly name: string } | { readonly error: string } => {
  const name = (raw ?? "").split(/[\\/]/).pop()?.trim() ?? ""
  if (name === "") return { error: "Geef de naam van het bestand mee: ?name=<bestandsnaam>." }
  if (name.length > 255) return { error: "De bestandsnaam is langer dan 255 tekens." }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(name)) return { error: "De bestandsnaam bevat stuurtekens." }
  if (/(^|[^0-9A-Za-z])[0-9]{9}([^0-9A-Za-z]|$)/.test(name)) {
    return {
      error: "De bestandsnaam bevat een getal van negen cijfers (mogelijk een BSN); geef het bestand een andere naam.",
    }
  }
  return { name }
}

/** Counts, hashes and limits the bytes that pass. */
class Meter extends Transform {
  readonly hash = createHash("sha256")
  bytes = 0
  overLimit = false
  constructor(private readonly limit: number) {
    super()
  }
  override _transform(chunk: Buffer, _encoding: string, done: (error?: Error | null, data?: Buffer) => void) {
    this.bytes += chunk.length
    if (this.bytes > this.limit) {
      this.overLimit = true
      done(new Error("over the limit"))
      return
    }
    this.hash.update(chunk)
    done(null, chunk)
  }
}

/** Mounts `POST /api/deliveries` and `GET /api/deliveries/:id` on `app`. */
export const routes = (
  // biome-ignore lint/suspicious/noExplicitAny: the app's variables are the caller's; only `caller` is read here
  app: Hono<any>,
  options: {
    readonly runtime: Runtime
    readonly config: Pick<ServerConfig, "deliveryLimit" | "spoolDir">
    readonly logger: Log.Logger
  },
) => {
  const { runtime, config, logger } = options
  const limit = config.deliveryLimit
  const failureOf = (error: unknown, requestId: string) => {
    const e = ApiError.toTrpcError(error, requestId)
    const status = getHTTPStatusCodeFromError(e)
    if (status >= 500) logger.log("error", "delivery failed", { requestId, cause: String(e.cause ?? e.message) })
    return problemOf(e.code, e.message, status)
  }
  const firstFailure = (exit: Exit.Exit<unknown, unknown>) =>
    Exit.isFailure(exit)
      ? (exit.cause.reasons.find((r) => r._tag === "Fail") as { error: unknown } | undefined)
      : undefined

  app.post("/api/deliveries", async (c) => {
    // An answer before the body was read whole closes the connection, so the rest of the body is not read either.
    const problem = (code: string, message: string, status: number) =>
      problemOf(code, message, status, { Connection: "close" })
    const failure = (error: unknown, requestId: string) => {
      const answer = failureOf(error, requestId)
      answer.headers.set("Connection", "close")
      return answer
    }
    const caller = c.get("caller") as Audience.Caller
    const requestId = c.get("requestId") as string
    const declared = c.req.header("content-length")
    if (declared !== undefined && Number(declared) > limit) {
      return problem("PAYLOAD_TOO_LARGE", `Het bestand is groter dan de grens van ${limit} bytes.`, 413)
    }
    const kind: DeliveryJobs.Kind = (c.req.header("content-type") ?? "").startsWith("application/x-ndjson")
      ? "push"
      : "file"
    const adapter = c.req.query("adapter") ?? ""
    const admitted = await runtime.runPromiseExit(DeliveryJobs.admit(caller, adapter, kind))
    if (Exit.isFailure(admitted)) return failure(firstFailure(admitted)?.error ?? admitted.cause, requestId)
    const named = fileName(c.req.query("name"))
    if ("error" in named) return problem("BAD_REQUEST", named.error, 400)
    const pushedHash = c.req.query("sourceHash") ?? ""
    if (kind === "push" && !/^[0-9a-f]{64}$/.test(pushedHash)) {
      return problem(
        "BAD_REQUEST",
        "Geef bij aangeleverde gegevens de SHA-256 van het oorspronkelijke bestand mee: ?sourceHash=<64 hexadecimale tekens>.",
        400,
      )
    }

    mkdirSync(config.spoolDir, { recursive: true, mode: 0o700 })
    const id = randomUUID()
    const spool = join(config.spoolDir, `${id}.part`)
    const meter = new Meter(limit)
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
    const body: Readable | undefined =
      incoming !== undefined
        ? incoming
        : c.req.raw.body === null
          ? undefined
          : Readable.fromWeb(c.req.raw.body as import("node:stream/web").ReadableStream<Uint8Array>)
    try {
      await pipeline(body ?? Readable.from([]), meter, createWriteStream(spool, { mode: 0o600 }))
    } catch (error) {
      await rm(spool, { force: true })
      if (meter.overLimit) {
        return problem("PAYLOAD_TOO_LARGE", `Het bestand is groter dan de grens van ${limit} bytes.`, 413)
      }
      logger.log("warn", "delivery body not received whole", { requestId, cause: String(error) })
      return problem(
        "BAD_REQUEST",
        "Het bestand is niet helemaal ontvangen; er is niets opgeslagen. Stuur het opnieuw.",
        400,
      )
    }
    const sourceHash = kind === "push" ? pushedHash : meter.hash.digest("hex")
    const queued = await runtime.runPromiseExit(
      DeliveryJobs.enqueue(caller, {
        id,
        adapter: adapter as never,
        kind,
        sourceName: named.name,
        sourceHash: sourceHash as never,
        spool,
        bytes: meter.bytes,
      }),
    )
    if (Exit.isFailure(queued)) {
      await rm(spool, { force: true })
      return failure(firstFailure(queued)?.error ?? queued.cause, requestId)
    }
    const { job, fresh } = queued.value
    if (!fresh) await rm(spool, { force: true })
    return c.json({ id: job.id, status: job.status }, 202, { Location: `/api/deliveries/${job.id}` })
  })

  app.get("/api/deliveries/:id", async (c) => {
    const exit = await runtime.runPromiseExit(
      DeliveryJobs.status(c.get("caller") as Audience.Caller, c.req.param("id")),
    )
    if (Exit.isFailure(exit)) return failureOf(firstFailure(exit)?.error ?? exit.cause, c.get("requestId") as string)
    c.header("Cache-Control", "no-store")
    return c.json(exit.value)
  })
}
