import { bakenVitest, chromiumSetup } from "@baken/vitest-config"
import { defineConfig } from "vitest/config"

// The browser tests share one Chromium and one server per file; run files one after another on this small machine.
export default defineConfig(bakenVitest({ globalSetup: [chromiumSetup], fileParallelism: false }))
