// Corrections, pairing and the flow measures, on PGlite in memory and on PostgreSQL: the example rules one by one
// (each rejection with its location and Dutch message), and a differential property test that holds the store's SQL,
// kept incrementally over several deliveries, to the domain's reference `Flow.figures` and to a full recomputation.
import { Delivery, Flow, Period, PersonEvent } from "@baken/domain"
import { Effect } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { DeliveryRepository, FlowRepository, ObservationRepository, PersonEventRepository } from "../src/index.js"
import { type Backend, backends, openStore } from "./Backends.js"
import { intake, pseudonym } from "./Fixtures.js"

/** An event as the generator and the examples write it. */
interface Ev {
  readonly person: number
  readonly kind: PersonEvent.EventKind
  readonly date: string
  readonly municipality: string
  readonly category?: string
  readonly reason?: string
  readonly allocation?: string
  readonly correction?: "replaces" | "deletes"
  readonly line: number
}

const toEvent = (e: Ev, file: string): PersonEvent.PersonEvent =>
  PersonEvent.PersonEvent.make({
    person: pseudonym(e.person),
    kind: e.kind,
    date: e.date as never,
    municipality: e.municipality as never,
    ...(e.category === undefined ? {} : { category: e.category }),
    ...(e.reason === undefined ? {} : { reason: e.reason }),
    source: "iwmo" as never,
    ...(e.allocation === undefined ? {} : { allocation: e.allocation }),
    ...(e.correction === undefined ? {} : { correction: e.correction }),
    origin: PersonEvent.Origin.make({ file, message: `bericht-${e.line}`, line: e.line }),
  })

const start = (person: number, allocation: string, date: string, line: number, extra: Partial<Ev> = {}): Ev => ({
  person,
  kind: "support-started",
  date,
  municipality: "GM0402",
  category: "16",
  allocation,
  line,
  ...extra,
})
const stop = (person: number, allocation: string, date: string, line: number, extra: Partial<Ev> = {}): Ev => ({
  person,
  kind: "support-stopped",
  date,
  municipality: "GM0402",
  category: "16",
  reason: "19",
  allocation,
  line,
  ...extra,
})

