import { createHash } from "node:crypto"
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import * as Source from "../src/Source.js"
import { zip } from "./zip.js"

const read = (source: Source.Source) =>
  Effect.runPromise(
    Source.entries(source).pipe(
      Stream.mapEffect((entry) =>
        Stream.runCollect(entry.bytes).pipe(
          Effect.map((chunks) => ({ name: entry.name, text: Buffer.concat(chunks).toString("utf8") })),
        ),
      ),
      Stream.runCollect,
      Effect.result,
    ),
  )

const tempDir = () => mkdtempSync(join(tmpdir(), "baken-kit-test-"))

describe("Source", () => {
  it("reads a single file as one entry named after it", async () => {
    const dir = tempDir()
    writeFileSync(join(dir, "a.csv"), "hello")
    expect(await read(Source.file(join(dir, "a.csv")))).toMatchObject({ success: [{ name: "a.csv", text: "hello" }] })
  })

  it("reads a folder's files and subfolders in name order", async () => {
    const dir = tempDir()
    mkdirSync(join(dir, "sub"))
    writeFileSync(join(dir, "b.txt"), "B")
    writeFileSync(join(dir, "a.txt"), "A")
    writeFileSync(join(dir, "sub", "c.txt"), "C")
    expect(await read(Source.folder(dir, "levering"))).toMatchObject({
      success: [
        { name: "levering/a.txt", text: "A" },
        { name: "levering/b.txt", text: "B" },
        { name: "levering/sub/c.txt", text: "C" },
      ],
    })
  })

  it("unpacks a zip archive given as a file or as bytes, naming entries archive.zip!/inner", async () => {
    const archive = await zip([
      { name: "one.xml", content: "1" },
      { name: "dir/", content: "" },
      { name: "dir/two.xml", content: "2" },
    ])
    const dir = tempDir()
    writeFileSync(join(dir, "delivery.zip"), archive)
    const expected = {
      success: [
        { name: "delivery.zip!/one.xml", text: "1" },
        { name: "delivery.zip!/dir/two.xml", text: "2" },
      ],
    }
    expect(await read(Source.file(join(dir, "delivery.zip")))).toMatchObject(expected)
    expect(
      await read(Source.bytes("delivery.zip", Stream.fromArray([archive.subarray(0, 10), archive.subarray(10)]))),
    ).toMatchObject(expected)
  })

  it("fails with broken-archive for a truncated zip", async () => {
    const archive = await zip([{ name: "one.xml", content: "x".repeat(1000) }])
    const result = await read(Source.bytes("delivery.zip", archive.subarray(0, archive.length - 30)))
    expect(result).toMatchObject({ failure: { _tag: "SourceError", reason: "broken-archive", file: "delivery.zip" } })
  })

  it("replaces a BSN-shaped number in a file name by asterisks", async () => {
    expect(await read(Source.bytes("client-999900006.xml", "x"))).toMatchObject({
      success: [{ name: "client-*********.xml" }],
    })
  })

  it("hashes a file as the SHA-256 of its bytes, and a folder over names and bytes", async () => {
    const dir = tempDir()
    writeFileSync(join(dir, "a.txt"), "A")
    const fileHash = await Effect.runPromise(Source.hash({ _tag: "File", path: join(dir, "a.txt"), name: "a.txt" }))
    expect(fileHash).toBe(createHash("sha256").update("A").digest("hex"))
    const folderHash = await Effect.runPromise(Source.hash({ _tag: "Folder", path: dir, name: "d" }))
    expect(folderHash).toBe(createHash("sha256").update("a.txt\0A").digest("hex"))
  })

  it("fails with unreadable for a file that does not exist", async () => {
    const result = await read(Source.file(join(tempDir(), "missing.csv")))
    expect(result).toMatchObject({ failure: { _tag: "SourceError", reason: "unreadable", file: "missing.csv" } })
  })
})
