/**
 * The CBS StatLine adapter. As a kit adapter it reads saved OData pages (`.json` files, a folder or a zip of them,
 * e.g. pages fetched on another machine): each page is streamed row by row, the table taken from the page's
 * context URL or the file name. `pull` fetches a table live from the API (see `Client`), with the same row mapping.
 */
import { type Adapter, defineAdapter, type Item, Source, Template } from "@baken/adapter-kit"
import { Ids } from "@baken/domain"
import { Stream } from "effect"
import * as Client from "./Client.js"
import * as Page from "./Page.js"
import type * as Table from "./Table.js"

/** The adapter's id, which every observation carries as its `source`. */
export const id = Ids.AdapterId.make("cbs-statline")

/** Reads saved StatLine pages; an entry that is not `.json` is reported. */
export const adapter: Adapter.Adapter = defineAdapter<never>({
  id,
  partnerKinds: ["cbs"],
  formats: [
    {
      id: "cbs-odata-v3-typeddataset",
      extensions: [".json", ".zip"],
      description: "Een opgeslagen pagina van CBS StatLine OData v3 (…/{tabel}/TypedDataSet).",
    },
    {
      id: "cbs-odata-v4-observations",
      extensions: [".json", ".zip"],
      description: "Een opgeslagen pagina van CBS StatLine OData v4 (…/{tabel}/Observations).",
    },
  ],
  read: (source) =>
    Source.entries(source).pipe(
      Stream.map((entry) =>
        entry.name.toLowerCase().endsWith(".json")
          ? Page.read(entry.name, entry.bytes, id, undefined).pipe(
              Stream.catch((error) =>
                Stream.succeed(
                  error instanceof Source.SourceError
                    ? Template.sourceRejection(error)
                    : Page.pageRejection(
                        entry.name,
                        "unreadable",
                        "De pagina kon niet worden gelezen.",
                        "The page could not be read.",
                      ),
                ),
              ),
            )
          : Stream.succeed(
              Page.pageRejection(
                entry.name,
                "unexpected-file",
                "Dit bestand is geen .json-pagina en is niet gelezen.",
                "This file is not a .json page and was not read.",
              ),
            ),
      ),
      Stream.catch((error) => Stream.succeed(Stream.succeed(Template.sourceRejection(error)))),
      Stream.flatten(),
    ),
})

/** Pulls `table` live from StatLine (the `--base-url` setting is `settings.baseUrl`). */
export const pull = (table: Table.Table, settings: Client.Settings = {}): Stream.Stream<Item.Item> =>
  Client.pull(table, id, settings)
