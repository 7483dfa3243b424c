#!/usr/bin/env node
// `baken-adapter new <name> [map]`: a new adapter project from the kit's template (see Scaffold in the kit).
import { resolve } from "node:path"
import { create, ScaffoldError } from "../dist/Scaffold.js"

const [command, name, dir] = process.argv.slice(2)
if (command !== "new" || name === undefined) {
  process.stderr.write(
    "gebruik: baken-adapter new <naam> [map]\n  maakt een adapterproject met adapter, conformiteitstest en fixtures\n",
  )
  process.exit(2)
}
const target = dir ?? name
try {
  const written = create({ name, dir: resolve(target) })
  process.stdout.write(
    [
      `Adapter ${name} aangemaakt in ${target}: ${written.join(", ")}`,
      "Verder:",
      `  cd ${target}`,
      "  npm install",
      "  npm test",
      "  npm run build",
      "  npx @baken/server ingest --adapter-module ./dist/adapter.js test/fixtures/events.csv",
      "",
    ].join("\n"),
  )
} catch (error) {
  process.stderr.write(`baken-adapter: ${error instanceof ScaffoldError ? error.message : String(error)}\n`)
  process.exit(1)
}
