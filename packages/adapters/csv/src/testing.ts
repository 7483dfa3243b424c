/**
 * The fixture suite every CSV format package runs against its own fixture set, next to the kit's conformance
 * suite: `formatFixtures(adapter, { dir, ... })` registers vitest tests that read the package's `test/fixtures`
 * files and check the bad-input promises of the format family — a valid file is accepted whole, a header in another
 * order gives the same records, and a Windows-1252 file, a row with three extra columns, a period outside the plan,
 * a municipality that was not a member, a BSN column (aggregated formats) and an Excel workbook renamed `.csv` each
 * give a clear, located rejection while every other row is accepted — no row is ever dropped in silence.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { type Adapter, type Item, Pseudonymiser, Source } from "@baken/adapter-kit"
import { adapterConformance, type Canary, type PlantedFixture, testSecret } from "@baken/adapter-kit/testing"
import { Effect, Layer, Stream } from "effect"
import { describe, expect, it, vi } from "vitest"
import * as Format from "./Format.js"

/** What the suite needs to know about a format's fixture set. */
export interface FixtureOptions {
  /** The folder with the fixture files. */
  readonly dir: string
  /** How many records one valid row becomes (3 for woningcorporatie, 1 for the others). */
  readonly recordsPerRow: number
  /** Whether the format is aggregated (then `bsn-column.csv` must be refused). */
  readonly aggregated: boolean
  /**
   * Whether the format ignores columns it does not know (`Format.otherColumns`); then the unknown column of
   * `missing-and-unknown-columns.csv` is read past and only the missing ones refuse the file.
   */
  readonly ignoresOtherColumns?: boolean
}

const layer = Layer.orDie(Pseudonymiser.Pseudonymiser.layer(testSecret))

/** Runs `adapter` over the bytes of a fixture file. */
export const runFile = (adapter: Adapter.Adapter, dir: string, name: string): Promise<ReadonlyArray<Item.Item>> =>
  Effect.runPromise(
    Stream.runCollect(adapter.read(Source.bytes(name, readFileSync(join(dir, name))))).pipe(Effect.provide(layer)),
  )

/** The data rows of a CSV text: non-empty lines after the header (fixtures keep one row per line). */
export const dataRows = (text: string): number =>
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.replaceAll(";", "").trim() !== "").length

const rejections = (items: ReadonlyArray<Item.Item>) =>
  items.flatMap((i) => (i._tag === "Rejected" ? [i.rejection] : []))
const accepted = (items: ReadonlyArray<Item.Item>) => items.filter((i) => i._tag === "Accepted")

/** Items as JSON without the file of each person event's origin, which names the file they were read from. */
const withoutOriginFile = (items: ReadonlyArray<Item.Item>): string =>
  JSON.stringify(items, (key, value: unknown) =>
    key === "origin" && typeof value === "object" && value !== null ? { ...value, file: undefined } : value,
  )

/** What `formatSuite` needs beyond the fixture options: how to generate a large, valid delivery. */
export interface SuiteOptions extends FixtureOptions {
  /** The header line of the format, e.g. `Format.header(MyFormat.format)`. */
  readonly header: string
  /** Data row number `i` of a generated valid delivery, large enough to show the adapter streams. */
  readonly streamingRow: (i: number) => string
  /** How many rows the generated delivery has; 4,000 unless given. */
  readonly streamingRows?: number
}

/**
 * The conformance suite's canary in a delivery of the format, built from the format's header and generated rows:
 * three valid rows (the canary's BSN in the BSN column of a person-level format), and broken rows with the canary's
 * name, street, postcode and place, birth date and BSN (with dots, with spaces) in the municipality column, and, in a
 * person-level format, its BSN with dots and with spaces in the BSN column. A format that reads past other columns
 * gets three more (`naam`, `adres`, `geboortedatum`) holding the canary in every row: read past, never passed on.
 */
export const plantedDelivery =
  (options: SuiteOptions) =>
  (c: Canary): PlantedFixture => {
    const extra = options.ignoresOtherColumns === true
    const header = options.header.split(";")
    const bsnAt = header.indexOf("bsn")
    const example = options.streamingRow(0).split(";")
    const municipalityAt = example.findIndex((cell) => /^GM\d{4}$/.test(cell))
    if (municipalityAt < 0) throw new Error("plantedDelivery: the first generated row has no municipality code")
    const row = (i: number, change: Readonly<Record<number, string>> = {}) => {
      const cells = options.streamingRow(i).split(";")
      if (bsnAt >= 0) cells[bsnAt] = c.bsn
      for (const [at, value] of Object.entries(change)) cells[Number(at)] = value
      if (extra) cells.push(c.fullName, `${c.street} ${c.houseNumber} ${c.postcode} ${c.city}`, c.birthDate)
      return cells.join(";")
    }
    const broken = [
      c.fullName,
      `${c.street} ${c.houseNumber}`,
      `${c.postcode} ${c.city}`,
      c.birthDateDutch,
      c.bsnWithDots,
      c.bsnWithSpaces,
    ].map((value) => row(0, { [municipalityAt]: value }))
    const brokenBsn = bsnAt < 0 ? [] : [c.bsnWithDots, c.bsnWithSpaces].map((value) => row(1, { [bsnAt]: value }))
    const rows = [row(0), row(1), ...broken, ...brokenBsn, row(2)]
    const lines = [[...header, ...(extra ? ["naam", "adres", "geboortedatum"] : [])].join(";"), ...rows]
    return {
      name: `canary-${c.bsn.slice(-3)}.csv`,
      bytes: new TextEncoder().encode(`${lines.join("\r\n")}\r\n`),
      accepted: 3 * options.recordsPerRow,
      // Line 1 is the header, lines 2 and 3 valid rows, then the broken ones; the last row is valid.
      rejected: Array.from({ length: broken.length + brokenBsn.length }, (_, i) => ({ line: i + 4 })),
    }
  }

