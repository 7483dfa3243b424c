// The no-BSN guard of the free-text columns (migration 15, an outside tester's finding F5b), on PGlite and on
// PostgreSQL: it refuses nine digits in any grouping, of any script, with invisible characters inside, exactly where
// `BsnShape.guardSource` sees them, and accepts what the application writes there (hashes, job ids, timestamps).
// The migration leaves old rows of append-only tables as they are and masks those of tables whose rows are updated.
import { randomUUID } from "node:crypto"
import { BsnShape, Delivery, PersonEvent } from "@baken/domain"
import { Effect, type Layer, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import { serverLayer } from "../src/Database.js"
import { DeliveryRepository, EmbeddedPostgres, Migrations } from "../src/index.js"
import {
  type Backend,
  backends,
  dropSchema,
  freshSchema,
  openStore,
  postgresSkipReason,
  postgresUrl,
} from "./Backends.js"
import { freshHash, intake, personEvent, pseudonym } from "./Fixtures.js"

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/)
/** Hashes whose digit runs touch the edges and letters: `123456789aaa…`, `…a123456789b…`, `…c123456789`. */
const awkwardHashes = [
  `123456789${"a".repeat(55)}`,
  `${"d".repeat(27)}a123456789b${"e".repeat(26)}`,
  `${"c".repeat(55)}123456789`,
]

/** Text of digits, separators, marks and letters, where the guard's edges are. */
const soup = fc.string({
  unit: fc.constantFrom(
    "9",
    "0",
    "6",
    "1",
    "\uff19",
    " ",
    ".",
    "-",
    "_",
    "\u00a0",
    "\u202f",
    "\u200b",
    "a",
    "x",
    "/",
    ",",
  ),
  maxLength: 40,
})

const refused = [
  "delivery 999 900 006",
  "9999 000 43",
  "999_900_006",
  "\uff19\uff19\uff19\uff19\uff10\uff10\uff10\uff10\uff16",
  "999\u200b900\u200b006",
  "999\u00a0900\u202f006",
  "(999900006)",
]

