import { type Item, Pseudonymiser, Source } from "@baken/adapter-kit"
import { testSecret } from "@baken/adapter-kit/testing"
import { Ids, Observation } from "@baken/domain"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import { Effect, Layer, Stream } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Column, CsvAdapter, Format, Scope } from "../src/index.js"

/** The region the tests check rows against: Gooi en Vechtstreek, as a server serving it would. */
const genv = Scope.ofRegion(gooiEnVechtstreek)

/** A small format shaped like the partners' formats: municipality, month, a code and a count. */
const format = Format.define({
  id: "test-csv-1",
  version: 1,
  title: "test",
  level: "aggregated",
  columns: {
    gemeente: Column.municipality({ name: "gemeente", nl: "gemeente", en: "municipality" }),
    maand: Column.period({ name: "maand", nl: "maand", en: "month" }, ["month"]),
    code: Column.code({ name: "code", nl: "code", en: "code" }, [{ code: "E33", nl: "E33", en: "E33" }]),
    aantal: Column.count({ name: "aantal", nl: "aantal", en: "count", optional: true }),
  },
  placeColumns: { municipality: "gemeente", period: "maand" },
  records: (row, context) => [
    new Observation.Observation({
      indicator: Ids.IndicatorId.make("test"),
      area: Column.areaOf(row.gemeente),
      period: row.maand,
      value: row.aantal,
      source: context.source,
    }),
  ],
})

const adapter = CsvAdapter.make(format, {
  id: "test-csv",
  partnerKinds: ["example"],
  description: "test",
  scope: genv,
})
const layer = Layer.orDie(Pseudonymiser.Pseudonymiser.layer(testSecret))

const read = (input: string | Uint8Array | Stream.Stream<Uint8Array>, name = "delivery.csv") =>
  Effect.runPromise(Stream.runCollect(adapter.read(Source.bytes(name, input as string))).pipe(Effect.provide(layer)))

const summary = (items: ReadonlyArray<Item.Item>) =>
  items.map((i) =>
    i._tag === "Accepted"
      ? "value" in i.record
        ? `ok ${i.record.area} ${i.record.period} ${i.record.value}`
        : "ok"
      : `${i.rejection.rule} @${i.rejection.location.line ?? i.rejection.location.path}:${i.rejection.location.column ?? "-"}`,
  )

