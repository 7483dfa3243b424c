/**
 * Council decisions as a history: every decision recorded is a row of its own, in the order it was recorded, and a
 * later decision of the same council on the same plan (even on the same day) never replaces an earlier one. Reading
 * gives the decisions in recording order, which is what `CouncilDecision.latest` and `history` need to tell which
 * one counts ("of two on the same day, the later recorded").
 */
import { CouncilDecision } from "@baken/domain"
import { Clock, Context, Effect, Layer, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import * as DataVersion from "./DataVersion.js"
import { decode, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** Which decisions to read: those on one plan, of one municipality, or both (absent: all). */
export interface Filter {
  readonly plan?: string | undefined
  readonly municipality?: string | undefined
}

const encode = Schema.encodeSync(CouncilDecision.CouncilDecision)

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const insert = (decision: CouncilDecision.CouncilDecision, onlyIfNew: boolean) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const body = JSON.stringify(encode(decision))
      const rows = yield* sql
        .unsafe<{ readonly id: string }>(
          `INSERT INTO council_decisions (plan, municipality, decided_on, body, recorded_at)
           SELECT $1, $2, $3::date, $4::jsonb, to_timestamp($5::float8 / 1000)
           ${onlyIfNew ? "WHERE NOT EXISTS (SELECT 1 FROM council_decisions WHERE plan = $1 AND body = $4::jsonb)" : ""}
           RETURNING id::text AS id`,
          [decision.plan, decision.municipality, decision.date, body, now],
        )
        .pipe(orStoreError("recording a council decision"))
      // A recorded decision changes the plan's status on public pages: they are rendered again.
      if (rows.length > 0) yield* DataVersion.changed
      return rows.length > 0
    })

  const record = Effect.fn("CouncilDecisionRepository.record")(function* (decision: CouncilDecision.CouncilDecision) {
    yield* insert(decision, false)
  })

  const recordOnce = Effect.fn("CouncilDecisionRepository.recordOnce")(function* (
    decision: CouncilDecision.CouncilDecision,
  ) {
    return yield* insert(decision, true)
  })

  const list = Effect.fn("CouncilDecisionRepository.list")(function* (filter: Filter = {}) {
    return yield* sql
      .unsafe<{ readonly body: string }>(
        `SELECT body::text AS body FROM council_decisions
         WHERE ($1::text IS NULL OR plan = $1) AND ($2::text IS NULL OR municipality = $2)
         ORDER BY id`,
        [filter.plan ?? null, filter.municipality ?? null],
      )
      .pipe(
        Effect.map((rows) => rows.map((r) => JSON.parse(r.body) as unknown)),
        Effect.flatMap(decode(CouncilDecision.CouncilDecision, "reading council decisions")),
        orStoreError("reading council decisions"),
      )
  })

  return CouncilDecisionRepository.of({ record, recordOnce, list })
})

/** Records council decisions as a history and reads them back in the order they were recorded. */
export class CouncilDecisionRepository extends Context.Service<
  CouncilDecisionRepository,
  {
    /** Adds a decision to the history; nothing recorded before is changed. */
    readonly record: (decision: CouncilDecision.CouncilDecision) => Effect.Effect<void, StoreError>
    /**
     * Adds a decision unless the plan's history already holds the very same one (same council, outcome, date and
     * reference); true when it was added. For loading reference or demo data more than once.
     */
    readonly recordOnce: (decision: CouncilDecision.CouncilDecision) => Effect.Effect<boolean, StoreError>
    /** The decisions matching `filter`, in the order they were recorded (oldest first). */
    readonly list: (filter?: Filter) => Effect.Effect<ReadonlyArray<CouncilDecision.CouncilDecision>, StoreError>
  }
>()("@baken/store/CouncilDecisionRepository") {
  /** The repository over the `SqlClient` in context. */
  static readonly layer = Layer.effect(CouncilDecisionRepository, make)
}
