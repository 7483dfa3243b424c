/**
 * Product categories of iWmo code list WMO020, and the four that make up Bescherming en Opvang: 15 beschermd wonen,
 * 16 opvang, 17 spoedopvang and 18 overige beschermd wonen en opvang. Only these are followed per person; every
 * category is counted, so that totals stay honest. The iWmo adapter reads them, the API sums the declared spending of
 * the B&O categories.
 */

/** WMO020: every product category with its Dutch name. */
export const wmo020: Readonly<Record<string, string>> = {
  "01": "Hulp bij het huishouden",
  "02": "Begeleiding",
  "03": "Persoonlijke verzorging",
  "04": "Kortdurend verblijf",
  "05": "Woondiensten",
  "06": "Overige ondersteuning gericht op het individu of huishouden/gezin",
  "07": "Dagbesteding",
  "08": "Vervoerdiensten",
  "09": "Overige groepsgerichte ondersteuning",
  "10": "Overige maatwerk arrangementen",
  "11": "Rolstoelen",
  "12": "Vervoervoorzieningen",
  "13": "Woonvoorzieningen",
  "14": "Overige hulpmiddelen",
  "15": "Beschermd wonen",
  "16": "Opvang",
  "17": "Spoedopvang",
  "18": "Overige beschermd wonen en opvang",
}

/** Whether a code is in WMO020. */
export const isKnown = (code: string): boolean => Object.hasOwn(wmo020, code)

/** The Bescherming en Opvang categories in code order: beschermd wonen, opvang, spoedopvang, overige BW/MO. */
export const beschermingEnOpvang = ["15", "16", "17", "18"] as const

/** The Bescherming en Opvang categories, followed per person. */
export const bescherming: ReadonlySet<string> = new Set(beschermingEnOpvang)

/** Whether products of this category are followed per person. */
export const isBeschermingEnOpvang = (code: string): boolean => bescherming.has(code)

/** The category written in indicator ids for products without a Product element. */
export const unknown = "onbekend"