/** The invalid fixture files every format package keeps; `bsn-column.csv` only where the format is aggregated. */
const invalidFixtureNames = (aggregated: boolean): ReadonlyArray<string> => [
  "windows-1252.csv",
  "extra-columns.csv",
  "period-outside-plan.csv",
  "non-member.csv",
  "excel-renamed.csv",
  ...(aggregated ? ["bsn-column.csv"] : []),
  "missing-and-unknown-columns.csv",
]

/**
 * Registers the kit's conformance suite over the package's standard fixture files plus a generated large delivery,
 * and the format family's fixture tests: what every CSV format package runs first.
 */
export const formatSuite = (adapter: Adapter.Adapter, options: SuiteOptions): void => {
  const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(options.dir, name))) })
  const rows = Array.from({ length: options.streamingRows ?? 4000 }, (_, i) => options.streamingRow(i))
  adapterConformance(adapter, {
    fixtures: {
      valid: [fixture("valid.csv"), fixture("header-order.csv")],
      invalid: invalidFixtureNames(options.aggregated).map(fixture),
      streaming: {
        name: "large.csv",
        bytes: new TextEncoder().encode(`${options.header}\r\n${rows.join("\r\n")}\r\n`),
      },
      withPersonalData: plantedDelivery(options),
    },
  })
  formatFixtures(adapter, options)
}

/** Registers the fixture tests for `adapter` in the current vitest file. */
export const formatFixtures = (adapter: Adapter.Adapter, options: FixtureOptions): void => {
  const { dir, recordsPerRow } = options
  const read = (name: string) => runFile(adapter, dir, name)
  const rowsOf = (name: string) => dataRows(readFileSync(join(dir, name), "latin1"))

  /** Every data row is either accepted (as `recordsPerRow` records) or rejected once, with its line. */
  const expectNoSilentLoss = (name: string, items: ReadonlyArray<Item.Item>) => {
    const rowRejections = rejections(items).filter((r) => r.location.line !== undefined && r.location.line > 1)
    expect(accepted(items).length % recordsPerRow, name).toBe(0)
    expect(accepted(items).length / recordsPerRow + rowRejections.length, name).toBe(rowsOf(name))
  }

  describe(`adapter ${adapter.id}: its fixture set`, () => {
    it("accepts every row of valid.csv", async () => {
      const items = await read("valid.csv")
      expect(rejections(items)).toEqual([])
      expect(accepted(items).length).toBe(rowsOf("valid.csv") * recordsPerRow)
    })

    it("reads a header in a different order into the same records", async () => {
      const valid = await read("valid.csv")
      const shuffled = await read("header-order.csv")
      expect(rejections(shuffled)).toEqual([])
      expect(withoutOriginFile(shuffled)).toBe(withoutOriginFile(valid))
    })

    it("rejects the Windows-1252 rows of windows-1252.csv as not UTF-8, located, and accepts the plain rows", async () => {
      const items = await read("windows-1252.csv")
      const found = rejections(items)
      expect(found.length).toBeGreaterThan(0)
      for (const r of found) {
        expect(r.rule).toBe("not-utf8")
        expect(r.location.line).toBeGreaterThan(1)
        expect(r.location.column).toBeGreaterThan(0)
        expect(r.message.nl).toContain("Windows-1252")
      }
      expect(accepted(items).length).toBeGreaterThan(0)
      expectNoSilentLoss("windows-1252.csv", items)
    })

    it("rejects the row with 3 extra columns in extra-columns.csv at its first extra column", async () => {
      const items = await read("extra-columns.csv")
      const found = rejections(items)
      expect(found.map((r) => r.rule)).toEqual(["too-many-columns"])
      expect(found[0]?.message.nl).toContain("3 kolommen te veel")
      const width = readFileSync(join(dir, "extra-columns.csv"), "utf8").split(/\r?\n/)[0]?.split(";").length ?? 0
      expect(found[0]?.location.column).toBe(width + 1)
      expectNoSilentLoss("extra-columns.csv", items)
    })

    it("rejects the period outside the plan in period-outside-plan.csv, located at the period column", async () => {
      const items = await read("period-outside-plan.csv")
      const found = rejections(items)
      expect(found.map((r) => r.rule)).toEqual(["period-outside-plan"])
      expect(found[0]?.location.line).toBeGreaterThan(1)
      expect(found[0]?.message.nl).toContain("valt buiten het plan")
      expectNoSilentLoss("period-outside-plan.csv", items)
    })

    it("rejects Weesp after it left the region in non-member.csv, located at the municipality column", async () => {
      const items = await read("non-member.csv")
      const found = rejections(items)
      expect(found.map((r) => r.rule)).toEqual(["not-a-member"])
      expect(found[0]?.message.nl).toContain("GM0457")
      expectNoSilentLoss("non-member.csv", items)
    })

    it("refuses an Excel workbook renamed .csv as a whole, accepting nothing", async () => {
      const items = await read("excel-renamed.csv")
      expect(accepted(items)).toEqual([])
      expect(rejections(items).map((r) => [r.rule, r.location.path])).toEqual([["excel-workbook", "/"]])
      expect(rejections(items)[0]?.message.nl).toContain("Excel-werkmap")
    })

    if (options.aggregated)
      it("refuses a file with a BSN column as a whole, accepting nothing and echoing no BSN", async () => {
        const items = await read("bsn-column.csv")
        expect(accepted(items)).toEqual([])
        expect(rejections(items).map((r) => r.rule)).toContain("bsn-column")
        expect(JSON.stringify(items)).not.toMatch(/(?<!\d)\d{9}(?!\d)/)
      })

    it(
      options.ignoresOtherColumns === true
        ? "names every missing column of missing-and-unknown-columns.csv, reads past its unknown one and accepts nothing"
        : "names every missing and unknown column of missing-and-unknown-columns.csv and accepts nothing",
      async () => {
        const items = await read("missing-and-unknown-columns.csv")
        expect(accepted(items)).toEqual([])
        const found = rejections(items)
        expect(found.map((r) => r.rule).sort()).toEqual(
          options.ignoresOtherColumns === true ? ["header-missing"] : ["header-missing", "header-unknown"],
        )
        for (const r of found) expect(r.location.line).toBe(1)
      },
    )
  })
}

