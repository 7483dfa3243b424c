/**
 * Sample deliveries for every adapter of the registry, in each partner's real format: a small valid file the adapter
 * accepts whole, the same file with a few rows broken in different ways (and where the adapter reports them), and a
 * large valid file generated on the fly in constant memory for benchmarks and streaming tests. Only test BSNs
 * (999900006, … — the 9999 range, eleven-test valid), members of Gooi en Vechtstreek and periods inside the plans.
 * `demoDeliveries` lists the files the demo uploads through the real intake, one DEMO partner per kind of system,
 * with the domain's demo figures written as observations CSV files and the DEMO national figures as CBS pages.
 */
import { Table } from "@baken/adapter-cbs-statline"
import { Format, Writer } from "@baken/adapter-csv"
import { DetentieFormat } from "@baken/adapter-detentie"
import { Sample as Iwmo } from "@baken/adapter-iwmo"
import { Template } from "@baken/adapter-kit"
import { ObservationsCsv } from "@baken/adapter-observations-csv"
import { PolitieFormat } from "@baken/adapter-politie"
import { VeiligThuisFormat } from "@baken/adapter-veilig-thuis"
import { VroegsignaleringFormat } from "@baken/adapter-vroegsignalering"
import { WoningcorporatieFormat } from "@baken/adapter-woningcorporatie"
import { Comparison, type Observation, type Partner } from "@baken/domain"
import * as DomainDemo from "@baken/region-gooi-en-vechtstreek/demo"
import * as Histories from "./Histories.js"
import { testBsns } from "./TestBsns.js"
import { zip } from "./Zip.js"

/** The ids of the registry's adapters, each of which has samples. */
export const ids = [
  "iwmo",
  "veilig-thuis",
  "vroegsignalering",
  "detentie",
  "woningcorporatie",
  "politie",
  "cbs-statline",
  "observations-csv",
  "template-csv",
] as const

/** An adapter id that has samples. */
export type Id = (typeof ids)[number]

/** A file as a partner delivers it: its name (the extension the adapter reads) and its bytes. */
export interface File {
  readonly name: string
  readonly bytes: Uint8Array
}

/** Where the adapter reports a broken row: the file (inside an archive: `archive.zip!/inner.xml`), line or path. */
export interface Location {
  readonly file: string
  readonly line?: number
  readonly path?: string
}

/** A valid file with some rows broken. */
export interface Broken extends File {
  /** The 1-based lines of the broken rows (for iWmo: the lines in the broken messages). */
  readonly brokenLines: ReadonlyArray<number>
  /** Where the adapter's rejections are, one per broken row. */
  readonly locations: ReadonlyArray<Location>
  /** How many rows (iWmo: messages; CBS: page rows) are valid and kept. */
  readonly validRows: number
}

/** What `valid` takes. */
export interface ValidOptions {
  /** How many data rows (iWmo: clients in the declaration); a few dozen unless given. */
  readonly rows?: number
  /**
   * Which series of iWmo allocations (0 unless given): the starts and stops of different series share no
   * ToewijzingNummer, so a file of a new series pairs on its own where one of series 0 repeats what the demo delivered.
   * The other formats ignore it.
   */
  readonly series?: number
}

/** How large a generated file is: a number of rows, or about a number of bytes. */
export type Size = { readonly rows: number } | { readonly bytes: number }

/** A large file generated on the fly: iterate it (sync or async) for its chunks, each time anew. */
export interface Large extends Iterable<Uint8Array>, AsyncIterable<Uint8Array> {
  readonly name: string
}

const members = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"] as const
const member = (i: number): string => members[i % members.length] ?? "GM0402"
const two = (n: number) => String(n).padStart(2, "0")
const encoder = new TextEncoder()

export { testBsns } from "./TestBsns.js"

const bsns = testBsns(2000)
const bsn = (i: number): string => bsns[i % bsns.length] ?? "999900006"

