/**
 * `baken ingest --push`: the partner runs the adapter on its own premises (so a BSN never leaves it) and streams the
 * pseudonymised records, one JSON line each, to the server's delivery route while the adapter reads the file: the
 * file is hashed first (its SHA-256 makes the push idempotent), then read once more, and no more than a few chunks of
 * records are in memory at any time. The server queues the push like an uploaded file; this waits for the job to end.
 */

import type { Item, Pseudonymiser } from "@baken/adapter-kit"
import { type Registry, Source } from "@baken/adapter-kit"
import type { DeliveryJobs } from "@baken/api"
import { Delivery } from "@baken/domain"
import { Effect, type Layer, Schema, Stream } from "effect"

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

/** Pushes `source` through `entry`'s adapter to the server at `url` as the partner of `token`; waits for the job. */
export const push = async (options: {
  readonly url: string
  readonly token: string
  readonly entry: Registry.Entry
  readonly source: Source.File | Source.Folder
  readonly pseudonymiser: Layer.Layer<Pseudonymiser.Pseudonymiser>
  readonly onItem?: (item: Item.Item) => void
  readonly pollMs?: number
}): Promise<Outcome> => {
  const sourceHash = await Effect.runPromise(Source.hash(options.source))
  const encoder = new TextEncoder()
  const body = options.entry.adapter.read(options.source).pipe(
    Stream.map((item) => {
      options.onItem?.(item)
      return item._tag === "Accepted"
        ? JSON.stringify({ record: encodeRecord(item.record) })
        : JSON.stringify({ rejection: encodeRejection(item.rejection) })
    }),
    Stream.rechunk(linesPerChunk),
    Stream.mapArray((lines) => [encoder.encode(`${lines.join("\n")}\n`)]),
    Stream.provide(options.pseudonymiser),
    Stream.toReadableStream(),
  )
  const base = options.url.replace(/\/+$/, "")
  const query = new URLSearchParams({ adapter: options.entry.adapter.id, name: options.source.name, sourceHash })
  const headers = { authorization: `Bearer ${options.token}` }
  const response = await fetch(`${base}/api/deliveries?${query}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-ndjson" },
    body,
    duplex: "half",
  } as RequestInit)
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
