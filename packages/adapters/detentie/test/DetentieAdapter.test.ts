import { readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Format, Scope } from "@baken/adapter-csv"
import { formatSuite, runFile } from "@baken/adapter-csv/testing"
import { IwmoAdapter, Sample as IwmoSample } from "@baken/adapter-iwmo"
import { type Adapter, Item, Pseudonymiser, Source } from "@baken/adapter-kit"
import { testSecret } from "@baken/adapter-kit/testing"
import { VroegsignaleringAdapter } from "@baken/adapter-vroegsignalering"
import { PersonEvent } from "@baken/domain"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import * as Reference from "@baken/region-gooi-en-vechtstreek/reference"
import { Effect, Layer, Redacted, Schema, Stream } from "effect"
import { TestClock } from "effect/testing"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { DetentieAdapter, DetentieFormat, writeDetentionCsv } from "../src/index.js"

const dir = fileURLToPath(new URL("./fixtures", import.meta.url))
/** The adapter as a server serving Gooi en Vechtstreek runs it: the standard fixtures are written against that region. */
const adapter = DetentieAdapter.make(Scope.ofRegion(gooiEnVechtstreek))
const header = Format.header(DetentieFormat.format)
const layer = Layer.orDie(Pseudonymiser.Pseudonymiser.layer(testSecret))

const readWith = (a: Adapter.Adapter, name: string, bytes: string | Uint8Array) =>
  Effect.runPromise(Stream.runCollect(a.read(Source.bytes(name, bytes))).pipe(Effect.provide(layer)))
const read = (csv: string, name = "detentie.csv") => readWith(adapter, name, csv)

const events = (items: ReadonlyArray<Item.Item>): ReadonlyArray<PersonEvent.PersonEvent> =>
  items.flatMap((i) => (i._tag === "Accepted" && i.record instanceof PersonEvent.PersonEvent ? [i.record] : []))
const rejections = (items: ReadonlyArray<Item.Item>) => items.filter(Item.isRejected).map((i) => i.rejection)
/** Each rejection as [rule, line, column, field]. */
const located = (items: ReadonlyArray<Item.Item>) =>
  rejections(items).map((r) => [r.rule, r.location.line, r.location.column, r.field])

formatSuite(adapter, {
  dir,
  recordsPerRow: 1,
  aggregated: false,
  ignoresOtherColumns: true,
  header,
  streamingRow: (i) =>
    `${["999900006", "999900018", "999900031"][i % 3]};GM0402;${i % 2 === 0 ? "begin" : "einde"};2024-0${(i % 9) + 1}-1${i % 10}`,
  streamingRows: 4000,
})