describe("the CSV intake", () => {
  it("reads a BOM, CRLF line ends, quoted fields and Excel's ; separator", async () => {
    const items = await read(
      '\uFEFFgemeente;maand;code;aantal\r\n"GM0402";2024-01;"E33";"12"\r\nGM1942;2024-02;E33;7\r\n',
    )
    expect(summary(items)).toEqual(["ok GM0402 2024-01 12", "ok GM1942 2024-02 7"])
  })

  it("reads a quoted cell with a ; and a line break as one cell, and locates the next row by its own line", async () => {
    const items = await read('gemeente;maand;code;aantal\n"GM0402";2024-01;"E;\n33";1\nGM0402;2024-01;X;1\n')
    expect(summary(items)).toEqual(["unknown-code @2:3", "unknown-code @4:3"])
  })

  it("names the missing and the unknown columns of a header at once, and reads no row", async () => {
    const items = await read("gemeente;periode;code;aantal;opmerking\nGM0402;2024-01;E33;1;x\n")
    expect(summary(items)).toEqual(["header-missing @1:1", "header-unknown @1:2"])
    const [missing, unknown] = items.flatMap((i) => (i._tag === "Rejected" ? [i.rejection.message.nl] : []))
    expect(missing).toContain("de kolom maand")
    expect(unknown).toContain("periode, opmerking")
  })

  it("refuses a header that repeats a column", async () => {
    const items = await read("gemeente;maand;code;aantal;aantal\nGM0402;2024-01;E33;1;2\n")
    expect(summary(items)).toEqual(["header-duplicate @1:5"])
  })

  it("accepts the header in any order and in any case", async () => {
    const items = await read("AANTAL;Code;maand;Gemeente\n5;E33;2024-01;GM0402\n")
    expect(summary(items)).toEqual(["ok GM0402 2024-01 5"])
  })

  it("rejects a row with 3 extra columns at the first extra column and keeps the rows around it", async () => {
    const items = await read(
      "gemeente;maand;code;aantal\nGM0402;2024-01;E33;1\nGM0402;2024-02;E33;1;a;b;c\nGM0402;2024-03;E33;1\n",
    )
    expect(summary(items)).toEqual(["ok GM0402 2024-01 1", "too-many-columns @3:5", "ok GM0402 2024-03 1"])
  })

  it("rejects a short row, an empty required cell and a nine-digit count, each at its line and column", async () => {
    const items = await read(
      "gemeente;maand;code;aantal\nGM0402;2024-01\n;2024-01;E33;1\nGM0402;2024-01;E33;999900006\n",
    )
    expect(summary(items)).toEqual(["too-few-columns @2:2", "required @3:1", "bsn-shaped-value @4:4"])
    expect(JSON.stringify(items)).not.toContain("999900006")
  })

  it("refuses a BSN written in groups, with underscores or in full-width digits in any cell, and repeats none", async () => {
    const items = await read(
      "gemeente;maand;code;aantal\nGM0402;2024-01;999 900 006;1\nGM0402;2024-01;E33;9999_000_43\n" +
        "GM0402;2024-01;\uff19\uff19\uff19\uff19\uff10\uff10\uff10\uff10\uff16;1\n",
    )
    expect(summary(items)).toEqual(["bsn-shaped-value @2:3", "bsn-shaped-value @3:4", "bsn-shaped-value @4:3"])
    expect(JSON.stringify(items)).not.toMatch(/999|\uff19/)
  })

  it("reads a decimal with nine digits in all (1234567.89, 0,12345678) as the number it is, not as a BSN", async () => {
    const amounts = CsvAdapter.make(
      Format.define({
        ...format,
        id: "test-csv-bedrag-1",
        columns: {
          ...format.columns,
          aantal: Column.decimal({ name: "aantal", nl: "bedrag", en: "amount", optional: true }),
        },
      }),
      { id: "test-csv-bedrag", partnerKinds: ["example"], description: "test", scope: genv },
    )
    const items = await Effect.runPromise(
      Stream.runCollect(
        amounts.read(
          Source.bytes(
            "bedragen.csv",
            "gemeente;maand;code;aantal\nGM0402;2024-01;E33;1234567.89\nGM0402;2024-02;E33;0,12345678\n",
          ),
        ),
      ).pipe(Effect.provide(layer)),
    )
    expect(summary(items)).toEqual(["ok GM0402 2024-01 1234567.89", "ok GM0402 2024-02 0.12345678"])
  })

  it("skips rows whose cells are all empty, as Excel writes them, and reports no others", async () => {
    const items = await read("gemeente;maand;code;aantal\nGM0402;2024-01;E33;1\n;;;\n\n")
    expect(summary(items)).toEqual(["ok GM0402 2024-01 1"])
  })

  it("rejects rows with Windows-1252 bytes as not UTF-8 and accepts the plain rows of the same file", async () => {
    const bytes = Buffer.from(
      "gemeente;maand;code;aantal\nGM0402;2024-01;E33;1\nGM0402;2024-02;Caf\xe9;1\nGM0402;2024-03;E33;\xe9\xe9n\n",
      "latin1",
    )
    const items = await read(new Uint8Array(bytes))
    expect(summary(items)).toEqual(["ok GM0402 2024-01 1", "not-utf8 @3:3", "not-utf8 @4:4"])
  })

  it("refuses an Excel workbook renamed .csv, an old .xls and a UTF-16 file as a whole", async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0])
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])
    const utf16 = new Uint8Array(Buffer.from("\uFEFFgemeente;maand\r\n", "utf16le"))
    expect(summary(await read(zip))).toEqual(["excel-workbook @/:-"])
    expect(summary(await read(xls))).toEqual(["excel-workbook @/:-"])
    expect(summary(await read(utf16))).toEqual(["utf-16 @/:-"])
  })

  it("stops at an unclosed quote with a rejection that says which rows were not read", async () => {
    const items = await read(
      'gemeente;maand;code;aantal\nGM0402;2024-01;E33;1\nGM0402;"2024-02;E33;1\nGM0402;2024-03;E33;1\n',
    )
    expect(summary(items)).toEqual(["ok GM0402 2024-01 1", "quote-not-closed @3:-"])
    expect(items[1]?._tag === "Rejected" && items[1].rejection.message.nl).toContain("regels vanaf 3 zijn niet gelezen")
  })

  it("reports an empty file and a file with only a header", async () => {
    expect(summary(await read(""))).toEqual(["empty-file @/:-"])
    expect(summary(await read("gemeente;maand;code;aantal\r\n"))).toEqual(["no-rows @1:-"])
  })

  it("reports a non-CSV file inside a delivery instead of skipping it", async () => {
    expect(summary(await read("hello", "notes.pdf"))).toEqual(["unexpected-file @/:-"])
  })

  it("gives the same items whatever the chunk boundaries", async () => {
    const text =
      '\uFEFFgemeente;maand;code;aantal\r\nGM0402;2024-01;E33;1\r\nGM0457;2024-01;E33;1\r\nGM0402;2021-01;E33;\r\n"GM0402";2024-05;E33;3\r\n'
    const bytes = new TextEncoder().encode(text)
    const whole = summary(await read(bytes))
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 8 }), async (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bytes.length]
        const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end))
        expect(summary(await read(Stream.fromIterable(chunks)))).toEqual(whole)
      }),
      { numRuns: 100 },
    )
    expect(whole).toEqual([
      "ok GM0402 2024-01 1",
      "not-a-member @3:1",
      "period-outside-plan @4:2",
      "ok GM0402 2024-05 3",
    ])
  })
})

