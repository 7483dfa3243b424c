import { fileURLToPath } from "node:url"
import { readmeChecks } from "@baken/adapter-csv/testing"
import { WoningcorporatieFormat } from "../src/index.js"

readmeChecks({
  packageDir: fileURLToPath(new URL("..", import.meta.url)),
  packageName: "@baken/adapter-woningcorporatie",
  format: WoningcorporatieFormat.format,
})