const guardSuite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`the no-BSN guard on ${backend.name}`, () => {
    const { run } = openStore(backend)
    const log = (subject: string) =>
      Effect.gen(function* () {
        const sql = yield* SqlClient
        return yield* sql`INSERT INTO processing_log (at, actor, action, subject, purpose)
          VALUES (now(), 'region', 'read', ${subject}, 'test')`.pipe(
          Effect.as("stored"),
          Effect.catchTag("SqlError", (e) => Effect.succeed(e.reason._tag)),
        )
      })

    it("refuses a processing-log subject with a BSN written 999 900 006, 9999 000 43, with underscores, full-width or zero-width spaces", async () => {
      for (const subject of refused) expect(await run(log(subject)), subject).toBe("ConstraintError")
    })

    it("accepts the subjects the application writes: delivery <hash>, delivery job <uuid> (<hash>), timestamps", async () => {
      const hashes = [...awkwardHashes, ...fc.sample(hex64, { seed: 14, numRuns: 200 })]
      const subjects = [
        ...hashes.map((h) => `delivery ${h}`),
        ...hashes.map((h) => `delivery job ${randomUUID()} (${h})`),
        ...hashes.map((h) => `rejections of delivery ${h}`),
        "OPRF evaluations of test-partner: 5000 refused (12000 answered in 30 days, limit 99999999)",
        `at ${new Date().toISOString()} and 2026-11-30 12:34:56+00`,
        "amendment 12 of plan bo-2022-2025",
        "T123_456_789A12345678",
      ]
      for (const subject of subjects) expect(await run(log(subject)), subject).toBe("stored")
    })

    it("refuses exactly what BsnShape.guardSource finds, which is never more than the JavaScript shape finds", async () => {
      const texts = fc.sample(soup, { seed: 14, numRuns: 3000 })
      const answers = await run(
        Effect.gen(function* () {
          const sql = yield* SqlClient
          return yield* sql.unsafe<{ readonly t: string; readonly m: boolean; readonly f: boolean }>(
            `SELECT t, t ~ '${BsnShape.postgresPattern}' AS m, t ~ '${BsnShape.postgresPrefilter}' AS f
             FROM unnest($1::text[]) AS t`,
            [texts],
          )
        }),
      )
      const guard = new RegExp(BsnShape.guardSource, "u")
      const shape = new RegExp(BsnShape.source, "u")
      for (const { t, m, f } of answers) {
        expect(m, JSON.stringify(t)).toBe(guard.test(t))
        // The guard runs the pattern only where the prefilter matched: it must match wherever the pattern does.
        if (m) expect(f, JSON.stringify(t)).toBe(true)
        if (m) expect(shape.test(t), JSON.stringify(t)).toBe(true)
        expect(guard.test(t.replace(BsnShape.regExp(), "*********")), JSON.stringify(t)).toBe(false)
      }
    })

    it("masks BSN-shaped text in a rejection the server wrote, so the delivery is stored rather than refused", async () => {
      const quoting = Delivery.Rejection.make({
        location: Delivery.Location.make({ file: "levering.csv", line: 2 }),
        rule: "unknown-indicator",
        message: Delivery.Message.make({
          nl: "Indicator ind-123-456-789 is niet bekend in het plan.",
          en: "Indicator ind-123-456-789 is not known to the plan.",
        }),
      })
      const stored = await run(
        Effect.gen(function* () {
          const summary = yield* (yield* DeliveryRepository.DeliveryRepository).store(intake([], [quoting]))
          const sql = yield* SqlClient
          return yield* sql<{ readonly nl: string }>`SELECT r.rejection->'message'->>'nl' AS nl
            FROM delivery_rejections r JOIN deliveries d ON d.id = r.delivery
            WHERE d.source_hash = ${summary.summary.sourceHash}`
        }),
      )
      expect(stored.map((r) => r.nl)).toEqual(["Indicator ind-********* is niet bekend in het plan."])
    })

    it("stores an allocation key an older adapter wrote with underscores the way adapters write it now", async () => {
      const old = new PersonEvent.PersonEvent({
        ...personEvent(41, "GM0402", "2024-03-01"),
        allocation: "T123_456_782A12345678",
      })
      const kept = await run(
        Effect.gen(function* () {
          const summary = yield* (yield* DeliveryRepository.DeliveryRepository).store(intake([old]))
          const sql = yield* SqlClient
          return yield* sql<{ readonly a: string }>`SELECT e.allocation AS a FROM person_events e
            JOIN deliveries d ON d.id = e.delivery WHERE d.source_hash = ${summary.summary.sourceHash}`
        }),
      )
      expect(kept.map((r) => r.a)).toEqual([PersonEvent.allocationKey("123456782", "12345678")])
    })
  })

for (const backend of backends("bsn_guard")) guardSuite(backend)

