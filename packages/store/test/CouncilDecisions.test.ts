// Council decisions are a history, on PGlite and on PostgreSQL: a new decision adds a row and never replaces an
// earlier one of the same council on the same plan, even on the same day; reading gives the order of recording. The
// migration to version 7 keeps every decision stored before as a plan-side entity.
import { CalendarDate, CouncilDecision } from "@baken/domain"
import { Effect, Layer, ManagedRuntime, Option } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { serverLayer } from "../src/Database.js"
import { CouncilDecisionRepository, EmbeddedPostgres, Migrations, Store } from "../src/index.js"
import { type Backend, backends, dropSchema, freshSchema, postgresSkipReason, postgresUrl } from "./Backends.js"

const d = CalendarDate.CalendarDate.make
const decision = (
  plan: string,
  municipality: string,
  outcome: CouncilDecision.Outcome,
  date: string,
  reference?: string,
) =>
  new CouncilDecision.CouncilDecision({
    plan: plan as never,
    municipality: municipality as never,
    outcome,
    date: d(date),
    ...(reference === undefined ? {} : { reference }),
  })
const laren2021 = decision("bo-2022-2025", "GM0417", "adopted", "2021-12-14", "test-2021")
const laren2024 = decision("bo-2022-2025", "GM0417", "rejected", "2024-03-05", "test-2024")
const huizen = decision("bo-2022-2025", "GM0406", "adopted", "2021-11-04")
const other = decision("bo-2017-2020", "GM0417", "adopted", "2017-06-01")

const Repo = CouncilDecisionRepository.CouncilDecisionRepository

const suite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`council decisions on ${backend.name}`, () => {
    let runtime: ManagedRuntime.ManagedRuntime<Store.Services, unknown>
    const run = <A, E>(effect: Effect.Effect<A, E, Store.Services>) => runtime.runPromise(effect)

    beforeAll(async () => {
      runtime = ManagedRuntime.make(Store.layer(backend.config(), { onOpen: "migrate" }))
      await runtime.runPromise(Effect.void)
    })
    afterAll(async () => {
      await runtime?.dispose()
      await backend.cleanup()
    })

    it("a new decision adds a row: Laren's 2021 adoption stays when Laren rejects in 2024, in recording order", async () => {
      await run(Repo.use((r) => Effect.forEach([laren2021, huizen, other, laren2024], r.record)))
      const plan = await run(Repo.use((r) => r.list({ plan: "bo-2022-2025" })))
      expect(plan).toEqual([laren2021, huizen, laren2024])
      const laren = await run(Repo.use((r) => r.list({ plan: "bo-2022-2025", municipality: "GM0417" })))
      expect(laren).toEqual([laren2021, laren2024])
      expect(await run(Repo.use((r) => r.list({ municipality: "GM0417" })))).toEqual([laren2021, other, laren2024])
    })

    it("two decisions of one council on the same day are both kept, the later recorded last", async () => {
      const first = decision("bo-same-day", "GM0402", "postponed", "2023-05-01")
      const second = decision("bo-same-day", "GM0402", "adopted", "2023-05-01")
      await run(Repo.use((r) => Effect.andThen(r.record(first), r.record(second))))
      const stored = await run(Repo.use((r) => r.list({ plan: "bo-same-day" })))
      expect(stored).toEqual([first, second])
      const counting = CouncilDecision.latest(stored, first.plan, first.municipality, d("2023-05-01"))
      expect(Option.getOrUndefined(counting)?.outcome).toBe("adopted")
    })

    it("recordOnce adds a decision the plan does not hold yet, and nothing when it holds the very same one", async () => {
      const demo = decision("bo-once", "GM0376", "adopted", "2021-11-16", "demo-2021-11-16")
      expect(await run(Repo.use((r) => r.recordOnce(demo)))).toBe(true)
      expect(await run(Repo.use((r) => r.recordOnce(demo)))).toBe(false)
      expect(await run(Repo.use((r) => r.list({ plan: "bo-once" })))).toEqual([demo])
    })
  })

for (const backend of backends("decisions")) suite(backend)

/** A database at version 6 with decisions stored the old way, then migrated to the latest version. */
const migrationSuite = (name: string, skip: string | undefined, layer: () => Layer.Layer<SqlClient, unknown>) =>
  describe.skipIf(skip !== undefined)(`the migration to version 7 on ${name}`, () => {
    it("moves every decision stored as a plan-side entity into the history, oldest recorded first", async () => {
      const runtime = ManagedRuntime.make(
        Layer.provideMerge(CouncilDecisionRepository.CouncilDecisionRepository.layer, layer()),
      )
      try {
        const stored = await runtime.runPromise(
          Effect.gen(function* () {
            const sql = yield* SqlClient
            yield* Migrations.migrate({ migrations: Migrations.all.filter((m) => m.version <= 6) })
            const old = (id: string, value: CouncilDecision.CouncilDecision, at: string) =>
              sql.unsafe(
                `INSERT INTO plan_entities (kind, id, plan, body, updated_at) VALUES ('council-decision', $1, $2, $3::jsonb, $4::timestamptz)`,
                [id, value.plan, JSON.stringify(value), at],
              )
            yield* old("bo-2022-2025:GM0417:2024-03-05", laren2024, "2024-03-06T10:00:00Z")
            yield* old("bo-2022-2025:GM0417:2021-12-14", laren2021, "2021-12-15T10:00:00Z")
            yield* old("bo-2022-2025:GM0406:2021-11-04", huizen, "2021-11-05T10:00:00Z")
            const report = yield* Migrations.migrate()
            expect(report.applied).toContain(7)
            const left = yield* sql<{
              readonly n: number
            }>`SELECT count(*)::int AS n FROM plan_entities WHERE kind = 'council-decision'`
            expect(left[0]?.n).toBe(0)
            return yield* (yield* CouncilDecisionRepository.CouncilDecisionRepository).list({ plan: "bo-2022-2025" })
          }),
        )
        expect(stored).toEqual([huizen, laren2021, laren2024])
      } finally {
        await runtime.dispose()
      }
    })
  })

migrationSuite("PGlite", undefined, () => EmbeddedPostgres.layer({}))
const schema = freshSchema("decisions_migration")
migrationSuite("PostgreSQL", postgresSkipReason, () =>
  serverLayer({ _tag: "Server", url: postgresUrl, schema, maxConnections: 2 }),
)
afterAll(() => (postgresSkipReason === undefined ? dropSchema(schema) : Promise.resolve()))
