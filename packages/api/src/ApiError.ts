/**
 * The API's own failures and the ONE place where any failure becomes a `TRPCError`: a table from every tag a
 * procedure can fail with (`Failure`, which `run` enforces) to a tRPC code and the message a person sees. Domain rule violations keep the rule's explanation; store and
 * unexpected failures become a short sentence with the request id, so no stack trace, SQL or internal path ever
 * reaches a response (the details go to the server log).
 */
import type { Budget, InvalidInput as InvalidInputOfDomain, PlanAmendment, PlanLifecycle } from "@baken/domain"
import type { StoreError } from "@baken/store"
import { TRPCError } from "@trpc/server"
import { Cause, Schema } from "effect"
import type { Unauthenticated } from "./Authentication.js"
import type { ShuttingDown } from "./Environment.js"

/** Something the caller asked for does not exist (or is not visible to it). */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  what: Schema.String,
  id: Schema.String,
}) {
  override get message(): string {
    return `${this.what} ${this.id} does not exist`
  }
}

/** The caller may call the procedure, but not on this subject (e.g. another partner's deliveries). */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", { reason: Schema.String }) {
  override get message(): string {
    return this.reason
  }
}

/** An input passed its Schema but is wrong in a way only the procedure can tell; names the field. */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  field: Schema.String,
  reason: Schema.String,
}) {
  override get message(): string {
    return `${this.field}: ${this.reason}`
  }
}

/** The request conflicts with what is stored; the message says which rule. */
export class Conflict extends Schema.TaggedError<Conflict>()("Conflict", { reason: Schema.String }) {
  override get message(): string {
    return this.reason
  }
}

/** The caller asked for more than its limit; the message says which limit and what to do. */
export class Throttled extends Schema.TaggedError<Throttled>()("Throttled", { reason: Schema.String }) {
  override get message(): string {
    return this.reason
  }
}

/** Every failure a procedure's effect may end in: `run` accepts no effect that can fail with anything else. */
export type Failure =
  | NotFound
  | Forbidden
  | InvalidInput
  | Conflict
  | Throttled
  | Unauthenticated
  | ShuttingDown
  | InvalidInputOfDomain.InvalidInput
  | PlanLifecycle.PlanTransitionRefused
  | PlanAmendment.AmendmentRefused
  | Budget.CostKeyRefused
  | StoreError.StoreError

/** How a failure reaches the caller: its tRPC code, and whether its own message is shown or a fixed sentence. */
export interface Entry {
  readonly code: TRPCError["code"]
  /** `own`: the error's message is written for people and carries no SQL or path; otherwise a fixed sentence. */
  readonly message: "own" | ((requestId: string) => string)
}

/** The one table: every `Failure` tag, its tRPC code and what the caller reads. The HTTP status is tRPC's own. */
export const table: { readonly [Tag in Failure["_tag"]]: Entry } = {
  NotFound: { code: "NOT_FOUND", message: "own" },
  Forbidden: { code: "FORBIDDEN", message: "own" },
  InvalidInput: { code: "BAD_REQUEST", message: "own" },
  Conflict: { code: "CONFLICT", message: "own" },
  Throttled: { code: "TOO_MANY_REQUESTS", message: "own" },
  Unauthenticated: { code: "UNAUTHORIZED", message: "own" },
  ShuttingDown: { code: "SERVICE_UNAVAILABLE", message: "own" },
  PlanTransitionRefused: { code: "PRECONDITION_FAILED", message: "own" },
  AmendmentRefused: { code: "PRECONDITION_FAILED", message: "own" },
  CostKeyRefused: { code: "PRECONDITION_FAILED", message: "own" },
  StoreError: {
    code: "SERVICE_UNAVAILABLE",
    message: (requestId) =>
      `De database is op dit moment niet bereikbaar; probeer het later opnieuw (verzoek ${requestId}).`,
  },
}

/** How the message of an internal error begins: nothing of the error itself follows it. */
export const internalOpening = "Er ging iets mis op de server"

/** The message of a failure the table does not know, or of a defect. */
export const internalMessage = (requestId: string): string => `${internalOpening} (verzoek ${requestId}).`

const tagOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string"
    ? error._tag
    : undefined

const entryOf = (tag: string | undefined): Entry | undefined =>
  tag !== undefined && Object.hasOwn(table, tag) ? table[tag as Failure["_tag"]] : undefined

/** An error's own message: its Dutch one (`messageNl`, as a refused lifecycle step has) when it has one. */
const ownMessage = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error)
  const nl: unknown = (error as { readonly messageNl?: unknown }).messageNl
  return typeof nl === "string" ? nl : error.message
}

/**
 * A failure as the caller sees it. The error itself stays on the `TRPCError` as its `cause`, for the server's log;
 * `requestId` in the message lets an operator find it there.
 */
export const toTrpcError = (error: unknown, requestId: string): TRPCError => {
  if (error instanceof TRPCError) return error
  const entry = entryOf(tagOf(error))
  if (entry === undefined) {
    return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: internalMessage(requestId), cause: error })
  }
  const message = entry.message === "own" ? ownMessage(error) : entry.message(requestId)
  return new TRPCError({ code: entry.code, message, cause: error })
}

/** The failure inside an effect's cause: the first typed error, else the defect (the whole cause when neither). */
export const fromCause = (cause: Cause.Cause<unknown>, requestId: string): TRPCError => {
  const failure = cause.reasons.find(Cause.isFailReason)
  if (failure !== undefined) return toTrpcError(failure.error, requestId)
  const defect = cause.reasons.find(Cause.isDieReason)
  return toTrpcError(defect === undefined ? new Error(Cause.pretty(cause)) : defect.defect, requestId)
}