describe("the detention format", () => {
  it("turns each row into a detention-started or detention-ended event of the municipality, with where it was read", async () => {
    const items = await runFile(adapter, dir, "valid.csv")
    expect(rejections(items)).toEqual([])
    const found = events(items)
    expect(found.map((e) => [e.kind, e.date, e.municipality, e.source, e.origin?.file, e.origin?.line])).toEqual([
      ["detention-started", "2024-01-08", "GM0402", "detentie", "valid.csv", 2],
      ["detention-ended", "2024-03-15", "GM0402", "detentie", "valid.csv", 3],
      ["detention-started", "2023-11-20", "GM1942", "detentie", "valid.csv", 4],
      ["detention-ended", "2024-02-02", "GM1942", "detentie", "valid.csv", 5],
      ["detention-started", "2025-04-01", "GM0406", "detentie", "valid.csv", 6],
      ["detention-ended", "2025-06-30", "GM0376", "detentie", "valid.csv", 7],
    ])
    expect(found[0]?.person).toMatch(/^[0-9a-f]{64}$/)
    expect(found[1]?.person).toBe(found[0]?.person)
    expect(found[2]?.person).not.toBe(found[0]?.person)
    // What the adapter emits is a person event as the domain decodes it.
    for (const e of found) expect(Schema.is(PersonEvent.PersonEvent)(e)).toBe(true)
  })

  it("reads an aftercare team's export — ',' separated, other columns, Dutch dates, 0402, INSLUITING — as the plain rows", async () => {
    const exported = events(await runFile(adapter, dir, "export-nazorgteam.csv"))
    const plain = events(
      await read(
        `${header}\n999900006;GM0402;begin;2024-01-08\n999900006;GM0402;einde;2024-03-15\n999900018;GM1942;begin;2023-11-20\n`,
      ),
    )
    const strip = (e: PersonEvent.PersonEvent) => [e.person, e.kind, e.date, e.municipality, e.origin?.line]
    expect(exported.map(strip)).toEqual(plain.map(strip))
  })

  it("never reads the other columns: no name, birth date, note or BSN-shaped value of them reaches any output", async () => {
    const items = await runFile(adapter, dir, "export-nazorgteam.csv")
    const output = JSON.stringify(items)
    for (const text of ["Voorbeeld", "1980", "PI Voorbeeld", "999900080", "HYPERLINK", "bellen"])
      expect(output).not.toContain(text)
  })

  it("puts no BSN of any fixture into any output, accepted or rejected", async () => {
    for (const name of readdirSync(dir)) {
      const output = JSON.stringify(await runFile(adapter, dir, name))
      expect(output, name).not.toMatch(/9999000\d\d/)
    }
  })

  it("matches header names whatever their case and surrounding spaces, in any order", async () => {
    const items = await read(" DATUM ;Soort; Gemeente;BSN\n2024-01-08;begin;GM0402;999900006\n")
    expect(rejections(items)).toEqual([])
    expect(events(items).map((e) => e.kind)).toEqual(["detention-started"])
  })

  it("accepts begin and einde under every documented name, whatever their case", async () => {
    const soorten = ["begin", "Begin Detentie", "INSLUITING", "einde", "einde detentie", "Ontslag"]
    const items = await read(`${header}\n${soorten.map((s) => `999900006;GM0402;${s};2024-01-08`).join("\n")}\n`)
    expect(events(items).map((e) => e.kind)).toEqual([
      "detention-started",
      "detention-started",
      "detention-started",
      "detention-ended",
      "detention-ended",
      "detention-ended",
    ])
  })

  it("splits a ';' file at ';' even when an ignored column holds commas", async () => {
    const items = await read("bsn;gemeente;opmerking;soort;datum\n999900006;GM0402;a, b, c, d;begin;2024-01-08\n")
    expect(rejections(items)).toEqual([])
    expect(events(items).length).toBe(1)
  })

  it("picks the separator from the header row even when the file comes one byte at a time", async () => {
    const csv = "naam,bsn,gemeente,soort,datum\nVoorbeeld,999900006,0402,einde,15-03-2024\n"
    const bytes = new TextEncoder().encode(csv)
    const oneByOne = Stream.fromIterable(Array.from(bytes, (b) => new Uint8Array([b])))
    const items = await Effect.runPromise(
      Stream.runCollect(adapter.read(Source.bytes("d.csv", oneByOne))).pipe(Effect.provide(layer)),
    )
    expect(rejections(items)).toEqual([])
    expect(events(items).map((e) => [e.kind, e.municipality, e.date])).toEqual([
      ["detention-ended", "GM0402", "2024-03-15"],
    ])
  })

  it("reads a header-only ',' file as a file without rows", async () => {
    const items = await read("bsn,gemeente,soort,datum")
    expect(located(items)).toEqual([["no-rows", 1, undefined, undefined]])
  })

  it("refuses a header without soort and datum as a whole file, naming both columns in Dutch", async () => {
    const items = await read("bsn;gemeente;naam\n999900006;GM0402;x\n")
    expect(events(items)).toEqual([])
    const found = rejections(items)
    expect(found.map((r) => [r.rule, r.location.line, r.location.path, r.field])).toEqual([
      ["header-missing", 1, Item.wholeFile, "soort;datum"],
    ])
    expect(found[0]?.message.nl).toContain("mist de kolommen soort, datum")
    expect(found[0]?.message.en).toContain("lacks the columns soort, datum")
  })

  it("refuses a header that names a column it reads twice", async () => {
    const items = await read("bsn;gemeente;soort;datum;Datum\n999900006;GM0402;begin;2024-01-08;2024-01-09\n")
    expect(located(items)).toEqual([["header-duplicate", 1, 5, "datum"]])
  })

  it("rejects each bad row at its line, column and field with its rule, and accepts the rows around it", async () => {
    const rows = [
      ["999900006;GM0402;begin;2024-01-08", undefined],
      ["12345678;GM0402;begin;2024-01-08", ["bsn-format", 3, 1, "bsn"]],
      ["123456789;GM0402;begin;2024-01-08", ["bsn-eleven-test", 4, 1, "bsn"]],
      [";GM0402;begin;2024-01-08", ["required", 5, 1, "bsn"]],
      ["999900006;Hilversum;begin;2024-01-08", ["municipality-format", 6, 2, "gemeente"]],
      ["999900006;GM9999;begin;2024-01-08", ["unknown-municipality", 7, 2, "gemeente"]],
      ["999900006;9999;begin;2024-01-08", ["unknown-municipality", 8, 2, "gemeente"]],
      ["999900006;0363;begin;2024-01-08", ["not-a-member", 9, 2, "gemeente"]],
      ["999900006;GM0402;verlof;2024-01-08", ["unknown-code", 10, 3, "soort"]],
      ["999900006;GM0402;begin;31-02-2024", ["date", 11, 4, "datum"]],
      ["999900006;GM0402;begin;2024/01/08", ["date", 12, 4, "datum"]],
      ["999900006;GM0402;begin;2021-06-01", ["period-outside-plan", 13, 4, "datum"]],
      ["999900006;GM0402;begin", ["too-few-columns", 14, 3, undefined]],
      ["999900006;GM0402;begin;2024-01-08;x", ["too-many-columns", 15, 5, undefined]],
      ["999900018;0402;einde;08-03-2024", undefined],
    ] as const
    const items = await read(`${header}\n${rows.map(([r]) => r).join("\n")}\n`)
    expect(located(items)).toEqual(rows.flatMap(([, expected]) => (expected === undefined ? [] : [expected])))
    expect(events(items).map((e) => [e.date, e.municipality, e.origin?.line])).toEqual([
      ["2024-01-08", "GM0402", 2],
      ["2024-03-08", "GM0402", 16],
    ])
    for (const r of rejections(items)) {
      expect(r.location.file).toBe("detentie.csv")
      expect(r.message.nl).toMatch(/^Regel \d+/)
      expect(r.message.en).toMatch(/^Line \d+/)
    }
    const output = JSON.stringify(items)
    expect(output).not.toContain("123456789")
    expect(output).not.toContain("12345678;")
  })

  it("rejects a date after today, told by the effect clock, at the datum column", async () => {
    // A scope whose plan runs to 2030, so that a date after today is not already outside the plan.
    const later = DetentieAdapter.make(Scope.make(Reference.gooiEnVechtstreek, [{ firstYear: 2022, lastYear: 2030 }]))
    const csv = `${header}\n999900006;GM0402;einde;2026-01-15\n999900006;GM0402;einde;2026-01-16\n`
    const items = await Effect.runPromise(
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.UTC(2026, 0, 15, 12))
        return yield* Stream.runCollect(later.read(Source.bytes("d.csv", csv)))
      }).pipe(Effect.provide(Layer.mergeAll(layer, TestClock.layer()))),
    )
    expect(located(items)).toEqual([["date-after-today", 3, 4, "datum"]])
    expect(rejections(items)[0]?.message.nl).toContain("na vandaag")
    expect(events(items).map((e) => e.date)).toEqual(["2026-01-15"])
  })

  it("redacts BSN-shaped digits in the file name of every origin and rejection", async () => {
    const items = await read(
      `${header}\n999900006;GM0402;begin;2024-01-08\n999900006;GM0402;x;2024-01-08\n`,
      "DJI-999900018.csv",
    )
    expect(events(items)[0]?.origin?.file).toBe("DJI-*********.csv")
    expect(rejections(items)[0]?.location.file).toBe("DJI-*********.csv")
    expect(JSON.stringify(items)).not.toContain("999900018")
  })

  it("stops at a line longer than 64 KiB, refusing the rest, and keeps the rows before it", async () => {
    const huge = "x".repeat(70 * 1024)
    const items = await read(
      `bsn;gemeente;soort;datum;opmerking\n999900006;GM0402;begin;2024-01-08;\n999900006;GM0402;einde;2024-02-08;"${huge}\n999900018;GM0402;begin;2024-01-08;\n`,
    )
    expect(events(items).length).toBe(1)
    expect(rejections(items).map((r) => [r.rule, r.location.line, r.location.path])).toEqual([
      ["record-too-large", 3, Item.wholeFile],
    ])
  })

  it("refuses a UTF-16 file as a whole", async () => {
    const text = `${header}\r\n999900006;GM0402;begin;2024-01-08\r\n`
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")])
    const items = await readWith(adapter, "utf16.csv", bytes)
    expect(events(items)).toEqual([])
    expect(rejections(items).map((r) => r.rule)).toEqual(["utf-16"])
  })

  it("writes with writeDetentionCsv a file it reads back whole, row for row", async () => {
    const rows = [
      { bsn: "999900006", gemeente: "GM0402", soort: "begin", datum: "2024-01-08" },
      { bsn: "999900006", gemeente: "0402", soort: "einde", datum: "2024-05-01" },
      { bsn: "999900018", gemeente: "GM1942", soort: "begin", datum: "2025-12-31" },
    ] as const
    const items = await read(writeDetentionCsv(rows))
    expect(rejections(items)).toEqual([])
    expect(events(items).map((e) => [e.kind, e.municipality, e.date, e.origin?.line])).toEqual([
      ["detention-started", "GM0402", "2024-01-08", 2],
      ["detention-ended", "GM0402", "2024-05-01", 3],
      ["detention-started", "GM1942", "2025-12-31", 4],
    ])
  })
})

