/**
 * Deliveries as jobs. A partner's file (or the records its own adapter run produced) is first made safe on disk by
 * the host — the Hono route streams the request body to a spool file — and queued here; the worker then runs it
 * through the adapter the registry names, passes every record through the partner's admission check, stages the
 * records in batches that no reader sees, and publishes the delivery in one short transaction. Progress and the first
 * rejections are on the job for the partner to follow. A job whose server died is run again from its spool file,
 * and what its earlier attempt staged is removed first: a delivery is stored exactly once.
 */
import { createReadStream } from "node:fs"
import { readdir, rm, stat } from "node:fs/promises"
import { join } from "node:path"
import { Item, Lines, Oprf, Placeholder, Registry, Source, SourceError } from "@baken/adapter-kit"
import { CalendarDate, Delivery, Ids, PersonEvent } from "@baken/domain"
import { DeliveryJobRepository, DeliveryRepository, ProcessingLog, type StoreError } from "@baken/store"
import { Cause, Clock, Effect, Option, Schema, Stream } from "effect"
import { Conflict, Forbidden, InvalidInput, NotFound } from "./ApiError.js"
import { actorOf, type Caller } from "./Audience.js"
import { DeliveryGate, ServerAdapters } from "./Environment.js"
import * as Pseudonyms from "./Pseudonyms.js"
import { admissionFor } from "./Rights.js"

/** Records staged per statement: small enough that a reader waits for one batch at most on the embedded store. */
export const stagingBatch = 5_000

/** How many rejections a job keeps in detail; the summary counts every one per rule. */
export const keptRejections = 1_000

/** How long a claimed job is a worker's; renewed with every batch. */
export const leaseMs = 30_000

/** How many deliveries one partner may have queued or running at once; more are refused until these are done. */
export const maxWaitingPerPartner = 20

/** How many times a job that failed for a reason of the server's is tried before it is refused. */
export const maxAttempts = 3

/** What a partner reads about its delivery. */
export interface JobView {
  readonly id: string
  readonly status: DeliveryJobRepository.Status
  readonly adapter: string
  readonly fileName: string
  readonly bytes: number
  readonly progress: DeliveryJobRepository.Progress
  readonly summary: unknown
  readonly reason: DeliveryJobRepository.Reason | null
  readonly rejections: ReadonlyArray<unknown>
}

const encodeSummary = Schema.encodeSync(Delivery.Summary)
const encodeRejection = Schema.encodeSync(Delivery.Rejection)

/** The job as the partner reads it (the spool path and the actor are the server's own). */
export const view = (job: DeliveryJobRepository.Job): JobView => ({
  id: job.id,
  status: job.status,
  adapter: job.adapter,
  fileName: job.sourceName,
  bytes: job.bytes,
  progress: job.progress,
  summary: job.summary === null ? null : encodeSummary(job.summary),
  reason: job.reason,
  rejections: job.rejections.map((r) => encodeRejection(r)),
})

/** What a delivery's body is: a partner's file, or records (NDJSON) its own adapter run produced. */
export type Kind = DeliveryJobRepository.Kind

/**
 * The checks made before a byte of the body is read: who delivers, through which adapter, and whether it may. Files and
 * pushes are admitted alike: the server pseudonymises both with its own keys, so no secret needs to be configured.
 * A file needs an adapter this server runs; a push may come from the partner's own adapter (`baken ingest
 * --adapter-module`), which the server need not know: its id must be one the region assigned to the partner, and every
 * pushed record passes the same admission check as the records of a file.
 */
