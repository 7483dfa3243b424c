import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import * as fc from "fast-check"
import * as Domain from "../src/index.js"
import * as A from "./arbitraries.js"
import * as ScheduleAndAmendment from "./scheduleAndAmendmentArbitraries.js"

const D = Domain

/** Every exported schema with a generator of its values. */
const registry: Record<string, readonly [Schema.Codec<unknown, unknown>, fc.Arbitrary<unknown>]> = {
  "Action.Action": [D.Action.Action, A.action],
  "Action.DayStatus": [D.Action.DayStatus, A.actionDayStatus],
  "Action.Milestone": [D.Action.Milestone, A.milestone],
  "Action.Status": [D.Action.Status, A.actionStatus],
  "Aggregation.Excluded": [D.Aggregation.Excluded, A.excluded],
  "Aggregation.ExclusionReason": [D.Aggregation.ExclusionReason, A.exclusionReason],
  "Aggregation.Missing": [D.Aggregation.Missing, A.missing],
  "Aggregation.MissingReason": [D.Aggregation.MissingReason, A.missingReason],
  "Aggregation.RegionFigure": [D.Aggregation.RegionFigure, A.regionFigure],
  "Area.AreaCode": [D.Area.AreaCode, A.areaCode],
  "Budget.Allocation": [D.Budget.Allocation, A.allocation],
  "Budget.BudgetLine": [D.Budget.BudgetLine, A.budgetLine],
  "Budget.Cents": [D.Budget.Cents, A.cents],
  "Budget.Contribution": [D.Budget.Contribution, A.contribution],
  "Budget.CostKey": [D.Budget.CostKey, A.costKey],
  "Budget.CostKeyRefused": [D.Budget.CostKeyRefused, A.costKeyRefused],
  "Budget.FixedShares": [D.Budget.FixedShares, A.fixedShares],
  "Budget.KeyEntry": [D.Budget.KeyEntry, A.keyEntry],
  "Budget.KeyProblem": [D.Budget.KeyProblem, A.keyProblem],
  "Budget.Mix": [D.Budget.Mix, A.mix],
  "Budget.MixPart": [D.Budget.MixPart, A.mixPart],
  "Budget.NonNegativeCents": [D.Budget.NonNegativeCents, A.nonNegativeCents],
  "Budget.PerResident": [D.Budget.PerResident, A.perResident],
  "Budget.SimpleKey": [D.Budget.SimpleKey, A.simpleKey],
  "CalendarDate.CalendarDate": [D.CalendarDate.CalendarDate, A.calendarDate],
  "Commitment.Commitment": [D.Commitment.Commitment, A.commitment],
  "Commitment.Role": [D.Commitment.Role, A.commitmentRole],
  "CouncilDecision.CouncilDecision": [D.CouncilDecision.CouncilDecision, A.councilDecision],
  "CouncilDecision.Outcome": [D.CouncilDecision.Outcome, A.outcome],
  "CouncilLetter.Addressee": [D.CouncilLetter.Addressee, A.addressee],
  "CouncilLetter.CouncilLetter": [D.CouncilLetter.CouncilLetter, A.councilLetter],
  "Delivery.AcceptedRecord": [D.Delivery.AcceptedRecord, A.acceptedRecord],
  "Delivery.DeliveryHeader": [D.Delivery.DeliveryHeader, A.deliveryHeader],
  "Delivery.Location": [D.Delivery.Location, A.location],
  "Delivery.Message": [D.Delivery.Message, A.message],
  "Delivery.Rejection": [D.Delivery.Rejection, A.rejection],
  "DeliveryRights.DeliveryRights": [D.DeliveryRights.DeliveryRights, A.deliveryRights],
  "Delivery.Summary": [D.Delivery.Summary, A.summary],
  "Disclosure.Audience": [D.Disclosure.Audience, A.audience],
  "Disclosure.Cell": [D.Disclosure.Cell, A.disclosureCell],
  "Disclosure.CountTable": [D.Disclosure.CountTable, A.countTable],
  "Disclosure.PublishedTable": [D.Disclosure.PublishedTable, A.publishedTable],
  "Disclosure.Rules": [D.Disclosure.Rules, A.rules],
  "Disclosure.Shown": [D.Disclosure.Shown, A.shown],
  "Disclosure.Suppressed": [D.Disclosure.Suppressed, A.suppressed],
  "Publication.Cell": [D.Publication.Cell, A.publicationCell],
  "Publication.FigureKind": [D.Publication.FigureKind, A.figureKind],
  "Comparison.Cell": [D.Comparison.Cell, A.comparisonCell],
  "Comparison.RowKind": [D.Comparison.RowKind, A.comparisonRowKind],
  "Comparison.Row": [D.Comparison.Row, A.comparisonRow],
  "Comparison.IndicatorComparison": [D.Comparison.IndicatorComparison, A.indicatorComparison],
  "Publication.NoData": [D.Publication.NoData, A.noData],
  "Publication.Shown": [D.Publication.Shown, A.publishedValue],
  "Publication.Suppressed": [D.Publication.Suppressed, A.suppressed],
  "Publication.Withheld": [D.Publication.Withheld, A.withheld],
  "Goal.Goal": [D.Goal.Goal, A.goal],
  "Goal.GoalIndicator": [D.Goal.GoalIndicator, A.goalIndicator],
  "Ids.ActionId": [D.Ids.ActionId, A.actionId],
  "Ids.AdapterId": [D.Ids.AdapterId, A.adapterId],
  "Ids.AgbCode": [D.Ids.AgbCode, A.agbCode],
  "Ids.GoalId": [D.Ids.GoalId, A.goalId],
  "Ids.IndicatorId": [D.Ids.IndicatorId, A.indicatorId],
  "Ids.Kenmerk": [D.Ids.Kenmerk, A.kenmerk],
  "Ids.KenmerkPattern": [D.Ids.KenmerkPattern, A.kenmerkPattern],
  "Ids.KvkNumber": [D.Ids.KvkNumber, A.kvkNumber],
  "Ids.MilestoneId": [D.Ids.MilestoneId, A.milestoneId],
  "Ids.MunicipalityCode": [D.Ids.MunicipalityCode, A.municipalityCode],
  "Ids.PartnerId": [D.Ids.PartnerId, A.partnerId],
  "Ids.PlanId": [D.Ids.PlanId, A.planId],
  "Ids.ProgrammeId": [D.Ids.ProgrammeId, A.programmeId],
  "Ids.Pseudonym": [D.Ids.Pseudonym, A.pseudonym],
  "Ids.RegionId": [D.Ids.RegionId, A.regionId],
  "Ids.SourceHash": [D.Ids.SourceHash, A.sourceHash],
  "Indicator.AggregationRule": [D.Indicator.AggregationRule, A.aggregationRule],
  "Indicator.DataSource": [D.Indicator.DataSource, A.dataSource],
  "Indicator.Direction": [D.Indicator.Direction, A.direction],
  "Indicator.DisclosureClass": [D.Indicator.DisclosureClass, A.disclosureClass],
  "Indicator.Indicator": [D.Indicator.Indicator, A.indicator],
  "Indicator.Mean": [D.Indicator.Mean, A.mean],
  "Indicator.Median": [D.Indicator.Median, A.median],
  "Indicator.Ratio": [D.Indicator.Ratio, A.ratio],
  "Indicator.Sum": [D.Indicator.Sum, A.sum],
  "Indicator.Unit": [D.Indicator.Unit, A.unit_],
  "InvalidInput.InvalidInput": [D.InvalidInput.InvalidInput, A.invalidInput],
  "InvalidInput.Problem": [D.InvalidInput.Problem, A.problem],
  "LinkedDomain.LinkedDomain": [D.LinkedDomain.LinkedDomain, A.linkedDomain],
  "LinkedDomain.LinkedDomainId": [D.LinkedDomain.LinkedDomainId, A.linkedDomainId],
  "Membership.Membership": [D.Membership.Membership, A.membership],
  "Municipality.Municipality": [D.Municipality.Municipality, A.municipality],
  "Municipality.Province": [D.Municipality.Province, A.province],
  "Municipality.Succession": [D.Municipality.Succession, A.succession],
  "Observation.Observation": [D.Observation.Observation, A.observation],
  "Partner.Kind": [D.Partner.Kind, A.partnerKind],
  "Partner.KindDescription": [D.Partner.KindDescription, A.kindDescription],
  "Partner.Partner": [D.Partner.Partner, A.partner],
  "Period.CbsPeriodCode": [D.Period.CbsPeriodCode, A.cbsPeriodCode],
  "Period.FromCbsCode": [D.Period.FromCbsCode, A.period],
  "Period.Kind": [D.Period.Kind, A.periodKind],
  "Period.Period": [D.Period.Period, A.period],
  "PersonEvent.Allocation": [D.PersonEvent.Allocation, A.allocationKey],
  "PersonEvent.Code": [D.PersonEvent.Code, A.code],
  "PersonEvent.Correction": [D.PersonEvent.Correction, A.correction],
  "PersonEvent.Origin": [D.PersonEvent.Origin, A.origin],
  "PersonEvent.EventKind": [D.PersonEvent.EventKind, A.eventKind],
  "PersonEvent.PersonEvent": [D.PersonEvent.PersonEvent, A.personEvent],
  "Plan.Plan": [D.Plan.Plan, A.plan],
  "PlanLifecycle.Adopted": [D.PlanLifecycle.Adopted, A.adopted],
  "PlanLifecycle.AdoptionStatus": [D.PlanLifecycle.AdoptionStatus, A.adoptionStatus],
  "PlanLifecycle.CouncilStanding": [D.PlanLifecycle.CouncilStanding, A.councilStanding],
  "PlanLifecycle.Draft": [D.PlanLifecycle.Draft, A.draft],
  "PlanLifecycle.Evaluated": [D.PlanLifecycle.Evaluated, A.evaluated],
  "PlanLifecycle.InExecution": [D.PlanLifecycle.InExecution, A.inExecution],
  "PlanLifecycle.NotAllowed": [D.PlanLifecycle.NotAllowed, A.notAllowed],
  "PlanLifecycle.NotDecided": [D.PlanLifecycle.NotDecided, A.notDecided],
  "PlanLifecycle.PlanTransitionRefused": [D.PlanLifecycle.PlanTransitionRefused, A.planTransitionRefused],
  "PlanLifecycle.Postponed": [D.PlanLifecycle.Postponed, A.postponed],
  "PlanLifecycle.Reason": [D.PlanLifecycle.Reason, A.reason],
  "PlanLifecycle.Rejected": [D.PlanLifecycle.Rejected, A.rejected],
  "PlanLifecycle.Released": [D.PlanLifecycle.Released, A.released],
  "PlanLifecycle.Stage": [D.PlanLifecycle.Stage, A.stage],
  "PlanLifecycle.Standing": [D.PlanLifecycle.Standing, A.standing],
  "PlanLifecycle.Status": [D.PlanLifecycle.Status, A.planStatus],
  "PlanLifecycle.Step": [D.PlanLifecycle.Step, A.step],
  "PlanLifecycle.Superseded": [D.PlanLifecycle.Superseded, A.superseded],
  "PlanLifecycle.SupersedesItself": [D.PlanLifecycle.SupersedesItself, A.supersedesItself],
  "PlanLifecycle.TooEarly": [D.PlanLifecycle.TooEarly, A.tooEarly],
  "Programme.Programme": [D.Programme.Programme, A.programme],
  "Progress.Explanation": [D.Progress.Explanation, A.explanation],
  "Progress.IndicatorValue": [D.Progress.IndicatorValue, A.indicatorValue],
  "Progress.Level": [D.Progress.Level, A.level],
  "ProgressLetter.ProgressLetter": [D.ProgressLetter.ProgressLetter, A.progressLetter],
  "Region.Region": [D.Region.Region, A.region],
  "RegionDefinition.Definition": [D.RegionDefinition.Definition, A.regionDefinition],
  "RegionDefinition.DefinitionRefused": [D.RegionDefinition.DefinitionRefused, A.definitionRefused],
  "RegionDefinition.DisclosureSettings": [D.RegionDefinition.DisclosureSettings, A.disclosureSettings],
  "RegionDefinition.LetterWording": [D.RegionDefinition.LetterWording, A.letterWording],
  "RegionDefinition.OwnPartnerKind": [D.RegionDefinition.OwnPartnerKind, A.ownPartnerKind],
  "RegionDefinition.PlanBudget": [D.RegionDefinition.PlanBudget, A.planBudget],
  "RegionDefinition.PlanDefinition": [D.RegionDefinition.PlanDefinition, A.planDefinition],
  "RegionDefinition.Problem": [D.RegionDefinition.Problem, A.regionDefinitionProblem],
  "Source.Fact": [D.Source.Fact, A.fact],
  "Source.Source": [D.Source.Source, A.source],
  "Source.SourceId": [D.Source.SourceId, A.sourceId],
  "Target.Baseline": [D.Target.Baseline, A.baseline],
  "Target.Target": [D.Target.Target, A.target],
  "TaskArea.TaskArea": [D.TaskArea.TaskArea, A.taskArea],
  "TaskArea.TaskAreaId": [D.TaskArea.TaskAreaId, A.taskAreaId],
  "Text.Line": [D.Text.Line, A.textLine],
  "Text.Paragraphs": [D.Text.Paragraphs, A.textParagraphs],
  "Weight.Weight": [D.Weight.Weight, A.weightValue],
  ...ScheduleAndAmendment.schemas,
}

const exportedSchemas = (): ReadonlyArray<string> => {
  const names: Array<string> = []
  for (const [ns, mod] of Object.entries(Domain)) {
    for (const [name, value] of Object.entries(mod)) if (Schema.isSchema(value)) names.push(`${ns}.${name}`)
  }
  return names.sort()
}

describe("every exported schema", () => {
  it("has a fast-check generator in test/arbitraries.ts", () => {
    expect(exportedSchemas()).toEqual(Object.keys(registry).sort())
  })

  for (const [name, [schema, arbitrary]] of Object.entries(registry)) {
    it(`${name} decodes its own encoded output`, () => {
      const encode = Schema.encodeUnknownSync(schema)
      const decode = Schema.decodeUnknownSync(schema)
      fc.assert(
        fc.property(arbitrary, (value) => {
          const encoded = encode(value)
          const json: unknown = JSON.parse(JSON.stringify(encoded))
          expect(decode(json)).toEqual(value)
        }),
        { numRuns: 1000 },
      )
    })
  }
})
