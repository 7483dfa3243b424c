import { fileURLToPath } from "node:url"
import { readmeChecks } from "@baken/adapter-csv/testing"
import { PolitieFormat } from "../src/index.js"

readmeChecks({
  packageDir: fileURLToPath(new URL("..", import.meta.url)),
  packageName: "@baken/adapter-politie",
  format: PolitieFormat.format,
})