export const admit = Effect.fn("DeliveryJobs.admit")(function* (caller: Caller, adapter: string, kind: Kind) {
  if (caller.audience !== "partner" || caller.partner === undefined) {
    return yield* new Forbidden({ reason: "Alleen een partner levert gegevens aan, en alleen als zichzelf." })
  }
  const { registry } = yield* ServerAdapters
  const entry = Registry.find(registry, adapter)
  const id = entry?.adapter.id ?? (kind === "push" ? Option.getOrUndefined(decodeAdapterId(adapter)) : undefined)
  if (id === undefined) {
    return yield* new InvalidInput({
      field: "adapter",
      reason:
        kind === "push"
          ? `'${adapter.slice(0, 40)}' is geen adapter-id: kleine letters, cijfers en enkele streepjes.`
          : `Deze server kent geen adapter '${adapter.slice(0, 40)}'. Wel: ${registry.map((e) => e.adapter.id).join(", ") || "geen"}.`,
    })
  }
  yield* admissionFor(caller.partner, id)
  const waiting = yield* (yield* DeliveryJobRepository.DeliveryJobRepository).waiting(caller.partner)
  if (waiting >= maxWaitingPerPartner) {
    return yield* new Conflict({
      reason: `Er staan al ${waiting} leveringen van u in de wachtrij; stuur een nieuwe als die verwerkt zijn.`,
    })
  }
  return { partner: caller.partner, entry }
})

const decodeAdapterId = Schema.decodeUnknownOption(Ids.AdapterId)

/**
 * Queues a spooled delivery; the same bytes from the same partner give the job that has them already. `sourceHash` is
 * the file's plain SHA-256; the job and the delivery keep its keyed hash (`Pseudonyms.fileHash`).
 */
export const enqueue = Effect.fn("DeliveryJobs.enqueue")(function* (
  caller: Caller,
  job: Omit<DeliveryJobRepository.NewJob, "partner" | "actor" | "id"> & { readonly id: string },
) {
  const { partner } = yield* admit(caller, job.adapter, job.kind)
  const sourceHash = yield* Pseudonyms.fileHash(partner, job.sourceHash)
  const jobs = yield* DeliveryJobRepository.DeliveryJobRepository
  const gate = yield* DeliveryGate
  const queued = yield* gate.run(jobs.enqueue({ ...job, sourceHash, partner, actor: actorOf(caller) }))
  yield* (yield* ProcessingLog.ProcessingLog).record({
    actor: actorOf(caller),
    action: "write",
    subject: `delivery job ${queued.job.id} (${sourceHash})`,
    purpose: queued.fresh ? "delivery received" : "delivery received again (same bytes)",
  })
  return queued
})

/** A job as its partner (or the region) reads it; another partner's job is not found. */
export const status = Effect.fn("DeliveryJobs.status")(function* (caller: Caller, id: string) {
  const jobs = yield* DeliveryJobRepository.DeliveryJobRepository
  const found = /^[0-9a-f-]{36}$/.test(id) ? yield* jobs.find(id) : Option.none()
  const visible =
    Option.isSome(found) &&
    (caller.audience === "region" ||
      caller.audience === "admin" ||
      (caller.audience === "partner" && caller.partner === found.value.partner))
  if (!visible || Option.isNone(found)) return yield* new NotFound({ what: "delivery", id: id.slice(0, 40) })
  return view(found.value)
})

/** The caller's latest files that were not stored: still waiting, being read, or refused as a whole. */
export const unstored = Effect.fn("DeliveryJobs.unstored")(function* (caller: Caller, limit = 10) {
  if (caller.audience !== "partner" || caller.partner === undefined) return []
  const jobs = yield* DeliveryJobRepository.DeliveryJobRepository
  return (yield* jobs.unstored(caller.partner, limit)).map(view)
})

const today = Effect.map(Clock.currentTimeMillis, CalendarDate.fromEpochMillis)

/** One line of a pushed delivery: an accepted record, or a rejection the partner's adapter reported. */
export const PushLine = Schema.Union([
  Schema.Struct({ record: Delivery.AcceptedRecord }),
  Schema.Struct({ rejection: Delivery.Rejection }),
])
const decodePushLine = Schema.decodeUnknownExit(Schema.fromJsonString(PushLine))

