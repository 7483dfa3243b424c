/**
 * The processing log as the region and the admin read it: who read or wrote which partner data, when and why, newest
 * first, in Dutch. The log itself keeps the API's stable English identifiers (for auditors' tools); this module words
 * them, and the admin's view keeps the recorded identifiers beside the words.
 */
import type { ProcessingLog } from "@baken/store"
import type { AuditEntryView, LogEntryView } from "./Views.js"

const actionNl: Record<ProcessingLog.Action, string> = { read: "gelezen", write: "vastgelegd", delete: "verwijderd" }

/** What was done, as the admin's log names it. */
export const actionVerb: Record<ProcessingLog.Action, AuditEntryView["action"]> = {
  read: "lezen",
  write: "schrijven",
  delete: "verwijderen",
}

const purposeNl: Readonly<Record<string, string>> = {
  "delivery schedule": "leverschema",
  "delivery rights": "leverrechten",
  "delivery push from the partner's own adapter run": "levering uit de eigen adapter van de partner",
  "delivery overview": "overzicht van leveringen",
  "delivery rejection details": "afgekeurde gegevens van een levering",
  "budget overview": "overzicht van het budget",
  "delivery received": "levering ontvangen",
  "delivery received again (same bytes)": "levering opnieuw ontvangen (zelfde bestand)",
  "delivery upload": "levering als bestand",
  "overdue deliveries": "achterstallige leveringen",
  "plan amendment": "wijziging van het plan",
}

/** The subjects the API records, in Dutch; a partner named in one is named by its name. */
const subjects: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray, partner: (id: string) => string) => string]> = [
  [/^deliveries of every partner$/, () => "leveringen van alle partners"],
  [/^deliveries of (.+)$/, (m, partner) => `leveringen van ${partner(m[1] ?? "")}`],
  [/^delivery schedule of (.+) \((.+)\)$/, (m, partner) => `leverschema van ${partner(m[1] ?? "")} (${m[2]})`],
  [/^delivery rights of (.+)$/, (m, partner) => `leverrechten van ${partner(m[1] ?? "")}`],
  [/^rejections of delivery (.+)$/, (m) => `afgekeurde gegevens van levering ${m[1]?.slice(0, 12)}`],
  [/^declarations for plan (.+)$/, (m) => `budget van plan ${m[1]}`],
  [/^delivery job ([^ ]+) .*$/, (m) => `levering ${m[1]?.slice(0, 8)}`],
  [/^delivery ([0-9a-f]{12})[0-9a-f]*$/, (m) => `levering ${m[1]}`],
  [/^amendment (\d+) of plan (.+)$/, (m) => `wijziging ${m[1]} van plan ${m[2]}`],
]

/** How a log names partners and municipalities: by their id or code, which a page shows by name. */
export interface Names {
  readonly partner: (id: string) => string
  readonly municipality?: (code: string) => string
}

const defaultNames: Names = { partner: (id) => `partner ${id}` }

/** Who acted, without the token: `partner:x` as the partner's name, `region` as `regio`, as `Audience.actorOf` wrote it. */
const whoNl = (who: string, names: Names): string => {
  const [audience = "", ...rest] = who.split(":")
  const id = rest.join(":")
  if (audience === "partner") return names.partner(id)
  if (audience === "cli" && rest[0] === "partner") return `${names.partner(rest.slice(1).join(":"))} (opdrachtregel)`
  if (audience === "municipality") return names.municipality === undefined ? `gemeente ${id}` : names.municipality(id)
  if (audience === "region") return "regio"
  if (audience === "admin") return "beheerder"
  if (audience === "public") return "publiek"
  return who
}

/**
 * The parts of an actor as `Audience.actorOf` wrote it: `partner:x token:abc session:def`, or
 * `region person:oidc:<issuer>#<sub> session:def` for a person signed in through the identity provider.
 */
const partsOf = (actor: string) => {
  const [who = "", ...parts] = actor.split(" ")
  const part = (kind: string) => parts.find((p) => p.startsWith(`${kind}:`))?.slice(kind.length + 1)
  const person = part("person")
  return { who, token: part("token"), person: person?.slice(person.lastIndexOf("#") + 1) }
}

/** `partner:x token:abc` as `partner x (code abc)`, a person as `regio (persoon <sub>)`: who, and how. */
const actorNl = (actor: string, names: Names): string => {
  const { who, token, person } = partsOf(actor)
  const name = whoNl(who, names).trim()
  if (token !== undefined) return `${name} (code ${token})`
  return person === undefined ? name : `${name} (persoon ${person})`
}

/** A recorded subject in Dutch, or as recorded when it has no wording. */
const subjectNl = (subject: string, names: Names): string =>
  subjects.reduce<string | undefined>((found, [pattern, word]) => {
    if (found !== undefined) return found
    const m = pattern.exec(subject)
    return m === null ? undefined : word(m, names.partner)
  }, undefined) ?? subject

/** An entry in Dutch; an unknown purpose or subject is shown as recorded. */
export const entryView = (
  entry: ProcessingLog.Entry,
  nameOf: (partner: string) => string = defaultNames.partner,
): LogEntryView => ({
  at: new Date(entry.at).toISOString(),
  actor: actorNl(entry.actor, { partner: nameOf }),
  action: actionNl[entry.action],
  subject: subjectNl(entry.subject, { partner: nameOf }),
  purpose: purposeNl[entry.purpose] ?? entry.purpose,
  count: 1,
})

/** An entry as the admin's log shows it: in Dutch, with what was recorded beside it for an auditor's tools. */
export const auditView = (entry: ProcessingLog.Entry, names: Names = defaultNames): AuditEntryView => {
  const { who, token, person } = partsOf(entry.actor)
  const name = whoNl(who, names).trim()
  return {
    at: new Date(entry.at).toISOString(),
    actor: person === undefined ? name : `${name} (persoon ${person})`,
    actorId: who,
    token: token ?? null,
    action: actionVerb[entry.action],
    actionId: entry.action,
    subject: subjectNl(entry.subject, names),
    subjectId: entry.subject,
    purpose: purposeNl[entry.purpose] ?? entry.purpose,
    purposeId: entry.purpose,
  }
}

/**
 * The latest `max` processings, newest first, each kind (who, what, about what, why) once with how often it happened
 * in the period: a page that reads thirteen schedules, or a partner refreshing its page, does not push every other
 * processing out of sight.
 */
export const latest = (
  entries: ReadonlyArray<ProcessingLog.Entry>,
  max: number,
  nameOf?: (partner: string) => string,
): ReadonlyArray<LogEntryView> => {
  const groups = new Map<string, LogEntryView>()
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]
    if (entry === undefined) continue
    const key = JSON.stringify([entry.actor, entry.action, entry.subject, entry.purpose])
    const seen = groups.get(key)
    if (seen !== undefined) groups.set(key, { ...seen, count: seen.count + 1 })
    else if (groups.size < max) groups.set(key, entryView(entry, nameOf))
  }
  return [...groups.values()]
}
