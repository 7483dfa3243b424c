/**
 * Commitments: which partner takes part in which action, as owner or contributor. They are derived from the actions
 * (never kept twice), so a partner's page and an action's page always agree.
 */
import { Schema } from "effect"
import type { Action } from "./Action.js"
import { ActionId, PartnerId } from "./Ids.js"

/** The part a partner plays in an action. */
export const Role = Schema.Literals(["owner", "contributor"])
export type Role = typeof Role.Type

/** A partner's commitment to an action. */
export class Commitment extends Schema.Class<Commitment>("Commitment")({
  partner: PartnerId,
  action: ActionId,
  role: Role,
}) {}

/** Every commitment the actions imply: one per owner and one per distinct contributor (an owner is not also listed as contributor). */
export const fromActions = (actions: ReadonlyArray<Action>): ReadonlyArray<Commitment> =>
  actions.flatMap((a) => [
    new Commitment({ partner: a.owner, action: a.id, role: "owner" }),
    ...[...new Set(a.contributors)]
      .filter((p) => p !== a.owner)
      .map((partner) => new Commitment({ partner, action: a.id, role: "contributor" })),
  ])

/** The commitments of `partner`. */
export const ofPartner = (commitments: ReadonlyArray<Commitment>, partner: PartnerId): ReadonlyArray<Commitment> =>
  commitments.filter((c) => c.partner === partner)

/** The commitments to `action`. */
export const toAction = (commitments: ReadonlyArray<Commitment>, action: ActionId): ReadonlyArray<Commitment> =>
  commitments.filter((c) => c.action === action)
