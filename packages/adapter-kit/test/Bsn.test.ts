import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Bsn from "../src/Bsn.js"
import { testBsn } from "./arbitraries.js"

describe("Bsn", () => {
  it("accepts the published test BSNs 999900006 and 999900018", () => {
    expect(Bsn.isValid("999900006")).toBe(true)
    expect(Bsn.isValid("999900018")).toBe(true)
  })

  it("refuses values that are not nine digits, and all zeros", () => {
    for (const value of ["", "99990000", "9999000060", "99990000a", " 999900006", "000000000"]) {
      expect(Bsn.isValid(value), value).toBe(false)
    }
    expect(Bsn.problem("12345")).toBe("format")
  })

  it("catches every change of a single digit with the eleven-test", () => {
    fc.assert(
      fc.property(testBsn, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (bsn, at, delta) => {
        const digit = (Number(bsn[at]) + delta) % 10
        const changed = `${bsn.slice(0, at)}${digit}${bsn.slice(at + 1)}`
        return Bsn.problem(changed) === "eleven-test"
      }),
    )
  })

  it("finds and redacts a BSN written in groups with dots, spaces or hyphens, but not a date", () => {
    expect(Bsn.find("client 999.900.006.csv")).toEqual(["999.900.006"])
    expect(Bsn.redact("9999 00 006 en 999-900-006")).toBe("********* en *********")
    expect(Bsn.find("2024-03-15 en 035-123-4567")).toEqual([])
  })

  it("redacts standalone runs of nine digits but leaves longer and shorter numbers alone", () => {
    expect(Bsn.redact("client-999900006.xml")).toBe("client-*********.xml")
    expect(Bsn.redact("id 123456789012 and 12345678")).toBe("id 123456789012 and 12345678")
    expect(Bsn.find("a 999900006 b 999900018 c 1234567890")).toEqual(["999900006", "999900018"])
  })
})

/** `digits` (ASCII) written in another script: full-width, Arabic-Indic, Devanagari, mathematical bold. */
const inScript = (digits: string, zero: number) =>
  [...digits].map((d) => String.fromCodePoint(zero + d.charCodeAt(0) - 48)).join("")

