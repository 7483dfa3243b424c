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

describe("Source: zip archives are capped before anything is unpacked", () => {
  /** Reads a source with the given archive limits, counting the bytes any entry handed out. */
  const readCapped = async (source: Source.Source, archive: Partial<Source.ArchiveLimits>) => {
    let unpacked = 0
    const result = await Effect.runPromise(
      Source.entries(source, { archive }).pipe(
        Stream.mapEffect((entry) =>
          Stream.runForEach(entry.bytes, (chunk) => Effect.sync(() => (unpacked += chunk.length))),
        ),
        Stream.runDrain,
        Effect.result,
      ),
    )
    return { result, unpacked }
  }

  it("refuses an archive whose entries inflate more than the ratio allows (a zip bomb), unpacking nothing", async () => {
    // 32 MiB of one repeated letter deflates to about 32 KiB: a ratio near 1000, where real deliveries stay below 100.
    const archive = await zip([
      { name: "small.xml", content: "<a/>" },
      { name: "bomb.xml", content: new Uint8Array(32 * 1024 * 1024).fill(0x61) },
    ])
    expect(archive.length).toBeLessThan(200 * 1024)
    const { result, unpacked } = await readCapped(Source.bytes("levering.zip", archive), {})
    expect(result).toMatchObject({
      failure: { _tag: "SourceError", reason: "archive-ratio", file: "levering.zip!/bomb.xml" },
    })
    expect(unpacked).toBe(0)
  })

  it("refuses an archive with more entries than allowed", async () => {
    const archive = await zip(Array.from({ length: 11 }, (_, i) => ({ name: `m${i}.xml`, content: "<a/>" })))
    const { result, unpacked } = await readCapped(Source.bytes("levering.zip", archive), { entries: 10 })
    expect(result).toMatchObject({ failure: { _tag: "SourceError", reason: "archive-entries", file: "levering.zip" } })
    expect(unpacked).toBe(0)
  })

  it("refuses an archive whose files together unpack to more bytes than allowed", async () => {
    const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919 + 13) % 251)
    const archive = await zip([
      { name: "a.xml", content: random(6000) },
      { name: "b.xml", content: random(6000) },
    ])
    const { result, unpacked } = await readCapped(Source.bytes("levering.zip", archive), { bytes: 10_000 })
    expect(result).toMatchObject({ failure: { _tag: "SourceError", reason: "archive-bytes", file: "levering.zip" } })
    expect(unpacked).toBe(0)
  })

  it("unpacks an archive within every limit as before", async () => {
    const archive = await zip([{ name: "one.xml", content: "x".repeat(1000) }])
    const { result, unpacked } = await readCapped(Source.bytes("levering.zip", archive), { entries: 1, bytes: 1000 })
    expect(result).toMatchObject({ _tag: "Success" })
    expect(unpacked).toBe(1000)
  })
})