/** A whole delivery refused, with the reason in Dutch and English. */
class Refused {
  readonly _tag = "Refused"
  constructor(readonly reason: DeliveryJobRepository.Reason) {}
}

/** The longest line of a pushed delivery: one record or rejection is a few hundred bytes. */
export const maxPushLine = 64 * 1024

/**
 * The lines of a spooled NDJSON push, numbered from 1, in constant memory: strict UTF-8, and a line longer than
 * `maxPushLine` refuses the push at once instead of being held in memory.
 */
const ndjson = (path: string): Stream.Stream<Lines.Line, Refused> =>
  Lines.lines(
    Stream.fromAsyncIterable(
      createReadStream(path) as AsyncIterable<Uint8Array>,
      (cause) => new SourceError({ file: path, reason: "unreadable", detail: String(cause).slice(0, 200) }),
    ),
    { maxLength: maxPushLine },
  ).pipe(
    Stream.filter((l) => l.text.trim() !== ""),
    Stream.mapError((error) =>
      error._tag === "TextError"
        ? error.reason === "line-too-long"
          ? new Refused({
              nl: `Regel ${error.line} van de aangeleverde gegevens is langer dan ${maxPushLine} tekens; er is niets opgeslagen.`,
              en: `Line ${error.line} of the pushed records is longer than ${maxPushLine} characters; nothing was stored.`,
            })
          : new Refused({
              nl: `Regel ${error.line} van de aangeleverde gegevens is geen UTF-8; er is niets opgeslagen.`,
              en: `Line ${error.line} of the pushed records is not UTF-8; nothing was stored.`,
            })
        : new Refused({
            nl: "De aangeleverde gegevens konden niet worden gelezen; er is niets opgeslagen.",
            en: "The pushed records could not be read; nothing was stored.",
          }),
    ),
  )