describe("the scope", () => {
  const text = "gemeente;maand;code;aantal\r\nGM0402;2024-01;E33;1\r\nGM0457;2024-01;E33;1\r\nGM0402;2021-01;E33;2\r\n"
  const readWith = (scope: Scope.Scope, known?: (code: Ids.MunicipalityCode) => boolean) => {
    const f = known === undefined ? format : Format.define({ ...format, knownMunicipality: known })
    const a = CsvAdapter.make(f, { id: "test-csv", partnerKinds: ["example"], description: "test", scope })
    return Effect.runPromise(Stream.runCollect(a.read(Source.bytes("delivery.csv", text))).pipe(Effect.provide(layer)))
  }

  it("is open by default: no region, so no membership or plan-year check", async () => {
    expect(summary(await readWith(Scope.open))).toEqual([
      "ok GM0402 2024-01 1",
      "ok GM0457 2024-01 1",
      "ok GM0402 2021-01 2",
    ])
  })

  it("of a region definition refuses a former member after it left and a year outside the plans", async () => {
    expect(summary(await readWith(Scope.ofRegion(gooiEnVechtstreek)))).toEqual([
      "ok GM0402 2024-01 1",
      "not-a-member @3:1",
      "period-outside-plan @4:2",
    ])
  })

  it("knows the region's former members beside the format's own list, and refuses unknown codes even when open", async () => {
    const onlyHilversum = (code: Ids.MunicipalityCode) => code === "GM0402"
    expect(summary(await readWith(Scope.ofRegion(gooiEnVechtstreek), onlyHilversum))[1]).toBe("not-a-member @3:1")
    expect(summary(await readWith(Scope.open, onlyHilversum))[1]).toBe("unknown-municipality @3:1")
  })
})

describe("the intake of an in-memory file", () => {
  it("parses the byte chunks of one pull one at a time, so the first chunk's items are out before the second is read", async () => {
    const first = new TextEncoder().encode(
      "gemeente;maand;code;aantal\r\nGM0402;2024-01;E33;1\r\nGM0402;2024-03;E33;3\r\n",
    )
    const second = new TextEncoder().encode("GM0402;2024-02;E33;2\r\n")
    let secondRead = false
    const buffer = second.buffer
    Object.defineProperty(second, "buffer", {
      get: () => {
        secondRead = true
        return buffer
      },
    })
    const seen: Array<string> = []
    await Effect.runPromise(
      Stream.runForEach(adapter.read(Source.bytes("memory.csv", Stream.fromArray([first, second]))), (item) =>
        Effect.sync(() => {
          seen.push(`${summary([item])[0]} second chunk read: ${secondRead}`)
        }),
      ).pipe(Effect.provide(layer)),
    )
    // csv-parse holds a chunk's last row until it sees what follows its line end; every earlier row is out.
    expect(seen).toEqual([
      "ok GM0402 2024-01 1 second chunk read: false",
      "ok GM0402 2024-03 3 second chunk read: true",
      "ok GM0402 2024-02 2 second chunk read: true",
    ])
  })
})

