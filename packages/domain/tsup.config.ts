import { bakenTsup } from "@baken/tsup-config"
import { defineConfig } from "tsup"

// Shared chunks in both formats, so `@baken/domain/reference` hands out the same classes as `@baken/domain`.
export default defineConfig(
  bakenTsup({
    entry: { index: "src/index.ts", "reference/index": "src/reference/index.ts", "demo/index": "src/demo/index.ts" },
  }),
)