const flowSuite = (backend: Backend) =>
  describe.skipIf(backend.skip !== undefined)(`flows on ${backend.name}`, () => {
    const { run } = openStore(backend)

    /** Empties the person events and flow results, so one case sees only its own persons. */
    const clear = Effect.gen(function* () {
      const sql = yield* SqlClient
      for (const table of ["flow_counts", "flow_lengths", "flow_hits", "flow_stays", "person_events"]) {
        yield* sql.unsafe(`DELETE FROM ${table}`)
      }
    })

    /** Stores one delivery of events from `file`; returns what the store says of it and its rejections. */
    const deliver = (events: ReadonlyArray<Ev>, file: string) =>
      Effect.gen(function* () {
        const repo = yield* DeliveryRepository.DeliveryRepository
        const input = intake(events.map((e) => toEvent(e, file)))
        const stored = yield* repo.store(input)
        const rejections = yield* repo.rejections(input.header.partner, input.header.sourceHash)
        return { stored, rejections }
      })

    /** The stored flow counts as `indicator|period|area` → persons. */
    const storedCounts = Effect.gen(function* () {
      const obs = yield* ObservationRepository.ObservationRepository
      const out = new Map<string, number>()
      for (const id of Flow.countIds) {
        for (const c of yield* obs.aggregate(id)) {
          expect([c.observations, c.unknown]).toEqual([1, 0])
          out.set(`${id}|${c.period}|${c.area}`, c.total)
        }
      }
      return out
    })
    const storedMedians = Effect.gen(function* () {
      const flows = yield* FlowRepository.FlowRepository
      const rows = yield* flows.medians(Flow.ids.stayLength)
      return new Map(rows.map((r) => [`${r.period}|${r.area}`, { value: r.value, base: r.base }]))
    })

    describe("pairing rejects what would distort a measure, located and in Dutch", () => {
      it("a second start of an allocation is rejected at its line with a Dutch message, and the summary counts it", async () => {
        const { stored, rejections } = await run(
          Effect.gen(function* () {
            yield* clear
            yield* deliver([start(1, "T1A12345678", "2024-01-10", 1)], "eerste.xml")
            return yield* deliver(
              [start(1, "T1A12345678", "2024-02-01", 4), start(2, "T1A12345678", "2024-02-01", 5)],
              "tweede.xml",
            )
          }),
        )
        expect(stored.summary.accepted).toEqual({ "person-event": 1 })
        expect(stored.summary.rejected).toEqual({ "dubbele-start": 1 })
        expect(rejections).toHaveLength(1)
        const [r] = rejections
        expect(r?.location).toEqual(Delivery.Location.make({ file: "tweede.xml", message: "bericht-4", line: 4 }))
        expect(r?.field).toBe("ToewijzingNummer")
        expect(r?.rule).toBe("dubbele-start")
        expect(r?.message.nl).toContain("toewijzing T1A12345678 (gemeente GM0402)")
        expect(r?.message.nl).toContain("al gestart op 10 januari 2024")
        expect(r?.message.en).toContain("already started on 2024-01-10")
      })

      it("a stop of an allocation that never started is rejected, and counts for no measure", async () => {
        const { stored, rejections, counts } = await run(
          Effect.gen(function* () {
            yield* clear
            const out = yield* deliver([stop(1, "T2A12345678", "2024-03-01", 7)], "stops.xml")
            return { ...out, counts: yield* storedCounts }
          }),
        )
        expect(stored.summary.accepted).toEqual({})
        expect(stored.summary.rejected).toEqual({ "stop-zonder-start": 1 })
        expect(rejections[0]?.location.line).toBe(7)
        expect(rejections[0]?.message.nl).toContain("zonder start")
        expect(counts.size).toBe(0)
      })

      it("a second stop is rejected, also within the delivery that started and stopped the allocation", async () => {
        const { stored, rejections, medians } = await run(
          Effect.gen(function* () {
            yield* clear
            const out = yield* deliver(
              [
                start(1, "T3A12345678", "2024-01-01", 1),
                stop(1, "T3A12345678", "2024-01-10", 2),
                stop(1, "T3A12345678", "2024-05-10", 3),
              ],
              "levering.xml",
            )
            return { ...out, medians: yield* storedMedians }
          }),
        )
        expect(stored.summary.rejected).toEqual({ "dubbele-stop": 1 })
        expect(rejections[0]?.location.line).toBe(3)
        expect(rejections[0]?.message.nl).toContain("al gestopt op 10 januari 2024")
        expect(medians.get("2024-01|GM0402")).toEqual({ value: 10, base: 1 })
        expect(medians.get("2024-05|GM0402")).toBeUndefined()
      })

      it("a stop dated before its start is rejected and the stay keeps running", async () => {
        const { stored, rejections, medians } = await run(
          Effect.gen(function* () {
            yield* clear
            yield* deliver([start(1, "T4A12345678", "2024-04-01", 1)], "start.xml")
            const out = yield* deliver([stop(1, "T4A12345678", "2024-03-15", 9)], "stop.xml")
            return { ...out, medians: yield* storedMedians }
          }),
        )
        expect(stored.summary.rejected).toEqual({ "stop-voor-start": 1 })
        expect(rejections[0]?.location).toEqual(
          Delivery.Location.make({ file: "stop.xml", message: "bericht-9", line: 9 }),
        )
        expect(rejections[0]?.message.nl).toContain("vóór de start op 1 april 2024")
        expect(medians.size).toBe(0)
      })
    })

    describe("corrections count", () => {
      it("a correction replaces the earlier stop, a deletion takes a start away, and a deletion of nothing changes nothing", async () => {
        const { medians, counts, persons } = await run(
          Effect.gen(function* () {
            yield* clear
            yield* deliver(
              [
                start(1, "T5A12345678", "2024-01-01", 1),
                stop(1, "T5A12345678", "2024-01-10", 2),
                start(2, "T6A12345678", "2024-01-01", 3),
              ],
              "eerste.xml",
            )
            yield* deliver(
              [
                stop(1, "T5A12345678", "2024-01-20", 1, { correction: "replaces" }),
                start(2, "T6A12345678", "2024-01-01", 2, { correction: "deletes" }),
                stop(3, "T7A12345678", "2024-01-05", 3, { correction: "deletes" }),
              ],
              "correcties.xml",
            )
            const pe = yield* PersonEventRepository.PersonEventRepository
            const persons = yield* pe.count({
              kind: "support-started",
              from: "2024-01-01",
              to: "2024-12-31",
              per: "year",
            } as never)
            return { medians: yield* storedMedians, counts: yield* storedCounts, persons }
          }),
        )
        expect(medians.get("2024-01|GM0402")).toEqual({ value: 20, base: 1 })
        expect(counts.get(`${Flow.ids.departures}|2024-01|GM0402`)).toBe(1)
        expect(persons.map((p) => [p.persons, p.events])).toEqual([[1, 1]])
      })

      it("a correction without an earlier event stands as a new one", async () => {
        const medians = await run(
          Effect.gen(function* () {
            yield* clear
            yield* deliver(
              [
                start(1, "T8A12345678", "2024-02-01", 1, { correction: "replaces" }),
                stop(1, "T8A12345678", "2024-02-29", 2),
              ],
              "levering.xml",
            )
            return yield* storedMedians
          }),
        )
        expect(medians.get("2024-02|GM0402")).toEqual({ value: 29, base: 1 })
      })
    })

    it("a staged delivery pairs and moves the measures when it is published, not before", async () => {
      const { before, after, summary } = await run(
        Effect.gen(function* () {
          yield* clear
          const repo = yield* DeliveryRepository.DeliveryRepository
          const staging = yield* repo.begin(intake([]).header)
          const s = staging._tag === "Some" ? staging.value : undefined
          if (s === undefined) throw new Error("not staged")
          yield* s.write([
            toEvent(start(1, "T9A12345678", "2024-06-01", 1), "groot.xml"),
            toEvent(stop(1, "T9A12345678", "2024-06-30", 2), "groot.xml"),
            toEvent(stop(1, "T9A12345678", "2024-07-30", 3), "groot.xml"),
          ])
          const before = yield* storedCounts
          const published = yield* s.publish({ rejected: {}, rejections: [], actor: "test", purpose: "test" })
          return { before, after: yield* storedCounts, summary: published.summary }
        }),
      )
      expect(before.size).toBe(0)
      expect(after.get(`${Flow.ids.departuresAccordingToPlan}|2024|GM0402`)).toBe(1)
      expect(summary.accepted).toEqual({ "person-event": 2 })
      expect(summary.rejected).toEqual({ "dubbele-stop": 1 })
    })

    it("region medians are the medians over the member municipalities' stays together", async () => {
      const region = await run(
        Effect.gen(function* () {
          yield* clear
          yield* deliver(
            [
              start(1, "TaA1", "2024-01-01", 1),
              stop(1, "TaA1", "2024-01-10", 2),
              start(2, "TbA1", "2024-01-01", 3, { municipality: "GM0406" }),
              stop(2, "TbA1", "2024-01-20", 4, { municipality: "GM0406" }),
              start(3, "TcA1", "2024-01-01", 5, { municipality: "GM1942" }),
              stop(3, "TcA1", "2024-01-31", 6, { municipality: "GM1942" }),
            ],
            "levering.xml",
          )
          const flows = yield* FlowRepository.FlowRepository
          return yield* flows.regionMedians(Flow.ids.stayLength, [
            { period: "2024-01" as Period.Period, areas: ["GM0402", "GM0406"] },
            { period: "2024" as Period.Period, areas: ["GM0402", "GM0406", "GM1942"] },
          ])
        }),
      )
      expect(region.map((r) => [r.period, r.value, r.base])).toEqual([
        ["2024", 20, 3],
        ["2024-01", 15, 2],
      ])
    })

    it("the store's flow measures, kept delivery by delivery, equal the reference Flow.figures and a full recomputation", async () => {
      await fc.assert(
        fc.asyncProperty(historiesArb, async ({ events, cuts }) => {
          const result = await run(
            Effect.gen(function* () {
              yield* clear
              const deliveries = split(events, cuts)
              const rejected = new Set<number>()
              for (const [i, d] of deliveries.entries()) {
                const { rejections } = yield* deliver(d, `levering-${i}.xml`)
                for (const r of rejections) rejected.add(r.location.line as number)
              }
              const incremental = { counts: yield* storedCounts, medians: yield* storedMedians }
              const flows = yield* FlowRepository.FlowRepository
              const region = yield* flows.regionMedians(Flow.ids.stayLength, regionGroups)
              yield* flows.recompute()
              const full = { counts: yield* storedCounts, medians: yield* storedMedians }
              return { rejected, incremental, full, region }
            }),
          )
          const accepted = events.filter((e) => !result.rejected.has(e.line))
          const expected = reference(accepted)
          expect(result.incremental.counts).toEqual(expected.counts)
          expect(result.incremental.medians).toEqual(expected.medians)
          expect(new Map(result.region.map((r) => [r.period, { value: r.value, base: r.base }]))).toEqual(
            expected.region,
          )
          expect(result.full).toEqual(result.incremental)
        }),
        { numRuns: 60 },
      )
    })
  })

