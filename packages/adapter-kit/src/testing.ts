/**
 * The conformance suite every adapter runs against itself: `adapterConformance(adapter, { fixtures })` registers
 * vitest tests that check the promises the kit makes on every adapter's behalf. Nothing personal leaves it (no BSN,
 * name, address or birth date planted in its input appears in any output, rejections and their messages included),
 * every row is accounted for (accepted or rejected where it is, none lost in silence), every rejection is located,
 * it never fails with a defect, it streams, the same input gives the same output, valid fixtures are accepted and
 * invalid ones rejected, and garbage (at least 1,000 generated inputs) is rejected without a crash, a loss or a leak.
 * The "no BSN" promise is checked on the push route too (placeholders, blinded OPRF requests, pushed records).
 *
 * The suite cannot know every format, so the adapter's test gives `fixtures.withPersonalData(canary)`: a builder
 * that plants the suite's generated persons (the canaries) in valid and in broken rows and says which rows must be
 * accepted and which rejected. Everything is drawn from one seed (fixed by default, `seed` or the environment
 * variable `BAKEN_CONFORMANCE_SEED` to change it), so a run is repeatable and a failure names the seed that replays
 * it. The checks that matter run on the planted fixtures on every run; generated garbage comes on top. A failure
 * names the promise that broke and the item that broke it, and masks the personal data it found.
 */
import { BsnShape } from "@baken/domain"
import { Effect, Exit, Layer, Redacted, Stream } from "effect"
import * as fc from "fast-check"
import { describe, it } from "vitest"
import type { Adapter } from "./Adapter.js"
import * as Bsn from "./Bsn.js"
import * as Item from "./Item.js"
import * as Oprf from "./Oprf.js"
import * as Placeholder from "./Placeholder.js"
import { Pseudonymiser } from "./Pseudonymiser.js"
import * as Source from "./Source.js"

/** A named input: the file name carries the extension the adapter dispatches on. */
export interface Fixture {
  readonly name: string
  readonly bytes: Uint8Array
}

/**
 * A generated person the suite plants in an input and then looks for in the output. Every value is made up: the BSN
 * is a test BSN (9999…, passing the eleven-test), the names and places are built from syllables no Dutch name has.
 */
export interface Canary {
  /** Nine digits, a test BSN: `999912345`. */
  readonly bsn: string
  /** The same BSN as people write it with dots: `9999.12.345`. */
  readonly bsnWithDots: string
  /** The same BSN with spaces: `9999 12 345`. */
  readonly bsnWithSpaces: string
  /**
   * The same BSN as it is also written, each still BSN-shaped (`Bsn.shaped`): grouped 4-3-2 (`9999 123 45`), with
   * underscores (`999_912_345`), in full-width digits (`９９９９１２３４５`), with zero-width spaces inside
   * (`9999\u200b12\u200b345`), and with a no-break space and a narrow no-break space (`999\u00a0912\u202f345`). The
   * suite plants them itself: every planted fixture that holds the BSN with dots or spaces is read again with those
   * replaced by each of these, and nothing of it may come out.
   */
  readonly bsnSpellings: ReadonlyArray<string>
  readonly givenName: string
  readonly familyName: string
  /** `givenName familyName`. */
  readonly fullName: string
  readonly street: string
  readonly houseNumber: number
  /** A postcode with a space: `1234 QX`. */
  readonly postcode: string
  readonly city: string
  /** `street houseNumber, postcode city`. */
  readonly address: string
  /** ISO: `1961-07-23` (always before 1990, so it is never a plausible event date of the plan). */
  readonly birthDate: string
  /** As Dutch forms write it: `23-07-1961`. */
  readonly birthDateDutch: string
}

/** Where in a fixture a row or element is that the adapter must reject: what its rejection's location says. */
export interface Place {
  /** The file of the rejection; the fixture's name unless given (a file inside an archive is `a.zip!/b.csv`). */
  readonly file?: string
  readonly line?: number
  readonly path?: string
  readonly message?: string
}

/** A fixture with canaries in it, and the account of its rows the adapter's output must match. */
export interface PlantedFixture extends Fixture {
  /** How many records the adapter must accept from it: the records of every valid row. */
  readonly accepted: number
  /**
   * Every row or element the adapter must reject, one place each. Each must get a rejection located there, and
   * every rejection must be at one of them: a broken row is never lost, a valid row never refused.
   */
  readonly rejected: ReadonlyArray<Place>
}

