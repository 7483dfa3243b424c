// The same repository suite on every backend: PGlite in memory, PGlite on a data folder, and PostgreSQL.
import { createHash } from "node:crypto"
import { Delivery } from "@baken/domain"
import { Effect, Option, Schema, Stream } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  ApiTokenRepository,
  DeliveryRepository,
  Migrations,
  ObservationRepository,
  PersonEventRepository,
  PlanRepository,
  ProcessingLog,
} from "../src/index.js"
import { type Backend, backends, openStore } from "./Backends.js"
import {
  expectedCells,
  freshHash,
  intake,
  members,
  observation,
  observationsArb,
  personEvent,
  quarters,
  rejection,
} from "./Fixtures.js"

const repositorySuite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`the store on ${backend.name}`, () => {
    const { run } = openStore(backend)

    it("migrating an up-to-date database again applies nothing", async () => {
      const report = await run(Migrations.migrate())
      expect(report).toEqual({ from: Migrations.latest, to: Migrations.latest, applied: [] })
    })

    it("a failing migration rolls back everything it did and leaves the version as it was", async () => {
      const broken: Migrations.Migration = {
        version: Migrations.latest + 1,
        name: "broken on purpose",
        statements: ["CREATE TABLE half_done (a int)", "SELECT 1 / 0"],
      }
      const error = await run(Effect.flip(Migrations.migrate({ migrations: [...Migrations.all, broken] })))
      expect(error.reason._tag).toBe("MigrationFailed")
      expect(error.message).toContain("broken on purpose")
      const left = await run(
        Effect.gen(function* () {
          const sql = yield* SqlClient
          const [t] = yield* sql<{ readonly t: string | null }>`SELECT to_regclass('half_done')::text AS t`
          return { table: t?.t ?? null, version: yield* Migrations.currentVersion }
        }),
      )
      expect(left).toEqual({ table: null, version: Migrations.latest })
    })

    it("a delivery stores its records, rejections and summary, and reads back the same", async () => {
      const records = [
        observation("suite-read-a", "GM0402", "2024-Q1", 12),
        observation("suite-read-a", "GM0402", "2024-Q2", null),
        personEvent(1, "GM0406", "2024-02-10", "15"),
      ]
      const input = intake(records, [rejection(7, "unknown-municipality"), rejection(9, "unknown-municipality")])
      const stored = await run(Effect.flatMap(DeliveryRepository.DeliveryRepository, (r) => r.store(input)))
      expect(stored.duplicate).toBe(false)
      expect(stored.summary.accepted).toEqual({ observation: 2, "person-event": 1 })
      expect(stored.summary.rejected).toEqual({ "unknown-municipality": 2 })
      expect([stored.summary.periodFrom, stored.summary.periodTo]).toEqual(["2024-Q1", "2024-Q2"])
      const again = await run(
        Effect.flatMap(DeliveryRepository.DeliveryRepository, (r) =>
          r.bySourceHash(input.header.partner, input.header.sourceHash),
        ),
      )
      expect(Option.getOrThrow(again).header).toEqual(input.header)
      const rejections = await run(
        Effect.flatMap(DeliveryRepository.DeliveryRepository, (r) =>
          r.rejections(input.header.partner, input.header.sourceHash),
        ),
      )
      expect(rejections).toEqual(input.rejections)
    })

    it("the same source hash again answers the earlier result and stores nothing new", async () => {
      const hash = freshHash()
      const first = intake([observation("suite-idem", "GM0402", "2024-Q1", 5)], [], hash)
      const second = intake(
        [observation("suite-idem", "GM0402", "2024-Q1", 99), observation("suite-idem", "GM0406", "2024-Q1", 1)],
        [],
        hash,
      )
      const [a, b, cells] = await run(
        Effect.gen(function* () {
          const repo = yield* DeliveryRepository.DeliveryRepository
          const a = yield* repo.store(first)
          const b = yield* repo.store(second)
          const obs = yield* ObservationRepository.ObservationRepository
          return [a, b, yield* obs.aggregate("suite-idem" as never)] as const
        }),
      )
      expect(b.duplicate).toBe(true)
      expect(b.summary).toEqual(a.summary)
      expect(b.storedAt).toBe(a.storedAt)
      expect(cells.map((c) => [c.area, c.total, c.observations])).toEqual([["GM0402", 5, 1]])
    })

    it("the same source hash from another partner is that partner's own delivery and reveals nothing of the first", async () => {
      const hash = freshHash()
      const ofA = intake(
        [observation("suite-two-partners", "GM0402", "2024-Q1", 4)],
        [rejection(3, "bsn-format")],
        hash,
      )
      const asB = (i: DeliveryRepository.Intake): DeliveryRepository.Intake => ({
        ...i,
        header: Delivery.DeliveryHeader.make({ ...i.header, partner: "other-partner" as never, sourceName: "b.csv" }),
      })
      const ofB = asB(intake([observation("suite-two-partners", "GM0406", "2024-Q1", 7)], [], hash))
      const result = await run(
        Effect.gen(function* () {
          const repo = yield* DeliveryRepository.DeliveryRepository
          const b = yield* repo.store(ofB)
          const a = yield* repo.store(ofA)
          return {
            a,
            b,
            bSeesOfB: yield* repo.bySourceHash(ofB.header.partner, hash),
            bRejections: yield* repo.rejections(ofB.header.partner, hash),
            bList: yield* repo.list(ofB.header.partner),
          }
        }),
      )
      expect(result.b.duplicate).toBe(false)
      expect(result.a.duplicate).toBe(false)
      expect(result.a.header.partner).toBe("test-partner")
      expect(result.a.summary.accepted).toEqual({ observation: 1 })
      expect(Option.getOrThrow(result.bSeesOfB).header).toEqual(ofB.header)
      expect(result.bRejections).toEqual([])
      expect(result.bList.map((d) => d.header.partner)).toEqual(["other-partner"])
    })

    it("keys the plain file hash an earlier version kept, in the delivery, its summary, its job and the log, once", async () => {
      const plain = freshHash()
      const input = intake([observation("suite-keyed", "GM0402", "2024-Q1", 3)], [], plain)
      const keyed = (partner: string, sha256: string) =>
        createHash("sha256").update(`${partner}|${sha256}`).digest("hex")
      const result = await run(
        Effect.gen(function* () {
          const repo = yield* DeliveryRepository.DeliveryRepository
          const sql = yield* SqlClient
          yield* repo.store(input)
          // As a server before schema version 14 left it: the plain hash, not keyed.
          yield* sql`UPDATE deliveries SET hash_keyed = false WHERE source_hash = ${plain}`
          const first = yield* repo.keyFileHashes(keyed)
          const again = yield* repo.keyFileHashes(keyed)
          const traces = yield* sql<{ readonly n: number }>`
            SELECT ((SELECT count(*) FROM deliveries WHERE source_hash = ${plain} OR summary::text LIKE ${`%${plain}%`})
              + (SELECT count(*) FROM processing_log WHERE subject LIKE ${`%${plain}%`}))::int AS n`
          return {
            first,
            again,
            traces: traces[0]?.n,
            byPlain: yield* repo.bySourceHash(input.header.partner, plain),
            byKeyed: yield* repo.bySourceHash(input.header.partner, keyed(input.header.partner, plain) as never),
            logged: yield* sql<{ readonly n: number }>`SELECT count(*)::int AS n FROM processing_log
              WHERE subject = ${`delivery ${keyed(input.header.partner, plain)}`}`,
          }
        }),
      )
      expect(result.first).toBeGreaterThanOrEqual(1)
      expect(result.again).toBe(0)
      expect(result.traces).toBe(0)
      expect(Option.isNone(result.byPlain)).toBe(true)
      const found = Option.getOrThrow(result.byKeyed)
      expect(found.summary.sourceHash).toBe(keyed(input.header.partner, plain))
      expect(found.summary.accepted).toEqual({ observation: 1 })
      expect(result.logged[0]?.n).toBe(1)
    })

    it("a delivery whose records fail half-way leaves no trace", async () => {
      const records = Array.from({ length: 30_000 }, (_, i) => observation("suite-fail", "GM0402", "2024-Q1", i))
      const input = {
        ...intake([]),
        records: Stream.concat(Stream.fromIterable(records), Stream.fail("adapter broke" as const)),
      }
      const result = await run(
        Effect.gen(function* () {
          const repo = yield* DeliveryRepository.DeliveryRepository
          const error = yield* Effect.flip(repo.store(input))
          const found = yield* repo.bySourceHash(input.header.partner, input.header.sourceHash)
          const cells = yield* (yield* ObservationRepository.ObservationRepository).aggregate("suite-fail" as never)
          const sql = yield* SqlClient
          const [log] = yield* sql<{ readonly n: number }>`SELECT count(*)::int AS n FROM processing_log
            WHERE subject = ${`delivery ${input.header.sourceHash}`}`
          return { error, found: Option.isSome(found), cells: cells.length, log: log?.n }
        }),
      )
      expect(result).toEqual({ error: "adapter broke", found: false, cells: 0, log: 0 })
    })

    it("the dashboard and the aggregation agree with sums computed by hand, cell for cell", async () => {
      let round = 0
      await fc.assert(
        fc.asyncProperty(observationsArb("x"), fc.integer({ min: 1, max: 3 }), async (obs, parts) => {
          const prefix = `suite-dash-${round++}`
          const mine = obs.map((o) => observation(`${prefix}-${o.indicator}`, o.area, o.period, o.value))
          // Spread the observations over several deliveries: cells must add up across them.
          const size = Math.ceil(mine.length / parts)
          const { dashboard, aggregated } = await run(
            Effect.gen(function* () {
              const repo = yield* DeliveryRepository.DeliveryRepository
              for (let i = 0; i < mine.length; i += size) yield* repo.store(intake(mine.slice(i, i + size)))
              const obsRepo = yield* ObservationRepository.ObservationRepository
              const indicators = [...new Set(mine.map((o) => o.indicator))]
              const dashboard = yield* obsRepo.dashboard({ indicators, periods: quarters, areas: members })
              const aggregated = yield* Effect.forEach(indicators, (i) => obsRepo.aggregate(i))
              return { dashboard, aggregated: aggregated.flat() }
            }),
          )
          const expected = expectedCells(mine)
          const asMap = (cells: ReadonlyArray<ObservationRepository.Cell>) =>
            new Map(
              cells.map((c) => [
                `${c.indicator}|${c.area}|${c.period}`,
                { total: c.total, observations: c.observations, unknown: c.unknown },
              ]),
            )
          expect(asMap(dashboard.cells)).toEqual(expected)
          expect(asMap(aggregated)).toEqual(expected)
          for (const t of dashboard.totals) {
            const cells = dashboard.cells.filter((c) => c.indicator === t.indicator && c.period === t.period)
            expect(t.total).toBe(cells.reduce((s, c) => s + c.total, 0))
            expect(t.areas).toBe(cells.length)
          }
        }),
        { numRuns: 8 },
      )
    })

    it("person events are counted as distinct persons per municipality and quarter", async () => {
      let eventYear = 0
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              person: fc.integer({ min: 1, max: 15 }),
              municipality: fc.constantFrom("GM0402", "GM1942"),
              month: fc.integer({ min: 1, max: 12 }),
            }),
            { minLength: 1, maxLength: 40 },
          ),
          async (events) => {
            // Each run counts a year of its own, so earlier runs' events do not mix in.
            const year = 1900 + eventYear++
            const records = events.map((e) =>
              personEvent(e.person, e.municipality, `${year}-${String(e.month).padStart(2, "0")}-15`),
            )
            const counts = await run(
              Effect.gen(function* () {
                yield* (yield* DeliveryRepository.DeliveryRepository).store(intake(records))
                return yield* (yield* PersonEventRepository.PersonEventRepository).count({
                  kind: "support-started",
                  from: `${year}-01-01` as never,
                  to: `${year}-12-31` as never,
                  per: "quarter",
                })
              }),
            )
            const expected = new Map<string, { persons: Set<number>; events: number }>()
            for (const e of events) {
              const key = `${e.municipality}|${year}-Q${Math.ceil(e.month / 3)}`
              const c = expected.get(key) ?? { persons: new Set(), events: 0 }
              c.persons.add(e.person)
              c.events += 1
              expected.set(key, c)
            }
            expect(
              new Map(counts.map((c) => [`${c.municipality}|${c.period}`, { persons: c.persons, events: c.events }])),
            ).toEqual(new Map([...expected].map(([k, v]) => [k, { persons: v.persons.size, events: v.events }])))
          },
        ),
        { numRuns: 5 },
      )
    })

    it("the region dashboard reads an index, not a sequential scan of the observations, after ANALYZE", async () => {
      const plan = await run(
        Effect.gen(function* () {
          const repo = yield* DeliveryRepository.DeliveryRepository
          const records = Array.from({ length: 40_000 }, (_, i) =>
            observation(`suite-explain-${i % 50}`, `GM${String(1000 + (i % 400))}`, quarters[i % 4] as string, i),
          )
          yield* repo.store(intake(records))
          yield* (yield* ObservationRepository.ObservationRepository).analyze()
          const sql = yield* SqlClient
          const rows = yield* sql.unsafe<{ readonly "QUERY PLAN": string }>(
            `EXPLAIN ${ObservationRepository.dashboardSql}`,
            [["suite-explain-7"], ["2024-Q1", "2024-Q2"], members],
          )
          return rows.map((r) => r["QUERY PLAN"]).join("\n")
        }),
      )
      expect(plan).not.toMatch(/Seq Scan on observations\b/)
      expect(plan).toMatch(/Index (Only )?Scan using observations_by_cell|Bitmap Index Scan on observations_by_cell/)
    })

    it("the schema has no column for a BSN, name, address or birth date, and person data only as pseudonyms", async () => {
      const { columns, checks } = await run(
        Effect.gen(function* () {
          const sql = yield* SqlClient
          const columns = yield* sql<{ readonly table: string; readonly column: string }>`
            SELECT table_name AS table, column_name AS column FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`
          const checks = yield* sql<{ readonly def: string }>`
            SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
            WHERE conrelid = to_regclass('person_events') AND contype = 'c'`
          return { columns, checks: checks.map((c) => c.def) }
        }),
      )
      const personal =
        /bsn|burgerservice|birth|geboorte|first_?name|last_?name|surname|initials|address|adres|postcode|street|phone|email/i
      expect(columns.filter((c) => personal.test(c.column))).toEqual([])
      expect(columns.filter((c) => c.table === "person_events").map((c) => c.column)).toEqual([
        "delivery",
        "person",
        "kind",
        "event_date",
        "municipality",
        "category",
        "reason",
        "source",
        "allocation",
        "correction",
        "origin_file",
        "origin_message",
        "origin_line",
        "seq",
        "superseded_by",
      ])
      // Every text column of person_events is held to a format that cannot carry a name or a BSN.
      for (const column of [
        "person",
        "kind",
        "municipality",
        "category",
        "reason",
        "source",
        "allocation",
        "origin_file",
      ]) {
        expect(checks.some((c) => c.includes(`(${column} `) || c.includes(`(${column})::`))).toBe(true)
      }
      const bsnAsPseudonym = await run(
        Effect.gen(function* () {
          const sql = yield* SqlClient
          return yield* sql`INSERT INTO person_events (delivery, person, kind, event_date, municipality, source)
            VALUES (0, '999900006', 'support-started', '2024-01-01', 'GM0402', 'test')`.pipe(
            Effect.as("stored"),
            Effect.catchTag("SqlError", (e) => Effect.succeed(e.reason._tag)),
          )
        }),
      )
      expect(bsnAsPseudonym).toBe("ConstraintError")
      // A BSN in a rejection is masked before it is stored, and the database refuses one written there directly.
      const bsnInRejection = await run(
        Effect.gen(function* () {
          const stored = yield* (yield* DeliveryRepository.DeliveryRepository).store(
            intake(
              [],
              [
                Delivery.Rejection.make({
                  location: Delivery.Location.make({ file: "levering.csv", line: 1 }),
                  rule: "bsn-eleven-test",
                  message: Delivery.Message.make({ nl: "BSN 999900006 ongeldig", en: "invalid BSN 999900006" }),
                }),
              ],
            ),
          )
          const sql = yield* SqlClient
          const kept = yield* sql<{ readonly text: string; readonly delivery: number }>`
            SELECT r.rejection::text AS text, r.delivery FROM delivery_rejections r JOIN deliveries d ON d.id = r.delivery
            WHERE d.source_hash = ${stored.summary.sourceHash}`
          const direct = yield* sql`INSERT INTO delivery_rejections (delivery, ordinal, rule, rejection)
            VALUES (${kept[0]?.delivery ?? 0}, 2, 'bsn-eleven-test', '{"message": {"nl": "BSN 999900006"}}'::jsonb)`.pipe(
            Effect.as("stored"),
            Effect.catchTag("SqlError", (e) => Effect.succeed(e.reason._tag)),
          )
          return { texts: kept.map((k) => k.text), direct }
        }),
      )
      expect(bsnInRejection.texts).toHaveLength(1)
      expect(bsnInRejection.texts[0]).toContain("BSN ********* ongeldig")
      expect(bsnInRejection.texts[0]).not.toContain("999900006")
      expect(bsnInRejection.direct).toBe("ConstraintError")
    })

    it("API tokens are stored hashed, and expired or revoked tokens no longer verify", async () => {
      const result = await run(
        Effect.gen(function* () {
          const tokens = yield* ApiTokenRepository.ApiTokenRepository
          const live = yield* tokens.issue({
            partner: "test-partner" as never,
            scopes: ["deliver"],
            label: "suite",
            expiresAt: Date.now() + 3_600_000,
          })
          const expired = yield* tokens.issue({ scopes: ["read"], label: "suite", expiresAt: Date.now() - 1 })
          const sql = yield* SqlClient
          const stored = yield* sql<{
            readonly h: string
          }>`SELECT token_hash AS h FROM api_tokens WHERE id = ${live.token.id}`
          const beforeRevoke = yield* tokens.verify(live.secret)
          const revoked = yield* tokens.revoke(live.token.id)
          return {
            hashed: stored[0]?.h === ApiTokenRepository.hashSecret(live.secret) && stored[0]?.h !== live.secret,
            live: Option.map(beforeRevoke, (t) => t.scopes),
            afterRevoke: Option.isSome(yield* tokens.verify(live.secret)),
            expired: Option.isSome(yield* tokens.verify(expired.secret)),
            wrong: Option.isSome(yield* tokens.verify(`${live.secret}x`)),
            revoked,
            revokedAgain: yield* tokens.revoke(live.token.id),
          }
        }),
      )
      expect(result).toEqual({
        hashed: true,
        live: Option.some(["deliver"]),
        afterRevoke: false,
        expired: false,
        wrong: false,
        revoked: true,
        revokedAgain: false,
      })
    })

    it("a delivery and a recorded read appear in the processing log with who, what, when and why", async () => {
      const input = intake([observation("suite-log", "GM0402", "2024-Q1", 1)])
      const entries = await run(
        Effect.gen(function* () {
          const since = Date.now() - 60_000
          yield* (yield* DeliveryRepository.DeliveryRepository).store(input)
          const log = yield* ProcessingLog.ProcessingLog
          yield* log.record({
            actor: "user:officer",
            action: "read",
            subject: "indicator suite-log",
            purpose: "dashboard",
          })
          return (yield* log.list({ since, limit: 10_000 })).filter((e) =>
            [`delivery ${input.header.sourceHash}`, "indicator suite-log"].includes(e.subject),
          )
        }),
      )
      expect(entries.map((e) => [e.actor, e.action, e.purpose])).toEqual([
        ["partner:test-partner", "write", "test intake"],
        ["user:officer", "read", "dashboard"],
      ])
      for (const e of entries) expect(Math.abs(e.at - Date.now())).toBeLessThan(60_000)
    })

    it("plan-side entities round-trip through their Schema, per plan, and can be replaced and removed", async () => {
      class Note extends Schema.Class<Note>("Note")({ id: Schema.String, plan: Schema.String, text: Schema.String }) {}
      const notes = PlanRepository.entity({
        kind: "action",
        schema: Note,
        id: (n) => n.id,
        plan: (n) => n.plan,
      })
      const result = await run(
        Effect.gen(function* () {
          const repo = yield* PlanRepository.PlanRepository
          yield* repo.put(notes, Note.make({ id: "suite-a", plan: "suite-plan", text: "eerste" }))
          yield* repo.put(notes, Note.make({ id: "suite-b", plan: "suite-plan", text: "tweede" }))
          yield* repo.put(notes, Note.make({ id: "suite-a", plan: "suite-plan", text: "herzien" }))
          const listed = yield* repo.list(notes, "suite-plan")
          const removed = yield* repo.remove("action", "suite-b")
          return { listed: listed.map((n) => n.text), removed, b: yield* repo.get(notes, "suite-b") }
        }),
      )
      expect(result).toEqual({ listed: ["herzien", "tweede"], removed: true, b: Option.none() })
    })
  })

for (const backend of backends("suite")) repositorySuite(backend)
