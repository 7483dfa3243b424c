import { bakenTsup } from "@baken/tsup-config"
import { defineConfig } from "tsup"

// Every module is an entry (shared chunks keep classes identical), so each is importable as a subpath and
// declarations elsewhere can name its types portably (`@baken/adapter-kit/Module`). `shims` gives the CommonJS build
// an `import.meta.url` (Oprf finds its worker module by it).
export default defineConfig(bakenTsup({ entry: ["src/**/*.ts"], external: ["vitest", "fast-check"], shims: true }))
