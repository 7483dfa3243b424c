// fast-check generators for the domain's values, shared by the property tests. Every exported schema has one here
// (see `Schemas.test.ts`, which fails when a schema is added without a generator).
import * as fc from "fast-check"
import {
  Action,
  Aggregation,
  Area,
  Budget,
  CalendarDate,
  Commitment,
  Comparison,
  CouncilDecision,
  CouncilLetter,
  Delivery,
  DeliveryRights,
  Disclosure,
  Goal,
  Ids,
  Indicator,
  InvalidInput,
  LinkedDomain,
  Membership,
  Municipality,
  Observation,
  Partner,
  Period,
  PersonEvent,
  Plan,
  PlanLifecycle,
  Programme,
  Progress,
  ProgressLetter,
  Publication,
  Region,
  RegionDefinition,
  Source,
  Target,
  TaskArea,
  Text,
} from "../src/index.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

/** Sometimes `wrap(value)` (an object with one key), sometimes `{}`: optional keys under exactOptionalPropertyTypes. */
const optional = <A, O extends object>(
  arb: fc.Arbitrary<A>,
  wrap: (a: A) => O,
): fc.Arbitrary<O | Record<never, never>> =>
  fc.option(arb, { nil: undefined }).map((v) => (v === undefined ? {} : wrap(v)))

const text = fc.string({ maxLength: 30 })
const nonEmpty = fc.string({ minLength: 1, maxLength: 30 })
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/)

/** Any period between 1900 and 2100, of any kind. */
export const period: fc.Arbitrary<Period.Period> = fc
  .record({
    year: fc.integer({ min: 1900, max: 2100 }),
    kind: fc.constantFrom(...Period.Kind.literals),
    seed: fc.nat(),
  })
  .map(({ year, kind, seed }) => {
    const count = { year: 1, half: 2, quarter: 4, month: 12 }[kind]
    return Period.fromParts({ year, kind, index: (seed % count) + 1 })
  })

/** Any CBS period code. */
export const cbsPeriodCode: fc.Arbitrary<Period.CbsPeriodCode> = period.map(Period.toCbs)

/** Any calendar day from 1900 to 2100. */
export const calendarDate: fc.Arbitrary<CalendarDate.CalendarDate> = fc
  .integer({ min: 0, max: 73_000 })
  .map((days) => CalendarDate.addDays(CalendarDate.CalendarDate.make("1900-01-01"), days))

/** Two days in order. */
export const dateRange = fc
  .tuple(calendarDate, calendarDate)
  .map(([a, b]) => (a <= b ? ([a, b] as const) : ([b, a] as const)))

const slug = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join("-"))

export const municipalityCode = fc
  .integer({ min: 0, max: 9999 })
  .map((n) => Ids.MunicipalityCode.make(`GM${String(n).padStart(4, "0")}`))
export const regionId = slug.map(Ids.RegionId.make)
export const planId = slug.map(Ids.PlanId.make)
export const programmeId = slug.map(Ids.ProgrammeId.make)
export const goalId = slug.map(Ids.GoalId.make)
export const actionId = slug.map(Ids.ActionId.make)
export const milestoneId = slug.map(Ids.MilestoneId.make)
export const indicatorId = slug.map(Ids.IndicatorId.make)
export const partnerId = slug.map(Ids.PartnerId.make)
export const adapterId = slug.map(Ids.AdapterId.make)
export const agbCode = digits(8).map(Ids.AgbCode.make)
export const kvkNumber = digits(8).map(Ids.KvkNumber.make)
export const pseudonym = hex64.map(Ids.Pseudonym.make)
export const sourceHash = hex64.map(Ids.SourceHash.make)
export const kenmerk = fc
  .oneof(
    fc.stringMatching(/^\d{2}\.\d{6,7}$/),
    fc.stringMatching(/^[A-Z]{1,4}\/\d{4}\/\d{1,6}$/),
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,38}[A-Za-z0-9]$/),
  )
  .map(Ids.Kenmerk.make)
export const kenmerkPattern = fc
  .constantFrom(["\\d{2}\\.\\d{6,7}", "21.0008702"], ["ZK/\\d{4}/\\d{4}", "ZK/2023/0412"], ["[A-Z]{2,4}-\\d+", "BT-12"])
  .map(([regex, example]) => new Ids.KenmerkPattern({ regex, example: Ids.Kenmerk.make(example) }))
export const areaCode = fc.oneof(
  municipalityCode.map(Area.ofMunicipality),
  fc.constant(Area.netherlands),
  fc
    .stringMatching(/^[A-Z]{2}\d{2,4}$/)
    .filter((c) => !c.startsWith("GM"))
    .map(Area.AreaCode.make),
)

