/**
 * The scope a delivery is checked against: which municipalities were members of the region on which days, and which
 * years the plan covers. A row about a municipality that was not a member at any day of its period, or about a
 * period that is not wholly inside the plan, is refused with a located rejection. The scope is data: a server checks
 * against the region it serves (`ofRegion(definition)`); without one, `open` checks no membership and no plan years,
 * so no region is built into the formats.
 */
import { type CalendarDate, type Ids, Period, RegionDefinition } from "@baken/domain"

/** One membership interval, both ends inclusive; absent ends are open (structurally the domain's `Membership`). */
export interface MembershipInterval {
  readonly municipality: Ids.MunicipalityCode
  readonly from?: CalendarDate.CalendarDate | undefined
  readonly until?: CalendarDate.CalendarDate | undefined
}

/** The years a plan covers (structurally the domain's `Plan`). */
export interface PlanYears {
  readonly firstYear: number
  readonly lastYear: number
}

/** What rows are checked against. */
export interface Scope {
  /** A name for messages, e.g. `Gooi en Vechtstreek`. */
  readonly regionName: string
  /** The members on which days; absent: every municipality on every day (no region, see `open`). */
  readonly memberships?: ReadonlyArray<MembershipInterval> | undefined
  /** The plans whose years a period must lie in; a period must fit inside one plan. Absent: every year. */
  readonly plans?: ReadonlyArray<PlanYears> | undefined
}

/** Make a scope from a region (its memberships) and the plans a delivery may report on. */
export const make = (
  region: { readonly name: string; readonly memberships: ReadonlyArray<MembershipInterval> },
  plans: ReadonlyArray<PlanYears>,
): Scope => ({ regionName: region.name, memberships: region.memberships, plans })

/** The region of a region definition with all its plans: what a server serving `definition` checks rows against. */
export const ofRegion = (definition: RegionDefinition.Definition): Scope =>
  make(
    { name: RegionDefinition.shortNameOf(definition), memberships: definition.region.memberships },
    RegionDefinition.plansOf(definition),
  )

/**
 * No region: every municipality on every day and every year is in scope (rows are still checked for well-formed codes
 * and periods). The default of every adapter's `adapter` constant; a server passes the scope of the region it serves.
 */
export const open: Scope = { regionName: "de regio" }

/** Whether `period` lies wholly within one of the scope's plans (always, when the scope names no plans). */
export const periodInPlan = (scope: Scope, period: Period.Period): boolean => {
  if (scope.plans === undefined) return true
  const year = Number(period.slice(0, 4))
  // A period never spans two calendar years, so its year decides.
  return scope.plans.some((p) => p.firstYear <= year && year <= p.lastYear)
}

/** Whether `municipality` was a member of the region on at least one day of `period` (always, when `open`). */
export const memberDuring = (scope: Scope, municipality: Ids.MunicipalityCode, period: Period.Period): boolean => {
  if (scope.memberships === undefined) return true
  const first = Period.start(period)
  const last = Period.end(period)
  return scope.memberships.some(
    (m) =>
      m.municipality === municipality &&
      (m.from === undefined || m.from <= last) &&
      (m.until === undefined || first <= m.until),
  )
}

/** The plans' years as a phrase, e.g. `2017-2020 of 2022-2025`, joined by `or` ("of" in Dutch). */
export const plansLabel = (scope: Scope, or: string): string =>
  (scope.plans ?? []).map((p) => `${p.firstYear}-${p.lastYear}`).join(` ${or} `)

/**
 * Whether the scope names `municipality` as a member at some time (a former member too); `open` names none. A format
 * counts these as known municipalities beside its own list (`Format.knownMunicipality`).
 */
export const everMember = (scope: Scope, municipality: Ids.MunicipalityCode): boolean =>
  scope.memberships?.some((m) => m.municipality === municipality) ?? false

/**
 * A cache of membership answers per municipality and period, so that a file of millions of rows about a handful of
 * municipalities and periods pays for each check once.
 */
export const memo = (scope: Scope) => {
  const members = new Map<string, Map<string, boolean>>()
  const plan = new Map<string, boolean>()
  const ever = new Map<string, boolean>()
  return {
    everMember: (municipality: Ids.MunicipalityCode): boolean => {
      let hit = ever.get(municipality)
      if (hit === undefined) {
        hit = everMember(scope, municipality)
        if (ever.size < 1_000) ever.set(municipality, hit)
      }
      return hit
    },
    periodInPlan: (period: Period.Period): boolean => {
      let hit = plan.get(period)
      if (hit === undefined) {
        hit = periodInPlan(scope, period)
        if (plan.size < 10_000) plan.set(period, hit)
      }
      return hit
    },
    memberDuring: (municipality: Ids.MunicipalityCode, period: Period.Period): boolean => {
      let byPeriod = members.get(municipality)
      if (byPeriod === undefined) {
        byPeriod = new Map()
        if (members.size < 1_000) members.set(municipality, byPeriod)
      }
      let hit = byPeriod.get(period)
      if (hit === undefined) {
        hit = memberDuring(scope, municipality, period)
        if (byPeriod.size < 1_000) byPeriod.set(period, hit)
      }
      return hit
    },
  }
}
