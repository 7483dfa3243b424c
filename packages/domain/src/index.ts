/**
 * @baken/domain — the regional plan Bescherming en Opvang as effect Schemas and pure rules: municipalities and
 * membership, plans and their lifecycle, programmes, goals, actions, indicators, partners, periods, observations,
 * disclosure control, budgets and the council letter.
 */

export * as Area from "./Area.js"
export * as CalendarDate from "./CalendarDate.js"
export * as Delivery from "./Delivery.js"
export * as Ids from "./Ids.js"
export * as Observation from "./Observation.js"
export * as Period from "./Period.js"
export * as PersonEvent from "./PersonEvent.js"