// JSON has no -0, so values are generated without it (`x + 0` turns -0 into 0).
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map((x) => x + 0)
const weight = fc.oneof(fc.constant(0), fc.double({ noNaN: true, min: 0, max: 100, noDefaultInfinity: true }))
const count = fc.nat({ max: 10_000 })
const year = fc.integer({ min: 1900, max: 2200 })
const unit = fc.double({ noNaN: true, min: 0, max: 1, noDefaultInfinity: true })

// Municipality, region, membership

export const province = fc.constantFrom(...Municipality.Province.literals)
export const succession = fc
  .record({ successor: municipalityCode, on: calendarDate })
  .map((f) => new Municipality.Succession(f))
export const municipality = fc
  .tuple(
    fc.record({ code: municipalityCode, name: nonEmpty, province }),
    optional(succession, (succeededBy) => ({ succeededBy })),
  )
  .map(([f, o]) => new Municipality.Municipality({ ...f, ...o }))

export const membership = fc
  .tuple(municipalityCode, fc.option(calendarDate, { nil: undefined }), fc.option(calendarDate, { nil: undefined }))
  .map(([m, a, b]) => {
    const [from, until] = a !== undefined && b !== undefined && b < a ? [b, a] : [a, b]
    return new Membership.Membership({
      municipality: m,
      ...(from === undefined ? {} : { from }),
      ...(until === undefined ? {} : { until }),
    })
  })

/** A region whose memberships never overlap: each municipality gets consecutive, disjoint intervals. */
export const region = fc
  .tuple(
    regionId,
    nonEmpty,
    optional(text, (seat) => ({ seat })),
    fc.array(areaCode, { maxLength: 3 }),
    optional(municipalityCode, (centrumgemeente) => ({ centrumgemeente })),
    fc.uniqueArray(municipalityCode, { maxLength: 8 }),
    fc.array(fc.array(calendarDate, { maxLength: 6 }), { minLength: 8, maxLength: 8 }),
    fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
  )
  .map(([id, name, seat, areas, centrum, codes, cuts, open]) => {
    const memberships = codes.flatMap((code, i) => {
      const days = [...new Set(cuts[i] ?? [])].sort()
      // Dates d0 < d1 < d2 < …: intervals [d0, d1], [d2+?, d3] … made disjoint by starting after the previous end.
      const out: Array<Membership.Membership> = []
      for (let k = 0; k + 1 < days.length; k += 2) {
        const from = days[k]
        const until = days[k + 1]
        if (from === undefined || until === undefined) continue
        const openStart = k === 0 && open[i] === true
        const openEnd = k + 2 >= days.length - 1 && open[i + 8] === true
        out.push(
          new Membership.Membership({
            municipality: code,
            ...(openStart ? {} : { from }),
            ...(openEnd ? {} : { until }),
          }),
        )
        if (openEnd) break
      }
      if (days.length < 2) out.push(new Membership.Membership({ municipality: code }))
      return out
    })
    return new Region.Region({ id, name, ...seat, areas, ...centrum, memberships })
  })

// Plans, decisions, lifecycle

export const taskAreaId = fc.constantFrom(...TaskArea.TaskAreaId.literals)
export const linkedDomainId = fc.oneof(fc.constantFrom(...LinkedDomain.nationalIds), slug)
export const taskArea = fc
  .tuple(
    fc.record({ id: taskAreaId, name: text, meaning: text }),
    optional(text, (abbreviation) => ({ abbreviation })),
  )
  .map(([f, o]) => new TaskArea.TaskArea({ ...f, ...o }))
export const linkedDomain = fc
  .record({ id: linkedDomainId, name: text, meaning: text })
  .map((f) => new LinkedDomain.LinkedDomain(f))

export const plan = fc
  .tuple(
    fc.record({ id: planId, region: regionId, title: nonEmpty, kenmerk }),
    fc.tuple(year, year),
    optional(planId, (predecessor) => ({ predecessor })),
    optional(calendarDate, (finalTextOn) => ({ finalTextOn })),
    fc.uniqueArray(taskAreaId),
    fc.uniqueArray(linkedDomainId),
    optional(fc.array(municipalityCode, { maxLength: 8 }), (councils) => ({ councils })),
  )
  .map(
    ([f, [a, b], pre, final, taskAreas, linkedDomains, councils]) =>
      new Plan.Plan({
        ...f,
        firstYear: Math.min(a, b),
        lastYear: Math.max(a, b),
        ...pre,
        ...final,
        taskAreas,
        linkedDomains,
        ...councils,
      }),
  )