describe("one pseudonym per person across partners", () => {
  const pseudonymsOf = async (a: Adapter.Adapter, name: string, bytes: string, secret = testSecret) =>
    events(
      await Effect.runPromise(
        Stream.runCollect(a.read(Source.bytes(name, bytes))).pipe(
          Effect.provide(Layer.orDie(Pseudonymiser.Pseudonymiser.layer(secret))),
        ),
      ),
    ).map((e) => e.person)

  it("gives the same BSN the same pseudonym in the detention, vroegsignalering and iWmo adapters under one secret", async () => {
    for (const bsn of ["999900006", "999900018", "999900031"]) {
      const [detention] = await pseudonymsOf(adapter, "d.csv", `${header}\n${bsn};GM0402;einde;2024-01-08\n`)
      const [signal] = await pseudonymsOf(
        VroegsignaleringAdapter.adapter,
        "v.csv",
        `bsn;gemeente;datum;gebeurtenis;soort;resultaat\n${bsn};GM0402;2024-01-20;contactpoging;;contact\n`,
      )
      const [support] = await pseudonymsOf(IwmoAdapter.adapter, "wmo305.xml", IwmoSample.wmo305({ bsn }))
      expect(detention).toMatch(/^[0-9a-f]{64}$/)
      expect(signal).toBe(detention)
      expect(support).toBe(detention)
    }
  })

  it("gives another pseudonym under another secret", async () => {
    const other = Redacted.make("another-secret-of-at-least-32-characters-for-tests")
    const csv = `${header}\n999900006;GM0402;einde;2024-01-08\n`
    const [one] = await pseudonymsOf(adapter, "d.csv", csv)
    const [two] = await pseudonymsOf(adapter, "d.csv", csv, other)
    expect(two).not.toBe(one)
  })
})

