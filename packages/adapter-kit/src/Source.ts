/**
 * Where a delivery's bytes come from: one file, a folder of files, or bytes handed over as a stream (an upload, a
 * feed page). `entries` turns any source into the files an adapter reads, one at a time and each as a stream of
 * chunks, unpacking zip archives on the way with a streaming reader, so that no delivery is ever held in memory as
 * a whole. Before an archive is unpacked its central directory is checked against `ArchiveLimits` (how many files,
 * how many bytes unpacked, how far one file inflates), so a zip bomb is refused before a byte of it is inflated.
 * `hash` computes the SHA-256 of what the partner delivered, also by streaming.
 */
import { createHash } from "node:crypto"
import { createReadStream, createWriteStream } from "node:fs"
import { mkdtemp, readdir, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { basename, join, relative } from "node:path"
import type { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import type { Ids } from "@baken/domain"
import { Effect, Schema, Stream } from "effect"
import * as yauzl from "yauzl"
import * as Bsn from "./Bsn.js"

/**
 * Why bytes could not be read: the file is unreadable, an archive is broken (e.g. truncated), or an archive goes
 * past one of the `ArchiveLimits`: too many files (`archive-entries`), too many bytes unpacked (`archive-bytes`) or a
 * file that inflates too far (`archive-ratio`).
 */
export class SourceError extends Schema.TaggedError<SourceError>()("SourceError", {
  /** The file as named in locations (`delivery.zip!/inner.xml` inside an archive). */
  file: Schema.String,
  reason: Schema.Literals(["unreadable", "broken-archive", "archive-entries", "archive-bytes", "archive-ratio"]),
  /** What the reader said, with BSN-shaped numbers removed. */
  detail: Schema.String,
}) {}

/** How far a zip archive may unpack; checked on its central directory before anything is inflated. */
export interface ArchiveLimits {
  /** The most files (folders included) one archive may hold. */
  readonly entries: number
  /** The most bytes all its files together may unpack to. */
  readonly bytes: number
  /**
   * How many times its compressed size one file may unpack to, for files of more than 1 MiB (a small file may
   * compress very well without harm). Deflate reaches about 1000 on repeated bytes; real XML and CSV stay near 10-20.
   */
  readonly ratio: number
}

/** The limits every archive is read with unless a caller chooses others: 10,000 files, 1 GiB, ratio 100. */
export const defaultArchiveLimits: ArchiveLimits = { entries: 10_000, bytes: 1024 * 1024 * 1024, ratio: 100 }

/** Files smaller than this are not held to the ratio. */
const ratioFloor = 1024 * 1024

/** How `entries` reads a source. */
export interface EntriesOptions {
  /** Limits for zip archives; missing ones are the defaults. */
  readonly archive?: Partial<ArchiveLimits>
}

/** A file on disk; a name ending in `.zip` is read as an archive of files. */
export interface File {
  readonly _tag: "File"
  readonly path: string
  readonly name: string
}

/** A folder on disk: every file in it and its subfolders, in name order. */
export interface Folder {
  readonly _tag: "Folder"
  readonly path: string
  readonly name: string
}

/** Bytes handed over as a stream, with the name the partner gave them; a name ending in `.zip` is an archive. */
export interface Bytes {
  readonly _tag: "Bytes"
  readonly name: string
  readonly bytes: Stream.Stream<Uint8Array, SourceError>
}

/** A delivery's bytes, as an adapter receives them. */
export type Source = File | Folder | Bytes

/** One file within a source, as an adapter reads it: its location name and its bytes. */
export interface Entry {
  /** The name used in locations; BSN-shaped numbers in file names are replaced by asterisks. */
  readonly name: string
  readonly bytes: Stream.Stream<Uint8Array, SourceError>
}

/** A file on disk as a source; `name` defaults to the file's base name. */
export const file = (path: string, name: string = basename(path)): Source => ({ _tag: "File", path, name })

/** A folder on disk as a source; `name` defaults to the folder's base name. */
export const folder = (path: string, name: string = basename(path)): Source => ({ _tag: "Folder", path, name })

/** Bytes as a source: a stream of chunks, one buffer, an iterable of chunks or a string (written as UTF-8). */
export const bytes = (
  name: string,
  input:
    | Stream.Stream<Uint8Array, SourceError>
    | Uint8Array
    | string
    | Iterable<Uint8Array>
    | AsyncIterable<Uint8Array>,
): Source => ({ _tag: "Bytes", name, bytes: toStream(name, input) })

const chunkSize = 64 * 1024

const toStream = (
  name: string,
  input:
    | Stream.Stream<Uint8Array, SourceError>
    | Uint8Array
    | string
    | Iterable<Uint8Array>
    | AsyncIterable<Uint8Array>,
): Stream.Stream<Uint8Array, SourceError> => {
  if (typeof input === "string") return toStream(name, new TextEncoder().encode(input))
  if (input instanceof Uint8Array) {
    const chunks: Array<Uint8Array> = []
    for (let i = 0; i < input.length; i += chunkSize) chunks.push(input.subarray(i, i + chunkSize))
    return Stream.fromArray(chunks)
  }
  if (Stream.isStream(input)) return input as Stream.Stream<Uint8Array, SourceError>
  if (Symbol.asyncIterator in input) return Stream.fromAsyncIterable(input, (e) => unreadable(name, e))
  return Stream.fromIterable(input as Iterable<Uint8Array>)
}

/** Whether a file name is read as a zip archive. */
export const isArchiveName = (name: string): boolean => name.toLowerCase().endsWith(".zip")

const describe = (error: unknown): string => Bsn.redact(error instanceof Error ? error.message : String(error))

const unreadable = (file: string, error: unknown) =>
  new SourceError({ file: Bsn.redact(file), reason: "unreadable", detail: describe(error) })

const brokenArchive = (file: string, error: unknown) =>
  new SourceError({ file: Bsn.redact(file), reason: "broken-archive", detail: describe(error) })

const fromReadable = (file: string, open: () => Readable): Stream.Stream<Uint8Array, SourceError> =>
  Stream.suspend(() => Stream.fromAsyncIterable(open() as AsyncIterable<Uint8Array>, (e) => unreadable(file, e)))

const readFile = (path: string, name: string): Stream.Stream<Uint8Array, SourceError> =>
  fromReadable(name, () => createReadStream(path, { highWaterMark: chunkSize }))

const openArchive = (path: string, name: string) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      // yauzl checks that every entry inflates to exactly the size its directory record declares, so the sizes
      // checked below are the sizes read.
      try: () => yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }),
      catch: (e) => brokenArchive(name, e),
    }),
    (zip) => Effect.sync(() => zip.close()),
  )

