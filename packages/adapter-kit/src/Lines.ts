/**
 * Text lines from a byte stream, for line-based formats such as CSV: decodes UTF-8 strictly (a file that is not
 * UTF-8 is an error, not mojibake), splits on LF or CRLF, numbers the lines from 1, and never holds more than one
 * line plus one chunk in memory. A line longer than `maxLength` ends the stream with an error instead of growing.
 */
import { Effect, Schema, Stream } from "effect"
import type { SourceError } from "./Source.js"

/** One line of text and its 1-based number. */
export interface Line {
  readonly number: number
  readonly text: string
}

/** The bytes are not UTF-8, or a line is longer than allowed; `line` is where it happened. */
export class TextError extends Schema.TaggedError<TextError>()("TextError", {
  reason: Schema.Literals(["not-utf8", "line-too-long"]),
  line: Schema.Int,
}) {}

/** Options of `lines`. */
export interface Options {
  /** The longest line accepted, in UTF-16 code units; default 1 MiB. */
  readonly maxLength?: number
}

/** Splits a byte stream into numbered lines; a trailing newline does not make an empty last line. */
export const lines = (
  bytes: Stream.Stream<Uint8Array, SourceError>,
  options: Options = {},
): Stream.Stream<Line, SourceError | TextError> =>
  Stream.suspend(() => {
    const maxLength = options.maxLength ?? 1024 * 1024
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false })
    let pending = ""
    let number = 0
    const split = (text: string, final: boolean): Effect.Effect<ReadonlyArray<Line>, TextError> => {
      const out: Array<Line> = []
      const all = pending + text
      let start = 0
      for (let i = all.indexOf("\n"); i !== -1; i = all.indexOf("\n", start)) {
        const end = i > start && all.charCodeAt(i - 1) === 13 ? i - 1 : i
        number++
        if (end - start > maxLength) return Effect.fail(new TextError({ reason: "line-too-long", line: number }))
        out.push({ number, text: all.slice(start, end) })
        start = i + 1
      }
      pending = all.slice(start)
      if (pending.length > maxLength) return Effect.fail(new TextError({ reason: "line-too-long", line: number + 1 }))
      if (final && pending.length > 0) {
        number++
        out.push({ number, text: pending.endsWith("\r") ? pending.slice(0, -1) : pending })
        pending = ""
      }
      return Effect.succeed(out)
    }
    const decode = (chunk: Uint8Array | undefined): Effect.Effect<string, TextError> =>
      Effect.try({
        try: () => (chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true })),
        catch: () => new TextError({ reason: "not-utf8", line: number + 1 }),
      })
    return bytes.pipe(
      Stream.mapEffect((chunk) => Effect.flatMap(decode(chunk), (text) => split(text, false))),
      Stream.concat(Stream.fromEffect(Effect.flatMap(decode(undefined), (text) => split(text, true)))),
      Stream.flattenIterable,
    )
  })
