/**
 * Who is calling: the five audiences of the API and the caller a request acts as. A request without a token is the
 * `public`; a token names its audience in its scopes (`audience:region`, `municipality:GM0402`) and a partner token
 * carries the partner it delivers as. The caller is also the "who" of every processing-log entry.
 */
import type { Ids } from "@baken/domain"
import { Schema } from "effect"

/** The audiences, from least to most trusted in what they may read. */
export const Audience = Schema.Literals(["public", "partner", "municipality", "region", "admin"])
export type Audience = typeof Audience.Type

/** Every audience, in table order. */
export const all: ReadonlyArray<Audience> = Audience.literals

/** The caller a request acts as. */
export interface Caller {
  readonly audience: Audience
  /** The partner a `partner` caller delivers as. */
  readonly partner?: Ids.PartnerId | undefined
  /** The municipality a `municipality` caller belongs to. */
  readonly municipality?: Ids.MunicipalityCode | undefined
  /** The id of the token used (never its secret). */
  readonly tokenId?: string | undefined
  /** The id of the dashboard session the request came in (never its secret). */
  readonly sessionId?: string | undefined
  /** Who signed in to that session, for a sign-in through the identity provider: `oidc:<issuer>#<sub>`. */
  readonly person?: string | undefined
  /** How the identity provider names that person (their name, else e-mail or user name), for the page header. */
  readonly personName?: string | undefined
}

/** The caller of a request without a token. */
export const anonymous: Caller = { audience: "public" }

/** The processing log's "who" for a caller, e.g. `partner:veilig-thuis (token 0f3a…)`. */
export const actorOf = (caller: Caller): string => {
  const who =
    caller.audience === "partner"
      ? `partner:${caller.partner ?? "?"}`
      : caller.audience === "municipality"
        ? `municipality:${caller.municipality ?? "?"}`
        : caller.audience
  const how = [
    ...(caller.tokenId === undefined ? [] : [`token:${caller.tokenId}`]),
    ...(caller.person === undefined ? [] : [`person:${caller.person}`]),
    ...(caller.sessionId === undefined ? [] : [`session:${caller.sessionId}`]),
  ]
  return [who, ...how].join(" ")
}

const audienceScope = /^audience:(public|partner|municipality|region|admin)$/
const municipalityScope = /^municipality:(GM\d{4})$/

/** The scopes stored with a token for an audience (and the municipality of a municipality token). */
export const scopesFor = (audience: Audience, municipality?: Ids.MunicipalityCode): ReadonlyArray<string> =>
  municipality === undefined ? [`audience:${audience}`] : [`audience:${audience}`, `municipality:${municipality}`]

/** The caller a stored token acts as, or undefined when its scopes name no valid audience. */
export const fromToken = (token: {
  readonly id: string
  readonly partner: string | null
  readonly scopes: ReadonlyArray<string>
}): Caller | undefined => {
  const audience = token.scopes.map((s) => audienceScope.exec(s)?.[1]).find((a) => a !== undefined) as
    | Audience
    | undefined
  if (audience === undefined) return undefined
  const municipality = token.scopes.map((s) => municipalityScope.exec(s)?.[1]).find((m) => m !== undefined)
  if (audience === "partner" && token.partner === null) return undefined
  if (audience === "municipality" && municipality === undefined) return undefined
  return {
    audience,
    tokenId: token.id,
    ...(audience === "partner" ? { partner: token.partner as Ids.PartnerId } : {}),
    ...(audience === "municipality" ? { municipality: municipality as Ids.MunicipalityCode } : {}),
  }
}

/** The caller a live dashboard session acts as, or undefined when what it stores names no valid audience. */
export const fromSession = (session: {
  readonly id: string
  readonly audience: string
  readonly partner: string | null
  readonly municipality: string | null
  readonly tokenId: string | null
  readonly subject: string
  readonly label: string
}): Caller | undefined => {
  if (!(all as ReadonlyArray<string>).includes(session.audience) || session.audience === "public") return undefined
  const audience = session.audience as Audience
  if (audience === "partner" && session.partner === null) return undefined
  if (audience === "municipality" && (session.municipality === null || !/^GM\d{4}$/.test(session.municipality)))
    return undefined
  return {
    audience,
    sessionId: session.id,
    ...(session.tokenId === null ? {} : { tokenId: session.tokenId }),
    ...(session.subject.startsWith("oidc:") ? { person: session.subject, personName: session.label } : {}),
    ...(audience === "partner" ? { partner: session.partner as Ids.PartnerId } : {}),
    ...(audience === "municipality" ? { municipality: session.municipality as Ids.MunicipalityCode } : {}),
  }
}
