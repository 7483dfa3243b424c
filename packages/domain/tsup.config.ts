import { defineConfig } from "tsup"

export default defineConfig({
  entry: { index: "src/index.ts", "reference/index": "src/reference/index.ts", "demo/index": "src/demo/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  // Shared chunks in both formats, so `@baken/domain/reference` hands out the same classes as `@baken/domain`.
  splitting: true,
  target: "node22",
})
