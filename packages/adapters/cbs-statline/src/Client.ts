/**
 * The StatLine client: pulls a table page by page from the OData v3 or v4 API and streams its observations. It
 * follows `odata.nextLink` / `@odata.nextLink` (only to the same origin as the base URL), retries a 429, a 5xx, a
 * network error or a truncated body with exponential backoff, honouring `Retry-After` (seconds or an HTTP date), and
 * turns what still fails into a located rejection (the page URL and the page number) instead of failing the stream.
 * Each page is read whole before its rows are handed on, so a retried page never yields a row twice.
 */
import { Bsn, Item } from "@baken/adapter-kit"
import type { Ids } from "@baken/domain"
import { Effect, Option, Stream } from "effect"
import * as Page from "./Page.js"
import type * as Table from "./Table.js"

/** The production base URLs of the two APIs. */
export const defaultBaseUrl: Record<Table.Api, string> = {
  v3: "https://opendata.cbs.nl/ODataApi/odata",
  v4: "https://datasets.cbs.nl/odata/v1/CBS",
}

/** Settings of a pull. */
export interface Settings {
  /** The API's base URL (the `--base-url` setting); defaults to CBS's production URL for the table's API. */
  readonly baseUrl?: string
  /** How many times a page is retried after a 429, 5xx, network error or truncated body; default 4. */
  readonly retries?: number
  /** The first backoff delay in milliseconds, doubled on each retry; default 500. */
  readonly backoffMillis?: number
  /** The longest wait, also for a `Retry-After`; default 60,000 ms. */
  readonly maxDelayMillis?: number
  /** The most pages followed; default 1,000 (CBS pages hold up to 10,000 rows). */
  readonly maxPages?: number
  /** The fetch to use; default the global `fetch`. */
  readonly fetch?: typeof fetch
}

const quote = (v: string) => `'${v.replaceAll("'", "''")}'`

/** The URL of the first page of `table` under `baseUrl`, selecting the table's fixed dimension values. */
export const firstPageUrl = (table: Table.Table, baseUrl: string): string => {
  const base = baseUrl.replace(/\/+$/, "")
  const filters = Object.entries(table.fixed).map(([d, v]) => `${d} eq ${quote(v)}`)
  if (table.api === "v3") {
    const params = new URLSearchParams({ $format: "json" })
    if (filters.length > 0) params.set("$filter", filters.join(" and "))
    return `${base}/${table.id}/TypedDataSet?${params.toString()}`
  }
  const measures = Object.keys(table.measures).map((m) => `Measure eq ${quote(m)}`)
  const all = [...filters, `(${measures.join(" or ")})`]
  return `${base}/${table.id}/Observations?${new URLSearchParams({ $filter: all.join(" and ") }).toString()}`
}

/** The delay a `Retry-After` header asks for, in milliseconds, or none when absent or unreadable. */
export const retryAfterMillis = (header: string | null, now: number): Option.Option<number> => {
  if (header === null) return Option.none()
  const t = header.trim()
  if (/^\d+$/.test(t)) return Option.some(Number(t) * 1000)
  const date = Date.parse(t)
  return Number.isNaN(date) ? Option.none() : Option.some(Math.max(0, date - now))
}

type Attempt =
  | { readonly _tag: "Page"; readonly items: ReadonlyArray<Item.Item>; readonly outcome: Page.Outcome }
  | { readonly _tag: "Retry"; readonly delay: Option.Option<number>; readonly why: string }
  | { readonly _tag: "Fail"; readonly item: Item.Item }

const isRetryable = (status: number) => status === 429 || status === 408 || (status >= 500 && status <= 599)

