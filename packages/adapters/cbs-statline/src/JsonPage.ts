/**
 * An incremental reader of one OData JSON page, `{"odata.metadata": "…", "value": [ {…}, {…} ], "odata.nextLink":
 * "…"}` (v3) or `{"@odata.context": "…", "value": [...], "@odata.nextLink": "…"}` (v4). Text is fed in pieces; every
 * complete row of the `value` array comes out as soon as its closing brace has been read, so a page of any size is
 * read in constant memory, and the top-level string fields (context, next link) are kept. A page that ends before
 * its closing brace is truncated, which `end` reports.
 */

/** What `end` says about the page as a whole. */
export interface Ending {
  /** Whether an outer object was opened at all. */
  readonly started: boolean
  /** Whether the page's outer object was closed. */
  readonly complete: boolean
  /** The top-level string fields, e.g. `odata.metadata`, `@odata.context`, `odata.nextLink`. */
  readonly fields: Readonly<Record<string, string>>
  /** How many rows were read. */
  readonly rows: number
}

/** A row that is not valid JSON; `index` is its 0-based position in `value`. */
export interface Malformed {
  readonly _tag: "Malformed"
  readonly index: number
}

/** A running page reader. */
export interface Reader {
  /** Reads the next piece of text; calls `onRow` with each complete row and its 0-based index. */
  readonly feed: (text: string) => Malformed | undefined
  /** The page's ending, after the last piece. */
  readonly end: () => Ending
}

const QUOTE = 34
const BACKSLASH = 92
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const COLON = 58
const COMMA = 44

/** The longest row or top-level string accepted, in UTF-16 code units. */
export const maxRowLength = 1024 * 1024

/** Starts a reader that hands every row of `value` to `onRow`. */
export const reader = (onRow: (row: unknown, index: number) => void): Reader => {
  let depth = 0
  let inString = false
  let escaped = false
  let started = false
  let complete = false
  let inValue = false
  let key: string | undefined
  let lastString: string | undefined
  let afterColon = false
  let capture: string | undefined
  let captureFrom = -1
  let rows = 0
  const fields: Record<string, string> = {}

  const feed = (text: string): Malformed | undefined => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (inString) {
        if (escaped) escaped = false
        else if (c === BACKSLASH) escaped = true
        else if (c === QUOTE) {
          inString = false
          if (depth === 1 && capture !== undefined) {
            const raw = capture + text.slice(captureFrom, i)
            capture = undefined
            let value: string
            try {
              value = JSON.parse(`"${raw}"`) as string
            } catch {
              value = raw
            }
            if (afterColon && key !== undefined) fields[key] = value
            else lastString = value
          }
        }
        continue
      }
      switch (c) {
        case QUOTE:
          inString = true
          if (depth === 1) {
            capture = ""
            captureFrom = i + 1
          }
          break
        case OPEN_BRACE:
        case OPEN_BRACKET:
          if (complete) break
          depth++
          if (depth === 1) started = true
          if (depth === 2 && c === OPEN_BRACKET && afterColon && key === "value") inValue = true
          if (depth === 3 && inValue && c === OPEN_BRACE) {
            capture = ""
            captureFrom = i
          }
          break
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          if (depth === 3 && inValue && c === CLOSE_BRACE && capture !== undefined) {
            const raw = capture + text.slice(captureFrom, i + 1)
            capture = undefined
            let row: unknown
            try {
              row = JSON.parse(raw)
            } catch {
              return { _tag: "Malformed", index: rows }
            }
            onRow(row, rows)
            rows++
          }
          depth--
          if (depth === 1 && inValue) inValue = false
          if (depth === 0 && started) complete = true
          break
        case COLON:
          if (depth === 1) {
            key = lastString
            afterColon = true
          }
          break
        case COMMA:
          if (depth === 1) {
            afterColon = false
            key = undefined
          }
          break
      }
    }
    if (capture !== undefined) {
      capture += text.slice(captureFrom)
      captureFrom = 0
      // No row or field of a CBS page comes near this; a runaway string must not grow without bound.
      if (capture.length > maxRowLength) return { _tag: "Malformed", index: rows }
    }
    return undefined
  }

  return { feed, end: () => ({ started, complete, fields, rows }) }
}