/** What the suite needs from an adapter's test file. */
export interface ConformanceOptions<R> {
  readonly fixtures: {
    /** Inputs that must be accepted whole: at least one record, no rejection. */
    readonly valid: ReadonlyArray<Fixture>
    /** Inputs that must give at least one rejection. */
    readonly invalid: ReadonlyArray<Fixture>
    /** An input large enough (say 100 KiB or more) that an item must come out before all of it was read. */
    readonly streaming: Fixture
    /**
     * Builds an input in the adapter's format with the canary's personal data planted in it: the BSN in valid rows
     * (in every spelling the format may meet), and the BSN, the name, the address and the birth date in broken rows
     * (or in valid rows, where the format has a place for them that the adapter must not pass on). It says how many
     * records must be accepted and where each broken row is. For a format that takes a file as a whole (one message
     * per file), it may give several fixtures: together they need a valid row and a broken one.
     */
    readonly withPersonalData: (canary: Canary) => PlantedFixture | ReadonlyArray<PlantedFixture>
  }
  /** Provides the pseudonymiser and whatever else the adapter needs; defaults to a pseudonymiser with a test secret. */
  readonly layer?: Layer.Layer<Pseudonymiser | R>
  /** How many garbage inputs to generate; at least 1,000 (the default). */
  readonly garbageRuns?: number
  /** The chunk size the suite feeds bytes in; default 512. */
  readonly chunkSize?: number
  /**
   * The seed of everything generated: canaries and garbage. `BAKEN_CONFORMANCE_SEED` (a number, or `random`)
   * overrides it; without either, `defaultSeed`.
   */
  readonly seed?: number
  /** How many canaries, each in its own planted fixture; default 3. */
  readonly canaries?: number
}

/** The secret of the default test layer; it is only ever used on test data. */
export const testSecret = Redacted.make("baken-conformance-suite-test-secret-0123456789")

/** The seed the suite uses when neither the options nor the environment give one. */
export const defaultSeed = 20_170_316

/** The promises the suite checks, each with the slug its failures carry. */
export const promises = {
  declares: "it declares what it is",
  "accepts-valid": "it accepts every valid fixture whole",
  "rejects-invalid": "it rejects every invalid fixture",
  "never-fails": "it never fails with a defect",
  "no-personal-data": "nothing personal leaves it",
  "push-no-bsn": "no BSN leaves it on the push route",
  accounted: "every row is accounted for",
  located: "every rejection is located",
  streams: "it streams",
  deterministic: "the same input gives the same output",
  garbage: "garbage is rejected without a crash, a loss or a leak",
} as const

/** The slug of a promise. */
export type PromiseId = keyof typeof promises

/** A broken promise: the message names the promise, the input and item that broke it, and the seed. */
export class ConformanceFailure extends Error {
  override readonly name = "ConformanceFailure"
  constructor(
    readonly promise: PromiseId,
    readonly detail: string,
    readonly seed: number,
  ) {
    super(
      `Promise broken: ${promises[promise]} [${promise}]\n${detail}\nseed ${seed}; replay with BAKEN_CONFORMANCE_SEED=${seed}`,
    )
  }
}

/** One check of the suite: what `adapterConformance` registers as a vitest test. */
export interface Check {
  readonly promise: PromiseId
  /** The test name, a sentence about the adapter's behaviour. */
  readonly title: string
  readonly run: () => Promise<void>
}

/** The seed a run uses: `BAKEN_CONFORMANCE_SEED` (a number, or `random` for a fresh one), the option, or the default. */
export const resolveSeed = (option?: number, env: string | undefined = process.env.BAKEN_CONFORMANCE_SEED): number => {
  const fromEnv = env?.trim()
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv === "random") return Math.floor(Math.random() * 0x7fffffff)
    const n = Number(fromEnv)
    if (!Number.isSafeInteger(n)) throw new TypeError(`BAKEN_CONFORMANCE_SEED must be an integer or "random"`)
    return n
  }
  return option ?? defaultSeed
}

// ---------------------------------------------------------------------------------------------------------------
// Canaries

const pick = <A>(values: ReadonlyArray<A>) => fc.constantFrom(...values)
const givenStart = ["Qu", "Zy", "Xa", "Vo", "Kw", "Jo", "Ux"]
const givenMiddle = ["irn", "ulf", "ozz", "exw", "ynt", "aqu"]
const givenEnd = ["elina", "andro", "ijntje", "ette", "obald", "ixa"]
const familyStart = ["Vr", "Bl", "Kn", "Sn", "Zw", "Gr", "Pl"]
const familyMiddle = ["axk", "uqu", "ixt", "ozw", "yrr", "exq"]
const familyEnd = ["emolt", "erdonk", "ingrap", "haverq", "ovink", "uzzel"]
const streetEnd = ["straat", "laan", "gracht", "dreef", "kade", "singel"]
const cityEnd = ["dam", "veen", "wold", "zijl", "horst", "broek"]
const postcodeLetters = ["QX", "XQ", "ZQ", "QZ", "XZ", "ZX"]

const word = (a: ReadonlyArray<string>, b: ReadonlyArray<string>, c: ReadonlyArray<string>) =>
  fc.tuple(pick(a), pick(b), pick(c)).map(([x, y, z]) => x + y + z)

/** A test BSN: 9999 and four digits, then the check digit that makes the eleven-test pass. */
const testBsn: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 9999 })
  .map((n) => {
    const head = `9999${String(n).padStart(4, "0")}`
    let sum = 0
    for (let i = 0; i < 8; i++) sum += (9 - i) * (head.charCodeAt(i) - 48)
    return { head, check: sum % 11 }
  })
  .filter(({ check }) => check < 10)
  .map(({ head, check }) => `${head}${check}`)

