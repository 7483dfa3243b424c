import type { Options } from "tsup"

/** Emits `.d.ts` files for `src/` into `outDir` with tsc, and a `.d.cts` twin of each. */
export declare const emitDeclarations: (packageDir?: string, outDir?: string) => void

/** The tsup options for a Baken package: ESM + CJS with shared chunks and tsc declarations for both formats. */
export declare const bakenTsup: (options: Options) => Options
