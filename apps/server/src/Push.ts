/**
 * `baken ingest --push`: the partner runs the adapter on its own premises (so a BSN never leaves it) and streams the
 * pseudonymised records, one JSON line each, to the server's delivery route while the adapter reads the file: the
 * file is hashed first (its SHA-256 makes the push idempotent), then read once more, and no more than a few chunks of
 * records are in memory at any time. The server queues the push like an uploaded file; this waits for the job to end.
 *
 * Pseudonyms are OPRF values (see `Oprf` in the kit): the partner holds no key. The adapter writes per-run
 * placeholders; before a chunk is sent its distinct placeholders are blinded in one request to
 * `POST /api/oprf/evaluate`, the answer's proof is checked against the server's key the partner pinned
 * (`--oprf-key`, or the key seen at the first push to that server, kept in the known-keys file), and every
 * placeholder is replaced by its value. An answer that does not prove out stops the push: nothing more is sent and the
 * server stores nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import type { Item } from "@baken/adapter-kit"
import { Bsn, Oprf, Placeholder, type Registry, Source } from "@baken/adapter-kit"
import type { DeliveryJobs } from "@baken/api"
import { Delivery, PersonEvent } from "@baken/domain"
import { Effect, Schema, Stream } from "effect"

const encodeRecord = Schema.encodeSync(Delivery.AcceptedRecord)
const encodeRejection = Schema.encodeSync(Delivery.Rejection)

/** Items per NDJSON chunk sent. */
const linesPerChunk = 2_000

/** The header a push names its file's SHA-256 in (the server keeps only its keyed hash). */
export const sourceHashHeader = "baken-source-hash"

/** What a push ends with: the server's job, as `GET /api/deliveries/<id>` gives it. */
export type Outcome = DeliveryJobs.JobView

/** A push the server did not take, with its status and message. */
export class PushRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this expression is for
const unprintable = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * What a server (or whatever answers in its place) says, fit for the operator's terminal: control and bidi characters
 * dropped (an answer cannot clear the screen or fake a line), at most 1,000 characters.
 */
export const printable = (text: string): string => text.replace(unprintable, "").slice(0, 1_000)

const messageOf = async (response: Response): Promise<string> => {
  const text = await response.text()
  try {
    return printable(String((JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text))
  } catch {
    return printable(text)
  }
}

/** A push over plain HTTP goes only to this machine: elsewhere, whoever is on the way could answer as the server. */
const isLoopback = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)

/** The server's address, refused when it is not HTTPS (plain HTTP only to this machine). */
export const checkedBase = (url: string): string => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new PushRefused(
      400,
      `${printable(url)} is not a URL: give the server's address, like https://baken.example.nl`,
    )
  }
  if (parsed.protocol === "https:" || (parsed.protocol === "http:" && isLoopback(parsed.hostname))) {
    return url.replace(/\/+$/, "")
  }
  throw new PushRefused(
    400,
    `push only over HTTPS (or plain HTTP to this machine): ${printable(url)} could be answered by anyone on the way, who would then learn the BSNs; use https://`,
  )
}

/** The server's key does not match the one this partner pinned, or its proof does not hold: nothing was sent. */
export class WrongServerKey extends Error {}

/** Where the keys of servers pushed to before are kept, unless `BAKEN_KNOWN_KEYS` names another file. */
export const defaultKnownKeys = () => `${process.env.HOME ?? "."}/.baken/oprf-keys.json`

/**
 * The server's OPRF public key, checked: against `pinned` when the operator gave one; else against the key kept for
 * this server in `knownKeys` (trust on first use: a later change stops the push). A first key is kept only by `keep`,
 * which the push calls once the server has proven an answer with it: a key that never proved out is not trusted later.
 */
export const serverKey = async (
  base: string,
  options: { readonly pinned?: string | undefined; readonly knownKeys: string },
): Promise<{ readonly key: Uint8Array; readonly keep: () => void }> => {
  const answer = await fetch(`${base}/api/oprf/key`)
  if (answer.status !== 200) throw new PushRefused(answer.status, await messageOf(answer))
  const published = (await answer.json()) as {
    readonly suite?: string
    readonly format?: string
    readonly key?: string
  }
  if (published.format !== Oprf.format || published.suite !== Oprf.suite) {
    throw new PushRefused(
      400,
      printable(
        `the server pseudonymises as ${String(published.format)} (${String(published.suite)}), this baken as ${Oprf.format} (${Oprf.suite}): update one of them`,
      ),
    )
  }
  const key = String(published.key)
  const known: Record<string, string> = existsSync(options.knownKeys)
    ? (JSON.parse(readFileSync(options.knownKeys, "utf8")) as Record<string, string>)
    : {}
  const expected = options.pinned ?? known[base]
  if (expected !== undefined && expected !== key) {
    throw new WrongServerKey(
      printable(
        `the server at ${base} answers with OPRF key ${key.slice(0, 16)}…, not the pinned ${expected.slice(0, 16)}…: nothing was sent. If the region rotated its key, check the new one with the region and pass it with --oprf-key.`,
      ),
    )
  }
  const bytes = Oprf.fromHex(key)
  if (bytes === undefined || !Oprf.isPublicKey(bytes)) throw new WrongServerKey("the server's OPRF key is not a key")
  const keep = () => {
    if (options.pinned !== undefined || known[base] !== undefined) return
    const now: Record<string, string> = existsSync(options.knownKeys)
      ? (JSON.parse(readFileSync(options.knownKeys, "utf8")) as Record<string, string>)
      : {}
    mkdirSync(dirname(options.knownKeys), { recursive: true, mode: 0o700 })
    writeFileSync(options.knownKeys, `${JSON.stringify({ ...now, [base]: key }, null, 2)}\n`, { mode: 0o600 })
  }
  return { key: bytes, keep }
}

