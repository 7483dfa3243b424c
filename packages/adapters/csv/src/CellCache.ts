/**
 * A cache of parsed cells for one column of one file. Codes, municipalities, periods and dates repeat from row to
 * row, so each distinct cell is parsed once instead of once per row. It is direct-mapped: a cell's own hash picks one
 * slot, and a cell that collides with another simply replaces it and is parsed again later. Column parsers are pure
 * functions of the cell, so a replaced entry costs time, never a different answer; the size is fixed, so a column
 * with millions of distinct values cannot grow it. Cheaper than a `Map` because the hash of a fresh string from the
 * parser is computed inline over its few characters.
 */

const slots = 1024

/** A direct-mapped cache of values by cell text. */
export interface CellCache<A> {
  readonly keys: Array<string | undefined>
  readonly values: Array<A | undefined>
}

/** An empty cache. */
export const make = <A>(): CellCache<A> => ({
  keys: new Array<string | undefined>(slots).fill(undefined),
  values: new Array<A | undefined>(slots).fill(undefined),
})

/**
 * The slot of a cell: a small multiplicative hash over its length and its last eight characters, where codes,
 * municipalities, periods and dates differ (a longer cell's other characters only decide equality, not the slot).
 */
export const slot = (cell: string): number => {
  let h = cell.length
  for (let i = cell.length > 8 ? cell.length - 8 : 0; i < cell.length; i++)
    h = (Math.imul(h, 31) + cell.charCodeAt(i)) | 0
  return (h ^ (h >>> 10)) & (slots - 1)
}

/** The cached value for `cell` in `slot`, or undefined. */
export const get = <A>(cache: CellCache<A>, slot: number, cell: string): A | undefined =>
  cache.keys[slot] === cell ? cache.values[slot] : undefined

/** Remembers `value` for `cell` in `slot`, replacing what was there. */
export const set = <A>(cache: CellCache<A>, slot: number, cell: string, value: A): void => {
  cache.keys[slot] = cell
  cache.values[slot] = value
}
