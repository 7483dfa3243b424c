/**
 * The admin's processing-log filter as it travels in a URL (`/beheer/logboek?van=2026-03-01&wie=region&pagina=2`):
 * read from the query into the API's input, each value checked here first so that a wrong one is named in Dutch at
 * its own field (the API checks the same again), and written back into the query of the next page or the CSV.
 */

/** The filter's fields, by the names of their query parameters. */
export const fields = ["van", "tot", "wie", "code", "partner", "onderwerp", "handeling"] as const
export type FieldName = (typeof fields)[number]

/** The filter as typed: each field's text (empty when not given), and the page. */
export type Values = Readonly<Record<FieldName, string>> & { readonly pagina: string }

/** What was done, as the form offers it, and as the API names it. */
export const actions = [
  ["lezen", "read"],
  ["schrijven", "write"],
  ["verwijderen", "delete"],
] as const

/** The API's input for one page of the log. */
export interface Query {
  readonly from?: string
  readonly to?: string
  readonly actor?: string
  readonly token?: string
  readonly partner?: string
  readonly subject?: string
  readonly action?: "read" | "write" | "delete"
  readonly page?: number
}

/** The filter read: the values as typed (to show again), the API's input, and a Dutch reason per refused field. */
export interface Parsed {
  readonly values: Values
  readonly query: Query
  readonly errors: Partial<Record<FieldName | "pagina", string>>
}

/** A value is shown again at most this long: a 10 kB parameter is refused, not echoed. */
const shown = 200

const isDay = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const t = Date.parse(`${value}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value
}

const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/
const actor = /^(public|region|admin|(cli:)?partner:[a-z0-9]+(-[a-z0-9]+)*|municipality:GM\d{4})$/

/** Reads the filter from a URL's query parameters. */
export const parse = (param: (name: string) => string | undefined): Parsed => {
  const raw = (name: string) => (param(name) ?? "").trim()
  const values = {
    ...(Object.fromEntries(fields.map((f) => [f, raw(f).slice(0, shown)])) as Record<FieldName, string>),
    pagina: raw("pagina").slice(0, shown),
  }
  const errors: Partial<Record<FieldName | "pagina", string>> = {}
  const query: { -readonly [K in keyof Query]: Query[K] } = {}

  const van = raw("van")
  if (van !== "") {
    if (isDay(van)) query.from = van
    else errors.van = "Van: vul een bestaande datum in, zoals 2026-03-01."
  }
  const tot = raw("tot")
  if (tot !== "") {
    if (!isDay(tot)) errors.tot = "Tot en met: vul een bestaande datum in, zoals 2026-03-31."
    else if (query.from !== undefined && tot < query.from)
      errors.tot = "Tot en met: deze datum ligt vóór de datum bij Van."
    else query.to = tot
  }
  const wie = raw("wie")
  if (wie !== "") {
    if (wie.length <= 120 && actor.test(wie)) query.actor = wie
    else errors.wie = "Wie: kies iemand uit de lijst."
  }
  const code = raw("code").toLowerCase()
  if (code !== "") {
    if (/^[0-9a-f]{1,16}$/.test(code)) query.token = code
    else errors.code = "Code: vul de code van een toegangscode in, of het begin ervan: 1 tot 16 tekens 0-9 en a-f."
  }
  const partner = raw("partner")
  if (partner !== "") {
    if (partner.length <= 100 && slug.test(partner)) query.partner = partner
    else errors.partner = "Partner: kies een partner uit de lijst."
  }
  const onderwerp = raw("onderwerp")
  if (onderwerp !== "") {
    if (onderwerp.length > 100) errors.onderwerp = "Onderwerp: hoogstens 100 tekens."
    else if (!/^[\p{L}\p{N} .:()-]*$/u.test(onderwerp))
      errors.onderwerp = "Onderwerp: gebruik alleen letters, cijfers, spaties en . : ( ) -"
    else query.subject = onderwerp
  }
  const handeling = raw("handeling")
  if (handeling !== "") {
    const found = actions.find(([nl]) => nl === handeling)
    if (found === undefined) errors.handeling = "Handeling: kies lezen, schrijven of verwijderen."
    else query.action = found[1]
  }
  const pagina = raw("pagina")
  if (pagina !== "") {
    const n = Number(pagina)
    if (/^\d{1,5}$/.test(pagina) && n >= 1 && n <= 10_000) query.page = n
    else errors.pagina = "Pagina: een heel getal van 1 tot en met 10.000."
  }
  return { values, query, errors }
}

/** The query string (with `?`, or empty) of the filter's given values, and of `page` when it is not the first. */
export const search = (values: Values, page?: number): string => {
  const params = new URLSearchParams()
  for (const f of fields) if (values[f] !== "") params.set(f, values[f])
  if (page !== undefined && page > 1) params.set("pagina", String(page))
  const text = params.toString()
  return text === "" ? "" : `?${text}`
}
