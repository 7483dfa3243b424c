import { bakenTsup } from "@baken/tsup-config"
import { defineConfig } from "tsup"

// Every module is an entry (shared chunks keep classes identical), so each is importable as a subpath and
// declarations elsewhere can name its types portably (`@baken/store/Module`).
export default defineConfig(bakenTsup({ entry: ["src/**/*.ts"] }))