/** A CSV format as rows of cells, and how each of its rows can be broken. */
interface CsvSample {
  readonly extension: string
  readonly header: string
  readonly separator: string
  readonly bom: boolean
  readonly cells: (i: number) => Array<string>
  readonly municipalityColumn: number
  readonly periodColumn: number
  readonly badPeriod: string
}

const vtPairs = Object.entries(VeiligThuisFormat.subjects).flatMap(([s, cs]) => cs.map((c) => [s, c] as const))
const vsSteps = [
  (kind: string) => ["vroegsignaal", kind, ""],
  () => ["contactpoging", "", "contact"],
  () => ["hulp-geaccepteerd", "", ""],
  () => ["zaak-afgesloten", "", "betalingsregeling"],
]
const vsKinds = ["huur", "energie", "water", "zorgverzekering"]
/** Indicators of the observations CSV sample: both from iWmo, so one care provider's rights admit the whole file. */
const observationIndicators = ["bw-instroom", "mo-instroom"]
const eventKinds = ["allocation-granted", "support-started", "support-stopped"]
const month = (i: number) => `${2022 + (Math.floor(i / 84) % 4)}-${two((Math.floor(i / 7) % 12) + 1)}`

const csv: Record<Exclude<Id, "iwmo" | "cbs-statline">, CsvSample> = {
  "veilig-thuis": {
    extension: ".csv",
    header: Format.header(VeiligThuisFormat.format),
    separator: ";",
    bom: true,
    // (pair, municipality) repeats only every 105 rows; the half year moves on every 105 rows.
    cells: (i) => {
      const [subject, category] = vtPairs[i % vtPairs.length] ?? ["meldingen", "totaal"]
      const half = Math.floor(i / 105) % 8
      return [member(i), `${2022 + Math.floor(half / 2)}-H${(half % 2) + 1}`, subject, category, String(10 + (i % 290))]
    },
    municipalityColumn: 0,
    periodColumn: 1,
    badPeriod: "2024-H3",
  },
  vroegsignalering: {
    extension: ".csv",
    header: Format.header(VroegsignaleringFormat.format),
    separator: ";",
    bom: true,
    // Four events per resident: a signal, a contact attempt, accepted help and the closed case, a week apart.
    cells: (i) => {
      const person = Math.floor(i / 4)
      const step = i % 4
      const m = person % 12
      const date = `${2022 + (Math.floor(person / 12) % 4)}-${two(m + 1)}-${two(1 + step * 7)}`
      return [bsn(person), member(person), date, ...(vsSteps[step]?.(vsKinds[person % 4] ?? "huur") ?? [])]
    },
    municipalityColumn: 1,
    periodColumn: 2,
    badPeriod: "2024-02-30",
  },
  detentie: {
    extension: ".csv",
    header: Format.header(DetentieFormat.format),
    separator: ";",
    bom: true,
    // Two notices per person: the begin of a detention and its end, a few weeks later in the same year.
    cells: (i) => {
      const person = Math.floor(i / 2)
      const year = 2022 + (Math.floor(person / 12) % 4)
      const month = (person % 11) + 1
      return [
        bsn(person),
        member(person),
        i % 2 === 0 ? "begin" : "einde",
        `${year}-${two(i % 2 === 0 ? month : month + 1)}-${two(1 + (person % 28))}`,
      ]
    },
    municipalityColumn: 1,
    periodColumn: 3,
    badPeriod: "2024-02-30",
  },
  woningcorporatie: {
    extension: ".csv",
    header: Format.header(WoningcorporatieFormat.format),
    separator: ";",
    bom: true,
    cells: (i) => [member(i), month(i), String(5 + (i % 60)), String(i % 9), String(i % 3)],
    municipalityColumn: 0,
    periodColumn: 1,
    badPeriod: "2024-13",
  },
  politie: {
    extension: ".csv",
    header: Format.header(PolitieFormat.format),
    separator: ";",
    bom: true,
    cells: (i) => [member(i), month(i), "E33", String(3 + (i % 70))],
    municipalityColumn: 0,
    periodColumn: 1,
    badPeriod: "2024-13",
  },
  "observations-csv": {
    extension: ".csv",
    // The four columns every file has; the notes column (`toelichting`) may be left out.
    header: ObservationsCsv.header,
    separator: ";",
    bom: true,
    cells: (i) => {
      const n = observationIndicators.length
      const q = Math.floor(i / (n * members.length)) % 16
      return [
        observationIndicators[i % n] ?? "bw-instroom",
        member(Math.floor(i / n)),
        `${2022 + Math.floor(q / 4)}-Q${(q % 4) + 1}`,
        String(i % 50),
      ]
    },
    municipalityColumn: 1,
    periodColumn: 2,
    badPeriod: "2024-Q5",
  },
  "template-csv": {
    extension: ".csv",
    header: Template.header,
    separator: ",",
    bom: false,
    cells: (i) => [
      bsn(i),
      eventKinds[i % 3] ?? "allocation-granted",
      `${2022 + (Math.floor(i / 336) % 4)}-${two((Math.floor(i / 28) % 12) + 1)}-${two((i % 28) + 1)}`,
      member(i),
    ],
    municipalityColumn: 3,
    periodColumn: 2,
    badPeriod: "2024-02-30",
  },
}

