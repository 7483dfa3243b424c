/**
 * Domains a plan links Bescherming en Opvang with so that residents are helped better and earlier: the 2022-2025 plan
 * connects beschermd wonen and opvang with schuldhulpverlening, veiligheid and werk.
 */
import { Schema } from "effect"
import * as Text from "./Text.js"

/** The id of a linked domain. */
export const LinkedDomainId = Schema.Literals(["schuldhulpverlening", "veiligheid", "werk"])
export type LinkedDomainId = typeof LinkedDomainId.Type

/** A linked domain with its Dutch name and its meaning in English. */
export class LinkedDomain extends Schema.Class<LinkedDomain>("LinkedDomain")({
  id: LinkedDomainId,
  /** The Dutch name as used in letters. */
  name: Text.Line,
  /** What it means, in English. */
  meaning: Text.Paragraphs,
}) {}