/** Runs one claimed job to its end: stored, refused, or (interrupted) back in the queue. */
export const work = Effect.fn("DeliveryJobs.work")(function* (job: DeliveryJobRepository.Job) {
  const jobs = yield* DeliveryJobRepository.DeliveryJobRepository
  const deliveries = yield* DeliveryRepository.DeliveryRepository
  const { registry } = yield* ServerAdapters
  const progress = { read: 0, accepted: 0, rejected: 0 }
  const details: Array<Delivery.Rejection> = []
  const byRule: Record<string, number> = {}
  let aboutFile = false
  const reject = (r: Delivery.Rejection) => {
    progress.rejected += 1
    if (Item.refusesFile(r)) aboutFile = true
    byRule[r.rule] = (byRule[r.rule] ?? 0) + 1
    if (details.length < keptRejections) details.push(r)
  }
  const finishRefused = (reason: DeliveryJobRepository.Reason, delivery: number | null = null) =>
    jobs.finish(job.id, { status: "refused", progress, delivery, summary: null, reason, rejections: details })

  // A push needs no adapter of the server's: the partner's own adapter ran at the partner (see `admit`).
  const entry = Registry.find(registry, job.adapter)
  if (entry === undefined && job.kind !== "push") {
    return yield* finishRefused({
      nl: `Deze server draait adapter ${job.adapter} niet meer; lever het bestand opnieuw aan.`,
      en: `This server no longer runs adapter ${job.adapter}; deliver the file again.`,
    })
  }
  const admission = yield* admissionFor(job.partner, job.adapter).pipe(
    Effect.map((check) => ({ check })),
    Effect.catchTag("Forbidden", (e) => Effect.succeed({ refused: e.reason })),
  )
  if ("refused" in admission) return yield* finishRefused({ nl: admission.refused, en: admission.refused })
  const check = admission.check

  const header = new Delivery.DeliveryHeader({
    partner: job.partner,
    adapter: job.adapter,
    sourceHash: job.sourceHash,
    sourceName: job.sourceName,
    receivedOn: yield* today,
  })
  const staged = yield* deliveries.begin(header)
  if (Option.isNone(staged)) {
    // The partner delivered these bytes before (another way, or before this queue): that delivery is the answer.
    const earlier = yield* deliveries.bySourceHash(job.partner, job.sourceHash)
    return yield* jobs.finish(job.id, {
      status: "stored",
      progress,
      delivery: null,
      summary: Option.isSome(earlier) ? earlier.value.summary : null,
      reason: null,
      rejections: Option.isSome(earlier)
        ? (yield* deliveries.rejections(job.partner, job.sourceHash)).slice(0, keptRejections)
        : [],
    })
  }
  const staging = staged.value
  yield* jobs.progress(job.id, progress, leaseMs, staging.id)

  // Pseudonyms: an uploaded file's adapter writes placeholders, which the server evaluates itself in batches; a push
  // carries OPRF values. Either way the store keeps the storage key's HMAC of the OPRF value (see `Pseudonyms`).
  const { oprf, storage } = yield* Pseudonyms.keys
  const placeholders = Placeholder.make()
  const withPersons = (records: ReadonlyArray<Delivery.AcceptedRecord>, person: (value: string) => string) =>
    records.map((r) =>
      r instanceof PersonEvent.PersonEvent
        ? new PersonEvent.PersonEvent({ ...r, person: person(r.person) as PersonEvent.PersonEvent["person"] })
        : r,
    )
  const pseudonymised = (records: Array<Delivery.AcceptedRecord>) =>
    job.kind === "push"
      ? Effect.succeed(withPersons(records, (value) => Pseudonyms.stored(storage, value)))
      : Effect.promise(() =>
          Placeholder.resolve(
            placeholders,
            records.flatMap((r) => (r instanceof PersonEvent.PersonEvent ? [r.person] : [])),
            oprf.evaluateMany,
            Oprf.maxBatch,
          ),
        ).pipe(
          Effect.map((values) =>
            withPersons(records, (placeholder) => Pseudonyms.stored(storage, values.get(placeholder) as string)),
          ),
        )

  const writeBatch = (records: Array<Delivery.AcceptedRecord>) =>
    Effect.gen(function* () {
      if (records.length > 0) yield* staging.write(yield* pseudonymised(records))
      yield* jobs.progress(job.id, progress, leaseMs)
    })

  let ordinal = 0
  const admitted = (record: Delivery.AcceptedRecord, records: Array<Delivery.AcceptedRecord>, where: string) => {
    ordinal += 1
    const refused = check(
      record,
      Delivery.Location.make({ file: job.sourceName, path: where || `/records/${ordinal}` }),
    )
    if (refused === undefined) {
      progress.accepted += 1
      records.push(record)
      return undefined
    }
    return refused
  }

  const run: Effect.Effect<void, Refused | StoreError.StoreError> =
    job.kind === "file"
      ? Effect.gen(function* () {
          yield* (entry as Registry.Entry).adapter.read(Source.file(job.spool, job.sourceName)).pipe(
            Stream.provide(placeholders.layer),
            Stream.rechunk(stagingBatch),
            // The adapter reads the next batches while the database writes this one.
            Stream.bufferArray({ capacity: 2 }),
            Stream.runForEachArray((items) => {
              const records: Array<Delivery.AcceptedRecord> = []
              for (const item of items) {
                progress.read += 1
                if (Item.isAccepted(item)) {
                  const refused = admitted(item.record, records, "")
                  if (refused !== undefined) reject(refused)
                } else reject(item.rejection)
              }
              return writeBatch(records)
            }),
          )
        })
      : ndjson(job.spool).pipe(
          Stream.rechunk(stagingBatch),
          Stream.runForEachArray((lines) =>
            Effect.gen(function* () {
              const records: Array<Delivery.AcceptedRecord> = []
              for (const { number: line, text } of lines) {
                progress.read += 1
                const decoded = decodePushLine(text)
                if (decoded._tag === "Failure") {
                  return yield* Effect.fail(
                    new Refused({
                      nl: `Regel ${line} van de aangeleverde gegevens is geen geldig gegeven of geldige afwijzing; er is niets opgeslagen.`,
                      en: `Line ${line} of the pushed records is not a valid record or rejection; nothing was stored.`,
                    }),
                  )
                }
                const value = decoded.value
                if ("record" in value) {
                  const refused = admitted(value.record, records, `/records/${line}`)
                  if (refused !== undefined) {
                    return yield* Effect.fail(
                      new Refused({
                        nl: `Regel ${line}: ${refused.message.nl.replace(/\.$/, "")}. Een aangeleverd gegeven dat niet aan de regels voldoet, weigert de hele levering; er is niets opgeslagen.`,
                        en: `Line ${line}: ${refused.message.en.replace(/\.$/, "")}. A pushed record that breaks the rules refuses the whole delivery; nothing was stored.`,
                      }),
                    )
                  }
                } else reject(Delivery.reported(value.rejection, job.sourceName))
              }
              yield* writeBatch(records)
            }),
          ),
        )

  const outcome = yield* run.pipe(
    Effect.map(() => undefined),
    Effect.catchTag("Refused", (refused) => Effect.succeed(refused)),
  )
  // Nothing accepted is nothing to store: a file refused as a whole (another format, unreadable) or one whose every
  // row was rejected is refused, with its rejections, and the partner sends the corrected file.
  if (outcome === undefined && !(progress.accepted === 0 && progress.rejected > 0)) {
    const stored = yield* staging.publish({
      rejected: byRule,
      rejections: details,
      actor: job.actor,
      purpose: job.kind === "file" ? "delivery upload" : "delivery push from the partner's own adapter run",
    })
    // Publishing may refuse more (a stop without a start, found against what is stored): the job reports what the
    // delivery finally holds, the same counts and rejections as the delivery list.
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)
    return yield* jobs.finish(job.id, {
      status: "stored",
      progress: { ...progress, accepted: total(stored.summary.accepted), rejected: total(stored.summary.rejected) },
      delivery: staging.id,
      summary: stored.summary,
      reason: null,
      rejections: (yield* deliveries.rejections(job.partner, job.sourceHash)).slice(0, keptRejections),
    })
  }
  yield* staging.discard
  const formats =
    entry?.adapter.formats.map((f) => `${f.description.replace(/\.$/, "")} (${f.extensions.join(", ")})`).join("; ") ??
    "de uitvoer van de eigen adapter van de partner"
  return yield* finishRefused(
    outcome?.reason ??
      (Item.refusedWhole(progress.accepted, aboutFile) || job.kind === "push"
        ? {
            nl: `De levering is geweigerd; er is niets opgeslagen. Geen enkel gegeven in ${job.sourceName} kon worden gelezen als '${entry?.name ?? job.adapter}'. Verwacht: ${formats}. De afwijzingen zeggen wat er mis is.`,
            en: `Nothing was stored: no record in ${job.sourceName} could be read as adapter ${job.adapter}. Expected: ${formats}. The rejections say what is wrong.`,
          }
        : {
            nl: `De levering is geweigerd; er is niets opgeslagen. Alle ${progress.rejected} gegevens in ${job.sourceName} zijn afgekeurd. De afwijzingen zeggen per regel wat er mis is; lever het verbeterde bestand opnieuw.`,
            en: `Nothing was stored: all ${progress.rejected} records in ${job.sourceName} were rejected. The rejections say what is wrong on each line.`,
          }),
  )
})

