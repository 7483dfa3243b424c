/**
 * @baken/domain — the regional plan Bescherming en Opvang as effect Schemas and pure rules: municipalities and
 * membership, plans and their lifecycle, programmes, goals, actions, indicators, partners, periods, observations,
 * aggregation, disclosure control, budgets and the council letter. The reference data of Gooi en Vechtstreek is at
 * `@baken/domain/reference`, example data at `@baken/domain/demo`.
 */

export * as Action from "./Action.js"
export * as Aggregation from "./Aggregation.js"
export * as Area from "./Area.js"
export * as Budget from "./Budget.js"
export * as CalendarDate from "./CalendarDate.js"
export * as Commitment from "./Commitment.js"
export * as CouncilDecision from "./CouncilDecision.js"
export * as CouncilLetter from "./CouncilLetter.js"
export * as Delivery from "./Delivery.js"
export * as Disclosure from "./Disclosure.js"
export * as Goal from "./Goal.js"
export * as Ids from "./Ids.js"
export * as Indicator from "./Indicator.js"
export * as InvalidInput from "./InvalidInput.js"
export * as LinkedDomain from "./LinkedDomain.js"
export * as Membership from "./Membership.js"
export * as Municipality from "./Municipality.js"
export * as Observation from "./Observation.js"
export * as Partner from "./Partner.js"
export * as Period from "./Period.js"
export * as PersonEvent from "./PersonEvent.js"
export * as Plan from "./Plan.js"
export * as PlanLifecycle from "./PlanLifecycle.js"
export * as Programme from "./Programme.js"
export * as Progress from "./Progress.js"
export * as Region from "./Region.js"
export * as Source from "./Source.js"
export * as Target from "./Target.js"
export * as TaskArea from "./TaskArea.js"
export * as Text from "./Text.js"
export * as Weight from "./Weight.js"
