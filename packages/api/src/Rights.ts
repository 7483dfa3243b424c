/**
 * A partner's delivery rights as the API applies them: the ones the region set, or the default from the partner's
 * adapters and the indicator catalogue; and the admission check a delivery's records pass, built from those rights,
 * the catalogue, the region and the stored plans. Upload and push both take their check from here.
 */
import { Admission, DeliveryRights, type Ids } from "@baken/domain"
import { PlanRepository } from "@baken/store"
import { Effect, Option } from "effect"
import { Forbidden } from "./ApiError.js"
import { Reference } from "./Environment.js"
import * as Entities from "./PlanEntities.js"

/** The partner's rights (stored, or the default), or none when the region does not know the partner. */
export const rightsOf = Effect.fn("Rights.rightsOf")(function* (partner: Ids.PartnerId) {
  const repo = yield* PlanRepository.PlanRepository
  const stored = yield* repo.get(Entities.deliveryRights, partner)
  if (Option.isSome(stored)) return stored
  const known = yield* repo.get(Entities.partner, partner)
  if (Option.isNone(known)) return Option.none<DeliveryRights.DeliveryRights>()
  return Option.some(DeliveryRights.defaultFor(known.value, yield* repo.list(Entities.anyPlanIndicator)))
})

/**
 * The check every record of `partner`'s delivery through `adapter` must pass; refuses the whole delivery, in Dutch,
 * when the region does not know the partner or did not assign it the adapter.
 */
export const admissionFor = Effect.fn("Rights.admissionFor")(function* (
  partner: Ids.PartnerId,
  adapter: Ids.AdapterId,
) {
  const rights = yield* rightsOf(partner)
  if (Option.isNone(rights)) {
    return yield* new Forbidden({
      reason: `Partner ${partner} is bij de regio niet bekend en kan nog niets leveren; vraag de regio de partner vast te leggen.`,
    })
  }
  if (!DeliveryRights.allowsAdapter(rights.value, adapter)) {
    const own = rights.value.adapters.join(", ") || "geen"
    return yield* new Forbidden({
      reason: `Partner ${partner} levert niet via adapter ${adapter}; de regio heeft deze partner toegewezen: ${own}.`,
    })
  }
  const repo = yield* PlanRepository.PlanRepository
  const catalogue = Admission.catalogueOf(yield* repo.list(Entities.anyPlanIndicator))
  const plans = (yield* repo.list(Entities.plan)).map((r) => r.plan)
  const { region } = yield* Reference
  return Admission.check({ rights: rights.value, adapter, catalogue, region, plans })
})