describe("Bsn, on a BSN written in other ways (an outside tester's finding F5b)", () => {
  it("redacts a BSN written 9999 000 43", () => {
    expect(Bsn.redact("kolom 9999 000 43 ontbreekt")).toBe("kolom ********* ontbreekt")
  })

  it("redacts a BSN written with underscores, 999_900_006", () => {
    expect(Bsn.redact("client_999_900_006.csv")).toBe("client_*********.csv")
  })

  it("redacts a BSN in full-width digits, also with a full-width dot or hyphen between the groups", () => {
    expect(Bsn.redact(inScript("999900006", 0xff10))).toBe("*********")
    expect(Bsn.redact(`BSN ${inScript("999", 0xff10)}．${inScript("900", 0xff10)}－${inScript("006", 0xff10)}`)).toBe(
      "BSN *********",
    )
  })

  it("redacts a BSN in Arabic-Indic, Devanagari or mathematical bold digits", () => {
    for (const zero of [0x660, 0x966, 0x1d7ce])
      expect(Bsn.redact(`x ${inScript("999900006", zero)} x`)).toBe("x ********* x")
  })

  it("redacts a BSN with zero-width spaces, joiners or a word joiner between its digits", () => {
    for (const mark of ["\u200b", "\u200c", "\u200d", "\u2060"]) {
      expect(Bsn.redact(`999${mark}900${mark}006`)).toBe("*********")
      expect(Bsn.redact(`9${mark}9${mark}9${mark}9${mark}0${mark}0${mark}0${mark}0${mark}6`)).toBe("*********")
    }
  })

  it("redacts a BSN with a soft hyphen, a byte-order mark or a direction override inside", () => {
    expect(Bsn.redact("9999\u00ad00006")).toBe("*********")
    expect(Bsn.redact("\ufeff999900\ufeff006")).toBe("\ufeff*********")
    expect(Bsn.redact("999\u202e900006")).toBe("*********")
  })

  it("redacts a BSN separated by no-break spaces, narrow no-break spaces or thin spaces", () => {
    expect(Bsn.redact("999\u00a0900\u00a0006")).toBe("*********")
    expect(Bsn.redact("9999\u202f000\u202f43")).toBe("*********")
    expect(Bsn.redact("999\u2009900\u2009006")).toBe("*********")
  })

  it("redacts a BSN in any grouping, with invisible characters around its separators", () => {
    for (const written of [
      "99 99 00 006",
      "9-9-9-9-0-0-0-0-6",
      "99990 0006",
      "9.99900006",
      "999\u200b \u200b900 006",
    ]) {
      expect(Bsn.find(`(${written})`), written).toEqual([written])
    }
  })

  it("takes two separators in a row as the end of a run", () => {
    expect(Bsn.redact("999 - 900 - 006")).toBe("999 - 900 - 006")
    expect(Bsn.redact("999..900..006")).toBe("999..900..006")
  })

  it("does not cut a run of ten digits or more to nine: a phone number with its country code, an IBAN", () => {
    expect(Bsn.redact("bel +31 6 12345678 of 035 123 4567")).toBe("bel +31 6 12345678 of 035 123 4567")
    expect(Bsn.redact("NL91 ABNA 0417 1643 00 en NL91ABNA0417164300")).toBe(
      "NL91 ABNA 0417 1643 00 en NL91ABNA0417164300",
    )
    // Ten digits in one run are one longer number, even when nine of them are a BSN written in groups.
    expect(Bsn.redact("999 900 006 5")).toBe("999 900 006 5")
  })

  it("masks a nine-digit group inside a longer run, and then the nine digits left beside it, so redacting is final", () => {
    expect(Bsn.redact("999900006 5")).toBe("********* 5")
    expect(Bsn.redact("12345678 9 999900006")).toBe("********* *********")
    expect(Bsn.redact("5 999900006 999900018 1")).toBe("5 ********* ********* 1")
  })

  it("leaves slashes, commas, colons and line breaks as ends of a run", () => {
    for (const text of ["ZK/2023/0412", "1.234.567,89", "12:30:00", "999/900/006", "999,900,006", "999\n900\n006"]) {
      expect(Bsn.redact(text), text).toBe(text)
    }
  })

  it("masks nine digits written as one run even when they are not a BSN: a date and an hour, a 2-7 kenmerk", () => {
    // Chosen false positives (see BsnShape): they cannot be told from a BSN written in those groups.
    expect(Bsn.redact("op 2026-11-30 9:00 uur")).toBe("op *********:00 uur")
    expect(Bsn.redact("kenmerk 21.0008702")).toBe("kenmerk *********")
  })

  it("says whether a text holds a BSN-shaped run, the same way however often it is asked", () => {
    expect([Bsn.contains("a 999_900_006"), Bsn.contains("a 999_900_006"), Bsn.contains("2026-11-30")]).toEqual([
      true,
      true,
      false,
    ])
  })

  it("gives the digits of a BSN however written, as ASCII digits", () => {
    expect(Bsn.digits(`${inScript("9999", 0xff10)} 000\u200b43`)).toBe("999900043")
    expect(Bsn.digits(inScript("999900006", 0x1d7ce))).toBe("999900006")
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Properties

const separators = [
  " ",
  "\u00a0",
  "\u202f",
  "\u2009",
  "\u2007",
  "\u3000",
  ".",
  "\uff0e",
  "-",
  "\u2010",
  "\u2013",
  "\u2212",
  "_",
  "\uff3f",
]
const marks = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u0332", "\ufe0f"]
const zeros = [0x30, 0x30, 0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x1d7ce, 0x1d7ec]

/** A test BSN written in a generated way: each digit in some script, one separator or none between, marks anywhere. */
const writtenBsn = fc
  .tuple(
    testBsn,
    fc.array(fc.constantFrom(...zeros), { minLength: 9, maxLength: 9 }),
    fc.array(fc.option(fc.constantFrom(...separators), { nil: undefined }), { minLength: 8, maxLength: 8 }),
    fc.array(
      fc.tuple(
        fc.array(fc.constantFrom(...marks), { maxLength: 2 }),
        fc.array(fc.constantFrom(...marks), { maxLength: 2 }),
      ),
      {
        minLength: 8,
        maxLength: 8,
      },
    ),
  )
  .map(([bsn, scripts, gaps, around]) => {
    let out = ""
    for (let i = 0; i < 9; i++) {
      out += inScript(bsn[i] as string, scripts[i] as number)
      if (i < 8) {
        const [before, after] = around[i] as [Array<string>, Array<string>]
        out += before.join("") + (gaps[i] ?? "") + after.join("")
      }
    }
    return { bsn, out }
  })

/** Text around a number that never joins it into a longer run: no digits, and never a digit next to it. */
const context = fc.string({ unit: fc.constantFrom(..."abcBSN: ()/,;\n\t-_.é€"), maxLength: 12 })

/** Ordinary text of the product: dates, periods, amounts, kenmerken, codes, times, phone numbers and IBANs. */
const pad = (n: number, width: number) => String(n).padStart(width, "0")
const ordinary = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .chain(([y, m, d]) =>
      fc.constantFrom(
        `${y}-${pad(m, 2)}-${pad(d, 2)}`,
        `${pad(d, 2)}-${pad(m, 2)}-${y}`,
        `${pad(d, 2)}.${pad(m, 2)}.${y}`,
        `${y}-${pad(m, 2)}`,
        `${y}KW${pad(Math.ceil(m / 3), 2)}`,
        `${y}JJ00`,
        `${y}-${pad(m, 2)}-${pad(d, 2)}T${pad(d % 24, 2)}:${pad(m * 4, 2)}:00.000Z`,
        `${y}-${pad(m, 2)}-${pad(d, 2)} ${pad(d % 24, 2)}:${pad(m * 4, 2)}`,
      ),
    ),
  fc
    .integer({ min: 0, max: 99_999_999 })
    .chain((n) =>
      fc.constantFrom(
        `€ ${n.toLocaleString("nl-NL")},${pad(n % 100, 2)}`,
        n.toLocaleString("nl-NL"),
        String(n),
        `${n.toLocaleString("nl-NL").replaceAll(".", " ")}`,
      ),
    ),
  fc
    .tuple(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 1, max: 9999 }))
    .map(([y, n]) => `ZK/${y}/${pad(n, 4)}`),
  fc.integer({ min: 1, max: 1999 }).map((n) => `GM${pad(n, 4)}`),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${pad(h, 2)}:${pad(m, 2)}`),
  fc
    .integer({ min: 10_000_000, max: 99_999_999 })
    .chain((n) =>
      fc.constantFrom(`+31 6 ${n}`, `06 ${n}`, `06-${n}`, `035 ${String(n).slice(0, 3)} ${String(n).slice(3, 7)}`),
    ),
  fc.integer({ min: 0, max: 9_999_999_999 }).map((n) => {
    const s = pad(n, 10)
    return `NL${pad(n % 97, 2)} ABNA ${s.slice(0, 4)} ${s.slice(4, 8)} ${s.slice(8)}`
  }),
  fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.constantFrom("AB", "XZ", "QR")).map(([p, l]) => `${p} ${l}`),
)
const joiners = fc.constantFrom(", ", "; ", " en ", " tot ", " (", ") ", "\n", " / ")
const ordinaryText = fc
  .array(fc.tuple(ordinary, joiners), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([a, b]) => a + b).join(""))

/** Any text of digits, separators, marks and letters: where runs and groups of every length meet. */
const digitSoup = fc.string({
  unit: fc.constantFrom("9", "0", "6", "1", "\uff19", " ", ".", "-", "_", "\u00a0", "\u200b", "\u00ad", "x", "/", ","),
  maxLength: 60,
})

describe("Bsn, as properties", () => {
  it("masks a test BSN however it is written: any grouping, any separator, digits of any script, marks inside", () => {
    fc.assert(
      fc.property(context, writtenBsn, context, (before, { bsn, out }, after) => {
        const text = `${before}${out}${after}`
        expect(Bsn.find(text).map(Bsn.digits)).toEqual([bsn])
        expect(Bsn.digits(Bsn.redact(text))).toBe("")
      }),
      { numRuns: 2000 },
    )
  })

  it("leaves ordinary texts of the product unchanged: dates, periods, amounts, kenmerken, codes, times, phones, IBANs", () => {
    fc.assert(
      fc.property(ordinaryText, (text) => {
        expect(Bsn.find(text)).toEqual([])
        expect(Bsn.redact(text)).toBe(text)
      }),
      { numRuns: 2000 },
    )
  })

  it("finds only runs of exactly nine digits, and redacting is final: what it leaves holds nothing BSN-shaped", () => {
    fc.assert(
      fc.property(digitSoup, (text) => {
        for (const found of Bsn.find(text)) expect(Bsn.digits(found)).toHaveLength(9)
        const once = Bsn.redact(text)
        expect(Bsn.find(once)).toEqual([])
        expect(Bsn.redact(once)).toBe(once)
      }),
      { numRuns: 3000 },
    )
  })

  it("leaves a run of ten or more digits whole, however it is grouped", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 1, max: 8 }), { minLength: 2, maxLength: 6 })
          .filter((g) => g.reduce((a, b) => a + b) >= 10),
        fc.constantFrom(...separators),
        (groups, separator) => {
          const text = `tel. ${groups.map((n) => "7".repeat(n)).join(separator)}.`
          expect(Bsn.redact(text)).toBe(text)
        },
      ),
    )
  })
})

describe("Bsn, on hostile input", () => {
  // No wall-clock assertion: catastrophic backtracking would not finish at all, and the test would time out.
  it("scans a megabyte of digits, separators and invisible characters in one pass", { timeout: 120_000 }, () => {
    const mb = 1 << 20
    let state = 5
    const random = (units: ReadonlyArray<string>) => {
      const out: Array<string> = []
      for (let i = 0; i < mb; i++) {
        state = (state * 1_103_515_245 + 12_345) % 2 ** 31
        out.push(units[state % units.length] as string)
      }
      return out.join("")
    }
    const hostile = [
      "9".repeat(mb),
      "9 ".repeat(mb / 2),
      "\u200b".repeat(mb),
      `9${"\u200b".repeat(mb)}9`,
      `9${"\u200b".repeat(mb / 2)} ${"\u200b".repeat(mb / 2)}9`,
      "999999999 ".repeat(mb / 10),
      random(["9", "0", " ", "-", "_", ".", "\u200b", "\u00a0", "x"]),
      random(["9", " ", "\u200b"]),
    ]
    for (const text of hostile) {
      const redacted = Bsn.redact(text)
      expect(Bsn.find(redacted)).toEqual([])
    }
  })
})
