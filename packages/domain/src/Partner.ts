/**
 * Partners: the organisations and groups that write and evaluate the plan with the region, carry out its actions
 * and hold the data that shows whether it works. A partner has a kind (the fifteen named in the sources, plus the
 * municipality itself as a deliverer of data, as national defaults; a region may add kinds of its own in its
 * definition), identifiers where it has them (AGB code, KvK number), and the adapters that deliver its data.
 */
import { Schema } from "effect"
import { AdapterId, AgbCode, KvkNumber, MunicipalityCode, PartnerId } from "./Ids.js"
import * as Text from "./Text.js"

/** The fifteen kinds of partner the sources name. */
export const namedKinds = [
  "ervaringsdeskundige-inwoner",
  "adviesraad-sociaal-domein",
  "clientvertegenwoordiger",
  "zorgaanbieder",
  "aanbieder-jeugdzorg",
  "eerste-en-tweedelijnszorg",
  "huisarts",
  "zorg-en-veiligheidshuis",
  "politie",
  "veilig-thuis",
  "ggd",
  "taskforce-huiselijk-geweld-en-kindermishandeling",
  "woningcorporatie",
  "zorgverzekeraar",
  "onderwijs",
] as const

/** The kinds every region knows: the fifteen named in the sources and `gemeente`. */
export const nationalKinds = [...namedKinds, "gemeente"] as const

/**
 * A partner's kind: one of `nationalKinds` (the fifteen named in the sources, or `gemeente` for a municipality that
 * delivers data itself: Wmo back office, schuldhulpverlening and vroegsignalering, nazorg after detention), or a kind a
 * region defines (`reclassering`, `leger-des-heils`, …). A slug.
 */
export const Kind = Schema.String.check(
  Schema.isPattern(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: "expected a partner kind as a slug of lower-case letters, digits and single hyphens",
  }),
  Schema.isMaxLength(80),
)
export type Kind = typeof Kind.Type

/** A national kind. */
export type NationalKind = (typeof nationalKinds)[number]

/** Dutch names of the national kinds, as the sources write them. */
export const nationalKindNl: Record<NationalKind, string> = {
  "ervaringsdeskundige-inwoner": "ervaringsdeskundige inwoners",
  "adviesraad-sociaal-domein": "adviesraden sociaal domein",
  clientvertegenwoordiger: "cliëntvertegenwoordigers",
  zorgaanbieder: "zorgaanbieders",
  "aanbieder-jeugdzorg": "aanbieders van (jeugd)zorg en ondersteuning",
  "eerste-en-tweedelijnszorg": "aanbieders van eerstelijns- en tweedelijnszorg",
  huisarts: "huisartsen",
  "zorg-en-veiligheidshuis": "Zorg- en Veiligheidshuis",
  politie: "politie",
  "veilig-thuis": "Veilig Thuis",
  ggd: "GGD",
  "taskforce-huiselijk-geweld-en-kindermishandeling": "Taskforce Huiselijk Geweld en Kindermishandeling",
  woningcorporatie: "woningcorporaties",
  zorgverzekeraar: "zorgverzekeraars",
  onderwijs: "onderwijs",
  gemeente: "gemeenten",
}

/** Whether `kind` is a national kind. */
export const isNational = (kind: string): kind is NationalKind => Object.hasOwn(nationalKindNl, kind)

/**
 * The Dutch name of a kind: a region's own name for it (`own`, from its definition) first, then the national name,
 * else the slug with spaces.
 */
export const kindNl = (kind: Kind, own: ReadonlyArray<{ readonly kind: string; readonly name: string }> = []): string =>
  own.find((k) => k.kind === kind)?.name ?? (isNational(kind) ? nationalKindNl[kind] : kind.replaceAll("-", " "))

/** A partner of the region. */
export class Partner extends Schema.Class<Partner>("Partner")(
  Schema.Struct({
    id: PartnerId,
    name: Text.requiredLine("partner's name"),
    kind: Kind,
    /** The AGB code, for care providers. */
    agb: Schema.optionalKey(AgbCode),
    /** The KvK number, for organisations registered with the Chamber of Commerce. */
    kvk: Schema.optionalKey(KvkNumber),
    /** For kind `gemeente`: which municipality. */
    municipality: Schema.optionalKey(MunicipalityCode),
    /** The adapters that deliver this partner's data. */
    adapters: Schema.Array(AdapterId),
  }).check(
    Schema.makeFilter(
      (p) =>
        p.kind !== "gemeente" || p.municipality !== undefined || "a partner of kind gemeente names its municipality",
    ),
  ),
) {}

/** The partners whose data `adapter` delivers. */
export const deliveredBy = (partners: ReadonlyArray<Partner>, adapter: AdapterId): ReadonlyArray<Partner> =>
  partners.filter((p) => p.adapters.includes(adapter))

/** The partner with AGB code `agb`, if any. */
export const byAgb = (partners: ReadonlyArray<Partner>, agb: AgbCode): Partner | undefined =>
  partners.find((p) => p.agb === agb)

/** What the sources say about a kind of partner: its Dutch name and the adapters that deliver such partners' data. */
export class KindDescription extends Schema.Class<KindDescription>("KindDescription")({
  kind: Kind,
  name: Text.Line,
  /** The adapters that read this kind of partner's systems, where the project defines them. */
  adapters: Schema.Array(AdapterId),
}) {}
