/**
 * Flows of people through Bescherming en Opvang: who leaves, who moves on from shelter to sheltered housing, who
 * comes back, who drops out of view, who gets aftercare after detention. This module is the *reference*: plain
 * TypeScript over one person's pseudonymised event history, written to be read. The store computes the same measures
 * in SQL over every person at once (`@baken/store` `FlowRepository`), and a differential property test holds the two
 * to the same figures.
 *
 * A *B&O stay* runs from an allocation's start (iWmo 305 Begindatum) to its stop (iWmo 307 Einddatum) in product
 * category 15 (beschermd wonen), 16 (opvang), 17 (spoedopvang) or 18 (overige BW/MO); *opvang* is 16 and 17. A start
 * and its stop pair up by allocation (municipality and `PersonEvent.Allocation`), so two stays at once stay apart; a
 * stay without a stop is still running. The municipality of a measure is the municipality of the stay (for aftercare:
 * the municipality of registration the detention notice names). A person *leaves B&O* on day E when a stay ends on E
 * and no other stay of theirs covers any day from E+1 to E+30: a new stay within 30 days is a transfer.
 *
 * "Within N days after day D" below means the days D+1 … D+N, except where it says "from D".
 *
 * | id | counted in the period of | definition |
 * | --- | --- | --- |
 * | `bo-uitstroom` | E | persons who leave B&O |
 * | `bo-uitstroom-volgens-plan` | E | of those, the stay that ended on E ended with reden beëindiging 19 |
 * | `bo-doorstroom-opvang-bw` | the opvang stay's end | persons whose opvang stay ends and who start a category-15 stay from that day up to 90 days after |
 * | `bo-terugkeer-12m` | E | persons counted in `bo-uitstroom-volgens-plan` who start any B&O stay within 365 days after E |
 * | `bo-uit-beeld` | E | persons who leave B&O with reden 21 or 22 and of whom no partner records any event within 90 days after E |
 * | `nazorg-detentie-30d` | the detention's end | persons whose detention ends and who have a support start, contact attempt or accepted help from that day up to 30 days after |
 * | `bo-verblijfsduur-mediaan` | the stay's end | median of (end − start + 1) days over the stays ending in the period |
 *
 * Counts are distinct persons per municipality and period; the region's count is the sum over its members (a person
 * with stays in two municipalities counts in each). The median is the middle length, or the mean of the two middle
 * ones, over the stays of the municipality (for the region: of all its members) and is shown only on enough stays.
 */
import * as CalendarDate from "./CalendarDate.js"
import { AdapterId, IndicatorId, type MunicipalityCode } from "./Ids.js"
import { DataSource, Indicator } from "./Indicator.js"
import * as Period from "./Period.js"
import type { PersonEvent } from "./PersonEvent.js"

/** The product categories of a B&O stay. */
export const stayCategories: ReadonlyArray<string> = ["15", "16", "17", "18"]
/** The categories that are opvang. */
export const opvangCategories: ReadonlyArray<string> = ["16", "17"]
/** Beschermd wonen. */
export const shelteredHousingCategory = "15"
/** Reden beëindiging 19: levering volgens plan beëindigd. */
export const accordingToPlan = "19"
/** Reden beëindiging 21 and 22: eenzijdig beëindigd door de cliënt of door de aanbieder. */
export const unilateral: ReadonlyArray<string> = ["21", "22"]

/** The look-ahead windows, in days. */
export const windows = {
  /** A new stay within this many days after an end is a transfer, not a departure. */
  transfer: 30,
  /** From opvang to beschermd wonen. */
  throughflow: 90,
  /** Back in B&O after leaving according to plan. */
  return: 365,
  /** Seen by any partner after leaving unilaterally. */
  inView: 90,
  /** Aftercare after detention. */
  aftercare: 30,
} as const

/** The event kinds that count as aftercare after detention. */
export const aftercareKinds: ReadonlyArray<PersonEvent["kind"]> = [
  "support-started",
  "contact-attempted",
  "help-accepted",
]

/** The measures' indicator ids. */
export const ids = {
  departures: IndicatorId.make("bo-uitstroom"),
  departuresAccordingToPlan: IndicatorId.make("bo-uitstroom-volgens-plan"),
  throughflow: IndicatorId.make("bo-doorstroom-opvang-bw"),
  returns: IndicatorId.make("bo-terugkeer-12m"),
  outOfView: IndicatorId.make("bo-uit-beeld"),
  aftercare: IndicatorId.make("nazorg-detentie-30d"),
  stayLength: IndicatorId.make("bo-verblijfsduur-mediaan"),
} as const

