// Generated deliveries for the tests: observations, pseudonymised person events and rejections built from the
// domain Schemas, with fast-check arbitraries, and source hashes no other test uses.
import { createHash, randomBytes } from "node:crypto"
import { Delivery, Observation, type Period, PersonEvent } from "@baken/domain"
import { Stream } from "effect"
import fc from "fast-check"
import type { DeliveryRepository } from "../src/index.js"

/** A source hash no other test uses. */
export const freshHash = () => createHash("sha256").update(randomBytes(16)).digest("hex") as never

/** A pseudonym for a generated person number (no real person behind it). */
export const pseudonym = (n: number) => createHash("sha256").update(`generated-person-${n}`).digest("hex") as never

const municipalities = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"] as const
const periods = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] as const

/** An observation from parts. */
export const observation = (
  indicator: string,
  area: string,
  period: string,
  value: number | null,
): Observation.Observation =>
  Observation.Observation.make({
    indicator: indicator as never,
    area: area as never,
    period: period as never,
    value,
    source: "test-adapter" as never,
  })

/** Observations over a few indicators, municipalities and quarters, some values unknown. */
export const observationsArb = (indicatorPrefix: string): fc.Arbitrary<Array<Observation.Observation>> =>
  fc.array(
    fc
      .record({
        indicator: fc.constantFrom("a", "b", "c"),
        area: fc.constantFrom(...municipalities),
        period: fc.constantFrom(...periods),
        value: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null, freq: 5 }),
      })
      .map((r) => observation(`${indicatorPrefix}-${r.indicator}`, r.area, r.period, r.value)),
    { minLength: 1, maxLength: 60 },
  )

/** A person event from parts. */
export const personEvent = (
  person: number,
  municipality: string,
  date: string,
  category?: string,
): PersonEvent.PersonEvent =>
  PersonEvent.PersonEvent.make({
    person: pseudonym(person),
    kind: "support-started",
    date: date as never,
    municipality: municipality as never,
    ...(category === undefined ? {} : { category }),
    source: "test-adapter" as never,
  })

/** A rejection at a line of a file. */
export const rejection = (line: number, rule: string): Delivery.Rejection =>
  Delivery.Rejection.make({
    location: Delivery.Location.make({ file: "levering.csv", line }),
    field: "gemeente",
    rule,
    message: Delivery.Message.make({ nl: "onbekende gemeente", en: "unknown municipality" }),
  })

/** An intake of the given records under a fresh source hash. */
export const intake = (
  records: ReadonlyArray<Delivery.AcceptedRecord>,
  rejections: ReadonlyArray<Delivery.Rejection> = [],
  sourceHash = freshHash(),
): DeliveryRepository.Intake => ({
  header: Delivery.DeliveryHeader.make({
    partner: "test-partner" as never,
    adapter: "test-adapter" as never,
    sourceHash,
    sourceName: "levering.csv",
    receivedOn: "2024-05-01" as never,
  }),
  records: Stream.fromIterable(records),
  rejections,
  actor: "partner:test-partner",
  purpose: "test intake",
})

/** Sums observations per indicator × area × period, the way the store must. */
export const expectedCells = (obs: ReadonlyArray<Observation.Observation>) => {
  const cells = new Map<string, { total: number; observations: number; unknown: number }>()
  for (const o of obs) {
    const key = `${o.indicator}|${o.area}|${o.period}`
    const c = cells.get(key) ?? { total: 0, observations: 0, unknown: 0 }
    c.observations += 1
    if (o.value === null) c.unknown += 1
    else c.total += o.value
    cells.set(key, c)
  }
  return cells
}

/** The quarters the generated observations use. */
export const quarters = periods as unknown as ReadonlyArray<Period.Period>
/** The municipalities the generated data uses. */
export const members = municipalities as unknown as ReadonlyArray<never>