/** A BSN in the other spellings of `Canary.bsnSpellings`. */
const spellings = (bsn: string): ReadonlyArray<string> => [
  `${bsn.slice(0, 4)} ${bsn.slice(4, 7)} ${bsn.slice(7)}`,
  `${bsn.slice(0, 3)}_${bsn.slice(3, 6)}_${bsn.slice(6)}`,
  String.fromCharCode(...[...bsn].map((d) => 0xff10 + d.charCodeAt(0) - 48)),
  `${bsn.slice(0, 4)}\u200b${bsn.slice(4, 6)}\u200b${bsn.slice(6)}`,
  `${bsn.slice(0, 3)}\u00a0${bsn.slice(3, 6)}\u202f${bsn.slice(6)}`,
]

/** Generated persons: test BSNs and made-up names, streets, places and birth dates. */
export const canary: fc.Arbitrary<Canary> = fc
  .record({
    bsn: testBsn,
    givenName: word(givenStart, givenMiddle, givenEnd),
    familyName: word(familyStart, familyMiddle, familyEnd),
    streetName: word(familyStart, givenMiddle, streetEnd),
    houseNumber: fc.integer({ min: 1, max: 399 }),
    postcodeDigits: fc.integer({ min: 1000, max: 9999 }),
    postcodeLetters: pick(postcodeLetters),
    city: word(givenStart, familyMiddle, cityEnd),
    birth: fc.date({
      min: new Date("1935-01-01T00:00:00Z"),
      max: new Date("1989-12-31T00:00:00Z"),
      noInvalidDate: true,
    }),
  })
  .map((c) => {
    const birthDate = c.birth.toISOString().slice(0, 10)
    const [y, m, d] = birthDate.split("-") as [string, string, string]
    const postcode = `${c.postcodeDigits} ${c.postcodeLetters}`
    return {
      bsn: c.bsn,
      bsnWithDots: `${c.bsn.slice(0, 4)}.${c.bsn.slice(4, 6)}.${c.bsn.slice(6)}`,
      bsnWithSpaces: `${c.bsn.slice(0, 4)} ${c.bsn.slice(4, 6)} ${c.bsn.slice(6)}`,
      bsnSpellings: spellings(c.bsn),
      givenName: c.givenName,
      familyName: c.familyName,
      fullName: `${c.givenName} ${c.familyName}`,
      street: c.streetName,
      houseNumber: c.houseNumber,
      postcode,
      city: c.city,
      address: `${c.streetName} ${c.houseNumber}, ${postcode} ${c.city}`,
      birthDate,
      birthDateDutch: `${d}-${m}-${y}`,
    }
  })

/** The canaries of a seed: the same on every run with that seed, with distinct BSNs. */
export const canaries = (seed: number, count = 3): ReadonlyArray<Canary> =>
  fc.sample(fc.uniqueArray(canary, { minLength: count, maxLength: count, selector: (c) => c.bsn }), {
    seed,
    numRuns: 1,
  })[0] ?? []

// ---------------------------------------------------------------------------------------------------------------
// Finding personal data in output

/** A BSN with all but its first four and last two digits masked: `9999•••45`. */
export const maskBsn = (digits: string): string => `${digits.slice(0, 4)}•••${digits.slice(-2)}`

/** A text with all but its first two characters masked: `Qu••••••••`. */
export const maskText = (text: string): string => `${text.slice(0, 2)}${"•".repeat(Math.max(1, text.length - 2))}`

/** Something personal the suite looks for, and how it names it in a failure without repeating it. */
interface Needle {
  readonly kind: "BSN" | "name" | "address" | "birth date"
  readonly masked: string
  readonly found: (lowerText: string) => boolean
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** The needles of a canary: its name parts, street, postcode, city and birth date in the spellings people use. */
const canaryNeedles = (c: Canary): ReadonlyArray<Needle> => {
  const text = (kind: Needle["kind"], value: string): Needle => {
    const lower = value.toLowerCase()
    return { kind, masked: maskText(value), found: (t) => t.includes(lower) }
  }
  const [y, m, d] = c.birthDate.split("-") as [string, string, string]
  const postcode = new RegExp(`${c.postcode.slice(0, 4)}\\s*${c.postcode.slice(-2).toLowerCase()}`)
  const dates = [c.birthDate, `${d}-${m}-${y}`, `${d}/${m}/${y}`, `${d}.${m}.${y}`, `${y}${m}${d}`, `${d}${m}${y}`]
  return [
    text("name", c.givenName),
    text("name", c.familyName),
    text("address", c.street),
    text("address", c.city),
    { kind: "address", masked: maskText(c.postcode), found: (t) => postcode.test(t) },
    {
      kind: "birth date",
      masked: `${y.slice(0, 2)}••-••-••`,
      found: (t) => dates.some((date) => t.includes(date)),
    },
  ]
}

const digitRuns = new RegExp(BsnShape.runSource, "gu")

/**
 * Every nine-digit window of the digit runs of `text` (digits of any script, one separator between groups, invisible
 * characters ignored, as `BsnShape` reads them), as ASCII digits.
 */
const nineDigitWindows = (text: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const run of text.match(digitRuns) ?? []) {
    const digits = Bsn.digits(run)
    for (let i = 0; i + 9 <= digits.length; i++) out.push(digits.slice(i, i + 9))
  }
  return out
}

/** Where something personal was found: the masked value, what it is, and the item and field it was in. */
interface Finding {
  readonly kind: Needle["kind"]
  readonly masked: string
  readonly item: number
  readonly field: string
}

