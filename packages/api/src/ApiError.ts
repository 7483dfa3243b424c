/**
 * The API's own failures and the ONE place where any failure becomes a `TRPCError`: a table from an error's `_tag`
 * to a tRPC code and the message a person sees. Domain rule violations keep the rule's explanation; store and
 * unexpected failures become a short sentence with the request id, so no stack trace, SQL or internal path ever
 * reaches a response (the details go to the server log).
 */
import { TRPCError } from "@trpc/server"
import { Cause, Schema } from "effect"

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

/** The tRPC code for each tagged error the API lets through; anything else is an internal error. */
export const codes: Readonly<Record<string, TRPCError["code"]>> = {
  NotFound: "NOT_FOUND",
  Forbidden: "FORBIDDEN",
  InvalidInput: "BAD_REQUEST",
  Conflict: "CONFLICT",
  PlanTransitionRefused: "PRECONDITION_FAILED",
  AdapterNotFound: "NOT_FOUND",
  StoreError: "SERVICE_UNAVAILABLE",
  ShuttingDown: "SERVICE_UNAVAILABLE",
  CostKeyRefused: "PRECONDITION_FAILED",
}

/** Tags whose own message is safe to show (it is written for people and carries no SQL or path). */
const showsOwnMessage = new Set([
  "NotFound",
  "Forbidden",
  "InvalidInput",
  "Conflict",
  "PlanTransitionRefused",
  "AdapterNotFound",
  "ShuttingDown",
  "CostKeyRefused",
])

const tagOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string"
    ? error._tag
    : undefined

/** A failure as the caller sees it; `requestId` lets an operator find the details in the log. */
export const toTrpcError = (error: unknown, requestId: string): TRPCError => {
  if (error instanceof TRPCError) return error
  const tag = tagOf(error)
  const code = tag === undefined ? undefined : codes[tag]
  if (tag !== undefined && code !== undefined) {
    const message =
      showsOwnMessage.has(tag) && error instanceof Error
        ? error.message
        : `the database is not available at the moment; try again later (request ${requestId})`
    return new TRPCError({ code, message })
  }
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `internal error (request ${requestId})` })
}

/** The failure inside an effect's cause: the first typed error, else the defect. */
export const fromCause = (cause: Cause.Cause<unknown>, requestId: string): TRPCError => {
  const failure = cause.reasons.find(Cause.isFailReason)
  if (failure !== undefined) return toTrpcError(failure.error, requestId)
  const defect = cause.reasons.find(Cause.isDieReason)
  return toTrpcError(defect?.defect, requestId)
}
