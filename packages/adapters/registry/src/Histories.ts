/**
 * Generated person histories for the demo: invented people (test BSNs only, 9999… passing the eleven-test, never a
 * real person) who move through bescherming en opvang in the member municipalities of Gooi en Vechtstreek during the
 * 2022-2025 plan — from opvang to beschermd wonen, out according to plan and sometimes back within a year, away
 * unilaterally and out of view or seen again by another partner, out of detention with or without aftercare. The
 * generator is pure and seeded: the same seed gives the same histories every time.
 *
 * Every municipality gets enough people in every year for each flow measure of `Flow` to reach the disclosure
 * threshold (at least 10 persons, and 10 stays for the median), Hilversum the most; quarters and months stay small,
 * as real data has. `personEvents` says which person events the partners' adapters read from a history's files, so
 * a test can hold `Flow.figures` over them to that promise.
 */
import { Format, Writer } from "@baken/adapter-csv"
import { writeDetentionCsv } from "@baken/adapter-detentie"
import { Sample as Iwmo } from "@baken/adapter-iwmo"
import { VroegsignaleringFormat } from "@baken/adapter-vroegsignalering"
import { CalendarDate, type Ids, PersonEvent } from "@baken/domain"
import * as DomainDemo from "@baken/region-gooi-en-vechtstreek/demo"
import type { DemoDelivery } from "./Samples.js"
import { testBsns } from "./TestBsns.js"
import { zip } from "./Zip.js"

/** A B&O stay as the care provider reports it: an iWmo 305 start and, when it ended, a 307 stop. */
export interface Stay {
  /** The ToewijzingNummer: seven digits, unique for the provider. */
  readonly allocation: string
  /** The municipality (CBS code, `GM0402`) that allocated the stay. */
  readonly municipality: string
  /** iWmo product category: 15 beschermd wonen, 16 opvang, 17 spoedopvang, 18 overige BW/MO. */
  readonly category: string
  readonly begin: CalendarDate.CalendarDate
  readonly end?: CalendarDate.CalendarDate
  /** Reden beëindiging of the stop. */
  readonly reason?: string
  /** The stop was first sent with another end and reason (StatusAanlevering 1), then corrected (2) to these. */
  readonly firstSent?: { readonly end: CalendarDate.CalendarDate; readonly reason: string }
}

/** A start the provider sent by mistake for an allocation that never began, and later deleted (StatusAanlevering 3). */
export interface Mistake {
  readonly allocation: string
  readonly municipality: string
  readonly category: string
  readonly begin: CalendarDate.CalendarDate
}

/** A detention as the aftercare team of the municipality of registration hears of it: its begin and end notices. */
export interface Detention {
  readonly municipality: string
  readonly begin: CalendarDate.CalendarDate
  readonly end?: CalendarDate.CalendarDate
}

/** One row of the vroegsignalering format: a signal, a contact attempt, accepted help or a closed case. */
export interface Signal {
  readonly municipality: string
  readonly date: CalendarDate.CalendarDate
  readonly event: VroegsignaleringFormat.Event
  readonly soort?: string
  readonly resultaat?: string
}

/** One invented person and what the partners record of them. */
export interface History {
  readonly bsn: string
  readonly stays: ReadonlyArray<Stay>
  readonly mistakes: ReadonlyArray<Mistake>
  readonly detentions: ReadonlyArray<Detention>
  readonly signals: ReadonlyArray<Signal>
}

/** The member municipalities of the 2022-2025 plan (Weesp left on 2022-03-24 and has no histories). */
export const municipalities = ["GM0402", "GM1942", "GM0406", "GM1696", "GM0376", "GM0417", "GM0317"] as const

/** The years the histories cover; every event lies inside them, as the intake requires. */
export const years = [2022, 2023, 2024, 2025] as const

/** The AGB code of the DEMO care provider that sends the iWmo messages (fictitious). */
export const provider = "12345678"

/** Relative size of each municipality's B&O population: Hilversum, the central municipality, has the most. */
const scale: Readonly<Record<string, number>> = {
  GM0402: 1.95,
  GM1942: 1.35,
  GM0406: 1.2,
  GM1696: 1.05,
  GM0376: 1,
  GM0417: 1.05,
  GM0317: 1,
}

