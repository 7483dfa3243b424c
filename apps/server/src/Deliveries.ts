/**
 * The delivery route: `POST /api/deliveries?adapter=<id>&name=<file name>` with the file as the raw request body
 * streams it to a spool file (hashing it on the way, in constant memory) and queues it; the answer is
 * `202 {"id", "status"}` at once, and `GET /api/deliveries/<id>` tells how far the job is. A body of records the
 * partner's own adapter run produced (`Content-Type: application/x-ndjson`, the file's SHA-256 in the
 * `Baken-Source-Hash` header, and `pseudonyms=<Oprf.format>`: its persons are OPRF values, see `Pseudonyms`)
 * is queued the same way. Either way the store keeps only the keyed hash of the file (`Pseudonyms.fileHash`). Who may deliver, through which adapter, is checked before a byte of the body is read; a body
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
import { Bsn, Oprf } from "@baken/adapter-kit"
import { ApiError, type Audience, DeliveryJobs } from "@baken/api"
import { WebApp } from "@baken/web"
import { getHTTPStatusCodeFromError } from "@trpc/server/http"
import { Exit } from "effect"
import type { Context, Hono } from "hono"
import type * as Log from "./Log.js"
import { sourceHashHeader } from "./Push.js"
import type { Runtime } from "./Runtime.js"
import type { ServerConfig } from "./ServerConfig.js"

/** The header the dashboard's upload script sends with its session; a cross-site form cannot send it. */
export const sessionHeader = "x-baken-session"

/**
 * Whether a request to the delivery route comes from the upload script of this server's own pages: it sends the
 * session header, and a browser names the page's origin (`Origin`, `Sec-Fetch-Site`) as this server.
 */
export const fromUploadScript = (c: Context): boolean => {
  if (!c.req.path.startsWith("/api/deliveries") || c.req.header(sessionHeader) !== "1") return false
  const origin = c.req.header("origin")
  if (origin !== undefined && (!URL.canParse(origin) || new URL(origin).host !== c.req.header("host"))) return false
  const fetchSite = c.req.header("sec-fetch-site")
  return fetchSite === undefined || fetchSite === "same-origin"
}

/**
 * The dashboard session's secret, for the delivery route only: sent by the page's upload script with the session
 * header and the session's CSRF token, from this server's own pages. Anything else is no session.
 */
