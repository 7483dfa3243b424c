import { fileURLToPath } from "node:url"
import { readmeChecks } from "@baken/adapter-csv/testing"
import { DetentieFormat } from "../src/index.js"

readmeChecks({
  packageDir: fileURLToPath(new URL("..", import.meta.url)),
  packageName: "@baken/adapter-detentie",
  format: DetentieFormat.format,
})