const leaves = (value: unknown, path: string, out: Array<[string, string]>): void => {
  if (value === null || value === undefined) return
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    out.push([path, String(value)])
    return
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) leaves(v, `${path}[${i}]`, out)
    return
  }
  if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      leaves(v, path === "" ? k : `${path}.${k}`, out)
  }
}

/** The BSNs a finder looks for: the input's BSN-shaped numbers (any spelling) and the canaries' BSNs. */
const bsnSet = (inputText: string, planted: ReadonlyArray<Canary>): ReadonlySet<string> =>
  new Set([...Bsn.find(inputText).map(Bsn.digits), ...planted.map((c) => c.bsn)])

/** Finds personal data of the input (BSN-shaped numbers) and of the canaries in the items. */
const findPersonal = (
  items: ReadonlyArray<Item.Item>,
  bsns: ReadonlySet<string>,
  planted: ReadonlyArray<Canary>,
): ReadonlyArray<Finding> => {
  const needles = planted.flatMap(canaryNeedles)
  const findings: Array<Finding> = []
  items.forEach((item, index) => {
    const fields: Array<[string, string]> = []
    leaves(JSON.parse(JSON.stringify(item)), "", fields)
    for (const [field, value] of fields) {
      for (const window of nineDigitWindows(value)) {
        if (bsns.has(window)) findings.push({ kind: "BSN", masked: maskBsn(window), item: index + 1, field })
      }
      const lower = value.toLowerCase()
      for (const needle of needles) {
        if (needle.found(lower)) findings.push({ kind: needle.kind, masked: needle.masked, item: index + 1, field })
      }
    }
  })
  return findings
}