export const sessionOfUpload = (c: Context, secure: boolean): string | undefined => {
  // A browser names the page's origin: the session counts only from this server's own pages.
  if (!fromUploadScript(c)) return undefined
  const session = WebApp.sessionSecretOf(c, secure)
  if (session === "") return undefined
  // Reading a job's status changes nothing; taking in a file needs the token of the page's form.
  if (c.req.method !== "GET" && !WebApp.csrfMatches(session, c.req.header("x-csrf-token"))) return undefined
  return session
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
  if (Bsn.contains(name)) {
    return {
      error:
        "De bestandsnaam bevat een getal van negen cijfers, ook als het met punten, spaties of streepjes is geschreven (mogelijk een BSN); geef het bestand een andere naam.",
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

/** Where delivery bodies are spooled and how large one may be. */
export type IntakeConfig = Pick<ServerConfig, "deliveryLimit" | "spoolDir">

/** A delivery body as it arrives: the adapter and file name the partner gave, and the bytes as a stream. */
export interface Incoming {
  readonly adapter: string
  readonly name: string | undefined
  readonly kind: DeliveryJobs.Kind
  /** The SHA-256 of the partner's original file, for a push (NDJSON records). */
  readonly sourceHash?: string | undefined
  /** What the pushed pseudonyms are (`pseudonyms=<Oprf.format>`), for a push. */
  readonly pseudonyms?: string | undefined
  /** The length the request declared, when it did. */
  readonly declaredLength?: number | undefined
  readonly body: Readable | undefined
}

/** What became of a body: queued (or already known), or refused with a tRPC-style code and a Dutch message. */
export type Intake =
  | { readonly ok: true; readonly id: string; readonly status: string }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly status: number }

/**
 * The one intake of a delivery body, for the route and for the dashboard's form: checks who delivers through which
 * adapter before a byte is read, streams the body to a spool file (hashing and limiting it on the way), and queues it.
 */
export const intake = (options: {
  readonly runtime: Runtime
  readonly config: IntakeConfig
  readonly logger: Log.Logger
}) => {
  const { runtime, config, logger } = options
  const limit = config.deliveryLimit
  const refused = (code: string, message: string, status: number): Intake => ({ ok: false, code, message, status })
  const failureOf = (exit: Exit.Exit<unknown, unknown>, requestId: string): Intake => {
    const error = Exit.isFailure(exit)
      ? ((exit.cause.reasons.find((r) => r._tag === "Fail") as { error: unknown } | undefined)?.error ?? exit.cause)
      : undefined
    const e = ApiError.toTrpcError(error, requestId)
    const status = getHTTPStatusCodeFromError(e)
    if (status >= 500) logger.log("error", "delivery failed", { requestId, cause: String(e.cause ?? e.message) })
    return refused(e.code, e.message, status)
  }
  const tooLarge = () => refused("PAYLOAD_TOO_LARGE", `Het bestand is groter dan de grens van ${limit} bytes.`, 413)
  return async (caller: Audience.Caller, incoming: Incoming, requestId: string): Promise<Intake> => {
    if (incoming.declaredLength !== undefined && incoming.declaredLength > limit) return tooLarge()
    const { kind, adapter } = incoming
    const admitted = await runtime.runPromiseExit(DeliveryJobs.admit(caller, adapter, kind))
    if (Exit.isFailure(admitted)) return failureOf(admitted, requestId)
    const named = fileName(incoming.name)
    if ("error" in named) return refused("BAD_REQUEST", named.error, 400)
    const pushedHash = incoming.sourceHash ?? ""
    if (kind === "push" && !/^[0-9a-f]{64}$/.test(pushedHash)) {
      return refused(
        "BAD_REQUEST",
        `Geef bij aangeleverde gegevens de SHA-256 van het oorspronkelijke bestand mee in de kop ${sourceHashHeader}: 64 hexadecimale tekens.`,
        400,
      )
    }

    if (kind === "push" && incoming.pseudonyms !== Oprf.format) {
      return refused(
        "BAD_REQUEST",
        `Deze server neemt alleen aangeleverde gegevens met OPRF-pseudoniemen aan (pseudonyms=${Oprf.format}); deze zijn gemaakt met een gedeelde sleutel (BAKEN_PSEUDONYM_SECRET) door een oudere baken. Werk baken bij en lever opnieuw met \`baken ingest --push\`; die sleutel is dan niet meer nodig.`,
        400,
      )
    }

    mkdirSync(config.spoolDir, { recursive: true, mode: 0o700 })
    const id = randomUUID()
    const spool = join(config.spoolDir, `${id}.part`)
    const meter = new Meter(limit)
    try {
      await pipeline(incoming.body ?? Readable.from([]), meter, createWriteStream(spool, { mode: 0o600 }))
    } catch (error) {
      await rm(spool, { force: true })
      if (meter.overLimit) return tooLarge()
      logger.log("warn", "delivery body not received whole", { requestId, cause: String(error) })
      return refused(
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
      return failureOf(queued, requestId)
    }
    const { job, fresh } = queued.value
    if (!fresh) await rm(spool, { force: true })
    return { ok: true, id: job.id, status: job.status }
  }
}

/** Mounts `POST /api/deliveries` and `GET /api/deliveries/:id` on `app`. */
export const routes = (
  // biome-ignore lint/suspicious/noExplicitAny: the app's variables are the caller's; only `caller` is read here
  app: Hono<any>,
  options: {
    readonly runtime: Runtime
    readonly config: IntakeConfig
    readonly logger: Log.Logger
  },
) => {
  const { runtime, logger } = options
  const take = intake(options)

  app.post("/api/deliveries", async (c) => {
    const caller = c.get("caller") as Audience.Caller
    const requestId = c.get("requestId") as string
    const declared = c.req.header("content-length")
    const kind: DeliveryJobs.Kind = (c.req.header("content-type") ?? "").startsWith("application/x-ndjson")
      ? "push"
      : "file"
    const node = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
    const body: Readable | undefined =
      node !== undefined
        ? node
        : c.req.raw.body === null
          ? undefined
          : Readable.fromWeb(c.req.raw.body as import("node:stream/web").ReadableStream<Uint8Array>)
    const answer = await take(
      caller,
      {
        adapter: c.req.query("adapter") ?? "",
        name: c.req.query("name"),
        kind,
        // In a header (`baken ingest --push`); earlier versions of the CLI sent it in the address.
        sourceHash: c.req.header(sourceHashHeader) ?? c.req.query("sourceHash"),
        pseudonyms: c.req.query("pseudonyms"),
        declaredLength: declared === undefined ? undefined : Number(declared),
        body,
      },
      requestId,
    )
    // An answer before the body was read whole closes the connection, so the rest of the body is not read either.
    if (!answer.ok) return problemOf(answer.code, answer.message, answer.status, { Connection: "close" })
    return c.json({ id: answer.id, status: answer.status }, 202, { Location: `/api/deliveries/${answer.id}` })
  })

  app.get("/api/deliveries/:id", async (c) => {
    const exit = await runtime.runPromiseExit(
      DeliveryJobs.status(c.get("caller") as Audience.Caller, c.req.param("id")),
    )
    if (Exit.isFailure(exit)) {
      const error = (exit.cause.reasons.find((r) => r._tag === "Fail") as { error: unknown } | undefined)?.error
      if ((error as { _tag?: string } | undefined)?._tag === "NotFound") {
        return problemOf("NOT_FOUND", "Deze levering bestaat niet, of is niet van u.", 404)
      }
      const e = ApiError.toTrpcError(error ?? exit.cause, c.get("requestId") as string)
      const status = getHTTPStatusCodeFromError(e)
      if (status >= 500) logger.log("error", "delivery status failed", { cause: String(e.cause ?? e.message) })
      return problemOf(e.code, e.message, status)
    }
    c.header("Cache-Control", "no-store")
    return c.json(exit.value)
  })
}