/** What the README check needs: the package folder, its npm name and its format. */
export interface ReadmeOptions {
  readonly packageDir: string
  readonly packageName: string
  readonly format: Format.Shape
}

/**
 * Registers the README tests: the README documents the format exactly as it is defined (columns table and code
 * lists generated from the format), its example file is the start of `test/fixtures/valid.csv`, and its example code
 * runs and prints what its comment says.
 */
export const readmeChecks = (options: ReadmeOptions): void => {
  // Tables compared cell by cell: the formatter pads README tables to align their columns.
  const cells = (text: string) =>
    text
      .split("\n")
      .map((line) =>
        line.startsWith("|")
          ? line
              .split("|")
              .map((cell) => cell.trim().replace(/^-+$/, "---"))
              .join("|")
          : line,
      )
      .join("\n")
  const readme = cells(readFileSync(join(options.packageDir, "README.md"), "utf8"))
  describe(`the README of ${options.packageName}`, () => {
    it("documents the columns and code lists exactly as the format defines them", () => {
      expect(readme).toContain(cells(Format.documentColumns(options.format)))
      expect(readme).toContain(cells(Format.documentCodes(options.format)))
      expect(readme).toContain(`\`${options.format.id}\``)
    })

    it("shows an example file that is the start of the valid fixture", () => {
      const example = /```csv\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
      const valid = readFileSync(join(options.packageDir, "test/fixtures/valid.csv"), "utf8")
        .replace(/^\uFEFF/, "")
        .replaceAll("\r\n", "\n")
      expect(example.length).toBeGreaterThan(0)
      expect(valid.startsWith(example)).toBe(true)
    })

    it("has a working example that prints what its comment says", async () => {
      const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
      const expected = /console\.log\([^)]*\) \/\/ (.*)$/m.exec(code)?.[1]
      expect(expected).toBeDefined()
      const file = join(options.packageDir, "test", "readme-example.tmp.ts")
      writeFileSync(file, code.replaceAll(`"${options.packageName}"`, `"../src/index.js"`))
      const printed: Array<unknown> = []
      const spy = vi.spyOn(console, "log").mockImplementation((value: unknown) => {
        printed.push(value)
      })
      try {
        await import(/* @vite-ignore */ file)
      } finally {
        spy.mockRestore()
        rmSync(file, { force: true })
      }
      expect(printed).toEqual([JSON.parse((expected ?? "").replace(/([{,]\s*)([a-z][\w-]*)\s*:/g, '$1"$2":'))])
    })
  })
}
