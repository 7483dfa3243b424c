/**
 * The vocabulary of Bescherming en Opvang as the sources use it: the six Wmo task areas, the domains the 2022-2025
 * plan links with, and the kinds of partner.
 */
import { AdapterId } from "../Ids.js"
import { LinkedDomain } from "../LinkedDomain.js"
import * as Partner from "../Partner.js"
import { TaskArea } from "../TaskArea.js"

/** The six task areas, in the order the 2021 letter names them. */
export const taskAreas: ReadonlyArray<TaskArea> = [
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

/** The domains the 2022-2025 plan links with. */
export const linkedDomains: ReadonlyArray<LinkedDomain> = [
  new LinkedDomain({ id: "schuldhulpverlening", name: "schuldhulpverlening", meaning: "debt counselling" }),
  new LinkedDomain({ id: "veiligheid", name: "veiligheid", meaning: "safety" }),
  new LinkedDomain({ id: "werk", name: "werk", meaning: "work" }),
]

const adapters: Partial<Record<Partner.Kind, ReadonlyArray<string>>> = {
  zorgaanbieder: ["iwmo"],
  "veilig-thuis": ["veilig-thuis"],
  gemeente: ["iwmo", "vroegsignalering", "detentie"],
}

/** Every kind of partner with its Dutch name and the adapters the project defines for it. */
export const partnerKinds: ReadonlyArray<Partner.KindDescription> = Partner.Kind.literals.map(
  (kind) =>
    new Partner.KindDescription({
      kind,
      name: Partner.kindNl[kind],
      adapters: (adapters[kind] ?? []).map((a) => AdapterId.make(a)),
    }),
)