/** Text with BSN-shaped numbers and the canaries' values masked, for a failure message (e.g. a defect's cause). */
const maskAll = (text: string, planted: ReadonlyArray<Canary>): string => {
  let out = text.replace(Bsn.shaped, (s) => maskBsn(Bsn.digits(s)))
  for (const c of planted) {
    for (const value of [c.givenName, c.familyName, c.street, c.city, c.postcode, c.birthDate, c.birthDateDutch]) {
      out = out.replace(new RegExp(escapeRegExp(value), "gi"), maskText(value))
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// Describing items

const fieldNames: Record<string, string> = {
  "rejection.message.nl": "rejection message (nl)",
  "rejection.message.en": "rejection message (en)",
  "rejection.location.file": "rejection's file name",
  "rejection.location.message": "rejection's message reference",
  "rejection.location.path": "rejection's element path",
}

const describeField = (field: string): string =>
  fieldNames[field] ?? (field.startsWith("record.") ? `accepted record's ${field.slice(7)}` : field)

/** An item as a failure names it: its number in the output, its kind and where it says it is. */
const describeItem = (items: ReadonlyArray<Item.Item>, number: number, planted: ReadonlyArray<Canary>): string => {
  const item = items[number - 1]
  if (item === undefined) return `item ${number}`
  if (Item.isAccepted(item))
    return `item ${number} (accepted ${"person" in item.record ? "person event" : "observation"})`
  const l = item.rejection.location
  const where = [
    l.line === undefined ? undefined : `line ${l.line}`,
    l.path === undefined ? undefined : `path ${l.path}`,
    l.message === undefined ? undefined : `message ${l.message}`,
  ].filter((x) => x !== undefined)
  return maskAll(
    `item ${number} (rejection "${item.rejection.rule}"${where.length > 0 ? ` at ${where.join(", ")}` : ""} of ${l.file})`,
    planted,
  )
}

const describeFindings = (
  findings: ReadonlyArray<Finding>,
  items: ReadonlyArray<Item.Item>,
  input: string,
  planted: ReadonlyArray<Canary>,
): string => {
  const shown = findings
    .slice(0, 5)
    .map(
      (f) =>
        `- ${f.kind} ${f.masked} in the ${describeField(f.field)} of ${describeItem(items, f.item, planted)} from input ${input}`,
    )
  return [...shown, ...(findings.length > 5 ? [`- and ${findings.length - 5} more`] : [])].join("\n")
}

// ---------------------------------------------------------------------------------------------------------------
// The suite

const chunked = (bytes: Uint8Array, size: number): Array<Uint8Array> => {
  const out: Array<Uint8Array> = []
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size))
  return out
}

const latin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1")
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8")
/** The input as text for looking for BSN-shaped numbers and canaries, whatever its encoding. */
const inputText = (bytes: Uint8Array): string => `${latin1(bytes)}\n${utf8(bytes)}`

const matches = (rejection: Item.Rejected["rejection"], place: Place, fixture: string): boolean => {
  const l = rejection.location
  return (
    l.file === (place.file ?? fixture) &&
    (place.line === undefined || l.line === place.line) &&
    (place.path === undefined || l.path === place.path) &&
    (place.message === undefined || l.message === place.message)
  )
}

const describePlace = (place: Place, fixture: string): string =>
  [
    place.line === undefined ? undefined : `line ${place.line}`,
    place.path === undefined ? undefined : `path ${place.path}`,
    place.message === undefined ? undefined : `message ${place.message}`,
  ]
    .filter((x) => x !== undefined)
    .join(", ") + ` of ${place.file ?? fixture}`

/** How the checks name and plant everything, for one adapter and seed. */
interface Planted {
  readonly canary: Canary
  /** The canary's number in the run, from 1. */
  readonly number: number
  readonly fixture: PlantedFixture
}

/**
 * The checks of the suite for `adapter`, in the order `adapterConformance` registers them. Each throws a
 * `ConformanceFailure` when its promise is broken; the suite's own tests run them on mutated adapters.
 */
export const conformanceChecks = <R>(
  adapter: Adapter<R>,
  options: ConformanceOptions<R>,
  seed: number = resolveSeed(options.seed),
): ReadonlyArray<Check> => {
  const { fixtures } = options
  const layer = (options.layer ?? Layer.orDie(Pseudonymiser.layer(testSecret))) as Layer.Layer<Pseudonymiser | R>
  const chunkSize = options.chunkSize ?? 512
  const garbageRuns = Math.max(1000, options.garbageRuns ?? 1000)
  const fail = (promise: PromiseId, detail: string): never => {
    throw new ConformanceFailure(promise, detail, seed)
  }

  let plantedCache: ReadonlyArray<Planted> | undefined
  const planted = (): ReadonlyArray<Planted> => {
    if (plantedCache === undefined) {
      plantedCache = canaries(seed, options.canaries ?? 3).flatMap((canary, i) => {
        const built = fixtures.withPersonalData(canary)
        const set: ReadonlyArray<PlantedFixture> = Array.isArray(built) ? built : [built as PlantedFixture]
        const text = set
          .map((f) => inputText(f.bytes))
          .join("\n")
          .toLowerCase()
        const accepted = set.reduce((n, f) => n + f.accepted, 0)
        const rejected = set.reduce((n, f) => n + f.rejected.length, 0)
        const lined = set.flatMap((f) => {
          const lines = utf8(f.bytes).split(/\r?\n/)
          return f.rejected.flatMap((p) =>
            p.line !== undefined && (p.file ?? f.name) === f.name ? [lines[p.line - 1] ?? ""] : [],
          )
        })
        const brokenLines = lined.length === 0 ? undefined : lined.join("\n")
        const missing = [
          [canary.bsn, canary.bsnWithDots, canary.bsnWithSpaces].some((b) => text.includes(b)) ? [] : ["its BSN"],
          text.includes(canary.givenName.toLowerCase()) || text.includes(canary.familyName.toLowerCase())
            ? []
            : ["its name"],
          text.includes(canary.street.toLowerCase()) ? [] : ["its address (street)"],
          [canary.birthDate, canary.birthDateDutch].some((d) => text.includes(d)) ? [] : ["its birth date"],
          // Where broken rows are lines, the BSN must be on one of them: that is where a parser's message leaks it.
          brokenLines !== undefined &&
          ![canary.bsn, canary.bsnWithDots, canary.bsnWithSpaces].some((b) => brokenLines.includes(b))
            ? ["its BSN in a broken row"]
            : [],
          accepted < 1 ? ["a valid row"] : [],
          rejected < 1 ? ["a broken row"] : [],
        ].flat()
        if (missing.length > 0) {
          fail(
            "declares",
            `fixtures.withPersonalData built ${set.map((f) => f.name).join(", ") || "nothing"} for canary ${i + 1} without ${missing.join(", ")}: plant the BSN in valid rows, and the BSN, name, address and birth date in broken rows`,
          )
        }
        return set.map((fixture) => ({ canary, number: i + 1, fixture }))
      })
    }
    return plantedCache
  }
  let respelledCache: ReadonlyArray<Planted & { readonly spelling: number }> | undefined
  /**
   * The planted fixtures again, with the canary's BSN written with dots or with spaces replaced by each of its other
   * spellings (`Canary.bsnSpellings`): every planted fixture that is UTF-8 text and holds one of those two.
   */
  const respelled = (): ReadonlyArray<Planted & { readonly spelling: number }> => {
    if (respelledCache === undefined) {
      respelledCache = planted().flatMap((p) => {
        const text = utf8(p.fixture.bytes)
        const { bsnWithDots, bsnWithSpaces } = p.canary
        const holds = text.includes(bsnWithDots) || text.includes(bsnWithSpaces)
        if (!holds || !Buffer.from(text, "utf8").equals(p.fixture.bytes)) return []
        return p.canary.bsnSpellings.map((spelling, i) => {
          const bytes = new TextEncoder().encode(
            text.replaceAll(bsnWithDots, spelling).replaceAll(bsnWithSpaces, spelling),
          )
          return { ...p, spelling: i + 1, fixture: { ...p.fixture, bytes } }
        })
      })
    }
    return respelledCache
  }
  const plantedOf = (fixture: Fixture): ReadonlyArray<Canary> =>
    [...planted(), ...respelled()].filter((p) => p.fixture === fixture).map((p) => p.canary)
  const allCanaries = () => [...new Set(planted().map((p) => p.canary))]
  const given = [...fixtures.valid, ...fixtures.invalid, fixtures.streaming]
  const everything = (): ReadonlyArray<Fixture> => [...given, ...planted().map((p) => p.fixture)]

  const describeInput = (fixture: Fixture): string => {
    const p = planted().find((x) => x.fixture === fixture)
    if (p !== undefined) return `${fixture.name} (planted with canary ${p.number})`
    const r = respelled().find((x) => x.fixture === fixture)
    return r === undefined
      ? fixture.name
      : `${fixture.name} (planted with canary ${r.number}, its BSN in spelling ${r.spelling} of bsnSpellings)`
  }

  const runExit = (fixture: Fixture, provide: Layer.Layer<Pseudonymiser | R> = layer) =>
    Effect.runPromiseExit(
      Stream.runCollect(
        adapter.read(Source.bytes(fixture.name, Stream.fromArray(chunked(fixture.bytes, chunkSize)))),
      ).pipe(Effect.provide(provide)),
    )
  const run = async (fixture: Fixture): Promise<ReadonlyArray<Item.Item>> => {
    const exit = await runExit(fixture)
    if (Exit.isFailure(exit)) {
      return fail(
        "never-fails",
        `adapter ${adapter.id} failed with a defect on input ${describeInput(fixture)} instead of rejecting:\n${maskAll(
          String(exit.cause),
          allCanaries(),
        ).slice(0, 2000)}`,
      )
    }
    return exit.value
  }
  const leaksIn = (fixture: Fixture, items: ReadonlyArray<Item.Item>): string | undefined => {
    const findings = findPersonal(items, bsnSet(inputText(fixture.bytes), plantedOf(fixture)), plantedOf(fixture))
    return findings.length === 0 ? undefined : describeFindings(findings, items, describeInput(fixture), allCanaries())
  }
  const unlocated = (items: ReadonlyArray<Item.Item>): ReadonlyArray<number> =>
    items.flatMap((item, i) => (Item.isRejected(item) && !Item.isLocated(item.rejection) ? [i + 1] : []))
  const describeUnlocated = (fixture: Fixture, items: ReadonlyArray<Item.Item>, numbers: ReadonlyArray<number>) =>
    numbers
      .slice(0, 5)
      .map(
        (n) =>
          `- ${describeItem(items, n, allCanaries())} from input ${describeInput(fixture)} names no line, element path or message`,
      )
      .join("\n")

  const check = (promise: PromiseId, title: string, body: () => Promise<void>): Check => ({
    promise,
    title,
    run: body,
  })

  return [
    check("declares", "declares an id, the partner kinds it serves and the formats it reads", async () => {
      if (adapter.id.length === 0) fail("declares", "the adapter has no id")
      if (adapter.partnerKinds.length === 0) fail("declares", "the adapter names no partner kind")
      if (adapter.formats.length === 0) fail("declares", "the adapter names no format")
      if (fixtures.valid.length === 0 || fixtures.invalid.length === 0)
        fail("declares", "the test gives no valid or no invalid fixture")
      planted()
    }),

    check("never-fails", "ends every fixture and every planted input with items, never with a defect", async () => {
      for (const fixture of everything()) {
        const items = await run(fixture)
        if (items.length === 0)
          fail("never-fails", `input ${describeInput(fixture)} gave no item at all: it vanished in silence`)
      }
    }),

    check("accepts-valid", "accepts every valid fixture with at least one record and no rejection", async () => {
      for (const fixture of fixtures.valid) {
        const items = await run(fixture)
        const rejected = items.flatMap((item, i) => (Item.isRejected(item) ? [i + 1] : []))
        if (rejected.length > 0)
          fail(
            "accepts-valid",
            rejected
              .slice(0, 5)
              .map((n) => `- valid fixture ${fixture.name} was refused: ${describeItem(items, n, [])}`)
              .join("\n"),
          )
        if (!items.some(Item.isAccepted)) fail("accepts-valid", `valid fixture ${fixture.name} gave no record`)
      }
    }),

    check("rejects-invalid", "rejects every invalid fixture at least once", async () => {
      for (const fixture of fixtures.invalid) {
        const items = await run(fixture)
        if (!items.some(Item.isRejected))
          fail("rejects-invalid", `invalid fixture ${fixture.name} gave no rejection (${items.length} items accepted)`)
      }
    }),

    check(
      "no-personal-data",
      "never outputs a planted BSN, name, address or birth date, nor a BSN-shaped number of its input, in any spelling",
      async () => {
        for (const fixture of [...everything(), ...respelled().map((r) => r.fixture)]) {
          const leak = leaksIn(fixture, await run(fixture))
          if (leak !== undefined) fail("no-personal-data", leak)
        }
      },
    ),

    check(
      "accounted",
      "accounts for every planted row: the valid ones accepted, each broken one rejected where it is, none lost",
      async () => {
        for (const { fixture } of planted()) {
          const items = await run(fixture)
          const accepted = items.filter(Item.isAccepted).length
          const rejections = items.flatMap((item, i) =>
            Item.isRejected(item) ? [[i + 1, item.rejection] as const] : [],
          )
          const problems = [
            ...(accepted === fixture.accepted
              ? []
              : [
                  `- ${accepted} records accepted where ${fixture.accepted} were declared: ${
                    accepted < fixture.accepted ? "a valid row was lost or refused" : "records appeared from nowhere"
                  }`,
                ]),
            ...fixture.rejected
              .filter((place) => !rejections.some(([, r]) => matches(r, place, fixture.name)))
              .map((place) => `- the broken row at ${describePlace(place, fixture.name)} got no rejection there`),
            ...rejections
              .filter(([, r]) => !fixture.rejected.some((place) => matches(r, place, fixture.name)))
              .map(([n]) => `- ${describeItem(items, n, allCanaries())} is not at one of the declared broken rows`),
          ]
          if (problems.length > 0)
            fail("accounted", `input ${describeInput(fixture)}:\n${problems.slice(0, 8).join("\n")}`)
        }
      },
    ),

    check("located", "locates every rejection by file and by line, element path or message", async () => {
      for (const fixture of everything()) {
        const items = await run(fixture)
        const numbers = unlocated(items)
        if (numbers.length > 0) fail("located", describeUnlocated(fixture, items, numbers))
      }
    }),

    check("streams", "yields its first item before the source has been read to the end", async () => {
      const chunks = chunked(fixtures.streaming.bytes, chunkSize)
      if (chunks.length <= 4)
        fail(
          "streams",
          `the streaming fixture ${fixtures.streaming.name} must span more than 4 chunks of ${chunkSize} bytes`,
        )
      let pulled = 0
      const bytes = Stream.fromArray(chunks).pipe(
        Stream.rechunk(1),
        Stream.tap(() => Effect.sync(() => pulled++)),
      )
      const first = await Effect.runPromiseExit(
        Stream.runHead(adapter.read(Source.bytes(fixtures.streaming.name, bytes))).pipe(Effect.provide(layer)),
      )
      if (Exit.isFailure(first)) fail("never-fails", `adapter ${adapter.id} failed on ${fixtures.streaming.name}`)
      if (Exit.isSuccess(first) && first.value._tag !== "Some")
        fail("streams", `${fixtures.streaming.name} gave no item at all`)
      if (pulled >= chunks.length)
        fail(
          "streams",
          `the first item of ${fixtures.streaming.name} came out only after all ${chunks.length} chunks were read: the adapter holds the whole input before it emits`,
        )
    }),

    check(
      "push-no-bsn",
      "never outputs a BSN-shaped number on the push route: placeholders, OPRF requests and pushed records",
      async () => {
        const server = Oprf.server(await Oprf.generatePrivateKey())
        const client = Oprf.client(server.publicKey)
        for (const fixture of [...fixtures.valid, ...fixtures.invalid, ...planted().map((p) => p.fixture)]) {
          const placeholders = Placeholder.make()
          const exit = await runExit(fixture, Layer.merge(layer, placeholders.layer) as Layer.Layer<Pseudonymiser | R>)
          if (Exit.isFailure(exit))
            return fail("never-fails", `adapter ${adapter.id} failed on ${describeInput(fixture)} on the push route`)
          const items = exit.value
          // A few persons per fixture go through the whole round trip: OPRF in JavaScript costs milliseconds each.
          const persons = [
            ...new Set(
              items.flatMap((i) =>
                Item.isAccepted(i) && "person" in i.record ? [(i.record as { person: string }).person] : [],
              ),
            ),
          ].slice(0, 50)
          const sent: Array<Uint8Array> = []
          const values = await Placeholder.resolve(
            placeholders,
            persons,
            async (bsns) => {
              const blinded = await client.blind(bsns)
              if (blinded instanceof Oprf.OprfError) throw blinded
              sent.push(blinded.request)
              const request = Oprf.decodeRequest(blinded.request)
              if (request instanceof Oprf.OprfError) throw request
              const values = await client.finalize(blinded, await server.evaluateBlinded(request))
              if (values instanceof Oprf.OprfError) throw values
              return values
            },
            Oprf.maxBatch,
          )
          let pushed = JSON.stringify(items)
          for (const [placeholder, value] of values) pushed = pushed.split(placeholder).join(value)
          const bsns = bsnSet(inputText(fixture.bytes), plantedOf(fixture))
          const wires: ReadonlyArray<[string, string]> = [
            ["the records as pushed", pushed],
            ["the items with placeholders", JSON.stringify(items)],
            ...sent.map((b, i): [string, string] => [
              `OPRF request ${i + 1}`,
              latin1(b) + Buffer.from(b).toString("hex"),
            ]),
          ]
          for (const [what, wire] of wires) {
            const found = nineDigitWindows(wire).find((w) => bsns.has(w))
            if (found !== undefined)
              fail("push-no-bsn", `BSN ${maskBsn(found)} in ${what} of input ${describeInput(fixture)}`)
          }
        }
      },
    ),

    check("deterministic", "gives the same output for the same input", async () => {
      for (const fixture of everything()) {
        const first = await run(fixture)
        const second = await run(fixture)
        const a = first.map((i) => JSON.stringify(i))
        const b = second.map((i) => JSON.stringify(i))
        const differs = a.findIndex((x, i) => x !== b[i])
        if (differs >= 0 || a.length !== b.length)
          fail(
            "deterministic",
            `input ${describeInput(fixture)} gave ${a.length} and then ${b.length} items; the first difference is ${describeItem(
              first,
              differs >= 0 ? differs + 1 : Math.min(a.length, b.length) + 1,
              allCanaries(),
            )}`,
          )
      }
    }),

    check(
      "garbage",
      `rejects ${garbageRuns} generated garbage inputs without a crash, a silent loss or a leak`,
      async () => {
        const bases = everything().filter((f) => f.bytes.length <= 64 * 1024)
        const names = everything().map((f) => f.name)
        const mutation = fc.oneof(
          fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
          fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
          fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
          fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 32 }) }),
          fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
        )
        type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never
        const mutate = (bytes: Uint8Array, m: Mutation): Uint8Array => {
          if (bytes.length === 0) return bytes
          const at = m.at % bytes.length
          switch (m.kind) {
            case "flip": {
              const copy = bytes.slice()
              copy[at] = m.value
              return copy
            }
            case "truncate":
              return bytes.slice(0, at)
            case "insert":
              return Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)])
            case "delete":
              return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)])
            case "repeat":
              return Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at)])
          }
        }
        // Positions as the mutation applied them: its offset modulo the length of the bytes at that point.
        const describeMutations = (bytes: Uint8Array, mutations: ReadonlyArray<Mutation>): string => {
          const out: Array<string> = []
          let current = bytes
          for (const m of mutations) {
            const at = current.length === 0 ? 0 : m.at % current.length
            out.push(
              m.kind === "flip"
                ? `byte ${at} set to ${m.value}`
                : m.kind === "truncate"
                  ? `cut at byte ${at}`
                  : m.kind === "insert"
                    ? `${m.bytes.length} bytes inserted at ${at}`
                    : m.kind === "delete"
                      ? `${m.length} bytes deleted at ${at}`
                      : `${m.length} bytes repeated at ${at}`,
            )
            current = mutate(current, m)
          }
          return out.join(", ")
        }
        // An input is a recipe, so a failure can say what it was without printing its bytes.
        type Recipe =
          | { readonly kind: "random"; readonly name: string; readonly bytes: Uint8Array }
          | { readonly kind: "mutated"; readonly base: Fixture; readonly mutations: ReadonlyArray<Mutation> }
        const recipe: fc.Arbitrary<Recipe> = fc.oneof(
          fc.record({
            kind: fc.constant("random" as const),
            name: fc.constantFrom(...names),
            bytes: fc.uint8Array({ maxLength: 2048 }),
          }),
          fc.record({
            kind: fc.constant("mutated" as const),
            base: fc.constantFrom(...(bases.length > 0 ? bases : everything())),
            mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
          }),
        )
        const cook = (r: Recipe): { fixture: Fixture; planted: ReadonlyArray<Canary> } =>
          r.kind === "random"
            ? { fixture: { name: r.name, bytes: r.bytes }, planted: [] }
            : {
                fixture: { name: r.base.name, bytes: r.mutations.reduce(mutate, r.base.bytes) },
                planted: plantedOf(r.base),
              }
        const describeRecipe = (r: Recipe) =>
          r.kind === "random"
            ? `${r.bytes.length} random bytes named ${r.name}`
            : `${describeInput(r.base)} with ${describeMutations(r.base.bytes, r.mutations)}`
        const details = await fc.check(
          fc.asyncProperty(recipe, async (r) => {
            const { fixture, planted: inIt } = cook(r)
            const exit = await runExit(fixture)
            if (Exit.isFailure(exit))
              throw new GarbageProblem(
                "never-fails",
                `the adapter failed with a defect:\n${maskAll(String(exit.cause), allCanaries()).slice(0, 1000)}`,
              )
            const items = exit.value
            if (items.length === 0) throw new GarbageProblem("garbage", "it gave no item at all: the input vanished")
            const numbers = unlocated(items)
            if (numbers.length > 0) throw new GarbageProblem("located", describeUnlocated(fixture, items, numbers))
            const findings = findPersonal(items, bsnSet(inputText(fixture.bytes), inIt), inIt)
            if (findings.length > 0)
              throw new GarbageProblem(
                "no-personal-data",
                describeFindings(findings, items, "(the generated input)", allCanaries()),
              )
          }),
          { seed, numRuns: garbageRuns },
        )
        if (details.failed) {
          const problem = details.errorInstance
          const input = details.counterexample?.[0]
          fail(
            "garbage",
            `generated input ${details.numRuns} of ${garbageRuns}, shrunk ${details.numShrinks} times: ${
              input === undefined ? "(unknown)" : describeRecipe(input)
            }\n${
              problem instanceof GarbageProblem
                ? `${promises[problem.promise]} [${problem.promise}]:\n${problem.message}`
                : maskAll(String(problem), allCanaries())
            }`,
          )
        }
      },
    ),
  ]
}

/** What a generated input broke, thrown inside the property so that fast-check shrinks it. */
class GarbageProblem extends Error {
  constructor(
    readonly promise: PromiseId,
    message: string,
  ) {
    super(message)
  }
}

/** Registers the conformance tests for `adapter` in the current vitest file. */
export const adapterConformance = <R>(adapter: Adapter<R>, options: ConformanceOptions<R>): void => {
  const seed = resolveSeed(options.seed)
  describe(`adapter ${adapter.id} conformance (seed ${seed})`, () => {
    for (const c of conformanceChecks(adapter, options, seed)) it(c.title, c.run)
  })
}