export const programme = fc
  .tuple(
    fc.record({ id: programmeId, plan: planId, number: fc.integer({ min: 1, max: 20 }) }),
    optional(text, (name) => ({ name })),
    optional(text, (description) => ({ description })),
    optional(text, (note) => ({ note })),
  )
  .map(([f, a, b, c]) => new Programme.Programme({ ...f, ...a, ...b, ...c }))

export const outcome = fc.constantFrom(...CouncilDecision.Outcome.literals)
export const councilDecision = fc
  .tuple(
    fc.record({ plan: planId, municipality: municipalityCode, outcome, date: calendarDate }),
    optional(text, (reference) => ({ reference })),
  )
  .map(([f, o]) => new CouncilDecision.CouncilDecision({ ...f, ...o }))

const day = calendarDate
export const draft = fc.constant(PlanLifecycle.Draft.make({}))
export const released = day.map((releasedOn) => PlanLifecycle.Released.make({ releasedOn }))
export const adopted = fc.record({ releasedOn: day, adoptedOn: day }).map((f) => PlanLifecycle.Adopted.make(f))
export const inExecution = fc
  .record({ releasedOn: day, adoptedOn: day, executionFrom: day })
  .map((f) => PlanLifecycle.InExecution.make(f))
export const evaluated = fc
  .record({ releasedOn: day, adoptedOn: day, executionFrom: day, evaluatedOn: day })
  .map((f) => PlanLifecycle.Evaluated.make(f))
export const superseded = fc
  .tuple(
    fc.record({ releasedOn: day, adoptedOn: day, executionFrom: day, supersededOn: day, supersededBy: planId }),
    optional(day, (evaluatedOn) => ({ evaluatedOn })),
  )
  .map(([f, o]) => PlanLifecycle.Superseded.make({ ...f, ...o }))
export const planStatus: fc.Arbitrary<PlanLifecycle.Status> = fc.oneof(
  draft,
  released,
  adopted,
  inExecution,
  evaluated,
  superseded,
)
export const stage = fc.constantFrom(...PlanLifecycle.Stage.literals)
export const step = fc.constantFrom(...PlanLifecycle.Step.literals)
export const notAllowed = fc.record({ step, stage }).map((f) => PlanLifecycle.NotAllowed.make(f))
export const notDecided = fc
  .record({ municipality: municipalityCode, name: text })
  .map((f) => PlanLifecycle.NotDecided.make(f))
export const postponed = fc
  .record({ municipality: municipalityCode, name: text, date: day })
  .map((f) => PlanLifecycle.Postponed.make(f))
export const rejected = fc
  .record({ municipality: municipalityCode, name: text, date: day })
  .map((f) => PlanLifecycle.Rejected.make(f))
export const tooEarly = fc.record({ step, date: day, previous: day }).map((f) => PlanLifecycle.TooEarly.make(f))
export const supersedesItself = fc.constant(PlanLifecycle.SupersedesItself.make({}))
export const reason: fc.Arbitrary<PlanLifecycle.Reason> = fc.oneof(
  notAllowed,
  notDecided,
  postponed,
  rejected,
  tooEarly,
  supersedesItself,
)
export const planTransitionRefused = fc
  .record({ plan: planId, step, reasons: fc.array(reason, { minLength: 1, maxLength: 4 }) })
  .map(({ plan, step, reasons: [first, ...rest] }) =>
    first === undefined
      ? undefined
      : new PlanLifecycle.PlanTransitionRefused({ plan, step, reasons: [first, ...rest] }),
  )
  .filter((e): e is PlanLifecycle.PlanTransitionRefused => e !== undefined)
export const standing = fc.constantFrom(...PlanLifecycle.Standing.literals)
export const councilStanding = fc
  .tuple(
    fc.record({ municipality: municipalityCode, name: text, standing }),
    optional(councilDecision, (decision) => ({ decision })),
    optional(day, (joinedOn) => ({ joinedOn })),
  )
  .map(([f, o, j]) => new PlanLifecycle.CouncilStanding({ ...f, ...o, ...j }))
export const adoptionStatus = fc
  .record({ plan: planId, on: day, councils: fc.array(councilStanding, { maxLength: 5 }), adopted: fc.boolean() })
  .map((f) => new PlanLifecycle.AdoptionStatus(f))

// Goals, actions, indicators, targets, partners

export const goalIndicator = fc.record({ indicator: indicatorId, weight }).map((f) => new Goal.GoalIndicator(f))
export const goal = fc
  .tuple(
    fc.record({
      id: goalId,
      programme: programmeId,
      title: nonEmpty,
      weight,
      indicators: fc.array(goalIndicator, { maxLength: 3 }),
    }),
    optional(text, (description) => ({ description })),
  )
  .map(([f, o]) => new Goal.Goal({ ...f, ...o }))

