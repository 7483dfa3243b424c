import { bakenTsup } from "@baken/tsup-config"
import { defineConfig } from "tsup"

export default defineConfig(
  bakenTsup({
    entry: { index: "src/index.ts", "reference/index": "src/reference/index.ts", "demo/index": "src/demo/index.ts" },
  }),
)
