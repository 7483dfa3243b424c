#!/usr/bin/env node
/**
 * `baken-cbs-statline --table 70072ned [--base-url URL]`: pulls one table from CBS StatLine and writes every item
 * (accepted observation or located rejection) as one JSON line to standard output, then a summary line to standard
 * error. `--base-url` points it at another server (a mirror, or a local one in tests); the default is CBS itself.
 */
import { Effect, Stream } from "effect"
import * as CbsAdapter from "./CbsAdapter.js"
import * as Table from "./Table.js"

const args = process.argv.slice(2)
const option = (name: string): string | undefined => {
  const i = args.indexOf(name)
  if (i !== -1) return args[i + 1]
  const inline = args.find((a) => a.startsWith(`${name}=`))
  return inline?.slice(name.length + 1)
}

const tableId = option("--table")
const table = tableId === undefined ? undefined : Table.byId(tableId)
if (table === undefined) {
  process.stderr.write(`usage: baken-cbs-statline --table <${Table.all.map((t) => t.id).join("|")}> [--base-url URL]\n`)
  process.exit(2)
}
const baseUrl = option("--base-url")

let accepted = 0
let rejected = 0
void Effect.runPromise(
  Stream.runForEach(CbsAdapter.pull(table, baseUrl === undefined ? {} : { baseUrl }), (item) =>
    Effect.sync(() => {
      if (item._tag === "Accepted") accepted++
      else rejected++
      process.stdout.write(`${JSON.stringify(item)}\n`)
    }),
  ),
).then(() => {
  process.stderr.write(`${table.id}: ${accepted} accepted, ${rejected} rejected\n`)
  process.exitCode = rejected > 0 ? 1 : 0
})