/** How each year compares: a little more in 2024. */
const yearFactor: Readonly<Record<number, number>> = { 2022: 0.95, 2023: 1, 2024: 1.1, 2025: 1.04 }

const first = CalendarDate.CalendarDate.make("2022-01-01")
const last = CalendarDate.CalendarDate.make("2025-12-31")
const add = CalendarDate.addDays
const min = CalendarDate.min
const max = CalendarDate.max

/** Typical lengths of a stay in days, by category: spoedopvang short, beschermd wonen long. */
const lengths: Readonly<Record<string, readonly [number, number]>> = {
  "15": [240, 1100],
  "16": [25, 280],
  "17": [4, 60],
  "18": [60, 420],
}

/** Reden beëindiging that is neither according to plan (19) nor unilateral (21, 22). */
const otherReasons = ["23", "02", "31"]

/** The generator's state: the seeded random numbers, the next test BSN and the next ToewijzingNummer. */
class Generator {
  readonly next: () => number
  private person = 0
  private allocation = 2_200_000
  readonly out: Array<History> = []
  private readonly bsns: ReadonlyArray<string>

  constructor(seed: number, bsns: ReadonlyArray<string>) {
    this.next = DomainDemo.random(seed)
    this.bsns = bsns
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<A>(xs: ReadonlyArray<A>): A {
    return xs[Math.floor(this.next() * xs.length)] as A
  }

  /** A day from `from` to `to`, both included. */
  day(from: CalendarDate.CalendarDate, to: CalendarDate.CalendarDate): CalendarDate.CalendarDate {
    return add(from, this.int(0, Math.max(0, CalendarDate.daysBetween(from, to))))
  }

  /** A day of `year`, no later than `latest`. */
  dayIn(year: number, latest: CalendarDate.CalendarDate = last): CalendarDate.CalendarDate {
    return this.day(CalendarDate.make(year, 1, 1), min(CalendarDate.make(year, 12, 31), latest))
  }

  length(category: string): number {
    const [lo, hi] = lengths[category] ?? [30, 300]
    return this.int(lo, hi)
  }

  /** The begin of a stay of `category` that ends on `end`: its typical length before, but not before the plan. */
  beginFor(category: string, end: CalendarDate.CalendarDate): CalendarDate.CalendarDate {
    const begin = add(end, 1 - this.length(category))
    return begin >= first ? begin : this.day(first, min(end, add(first, 40)))
  }

  allocationNumber(): string {
    this.allocation += this.int(1, 9)
    return String(this.allocation)
  }

  stay(
    municipality: string,
    category: string,
    begin: CalendarDate.CalendarDate,
    end?: CalendarDate.CalendarDate,
    reason?: string,
  ): Stay {
    const allocation = this.allocationNumber()
    return end === undefined || end > last
      ? { allocation, municipality, category, begin }
      : { allocation, municipality, category, begin, end, ...(reason === undefined ? {} : { reason }) }
  }

  /** A stay of `category` from `begin` for its typical length; half end according to plan, the rest otherwise. */
  onward(municipality: string, category: string, begin: CalendarDate.CalendarDate): Stay {
    const end = add(begin, this.length(category) - 1)
    const r = this.next()
    const reason =
      r < 0.5 ? "19" : r < 0.62 ? "21" : r < 0.72 ? "22" : (otherReasons[Math.floor(((r - 0.72) / 0.28) * 3)] ?? "23")
    return this.stay(municipality, category, begin, end, reason)
  }

  add(h: Omit<History, "bsn" | "mistakes"> & { readonly mistakes?: ReadonlyArray<Mistake> }): void {
    const bsn = this.bsns[this.person++]
    if (bsn === undefined) throw new Error("histories: out of test BSNs")
    this.out.push({ bsn, mistakes: h.mistakes ?? [], stays: h.stays, detentions: h.detentions, signals: h.signals })
  }
}

const signal = (
  municipality: string,
  date: CalendarDate.CalendarDate,
  event: VroegsignaleringFormat.Event,
  extra: { soort?: string; resultaat?: string } = {},
): Signal => ({ municipality, date, event, ...extra })

const debtKinds = ["huur", "energie", "zorgverzekering", "water"]

/**
 * A debt signal on `date` and a contact attempt on `contact` (when given, else within two weeks); after it accepted
 * help and a closed case sometimes. Nothing after the plan's last day.
 */
const debtCase = (g: Generator, m: string, date: CalendarDate.CalendarDate, contact?: CalendarDate.CalendarDate) => {
  const attempt = contact ?? g.day(date, add(date, 14))
  const out = [
    signal(m, date, "vroegsignaal", { soort: g.pick(debtKinds) }),
    signal(m, attempt, "contactpoging", { resultaat: g.chance(0.8) ? "contact" : "geen-contact" }),
  ]
  if (g.chance(0.55)) {
    const help = add(attempt, g.int(3, 14))
    out.push(signal(m, help, "hulp-geaccepteerd"))
    const closed = add(help, g.int(40, 160))
    const result = g.pick(["schuldhulp", "betalingsregeling", "opgelost"])
    out.push(signal(m, closed, "zaak-afgesloten", { resultaat: result }))
  }
  return out.filter((s) => s.date <= last)
}

/** The stories of one municipality in one year, each anchored on the day that decides the measure's period. */
const cohort = (g: Generator, m: string, year: number): void => {
  const size = (base: number) => Math.round(base * (scale[m] ?? 1) * (yearFactor[year] ?? 1) * (0.93 + 0.16 * g.next()))
  const atLeast = (n: number, base: number) => Math.max(n, size(base))

  // Opvang → beschermd wonen: the opvang ends in `year` and beschermd wonen starts within 90 days. A start within 30
  // days is a transfer; after a wait of 31-90 days the opvang end is a departure according to plan and the start a
  // return as well (waiting for a place in beschermd wonen).
  const throughflow = atLeast(10, 10.5)
  const waiting = Math.round(throughflow * (0.65 + 0.2 * g.next()))
  for (let k = 0; k < throughflow; k++) {
    const waits = k < waiting
    const end = g.dayIn(year, add(last, -95))
    const category = g.chance(0.7) ? "16" : "17"
    const opvang = g.stay(m, category, g.beginFor(category, end), end, waits ? "19" : g.pick(["19", "19", "23"]))
    const bw = g.onward(m, "15", add(end, waits ? g.int(31, 90) : g.int(0, 30)))
    g.add({ stays: [opvang, bw], detentions: [], signals: [] })
  }

  // Out according to plan and back in B&O within a year (31-365 days later, so not a transfer).
  const returns = Math.max(size(1.5), 10 - waiting)
  for (let k = 0; k < returns; k++) {
    const end = g.dayIn(year, add(last, -60))
    const category = g.pick(["15", "15", "16", "18"])
    const before = g.stay(m, category, g.beginFor(category, end), end, "19")
    const again = add(end, g.int(31, Math.min(365, CalendarDate.daysBetween(end, last))))
    g.add({ stays: [before, g.onward(m, g.pick(["16", "16", "17", "18"]), again)], detentions: [], signals: [] })
  }

  // Out according to plan and not back.
  for (let k = 0, n = size(1); k < n; k++) {
    const end = g.dayIn(year)
    const category = g.pick(["15", "18", "16"])
    g.add({ stays: [g.stay(m, category, g.beginFor(category, end), end, "19")], detentions: [], signals: [] })
  }

  // Away unilaterally (reden 21 or 22) and nobody records anything of them for at least 90 days: out of view.
  for (let k = 0, n = atLeast(10, 10); k < n; k++) {
    const end = g.dayIn(year)
    const category = g.pick(["16", "16", "17", "17", "18", "15"])
    const stay = g.stay(m, category, g.beginFor(category, end), end, g.chance(0.55) ? "21" : "22")
    // Some were known to debt counselling well before.
    const earlier = add(stay.begin, -g.int(30, 200))
    const signals = earlier >= first && g.chance(0.25) ? debtCase(g, m, earlier) : []
    g.add({ stays: [stay], detentions: [], signals: signals.filter((s) => s.date < stay.begin) })
  }

  // Away unilaterally but seen again within 90 days: a debt signal and a contact attempt, or a detention.
  for (let k = 0, n = size(2); k < n; k++) {
    const end = g.dayIn(year, add(last, -90))
    const category = g.pick(["16", "17", "18"])
    const stay = g.stay(m, category, g.beginFor(category, end), end, g.pick(["21", "22"]))
    const seen = add(end, g.int(10, 75))
    if (g.chance(0.6)) g.add({ stays: [stay], detentions: [], signals: debtCase(g, m, seen) })
    else {
      const out = add(seen, g.int(20, 200))
      g.add({
        stays: [stay],
        detentions: [{ municipality: m, begin: seen, ...(out <= last ? { end: out } : {}) }],
        signals: [],
      })
    }
  }

  // Ended for another reason (wederzijds goedvinden, overlijden, verhuizing).
  for (let k = 0, n = size(1); k < n; k++) {
    const end = g.dayIn(year)
    const category = g.pick(["15", "16", "18"])
    g.add({
      stays: [g.stay(m, category, g.beginFor(category, end), end, g.pick(otherReasons))],
      detentions: [],
      signals: [],
    })
  }

  // Out of detention with aftercare within 30 days: mostly a contact attempt by debt counselling, sometimes a place
  // in (spoed)opvang, which some leave again unilaterally.
  for (let k = 0, n = atLeast(10, 10.5); k < n; k++) {
    const out = g.dayIn(year, add(last, -30))
    const begin = max(add(out, -g.int(14, 300)), g.day(first, add(first, 20)))
    const detention = { municipality: m, begin: min(begin, out), end: out }
    const after = add(out, g.int(0, 30))
    if (g.chance(0.2)) {
      const stay = g.onward(m, g.pick(["17", "17", "16"]), after)
      g.add({ stays: [stay], detentions: [detention], signals: [] })
    } else {
      // The debt signal came in while they were inside or just after; the contact attempt is the aftercare.
      const signalled = g.day(max(detention.begin, add(out, -20)), after)
      g.add({ stays: [], detentions: [detention], signals: debtCase(g, m, signalled, after) })
    }
  }

  // Out of detention without aftercare within 30 days; a few are contacted later, one is still inside.
  for (let k = 0, n = size(3.5); k < n; k++) {
    const out = g.dayIn(year, add(last, -1))
    const detention = { municipality: m, begin: max(add(out, -g.int(14, 300)), first), end: out }
    const later = add(out, g.int(35, 150))
    g.add({ stays: [], detentions: [detention], signals: later <= last && g.chance(0.4) ? debtCase(g, m, later) : [] })
  }
  if (g.chance(0.3)) g.add({ stays: [], detentions: [{ municipality: m, begin: g.dayIn(year) }], signals: [] })
}

/**
 * A few corrections as providers send them: some stops first sent with a wrong end and reason and corrected
 * (StatusAanlevering 2), and some starts sent for an allocation that never began and deleted (3).
 */
const correct = (g: Generator, histories: ReadonlyArray<History>): Array<History> => {
  let ended = 0
  let started = 0
  return histories.map((h, i) => {
    const k = h.stays.findIndex((s) => s.reason === "19" && s.end !== undefined)
    const s = h.stays[k]
    if (s?.end !== undefined && ++ended % 80 === 0) {
      // First sent as ended by mutual agreement a few days later; corrected to the plan's end.
      const wrong = min(add(s.end, g.int(1, 10)), last)
      return { ...h, stays: h.stays.map((x, j) => (j === k ? { ...x, firstSent: { end: wrong, reason: "23" } } : x)) }
    }
    const stay = h.stays[0]
    if (stay !== undefined && ++started % 200 === 0) {
      // Sent for overige BW/MO under a number of its own, on the day the real stay began, then deleted.
      const mistake = {
        allocation: String(9_000_000 + i),
        municipality: stay.municipality,
        category: "18",
        begin: stay.begin,
      }
      return { ...h, mistakes: [mistake] }
    }
    return h
  })
}

/** The first test BSN the histories use: far from the registry's other samples, so no sample event joins a history. */
const firstBsn = 50_000

/**
 * The demo's person histories: every member municipality in every year 2022-2025, the same for the same seed.
 */
export const histories = (seed = 14): ReadonlyArray<History> => {
  const g = new Generator(seed, testBsns(5_000, firstBsn))
  for (const year of years) for (const m of municipalities) cohort(g, m, year)
  return correct(g, g.out)
}

const event = (fields: ConstructorParameters<typeof PersonEvent.PersonEvent>[0]) => new PersonEvent.PersonEvent(fields)
const code = (m: string) => m as Ids.MunicipalityCode
const source = (s: string) => s as Ids.AdapterId

/**
 * The person events the partners' adapters read from a history's files, in the order `files` delivers them (iWmo
 * messages by date, then their corrections, then vroegsignalering, then detention), for `person` (the pseudonym of
 * the history's BSN), without `origin`.
 */
export const personEvents = (h: History, person: Ids.Pseudonym): ReadonlyArray<PersonEvent.PersonEvent> => {
  const iwmo = source("iwmo")
  const key = (nummer: string) => PersonEvent.allocationKey(nummer, provider)
  const started = (s: Stay | Mistake, correction?: PersonEvent.Correction) =>
    event({
      person,
      kind: "support-started",
      date: s.begin,
      municipality: code(s.municipality),
      category: s.category,
      source: iwmo,
      allocation: key(s.allocation),
      ...(correction === undefined ? {} : { correction }),
    })
  const stopped = (s: Stay, end: CalendarDate.CalendarDate, reason: string, correction?: PersonEvent.Correction) =>
    event({
      person,
      kind: "support-stopped",
      date: end,
      municipality: code(s.municipality),
      category: s.category,
      reason,
      source: iwmo,
      allocation: key(s.allocation),
      ...(correction === undefined ? {} : { correction }),
    })
  const main = [
    ...h.stays.flatMap((s) => [
      { date: s.begin, e: started(s) },
      ...(s.end === undefined || s.reason === undefined
        ? []
        : [
            {
              date: s.firstSent?.end ?? s.end,
              e: stopped(s, s.firstSent?.end ?? s.end, s.firstSent?.reason ?? s.reason),
            },
          ]),
    ]),
    ...h.mistakes.map((s) => ({ date: s.begin, e: started(s) })),
  ]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((x) => x.e)
  const signals = h.signals.map((s) =>
    event({
      person,
      kind: VroegsignaleringFormat.events[s.event],
      date: s.date,
      municipality: code(s.municipality),
      ...(s.soort === undefined ? {} : { category: s.soort }),
      ...(s.resultaat === undefined ? {} : { reason: s.resultaat }),
      source: source("vroegsignalering"),
    }),
  )
  const detentions = h.detentions.flatMap((d) => [
    event({
      person,
      kind: "detention-started",
      date: d.begin,
      municipality: code(d.municipality),
      source: source("detentie"),
    }),
    ...(d.end === undefined
      ? []
      : [
          event({
            person,
            kind: "detention-ended",
            date: d.end,
            municipality: code(d.municipality),
            source: source("detentie"),
          }),
        ]),
  ])
  const corrections = [
    ...h.stays.flatMap((s) =>
      s.firstSent === undefined || s.end === undefined || s.reason === undefined
        ? []
        : [stopped(s, s.end, s.reason, "replaces")],
    ),
    ...h.mistakes.map((s) => started(s, "deletes")),
  ]
  return [...main, ...corrections, ...signals, ...detentions]
}

// ------------------------------------------------------------------------------------------------- the files

const encoder = new TextEncoder()

/** The 4-digit gemeentecode of a CBS municipality code, as iWmo writes it (`GM0402` → `0402`). */
const gemeentecode = (m: string) => m.slice(2)

const byDate = <A extends { readonly date: string }>(xs: ReadonlyArray<A>): Array<A> =>
  xs
    .map((x, i) => [x, i] as const)
    .sort(([a, i], [b, j]) => (a.date < b.date ? -1 : a.date > b.date ? 1 : i - j))
    .map(([x]) => x)

interface Message {
  readonly date: string
  readonly name: string
  readonly xml: string
}

const startOf = (bsn: string, s: Stay | Mistake, status: "1" | "3" = "1"): Message => ({
  date: s.begin,
  name: `wmo305-${s.allocation}${status === "3" ? "-verwijderd" : ""}.xml`,
  xml: Iwmo.startMessage({
    bsn,
    municipality: gemeentecode(s.municipality),
    provider,
    toewijzingNummer: s.allocation,
    category: s.category,
    begin: s.begin,
    status,
  }),
})

const stopOf = (bsn: string, s: Stay, end: string, reason: string, status: "1" | "2" = "1"): Message => ({
  date: end,
  name: `wmo307-${s.allocation}${status === "2" ? "-gewijzigd" : ""}.xml`,
  xml: Iwmo.stopMessage({
    bsn,
    municipality: gemeentecode(s.municipality),
    provider,
    toewijzingNummer: s.allocation,
    category: s.category,
    begin: s.begin,
    end,
    reden: reason,
    status,
  }),
})

const archive = (messages: ReadonlyArray<Message>): Uint8Array =>
  zip(messages.map((m) => ({ name: m.name, bytes: encoder.encode(m.xml) })))

/**
 * The histories as the partners deliver them, in this order: the DEMO care provider's iWmo archive — WMO305 starts
 * and WMO307 stops by date, one client per message, and after them the corrections (StatusAanlevering 2 and 3) of
 * some of those messages —, the DEMO debt-counselling team's vroegsignalering events and the DEMO aftercare team's
 * detention notices. The corrections travel in the same archive as what they correct: a deletion in a later file
 * would make that file's count of starts in the month negative, which the intake refuses.
 */
export const files = (hs: ReadonlyArray<History> = histories()): ReadonlyArray<DemoDelivery> => {
  const messages = hs.flatMap((h) => [
    ...h.stays.flatMap((s) => [
      startOf(h.bsn, s),
      ...(s.end === undefined || s.reason === undefined
        ? []
        : [stopOf(h.bsn, s, s.firstSent?.end ?? s.end, s.firstSent?.reason ?? s.reason)]),
    ]),
    ...h.mistakes.map((s) => startOf(h.bsn, s)),
  ])
  const corrections = hs.flatMap((h) => [
    ...h.stays.flatMap((s) =>
      s.firstSent === undefined || s.end === undefined || s.reason === undefined
        ? []
        : [stopOf(h.bsn, s, s.end, s.reason, "2")],
    ),
    ...h.mistakes.map((s) => startOf(h.bsn, s, "3")),
  ])
  const signals = byDate(hs.flatMap((h) => h.signals.map((s) => ({ ...s, bsn: h.bsn }))))
  const signalCsv = `${Writer.bom}${Format.header(VroegsignaleringFormat.format)}\r\n${signals
    .map((s) => Writer.row([s.bsn, s.municipality, s.date, s.event, s.soort ?? "", s.resultaat ?? ""]))
    .join("")}`
  const notices = byDate(
    hs.flatMap((h) =>
      h.detentions.flatMap((d) => [
        { bsn: h.bsn, gemeente: d.municipality, soort: "begin" as const, datum: d.begin, date: d.begin },
        ...(d.end === undefined
          ? []
          : [{ bsn: h.bsn, gemeente: d.municipality, soort: "einde" as const, datum: d.end, date: d.end }]),
      ]),
    ),
  )
  return [
    {
      partner: DomainDemo.demoZorgaanbieder,
      adapter: "iwmo",
      name: "DEMO-iwmo-verblijven-2022-2025.zip",
      bytes: archive([...byDate(messages), ...byDate(corrections)]),
    },
    {
      partner: DomainDemo.demoSchuldhulp,
      adapter: "vroegsignalering",
      name: "DEMO-vroegsignalering-personen-2022-2025.csv",
      bytes: encoder.encode(signalCsv),
    },
    {
      partner: DomainDemo.demoNazorgDetentie,
      adapter: "detentie",
      name: "DEMO-detentie-2022-2025.csv",
      bytes: encoder.encode(writeDetentionCsv(notices)),
    },
  ]
}
