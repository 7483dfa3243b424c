import type { ViteUserConfig } from "vitest/config"

/** Baken's Vitest configuration; pass overrides for a package's own needs. */
export declare const bakenVitest: (test?: ViteUserConfig["test"]) => ViteUserConfig

/** The global set-up for browser tests: finds (or, as root, installs) Debian's Chromium and provides its path. */
export declare const chromiumSetup: string

declare module "vitest" {
  export interface ProvidedContext {
    /** The Chromium executable for browser tests, or null when they must skip. */
    chromium: string | null
    /** Why browser tests skip, in one line; empty when they run. */
    chromiumSkipReason: string
  }
}