const csvText = (s: CsvSample, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  `${s.bom ? Writer.bom : ""}${s.header}\r\n${rows.map((r) => `${r.join(s.separator)}\r\n`).join("")}`

const defaultRows = 36

/** The 0-based data rows that `broken` breaks, and how. */
const breaks = [
  { row: 4, how: "municipality" },
  { row: 11, how: "period" },
  { row: 19, how: "columns" },
] as const

const fileName = (id: Id, kind: "voorbeeld" | "fouten" | "groot") =>
  id === "iwmo" ? `iwmo-${kind}.zip` : id === "cbs-statline" ? `03759ned-${kind}.json` : `${id}-${kind}.csv`

// ---------------------------------------------------------------------------------------------------------- CBS

const cbsMetadata = "https://opendata.cbs.nl/ODataApi/odata/03759ned/$metadata#Cbs.OData.WebAPI.TypedDataSet"
/**
 * A member's population in a year as the domain's demo knows it (the year before when the demo has none yet), so the
 * CBS page agrees with the demo's "inwoners" instead of contradicting it on the dashboard.
 */
const populationOf = DomainDemo.populationOf

/** Rows of a small CBS page: every member in each of the four plan years once (a page has one row per region and year). */
const cbsCells = 7 * 4

const cbsRow = (i: number, over: Partial<Record<string, unknown>> = {}): string =>
  JSON.stringify({
    ID: i,
    Geslacht: "T001038",
    Leeftijd: "10000  ",
    BurgerlijkeStaat: "T001019",
    RegioS: `${member(i)}  `,
    Perioden: `${2022 + (Math.floor(i / 7) % 4)}JJ00`,
    BevolkingOp1Januari_1: populationOf(member(i), 2022 + (Math.floor(i / 7) % 4)),
    GemiddeldeBevolking_2: populationOf(member(i), 2022 + (Math.floor(i / 7) % 4)) + 40,
    ...over,
  })
const cbsHead = `{\n  "odata.metadata": "${cbsMetadata}",\n  "value": [\n`
const cbsTail = "\n  ]\n}\n"
const cbsPage = (rows: ReadonlyArray<string>): string =>
  `${cbsHead}${rows.map((r) => `    ${r}`).join(",\n")}${cbsTail}`

/** The measure key of `table` that the CBS adapter reads as `indicator`. */
const measureOf = (table: Table.Table, indicator: string): string => {
  const found = Object.entries(table.measures).find(([, id]) => id === indicator)?.[0]
  if (found === undefined) throw new Error(`sample: table ${table.id} has no measure for ${indicator}`)
  return found
}

const v4Page = (table: Table.Table, rows: ReadonlyArray<Record<string, unknown>>): string =>
  `{\n  "@odata.context": "https://datasets.cbs.nl/odata/v1/CBS/${table.id}/$metadata#Observations",\n  "value": [\n${rows
    .map((r, i) => `    ${JSON.stringify({ Id: i, ...r })}`)
    .join(",\n")}\n  ]\n}\n`

/**
 * The DEMO national figures (`DomainDemo.nationalObservations`, invented, not CBS's) as CBS OData pages in the shapes
 * of the tables the adapter reads: the population of the Netherlands from 03759ned (v3 TypedDataSet), and the members'
 * and the Netherlands' Wmo clients (85043NED) and Veilig Thuis reports (84848NED) as v4 Observations, one row per
 * measure, area and year.
 */
export const nationalPages = (): ReadonlyArray<File> => {
  const population = DomainDemo.nationalObservations.filter((o) => o.indicator === Comparison.populationIndicator)
  const v3 = cbsPage(
    population.map((o, i) =>
      JSON.stringify({
        ID: i,
        Geslacht: "T001038",
        Leeftijd: "10000  ",
        BurgerlijkeStaat: "T001019",
        RegioS: `${o.area}  `,
        Perioden: `${o.period}JJ00`,
        BevolkingOp1Januari_1: o.value,
        GemiddeldeBevolking_2: o.value === null ? null : o.value + 60_000,
      }),
    ),
  )
  const v4 = (table: Table.Table): File => {
    const ids = new Set<string>(Object.values(table.measures))
    const rows = DomainDemo.nationalObservations
      .filter((o) => ids.has(o.indicator))
      .map((o) => ({
        Measure: measureOf(table, o.indicator),
        ValueAttribute: o.value === null ? "Missing" : "None",
        Value: o.value,
        RegioS: o.area,
        Perioden: `${o.period}JJ00`,
      }))
    return { name: `${table.id}-nederland.json`, bytes: encoder.encode(v4Page(table, rows)) }
  }
  return [
    { name: `${Table.bevolking.id}-nederland.json`, bytes: encoder.encode(v3) },
    v4(Table.wmoClienten),
    v4(Table.veiligThuis),
  ]
}

// --------------------------------------------------------------------------------------------------------- iWmo

export { zip } from "./Zip.js"

const iwmoCategories = ["15", "16", "17", "18", "02"]

/** The messages of the iWmo sample: every kind, from and to several member municipalities. */
const iwmoMessages = (rows: number, series = 0): Array<{ name: string; xml: string }> => {
  const id = (n: number) => ({ identificatie: `DEMO-${n}` })
  const toewijzingNummer = 1001 + series * 100
  return [
    { name: "wmo301-toewijzing.xml", xml: Iwmo.wmo301({ bsn: bsn(0), header: { ...id(1), afzender: "1942" } }) },
    {
      name: "wmo301-twee-producten.xml",
      xml: Iwmo.wmo301({
        bsn: bsn(1),
        products: [
          { nummer: "2001", category: "16", eind: "2024-12-31" },
          { nummer: "2002", category: "02" },
        ],
        header: { ...id(2), afzender: "0406" },
      }),
    },
    { name: "wmo305-start-opvang.xml", xml: Iwmo.wmo305({ bsn: bsn(2), toewijzingNummer, header: id(3) }) },
    {
      name: "wmo305-start-beschermd-wonen.xml",
      xml: Iwmo.wmo305({ bsn: bsn(3), toewijzingNummer, category: "15", header: { ...id(4), ontvanger: "0376" } }),
    },
    // The start of the allocation wmo307-stop.xml stops, before it, so the archive pairs whole.
    {
      name: "wmo305-start-voor-stop.xml",
      xml: Iwmo.startMessage({
        bsn: bsn(4),
        municipality: "0417",
        provider: "12345678",
        toewijzingNummer,
        category: "15",
        toewijzingIngangsdatum: "2024-01-01",
        begin: "2024-01-02",
        header: id(10),
      }),
    },
    {
      name: "wmo307-stop.xml",
      xml: Iwmo.wmo307({ bsn: bsn(4), toewijzingNummer, header: { ...id(5), ontvanger: "0417" } }),
    },
    { name: "wmo315-verzoek.xml", xml: Iwmo.wmo315({ bsn: bsn(5), header: { ...id(6), ontvanger: "1696" } }) },
    { name: "wmo317-wijziging.xml", xml: Iwmo.wmo317({ bsn: bsn(6), header: { ...id(7), ontvanger: "0317" } }) },
    { name: "wmo319-antwoord.xml", xml: Iwmo.wmo319({ header: { ...id(8), afzender: "0402" } }) },
    {
      name: "wmo323-declaratie.xml",
      xml: Iwmo.wmo323(
        Array.from({ length: rows }, (_, i) => ({
          bsn: bsn(10 + i),
          category: iwmoCategories[i % iwmoCategories.length] ?? "15",
          cents: 10_000 + ((i * 3571) % 200_000),
        })),
        { header: id(9) },
      ),
    },
  ]
}

const lineOf = (text: string, needle: string): number => {
  const at = text.indexOf(needle)
  if (at < 0) throw new Error(`sample: ${needle} not found`)
  return text.slice(0, at).split("\n").length
}

// ----------------------------------------------------------------------------------------------------- the API

/** A small valid file of `id`'s format that its adapter accepts whole. */
export const valid = (id: Id, options: ValidOptions = {}): File => {
  const rows = options.rows ?? defaultRows
  const name = fileName(id, "voorbeeld")
  if (id === "iwmo") {
    const files = iwmoMessages(rows, options.series).map((m) => ({ name: m.name, bytes: encoder.encode(m.xml) }))
    return { name, bytes: zip(files) }
  }
  if (id === "cbs-statline") {
    return {
      name,
      bytes: encoder.encode(cbsPage(Array.from({ length: Math.min(rows, cbsCells) }, (_, i) => cbsRow(i)))),
    }
  }
  const s = csv[id]
  return {
    name,
    bytes: encoder.encode(
      csvText(
        s,
        Array.from({ length: rows }, (_, i) => s.cells(i)),
      ),
    ),
  }
}

/**
 * The valid file with three rows broken in different ways — a municipality that is not a member, a period that does
 * not exist, a row without its last column — and where the adapter reports each. For iWmo three messages of the
 * archive are broken (a BSN failing the eleven-test, an unknown municipality, a stop before its start): the adapter
 * refuses a message whole and keeps the others. For CBS three page rows (a region code that is not one, an unknown
 * period code, a count that is not a number), located by their JSON path.
 */
export const broken = (id: Id, options: Pick<ValidOptions, "series"> = {}): Broken => {
  const name = fileName(id, "fouten")
  if (id === "iwmo") {
    const messages = iwmoMessages(defaultRows, options.series)
    const bad = [
      { at: 2, xml: Iwmo.wmo305({ bsn: "999900007", header: { identificatie: "DEMO-3" } }), needle: "<wmo305:Bsn>" },
      {
        at: 3,
        xml: Iwmo.wmo305({ bsn: bsn(3), category: "15", header: { identificatie: "DEMO-4", ontvanger: "0999" } }),
        needle: "<wmo305:Ontvanger>",
      },
      {
        at: 5,
        xml: Iwmo.wmo307({ bsn: bsn(4), begin: "2024-03-01", end: "2024-02-01", header: { identificatie: "DEMO-5" } }),
        needle: "<wmo307:StopProduct>",
      },
    ]
    for (const b of bad) {
      const m = messages[b.at]
      if (m !== undefined) messages[b.at] = { name: m.name, xml: b.xml }
    }
    const lines = bad.map((b) => lineOf(b.xml, b.needle))
    return {
      name,
      bytes: zip(messages.map((m) => ({ name: m.name, bytes: encoder.encode(m.xml) }))),
      brokenLines: lines,
      locations: bad.map((b, k) => ({ file: `${name}!/${messages[b.at]?.name}`, line: lines[k] ?? 0 })),
      validRows: messages.length - bad.length,
    }
  }
  if (id === "cbs-statline") {
    const rows = Array.from({ length: cbsCells }, (_, i) => cbsRow(i))
    const bad: ReadonlyArray<[number, Record<string, unknown>]> = [
      [4, { RegioS: "GM04O2  " }],
      [11, { Perioden: "2024XX00" }],
      [19, { BevolkingOp1Januari_1: "veel" }],
    ]
    for (const [at, over] of bad) rows[at] = cbsRow(at, over)
    return {
      name,
      bytes: encoder.encode(cbsPage(rows)),
      // The page's rows start on line 4, one per line.
      brokenLines: bad.map(([at]) => at + 4),
      locations: bad.map(([at]) => ({ file: name, path: `/value/${at}` })),
      validRows: cbsCells - bad.length,
    }
  }
  const s = csv[id]
  const rows = Array.from({ length: defaultRows }, (_, i) => s.cells(i))
  for (const b of breaks) {
    const row = rows[b.row]
    if (row === undefined) continue
    // The template adapter checks the code's form only; the CSV formats also check membership.
    if (b.how === "municipality") row[s.municipalityColumn] = id === "template-csv" ? "GM04O2" : "GM9999"
    else if (b.how === "period") row[s.periodColumn] = s.badPeriod
    else row.pop()
  }
  const lines = breaks.map((b) => b.row + 2)
  return {
    name,
    bytes: encoder.encode(csvText(s, rows)),
    brokenLines: lines,
    locations: lines.map((line) => ({ file: name, line })),
    validRows: defaultRows - breaks.length,
  }
}

const chunkSize = 64 * 1024

/** Chunks of at most 64 KiB from a lazy sequence of texts, until `limit` rows or about `bytes` bytes were made. */
function* textChunks(head: string, row: (i: number) => string, size: Size, tail = ""): Generator<Uint8Array> {
  let text = head
  let written = 0
  const done = (i: number) => ("rows" in size ? i >= size.rows : written + text.length >= size.bytes && i > 0)
  for (let i = 0; !done(i); i++) {
    text += row(i)
    if (text.length >= chunkSize) {
      const bytes = encoder.encode(text)
      written += bytes.length
      yield bytes
      text = ""
    }
  }
  text += tail
  if (text.length > 0) yield encoder.encode(text)
}

const large = (name: string, make: () => Iterable<Uint8Array>): Large => ({
  name,
  [Symbol.iterator]: () => make()[Symbol.iterator](),
  [Symbol.asyncIterator]: async function* () {
    yield* make()
  },
})

/**
 * A large valid file of `id`'s format, made on the fly in chunks of at most 64 KiB and in constant memory: `rows`
 * data rows (iWmo: about `rows` clients, in blocks of 600; CBS: page rows), or about `bytes` bytes (never less for
 * the CSV formats and CBS; iWmo rounds to whole blocks of 600 clients, about 0.5 MB each).
 */
export const stream = (id: Id, size: Size): Large => {
  const name = fileName(id, "groot")
  if (id === "iwmo") {
    const bytes = "bytes" in size ? size.bytes : Math.max(1, Math.round(size.rows / 600)) * 530_000
    const declaration = Iwmo.largeDeclaration(bytes)
    return large("wmo323-groot.xml", declaration.chunks)
  }
  if (id === "cbs-statline") {
    return large(name, () => textChunks(cbsHead, (i) => `${i === 0 ? "" : ",\n"}    ${cbsRow(i)}`, size, cbsTail))
  }
  const s = csv[id]
  return large(name, () =>
    textChunks(`${s.bom ? Writer.bom : ""}${s.header}\r\n`, (i) => `${s.cells(i).join(s.separator)}\r\n`, size),
  )
}

// ----------------------------------------------------------------------------------------------------- the demo

/** One file the demo uploads: the DEMO partner that delivers it, the adapter it goes through, its name and bytes. */
export interface DemoDelivery extends File {
  readonly partner: Partner.Partner
  readonly adapter: Id
}

const planYears = (period: string) => {
  const year = Number(period.slice(0, 4))
  return (2017 <= year && year <= 2020) || (2022 <= year && year <= 2025)
}

/**
 * The domain's demo figures (`@baken/region-gooi-en-vechtstreek/demo` observations) that cannot travel as a partner's file: those of
 * periods outside both plans (2021, the baseline year between the plans), which the intake refuses.
 */
export const demoNotDelivered: ReadonlyArray<Observation.Observation> = DomainDemo.observations.filter(
  (o) => !planYears(o.period),
)

/** Which DEMO partner delivers the domain's demo figures of an indicator's source adapter, as observations CSV. */
const figureDeliverers: ReadonlyArray<readonly [string, Partner.Partner, string]> = [
  ["iwmo", DomainDemo.demoZorgaanbieder, "DEMO-cijfers-bescherming-en-opvang.csv"],
  ["woningcorporatie", DomainDemo.demoWoningcorporatie, "DEMO-cijfers-huisuitzettingen.csv"],
  ["vroegsignalering", DomainDemo.demoSchuldhulp, "DEMO-cijfers-vroegsignalering.csv"],
  ["cbs-statline", DomainDemo.demoOnderzoek, "DEMO-cijfers-inwoners.csv"],
]

/**
 * The files the demo uploads through the real intake: one sample file per adapter of the registry, each delivered by
 * the DEMO partner of that kind (`DomainDemo.deliveryPartners`), the DEMO national figures as CBS pages
 * (`nationalPages`, delivered by the DEMO research team through the CBS adapter), and the domain's demo figures per indicator,
 * municipality and period as observations CSV files, each delivered by the DEMO partner whose own adapter is the
 * figures' source (so its default rights admit them), and last the demo's person histories in the partners' formats
 * (`Histories.files`). Figures outside the plans' years are in `demoNotDelivered`.
 */
export const demoDeliveries = (): ReadonlyArray<DemoDelivery> => {
  const own: ReadonlyArray<readonly [Id, Partner.Partner]> = [
    ["iwmo", DomainDemo.demoZorgaanbieder],
    ["veilig-thuis", DomainDemo.demoVeiligThuis],
    ["vroegsignalering", DomainDemo.demoSchuldhulp],
    ["detentie", DomainDemo.demoNazorgDetentie],
    ["woningcorporatie", DomainDemo.demoWoningcorporatie],
    ["politie", DomainDemo.demoPolitie],
    ["cbs-statline", DomainDemo.demoOnderzoek],
    ["template-csv", DomainDemo.demoVoorbeeldformaat],
  ]
  const files = own.map(([adapter, partner]): DemoDelivery => {
    const file = valid(adapter)
    return { partner, adapter, name: `DEMO-${file.name}`, bytes: file.bytes }
  })
  // The national figures the demo compares with, as the CBS pages a research team saves from StatLine.
  const national = nationalPages().map(
    (file): DemoDelivery => ({
      partner: DomainDemo.demoOnderzoek,
      adapter: "cbs-statline",
      ...file,
      name: `DEMO-${file.name}`,
    }),
  )
  const figures = figureDeliverers.flatMap(([source, partner, name]): ReadonlyArray<DemoDelivery> => {
    const observations = DomainDemo.observations.filter((o) => o.source === source && planYears(o.period))
    if (observations.length === 0) return []
    return [{ partner, adapter: "observations-csv", name, bytes: encoder.encode(ObservationsCsv.write(observations)) }]
  })
  // The person histories the flow measures are computed from, after the samples, corrections last.
  return [...files, ...national, ...figures, ...Histories.files()]
}
