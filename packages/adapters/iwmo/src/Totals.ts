/**
 * Running totals behind the adapter's observations: counts per product category and declared euro cents, keyed by
 * indicator, municipality and month. A message adds to its own totals first and merges them into the delivery's only
 * when it is accepted whole, so a rejected message never counts. The key space is small (indicators × municipalities
 * × months), so memory stays bounded however large the delivery.
 */
import { Area, Ids, Observation, Period } from "@baken/domain"

const adapterId = Ids.AdapterId.make("iwmo")

/** Totals keyed by indicator, municipality and period. */
export class Totals {
  private readonly values = new Map<string, number>()

  /** Adds `amount` to the total of an indicator, municipality and period. */
  add(indicator: Ids.IndicatorId, municipality: Ids.MunicipalityCode, period: Period.Period, amount: number): void {
    const key = `${indicator}|${municipality}|${period}`
    this.values.set(key, (this.values.get(key) ?? 0) + amount)
  }

  /** Adds every total of `other` to these. */
  merge(other: Totals): void {
    for (const [key, value] of other.values) this.values.set(key, (this.values.get(key) ?? 0) + value)
  }

  /** Whether nothing was added. */
  get isEmpty(): boolean {
    return this.values.size === 0
  }

  /** The totals as observations, ordered by indicator, municipality and period so that runs are deterministic. */
  observations(): ReadonlyArray<Observation.Observation> {
    return [...this.values.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => {
        const [indicator, area, period] = key.split("|") as [string, string, string]
        return new Observation.Observation({
          indicator: Ids.IndicatorId.make(indicator),
          area: Area.AreaCode.make(area),
          period: Period.Period.make(period),
          value,
          source: adapterId,
        })
      })
  }
}
