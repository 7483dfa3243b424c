/**
 * Every identifier of the domain, branded once, here, so that a municipality code can never be passed where a
 * partner id is expected. Municipalities use their CBS code, partners a stable slug; the rest are slugs as well.
 */
import { Schema } from "effect"

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const Slug = Schema.String.check(
  Schema.isPattern(slug, { message: "expected a slug of lower-case letters, digits and single hyphens" }),
  Schema.isMaxLength(80),
)

/** A municipality's CBS code, e.g. `GM0402` for Hilversum. */
export const MunicipalityCode = Schema.String.check(
  Schema.isPattern(/^GM\d{4}$/, { message: "expected a CBS municipality code like GM0402" }),
).pipe(Schema.brand("MunicipalityCode"))
export type MunicipalityCode = typeof MunicipalityCode.Type

/** A region's id, e.g. `gooi-en-vechtstreek`. */
export const RegionId = Slug.pipe(Schema.brand("RegionId"))
export type RegionId = typeof RegionId.Type

/** A plan's id, e.g. `bo-2022-2025`. */
export const PlanId = Slug.pipe(Schema.brand("PlanId"))
export type PlanId = typeof PlanId.Type

/** A programme's id within the domain, e.g. `preventie-en-perspectief`. */
export const ProgrammeId = Slug.pipe(Schema.brand("ProgrammeId"))
export type ProgrammeId = typeof ProgrammeId.Type

/** A goal's id. */
export const GoalId = Slug.pipe(Schema.brand("GoalId"))
export type GoalId = typeof GoalId.Type

/** An action's id. */
export const ActionId = Slug.pipe(Schema.brand("ActionId"))
export type ActionId = typeof ActionId.Type

/** A milestone's id. */
export const MilestoneId = Slug.pipe(Schema.brand("MilestoneId"))
export type MilestoneId = typeof MilestoneId.Type

/** An indicator's id, e.g. `bw-instroom`. */
export const IndicatorId = Slug.pipe(Schema.brand("IndicatorId"))
export type IndicatorId = typeof IndicatorId.Type

/** A partner's stable slug, e.g. `veilig-thuis-gooi-en-vechtstreek`. */
export const PartnerId = Slug.pipe(Schema.brand("PartnerId"))
export type PartnerId = typeof PartnerId.Type

/** An adapter's id, e.g. `iwmo`, `cbs-statline`. */
export const AdapterId = Slug.pipe(Schema.brand("AdapterId"))
export type AdapterId = typeof AdapterId.Type

/** An AGB code: the 8-digit Dutch identifier of a care provider. */
export const AgbCode = Schema.String.check(
  Schema.isPattern(/^\d{8}$/, { message: "expected an AGB code of 8 digits" }),
).pipe(Schema.brand("AgbCode"))
export type AgbCode = typeof AgbCode.Type

/** A KvK number: the 8-digit Chamber of Commerce registration number. */
export const KvkNumber = Schema.String.check(
  Schema.isPattern(/^\d{8}$/, { message: "expected a KvK number of 8 digits" }),
).pipe(Schema.brand("KvkNumber"))
export type KvkNumber = typeof KvkNumber.Type

/**
 * A keyed pseudonym for a person: 64 lower-case hex characters (HMAC-SHA-256). It is the only way a person appears
 * past an adapter; it cannot hold a BSN (9 digits) or a name.
 */
export const Pseudonym = Schema.String.check(
  Schema.isPattern(/^[0-9a-f]{64}$/, { message: "expected a pseudonym of 64 hexadecimal characters" }),
).pipe(Schema.brand("Pseudonym"))
export type Pseudonym = typeof Pseudonym.Type

/** A delivery's source hash: SHA-256 of the bytes a partner delivered, 64 lower-case hex characters. */
export const SourceHash = Schema.String.check(
  Schema.isPattern(/^[0-9a-f]{64}$/, { message: "expected a SHA-256 hash of 64 hexadecimal characters" }),
).pipe(Schema.brand("SourceHash"))
export type SourceHash = typeof SourceHash.Type

/**
 * A document's kenmerk (reference number) in a region's records, e.g. `21.0008702` in Gooi en Vechtstreek or
 * `ZK/2023/0412` elsewhere. Each region numbers its documents its own way, so the brand only asks for a short line of
 * letters, digits and the usual separators; the region's own pattern (`KenmerkPattern`, in its definition) is checked
 * where the region is known.
 */
export const Kenmerk = Schema.String.check(
  Schema.isPattern(/^[\p{L}\p{N}](?:[\p{L}\p{N} ./_:#()-]{0,38}[\p{L}\p{N})])?$/u, {
    message:
      "expected a kenmerk of 1 to 40 letters, digits, spaces and . / - _ : # ( ), beginning with a letter or digit",
  }),
).pipe(Schema.brand("Kenmerk"))
export type Kenmerk = typeof Kenmerk.Type

/** How a region numbers its documents: a regular expression over the whole kenmerk, with an example that fits it. */
export class KenmerkPattern extends Schema.Class<KenmerkPattern>("KenmerkPattern")(
  Schema.Struct({
    /** The regular expression (JavaScript syntax, without slashes), matched against the whole kenmerk. */
    regex: Schema.String.check(
      Schema.isMinLength(1, { message: "expected a regular expression" }),
      Schema.isMaxLength(200, { message: "expected a regular expression of at most 200 characters" }),
      Schema.makeFilter((s: string) => compiles(s) || `"${s}" is no valid regular expression`),
      // A repeated group inside a repetition, `(a+)+`, can take ages to check: a pattern of a kenmerk needs none.
      Schema.makeFilter(
        (s: string) =>
          !/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/.test(s) ||
          "expected a pattern without a repeated group inside a repetition, such as (a+)+",
      ),
    ),
    /** A kenmerk that fits, for messages: `21.0008702`. */
    example: Kenmerk,
  }).check(
    Schema.makeFilter(
      (p) => matchesPattern(p.regex, p.example) || `the example ${p.example} does not fit the pattern ${p.regex}`,
    ),
  ),
) {}

const compiles = (regex: string): boolean => {
  try {
    new RegExp(`^(?:${regex})$`, "u")
    return true
  } catch {
    return false
  }
}

const matchesPattern = (regex: string, kenmerk: string): boolean => {
  try {
    return new RegExp(`^(?:${regex})$`, "u").test(kenmerk)
  } catch {
    return false
  }
}

/** Whether `kenmerk` fits the region's `pattern`. */
export const fitsPattern = (pattern: KenmerkPattern, kenmerk: string): boolean => matchesPattern(pattern.regex, kenmerk)
