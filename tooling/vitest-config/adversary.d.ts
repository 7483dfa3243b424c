/** A published cell as the attacker reads it. */
export type PublishedCell =
  | { readonly _tag: "Shown"; readonly value: number }
  | { readonly _tag: "Suppressed"; readonly reason: string }
  | { readonly _tag: string }

/** The interval `[lo, hi]` a published cell puts on its true value under `rules`. */
export declare const knownInterval: (
  cell: PublishedCell,
  rules: { readonly threshold: number; readonly roundTo: number },
) => readonly [number, number]

/** `total` is the sum of `parts`; indices into the variables. */
export interface Link {
  readonly parts: ReadonlyArray<number>
  readonly total: number
}

/** The hidden variables whose true value the published intervals and links pin to one value. */
export declare const pinned: (
  variables: ReadonlyArray<readonly [number, number]>,
  links: ReadonlyArray<Link>,
  hidden: ReadonlyArray<number>,
) => Promise<ReadonlyArray<{ readonly variable: number; readonly value: number }>>