describe("hostile detention files", () => {
  const elevenTestBsn = fc
    .integer({ min: 0, max: 99_999 })
    .map((n) => `9999${String(n).padStart(5, "0")}`)
    .filter((s) => [...s].reduce((sum, d, i) => sum + Number(d) * (i === 8 ? -1 : 9 - i), 0) % 11 === 0)
  const nineDigits = fc.integer({ min: 100_000_000, max: 999_999_999 }).map(String)
  const plainCell = fc.string({ maxLength: 30 }).filter((s) => !/[;,"\r\n]/.test(s))

  it("never lets a BSN-shaped value of an ignored column reach the output, wherever the column stands", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(elevenTestBsn, nineDigits, fc.constantFrom("begin", "einde")), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 4 }),
        async (rows, at) => {
          const cols = ["bsn", "gemeente", "soort", "datum"]
          const headerCells = [...cols.slice(0, at), "bsn partner", ...cols.slice(at)]
          const lines = rows.map(([bsn, other, soort]) => {
            const cells = [bsn, "GM0402", soort, "2024-01-08"]
            return [...cells.slice(0, at), other, ...cells.slice(at)].join(";")
          })
          const items = await read(`${headerCells.join(";")}\n${lines.join("\n")}\n`)
          expect(rejections(items)).toEqual([])
          const output = JSON.stringify(items)
          for (const [bsn, other] of rows) {
            expect(output).not.toContain(bsn)
            expect(output).not.toContain(other)
          }
        },
      ),
      { numRuns: 100 },
    )
  })

  it("gives every row of random cells exactly one outcome, accepted or located rejection, and echoes none of its digits", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.oneof(nineDigits, plainCell), plainCell, plainCell, plainCell), {
          minLength: 1,
          maxLength: 10,
        }),
        async (rows) => {
          const filled = rows.filter((r) => r.some((c) => c.trim() !== ""))
          const items = await read(`${header}\n${filled.map((r) => r.join(";")).join("\n")}\n`)
          const perRow = new Map<number, number>()
          for (const e of events(items)) perRow.set(e.origin?.line ?? 0, (perRow.get(e.origin?.line ?? 0) ?? 0) + 1)
          for (const r of rejections(items)) {
            expect(Item.isLocated(r)).toBe(true)
            perRow.set(r.location.line ?? 0, (perRow.get(r.location.line ?? 0) ?? 0) + 1)
          }
          if (filled.length > 0)
            expect([...perRow.entries()].sort((a, b) => a[0] - b[0])).toEqual(filled.map((_, i) => [i + 2, 1]))
          const output = JSON.stringify(items)
          for (const [bsn] of filled) if (/^\d{9}$/.test(bsn)) expect(output).not.toContain(bsn)
        },
      ),
      { numRuns: 200 },
    )
  })

  it("rejects formula cells (CSV injection) in the columns it reads without echoing them, and ignores them elsewhere", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("=", "+", "-", "@"),
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[;,"\r\n]/.test(s)),
        fc.integer({ min: 0, max: 3 }),
        async (lead, rest, column) => {
          const formula = `${lead}CMD|${rest}`
          const cells = ["999900006", "GM0402", "begin", "2024-01-08"]
          cells[column] = formula
          const items = await read(`${header};opmerking\n${cells.join(";")};${formula}\n`)
          expect(events(items)).toEqual([])
          expect(located(items).map(([, line, col]) => [line, col])).toEqual([[2, column + 1]])
          expect(JSON.stringify(items)).not.toContain(`CMD|${rest}`)
          const ignored = await read(`${header};opmerking\n999900006;GM0402;begin;2024-01-08;${formula}\n`)
          expect(rejections(ignored)).toEqual([])
        },
      ),
      { numRuns: 100 },
    )
  })
})
