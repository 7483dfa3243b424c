/**
 * The dashboard's view data: what each page of the dashboard shows, as plain, already-published values. The
 * `dashboard` procedures build them from the domain's rules and the API's published tables, so disclosure control
 * has happened before a value gets here: a figure that arrives as `null` with `suppressed: true` was hidden, and the
 * pages only explain why. The web app formats these; it holds no rules of its own.
 */
import type { Action, CouncilDecision, PlanLifecycle } from "@baken/domain"
import type { CouncilLetterAnswer } from "../OfficeRouter.js"

/** Where a plan is in its lifecycle: `@baken/domain`'s `PlanLifecycle.Stage`. */
export type PlanStage = PlanLifecycle.Stage

/** What a council decided: `@baken/domain`'s `CouncilDecision.Outcome`. */
export type Outcome = CouncilDecision.Outcome

/** Where an action stands: `@baken/domain`'s `Action.Status`. */
export type ActionStatus = Action.Status

/** A plan as the pages show it. */
export interface PlanView {
  readonly id: string
  readonly title: string
  readonly kenmerk: string
  readonly firstYear: number
  readonly lastYear: number
  readonly stage: PlanStage
  /** Dutch sentence on the status, e.g. "Vastgesteld door alle 7 gemeenteraden op 20 december 2021". */
  readonly statusNl: string
}

/** One council in the adoption table: its latest decision on the plan, if any. */
export interface CouncilRow {
  readonly municipality: string
  readonly name: string
  readonly outcome: Outcome | null
  readonly date: string | null
  readonly reference: string | null
}

/** A rolled-up progress figure (0..1, or null when unknown) with the reasons behind it, in Dutch. */
export interface ProgressView {
  readonly share: number | null
  readonly why: ReadonlyArray<string>
}

/** A programme in the plan overview. */
export interface ProgrammeSummary {
  readonly id: string
  readonly number: number
  readonly name: string
  readonly description: string
  readonly progress: ProgressView
}

/** One published number: `value` is null when disclosure control hid it (`suppressed`) or it is not known. */
export interface Cell {
  readonly value: number | null
  readonly suppressed: boolean
}

/** What a series row stands for: a municipality, the region, the plan's target or the Dutch benchmark. */
export type RowKind = "municipality" | "region" | "target" | "benchmark"

/** A row of a series: one line in a chart, one row in its table, one block of its CSV. */
export interface SeriesRow {
  readonly key: string
  readonly label: string
  readonly kind: RowKind
  readonly cells: ReadonlyArray<Cell>
}

/** Finer periods of a series (quarters or months), shown in a table of their own, never beside the years. */
export interface SeriesDetail {
  readonly periods: ReadonlyArray<string>
  readonly rows: ReadonlyArray<SeriesRow>
}

/**
 * An indicator's published values over time: the single source for its chart, its table and its CSV. `periods` are
 * of one granularity (years where there are yearly figures); `detail` holds the quarters, for a table of their own.
 */
export interface Series {
  readonly id: string
  readonly title: string
  readonly unit: string
  readonly definition: string
  readonly periods: ReadonlyArray<string>
  readonly rows: ReadonlyArray<SeriesRow>
  readonly detail: SeriesDetail | null
}

/** The disclosure rules that were applied to public figures. */
export interface DisclosureRules {
  readonly threshold: number
  readonly rounding: number
}

/** Everything the public home page shows. */
export interface Overview {
  readonly regionName: string
  readonly plan: PlanView
  readonly councils: ReadonlyArray<CouncilRow>
  readonly programmes: ReadonlyArray<ProgrammeSummary>
  readonly keyFigures: Series
  /**
   * The members at a glance: one key indicator (a rate per 1.000 inhabitants where the plan has one), a row per
   * municipality beside the region, the Netherlands and the target; null when no indicator has municipal figures.
   */
  readonly glance: Series | null
  readonly disclosure: DisclosureRules
  readonly municipalities: ReadonlyArray<{ readonly code: string; readonly name: string }>
  /** A sentence naming example data, when the figures are not real. */
  readonly dataNote: string | null
}

/** A milestone of an action. */
export interface MilestoneView {
  readonly title: string
  readonly due: string
  readonly completedOn: string | null
  readonly overdue: boolean
}

