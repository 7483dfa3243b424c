/**
 * Whether one accepted record may enter the store for a partner's delivery: the ONE set of rules the server applies
 * to the records of an uploaded file after its adapter ran and to the records a partner pushes from its own adapter
 * run. A record must come from the delivery's adapter; an observation's indicator must be known and allowed for the
 * partner and adapter, its area a member of the region during its period (or one of the region's own areas), its
 * period inside a plan, and a count a whole number from 0 up; a person event must lie inside a plan and happen in a
 * member municipality on its date. Every refusal is a located rejection with a Dutch message for the data steward.
 */
import * as Area from "./Area.js"
import type * as CalendarDate from "./CalendarDate.js"
import { type Location, Message, Rejection } from "./Delivery.js"
import * as DeliveryRights from "./DeliveryRights.js"
import type { AdapterId } from "./Ids.js"
import type { Indicator, Unit } from "./Indicator.js"
import * as Membership from "./Membership.js"
import type { Observation } from "./Observation.js"
import * as Period from "./Period.js"
import type { PersonEvent } from "./PersonEvent.js"

/** The largest count a delivery may carry: eight digits (nine look like a BSN, and no municipality counts more). */
export const maxCount = 99_999_999

/** What a delivery's records are checked against. */
export interface Context {
  readonly rights: DeliveryRights.DeliveryRights
  readonly adapter: AdapterId
  /** The plan's indicators by id. */
  readonly catalogue: ReadonlyMap<string, Indicator>
  /** The region, for its memberships and its own areas. */
  readonly region: Membership.HasMemberships & { readonly areas: ReadonlyArray<Area.AreaCode> }
  /** The years of the plans a period must lie in. */
  readonly plans: ReadonlyArray<{ readonly firstYear: number; readonly lastYear: number }>
}

/** The catalogue as a map by id, for `Context.catalogue`. */
export const catalogueOf = (indicators: ReadonlyArray<Indicator>): ReadonlyMap<string, Indicator> =>
  new Map(indicators.map((i) => [i.id, i]))

/** Whether `period` lies wholly inside one of the plans (a period never spans two years, so its year decides). */
export const periodInPlans = (plans: Context["plans"], period: Period.Period): boolean => {
  const year = Number(period.slice(0, 4))
  return plans.some((p) => p.firstYear <= year && year <= p.lastYear)
}

/**
 * The kinds of person event each adapter may deliver: a partner's system records what that partner does (a care
 * provider starts support, a debt team attempts contact, the aftercare team hears of a detention), so a partner can
 * never, through a generic format, add detention notices or contacts that make people count as seen (found by an
 * outside tester). Adapters not named here deliver care events only.
 */
export const eventKindsByAdapter: Readonly<Record<string, ReadonlyArray<PersonEvent["kind"]>>> = {
  iwmo: [
    "allocation-requested",
    "allocation-change-requested",
    "request-answered",
    "allocation-granted",
    "support-started",
    "support-stopped",
  ],
  vroegsignalering: ["debt-signal-received", "contact-attempted", "help-accepted", "case-closed"],
  detentie: ["detention-started", "detention-ended"],
  // Formats of counts: they hold no person, so a push through them may carry none either (found by an outside tester:
  // a partner of counts only pushed made-up persons through observations-csv and so raised its pseudonymisation limit).
  "observations-csv": [],
  "cbs-statline": [],
  politie: [],
  "veilig-thuis": [],
  woningcorporatie: [],
}

/** The care events an adapter not named in `eventKindsByAdapter` may deliver. */
export const careEventKinds: ReadonlyArray<PersonEvent["kind"]> = [
  "allocation-granted",
  "support-started",
  "support-stopped",
]

/** The kinds of person event `adapter` may deliver. */
export const eventKindsOf = (adapter: string): ReadonlyArray<PersonEvent["kind"]> =>
  eventKindsByAdapter[adapter] ?? careEventKinds

/** How many years before the first plan a person's history may reach: a stay that began before it ends during it. */
export const historyYears = 10