const overLimit = (file: string, reason: "archive-entries" | "archive-bytes" | "archive-ratio", detail: string) =>
  new SourceError({ file: Bsn.redact(file), reason, detail })

/** Reads an archive's central directory, without inflating anything, and fails on the first limit it passes. */
const checkArchive = (path: string, name: string, limits: ArchiveLimits) =>
  Effect.scoped(
    Effect.gen(function* () {
      const zip = yield* openArchive(path, name)
      if (zip.entryCount > limits.entries) {
        return yield* overLimit(name, "archive-entries", `more than ${limits.entries} files`)
      }
      const next = nextEntry(zip, name)
      let total = 0
      for (let entry = yield* next; entry !== undefined; entry = yield* next) {
        total += entry.uncompressedSize
        if (total > limits.bytes) {
          return yield* overLimit(name, "archive-bytes", `more than ${limits.bytes} bytes unpacked`)
        }
        if (
          entry.uncompressedSize > ratioFloor &&
          entry.uncompressedSize > limits.ratio * Math.max(1, entry.compressedSize)
        ) {
          return yield* overLimit(
            `${name}!/${entry.fileName}`,
            "archive-ratio",
            `unpacks to more than ${limits.ratio} times its compressed size`,
          )
        }
      }
    }),
  )

/** The archive's next directory record, or `undefined` after the last. */
const nextEntry = (zip: yauzl.ZipFile, name: string) =>
  Effect.callback<yauzl.Entry | undefined, SourceError>((resume) => {
    const onEntry = (entry: yauzl.Entry) => {
      cleanup()
      resume(Effect.succeed(entry))
    }
    const onEnd = () => {
      cleanup()
      resume(Effect.succeed(undefined))
    }
    const onError = (e: unknown) => {
      cleanup()
      resume(Effect.fail(brokenArchive(name, e)))
    }
    const cleanup = () => {
      zip.off("entry", onEntry)
      zip.off("end", onEnd)
      zip.off("error", onError)
    }
    zip.on("entry", onEntry)
    zip.on("end", onEnd)
    zip.on("error", onError)
    zip.readEntry()
  })

/** The files of an archive on disk, read lazily entry by entry once the archive is within `limits`; folders skipped. */
const archiveEntries = (path: string, name: string, limits: ArchiveLimits): Stream.Stream<Entry, SourceError> =>
  Stream.unwrap(
    Effect.gen(function* () {
      yield* checkArchive(path, name, limits)
      const zip = yield* openArchive(path, name)
      const next = nextEntry(zip, name)
      return Stream.unfold(undefined, () =>
        Effect.map(next, (entry) => (entry === undefined ? undefined : ([entry, undefined] as const))),
      ).pipe(
        Stream.filter((entry) => !entry.fileName.endsWith("/")),
        Stream.map((entry): Entry => {
          const entryName = Bsn.redact(`${name}!/${entry.fileName}`)
          return {
            name: entryName,
            bytes: Stream.unwrap(
              Effect.tryPromise({
                try: () => zip.openReadStreamPromise(entry),
                catch: (e) => brokenArchive(entryName, e),
              }).pipe(
                Effect.map((readable) =>
                  Stream.fromAsyncIterable(readable as AsyncIterable<Uint8Array>, (e) => brokenArchive(entryName, e)),
                ),
              ),
            ),
          }
        }),
      )
    }),
  )