export const milestone = fc
  .tuple(
    fc.record({ id: milestoneId, title: nonEmpty, due: day, weight }),
    optional(day, (completedOn) => ({ completedOn })),
  )
  .map(([f, o]) => new Action.Milestone({ ...f, ...o }))
export const actionStatus = fc.constantFrom(...Action.Status.literals)
export const actionDayStatus = fc.constantFrom(...Action.DayStatus.literals)
export const action = fc
  .record({
    id: actionId,
    goal: goalId,
    title: nonEmpty,
    owner: partnerId,
    contributors: fc.array(partnerId, { maxLength: 3 }),
    range: dateRange,
    status: actionStatus,
    weight,
    milestones: fc.uniqueArray(milestone, { maxLength: 4, selector: (m) => m.id }),
  })
  .map(({ range: [start, end], ...f }) => new Action.Action({ ...f, start, end }))

export const unit_ = fc.constantFrom(...Indicator.Unit.literals)
export const direction = fc.constantFrom(...Indicator.Direction.literals)
export const sum = fc.constant(Indicator.Sum.make({}))
export const mean = optional(indicatorId, (count) => ({ count })).map((o) => Indicator.Mean.make(o))
export const ratio = fc
  .record({
    numerator: indicatorId,
    denominator: indicatorId,
    scale: fc.double({ min: 0.001, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  })
  .map((f) => Indicator.Ratio.make(f))
export const median = fc.constant(Indicator.Median.make({}))
export const aggregationRule: fc.Arbitrary<Indicator.AggregationRule> = fc.oneof(sum, mean, ratio, median)
export const disclosureClass = fc.constantFrom(...Indicator.DisclosureClass.literals)
export const dataSource = fc
  .tuple(
    fc.record({ adapter: adapterId, description: text }),
    optional(text, (table) => ({ table })),
    optional(fc.constant("person-events" as const), (derived) => ({ derived })),
  )
  .map(([f, o, d]) => new Indicator.DataSource({ ...f, ...o, ...d }))
export const indicator = fc
  .record({
    id: indicatorId,
    name: nonEmpty,
    definition: text,
    unit: unit_,
    direction,
    aggregation: aggregationRule,
    source: dataSource,
    disclosure: disclosureClass,
    provisionalForDays: fc.option(fc.integer({ min: 0, max: 3650 }), { nil: undefined }),
  })
  .map(
    ({ provisionalForDays, ...f }) =>
      new Indicator.Indicator({ ...f, ...(provisionalForDays === undefined ? {} : { provisionalForDays }) }),
  )

export const baseline = fc.record({ period, value: finite }).map((f) => new Target.Baseline(f))
export const target = fc
  .tuple(
    fc.record({ indicator: indicatorId, period, value: finite }),
    optional(baseline, (baseline) => ({ baseline })),
  )
  .map(([f, o]) => new Target.Target({ ...f, ...o }))

export const partnerKind = fc.oneof(fc.constantFrom(...Partner.nationalKinds), slug)
export const partner = fc
  .tuple(
    fc.record({ id: partnerId, name: nonEmpty, kind: partnerKind, adapters: fc.array(adapterId, { maxLength: 3 }) }),
    optional(agbCode, (agb) => ({ agb })),
    optional(kvkNumber, (kvk) => ({ kvk })),
    municipalityCode,
  )
  .map(
    ([f, agb, kvk, m]) =>
      new Partner.Partner({ ...f, ...agb, ...kvk, ...(f.kind === "gemeente" ? { municipality: m } : {}) }),
  )
export const kindDescription = fc
  .record({ kind: partnerKind, name: text, adapters: fc.array(adapterId, { maxLength: 3 }) })
  .map((f) => new Partner.KindDescription(f))
export const commitmentRole = fc.constantFrom(...Commitment.Role.literals)
export const commitment = fc
  .record({ partner: partnerId, action: actionId, role: commitmentRole })
  .map((f) => new Commitment.Commitment(f))

// Progress

export const level = fc.constantFrom(...Progress.Level.literals)
const explanationAt = (depth: number): fc.Arbitrary<Progress.Explanation> =>
  fc
    .tuple(
      fc.record({
        level,
        id: text,
        label: text,
        value: fc.option(unit, { nil: null }),
        weight: finite,
        share: unit,
        children: depth === 0 ? fc.constant([]) : fc.array(explanationAt(depth - 1), { maxLength: 3 }),
      }),
      optional(text, (note) => ({ note })),
    )
    .map(([f, o]): Progress.Explanation => ({ ...f, ...o }))
/** Explanation trees up to three levels deep. */
export const explanation: fc.Arbitrary<Progress.Explanation> = explanationAt(3)
export const indicatorValue = fc
  .record({ indicator: indicatorId, period, value: fc.option(finite, { nil: null }) })
  .map((f) => new Progress.IndicatorValue(f))

// Observations, aggregation

export const observation = fc
  .record({
    indicator: indicatorId,
    area: areaCode,
    period,
    value: fc.option(finite, { nil: null }),
    source: adapterId,
  })
  .map((f) => new Observation.Observation(f))
export const missingReason = fc.constantFrom(...Aggregation.MissingReason.literals)
export const missing = fc
  .record({ municipality: municipalityCode, reason: missingReason })
  .map((f) => new Aggregation.Missing(f))
export const exclusionReason = fc.constantFrom(...Aggregation.ExclusionReason.literals)
export const excluded = fc.record({ area: areaCode, reason: exclusionReason }).map((f) => new Aggregation.Excluded(f))
export const regionFigure = fc
  .tuple(
    fc.record({
      region: regionId,
      indicator: indicatorId,
      period,
      value: fc.option(finite, { nil: null }),
      complete: fc.boolean(),
      counted: fc.array(municipalityCode, { maxLength: 4 }),
      missing: fc.array(missing, { maxLength: 3 }),
      excluded: fc.array(excluded, { maxLength: 3 }),
    }),
    optional(finite, (numerator) => ({ numerator })),
    optional(finite, (denominator) => ({ denominator })),
  )
  .map(([f, a, b]) => new Aggregation.RegionFigure({ ...f, ...a, ...b }))

// Disclosure

export const audience = fc.constantFrom(...Disclosure.Audience.literals)
export const rules = fc
  .tuple(
    fc.record({ threshold: fc.nat({ max: 50 }), roundTo: fc.integer({ min: 1, max: 10 }), secondary: fc.boolean() }),
    optional(fc.nat({ max: 50 }), (minimumBase) => ({ minimumBase })),
  )
  .map(([f, o]) => new Disclosure.Rules({ ...f, ...o }))

/** A table of counts, skewed so that many are small (below 10) and some are zero. */
export const countTable = fc
  .record({ rows: fc.integer({ min: 0, max: 7 }), columns: fc.integer({ min: 0, max: 7 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      rows: fc.array(text, { minLength: rows, maxLength: rows }),
      columns: fc.array(text, { minLength: columns, maxLength: columns }),
      counts: fc.array(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 200 })), {
          minLength: columns,
          maxLength: columns,
        }),
        { minLength: rows, maxLength: rows },
      ),
    }),
  )
  .map((f) => new Disclosure.CountTable(f))