/** How many years after the last plan a person event is still taken in: the flow measures look up to a year ahead. */
export const lookAheadYears = 1

/**
 * Whether a person event dated `date` belongs to the plans' span: from `historyYears` before the first plan's first
 * year to `lookAheadYears` after the last plan's last year, the years between plans included. A person's history is
 * not cut at a plan's edges: a stop in 2023 needs the start of 2019, and a return within a year after 2025 is in 2026.
 */
export const dateInPlans = (plans: Context["plans"], date: CalendarDate.CalendarDate): boolean => {
  if (plans.length === 0) return false
  const year = Number(date.slice(0, 4))
  const first = Math.min(...plans.map((p) => p.firstYear)) - historyYears
  const last = Math.max(...plans.map((p) => p.lastYear)) + lookAheadYears
  return first <= year && year <= last
}

const spanLabel = (plans: Context["plans"]): string =>
  plans.length === 0
    ? "(er is nog geen plan vastgelegd)"
    : `${Math.min(...plans.map((p) => p.firstYear)) - historyYears} tot en met ${Math.max(...plans.map((p) => p.lastYear)) + lookAheadYears}`

/** Whether `municipality` was a member of the region on at least one day of `period`. */
export const memberDuring = (region: Membership.HasMemberships, area: string, period: Period.Period): boolean => {
  const first = Period.start(period)
  const last = Period.end(period)
  return region.memberships.some(
    (m) =>
      m.municipality === area &&
      (m.from === undefined || m.from <= last) &&
      (m.until === undefined || first <= m.until),
  )
}

const plansLabel = (plans: Context["plans"]): string =>
  plans.length === 0
    ? "(er is nog geen plan vastgelegd)"
    : plans.map((p) => `${p.firstYear}-${p.lastYear}`).join(" of ")

/** Why a value does not fit an indicator of `unit` (counts are whole and from 0 up, other figures finite), if it does not. */
export const valueProblem = (unit: Unit, value: number): { readonly nl: string; readonly en: string } | undefined => {
  if (!Number.isFinite(value)) return { nl: "De waarde moet een eindig getal zijn.", en: "The value must be finite." }
  switch (unit) {
    case "count":
    case "residents":
      if (!Number.isInteger(value)) return { nl: "Een aantal is een geheel getal.", en: "A count is a whole number." }
      if (value < 0) return { nl: "Een aantal kan niet negatief zijn.", en: "A count cannot be negative." }
      if (value > maxCount) return { nl: `Een aantal is hoogstens ${maxCount}.`, en: `A count is at most ${maxCount}.` }
      return undefined
    case "euro-cents":
      return Number.isSafeInteger(value)
        ? undefined
        : { nl: "Een bedrag is een geheel aantal eurocenten.", en: "An amount is a whole number of euro cents." }
    case "percentage":
    case "per-1000-residents":
    case "days":
      return value < 0 ? { nl: "Deze waarde kan niet negatief zijn.", en: "This value cannot be negative." } : undefined
  }
}

/**
 * The rejection for `record` in a delivery checked against `context`, or undefined when it may be stored. `at` is
 * where the record is (the file and, for a push, its index).
 */