/** The count measures (distinct persons), in the order the flow runs. */
export const countIds: ReadonlyArray<IndicatorId> = [
  ids.throughflow,
  ids.departures,
  ids.departuresAccordingToPlan,
  ids.returns,
  ids.outOfView,
  ids.aftercare,
]

/** The period kinds the measures are computed for: a year and its quarters and months, each counted on its own. */
export const periodKinds: ReadonlyArray<Period.Kind> = ["year", "quarter", "month"]

/** A B&O stay of one person. */
export interface Stay {
  readonly municipality: MunicipalityCode
  readonly allocation: string
  readonly category: string
  readonly start: CalendarDate.CalendarDate
  readonly end?: CalendarDate.CalendarDate
  readonly reason?: string
}

const correctionKey = (e: PersonEvent): string | undefined =>
  e.allocation === undefined ? undefined : `${e.municipality}|${e.allocation}|${e.kind}`

/**
 * The events that count, in order: a `replaces` takes the place of the earlier event of its allocation and kind, a
 * `deletes` takes it away and is itself nothing. A correction without an allocation, or without an earlier event,
 * stands for itself (a `deletes` then for nothing).
 */
export const effective = (events: ReadonlyArray<PersonEvent>): ReadonlyArray<PersonEvent> => {
  const kept: Array<PersonEvent | undefined> = []
  const latest = new Map<string, number>()
  for (const e of events) {
    const key = correctionKey(e)
    if (e.correction !== undefined && key !== undefined) {
      const before = latest.get(key)
      if (before !== undefined) kept[before] = undefined
      latest.delete(key)
    }
    if (e.correction === "deletes") continue
    kept.push(e)
    if (key !== undefined) latest.set(key, kept.length - 1)
  }
  return kept.filter((e): e is PersonEvent => e !== undefined)
}

const allocationKey = (e: PersonEvent) => `${e.municipality}|${e.allocation}`

/**
 * The person's B&O stays from their effective events: the first start of an allocation in a B&O category with the
 * first stop of the same allocation dated on or after it, whichever arrived first (a start corrected after its stop
 * still has that stop). A second start, a stop without a start and a stop before its start are what the store refuses
 * at intake, so they count for nothing here either.
 */
export const stays = (events: ReadonlyArray<PersonEvent>): ReadonlyArray<Stay> => {
  const starts = new Map<string, PersonEvent>()
  const stops = new Map<string, Array<PersonEvent>>()
  for (const e of effective(events)) {
    if (e.allocation === undefined) continue
    const key = allocationKey(e)
    if (e.kind === "support-started" && !starts.has(key)) starts.set(key, e)
    if (e.kind === "support-stopped") entry(stops, key, (): Array<PersonEvent> => []).push(e)
  }
  const out: Array<Stay> = []
  for (const [key, start] of starts) {
    if (start.category === undefined || !stayCategories.includes(start.category)) continue
    const stop = stops.get(key)?.find((t) => start.date <= t.date)
    out.push({
      municipality: start.municipality,
      allocation: start.allocation as string,
      category: start.category,
      start: start.date,
      ...(stop === undefined ? {} : { end: stop.date }),
      ...(stop?.reason === undefined ? {} : { reason: stop.reason }),
    })
  }
  return out
}

/** One person counted by one measure, in a municipality, on the day that decides the period. */
export interface Hit {
  readonly indicator: IndicatorId
  readonly municipality: MunicipalityCode
  readonly date: CalendarDate.CalendarDate
}

/** The length of one ended stay, in the municipality and on the day it ended. */
export interface StayLength {
  readonly municipality: MunicipalityCode
  readonly end: CalendarDate.CalendarDate
  readonly days: number
}

const add = CalendarDate.addDays

const within = (date: string, from: string, to: string): boolean => from <= date && date <= to

/** Whether `t` covers some day from `from` to `to`. */
const coversSome = (t: Stay, from: string, to: string): boolean =>
  t.start <= to && (t.end === undefined || t.end >= from)