// ---- the differential test's generator and reference side ----

const municipalities = ["GM0402", "GM0406"] as const
const origin = Date.UTC(2023, 10, 1)
const day = (offset: number) => new Date(origin + offset * 86_400_000).toISOString().slice(0, 10)
/** Days at the edges of periods, and the leap day. */
const edges = [
  "2023-12-31",
  "2024-01-01",
  "2024-02-29",
  "2024-03-01",
  "2024-03-31",
  "2024-04-01",
  "2024-12-31",
  "2025-01-01",
]
const dateArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 480 }).map(day) },
  { weight: 1, arbitrary: fc.constantFrom(...edges) },
)
const offsetFrom = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** Gaps in days that sit on the windows' edges (transfer 30, throughflow and in view 90, return 365), or anything. */
const gapArb = fc.oneof(
  fc.constantFrom(-1, 0, 1, 29, 30, 31, 89, 90, 91, 364, 365, 366),
  fc.integer({ min: -10, max: 400 }),
)

/**
 * One allocation of one person: a start (on a date, or a gap after the person's previous stop), maybe a stop, maybe
 * corrections and doubles arriving later.
 */
const allocationArb = fc.record({
  municipality: fc.constantFrom(...municipalities),
  category: fc.constantFrom("15", "16", "17", "18", "15", "16", "05"),
  start: dateArb,
  after: fc.option(gapArb, { nil: undefined, freq: 2 }),
  length: fc.option(fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: -3, max: 400 })), { nil: undefined }),
  reason: fc.constantFrom("19", "21", "22", "02", "19", undefined),
  extra: fc.constantFrom(
    "none",
    "none",
    "none",
    "replace-stop",
    "replace-start",
    "delete-stop",
    "delete-start",
    "second-start",
    "second-stop",
  ),
  shift: fc.integer({ min: -20, max: 40 }),
})

