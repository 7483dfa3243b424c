/**
 * DEMO national figures — EXAMPLE DATA, NOT CBS FIGURES. Invented values for the Netherlands as a whole (`NL01`) and
 * for the members, in the indicators the CBS StatLine adapter emits, so that the demo can compare a municipality with
 * its region and the Netherlands. `@baken/adapter-registry`'s `Samples.demoDeliveries()` writes them as CBS OData
 * pages (tables 03759ned, 85043NED and 84848NED) that the demo delivers through the CBS adapter. Every number here
 * is made up.
 */
import { AreaCode } from "@baken/domain/Area"
import { populationIndicator } from "@baken/domain/Comparison"
import { AdapterId, IndicatorId } from "@baken/domain/Ids"
import { DataSource, Indicator } from "@baken/domain/Indicator"
import { Observation } from "@baken/domain/Observation"
import * as Period from "@baken/domain/Period"

const cbs = AdapterId.make("cbs-statline")

/** The plan years the national figures cover. */
export const nationalYears: ReadonlyArray<number> = [2022, 2023, 2024, 2025]

/** The members the demo's CBS pages cover. */
const members = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"] as const

/** DEMO: invented population of the Netherlands on 1 January (not CBS's figure). */
export const nationalPopulation: Readonly<Record<number, number>> = {
  2022: 17_591_000,
  2023: 17_811_000,
  2024: 17_942_000,
  2025: 18_044_000,
}

/**
 * A member's population in a year as the demo's `inwoners` observations give it (the year before when they have none
 * yet), so every DEMO CBS page agrees with the demo's inwoners instead of contradicting them.
 */
export const populationIn = (demoObservations: ReadonlyArray<Observation>, area: string, year: number): number => {
  for (let y = year; y >= year - 3; y--) {
    const found = demoObservations.find(
      (o) => o.indicator === "inwoners" && o.area === area && o.period === String(y) && o.value !== null,
    )
    if (found?.value != null) return found.value
  }
  return 10_000
}

/** The CBS indicators the demo compares besides the plan's own (CBS's national context, counted per year). */
export const nationalIndicators: ReadonlyArray<Indicator> = [
  new Indicator({
    id: IndicatorId.make("wmo-clienten"),
    name: "Wmo-cliënten",
    definition:
      "Aantal inwoners met een maatwerkvoorziening uit de Wmo volgens CBS StatLine (tabel 85043NED). In de demo verzonnen.",
    unit: "count",
    direction: "lower-is-better",
    aggregation: { _tag: "Sum" },
    source: new DataSource({ adapter: cbs, description: "CBS StatLine, tabel 85043NED", table: "85043NED" }),
    disclosure: "person-counts",
  }),
  new Indicator({
    id: IndicatorId.make("cbs-vt-meldingen"),
    name: "Meldingen bij Veilig Thuis",
    definition:
      "Aantal meldingen van huiselijk geweld en kindermishandeling bij Veilig Thuis volgens CBS StatLine (tabel 84848NED). In de demo verzonnen.",
    unit: "count",
    direction: "lower-is-better",
    aggregation: { _tag: "Sum" },
    source: new DataSource({ adapter: cbs, description: "CBS StatLine, tabel 84848NED", table: "84848NED" }),
    disclosure: "person-counts",
  }),
]

/** A small deterministic generator, so the national figures are the same every time. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** Invented rates per 1,000 inhabitants behind the counts: the region a little below the country for Wmo. */
const perThousand: ReadonlyArray<readonly [string, number, number]> = [
  // indicator, members' rate, national rate
  ["wmo-clienten", 52, 57],
  ["cbs-vt-meldingen", 6.8, 7.4],
]

const observation = (indicator: string, area: string, year: number, value: number) =>
  new Observation({
    indicator: IndicatorId.make(indicator),
    area: AreaCode.make(area),
    period: Period.Period.make(String(year)),
    value,
    source: cbs,
  })

/**
 * DEMO observations as the CBS adapter emits them: the population of the Netherlands per year, and the national
 * indicators per year for the members (over their populations in `demoObservations`) and for the Netherlands.
 */
export const nationalObservationsOf = (demoObservations: ReadonlyArray<Observation>): ReadonlyArray<Observation> => {
  const next = random(1899)
  const out: Array<Observation> = []
  for (const year of nationalYears) {
    const national = nationalPopulation[year] ?? 17_900_000
    out.push(observation(populationIndicator, "NL01", year, national))
    for (const [indicator, local, country] of perThousand) {
      const drift = 1 + 0.02 * (year - 2022)
      for (const area of members) {
        const expected = (populationIn(demoObservations, area, year) / 1000) * local * drift
        out.push(observation(indicator, area, year, Math.round(expected * (0.85 + next() * 0.3))))
      }
      out.push(observation(indicator, "NL01", year, Math.round((national / 1000) * country * drift)))
    }
  }
  return out
}
