/**
 * What an OpenID Connect sign-in's claims mean to Baken, as pure functions: `parseRoles` reads `BAKEN_OIDC_ROLES`
 * (claim value → Baken caller), `callerOf` maps a person's claims to the caller they act as (the most trusted audience
 * among their matching values wins; none is no access), and `personOf` keeps of a person only what the processing log
 * and the session need: the subject (`oidc:<sub>`) and a name or e-mail address. Claims come from another system and
 * are read as untrusted JSON: any shape, any size.
 */

import type { KeyObject } from "node:crypto"
import { type Audience, Pseudonyms } from "@baken/api"
import { BsnShape, type Ids } from "@baken/domain"

/** What a claim value stands for: an audience, and the municipality or partner it belongs to. */
export type Role =
  | { readonly audience: "admin" }
  | { readonly audience: "region" }
  | { readonly audience: "municipality"; readonly municipality: Ids.MunicipalityCode }
  | { readonly audience: "partner"; readonly partner: Ids.PartnerId }

/** One line of the mapping: a claim value and the role it gives. */
export interface RoleRule {
  readonly value: string
  readonly role: Role
}

/** The mapping, in the order `BAKEN_OIDC_ROLES` lists it. */
export type RoleMap = ReadonlyArray<RoleRule>

/** A mapping that cannot be read; `message` is one Dutch line naming the item. */
export class RolesError extends Error {
  readonly _tag = "RolesError"
}

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const municipalityCode = /^GM\d{4}$/

/** The most trusted audience first: that is the one a person with several matching values gets. */
const trust: Readonly<Record<Role["audience"], number>> = { admin: 4, region: 3, municipality: 2, partner: 1 }

/**
 * Reads `value=target,value=target,…` where target is `admin`, `region`, `municipality:GM0406` or
 * `partner:<slug>`. Values are compared exactly (case and all) and hold no comma; the last `=` of an item separates
 * value and target, so a value may contain `=`. `municipalities` are the codes a municipality target may name.
 */
export const parseRoles = (raw: string, municipalities: ReadonlyArray<string>): RoleMap => {
  const items = raw
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
  if (items.length === 0) {
    throw new RolesError(
      "BAKEN_OIDC_ROLES is leeg: noem welke groepen of rollen toegang geven, bijvoorbeeld baken-regio=region,baken-huizen=municipality:GM0406",
    )
  }
  const seen = new Set<string>()
  return items.map((item, index) => {
    const where = `BAKEN_OIDC_ROLES, onderdeel ${index + 1} ("${item}")`
    const at = item.lastIndexOf("=")
    if (at <= 0 || at === item.length - 1) {
      throw new RolesError(`${where}: schrijf waarde=doel, bijvoorbeeld baken-regio=region`)
    }
    const value = item.slice(0, at).trim()
    const target = item.slice(at + 1).trim()
    if (seen.has(value)) throw new RolesError(`${where}: de waarde "${value}" staat er al eerder in`)
    seen.add(value)
    const role = roleOf(target)
    if (role === undefined) {
      throw new RolesError(
        `${where}: het doel "${target}" is geen admin, region, municipality:GM0000 of partner:<partner-id>`,
      )
    }
    if (role.audience === "municipality" && !municipalities.includes(role.municipality)) {
      throw new RolesError(
        `${where}: ${role.municipality} is geen gemeente van de regio (wel: ${municipalities.join(", ")})`,
      )
    }
    return { value, role }
  })
}

const roleOf = (target: string): Role | undefined => {
  if (target === "admin" || target === "region") return { audience: target }
  const [kind, id = "", ...rest] = target.split(":")
  if (rest.length > 0) return undefined
  if (kind === "municipality" && municipalityCode.test(id)) {
    return { audience: "municipality", municipality: id as Ids.MunicipalityCode }
  }
  if (kind === "partner" && slug.test(id) && id.length <= 100)
    return { audience: "partner", partner: id as Ids.PartnerId }
  return undefined
}

