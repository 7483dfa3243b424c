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

/** The six Wmo task areas of Bescherming en Opvang, in the order the 2021 letter of Gooi en Vechtstreek names them. */
export const national: ReadonlyArray<TaskArea> = [
  new TaskArea({
    id: "geestelijke-gezondheidszorg",
    name: "geestelijke gezondheidszorg",
    abbreviation: "GGZ",
    meaning: "mental health care",
  }),
  new TaskArea({ id: "verslavingszorg", name: "verslavingszorg", meaning: "addiction care" }),
  new TaskArea({
    id: "huiselijk-geweld-en-kindermishandeling",
    name: "aanpak van huiselijk geweld en kindermishandeling",
    meaning: "domestic violence and child abuse (Veilig Thuis)",
  }),
  new TaskArea({
    id: "beschermd-wonen",
    name: "beschermd wonen",
    abbreviation: "BW",
    meaning: "sheltered housing with 24h supervision",
  }),
  new TaskArea({
    id: "maatschappelijke-opvang",
    name: "maatschappelijke opvang",
    abbreviation: "MO",
    meaning: "shelter for homeless people",
  }),
  new TaskArea({
    id: "vrouwenopvang",
    name: "vrouwenopvang",
    meaning: "shelter for women (and children) fleeing violence",
  }),
]
