/**
 * What a partner may deliver: the adapters the region assigned to it and, for the generic adapters that can carry
 * any figure (the observations CSV), the indicators it may deliver through them. A partner-specific adapter (iWmo,
 * police, Veilig Thuis, …) carries only its own indicators: those the plan's catalogue says it delivers, and the
 * family of ids it emits by itself (`iwmo-…`, `vt-…`). Until the region sets a partner's rights, they follow from the
 * partner's `adapters` and the catalogue.
 */
import { Schema } from "effect"
import { AdapterId, IndicatorId, PartnerId } from "./Ids.js"
import { type Indicator, isComputed, type Unit } from "./Indicator.js"
import type { Partner } from "./Partner.js"

/** The adapters and indicators the region allows one partner. */
export class DeliveryRights extends Schema.Class<DeliveryRights>("DeliveryRights")({
  partner: PartnerId,
  /** The adapters the partner delivers through; any other is refused. */
  adapters: Schema.Array(AdapterId).check(Schema.isMaxLength(100)),
  /** The indicators the partner may deliver through a generic adapter. */
  indicators: Schema.Array(IndicatorId).check(Schema.isMaxLength(1_000)),
}) {}

/** The adapters that carry any indicator of the catalogue, so the region names which ones a partner may deliver. */
export const genericAdapters: ReadonlyArray<AdapterId> = [AdapterId.make("observations-csv")]

/** Whether `adapter` is generic: it carries any indicator the region allows, rather than its own. */
export const isGeneric = (adapter: AdapterId): boolean => genericAdapters.includes(adapter)

/** A family of indicator ids an adapter emits by itself (not in the plan's catalogue), and their unit. */
export interface Family {
  readonly adapter: AdapterId
  readonly prefix: string
  readonly unit: Unit
}

/**
 * The id families of the project's partner-specific adapters, most specific prefix first. They are the ids each
 * adapter's README documents; an adapter not listed here carries only the catalogue's indicators that name it.
 */
export const families: ReadonlyArray<Family> = [
  { adapter: AdapterId.make("iwmo"), prefix: "iwmo-declaratie-bedrag-", unit: "euro-cents" },
  { adapter: AdapterId.make("iwmo"), prefix: "iwmo-", unit: "count" },
  { adapter: AdapterId.make("politie"), prefix: "politie-", unit: "count" },
  { adapter: AdapterId.make("veilig-thuis"), prefix: "vt-", unit: "count" },
  { adapter: AdapterId.make("woningcorporatie"), prefix: "wc-", unit: "count" },
]

/** The rights a partner has until the region sets them: its own adapters and the catalogue indicators they carry. */
export const defaultFor = (partner: Partner, catalogue: ReadonlyArray<Indicator>): DeliveryRights =>
  DeliveryRights.make({
    partner: partner.id,
    adapters: partner.adapters,
    indicators: catalogue.filter((i) => partner.adapters.includes(i.source.adapter) && !isComputed(i)).map((i) => i.id),
  })

/** Whether the partner may deliver through `adapter`. */
export const allowsAdapter = (rights: DeliveryRights, adapter: AdapterId): boolean => rights.adapters.includes(adapter)

/**
 * What an observation's indicator is when `adapter` delivers it for a partner with `rights`: its unit when the
 * delivery may carry it, or why not. `catalogue` maps the plan's indicators by id.
 */
export const indicatorFor = (
  rights: DeliveryRights,
  adapter: AdapterId,
  indicator: IndicatorId,
  catalogue: ReadonlyMap<string, Indicator>,
):
  | { readonly _tag: "Allowed"; readonly unit: Unit }
  | { readonly _tag: "Unknown" }
  | { readonly _tag: "NotAllowed" }
  | { readonly _tag: "Computed" } => {
  const known = catalogue.get(indicator)
  // A rate, a median or a flow measure is computed from other data; nobody delivers it.
  if (known !== undefined && isComputed(known)) return { _tag: "Computed" }
  if (isGeneric(adapter)) {
    if (known === undefined) return { _tag: "Unknown" }
    return rights.indicators.includes(indicator) ? { _tag: "Allowed", unit: known.unit } : { _tag: "NotAllowed" }
  }
  if (known !== undefined) {
    return known.source.adapter === adapter ? { _tag: "Allowed", unit: known.unit } : { _tag: "NotAllowed" }
  }
  const family = families.find((f) => indicator.startsWith(f.prefix))
  if (family === undefined) return { _tag: "Unknown" }
  return family.adapter === adapter ? { _tag: "Allowed", unit: family.unit } : { _tag: "NotAllowed" }
}