export const shown = count.map((value) => Disclosure.Shown.make({ value }))
export const suppressed = fc
  .constantFrom("small-count" as const, "protects-another-cell" as const, "small-base" as const)
  .map((reason) => Disclosure.Suppressed.make({ reason }))
export const disclosureCell: fc.Arbitrary<Disclosure.Cell> = fc.oneof(shown, suppressed)
export const publishedTable = fc
  .record({
    rows: fc.array(text, { maxLength: 3 }),
    columns: fc.array(text, { maxLength: 3 }),
    cells: fc.array(fc.array(disclosureCell, { maxLength: 3 }), { maxLength: 3 }),
    rowTotals: fc.array(disclosureCell, { maxLength: 3 }),
    columnTotals: fc.array(disclosureCell, { maxLength: 3 }),
    total: disclosureCell,
    rules,
  })
  .map((f) => new Disclosure.PublishedTable(f))

// Publication

export const publishedValue = finite.map((value) => Publication.Shown.make({ value }))
export const withheld = fc.constant(Publication.Withheld.make({ reason: "restricted" }))
export const noData = fc.constant(Publication.NoData.make({}))
export const publicationCell: fc.Arbitrary<Publication.Cell> = fc.oneof(publishedValue, suppressed, withheld, noData)
export const figureKind = fc.constantFrom(...Publication.FigureKind.literals)

// Comparison