/** What one person's history contributes: the measures that count them, and the lengths of their ended stays. */
export const personFlows = (
  events: ReadonlyArray<PersonEvent>,
): { readonly hits: ReadonlyArray<Hit>; readonly lengths: ReadonlyArray<StayLength> } => {
  const all = effective(events)
  const own = stays(all)
  const hits: Array<Hit> = []
  const lengths: Array<StayLength> = []
  const hit = (indicator: IndicatorId, municipality: MunicipalityCode, date: CalendarDate.CalendarDate) =>
    hits.push({ indicator, municipality, date })
  for (const s of own) {
    if (s.end === undefined) continue
    const e = s.end
    lengths.push({ municipality: s.municipality, end: e, days: CalendarDate.daysBetween(s.start, e) + 1 })
    if (opvangCategories.includes(s.category)) {
      const last = add(e, windows.throughflow)
      if (own.some((t) => t.category === shelteredHousingCategory && within(t.start, e, last))) {
        hit(ids.throughflow, s.municipality, e)
      }
    }
    const transferBy = add(e, windows.transfer)
    const leaves = !own.some((t) => t !== s && coversSome(t, add(e, 1), transferBy))
    if (!leaves) continue
    hit(ids.departures, s.municipality, e)
    if (s.reason === accordingToPlan) {
      hit(ids.departuresAccordingToPlan, s.municipality, e)
      const by = add(e, windows.return)
      if (own.some((t) => within(t.start, add(e, 1), by))) hit(ids.returns, s.municipality, e)
    }
    if (s.reason !== undefined && unilateral.includes(s.reason)) {
      const by = add(e, windows.inView)
      if (!all.some((x) => within(x.date, add(e, 1), by))) hit(ids.outOfView, s.municipality, e)
    }
  }
  for (const d of all) {
    if (d.kind !== "detention-ended") continue
    const by = add(d.date, windows.aftercare)
    if (all.some((x) => aftercareKinds.includes(x.kind) && within(x.date, d.date, by))) {
      hit(ids.aftercare, d.municipality, d.date)
    }
  }
  return { hits, lengths }
}

/** A median and the number of stays it stands on. */
export interface Median {
  readonly value: number
  readonly base: number
}

/** The median of some numbers: the middle one, or the mean of the two middle ones; undefined for none. */
export const median = (values: ReadonlyArray<number>): number | undefined => {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Figures per indicator, period and municipality. */
export type Figures = Map<IndicatorId, Map<Period.Period, Map<MunicipalityCode, number>>>

/** The measures over many persons: distinct persons per count measure, and medians with their bases. */
export interface Result {
  readonly counts: Figures
  readonly medians: Map<Period.Period, Map<MunicipalityCode, Median>>
}

/** The value under `key`, made and stored first when there is none. */
const entry = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  const found = map.get(key)
  if (found !== undefined) return found
  const made = make()
  map.set(key, made)
  return made
}

/**
 * The measures over many persons, one history per person, for every period of `kinds` that has a value: each count
 * the number of distinct persons, each median over the municipality's stays ending in the period.
 */
export const figures = (
  histories: Iterable<ReadonlyArray<PersonEvent>>,
  kinds: ReadonlyArray<Period.Kind> = periodKinds,
): Result => {
  const persons = new Map<string, Set<number>>()
  const lengths = new Map<string, Array<number>>()
  let person = 0
  for (const history of histories) {
    const flows = personFlows(history)
    for (const h of flows.hits) {
      for (const k of kinds) {
        const key = `${h.indicator}|${Period.ofDate(h.date, k)}|${h.municipality}`
        entry(persons, key, () => new Set<number>()).add(person)
      }
    }
    for (const l of flows.lengths) {
      for (const k of kinds) {
        const key = `${Period.ofDate(l.end, k)}|${l.municipality}`
        entry(lengths, key, (): Array<number> => []).push(l.days)
      }
    }
    person++
  }
  const counts: Figures = new Map()
  for (const [key, set] of persons) {
    const [indicator, period, municipality] = key.split("|") as [IndicatorId, Period.Period, MunicipalityCode]
    const byPeriod = entry(counts, indicator, () => new Map<Period.Period, Map<MunicipalityCode, number>>())
    entry(byPeriod, period, () => new Map<MunicipalityCode, number>()).set(municipality, set.size)
  }
  const medians = new Map<Period.Period, Map<MunicipalityCode, Median>>()
  for (const [key, list] of lengths) {
    const [period, municipality] = key.split("|") as [Period.Period, MunicipalityCode]
    entry(medians, period, () => new Map<MunicipalityCode, Median>()).set(municipality, {
      value: median(list) as number,
      base: list.length,
    })
  }
  return { counts, medians }
}