/** An action with its owner, partners, milestones and status. */
export interface ActionView {
  readonly id: string
  readonly title: string
  readonly owner: string
  readonly partners: ReadonlyArray<string>
  readonly start: string
  readonly end: string
  /** The status as last reported. */
  readonly status: ActionStatus
  /** The status on the page's day (`Action.statusOn`): an action past its end is never "gepland". */
  readonly dayStatus: Action.DayStatus
  /** That status in Dutch, e.g. "verlopen". */
  readonly statusNl: string
  /** A sentence on it, e.g. "De einddatum (31 december 2024) is voorbij; …". */
  readonly statusSentence: string
  readonly milestones: ReadonlyArray<MilestoneView>
  readonly progress: ProgressView
}

/** A goal with its actions and indicators. */
export interface GoalView {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly progress: ProgressView
  readonly actions: ReadonlyArray<ActionView>
  readonly indicators: ReadonlyArray<Series>
}

/** Everything a programme page shows. */
export interface ProgrammeView {
  readonly plan: PlanView
  readonly programme: ProgrammeSummary
  readonly goals: ReadonlyArray<GoalView>
  readonly disclosure: DisclosureRules
  readonly dataNote: string | null
}

/** A span of membership of the region; `until` null means still a member. */
export interface MembershipSpan {
  readonly from: string | null
  readonly until: string | null
}

/** A municipality's share of the pooled budget in one year, in euro cents. */
export interface BudgetShare {
  readonly year: number
  readonly totalCents: number
  readonly shareCents: number
  readonly key: string
}

/** A council decision as a municipality page lists it. */
export interface DecisionView {
  readonly plan: string
  readonly outcome: Outcome
  readonly date: string
  readonly reference: string | null
  /** Whether this is the council's latest decision on the plan, the one that counts today. */
  readonly counts: boolean
}

/** Everything a municipality page shows. */
export interface MunicipalityView {
  readonly code: string
  readonly name: string
  readonly memberships: ReadonlyArray<MembershipSpan>
  /** A sentence on membership changes, e.g. Weesp's merger into Amsterdam. */
  readonly membershipNote: string | null
  readonly figures: Series
  /**
   * The indicators that are rates per 1.000 inhabitants, for this municipality beside the region, the Netherlands
   * and the target (rows of those kinds); the page draws each as a chart with its table.
   */
  readonly comparisons?: ReadonlyArray<Series>
  readonly budget: ReadonlyArray<BudgetShare>
  readonly decisions: ReadonlyArray<DecisionView>
  readonly disclosure: DisclosureRules
  readonly dataNote: string | null
}

/** Who a token belongs to. */
export type Session =
  | { readonly role: "partner"; readonly partnerId: string; readonly name: string }
  | { readonly role: "municipality"; readonly municipality: string; readonly name: string }
  | { readonly role: "region"; readonly name: string }
  | { readonly role: "admin"; readonly name: string }

/** Where a rejected record sits in the delivered file: a line (and column) or an element, and the field. */
export interface Location {
  readonly file: string
  readonly line: number | null
  readonly field: string | null
  /** The element path (XML) or message, when the format has no lines. */
  readonly element?: string | null
  /** The 1-based column, when the adapter names one. */
  readonly column?: number | null
}

/** A rejected record: where, which rule, and what to fix. */
export interface RejectionView {
  readonly delivery: string
  readonly location: Location
  readonly rule: string
  readonly message: string
}

/** A delivery as the partner sees it. */
export interface DeliveryView {
  readonly id: string
  readonly adapter: string
  readonly fileName: string
  readonly receivedAt: string
  readonly period: string
  readonly accepted: number
  readonly rejected: number
}

/** A delivery that is due and has not arrived. */
export interface OverdueView {
  readonly adapter: string
  readonly period: string
  readonly due: string
}

/** An adapter the region assigned to the partner and the server runs for its files. */
export interface AdapterView {
  readonly id: string
  /** The Dutch name, e.g. "iWmo 3.2-berichten". */
  readonly name: string
  /** What it reads, in Dutch, e.g. "XML-berichten of een zip ervan (.xml, .zip)". */
  readonly accepts: string
  /** The file name endings it reads, lower case with the dot. */
  readonly extensions?: ReadonlyArray<string>
}

