import { bakenVitest } from "@baken/vitest-config"
import { defineConfig } from "vitest/config"

// The browser tests share one Chromium and one server per file; run files one after another on this small machine.
export default defineConfig(bakenVitest({ globalSetup: ["test/chromium.setup.ts"], fileParallelism: false }))
