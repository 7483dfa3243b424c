import { bakenVitest, chromiumSetup } from "@baken/vitest-config"
import { defineConfig } from "vitest/config"

// The browser test needs Debian's Chromium; the global set-up finds it or says in one line why that test is skipped.
export default defineConfig(bakenVitest({ globalSetup: [chromiumSetup] }))
