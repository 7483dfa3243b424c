/**
 * Membership of a region over time. A membership is an interval of days, both ends inclusive; an absent start means
 * "since before the sources say", an absent end "still a member". "Which municipalities belong to the region on a
 * date" is a function of these intervals, never a stored list, so figures are attributed to the right municipality
 * at the right date.
 */
import { Schema } from "effect"
import * as CalendarDate from "./CalendarDate.js"
import { MunicipalityCode } from "./Ids.js"

/** One interval during which a municipality is a member of a region. */
export class Membership extends Schema.Class<Membership>("Membership")(
  Schema.Struct({
    municipality: MunicipalityCode,
    /** The first day of membership; absent when membership began before anything the sources say. */
    from: Schema.optionalKey(CalendarDate.CalendarDate),
    /** The last day of membership (inclusive); absent while the municipality is a member. */
    until: Schema.optionalKey(CalendarDate.CalendarDate),
  }).check(
    Schema.makeFilter(
      (m) =>
        m.from === undefined ||
        m.until === undefined ||
        m.from <= m.until ||
        `a membership cannot end (${m.until}) before it starts (${m.from})`,
    ),
  ),
) {}

/** Anything that has memberships, such as a `Region`. */
export interface HasMemberships {
  readonly memberships: ReadonlyArray<Membership>
}

/** Whether `membership` covers `date`. */
export const covers = (membership: Membership, date: CalendarDate.CalendarDate): boolean =>
  (membership.from === undefined || membership.from <= date) &&
  (membership.until === undefined || date <= membership.until)

/** Whether two memberships share at least one day. */
export const overlaps = (a: Membership, b: Membership): boolean =>
  (a.from === undefined || b.until === undefined || a.from <= b.until) &&
  (b.from === undefined || a.until === undefined || b.from <= a.until)

const sortedCodes = (codes: Iterable<MunicipalityCode>): ReadonlyArray<MunicipalityCode> => [...new Set(codes)].sort()

/** The municipalities that are members of `region` on `date`, sorted by code. */
export const membersOn = (region: HasMemberships, date: CalendarDate.CalendarDate): ReadonlyArray<MunicipalityCode> =>
  sortedCodes(region.memberships.filter((m) => covers(m, date)).map((m) => m.municipality))

/** Whether `municipality` is a member of `region` on `date`. */
export const isMemberOn = (
  region: HasMemberships,
  municipality: MunicipalityCode,
  date: CalendarDate.CalendarDate,
): boolean => region.memberships.some((m) => m.municipality === municipality && covers(m, date))

/**
 * Whether `municipality` is a member on every day from `from` to `to` (inclusive). Adjacent intervals count as
 * one: membership until 31 December and again from 1 January is unbroken.
 */
export const isMemberThroughout = (
  region: HasMemberships,
  municipality: MunicipalityCode,
  from: CalendarDate.CalendarDate,
  to: CalendarDate.CalendarDate,
): boolean => {
  const intervals = region.memberships
    .filter((m) => m.municipality === municipality)
    .sort((a, b) => (a.from ?? "").localeCompare(b.from ?? ""))
  let needed = from
  for (const m of intervals) {
    if (m.until !== undefined && m.until < needed) continue
    if (m.from !== undefined && m.from > needed) return false
    if (m.until === undefined || m.until >= to) return true
    needed = CalendarDate.next(m.until)
  }
  return false
}

/** The municipalities that are members on every day from `from` to `to` (inclusive), sorted by code. */
export const membersThroughout = (
  region: HasMemberships,
  from: CalendarDate.CalendarDate,
  to: CalendarDate.CalendarDate,
): ReadonlyArray<MunicipalityCode> =>
  sortedCodes(region.memberships.map((m) => m.municipality)).filter((code) =>
    isMemberThroughout(region, code, from, to),
  )

/** The municipalities that are members on at least one day from `from` to `to` (inclusive), sorted by code. */
export const membersAtSomePoint = (
  region: HasMemberships,
  from: CalendarDate.CalendarDate,
  to: CalendarDate.CalendarDate,
): ReadonlyArray<MunicipalityCode> =>
  sortedCodes(
    region.memberships
      .filter((m) => (m.from === undefined || m.from <= to) && (m.until === undefined || from <= m.until))
      .map((m) => m.municipality),
  )

/** The memberships of the same municipality that share a day; a well-formed region has none. */
export const overlapping = (
  memberships: ReadonlyArray<Membership>,
): ReadonlyArray<readonly [Membership, Membership]> => {
  const pairs: Array<readonly [Membership, Membership]> = []
  memberships.forEach((a, i) => {
    for (const b of memberships.slice(i + 1))
      if (a.municipality === b.municipality && overlaps(a, b)) pairs.push([a, b])
  })
  return pairs
}
