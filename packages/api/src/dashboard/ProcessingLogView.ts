/**
 * The processing log as the region reads it: who read or wrote which partner data, when and why, newest first, in
 * Dutch. The log itself keeps the API's stable English identifiers (for auditors' tools); this module words them.
 */
import type { ProcessingLog } from "@baken/store"
import type { LogEntryView } from "./Views.js"

const actionNl: Record<ProcessingLog.Action, string> = { read: "gelezen", write: "vastgelegd", delete: "verwijderd" }

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

const subjects: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/^deliveries of every partner$/, () => "leveringen van alle partners"],
  [/^deliveries of (.+)$/, (m) => `leveringen van ${m[1]}`],
  [/^delivery schedule of (.+) \((.+)\)$/, (m) => `leverschema van ${m[1]} (${m[2]})`],
  [/^delivery rights of (.+)$/, (m) => `leverrechten van ${m[1]}`],
  [/^rejections of delivery (.+)$/, (m) => `afgekeurde gegevens van levering ${m[1]?.slice(0, 12)}`],
  [/^declarations for plan (.+)$/, (m) => `budget van plan ${m[1]}`],
  [/^delivery job ([^ ]+) .*$/, (m) => `levering ${m[1]?.slice(0, 8)}`],
  [/^amendment (\d+) of plan (.+)$/, (m) => `wijziging ${m[1]} van plan ${m[2]}`],
]

/**
 * `partner:x token:abc session:def` as `partner x (code abc)`, `region person:oidc:<issuer>#<sub> session:def` as
 * `regio (persoon <sub>)`: who, and with which code or as which person, as `Audience.actorOf` wrote it.
 */
const actorNl = (actor: string, nameOf: (partner: string) => string): string => {
  const [who = "", ...parts] = actor.split(" ")
  const part = (kind: string) => parts.find((p) => p.startsWith(`${kind}:`))?.slice(kind.length + 1)
  const token = part("token")
  const person = part("person")
  const [audience, id] = who.split(":")
  const name =
    audience === "partner"
      ? nameOf(id ?? "")
      : audience === "municipality"
        ? `gemeente ${id ?? ""}`
        : audience === "region"
          ? "regio"
          : audience === "admin"
            ? "beheerder"
            : audience === "public"
              ? "publiek"
              : who
  if (token !== undefined) return `${name.trim()} (code ${token})`
  if (person !== undefined) return `${name.trim()} (persoon ${person.slice(person.lastIndexOf("#") + 1)})`
  return name.trim()
}

/** An entry in Dutch; an unknown purpose or subject is shown as recorded. */
export const entryView = (
  entry: ProcessingLog.Entry,
  nameOf: (partner: string) => string = (id) => `partner ${id}`,
): LogEntryView => {
  const subject = subjects.reduce<string | undefined>((found, [pattern, word]) => {
    if (found !== undefined) return found
    const m = pattern.exec(entry.subject)
    return m === null ? undefined : word(m)
  }, undefined)
  return {
    at: new Date(entry.at).toISOString(),
    actor: actorNl(entry.actor, nameOf),
    action: actionNl[entry.action],
    subject: subject ?? entry.subject,
    purpose: purposeNl[entry.purpose] ?? entry.purpose,
    count: 1,
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
