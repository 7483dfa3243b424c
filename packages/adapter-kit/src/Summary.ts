/**
 * The delivery summary a data steward sees first: how many records were accepted and rejected per kind, which
 * periods the accepted records cover, and the SHA-256 of the delivered bytes that makes intake idempotent. `run`
 * drives an adapter over a source, hands each item on, and computes all of it while streaming.
 */
import { Delivery, Period } from "@baken/domain"
import { Effect, Stream } from "effect"
import type { Adapter } from "./Adapter.js"
import * as Bsn from "./Bsn.js"
import type { Item } from "./Item.js"
import type { Pseudonymiser } from "./Pseudonymiser.js"
import * as Source from "./Source.js"

/** Counts and period range gathered item by item. */
export interface Tally {
  readonly accepted: Record<string, number>
  readonly rejected: Record<string, number>
  periodFrom: Period.Period | undefined
  periodTo: Period.Period | undefined
}

/** An empty tally. */
export const tally = (): Tally => ({ accepted: {}, rejected: {}, periodFrom: undefined, periodTo: undefined })

/**
 * The kind an item is counted under: `observation` or the event kind (`support-started`, …) for accepted records,
 * the broken rule (`bsn-eleven-test`, …) for rejections.
 */
export const kindOf = (item: Item): string =>
  item._tag === "Rejected" ? item.rejection.rule : "indicator" in item.record ? "observation" : item.record.kind

/** The period an accepted record covers: an observation's period, or the month of a person event. */
export const periodOf = (record: Delivery.AcceptedRecord): Period.Period =>
  "indicator" in record ? record.period : Period.ofDate(record.date, "month")

/** Adds one item to a tally. */
export const add = (t: Tally, item: Item): void => {
  const kind = kindOf(item)
  const counts = item._tag === "Accepted" ? t.accepted : t.rejected
  counts[kind] = (counts[kind] ?? 0) + 1
  if (item._tag === "Accepted") {
    const period = periodOf(item.record)
    if (t.periodFrom === undefined || Period.start(period) < Period.start(t.periodFrom)) t.periodFrom = period
    if (t.periodTo === undefined || Period.end(period) > Period.end(t.periodTo)) t.periodTo = period
  }
}

const sorted = (counts: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

/** The summary of a finished tally for the bytes with the given hash. */
export const finish = (t: Tally, sourceHash: Delivery.Summary["sourceHash"]): Delivery.Summary =>
  new Delivery.Summary({
    accepted: sorted(t.accepted),
    rejected: sorted(t.rejected),
    ...(t.periodFrom === undefined ? {} : { periodFrom: t.periodFrom }),
    ...(t.periodTo === undefined ? {} : { periodTo: t.periodTo }),
    sourceHash,
  })

/** Options of `run`. */
export interface RunOptions<E, R> {
  /** Called for every item in order, e.g. to store it; the run waits for it. */
  readonly onItem?: (item: Item) => Effect.Effect<void, E, R>
}

/**
 * Runs `adapter` over `source`, passes every item to `onItem`, and returns the delivery summary. A byte-stream
 * source is hashed as the adapter reads it and read to its end afterwards if the adapter stopped early; file and
 * folder sources are hashed by one more streaming read.
 */
export const run = <RA, E = never, R = never>(
  adapter: Adapter<RA>,
  source: Source.Source,
  options: RunOptions<E, R> = {},
): Effect.Effect<Delivery.Summary, E | Source.SourceError, RA | R | Pseudonymiser> =>
  Effect.gen(function* () {
    const t = tally()
    const onItem = options.onItem
    const consume = (s: Source.Source) =>
      Stream.runForEach(adapter.read(s), (item) => {
        add(t, item)
        return onItem === undefined ? Effect.void : onItem(item)
      })
    if (source._tag !== "Bytes") {
      yield* consume(source)
      return finish(t, yield* Source.hash(source))
    }
    const h = Source.hasher()
    const iterator = Stream.toAsyncIterable(
      Stream.tap(source.bytes, (chunk) => Effect.sync(() => h.update(chunk))).pipe(Stream.orDie),
    )[Symbol.asyncIterator]()
    // The adapter reads through an iterable without `return`, so stopping early leaves the rest for the drain below.
    const shared: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => ({ next: () => iterator.next() }) }
    yield* consume({ ...source, bytes: Stream.fromAsyncIterable(shared, (e) => toSourceError(source.name, e)) })
    yield* Effect.tryPromise({
      try: async () => {
        while (!(await iterator.next()).done) {
          // draining into the hash
        }
      },
      catch: (e) => toSourceError(source.name, e),
    })
    return finish(t, h.digest())
  })

const toSourceError = (file: string, error: unknown): Source.SourceError =>
  error instanceof Source.SourceError
    ? error
    : new Source.SourceError({
        file: Bsn.redact(file),
        reason: "unreadable",
        detail: Bsn.redact(error instanceof Error ? error.message : "unknown"),
      })