/** Everything the partner page shows. */
export interface PartnerView {
  readonly partnerId: string
  readonly name: string
  readonly adapters: ReadonlyArray<AdapterView>
  readonly deliveries: ReadonlyArray<DeliveryView>
  /** The latest files that were not stored: waiting, being read, or refused as a whole (with the reason). */
  readonly unstored: ReadonlyArray<DeliveryJobView>
  readonly rejections: ReadonlyArray<RejectionView>
  readonly overdue: ReadonlyArray<OverdueView>
}

/** Where a delivered file is: waiting, being read, stored, or refused as a whole. */
export type DeliveryStatus = "queued" | "running" | "stored" | "refused"

/** A delivered file as the partner follows it: its status, the counts so far, and when done the result. */
export interface DeliveryJobView {
  readonly id: string
  readonly fileName: string
  /** The adapter's Dutch name (its id when the server no longer runs it). */
  readonly adapter: string
  readonly status: DeliveryStatus
  readonly progress: { readonly read: number; readonly accepted: number; readonly rejected: number }
  /** When stored: the records accepted and rejected, and the periods they cover. */
  readonly summary: { readonly accepted: number; readonly rejected: number; readonly period: string } | null
  /** When refused: why, in Dutch. */
  readonly reason: string | null
  /** The first rejections (at most 1000), with where and why. */
  readonly rejections: ReadonlyArray<RejectionView>
}

/** A partner's delivery schedule for one adapter. */
export interface ScheduleView {
  readonly partnerId: string
  readonly partner: string
  readonly adapter: string
  readonly frequency: "month" | "quarter" | "half" | "year"
  /** Days after the end of a period by which the delivery is due. */
  readonly dueAfterDays: number
}

/** One processing of partner data, in Dutch: when (ISO instant), who, what, about what and why. */
export interface LogEntryView {
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly subject: string
  readonly purpose: string
  /** How often this same processing happened in the period shown (the time is the latest). */
  readonly count: number
}

/** One processing as the admin's log shows it: in Dutch, with what the log recorded beside it (for a CSV). */
export interface AuditEntryView {
  /** When (ISO instant). */
  readonly at: string
  /** Who acted, in Dutch: the partner's or municipality's name, `regio`, `beheerder`. */
  readonly actor: string
  /** Who acted as recorded: `region`, `partner:veilig-thuis`. */
  readonly actorId: string
  /** The id of the token used, when one was. */
  readonly token: string | null
  readonly action: "lezen" | "schrijven" | "verwijderen"
  readonly actionId: "read" | "write" | "delete"
  /** Which data, in Dutch, and as recorded. */
  readonly subject: string
  readonly subjectId: string
  /** Why, in Dutch, and as recorded. */
  readonly purpose: string
  readonly purposeId: string
}

/** A choice in a form: the value sent and the Dutch label shown. */
export interface Choice {
  readonly value: string
  readonly label: string
}

/** A page of the processing log, newest first, as a filter selects it; with the choices of the filter's form. */
export interface ProcessingLogPageView {
  readonly entries: ReadonlyArray<AuditEntryView>
  /** How many entries the filter selects in all. */
  readonly total: number
  /** This page's number (from 1) and how many entries a page holds. */
  readonly page: number
  readonly pageSize: number
  /** Who can have acted (`region`, `partner:<id>`, …), by name. */
  readonly actors: ReadonlyArray<Choice>
  /** Whose data: the partners, by id and name. */
  readonly partners: ReadonlyArray<Choice>
}

/** An API token as the admin reads it; its secret is never shown after it was issued. */
export interface TokenView {
  readonly id: string
  readonly label: string
  readonly audience: "public" | "partner" | "municipality" | "region" | "admin"
  /** The audience in Dutch: `partner`, `gemeente`, `regio`, `beheerder`, `publiek`. */
  readonly kind: string
  /** Whom a partner or municipality token acts as, by name; null for the others. */
  readonly holder: string | null
  /** When it was made, when it expires and when it was revoked (ISO instants). */
  readonly createdAt: string
  readonly expiresAt: string
  readonly revokedAt: string | null
  readonly status: "active" | "expired" | "revoked"
  /** The status in Dutch: `actief`, `verlopen`, `ingetrokken`. */
  readonly state: string
}

