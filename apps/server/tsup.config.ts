import { defineConfig } from "tsup"

// The server is an app: ESM only, no declarations, with the CLI as its own entry so `node dist/cli.js` starts it.
export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts"],
  format: ["esm"],
  dts: false,
  clean: true,
  sourcemap: true,
  target: "node22",
})
