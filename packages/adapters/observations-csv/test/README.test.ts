import { fileURLToPath } from "node:url"
import { readmeChecks } from "@baken/adapter-csv/testing"
import { ObservationsFormat } from "../src/index.js"

readmeChecks({
  packageDir: fileURLToPath(new URL("..", import.meta.url)),
  packageName: "@baken/adapter-observations-csv",
  format: ObservationsFormat.format,
})
