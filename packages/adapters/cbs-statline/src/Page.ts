/**
 * One OData page as a stream of items: decodes UTF-8 strictly, reads rows as they arrive with `JsonPage`, maps each
 * with `Row`, and at the end reports a page that was cut off (a truncated body) or was not an OData page at all, as a
 * located rejection. The table is the one given, or else the one named in the page's `odata.metadata` /
 * `@odata.context` or in the file name.
 */
import { Bsn, Item } from "@baken/adapter-kit"
import type { Ids } from "@baken/domain"
import { Stream } from "effect"
import * as JsonPage from "./JsonPage.js"
import * as Row from "./Row.js"
import * as Table from "./Table.js"

/** How a page ended, for the client: its next link, and whether it was whole. */
export interface Outcome {
  readonly complete: boolean
  readonly nextLink: string | undefined
  readonly rows: number
}

const tableIdPattern = /(?:^|[/\\._-])(\d{5}(?:ned|eng))(?=$|[/\\._-])/i

/** The table a page belongs to, from its context URL or its file name. */
export const tableOf = (fields: Readonly<Record<string, string>>, name: string): Table.Table | undefined => {
  const context = fields["odata.metadata"] ?? fields["@odata.context"] ?? ""
  const fromContext = /\/(\d{5}(?:ned|eng))\/\$metadata/i.exec(context)?.[1]
  const id = fromContext ?? tableIdPattern.exec(name)?.[1]
  return id === undefined ? undefined : Table.byId(id)
}

/** The next-page link of a page, v3 or v4. */
export const nextLinkOf = (fields: Readonly<Record<string, string>>): string | undefined =>
  fields["odata.nextLink"] ?? fields["@odata.nextLink"]

/** Rejections at page level are located by the page (file or URL) and the JSON path `/` (the page as a whole). */
export const pageRejection = (file: string, rule: string, nl: string, en: string): Item.Item =>
  Item.rejected({ location: { file: Bsn.redact(file), path: "/" }, rule, nl, en })

/**
 * Reads one page. `onEnd` receives the outcome (used by the client to follow the next link); the items include a
 * rejection for a truncated or unreadable page.
 */
export const read = (
  file: string,
  chunks: Stream.Stream<Uint8Array, unknown>,
  source: Ids.AdapterId,
  table: Table.Table | undefined,
  onEnd: (outcome: Outcome) => void = () => {},
): Stream.Stream<Item.Item, unknown> =>
  Stream.suspend(() => {
    const name = Bsn.redact(file)
    const decoder = new TextDecoder("utf-8", { fatal: true })
    let out: Array<Item.Item> = []
    let stopped = false
    let known = table
    let emitted = 0
    const page = JsonPage.reader((row, index) => {
      if (stopped) return
      known ??= tableOf(page.end().fields, file)
      if (known === undefined) {
        out.push(
          pageRejection(
            file,
            "unknown-table",
            "Uit de pagina en de bestandsnaam blijkt niet om welke CBS-tabel het gaat; Baken kent 70072ned, 03759ned, 85043NED en 84848NED.",
            "Neither the page nor the file name tells which CBS table this is; Baken knows 70072ned, 03759ned, 85043NED and 84848NED.",
          ),
        )
        stopped = true
        return
      }
      for (const item of Row.items(known, source, row, { file: name, index })) out.push(item)
    })
    const take = () => {
      emitted += out.length
      const items = out
      out = []
      return items
    }
    const notText = () => {
      out.push(pageRejection(file, "not-utf8", "De pagina is geen UTF-8-tekst.", "The page is not UTF-8 text."))
      stopped = true
    }
    const feed = (chunk: Uint8Array) => {
      let text: string
      try {
        text = decoder.decode(chunk, { stream: true })
      } catch {
        notText()
        return take()
      }
      const malformed = page.feed(text)
      if (malformed !== undefined && !stopped) {
        out.push(
          Item.rejected({
            location: { file: name, path: `/value/${malformed.index}` },
            rule: "malformed-row",
            nl: "Deze rij is geen geldige JSON; de rest van de pagina is niet gelezen.",
            en: "This row is not valid JSON; the rest of the page was not read.",
          }),
        )
        stopped = true
      }
      return take()
    }
    const finish = () => {
      if (!stopped) {
        try {
          page.feed(decoder.decode())
        } catch {
          notText()
        }
      }
      const ending = page.end()
      if (!stopped) {
        if (!ending.started)
          out.push(
            pageRejection(
              file,
              "not-an-odata-page",
              "Dit is geen OData-pagina van CBS: er staat geen JSON-object in.",
              "This is not a CBS OData page: it holds no JSON object.",
            ),
          )
        else if (!ending.complete)
          out.push(
            pageRejection(
              file,
              "truncated",
              `De pagina is afgebroken na ${ending.rows} rijen: het antwoord van CBS is niet volledig aangekomen.`,
              `The page was cut off after ${ending.rows} rows: the response did not arrive whole.`,
            ),
          )
        else if (emitted + out.length === 0)
          out.push(
            pageRejection(
              file,
              "no-rows",
              "De pagina bevat geen rijen van de gevraagde tabel en selectie.",
              "The page holds no rows of the requested table and selection.",
            ),
          )
      }
      onEnd({ complete: ending.complete && !stopped, nextLink: nextLinkOf(ending.fields), rows: ending.rows })
      return take()
    }
    return chunks.pipe(
      Stream.takeWhile(() => !stopped),
      Stream.map(feed),
      Stream.concat(Stream.sync(finish)),
      Stream.filter((items): items is [Item.Item, ...Array<Item.Item>] => items.length > 0),
      Stream.flattenArray,
    )
  })
