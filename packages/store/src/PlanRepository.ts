/**
 * The plan side: plans, partners, programmes, goals, actions, indicators, targets, budgets. Each
 * is stored as the domain Schema encodes it (JSONB), under its kind and id, with the plan it belongs to beside it
 * for queries; reading decodes with the same Schema. Callers pass the domain Schema, so this repository follows the
 * domain's model without a migration for every field it gains.
 */
import { Clock, Context, Effect, Layer, Option, Schema } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import * as DataVersion from "./DataVersion.js"
import { decode, orStoreError } from "./Rows.js"
import type { StoreError } from "./StoreError.js"

/** The kinds of plan-side entity the store keeps (council decisions are a history of their own: `CouncilDecisionRepository`). */
export const Kind = Schema.Literals([
  "plan",
  "partner",
  "programme",
  "goal",
  "action",
  "indicator",
  "target",
  "commitment",
  "budget",
  "delivery-schedule",
  "delivery-rights",
  "council-letter",
  "plan-amendment",
])
export type Kind = typeof Kind.Type

/** How to store one kind: its Schema, its id, and the plan it belongs to (null for partners and schedules). */
export interface Entity<S extends Schema.Codec<unknown, unknown>> {
  readonly kind: Kind
  readonly schema: S
  readonly id: (value: S["Type"]) => string
  readonly plan: (value: S["Type"]) => string | null
}

/** Describes how a kind is stored. */
export const entity = <S extends Schema.Codec<unknown, unknown>>(e: Entity<S>): Entity<S> => e

const make = Effect.gen(function* () {
  const sql = yield* SqlClient

  const put = Effect.fn("PlanRepository.put")(function* <S extends Schema.Codec<unknown, unknown>>(
    e: Entity<S>,
    value: S["Type"],
  ) {
    const now = yield* Clock.currentTimeMillis
    const body = JSON.stringify(Schema.encodeSync(e.schema)(value))
    yield* sql
      .unsafe(
        `INSERT INTO plan_entities (kind, id, plan, body, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, to_timestamp($5::float8 / 1000))
         ON CONFLICT (kind, id) DO UPDATE SET plan = excluded.plan, body = excluded.body, updated_at = excluded.updated_at`,
        [e.kind, e.id(value), e.plan(value), body, now],
      )
      .pipe(orStoreError(`storing a ${e.kind}`))
    yield* DataVersion.changed
  })

  const read = <S extends Schema.Codec<unknown, unknown>>(
    e: Entity<S>,
    where: string,
    params: ReadonlyArray<unknown>,
  ) =>
    sql
      .unsafe<{ readonly body: string }>(
        `SELECT body::text AS body FROM plan_entities WHERE kind = $1 ${where} ORDER BY id`,
        [e.kind, ...params],
      )
      .pipe(
        Effect.map((rows) => rows.map((r) => JSON.parse(r.body) as unknown)),
        Effect.flatMap(decode(e.schema, `reading ${e.kind}`)),
        orStoreError(`reading ${e.kind}`),
      )

  const get = Effect.fn("PlanRepository.get")(function* <S extends Schema.Codec<unknown, unknown>>(
    e: Entity<S>,
    id: string,
  ) {
    const rows = yield* read(e, "AND id = $2", [id])
    return Option.fromNullishOr(rows[0] as S["Type"] | undefined)
  })

  const list = Effect.fn("PlanRepository.list")(function* <S extends Schema.Codec<unknown, unknown>>(
    e: Entity<S>,
    plan?: string,
  ) {
    return (yield* plan === undefined ? read(e, "", []) : read(e, "AND plan = $2", [plan])) as ReadonlyArray<S["Type"]>
  })

  const remove = Effect.fn("PlanRepository.remove")(function* (kind: Kind, id: string) {
    const rows = yield* sql`DELETE FROM plan_entities WHERE kind = ${kind} AND id = ${id} RETURNING id`.pipe(
      orStoreError(`removing a ${kind}`),
    )
    if (rows.length > 0) yield* DataVersion.changed
    return rows.length > 0
  })

  return PlanRepository.of({ put, get, list, remove })
})

/** Stores and reads plan-side entities, encoded and decoded with their domain Schemas. */
export class PlanRepository extends Context.Service<
  PlanRepository,
  {
    /** Stores a value under its kind and id, replacing an earlier version. */
    readonly put: <S extends Schema.Codec<unknown, unknown>>(
      entity: Entity<S>,
      value: S["Type"],
    ) => Effect.Effect<void, StoreError>
    /** The value of a kind with this id, if stored. */
    readonly get: <S extends Schema.Codec<unknown, unknown>>(
      entity: Entity<S>,
      id: string,
    ) => Effect.Effect<Option.Option<S["Type"]>, StoreError>
    /** All values of a kind, or those of one plan, ordered by id. */
    readonly list: <S extends Schema.Codec<unknown, unknown>>(
      entity: Entity<S>,
      plan?: string,
    ) => Effect.Effect<ReadonlyArray<S["Type"]>, StoreError>
    /** Removes a value; false when there was none. */
    readonly remove: (kind: Kind, id: string) => Effect.Effect<boolean, StoreError>
  }
>()("@baken/store/PlanRepository") {
  /** The repository over the `SqlClient` in context. */
  static readonly layer = Layer.effect(PlanRepository, make)
}