/** Pulls every page of `table` and streams its observations and located rejections; never fails. */
export const pull = (table: Table.Table, source: Ids.AdapterId, settings: Settings = {}): Stream.Stream<Item.Item> => {
  const baseUrl = settings.baseUrl ?? defaultBaseUrl[table.api]
  const origin = new URL(baseUrl).origin
  const retries = settings.retries ?? 4
  const backoff = settings.backoffMillis ?? 500
  const maxDelay = settings.maxDelayMillis ?? 60_000
  const maxPages = settings.maxPages ?? 1000
  const doFetch = settings.fetch ?? fetch

  const located = (url: string, page: number, rule: string, nl: string, en: string): Item.Item =>
    Item.rejected({
      location: { file: Bsn.redact(url), message: `pagina ${page}` },
      rule,
      nl: `Pagina ${page} van tabel ${table.id}: ${nl}`,
      en: `Page ${page} of table ${table.id}: ${en}`,
    })

  const attempt = (url: string, page: number): Effect.Effect<Attempt> =>
    Effect.tryPromise({
      try: async (signal): Promise<Attempt> => {
        const response = await doFetch(url, { signal, headers: { accept: "application/json" } })
        if (isRetryable(response.status)) {
          await response.body?.cancel()
          return {
            _tag: "Retry",
            delay: retryAfterMillis(response.headers.get("retry-after"), Date.now()),
            why: `HTTP ${response.status}`,
          }
        }
        if (!response.ok) {
          await response.body?.cancel()
          return {
            _tag: "Fail",
            item: located(
              url,
              page,
              "http-status",
              `CBS antwoordde met HTTP ${response.status}; controleer de tabel en de basis-URL.`,
              `CBS answered HTTP ${response.status}; check the table and the base URL.`,
            ),
          }
        }
        // The whole page is read before any row is handed on, so that a retry never yields a row twice.
        const bytes = new Uint8Array(await response.arrayBuffer())
        let outcome: Page.Outcome = { complete: false, nextLink: undefined, rows: 0 }
        const items = await Effect.runPromise(
          Stream.runCollect(
            Page.read(url, Stream.succeed(bytes), source, table, (o) => {
              outcome = o
            }).pipe(Stream.orDie),
          ),
        )
        const truncated = items.some((i) => i._tag === "Rejected" && i.rejection.rule === "truncated")
        if (truncated) return { _tag: "Retry", delay: Option.none(), why: "truncated body" }
        return { _tag: "Page", items, outcome }
      },
      catch: (error) => error,
    }).pipe(
      Effect.catch((error) =>
        Effect.succeed<Attempt>({
          _tag: "Retry",
          delay: Option.none(),
          why: Bsn.redact(error instanceof Error ? error.message : "network error"),
        }),
      ),
    )

  const fetchPage = (url: string, page: number): Effect.Effect<Exclude<Attempt, { readonly _tag: "Retry" }>> =>
    Effect.gen(function* () {
      for (let n = 0; ; n++) {
        const result = yield* attempt(url, page)
        if (result._tag !== "Retry") return result
        if (n >= retries)
          return {
            _tag: "Fail",
            item: located(
              url,
              page,
              result.why === "truncated body" ? "truncated" : "unavailable",
              result.why === "truncated body"
                ? `het antwoord kwam ${retries + 1} keer afgebroken aan; de tabel is niet volledig gelezen.`
                : `CBS bleef onbereikbaar (${result.why}) na ${retries + 1} pogingen; de tabel is niet volledig gelezen.`,
              result.why === "truncated body"
                ? `the response arrived cut off ${retries + 1} times; the table was not read completely.`
                : `CBS stayed unavailable (${result.why}) after ${retries + 1} attempts; the table was not read completely.`,
            ),
          } satisfies Attempt
        const delay = Math.min(
          maxDelay,
          Option.getOrElse(result.delay, () => backoff * 2 ** n),
        )
        yield* Effect.sleep(delay)
      }
    })

  type State = { readonly url: string; readonly page: number }
  type Step = readonly [ReadonlyArray<Item.Item>, Option.Option<State>]
  return Stream.paginate<State, Item.Item>({ url: firstPageUrl(table, baseUrl), page: 1 }, (state) =>
    Effect.gen(function* () {
      const result = yield* fetchPage(state.url, state.page)
      if (result._tag === "Fail") return [[result.item], Option.none()] as Step
      const next = result.outcome.nextLink
      if (next === undefined) return [result.items, Option.none()] as Step
      let nextUrl: URL
      try {
        nextUrl = new URL(next, state.url)
      } catch {
        nextUrl = new URL("invalid:")
      }
      if (nextUrl.origin !== origin)
        return [
          [
            ...result.items,
            located(
              state.url,
              state.page,
              "foreign-next-link",
              "de link naar de volgende pagina wijst naar een andere server dan de basis-URL en is niet gevolgd.",
              "the next-page link points to another server than the base URL and was not followed.",
            ),
          ],
          Option.none(),
        ] as Step
      if (state.page >= maxPages)
        return [
          [
            ...result.items,
            located(
              state.url,
              state.page,
              "too-many-pages",
              `na ${maxPages} pagina's is gestopt; verhoog maxPages om verder te lezen.`,
              `stopped after ${maxPages} pages; raise maxPages to read on.`,
            ),
          ],
          Option.none(),
        ] as Step
      return [result.items, Option.some({ url: nextUrl.toString(), page: state.page + 1 })] as Step
    }),
  )
}