/** Another event of the person: on a date, or a gap after their last stop or detention end. */
const otherArb = fc.record({
  kind: fc.constantFrom<PersonEvent.EventKind>(
    "debt-signal-received",
    "contact-attempted",
    "help-accepted",
    "support-started",
    "detention-ended",
    "detention-ended",
    "allocation-requested",
  ),
  municipality: fc.constantFrom(...municipalities),
  date: dateArb,
  after: fc.option(fc.oneof(fc.constantFrom(0, 1, 30, 31, 90, 91), fc.integer({ min: -5, max: 100 })), {
    nil: undefined,
    freq: 2,
  }),
})

const personArb = fc.record({
  allocations: fc.array(allocationArb, { maxLength: 4 }),
  others: fc.array(otherArb, { maxLength: 4 }),
})

/** Events with an arrival rank: corrections and doubles arrive after what they follow, in a later delivery mostly. */
const historiesArb = fc
  .record({
    persons: fc.array(personArb, { minLength: 1, maxLength: 8 }),
    order: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 200, maxLength: 200 }),
    cuts: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ persons, order, cuts }) => {
    const ranked: Array<{ rank: number; ev: Omit<Ev, "line"> }> = []
    let k = 0
    const rank = (after = 0) => after + (order[k++ % order.length] ?? 0)
    persons.forEach((p, person) => {
      let lastStop: string | undefined
      p.allocations.forEach((a, n) => {
        const allocation = `T${n + 1}A0000000${person}`
        const base = { person, municipality: a.municipality, category: a.category, allocation }
        const date = a.after !== undefined && lastStop !== undefined ? offsetFrom(lastStop, a.after) : a.start
        const s = { ...base, kind: "support-started" as const, date }
        const sRank = rank()
        ranked.push({ rank: sRank, ev: s })
        if (a.length !== undefined) {
          const t = {
            ...base,
            kind: "support-stopped" as const,
            date: offsetFrom(date, a.length),
            ...(a.reason === undefined ? {} : { reason: a.reason }),
          }
          lastStop = t.date
          const tRank = rank(sRank)
          ranked.push({ rank: tRank, ev: t })
          if (a.extra === "replace-stop")
            ranked.push({ rank: rank(tRank), ev: { ...t, date: offsetFrom(t.date, a.shift), correction: "replaces" } })
          if (a.extra === "delete-stop") ranked.push({ rank: rank(tRank), ev: { ...t, correction: "deletes" } })
          if (a.extra === "second-stop")
            ranked.push({ rank: rank(tRank), ev: { ...t, date: offsetFrom(t.date, a.shift) } })
        }
        if (a.extra === "replace-start")
          ranked.push({ rank: rank(sRank), ev: { ...s, date: offsetFrom(s.date, a.shift), correction: "replaces" } })
        if (a.extra === "delete-start") ranked.push({ rank: rank(sRank), ev: { ...s, correction: "deletes" } })
        if (a.extra === "second-start")
          ranked.push({ rank: rank(sRank), ev: { ...s, date: offsetFrom(s.date, a.shift) } })
      })
      let lastDetention: string | undefined
      for (const o of p.others) {
        const from = o.kind === "detention-ended" ? lastStop : (lastDetention ?? lastStop)
        const date = o.after !== undefined && from !== undefined ? offsetFrom(from, o.after) : o.date
        if (o.kind === "detention-ended") lastDetention = date
        ranked.push({ rank: rank(), ev: { person, kind: o.kind, municipality: o.municipality, date } })
      }
    })
    ranked.sort((a, b) => a.rank - b.rank)
    const events: Array<Ev> = ranked.map((r, i) => ({ ...r.ev, line: i + 1 }))
    return { events, cuts: cuts.map((c) => Math.floor((c / 100) * events.length)) }
  })