describe("a person-level file", () => {
  const personFormat = Format.define({
    id: "test-person-csv-1",
    version: 1,
    title: "test",
    level: "person",
    columns: {
      bsn: Column.bsn({ name: "bsn", nl: "bsn", en: "bsn" }),
      gemeente: Column.municipality({ name: "gemeente", nl: "gemeente", en: "municipality" }),
      maand: Column.period({ name: "maand", nl: "maand", en: "month" }, ["month"]),
    },
    placeColumns: { municipality: "gemeente", period: "maand" },
    records: (row, context) => {
      const person = context.pseudonymise(row.bsn)
      if (Column.isProblem(person)) return person
      return [
        new Observation.Observation({
          indicator: Ids.IndicatorId.make(`p-${person.slice(0, 8)}`),
          area: Column.areaOf(row.gemeente),
          period: row.maand,
          value: 1,
          source: context.source,
        }),
      ]
    },
  })
  const personAdapter = CsvAdapter.make(personFormat, {
    id: "test-person-csv",
    partnerKinds: ["example"],
    description: "test",
    scope: genv,
  })

  it("asks the pseudonymiser once per distinct valid BSN of the file, and every invalid BSN is still rejected", async () => {
    const asked: Array<string> = []
    const counting = Layer.effect(
      Pseudonymiser.Pseudonymiser,
      Effect.map(Pseudonymiser.make(testSecret), (real) =>
        Pseudonymiser.Pseudonymiser.of({
          ...real,
          pseudonymiseResult: (bsn) => {
            asked.push(bsn)
            return real.pseudonymiseResult(bsn)
          },
        }),
      ),
    )
    const rows = ["999900006", "999900018", "999900006", "999900007", "999900006", "999900007", "999900018"]
    const csv = `bsn;gemeente;maand\r\n${rows.map((b) => `${b};GM0402;2024-01`).join("\r\n")}\r\n`
    const items = await Effect.runPromise(
      Stream.runCollect(personAdapter.read(Source.bytes("p.csv", csv))).pipe(Effect.provide(Layer.orDie(counting))),
    )
    const out = items.map((i) =>
      i._tag === "Accepted" && "indicator" in i.record
        ? i.record.indicator
        : `${i._tag === "Rejected" ? i.rejection.rule : ""}`,
    )
    expect(out[0]).toBe(out[2])
    expect(out[0]).toBe(out[4])
    expect(out[1]).toBe(out[6])
    expect(out[0]).not.toBe(out[1])
    expect([out[3], out[5]]).toEqual(["bsn-eleven-test", "bsn-eleven-test"])
    expect(asked).toEqual(["999900006", "999900018", "999900007", "999900007"])
    expect(JSON.stringify(items)).not.toMatch(/9999000/)
  })
})

describe("a generated delivery of 10 million rows", () => {
  it("runs through the intake in constant memory: every row accepted, the heap never holding the file", async () => {
    const rows = Number(process.env.BAKEN_CSV_MEMORY_ROWS ?? 10_000_000)
    const perChunk = 2_000
    const encoder = new TextEncoder()
    // Generated lazily, chunk by chunk; the whole file (about 260 MB) never exists anywhere.
    const chunk = (n: number) => {
      let s = n === 0 ? "gemeente;maand;code;aantal\r\n" : ""
      for (let i = n * perChunk; i < Math.min(rows, (n + 1) * perChunk); i++)
        s += `GM0402;202${2 + (i % 4)}-${String((i % 12) + 1).padStart(2, "0")};E33;${i % 1000}\r\n`
      return encoder.encode(s)
    }
    const bytes = Stream.unfold(0, (n) =>
      Effect.succeed(n * perChunk < rows ? ([chunk(n), n + 1] as const) : undefined),
    )
    const start = process.memoryUsage().heapUsed
    let peak = start
    let accepted = 0
    let rejected = 0
    await Effect.runPromise(
      Stream.runForEach(adapter.read(Source.bytes("large.csv", bytes)), (item) =>
        Effect.sync(() => {
          if (item._tag === "Accepted") accepted++
          else rejected++
          if ((accepted & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed)
        }),
      ).pipe(Effect.provide(layer)),
    )
    expect({ accepted, rejected }).toEqual({ accepted: rows, rejected: 0 })
    // The file is about 26 bytes a row; holding it, or its records, would take gigabytes for 10 million rows.
    expect(peak - start).toBeLessThan(200 * 1024 * 1024)
  }, 600_000)
})