const iwmo = AdapterId.make("iwmo")
const flowSource = (description: string, adapter = iwmo) =>
  new DataSource({ adapter, description, derived: "person-events" })

const person = (
  id: IndicatorId,
  name: string,
  definition: string,
  direction: Indicator["direction"],
  provisionalForDays: number,
  source: DataSource,
) =>
  new Indicator({
    id,
    name,
    definition,
    unit: "count",
    direction,
    aggregation: { _tag: "Sum" },
    source,
    disclosure: "person-counts",
    provisionalForDays,
  })

/** The measures as indicators of a plan, with their exact definitions in Dutch. */
export const indicators: ReadonlyArray<Indicator> = [
  person(
    ids.departures,
    "Uitstroom uit bescherming en opvang",
    "Aantal personen van wie een verblijf in beschermd wonen of opvang (iWmo-productcategorie 15 tot en met 18) eindigt en die binnen 30 dagen daarna geen nieuw verblijf hebben. Een nieuw verblijf binnen 30 dagen is een overplaatsing, geen uitstroom. Geteld in de periode van de einddatum, bij de gemeente van het verblijf.",
    "higher-is-better",
    windows.transfer,
    flowSource("iWmo 305 (start) en 307 (stop), per toewijzing gekoppeld"),
  ),
  person(
    ids.departuresAccordingToPlan,
    "Uitstroom volgens plan",
    "Van de uitstroom: de personen van wie het verblijf eindigde met reden beëindiging 19 (levering volgens plan beëindigd).",
    "higher-is-better",
    windows.transfer,
    flowSource("iWmo 307, reden beëindiging 19"),
  ),
  person(
    ids.throughflow,
    "Doorstroom van opvang naar beschermd wonen",
    "Aantal personen van wie een verblijf in de opvang (productcategorie 16 of 17) eindigt en die vanaf die dag tot en met 90 dagen later een verblijf in beschermd wonen (categorie 15) beginnen. Geteld in de periode waarin de opvang eindigt.",
    "higher-is-better",
    windows.throughflow,
    flowSource("iWmo 305 en 307"),
  ),
  person(
    ids.returns,
    "Terugkeer binnen 12 maanden na uitstroom volgens plan",
    "Van de personen die volgens plan uitstroomden: zij die binnen 365 dagen daarna opnieuw een verblijf in beschermd wonen of opvang beginnen. Voorlopig tot een jaar na het einde van de periode.",
    "lower-is-better",
    windows.return,
    flowSource("iWmo 305 en 307"),
  ),
  person(
    ids.outOfView,
    "Uit beeld na voortijdig vertrek",
    "Aantal personen die uitstromen met reden beëindiging 21 of 22 (eenzijdig beëindigd door cliënt of aanbieder) en van wie binnen 90 dagen daarna geen enkele partner iets vastlegt: geen zorg, geen vroegsignaal, geen contact, geen detentiemelding.",
    "lower-is-better",
    windows.inView,
    flowSource("iWmo, vroegsignalering en detentiemeldingen, per persoon gekoppeld onder één pseudoniem"),
  ),
  person(
    ids.aftercare,
    "Nazorg binnen 30 dagen na detentie",
    "Aantal personen van wie de detentie eindigt en die vanaf die dag tot en met 30 dagen later ondersteuning krijgen (start zorg) of met wie contact is gezocht of die hulp aanvaarden. Geteld in de periode waarin de detentie eindigt, bij de gemeente van inschrijving.",
    "higher-is-better",
    windows.aftercare,
    flowSource("detentiemeldingen (DJI via de gemeente), iWmo en vroegsignalering", AdapterId.make("detentie")),
  ),
  new Indicator({
    id: ids.stayLength,
    name: "Verblijfsduur in bescherming en opvang (mediaan)",
    definition:
      "De middelste verblijfsduur in dagen (einddatum min begindatum plus één) van de verblijven in beschermd wonen of opvang die in de periode eindigen. Alleen getoond als er ten minste 10 verblijven onder liggen; niet afgerond.",
    unit: "days",
    direction: "lower-is-better",
    aggregation: { _tag: "Median" },
    source: flowSource("iWmo 305 en 307"),
    disclosure: "person-counts",
  }),
]
