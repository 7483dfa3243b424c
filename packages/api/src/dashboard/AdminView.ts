/**
 * The admin's pages as data: API tokens without their secrets, in Dutch (kind, whom they act as, status), the live
 * dashboard sessions (who, how they signed in, when each ends), and the days of a log filter as instants. The region keeps its times in Europe/Amsterdam: a filter "from 1 March to 31
 * March" means those days as the region lives them, summer time or not.
 */
import { type ApiTokenRepository, SessionRepository } from "@baken/store"
import type { Audience } from "../Audience.js"
import { fromToken } from "../Audience.js"
import type { SessionView, TokenView } from "./Views.js"

/** Each audience in Dutch, as a token's kind. */
export const kindNl: Record<Audience, string> = {
  public: "publiek",
  partner: "partner",
  municipality: "gemeente",
  region: "regio",
  admin: "beheerder",
}

const stateNl: Record<TokenView["status"], string> = {
  active: "actief",
  expired: "verlopen",
  revoked: "ingetrokken",
}

/** A stored token as the admin reads it at `now` (epoch milliseconds), naming its partner or municipality. */
export const tokenView = (token: ApiTokenRepository.ApiToken, now: number, names: Names): TokenView => {
  const caller = fromToken(token)
  const audience = caller?.audience ?? "public"
  const status: TokenView["status"] =
    token.revokedAt !== null ? "revoked" : token.expiresAt <= now ? "expired" : "active"
  return {
    id: token.id,
    label: token.label,
    audience,
    kind: caller === undefined ? "onbekend" : kindNl[audience],
    holder:
      caller?.partner !== undefined
        ? names.partner(caller.partner)
        : caller?.municipality !== undefined
          ? names.municipality(caller.municipality)
          : null,
    createdAt: new Date(token.createdAt).toISOString(),
    expiresAt: new Date(token.expiresAt).toISOString(),
    revokedAt: token.revokedAt === null ? null : new Date(token.revokedAt).toISOString(),
    status,
    state: stateNl[status],
  }
}

/** The names of partners and municipalities, as the admin's pages show them. */
export interface Names {
  readonly partner: (id: string) => string
  readonly municipality: (code: string) => string
}

/**
 * The live sessions as the admin reads them, in the store's order; `current` is the reading admin's own session. A
 * session ends after `SessionRepository.idleMs` without a request and at its absolute end, whichever comes first.
 */
export const sessionViews = (
  sessions: ReadonlyArray<SessionRepository.Session>,
  current: string | undefined,
  names: Names,
): ReadonlyArray<SessionView> => {
  const mine = sessions.find((s) => s.id === current)?.subject
  const perSubject = new Map<string, number>()
  for (const s of sessions) perSubject.set(s.subject, (perSubject.get(s.subject) ?? 0) + 1)
  return sessions.flatMap((s): ReadonlyArray<SessionView> => {
    const audience = s.audience
    if (audience !== "partner" && audience !== "municipality" && audience !== "region" && audience !== "admin")
      return []
    return [
      {
        id: s.id,
        label: s.label,
        subject: s.subject,
        via: s.subject.startsWith("oidc:") ? "organisatieaccount" : "toegangscode",
        tokenId: s.tokenId,
        audience,
        kind: kindNl[audience],
        holder:
          audience === "partner" && s.partner !== null
            ? names.partner(s.partner)
            : audience === "municipality" && s.municipality !== null
              ? names.municipality(s.municipality)
              : null,
        startedAt: new Date(s.createdAt).toISOString(),
        seenAt: new Date(s.seenAt).toISOString(),
        endsAt: new Date(Math.min(s.expiresAt, s.seenAt + SessionRepository.idleMs)).toISOString(),
        current: s.id === current,
        personSessions: perSubject.get(s.subject) ?? 1,
        currentPerson: mine !== undefined && s.subject === mine,
      },
    ]
  })
}

const amsterdam = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
})

/** How far Amsterdam's clock is ahead of UTC at the instant `t`, in milliseconds. */
const offsetAt = (t: number): number => {
  const parts = Object.fromEntries(amsterdam.formatToParts(new Date(t)).map((p) => [p.type, p.value]))
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  )
  return local - Math.floor(t / 1000) * 1000
}

/** The first instant (epoch milliseconds) of an ISO day in Amsterdam. */
export const startOfDay = (day: string): number => {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`)
  // Twice: the offset at the guess may differ from the offset at the answer only around a change of clocks, which in
  // Amsterdam is never at midnight.
  const guess = utcMidnight - offsetAt(utcMidnight)
  return utcMidnight - offsetAt(guess)
}

/** The first instant of the day after an ISO day in Amsterdam: the end, exclusive, of a period ending that day. */
export const endOfDay = (day: string): number => {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  return startOfDay(next)
}
