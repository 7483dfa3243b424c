// The one Vitest preset every Baken package uses, so tests behave the same everywhere.
import { fileURLToPath } from "node:url"

const setupFile = fileURLToPath(new URL("./setup.js", import.meta.url))

/** The global set-up for browser tests: `bakenVitest({ globalSetup: [chromiumSetup] })`; tests `inject("chromium")`. */
export const chromiumSetup = fileURLToPath(new URL("./chromium.js", import.meta.url))

/**
 * Baken's Vitest configuration; pass overrides for a package's own needs.
 * @param {import("vitest/config").ViteUserConfig["test"]} [test]
 * @returns {import("vitest/config").ViteUserConfig}
 */
export const bakenVitest = (test = {}) => ({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // A guard against hangs, not a performance limit: packing and installing tarballs on a loaded 2-core machine is slow.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    ...test,
    setupFiles: [setupFile, ...(test.setupFiles ?? [])],
  },
})