/** The admin's page: every token, newest first, and the partners and municipalities a new token can act as. */
export interface AdminView {
  readonly tokens: ReadonlyArray<TokenView>
  readonly partners: ReadonlyArray<Choice>
  readonly municipalities: ReadonlyArray<Choice>
}

/** A live dashboard session as the admin reads it; never its secret. */
export interface SessionView {
  /** The public handle an admin names to end it. */
  readonly id: string
  /** Who signed in: the token's label, or the name the identity provider gave. */
  readonly label: string
  /** Who signed in, as the store keeps it (`token:<id>`, `oidc:<issuer>#<sub>`): what `session.endPerson` takes. */
  readonly subject: string
  /** How they signed in: with an access code, or with their organisation's account. */
  readonly via: "toegangscode" | "organisatieaccount"
  /** The code the session was started with (its id, never its secret); null for an organisation's account. */
  readonly tokenId: string | null
  readonly audience: "partner" | "municipality" | "region" | "admin"
  /** The audience in Dutch: `partner`, `gemeente`, `regio`, `beheerder`. */
  readonly kind: string
  /** Whom a partner or municipality session acts as, by name; null for the others. */
  readonly holder: string | null
  /** When it started, when it was last used, and when it ends unless used again (ISO instants). */
  readonly startedAt: string
  readonly seenAt: string
  readonly endsAt: string
  /** Whether this is the session of the admin reading the page. */
  readonly current: boolean
  /** How many live sessions the same person (or code) has, this one included. */
  readonly personSessions: number
  /** Whether the person of this session is the admin reading the page. */
  readonly currentPerson: boolean
}

/** The admin's sessions page: every live session, most recently used first. */
export interface SessionsView {
  readonly sessions: ReadonlyArray<SessionView>
}

/** A partner's overdue deliveries as the region page lists them. */
export interface PartnerOverdueView {
  readonly partner: string
  readonly name: string
  readonly overdue: ReadonlyArray<{
    readonly adapter: string
    readonly adapterName: string
    readonly period: string
    readonly due: string
  }>
}

/** An amendment of the plan in execution: its number, date, reason and each change in Dutch. */
export interface AmendmentListView {
  readonly number: number
  readonly date: string
  readonly reason: string
  readonly changes: ReadonlyArray<string>
}

/** A council letter that was sent. */
export interface SentLetterView {
  readonly kenmerk: string
  readonly date: string
  readonly subject: string
}

/** The pooled budget of one year: the total, the cost key in Dutch and each paying council's share, in euro cents. */
export interface BudgetYearView {
  readonly year: number
  readonly totalCents: number
  readonly key: string
  readonly shares: ReadonlyArray<{ readonly municipality: string; readonly name: string; readonly cents: number }>
  /** Members that pay nothing for this plan (their council does not decide on it), by name. */
  readonly setAside: ReadonlyArray<string>
}

/** Everything the region page shows. */
export interface RegionView {
  readonly plan: PlanView
  readonly councils: ReadonlyArray<CouncilRow>
  readonly programmes: ReadonlyArray<ProgrammeSummary>
  readonly goals: ReadonlyArray<{
    readonly id: string
    readonly programme: string
    readonly title: string
    readonly description: string
  }>
  readonly actions: ReadonlyArray<{
    readonly id: string
    readonly goal: string
    readonly title: string
    readonly status: ActionStatus
  }>
  readonly indicators: ReadonlyArray<{
    readonly id: string
    readonly title: string
    readonly definition: string
    readonly unit: string
  }>
  readonly targets: ReadonlyArray<{ readonly indicator: string; readonly period: string; readonly value: number }>
  readonly schedules: ReadonlyArray<ScheduleView>
  readonly partners: ReadonlyArray<{
    readonly id: string
    readonly name: string
    readonly adapters: ReadonlyArray<string>
  }>
  readonly canRelease: boolean
  /** Per partner with a schedule, the deliveries it owes (periods of the plan's years, by its format's period kind). */
  readonly overdue: ReadonlyArray<PartnerOverdueView>
  /** Every council decision on the plan, newest first; `plan` holds the council's name here. */
  readonly decisions: ReadonlyArray<DecisionView>
  /** The pooled budget per year with each council's share (empty when the plan has no budget). */
  readonly budget: ReadonlyArray<BudgetYearView>
  /** The plan's amendments, newest first. */
  readonly amendments: ReadonlyArray<AmendmentListView>
  /** Whether the plan is in execution, so that it changes by amendment rather than by editing. */
  readonly canAmend: boolean
  /** The council letters sent about the plan, newest first. */
  readonly letters: ReadonlyArray<SentLetterView>
  /** The latest processings of partner data (at most 50 of the last 30 days), newest first. */
  readonly log: ReadonlyArray<LogEntryView>
  /** Partners' pseudonymisation questions: the limit, who was refused and the room the region granted. */
  readonly pseudonymisation: PseudonymisationView
}