/** A database at version 14 with rows the old guard let through, then migrated to version 15. */
const migrationSuite = (name: string, skip: string | undefined, layer: () => Layer.Layer<SqlClient, unknown>) =>
  describe.skipIf(skip !== undefined)(`the migration to version 15 on ${name}`, () => {
    it("keeps old rows of the log and the rejections, masks them where rows are updated, and guards every new row", async () => {
      const runtime = ManagedRuntime.make(layer())
      try {
        const result = await runtime.runPromise(
          Effect.gen(function* () {
            const sql = yield* SqlClient
            yield* Migrations.migrate({ migrations: Migrations.all.filter((m) => m.version <= 14) })
            const [delivery] = yield* sql<{ readonly id: number }>`
              INSERT INTO deliveries (source_hash, partner, adapter, source_file, received_on, summary, stored_at)
              VALUES (${freshHash()}, 'test-partner', 'test-adapter', 'client_999_900_006.csv', '2024-05-01', '{}',
                now()) RETURNING id`
            const id = delivery?.id as number
            yield* sql`INSERT INTO delivery_rejections (delivery, ordinal, rule, rejection)
              VALUES (${id}, 1, 'x', ${JSON.stringify({ message: { nl: "kolom 9999 000 43" } })}::jsonb)`
            yield* sql`INSERT INTO processing_log (at, actor, action, subject, purpose)
              VALUES (now(), 'region', 'read', 'subject 999 900 006', 'test')`
            yield* sql`INSERT INTO person_events (delivery, person, kind, event_date, municipality, source, allocation,
                origin_file)
              VALUES (${id}, ${pseudonym(1)}, 'support-started', '2024-03-01', 'GM0402', 'iwmo',
                'T123_456_782A12345678', 'levering_999_900_006.xml')`
            yield* sql`INSERT INTO flow_stays (person, municipality, allocation, category, start_day)
              VALUES (${pseudonym(1)}, 'GM0402', 'T123_456_782A12345678', '16', '2024-03-01')`
            const report = yield* Migrations.migrate()
            const read = <A extends object>(query: string) => sql.unsafe<A>(query)
            const after = {
              applied: report.applied,
              sourceFile: yield* read<{ readonly v: string }>("SELECT source_file AS v FROM deliveries"),
              rejection: yield* read<{ readonly v: string }>(
                "SELECT rejection->'message'->>'nl' AS v FROM delivery_rejections",
              ),
              subject: yield* read<{ readonly v: string }>("SELECT subject AS v FROM processing_log"),
              event: yield* read<{ readonly v: string }>(
                "SELECT allocation || ' ' || origin_file AS v FROM person_events",
              ),
              stay: yield* read<{ readonly v: string }>("SELECT allocation AS v FROM flow_stays"),
              guards: yield* read<{ readonly v: string }>(
                // This schema's only: other tests' schemas on the same PostgreSQL database have the same guards.
                `SELECT conname || ' ' || convalidated::text AS v FROM pg_constraint
                 WHERE contype = 'c' AND conname LIKE '%_no_bsn' AND connamespace = current_schema()::regnamespace
                 ORDER BY conname`,
              ),
            }
            // Rows of updated tables still take updates; a new row with a BSN in another spelling is refused.
            yield* sql`UPDATE person_events SET superseded_by = 1`
            yield* sql`UPDATE deliveries SET published = true`
            const fresh = yield* sql`INSERT INTO processing_log (at, actor, action, subject, purpose)
              VALUES (now(), 'region', 'read', 'subject 999_900_006', 'test')`.pipe(
              Effect.as("stored"),
              Effect.catchTag("SqlError", (e) => Effect.succeed(e.reason._tag)),
            )
            return { ...after, fresh }
          }),
        )
        const values = (rows: ReadonlyArray<{ readonly v: string }>) => rows.map((r) => r.v)
        expect(result.applied).toEqual([15])
        expect(values(result.sourceFile)).toEqual(["client_*********.csv"])
        expect(values(result.rejection)).toEqual(["kolom 9999 000 43"])
        expect(values(result.subject)).toEqual(["subject 999 900 006"])
        expect(values(result.event)).toEqual(["T123x456x782A12345678 levering_*********.xml"])
        expect(values(result.stay)).toEqual(["T123x456x782A12345678"])
        expect(values(result.guards)).toEqual([
          "api_tokens_label_no_bsn false",
          "deliveries_source_file_no_bsn false",
          "delivery_jobs_source_name_no_bsn false",
          "delivery_rejections_rejection_no_bsn false",
          "person_events_origin_file_no_bsn false",
          "person_events_origin_message_no_bsn false",
          "processing_log_actor_no_bsn false",
          "processing_log_purpose_no_bsn false",
          "processing_log_subject_no_bsn false",
        ])
        expect(result.fresh).toBe("ConstraintError")
      } finally {
        await runtime.dispose()
      }
    })
  })

migrationSuite("PGlite", undefined, () => EmbeddedPostgres.layer({}))
const schema = freshSchema("bsn_guard_migration")
migrationSuite("PostgreSQL", postgresSkipReason, () =>
  serverLayer({ _tag: "Server", url: postgresUrl, schema, maxConnections: 2 }),
)
afterAll(() => (postgresSkipReason === undefined ? dropSchema(schema) : Promise.resolve()))