export const comparisonCell: fc.Arbitrary<Comparison.Cell> = fc.oneof(
  finite.map((value) => ({ value, suppressed: false })),
  fc.constant({ value: null, suppressed: true }),
  fc.constant({ value: null, suppressed: false }),
)
export const comparisonRowKind = fc.constantFrom(...Comparison.RowKind.literals)
export const comparisonRow: fc.Arbitrary<Comparison.Row> = fc.record({
  kind: comparisonRowKind,
  area: fc.string({ maxLength: 12 }),
  name: fc.string({ maxLength: 20 }),
  cells: fc.array(comparisonCell, { maxLength: 4 }),
})
export const indicatorComparison: fc.Arbitrary<Comparison.IndicatorComparison> = fc.record({
  indicator: indicatorId,
  title: fc.string({ maxLength: 20 }),
  rate: fc.boolean(),
  unit: fc.string({ maxLength: 20 }),
  unitLabel: fc.string({ maxLength: 20 }),
  periods: fc.array(period, { maxLength: 4 }),
  rows: fc.array(comparisonRow, { maxLength: 3 }),
})

// Budget

export const cents = fc.integer({ min: -1e12, max: 1e12 }).map(Budget.Cents.make)
export const nonNegativeCents = fc.integer({ min: 0, max: 1e12 }).map(Budget.Cents.make)
export const budgetLine = fc
  .record({ plan: planId, programme: programmeId, year, description: text, amount: nonNegativeCents })
  .map((f) => new Budget.BudgetLine(f))
export const keyEntry = fc
  .record({ municipality: municipalityCode, value: fc.nat({ max: 1_000_000 }) })
  .map((f) => new Budget.KeyEntry(f))
export const perResident = fc
  .record({ referenceDate: day, residents: fc.array(keyEntry, { maxLength: 5 }) })
  .map((f) => Budget.PerResident.make(f))
export const fixedShares = fc
  .record({ referenceDate: day, shares: fc.array(keyEntry, { maxLength: 5 }) })
  .map((f) => Budget.FixedShares.make(f))
export const simpleKey: fc.Arbitrary<Budget.SimpleKey> = fc.oneof(perResident, fixedShares)
export const mixPart = fc
  .record({ weight: fc.integer({ min: 1, max: 100 }), key: simpleKey })
  .map((f) => new Budget.MixPart(f))
export const mix = fc
  .record({ referenceDate: day, first: mixPart, rest: fc.array(mixPart, { maxLength: 2 }) })
  .map(({ referenceDate, first, rest }) => Budget.Mix.make({ referenceDate, parts: [first, ...rest] }))
export const costKey: fc.Arbitrary<Budget.CostKey> = fc.oneof(perResident, fixedShares, mix)
export const contribution = fc
  .record({ municipality: municipalityCode, amount: cents })
  .map((f) => new Budget.Contribution(f))
export const allocation = fc
  .record({
    amount: cents,
    referenceDate: day,
    contributions: fc.array(contribution, { maxLength: 5 }),
    setAside: fc.array(municipalityCode, { maxLength: 3 }),
  })
  .map((f) => new Budget.Allocation(f))
export const keyProblem: fc.Arbitrary<Budget.KeyProblem> = fc.oneof(
  fc.record({ _tag: fc.constant("MemberNotInKey" as const), municipality: municipalityCode, name: text }),
  fc.record({ _tag: fc.constant("NamedTwice" as const), municipality: municipalityCode, name: text }),
  fc.constant({ _tag: "NothingToDivideBy" as const }),
  fc.record({ _tag: fc.constant("NoMembers" as const), referenceDate: day }),
)
export const costKeyRefused = fc
  .tuple(keyProblem, fc.array(keyProblem, { maxLength: 2 }))
  .map(([first, rest]) => new Budget.CostKeyRefused({ problems: [first, ...rest] }))

// Council letter

export const addressee = fc
  .record({ municipality: municipalityCode, name: text })
  .map((f) => new CouncilLetter.Addressee(f))
export const councilLetter = fc
  .record({
    date: day,
    kenmerk,
    addressees: fc.array(addressee, { maxLength: 8 }),
    subject: text,
    salutation: text,
    paragraphs: fc.array(fc.string({ maxLength: 200 }), { maxLength: 5 }),
    closing: text,
    signatory: text,
  })
  .map((f) => new CouncilLetter.CouncilLetter(f))

// Problems, sources

export const problem = fc.record({ field: text, message: text }).map((f) => new InvalidInput.Problem(f))
export const invalidInput = fc
  .record({ subject: text, first: problem, rest: fc.array(problem, { maxLength: 3 }) })
  .map(({ subject, first, rest }) => new InvalidInput.InvalidInput({ subject, problems: [first, ...rest] }))
export const sourceId = slug
export const source = fc
  .tuple(
    fc.record({ id: sourceId, title: text, file: text }),
    optional(day, (date) => ({ date })),
  )
  .map(([f, o]) => new Source.Source({ ...f, ...o }))
export const fact = fc
  .record({ about: text, statement: text, source: sourceId, quote: text })
  .map((f) => new Source.Fact(f))

// Deliveries and person events (the lead's modules)