/** Removes a finished job's spool file; a file already gone is fine. */
const removeSpool = (path: string) => Effect.promise(() => rm(path, { force: true }))

/** Refuses a job the server could not run in its tries, and removes its spool file. */
const giveUp = (job: DeliveryJobRepository.Job, reason: DeliveryJobRepository.Reason) =>
  Effect.gen(function* () {
    const jobs = yield* DeliveryJobRepository.DeliveryJobRepository
    yield* jobs.finish(job.id, {
      status: "refused",
      progress: job.progress,
      delivery: null,
      summary: null,
      reason,
      rejections: [],
    })
    yield* removeSpool(job.spool)
  })

/**
 * Takes the next waiting job and runs it; `false` when none was waiting. A job interrupted by a shutdown goes back
 * to the queue; one that failed for a reason of the server's is tried again, and refused after `maxAttempts`.
 */
export const runNext = Effect.gen(function* () {
  const jobs = yield* DeliveryJobRepository.DeliveryJobRepository
  const claimed = yield* jobs.claim(leaseMs)
  if (Option.isNone(claimed)) return false
  const job = claimed.value
  if (job.attempts > maxAttempts) {
    // Claimed again after its tries: a job whose run ended its server (a crash, the memory) is not run once more.
    yield* giveUp(job, {
      nl: `De levering kon na ${maxAttempts} pogingen niet worden verwerkt; de server stopte er telkens bij. Er is niets opgeslagen; neem contact op met de regio.`,
      en: `The delivery could not be processed after ${maxAttempts} attempts; the server stopped each time. Nothing was stored.`,
    })
    return true
  }
  const exit = yield* Effect.exit(work(job).pipe(Effect.onInterrupt(() => Effect.ignore(jobs.release(job.id)))))
  if (exit._tag === "Success") {
    yield* removeSpool(job.spool)
    return true
  }
  if (Cause.hasInterruptsOnly(exit.cause)) return yield* Effect.interrupt
  if (job.attempts < maxAttempts) {
    yield* jobs.release(job.id)
  } else {
    yield* giveUp(job, {
      nl: `De levering kon na ${maxAttempts} pogingen niet worden opgeslagen door een storing bij de server. Er is niets opgeslagen; probeer het later opnieuw of neem contact op met de regio.`,
      en: `The delivery could not be stored after ${maxAttempts} attempts because of a server fault. Nothing was stored; try again later.`,
    })
  }
  yield* Effect.logError("delivery job failed", job.id, Cause.pretty(exit.cause))
  return true
})

