/**
 * The six Wmo task areas that Bescherming en Opvang covers (geestelijke gezondheidszorg, verslavingszorg, aanpak
 * huiselijk geweld en kindermishandeling, beschermd wonen, maatschappelijke opvang, vrouwenopvang). Their Dutch
 * names are official terms and stay Dutch.
 */
import { Schema } from "effect"

/** The id of a task area. */
export const TaskAreaId = Schema.Literals([
  "geestelijke-gezondheidszorg",
  "verslavingszorg",
  "huiselijk-geweld-en-kindermishandeling",
  "beschermd-wonen",
  "maatschappelijke-opvang",
  "vrouwenopvang",
])
export type TaskAreaId = typeof TaskAreaId.Type

/** A task area with its Dutch name, an abbreviation where one is used, and its meaning in English. */
export class TaskArea extends Schema.Class<TaskArea>("TaskArea")({
  id: TaskAreaId,
  /** The Dutch name as used in letters, e.g. "maatschappelijke opvang". */
  name: Schema.String,
  /** The customary abbreviation, e.g. "MO" or "GGZ". */
  abbreviation: Schema.optionalKey(Schema.String),
  /** What it means, in English. */
  meaning: Schema.String,
}) {}