/** A claim of `claims` by name: the claim itself, or else a dotted path into objects (`realm_access.roles`). */
export const claimAt = (claims: unknown, name: string): unknown => {
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) return undefined
  if (Object.hasOwn(claims, name)) return (claims as Record<string, unknown>)[name]
  const dot = name.indexOf(".")
  if (dot <= 0 || dot === name.length - 1) return undefined
  const head = name.slice(0, dot)
  return Object.hasOwn(claims, head)
    ? claimAt((claims as Record<string, unknown>)[head], name.slice(dot + 1))
    : undefined
}

/** The string values of a claim: a string is one value, an array its strings; anything else has none. */
export const valuesOf = (claim: unknown): ReadonlyArray<string> =>
  typeof claim === "string"
    ? [claim]
    : Array.isArray(claim)
      ? claim.filter((v): v is string => typeof v === "string")
      : []

/**
 * The caller a person with `claims` acts as under `roles`, by the claim `claimName`; undefined when no value of it
 * is in the mapping. Of several matching values the most trusted audience wins (admin, region, municipality,
 * partner); of two with the same audience, the one listed first in the mapping.
 */
export const callerOf = (claims: unknown, claimName: string, roles: RoleMap): Audience.Caller | undefined => {
  const held = new Set(valuesOf(claimAt(claims, claimName)))
  let best: Role | undefined
  for (const rule of roles) {
    if (!held.has(rule.value)) continue
    if (best === undefined || trust[rule.role.audience] > trust[best.audience]) best = rule.role
  }
  return best === undefined ? undefined : { ...best }
}

/** Who signed in, as Baken keeps it: never more than the subject and a name or e-mail address. */
export interface Person {
  /**
   * `oidc:<issuer>#<sub>`; `oidc:<issuer>#sha256:<hash>` when the provider's `sub` is long, odd or looks like a BSN,
   * and `oidc:sha256:<hash>` when the issuer itself would put nine digits or too many characters in the log.
   */
  readonly subject: string
  /** A name or e-mail address to show and log, or a plain description when the provider gives neither. */
  readonly label: string
}

// Nine digits in one run look like a BSN (`BsnShape`): the store refuses them in free text where they do not touch a
// letter, and Baken keeps none of staff.
const plainSub = /^[A-Za-z0-9._@:|+-]{1,200}$/
// Control and format characters (bidirectional overrides such as U+202E, zero-width characters): a name with them could
// show as another name on the admin's pages.
const control = /[\p{Cc}\p{Cf}\u2028\u2029]/gu
const hasControl = /[\p{Cc}\p{Cf}\u2028\u2029]/u

const cleaned = (value: unknown, max: number): string | undefined => {
  if (typeof value !== "string") return undefined
  const text = value.replace(control, " ").replace(/\s+/g, " ").trim()
  if (text === "" || text.length > max || BsnShape.refusedByGuard(text)) return undefined
  return text
}

/**
 * The subject and label of a person from the claims of their ID token. The subject names the issuer too (a `sub` is
 * unique per provider only); a hash keyed with the server's identifier key (`key`) stands in for what is not kept as
 * it is, so the same person gets the same subject at every sign-in. Undefined when there is no `sub`.
 */
export const personOf = (claims: unknown, issuer: string, key: KeyObject): Person | undefined => {
  const sub = claimAt(claims, "sub")
  if (typeof sub !== "string" || sub === "") return undefined
  const iss = issuer.replace(/\/$/, "")
  // Keyed with the server's identifier key: an unkeyed hash of a nine-digit id is reversed by trying all of them.
  const hash = `hmac:${Pseudonyms.hashIdentifier(key, `${iss}\n${sub}`).slice(0, 32)}`
  const issuerKept = iss.length <= 200 && !BsnShape.refusedByGuard(iss) && !hasControl.test(iss)
  const subject = !issuerKept
    ? `oidc:${hash}`
    : plainSub.test(sub) && !BsnShape.refusedByGuard(sub)
      ? `oidc:${iss}#${sub}`
      : `oidc:${iss}#${hash}`
  const label =
    cleaned(claimAt(claims, "name"), 200) ??
    cleaned(claimAt(claims, "email"), 254) ??
    cleaned(claimAt(claims, "preferred_username"), 200) ??
    "medewerker (inlog via organisatie)"
  return { subject, label }
}
