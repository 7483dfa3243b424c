/**
 * The vocabulary of Bescherming en Opvang as the sources use it: the six Wmo task areas, the domains the 2022-2025
 * plan links with, and the kinds of partner.
 */
import { AdapterId } from "@baken/domain/Ids"
import * as LinkedDomain from "@baken/domain/LinkedDomain"
import * as Partner from "@baken/domain/Partner"
import * as TaskArea from "@baken/domain/TaskArea"

/** The six task areas, in the order the 2021 letter names them. */
export const taskAreas: ReadonlyArray<TaskArea.TaskArea> = TaskArea.national

/** The domains the 2022-2025 plan links with: the national ones. */
export const linkedDomains: ReadonlyArray<LinkedDomain.LinkedDomain> = LinkedDomain.national

const adapters: Partial<Record<Partner.Kind, ReadonlyArray<string>>> = {
  zorgaanbieder: ["iwmo"],
  "veilig-thuis": ["veilig-thuis"],
  gemeente: ["iwmo", "vroegsignalering", "detentie"],
}

/** Every kind of partner with its Dutch name and the adapters the project defines for it. */
export const partnerKinds: ReadonlyArray<Partner.KindDescription> = Partner.nationalKinds.map(
  (kind) =>
    new Partner.KindDescription({
      kind,
      name: Partner.kindNl(kind),
      adapters: (adapters[kind] ?? []).map((a) => AdapterId.make(a)),
    }),
)