/**
 * Removes spool files in `dir` that no queued or running job names: what an upload cut off by a crash left behind
 * (for an iWmo file, BSNs). Files younger than `olderThanMs` may be an upload in progress on another server sharing
 * the folder; the embedded store's one server passes 0.
 */
export const sweepSpool = (dir: string, olderThanMs: number) =>
  Effect.gen(function* () {
    const names = yield* Effect.promise(() => readdir(dir).catch(() => [] as Array<string>))
    const kept = yield* (yield* DeliveryJobRepository.DeliveryJobRepository).waitingSpools()
    const now = yield* Clock.currentTimeMillis
    let removed = 0
    for (const name of names.filter((n) => n.endsWith(".part"))) {
      const path = join(dir, name)
      if (kept.has(path)) continue
      const info = yield* Effect.promise(() => stat(path).catch(() => undefined))
      if (info === undefined || now - info.mtimeMs < olderThanMs) continue
      yield* removeSpool(path)
      removed += 1
    }
    return removed
  })

/** Runs jobs until none is waiting (tests and the demo). */
export const drain = Effect.gen(function* () {
  while (yield* runNext) {
    // next job
  }
})

/** The worker: runs waiting jobs one after another, looking for new ones every `pollMs` when idle. */
export const worker = (pollMs = 200) =>
  Effect.forever(
    runNext.pipe(
      Effect.catchCause((cause) => Effect.as(Effect.logError("delivery worker", Cause.pretty(cause)), false)),
      Effect.flatMap((ran) => (ran ? Effect.void : Effect.sleep(pollMs))),
    ),
  )