/** The limit on partners' pseudonymisation (OPRF) questions over a window, who hit it, and the room granted. */
export interface PseudonymisationView {
  readonly windowDays: number
  readonly base: number
  readonly factor: number
  readonly refusals: ReadonlyArray<{
    readonly partner: string
    readonly name: string
    readonly calls: number
    readonly elements: number
    /** ISO timestamp of the latest refusal. */
    readonly last: string
  }>
  readonly allowances: ReadonlyArray<{
    readonly partner: string
    readonly name: string
    readonly elements: number
    readonly reason: string
    /** ISO timestamp of the grant. */
    readonly at: string
  }>
}

/** The council letter, ready to print: the progress letter as `councilLetter.get` serves it. */
export type CouncilLetterView = CouncilLetterAnswer

/** A published number of the flows page, and whether it may still change. */
export interface FlowCell extends Cell {
  /** Whether the period, or the look-ahead the measure needs after it, has not ended on the page's day. */
  readonly provisional: boolean
  /** The last day (ISO) the value is provisional, when it is. */
  readonly provisionalUntil: string | null
}

/** One measure of the flows, over the plan's years. */
export interface FlowRow {
  /** The indicator's id, or `bo-uitstroom-anders` for the departures other than according to plan. */
  readonly key: string
  /** Its step in the flow in a few words ("Uitstroom"; under another row: "volgens plan", read "waarvan volgens plan"). */
  readonly label: string
  /** The measure's name as the plan gives it ("Uitstroom volgens plan"). */
  readonly name: string
  /** "personen" or "dagen". */
  readonly unit: string
  readonly definition: string
  /**
   * Whether the values are worked out on the page from two published ones (uitstroom minus uitstroom volgens plan),
   * shown only where both are shown.
   */
  readonly derived: boolean
  /** How deep the row sits under another: 1 for a part of the departures, 2 for a part of such a part. */
  readonly depth: 0 | 1 | 2
  readonly cells: ReadonlyArray<FlowCell>
}

/** The flows of one municipality, or of the region. */
export interface FlowArea {
  /** The municipality's code, or `regio`. */
  readonly key: string
  readonly name: string
  readonly kind: "region" | "municipality"
  readonly rows: ReadonlyArray<FlowRow>
}

/** The plan's goal that the aftercare measure judges, and how it stands. */
export interface FlowGoal {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly programme: { readonly id: string; readonly name: string }
  /** The goal's roll-up over its actions and its indicators. */
  readonly progress: ProgressView
  /** The aftercare measure's part: its progress towards the target and the Dutch sentence why (measured, target). */
  readonly measure: { readonly share: number | null; readonly sentence: string }
  readonly targets: ReadonlyArray<{ readonly period: string; readonly value: number }>
}

/** Everything the page "Niemand uit beeld" shows. */
export interface FlowsView {
  readonly plan: PlanView
  readonly regionName: string
  /** The plan's years: the columns of every table. */
  readonly years: ReadonlyArray<string>
  /** The year the diagram draws unless the reader picks another: the latest ended year with a shown figure. */
  readonly year: string
  /** The region first, then every member since the plan began, by name. */
  readonly areas: ReadonlyArray<FlowArea>
  /** Whether the plan defines the measures at all (an older plan does not). */
  readonly measured: boolean
  readonly goal: FlowGoal | null
  readonly disclosure: DisclosureRules
  readonly dataNote: string | null
}
