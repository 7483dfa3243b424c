/** A consumer project with the packed tarballs installed. */
export interface PackedProject {
  readonly dir: string
  /** Writes `source` to `file` in the project and runs it with Node; returns its standard output. */
  readonly runScript: (file: string, source: string) => string
  /** Writes TypeScript `source` to `file` and typechecks it as a consumer would (nodenext); returns the errors, or "". */
  readonly typecheck: (file: string, source: string) => string
}

/**
 * A consumer project of the given module kind with `packageDirs` and their workspace dependencies installed from packed
 * tarballs; packed and installed once per test file, the module and CommonJS projects sharing that install.
 */
export declare const installPacked: (options: {
  readonly packageDirs: ReadonlyArray<string>
  readonly kind: "module" | "commonjs"
  /** npm specs installed from the registry in the same install, e.g. `vitest@^5`. */
  readonly alongside?: ReadonlyArray<string>
}) => PackedProject

/** Packs `packageDirs` and their workspace dependencies with pnpm into a fresh folder, once per test file; the tarballs. */
export declare const packTarballs: (packageDirs: ReadonlyArray<string>) => ReadonlyArray<string>