/** Asks the server for the OPRF values of BSNs, blinded; checks the proof and unblinds. */
export const evaluator =
  (base: string, token: string, client: Oprf.Client) =>
  async (bsns: ReadonlyArray<string>): Promise<ReadonlyArray<string>> => {
    const blinded = await client.blind(bsns)
    if (blinded instanceof Oprf.OprfError) throw new Error(blinded.detail)
    const ask = () =>
      fetch(`${base}/api/oprf/evaluate`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
        body: blinded.request as Uint8Array<ArrayBuffer>,
      })
    // Once more on a network error: a keep-alive socket the server closed while this process computed is not retried
    // by fetch for a POST. Asking again with the same blinded request tells the server nothing new.
    const response = await ask().catch((error: unknown) => {
      if (error instanceof TypeError) return ask()
      throw error
    })
    if (response.status !== 200) throw new PushRefused(response.status, await messageOf(response))
    const values = await client.finalize(blinded, new Uint8Array(await response.arrayBuffer()))
    if (values instanceof Oprf.OprfError) throw new WrongServerKey(values.detail)
    return values
  }

/** Pushes `source` through `entry`'s adapter to the server at `url` as the partner of `token`; waits for the job. */
export const push = async (options: {
  readonly url: string
  readonly token: string
  readonly entry: Registry.Entry
  readonly source: Source.File | Source.Folder
  /** The server's OPRF key (hex) the operator pinned; without it, trust on first use through `knownKeys`. */
  readonly oprfKey?: string | undefined
  readonly knownKeys?: string
  readonly onItem?: (item: Item.Item) => void
  readonly pollMs?: number
}): Promise<Outcome> => {
  const base = checkedBase(options.url)
  if (Bsn.find(options.source.name).length > 0) {
    throw new PushRefused(
      400,
      "the file's name holds a number shaped like a BSN: rename the file before pushing (its name is sent to the server)",
    )
  }
  const { key, keep } = await serverKey(base, {
    pinned: options.oprfKey,
    knownKeys: options.knownKeys ?? defaultKnownKeys(),
  })
  const client = Oprf.client(key)
  const proven = evaluator(base, options.token, client)
  let kept = false
  const evaluate = async (bsns: ReadonlyArray<string>) => {
    const values = await proven(bsns)
    if (!kept) {
      keep()
      kept = true
    }
    return values
  }
  const placeholders = Placeholder.make()
  const sourceHash = await Effect.runPromise(Source.hash(options.source))
  const encoder = new TextEncoder()
  // A failed round trip ends the body with an error, so the server receives no whole delivery and stores nothing;
  // the reason is kept here to tell the operator.
  let failed: unknown
  const body = options.entry.adapter.read(options.source).pipe(
    Stream.provide(placeholders.layer),
    Stream.map((item) => {
      options.onItem?.(item)
      return item
    }),
    Stream.rechunk(linesPerChunk),
    Stream.chunks,
    // Two chunks in flight: the CLI blinds and unblinds one while the server evaluates the other. Order is kept.
    Stream.mapEffect(
      (items) =>
        Effect.tryPromise({
          try: async () => {
            const persons = items.flatMap((item) =>
              item._tag === "Accepted" && item.record instanceof PersonEvent.PersonEvent ? [item.record.person] : [],
            )
            const values = await Placeholder.resolve(placeholders, persons, evaluate, Oprf.maxBatch)
            const lines = items.map((item) => {
              if (item._tag !== "Accepted") return JSON.stringify({ rejection: encodeRejection(item.rejection) })
              const record = encodeRecord(item.record) as { person?: string | undefined }
              if (record.person !== undefined) record.person = values.get(record.person)
              return JSON.stringify({ record })
            })
            return encoder.encode(`${lines.join("\n")}\n`)
          },
          catch: (error) => {
            failed = error
            return error
          },
        }),
      { concurrency: 2 },
    ),
    // A blank line first (the server skips blank lines): the request goes out at once, before the first chunk's
    // round trip, so that the server does not close the connection as idle while the CLI blinds.
    (records) => Stream.concat(Stream.make(encoder.encode("\n")), records),
    Stream.toReadableStream(),
  )
  const query = new URLSearchParams({
    adapter: options.entry.adapter.id,
    name: options.source.name,
    pseudonyms: Oprf.format,
  })
  const headers = { authorization: `Bearer ${options.token}` }
  // The file's hash goes in a header, not the address: addresses end up in access logs and proxies' logs.
  const response = await fetch(`${base}/api/deliveries?${query}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-ndjson", [sourceHashHeader]: sourceHash },
    body,
    duplex: "half",
  } as RequestInit).catch((error: unknown) => {
    throw failed ?? error
  })
  if (failed !== undefined) throw failed
  if (response.status !== 202) throw new PushRefused(response.status, await messageOf(response))
  const { id } = (await response.json()) as { readonly id: string }
  for (;;) {
    const answer = await fetch(`${base}/api/deliveries/${id}`, { headers })
    if (answer.status !== 200) throw new PushRefused(answer.status, await messageOf(answer))
    const job = (await answer.json()) as Outcome
    if (job.status === "stored" || job.status === "refused") return job
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250))
  }
}