export const check = (context: Context) => {
  // A delivery names few areas and periods many times over: whether an area was a member during a period is worked
  // out once per pair (working out a period's first and last day for every record cost more than reading it).
  const members = new Map<string, boolean>()
  const memberOf = (area: string, period: Period.Period): boolean => {
    const key = `${area}|${period}`
    let known = members.get(key)
    if (known === undefined) {
      known = memberDuring(context.region, area, period)
      members.set(key, known)
    }
    return known
  }
  return (record: Observation | PersonEvent, at: Location): Rejection | undefined => {
    const reject = (rule: string, field: string | undefined, nl: string, en: string) =>
      Rejection.make({
        location: at,
        rule,
        ...(field === undefined ? {} : { field }),
        message: Message.make({ nl, en }),
      })
    if (record.source !== context.adapter) {
      return reject(
        "source-adapter",
        "source",
        `Het gegeven komt van adapter ${record.source}, maar de levering is van adapter ${context.adapter}.`,
        `The record comes from adapter ${record.source}, but the delivery is from adapter ${context.adapter}.`,
      )
    }
    if ("indicator" in record) {
      const o = record as Observation
      const found = DeliveryRights.indicatorFor(context.rights, context.adapter, o.indicator, context.catalogue)
      if (found._tag === "Unknown") {
        return reject(
          "indicator-unknown",
          "indicator",
          `Indicator ${o.indicator} is niet bekend in het plan.`,
          `Indicator ${o.indicator} is not known to the plan.`,
        )
      }
      if (found._tag === "Computed") {
        return reject(
          "indicator-computed",
          "indicator",
          `Indicator ${o.indicator} wordt door Baken berekend uit andere indicatoren en wordt niet geleverd; lever de teller en de noemer.`,
          `Indicator ${o.indicator} is computed by Baken from other indicators and is not delivered; deliver its numerator and denominator.`,
        )
      }
      if (found._tag === "NotAllowed") {
        return reject(
          "indicator-not-allowed",
          "indicator",
          `Partner ${context.rights.partner} mag indicator ${o.indicator} niet leveren via adapter ${context.adapter}; de regio bepaalt welke indicatoren een partner levert.`,
          `Partner ${context.rights.partner} may not deliver indicator ${o.indicator} through adapter ${context.adapter}.`,
        )
      }
      const ownArea =
        context.region.areas.includes(o.area) || (o.area === Area.netherlands && context.adapter === "cbs-statline")
      if (!ownArea && !(Area.isMunicipality(o.area) && memberOf(o.area, o.period))) {
        return reject(
          "area-not-member",
          "area",
          `Gebied ${o.area} hoorde in periode ${o.period} niet bij de regio.`,
          `Area ${o.area} was not part of the region in period ${o.period}.`,
        )
      }
      if (!periodInPlans(context.plans, o.period)) {
        return reject(
          "period-outside-plan",
          "period",
          `Periode ${o.period} valt buiten de jaren van het plan ${plansLabel(context.plans)}.`,
          `Period ${o.period} lies outside the plan's years.`,
        )
      }
      const problem = o.value === null ? undefined : valueProblem(found.unit, o.value)
      if (problem !== undefined) {
        const where = `(indicator ${o.indicator}, ${o.area}, ${o.period})`
        return reject("value", "value", `${problem.nl} ${where}`, `${problem.en} ${where}`)
      }
      return undefined
    }
    const e = record as PersonEvent
    const allowed = eventKindsOf(context.adapter)
    if (!allowed.includes(e.kind)) {
      return reject(
        "event-kind-not-allowed",
        "kind",
        allowed.length === 0
          ? `Via adapter ${context.adapter} worden alleen cijfers geleverd, geen gebeurtenissen van personen (${e.kind}).`
          : `Gebeurtenis ${e.kind} wordt niet via adapter ${context.adapter} geleverd; alleen: ${allowed.join(", ")}.`,
        `Event kind ${e.kind} is not delivered through adapter ${context.adapter}.`,
      )
    }
    if (!dateInPlans(context.plans, e.date)) {
      return reject(
        "date-outside-plan",
        "date",
        `Datum ${e.date} valt buiten de jaren waarover Baken gebeurtenissen van personen bijhoudt: ${spanLabel(context.plans)}.`,
        `Date ${e.date} lies outside the years Baken keeps person events for.`,
      )
    }
    if (!Membership.isMemberOn(context.region, e.municipality, e.date)) {
      return reject(
        "municipality-not-member",
        "municipality",
        `Gemeente ${e.municipality} hoorde op ${e.date} niet bij de regio.`,
        `Municipality ${e.municipality} was not part of the region on ${e.date}.`,
      )
    }
    return undefined
  }
}