const split = (events: ReadonlyArray<Ev>, cuts: ReadonlyArray<number>): ReadonlyArray<ReadonlyArray<Ev>> => {
  const at = [...new Set([0, ...cuts, events.length])].sort((a, b) => a - b)
  return at
    .slice(1)
    .map((to, i) => events.slice(at[i], to))
    .filter((d) => d.length > 0)
}

/** The region of the differential test: both municipalities, in every period of 2023–2025. */
const regionGroups = [2023, 2024, 2025].flatMap((y) =>
  Flow.periodKinds.flatMap((k) =>
    Period.split(String(y) as Period.Period, k).map((period) => ({ period, areas: [...municipalities] })),
  ),
)

/** The reference's figures over the accepted events, per person in order of arrival, keyed as the store's. */
const reference = (accepted: ReadonlyArray<Ev>) => {
  const byPerson = new Map<number, Array<PersonEvent.PersonEvent>>()
  for (const e of accepted) {
    const list = byPerson.get(e.person) ?? []
    byPerson.set(e.person, list)
    list.push(toEvent(e, "x"))
  }
  const figures = Flow.figures(byPerson.values())
  const counts = new Map<string, number>()
  for (const [id, byPeriod] of figures.counts)
    for (const [period, byArea] of byPeriod) for (const [area, n] of byArea) counts.set(`${id}|${period}|${area}`, n)
  const medians = new Map<string, { value: number; base: number }>()
  for (const [period, byArea] of figures.medians)
    for (const [area, m] of byArea) medians.set(`${period}|${area}`, { value: m.value, base: m.base })
  const lengths = new Map<string, Array<number>>()
  for (const history of byPerson.values())
    for (const l of Flow.personFlows(history).lengths)
      for (const k of Flow.periodKinds) {
        const period = Period.ofDate(l.end, k)
        if (!regionGroups.some((g) => g.period === period)) continue
        const list = lengths.get(period) ?? []
        lengths.set(period, list)
        list.push(l.days)
      }
  const region = new Map(
    [...lengths].map(([period, list]) => [period, { value: Flow.median(list) as number, base: list.length }]),
  )
  return { counts, medians, region }
}

for (const backend of backends("flows").filter((b) => b.name !== "PGlite on a data folder")) flowSuite(backend)
