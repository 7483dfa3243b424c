/**
 * A typed client for the Baken API: every procedure of `AppRouter` with its input and output types, over HTTP with
 * batching. Give it the server's URL and, for anything beyond public figures, a bearer token.
 */
import type { AppRouter } from "@baken/api"
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from "@trpc/client"

/** Where the server is and how to authenticate. */
export interface Options {
  /** The server's base URL, e.g. `http://127.0.0.1:3000`; `/trpc` is added. */
  readonly url: string
  /** A bearer token (`bkn_…`); absent calls as the public. */
  readonly token?: string | undefined
  /** Batch calls made in the same tick into one request (default true). */
  readonly batch?: boolean
  /** A `fetch` to use instead of the global one. */
  readonly fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>
}

/** The typed client. */
export type BakenClient = ReturnType<typeof createTRPCClient<AppRouter>>

/** Creates a client for the server at `options.url`. */
export const create = (options: Options): BakenClient => {
  const link = (options.batch ?? true) ? httpBatchLink : httpLink
  return createTRPCClient<AppRouter>({
    links: [
      link({
        url: `${options.url.replace(/\/+$/, "")}/trpc`,
        headers: () => (options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch as never }),
      }),
    ],
  })
}

/** The tRPC code of a failed call (`BAD_REQUEST`, `FORBIDDEN`, …), or undefined for other errors. */
export const errorCode = (error: unknown): string | undefined =>
  error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined

export { TRPCClientError }
