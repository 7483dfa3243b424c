/**
 * Records from fields a format has already checked. The domain's classes validate their fields again in the
 * constructor, which costs more than parsing the CSV row itself; the intake has checked every field with the same
 * rules, so these build the very same instances (the class's prototype, the same own fields in the same order)
 * without a second validation. The tests compare them with constructed instances and decode them with the schemas.
 */
import { Observation, PersonEvent } from "@baken/domain"

const observationPrototype = Observation.Observation.prototype
const personEventPrototype = PersonEvent.PersonEvent.prototype
const originPrototype = PersonEvent.Origin.prototype

/** An observation from checked fields. */
export const observation = (fields: {
  readonly indicator: Observation.Observation["indicator"]
  readonly area: Observation.Observation["area"]
  readonly period: Observation.Observation["period"]
  readonly value: Observation.Observation["value"]
  readonly source: Observation.Observation["source"]
}): Observation.Observation => {
  const o = Object.create(observationPrototype) as { -readonly [K in keyof typeof fields]: (typeof fields)[K] }
  o.indicator = fields.indicator
  o.area = fields.area
  o.period = fields.period
  o.value = fields.value
  o.source = fields.source
  return o as unknown as Observation.Observation
}

/** Where a person event was read, from a file name the intake has redacted and cut to 300 characters, and a line. */
export const origin = (fields: { readonly file: string; readonly line: number }): PersonEvent.Origin => {
  const o = Object.create(originPrototype) as Record<string, unknown>
  o.file = fields.file
  o.line = fields.line
  return o as unknown as PersonEvent.Origin
}

/** A person event from checked fields; `category`, `reason` and `origin` are left out when absent. */
export const personEvent = (fields: {
  readonly person: PersonEvent.PersonEvent["person"]
  readonly kind: PersonEvent.PersonEvent["kind"]
  readonly date: PersonEvent.PersonEvent["date"]
  readonly municipality: PersonEvent.PersonEvent["municipality"]
  readonly category?: string | undefined
  readonly reason?: string | undefined
  readonly source: PersonEvent.PersonEvent["source"]
  readonly origin?: { readonly file: string; readonly line: number } | undefined
}): PersonEvent.PersonEvent => {
  const e = Object.create(personEventPrototype) as Record<string, unknown>
  e.person = fields.person
  e.kind = fields.kind
  e.date = fields.date
  e.municipality = fields.municipality
  if (fields.category !== undefined) e.category = fields.category
  if (fields.reason !== undefined) e.reason = fields.reason
  e.source = fields.source
  if (fields.origin !== undefined) e.origin = origin(fields.origin)
  return e as unknown as PersonEvent.PersonEvent
}
