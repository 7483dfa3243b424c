/**
 * Domains a plan links Bescherming en Opvang with so that residents are helped better and earlier: the 2022-2025 plan
 * of Gooi en Vechtstreek connects beschermd wonen and opvang with schuldhulpverlening, veiligheid and werk. The list is
 * open: the national ones below are the defaults, and a region names its own in its definition (`inkomen`,
 * `onderwijs`, …).
 */
import { Schema } from "effect"
import * as Text from "./Text.js"

/** The linked domains every region knows without naming them: those of the national B&O practice. */
export const nationalIds = ["schuldhulpverlening", "veiligheid", "werk"] as const

/** The id of a linked domain: a slug, one of `nationalIds` or one a region defines. */
export const LinkedDomainId = Schema.String.check(
  Schema.isPattern(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: "expected a linked domain as a slug of lower-case letters, digits and single hyphens",
  }),
  Schema.isMaxLength(80),
)
export type LinkedDomainId = typeof LinkedDomainId.Type

/** A linked domain with its Dutch name and its meaning in English. */
export class LinkedDomain extends Schema.Class<LinkedDomain>("LinkedDomain")({
  id: LinkedDomainId,
  /** The Dutch name as used in letters. */
  name: Text.Line,
  /** What it means, in English. */
  meaning: Text.Paragraphs,
}) {}

/** The national linked domains, with their Dutch names. */
export const national: ReadonlyArray<LinkedDomain> = [
  new LinkedDomain({ id: "schuldhulpverlening", name: "schuldhulpverlening", meaning: "debt counselling" }),
  new LinkedDomain({ id: "veiligheid", name: "veiligheid", meaning: "safety" }),
  new LinkedDomain({ id: "werk", name: "werk", meaning: "work" }),
]

/** The national linked domains followed by a region's own (a region's entry replaces a national one of its id). */
export const withNational = (own: ReadonlyArray<LinkedDomain>): ReadonlyArray<LinkedDomain> => [
  ...national.filter((n) => !own.some((o) => o.id === n.id)),
  ...own,
]