/** Writes a byte stream to a temporary file, for archives that arrive as a stream (zip needs random access). */
const spool = (name: string, input: Stream.Stream<Uint8Array, SourceError>) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: () => mkdtemp(join(tmpdir(), "baken-spool-")),
      catch: (e) => unreadable(name, e),
    }),
    (dir) => Effect.promise(() => rm(dir, { recursive: true, force: true })),
  ).pipe(
    Effect.flatMap((dir) => {
      const path = join(dir, "archive.zip")
      return Effect.tryPromise({
        try: (signal) =>
          pipeline(Stream.toAsyncIterable(Stream.orDie(input)), createWriteStream(path), { signal }).then(() => path),
        catch: (e) => unreadable(name, e),
      })
    }),
  )

const fileEntries = (path: string, name: string, limits: ArchiveLimits): Stream.Stream<Entry, SourceError> =>
  isArchiveName(name)
    ? archiveEntries(path, name, limits)
    : Stream.succeed({ name: Bsn.redact(name), bytes: readFile(path, name) })

/** Every file under a folder, as paths relative to it, in code-point order so that runs are deterministic. */
const listFolder = async (root: string): Promise<Array<string>> => {
  const found: Array<string> = []
  const walk = async (dir: string): Promise<void> => {
    const items = await readdir(dir, { withFileTypes: true })
    for (const item of items) {
      const full = join(dir, item.name)
      if (item.isDirectory()) await walk(full)
      else if (item.isFile()) found.push(relative(root, full).split("\\").join("/"))
    }
  }
  await walk(root)
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * The files of a source, one at a time, each as a lazily read stream of chunks; archives are unpacked once they are
 * within `options.archive` (default `defaultArchiveLimits`).
 */
export const entries = (source: Source, options: EntriesOptions = {}): Stream.Stream<Entry, SourceError> => {
  const limits = { ...defaultArchiveLimits, ...options.archive }
  switch (source._tag) {
    case "File":
      return fileEntries(source.path, source.name, limits)
    case "Folder":
      return Stream.unwrap(
        Effect.tryPromise({ try: () => listFolder(source.path), catch: (e) => unreadable(source.name, e) }).pipe(
          Effect.map((files) =>
            Stream.fromIterable(files).pipe(
              Stream.flatMap((rel) => fileEntries(join(source.path, rel), `${source.name}/${rel}`, limits)),
            ),
          ),
        ),
      )
    case "Bytes":
      return isArchiveName(source.name)
        ? Stream.unwrap(
            Effect.map(spool(source.name, source.bytes), (path) => archiveEntries(path, source.name, limits)),
          )
        : Stream.succeed({ name: Bsn.redact(source.name), bytes: source.bytes })
  }
}

/** An incremental SHA-256 over a delivery's bytes. */
export interface Hasher {
  readonly update: (chunk: Uint8Array) => void
  readonly digest: () => Ids.SourceHash
}

/** A fresh incremental SHA-256. */
export const hasher = (): Hasher => {
  const hash = createHash("sha256")
  return {
    update: (chunk) => {
      hash.update(chunk)
    },
    // A SHA-256 hex digest is 64 lower-case hex characters by construction, which is the SourceHash brand.
    digest: () => hash.digest("hex") as Ids.SourceHash,
  }
}

const hashFileInto = (h: Hasher, path: string, name: string) =>
  Stream.runForEach(readFile(path, name), (chunk) => Effect.sync(() => h.update(chunk)))

/**
 * The SHA-256 of a file or folder source, read once more by streaming. A folder's hash covers each file's relative
 * name (followed by a NUL byte) and bytes, in name order. Byte-stream sources can be read only once: `Summary.run`
 * hashes them while the adapter reads them.
 */
export const hash = (source: File | Folder): Effect.Effect<Ids.SourceHash, SourceError> =>
  Effect.gen(function* () {
    const h = hasher()
    if (source._tag === "File") {
      yield* hashFileInto(h, source.path, source.name)
      return h.digest()
    }
    const files = yield* Effect.tryPromise({
      try: () => listFolder(source.path),
      catch: (e) => unreadable(source.name, e),
    })
    for (const rel of files) {
      h.update(new TextEncoder().encode(`${rel}\0`))
      yield* hashFileInto(h, join(source.path, rel), `${source.name}/${rel}`)
    }
    return h.digest()
  })
