import type { ViteUserConfig } from "vitest/config"

/** Baken's Vitest configuration; pass overrides for a package's own needs. */
export declare const bakenVitest: (test?: ViteUserConfig["test"]) => ViteUserConfig