const positive = fc.integer({ min: 1, max: 100_000 })
export const location = fc
  .tuple(
    fc.record({ file: text }),
    optional(text, (message) => ({ message })),
    optional(positive, (line) => ({ line })),
    optional(positive, (column) => ({ column })),
    optional(text, (path) => ({ path })),
  )
  .map(([f, a, b, c, d]) => new Delivery.Location({ ...f, ...a, ...b, ...c, ...d }))
export const message = fc.record({ nl: text, en: text }).map((f) => new Delivery.Message(f))
export const rejection = fc
  .tuple(
    fc.record({ location, rule: text, message }),
    optional(text, (field) => ({ field })),
    optional(text, (code) => ({ code })),
  )
  .map(([f, a, b]) => new Delivery.Rejection({ ...f, ...a, ...b }))
export const eventKind = fc.constantFrom(...PersonEvent.EventKind.literals)
export const code = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/)
export const allocationKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/)
export const correction = fc.constantFrom(...PersonEvent.Correction.literals)
export const origin = fc
  .tuple(
    fc.record({ file: fc.string({ maxLength: 300 }) }),
    optional(fc.string({ maxLength: 200 }), (message) => ({ message })),
    optional(fc.integer({ min: 1, max: 1_000_000 }), (line) => ({ line })),
  )
  .map(([f, a, b]) => new PersonEvent.Origin({ ...f, ...a, ...b }))
export const personEvent = fc
  .tuple(
    fc.record({ person: pseudonym, kind: eventKind, date: day, municipality: municipalityCode, source: adapterId }),
    optional(code, (category) => ({ category })),
    optional(code, (reason) => ({ reason })),
    optional(allocationKey, (allocation) => ({ allocation })),
    optional(correction, (correction) => ({ correction })),
    optional(origin, (origin) => ({ origin })),
  )
  .map(([f, a, b, c, d, e]) => new PersonEvent.PersonEvent({ ...f, ...a, ...b, ...c, ...d, ...e }))
export const acceptedRecord: fc.Arbitrary<Delivery.AcceptedRecord> = fc.oneof(observation, personEvent)
export const summary = fc
  .tuple(
    fc.record({
      accepted: fc.dictionary(text, fc.integer()),
      rejected: fc.dictionary(text, fc.integer()),
      sourceHash,
    }),
    optional(period, (periodFrom) => ({ periodFrom })),
    optional(period, (periodTo) => ({ periodTo })),
  )
  .map(([f, a, b]) => new Delivery.Summary({ ...f, ...a, ...b }))
export const deliveryHeader = fc
  .record({ partner: partnerId, adapter: adapterId, sourceHash, sourceName: text, receivedOn: day })
  .map((f) => new Delivery.DeliveryHeader(f))

export const weightValue = weight
export const periodKind = fc.constantFrom(...Period.Kind.literals)

/** What the region allows a partner to deliver. */
export const deliveryRights = fc
  .record({
    partner: partnerId,
    adapters: fc.array(adapterId, { maxLength: 4 }),
    indicators: fc.array(indicatorId, { maxLength: 6 }),
  })
  .map((f) => new DeliveryRights.DeliveryRights(f))

/** Text a person could type: any characters but control characters and lone surrogates, up to the limit. */
const typable = (max: number) =>
  fc.string({ unit: "grapheme", maxLength: max }).filter((s) => s.length <= max && Text.isTypable(s))

export const textLine = typable(Text.lineMax)
export const textParagraphs = typable(Text.paragraphsMax)

// Progress letter: built by the domain from the demo plan, with generated figures, dates, kenmerk and signatory

const letterFigure = fc.oneof(
  fc.integer({ min: 0, max: 5_000 }).map((value) => Publication.Shown.make({ value })),
  fc.constant(Publication.Suppressed.make({ reason: "protected" })),
  fc.constant(Publication.Withheld.make({ reason: "restricted" })),
  fc.constant(Publication.NoData.make({})),
)
const letterInput = fc.record({
  date: fc.integer({ min: 0, max: 3 * 365 }).map((days) => CalendarDate.addDays(CalendarDate.make(2022, 1, 1), days)),
  kenmerk: fc.option(kenmerk, { nil: null }),
  signatory: nonEmpty,
  figures: fc.array(letterFigure, { minLength: 20, maxLength: 20 }),
  budget: fc.boolean(),
})
const letterOf = (
  f: typeof letterInput extends fc.Arbitrary<infer A> ? A : never,
  previous?: ProgressLetter.ProgressLetter,
) =>
  ProgressLetter.progressLetter({
    plan: Ref.plan2022,
    status: Demo.status,
    region: Ref.gooiEnVechtstreek,
    regionName: "Regio Gooi en Vechtstreek",
    municipalities: Ref.municipalities,
    decisions: Demo.decisions,
    programmes: Ref.programmes,
    goals: Demo.goals,
    actions: Demo.actions,
    indicators: Demo.indicators,
    targets: Demo.targets,
    figures: Demo.targets.flatMap((t, i) =>
      ["2022", "2023", "2024", "2025"].map((year, j) => ({
        indicator: t.indicator,
        year: Period.Period.make(year),
        cell: f.figures[(i * 4 + j) % f.figures.length] ?? Publication.NoData.make({}),
      })),
    ),
    budget: f.budget ? { lines: Demo.budget, key: Demo.costKey(2022) } : undefined,
    previous,
    date: f.date,
    kenmerk: f.kenmerk,
    signatory: f.signatory,
  })
