/**
 * The types the dashboard's pages render: the API's view data (`DashboardViews` of `@baken/api`, what the
 * `dashboard.*` procedures return), and the few shapes of the web app's own forms. The pages hold no data and no
 * rules: every value comes from the API, typed from `AppRouter`.
 */
import type { AppCaller, DashboardViews } from "@baken/api"
import type { Context } from "hono"

export type ActionStatus = DashboardViews.ActionStatus
export type AdminView = DashboardViews.AdminView
export type AuditEntryView = DashboardViews.AuditEntryView
export type Choice = DashboardViews.Choice
export type ProcessingLogPageView = DashboardViews.ProcessingLogPageView
export type SessionView = DashboardViews.SessionView
export type SessionsView = DashboardViews.SessionsView
export type TokenView = DashboardViews.TokenView
export type ActionView = DashboardViews.ActionView
export type AdapterView = DashboardViews.AdapterView
export type BudgetShare = DashboardViews.BudgetShare
export type Cell = DashboardViews.Cell
export type CouncilLetterView = DashboardViews.CouncilLetterView
export type CouncilRow = DashboardViews.CouncilRow
export type DecisionView = DashboardViews.DecisionView
export type DeliveryJobView = DashboardViews.DeliveryJobView
export type DeliveryStatus = DashboardViews.DeliveryStatus
export type DeliveryView = DashboardViews.DeliveryView
export type DisclosureRules = DashboardViews.DisclosureRules
export type FlowArea = DashboardViews.FlowArea
export type FlowCell = DashboardViews.FlowCell
export type FlowGoal = DashboardViews.FlowGoal
export type FlowRow = DashboardViews.FlowRow
export type FlowsView = DashboardViews.FlowsView
export type GoalView = DashboardViews.GoalView
export type Location = DashboardViews.Location
export type MembershipSpan = DashboardViews.MembershipSpan
export type MilestoneView = DashboardViews.MilestoneView
export type MunicipalityView = DashboardViews.MunicipalityView
export type Outcome = DashboardViews.Outcome
export type OverdueView = DashboardViews.OverdueView
export type Overview = DashboardViews.Overview
export type PartnerView = DashboardViews.PartnerView
export type PlanStage = DashboardViews.PlanStage
export type PlanView = DashboardViews.PlanView
export type ProgrammeSummary = DashboardViews.ProgrammeSummary
export type ProgrammeView = DashboardViews.ProgrammeView
export type ProgressView = DashboardViews.ProgressView
export type RegionView = DashboardViews.RegionView
export type RejectionView = DashboardViews.RejectionView
export type RowKind = DashboardViews.RowKind
export type ScheduleView = DashboardViews.ScheduleView
export type Series = DashboardViews.Series
export type SeriesDetail = DashboardViews.SeriesDetail
export type SeriesRow = DashboardViews.SeriesRow
export type Session = DashboardViews.Session

/** The API as the dashboard calls it: every procedure of `AppRouter`, as the caller a token stands for. */
export type Api = AppCaller

/**
 * The API for a visitor: `null` is the public, a session secret (the session cookie's value) the person signed in to
 * it. A session that ended (logged out, idle, too old, its token revoked) fails with tRPC's `UNAUTHORIZED`; with the
 * request `c`, the host counts that against the visitor's address and, once it failed too often, answers
 * `TOO_MANY_REQUESTS` without looking the session up.
 */
export type ApiFor = (session: string | null, c?: Context) => Promise<Api>

/** How a sign-in with a code went: a new session's secret, an unknown code, or too many failures from the address. */
export type SignInAnswer =
  | { readonly ok: true; readonly session: string }
  | { readonly ok: false; readonly reason: "unknown" }
  | { readonly ok: false; readonly reason: "throttled"; readonly seconds: number }

/** How the host starts and ends dashboard sessions. */
export interface Sessions {
  /** Starts a session for a token code, counting a failure against the visitor's address (from `c`). */
  readonly signIn: (code: string, c: Context) => Promise<SignInAnswer>
  /** Ends a session (logging out). */
  readonly end: (session: string) => Promise<void>
  /** Whether the cookie may only travel over HTTPS for this request (HTTPS, or a trusted proxy that says so). */
  readonly secure: (c: Context) => boolean
}

/** A file a partner delivers for a server-side adapter, as it streams in. */
export interface FileDelivery {
  readonly adapter: string
  readonly fileName: string
  readonly body: ReadableStream<Uint8Array>
}

/**
 * How the host takes in a delivered file (the server's streaming intake, shared with its delivery route): it queues
 * the file for the token's partner and gives the job's id, or refuses with a Dutch reason.
 */
export type Deliver = (
  session: string,
  file: FileDelivery,
) => Promise<
  { readonly ok: true; readonly id: string } | { readonly ok: false; readonly status: number; readonly message: string }
>

/** A refusal the web app itself decides (a form it cannot read), with a Dutch message. */
export class FormError extends Error {
  override readonly name = "FormError"
}
