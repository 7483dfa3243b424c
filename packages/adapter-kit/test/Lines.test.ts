import { Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import * as Lines from "../src/Lines.js"

const collect = (chunks: ReadonlyArray<Uint8Array>, options?: Lines.Options) =>
  Effect.runPromise(Stream.runCollect(Lines.lines(Stream.fromArray(chunks), options)).pipe(Effect.result))

const utf8 = (s: string) => new TextEncoder().encode(s)

describe("Lines", () => {
  it("splits on LF and CRLF, numbers from 1, and keeps a last line without newline", async () => {
    const result = await collect([utf8("a,b\r\nc"), utf8("d\n"), utf8("e")])
    expect(result).toMatchObject({
      success: [
        { number: 1, text: "a,b" },
        { number: 2, text: "cd" },
        { number: 3, text: "e" },
      ],
    })
  })

  it("decodes a multi-byte character split across chunks", async () => {
    const bytes = utf8("beëindigd\n")
    const result = await collect([bytes.subarray(0, 4), bytes.subarray(4)])
    expect(result).toMatchObject({ success: [{ number: 1, text: "beëindigd" }] })
  })

  it("fails with not-utf8 and the line number for bytes that are not UTF-8", async () => {
    const result = await collect([utf8("ok\n"), new Uint8Array([0xff, 0xfe, 0x41])])
    expect(result).toMatchObject({ failure: { _tag: "TextError", reason: "not-utf8", line: 2 } })
  })

  it("fails with line-too-long instead of growing without bound", async () => {
    const result = await collect([utf8("x".repeat(100))], { maxLength: 10 })
    expect(result).toMatchObject({ failure: { _tag: "TextError", reason: "line-too-long", line: 1 } })
  })
})