export const progressLetter = fc
  .tuple(letterInput, fc.option(letterInput, { nil: undefined }))
  .map(([f, before]) => letterOf(f, before === undefined ? undefined : letterOf(before)))

// Region definitions: every part from the generators above (decoding checks each part; the checks across parts are
// RegionDefinition.test.ts's)

export const ownPartnerKind = fc
  .tuple(
    fc.record({ kind: partnerKind, name: nonEmpty }),
    optional(fc.array(adapterId, { maxLength: 2 }), (adapters) => ({ adapters })),
  )
  .map(([f, o]) => new RegionDefinition.OwnPartnerKind({ ...f, ...o }))
export const planBudget = fc
  .record({ lines: fc.array(budgetLine, { maxLength: 3 }), key: costKey })
  .map((f) => new RegionDefinition.PlanBudget(f))
export const planDefinition = fc
  .tuple(
    plan,
    optional(planStatus, (status) => ({ status })),
    optional(fc.array(councilDecision, { maxLength: 2 }), (decisions) => ({ decisions })),
    optional(fc.array(programme, { maxLength: 2 }), (programmes) => ({ programmes })),
    optional(fc.array(goal, { maxLength: 2 }), (goals) => ({ goals })),
    optional(fc.array(action, { maxLength: 2 }), (actions) => ({ actions })),
    optional(fc.array(indicator, { maxLength: 2 }), (indicators) => ({ indicators })),
    optional(fc.array(target, { maxLength: 2 }), (targets) => ({ targets })),
    optional(planBudget, (budget) => ({ budget })),
  )
  .map(([p, ...parts]) => new RegionDefinition.PlanDefinition(Object.assign({ plan: p }, ...parts)))
export const letterWording = fc
  .record({ salutation: nonEmpty, closing: nonEmpty, signatory: nonEmpty })
  .map((f) => new RegionDefinition.LetterWording(f))
export const disclosureSettings = fc
  .tuple(
    optional(rules, (r) => ({ public: r })),
    optional(rules, (r) => ({ council: r })),
    optional(rules, (r) => ({ region: r })),
  )
  .map((parts) => new RegionDefinition.DisclosureSettings(Object.assign({}, ...parts)))
export const regionDefinition = fc
  .tuple(
    fc.record({
      region,
      municipalities: fc.array(municipality, { maxLength: 3 }),
      kenmerk: kenmerkPattern,
      plans: fc.array(planDefinition, { maxLength: 2 }),
    }),
    optional(nonEmpty, (shortName) => ({ shortName })),
    optional(fc.array(taskArea, { maxLength: 2 }), (taskAreas) => ({ taskAreas })),
    optional(fc.array(linkedDomain, { maxLength: 2 }), (linkedDomains) => ({ linkedDomains })),
    optional(fc.array(ownPartnerKind, { maxLength: 2 }), (partnerKinds) => ({ partnerKinds })),
    optional(fc.array(partner, { maxLength: 2 }), (partners) => ({ partners })),
    optional(disclosureSettings, (disclosure) => ({ disclosure })),
    optional(letterWording, (letter) => ({ letter })),
  )
  .map(([f, ...parts]) => new RegionDefinition.Definition(Object.assign({ version: 1 as const, ...f }, ...parts)))
export const regionDefinitionProblem = fc
  .record({ field: text, message: text })
  .map((f) => new RegionDefinition.Problem(f))
export const definitionRefused = fc
  .tuple(
    fc.array(regionDefinitionProblem, { minLength: 1, maxLength: 3 }),
    optional(text, (file) => ({ file })),
  )
  .map(
    ([problems, o]) =>
      new RegionDefinition.DefinitionRefused({
        problems: problems as [RegionDefinition.Problem, ...Array<RegionDefinition.Problem>],
        ...o,
      }),
  )
