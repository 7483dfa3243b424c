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
import { Oprf, Placeholder, type Registry, Source } from "@baken/adapter-kit"
import type { DeliveryJobs } from "@baken/api"
import { Delivery, PersonEvent } from "@baken/domain"
import { Effect, Schema, Stream } from "effect"

const encodeRecord = Schema.encodeSync(Delivery.AcceptedRecord)
const encodeRejection = Schema.encodeSync(Delivery.Rejection)

/** Items per NDJSON chunk sent. */
const linesPerChunk = 2_000

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

const messageOf = async (response: Response): Promise<string> => {
  const text = await response.text()
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text
  } catch {
    return text
  }
}

/** The server's key does not match the one this partner pinned, or its proof does not hold: nothing was sent. */
export class WrongServerKey extends Error {}

/** Where the keys of servers pushed to before are kept, unless `BAKEN_KNOWN_KEYS` names another file. */
export const defaultKnownKeys = () => `${process.env.HOME ?? "."}/.baken/oprf-keys.json`

/**
 * The server's OPRF public key, checked: against `pinned` when the operator gave one; else against the key kept for
 * this server in `knownKeys` (trust on first use: the first push keeps it, a later change stops the push).
 */
export const serverKey = async (
  base: string,
  options: { readonly pinned?: string | undefined; readonly knownKeys: string },
): Promise<Uint8Array> => {
  const answer = await fetch(`${base}/api/oprf/key`)
  if (answer.status !== 200) throw new PushRefused(answer.status, await messageOf(answer))
  const published = (await answer.json()) as { readonly format?: string; readonly key?: string }
  if (published.format !== Oprf.format) {
    throw new PushRefused(
      400,
      `the server pseudonymises as ${String(published.format)}, this baken as ${Oprf.format}: update one of them`,
    )
  }
  const key = String(published.key)
  const known: Record<string, string> = existsSync(options.knownKeys)
    ? (JSON.parse(readFileSync(options.knownKeys, "utf8")) as Record<string, string>)
    : {}
  const expected = options.pinned ?? known[base]
  if (expected !== undefined && expected !== key) {
    throw new WrongServerKey(
      `the server at ${base} answers with OPRF key ${key.slice(0, 16)}…, not the pinned ${expected.slice(0, 16)}…: nothing was sent. If the region rotated its key, check the new one with the region and pass it with --oprf-key.`,
    )
  }
  const bytes = Oprf.fromHex(key)
  if (bytes === undefined || !Oprf.isPublicKey(bytes)) throw new WrongServerKey("the server's OPRF key is not a key")
  if (options.pinned === undefined && known[base] === undefined) {
    mkdirSync(dirname(options.knownKeys), { recursive: true, mode: 0o700 })
    writeFileSync(options.knownKeys, `${JSON.stringify({ ...known, [base]: key }, null, 2)}\n`, { mode: 0o600 })
  }
  return bytes
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
  const base = options.url.replace(/\/+$/, "")
  const client = Oprf.client(
    await serverKey(base, { pinned: options.oprfKey, knownKeys: options.knownKeys ?? defaultKnownKeys() }),
  )
  const evaluate = evaluator(base, options.token, client)
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
    sourceHash,
    pseudonyms: Oprf.format,
  })
  const headers = { authorization: `Bearer ${options.token}` }
  const response = await fetch(`${base}/api/deliveries?${query}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-ndjson" },
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
