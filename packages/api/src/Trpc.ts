/**
 * The tRPC core every router builds on: the request context (caller, request id, the shared `ManagedRuntime`),
 * the error formatter that turns a Schema failure into a `BAD_REQUEST` naming the field and strips stacks, the
 * `procedure` that checks the authorisation table before anything else runs, and `run`, the one bridge from a
 * procedure into Effect.
 */
import { initTRPC, StandardSchemaV1Error, TRPCError } from "@trpc/server"
import { Effect, Exit, type ManagedRuntime } from "effect"
import { type Failure, fromCause, internalOpening } from "./ApiError.js"
import type { Caller } from "./Audience.js"
import * as Authorisation from "./Authorisation.js"
import type { Services } from "./Environment.js"

/** What every procedure receives. */
export interface Context {
  readonly caller: Caller
  /** The request id the server logs; quoted in internal errors so an operator can find the details. */
  readonly requestId: string
  /** The one runtime the host shares between Hono and tRPC. */
  readonly runtime: ManagedRuntime.ManagedRuntime<Services, unknown>
}

interface Issue {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

const fieldOf = (issue: Issue): string => {
  const path = (issue.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p)))
  return path.length === 0 ? "input" : `input.${path.join(".")}`
}

/** The message of a Schema failure: every issue as `field: what was expected`. */
export const describeIssues = (issues: ReadonlyArray<Issue>): string =>
  issues.map((issue) => `${fieldOf(issue)}: ${issue.message}`).join("; ")

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter: ({ shape, error }) => {
    const message =
      error.code === "BAD_REQUEST" && error.cause instanceof StandardSchemaV1Error
        ? describeIssues(error.cause.issues)
        : error.code === "INTERNAL_SERVER_ERROR" && !shape.message.startsWith(internalOpening)
          ? `${internalOpening}.`
          : shape.message
    const { stack: _stack, ...data } = shape.data as typeof shape.data & { stack?: string }
    return { ...shape, message, data }
  },
})

/** Builds a router from a record of procedures. */
export const router = t.router

/** Checks the caller against the authorisation table before the input is even read. */
const authorise = t.middleware(({ ctx, path, next }) => {
  const decision = Authorisation.decide(path, ctx.caller.audience)
  if (decision === "no-row") {
    throw new TRPCError({ code: "FORBIDDEN", message: `${path} has no row in the authorisation table` })
  }
  if (decision === "denied") {
    throw ctx.caller.audience === "public"
      ? new TRPCError({ code: "UNAUTHORIZED", message: `${path} needs a token` })
      : new TRPCError({ code: "FORBIDDEN", message: `a ${ctx.caller.audience} token may not call ${path}` })
  }
  return next()
})

/** The first field (`input.title`) of `value` whose text holds a NUL character, which PostgreSQL cannot store. */
export const fieldWithNul = (value: unknown, field = "input"): string | undefined => {
  if (typeof value === "string") return value.includes("\u0000") ? field : undefined
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = fieldWithNul(item, `${field}.${i}`)
      if (found !== undefined) return found
    }
  } else if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = fieldWithNul(key, field) ?? fieldWithNul(item, `${field}.${key}`)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** Refuses text with a NUL character as a bad input naming the field, before the database fails on it. */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  const field = fieldWithNul(await getRawInput())
  if (field !== undefined) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `${field}: expected text without a NUL character` })
  }
  return next()
})

/** The base of every procedure: authorised by the table, and without NUL characters in its input. */
export const procedure = t.procedure.use(authorise).use(refuseNul)

/**
 * Runs an effect in the shared runtime; a failure becomes a `TRPCError` through the one table in `ApiError`. An effect
 * that can fail with an error the table does not know does not compile.
 */
export const run = async <A, E extends Failure>(ctx: Context, effect: Effect.Effect<A, E, Services>): Promise<A> => {
  const exit = await ctx.runtime.runPromiseExit(Effect.withSpan(effect, "api.procedure"))
  if (Exit.isSuccess(exit)) return exit.value
  throw fromCause(exit.cause, ctx.requestId)
}

/** Creates server-side callers (tests, the CLI) for a router. */
export const createCallerFactory = t.createCallerFactory
