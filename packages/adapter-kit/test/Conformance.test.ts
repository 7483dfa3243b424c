// The conformance suite's own tests: its seed and canaries, and a mutation test. Each mutant of the template adapter
// (test/mutants/MutableTemplate.ts) makes one mistake a partner developer made or might make; the suite must fail
// every mutant with every seed, naming the promise that broke, and pass the template itself.
import { Effect, Layer, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { type Adapter, defineAdapter } from "../src/Adapter.js"
import * as Bsn from "../src/Bsn.js"
import * as Item from "../src/Item.js"
import * as Lines from "../src/Lines.js"
import { Pseudonymiser } from "../src/Pseudonymiser.js"
import * as Source from "../src/Source.js"
import * as Template from "../src/Template.js"
import {
  type Canary,
  ConformanceFailure,
  canaries,
  conformanceChecks,
  defaultSeed,
  maskBsn,
  type PromiseId,
  resolveSeed,
  testSecret,
} from "../src/testing.js"
import { type Mutation, mutant } from "./mutants/MutableTemplate.js"
import { fixtures, withPersonalData } from "./templateFixtures.js"

const seeds = [defaultSeed, 1, 42, 7_777, 2_024_031_6]

/** Runs every check of the suite on `adapter` with `seed`, as vitest would, and returns what broke. */
const suiteFailures = async (
  adapter: Adapter<Pseudonymiser>,
  seed: number,
): Promise<ReadonlyArray<ConformanceFailure>> => {
  const failures: Array<ConformanceFailure> = []
  for (const check of conformanceChecks(adapter, { fixtures }, seed)) {
    try {
      await check.run()
    } catch (error) {
      if (!(error instanceof ConformanceFailure)) throw error
      failures.push(error)
    }
  }
  return failures
}

describe("the suite's seed", () => {
  it("is the default without an option or BAKEN_CONFORMANCE_SEED, the option with one, and the variable above both", () => {
    expect(resolveSeed(undefined, undefined)).toBe(defaultSeed)
    expect(resolveSeed(5, undefined)).toBe(5)
    expect(resolveSeed(5, "77")).toBe(77)
    expect(resolveSeed(undefined, " ")).toBe(defaultSeed)
  })

  it("is a fresh number for BAKEN_CONFORMANCE_SEED=random and refuses one that is not a whole number", () => {
    expect(Number.isSafeInteger(resolveSeed(undefined, "random"))).toBe(true)
    expect(() => resolveSeed(undefined, "abc")).toThrow(/BAKEN_CONFORMANCE_SEED/)
  })
})

describe("the suite's canaries", () => {
  it("are the same people on every run with the same seed, and other people with another seed", () => {
    expect(canaries(99)).toEqual(canaries(99))
    expect(canaries(99).map((c) => c.bsn)).not.toEqual(canaries(100).map((c) => c.bsn))
  })

  it("have test BSNs (9999…) that pass the eleven-test, written plain, with dots, with spaces and in other BSN shapes", () => {
    for (const seed of seeds) {
      for (const c of canaries(seed, 10)) {
        expect(c.bsn).toMatch(/^9999\d{5}$/)
        expect(Bsn.isValid(c.bsn)).toBe(true)
        expect(c.bsnWithDots.replaceAll(".", "")).toBe(c.bsn)
        expect(c.bsnWithSpaces.replaceAll(" ", "")).toBe(c.bsn)
        expect(c.bsnWithDots).toMatch(/^\d{4}\.\d{2}\.\d{3}$/)
        expect(c.bsnSpellings.map(Bsn.digits)).toEqual(c.bsnSpellings.map(() => c.bsn))
        expect(c.bsnSpellings.map((s) => Bsn.find(s))).toEqual(c.bsnSpellings.map((s) => [s]))
        expect(c.birthDate < "1990-01-01").toBe(true)
        expect(c.birthDateDutch.split("-").reverse().join("-")).toBe(c.birthDate)
      }
    }
  })

  it("mask a BSN to its first four and last two digits", () => {
    expect(maskBsn("999900006")).toBe("9999•••06")
  })
})

describe("the suite's planted fixtures", () => {
  it("fail the suite, naming what is missing, when the builder leaves out the canary's name, address or birth date", async () => {
    const lazy = {
      ...fixtures,
      withPersonalData: (c: Canary) => ({
        name: "lui.csv",
        bytes: new TextEncoder().encode(`bsn,event,date,municipality\n${c.bsn},support-started,2024-03-01,GM0402\nx\n`),
        accepted: 1,
        rejected: [{ line: 3 }],
      }),
    }
    const declares = conformanceChecks(Template.adapter, { fixtures: lazy }, 1).find((c) => c.promise === "declares")
    await expect(declares?.run()).rejects.toThrow(/without its name, its address \(street\), its birth date/)
  })
})

describe("the suite's planted fixtures, by line", () => {
  it("fail the suite when no broken line holds the canary's BSN, where a parser's message would leak it", async () => {
    const validOnly = {
      ...fixtures,
      withPersonalData: (c: Canary) => ({
        name: "alleen-geldig.csv",
        bytes: new TextEncoder().encode(
          `bsn,event,date,municipality\n${c.bsn},support-started,2024-03-01,GM0402\n999900018,${c.fullName},${c.birthDateDutch},${c.street}\n`,
        ),
        accepted: 1,
        rejected: [{ line: 3 }],
      }),
    }
    const declares = conformanceChecks(Template.adapter, { fixtures: validOnly }, 1).find(
      (c) => c.promise === "declares",
    )
    await expect(declares?.run()).rejects.toThrow(/without its BSN in a broken row/)
  })
})

/** An adapter that repeats, transformed, line `line` of every file in a rejection: to test what the suite finds. */
const echoing = (line: number, transform: (text: string) => string) =>
  defineAdapter({
    id: "echo-test",
    partnerKinds: ["example"],
    formats: [{ id: "echo-1", extensions: [".csv"], description: "Herhaalt een regel." }],
    read: (source) =>
      Source.entries(source).pipe(
        Stream.flatMap((entry) =>
          Lines.lines(entry.bytes).pipe(
            Stream.filter((l) => l.number === line),
            Stream.map((l) =>
              Item.rejected({
                location: { file: entry.name, line: l.number },
                rule: "echo",
                nl: transform(l.text),
                en: "-",
              }),
            ),
            Stream.catch(() => Stream.empty),
          ),
        ),
        Stream.catch(() => Stream.empty),
      ),
  })

const headerOnly = { name: "kop.csv", bytes: new TextEncoder().encode(`${Template.header}\n`) }
const leakCheck = (adapter: Adapter) =>
  conformanceChecks(
    adapter,
    { fixtures: { valid: [headerOnly], invalid: [headerOnly], streaming: headerOnly, withPersonalData } },
    defaultSeed,
  ).find((c) => c.promise === "no-personal-data")

describe("the suite's search for personal data", () => {
  it("finds a canary BSN written with hyphens", async () => {
    const hyphens = echoing(2, (t) => t.replace(/^(\d{4})(\d{2})(\d{3})/, "$1-$2-$3"))
    await expect(leakCheck(hyphens)?.run()).rejects.toThrow(/BSN 9999•••\d\d in the rejection message \(nl\)/)
  })

  it("finds a canary's name in capitals", async () => {
    await expect(leakCheck(echoing(6, (t) => t.toUpperCase()))?.run()).rejects.toThrow(/name [A-Z][a-z]•+ in the/)
  })

  it("finds a canary's birth date written as digits only", async () => {
    const compact = echoing(7, (t) => t.replace(/.*(\d{2})-(\d{2})-(\d{4}).*/, "$3$2$1"))
    await expect(leakCheck(compact)?.run()).rejects.toThrow(/birth date 19••-••-•• in the/)
  })

  it("finds a canary's postcode without its space, in lower case", async () => {
    const postcode = echoing(8, (t) => {
      const m = /(\d{4}) ([A-Z]{2})/.exec(t)
      return m === null ? "" : `${m[1]}${m[2]?.toLowerCase()}`
    })
    await expect(leakCheck(postcode)?.run()).rejects.toThrow(/address \d\d•+ in the/)
  })

  it("finds a canary BSN that an adapter masked with the old shape only, written 4-3-2, with underscores or full-width", async () => {
    // Nine digits alone, or 3-3-3 and 4-2-3 with dots, spaces or hyphens: what Bsn.shaped caught before finding F5b.
    const oldShape = /(?<!\d)(?:\d{9}|\d{3}[. -]\d{3}[. -]\d{3}|\d{4}[. -]\d{2}[. -]\d{3})(?![\d])/g
    const masksOldShapes = echoing(4, (t) => t.replace(oldShape, "*********"))
    await expect(leakCheck(masksOldShapes)?.run()).rejects.toThrow(
      /BSN 9999•••\d\d in the rejection message \(nl\) of item \d+ \(rejection "echo" at line 4 of canary-\d+\.csv\) from input canary-\d+\.csv \(planted with canary 1, its BSN in spelling 1 of bsnSpellings\)/,
    )
  })

  it("finds nothing in a rejection that repeats no personal data", async () => {
    await expect(leakCheck(echoing(2, () => "Regel met een fout."))?.run()).resolves.toBeUndefined()
  })
})

describe("the template copy the mutants are made of", () => {
  it("reads every fixture exactly like the template when no mutation is applied", async () => {
    const layer = Layer.orDie(Pseudonymiser.layer(testSecret))
    const read = (adapter: Adapter<Pseudonymiser>, name: string, bytes: Uint8Array) =>
      Effect.runPromise(Stream.runCollect(adapter.read(Source.bytes(name, bytes))).pipe(Effect.provide(layer)))
    const all = [
      ...fixtures.valid,
      ...fixtures.invalid,
      fixtures.streaming,
      ...canaries(defaultSeed).map(withPersonalData),
    ]
    for (const f of all) {
      expect(JSON.stringify(await read(mutant(), f.name, f.bytes)), f.name).toBe(
        JSON.stringify(await read(Template.adapter, f.name, f.bytes)),
      )
    }
  })
})

const cases: ReadonlyArray<{ title: string; mutation: Mutation; promise: PromiseId; says: RegExp }> = [
  {
    title: "fails an adapter that leaks a BSN through a parser's error message, with every seed",
    mutation: "leaks-bsn-via-parser-error",
    promise: "no-personal-data",
    says: /BSN 9999•••\d\d in the rejection message \(nl\) of item \d+ \(rejection "date" at line 7 of canary-\d+\.csv\)/,
  },
  {
    title: "fails an adapter that repeats a person's name in a rejection message, with every seed",
    mutation: "leaks-name",
    promise: "no-personal-data",
    says: /name \w\w•+ in the rejection message \(nl\) of item \d+ \(rejection "event-kind" at line 6/,
  },
  {
    title: "fails an adapter that repeats an address in a rejection message, with every seed",
    mutation: "leaks-address",
    promise: "no-personal-data",
    says: /address \w\w•+ in the rejection message \(nl\) of item \d+ \(rejection "municipality" at line 8/,
  },
  {
    title: "fails an adapter that drops a row in silence, with every seed",
    mutation: "drops-row",
    promise: "accounted",
    says: /the broken row at line 4 of canary-\d+\.csv got no rejection there/,
  },
  {
    title: "fails an adapter that throws on a row instead of rejecting it, with every seed",
    mutation: "throws",
    promise: "never-fails",
    says: /failed with a defect on input canary-\d+\.csv \(planted with canary 1\)/,
  },
  {
    title: "fails an adapter that reads the whole input before it emits anything, with every seed",
    mutation: "buffers-input",
    promise: "streams",
    says: /came out only after all \d+ chunks were read/,
  },
  {
    title: "fails an adapter whose rejections name no line, with every seed",
    mutation: "unlocated-rejections",
    promise: "located",
    says: /names no line, element path or message/,
  },
]

describe("the conformance suite, run on mutants of the template adapter", () => {
  it("passes the template adapter itself, with every seed", async () => {
    for (const seed of seeds) {
      expect((await suiteFailures(Template.adapter, seed)).map((f) => f.message)).toEqual([])
    }
  })

  for (const c of cases) {
    it(c.title, async () => {
      for (const seed of seeds) {
        const failures = await suiteFailures(mutant(c.mutation), seed)
        const broken = failures.find((f) => f.promise === c.promise)
        expect(broken?.message, `seed ${seed}: ${failures.map((f) => f.promise).join(", ")}`).toMatch(c.says)
        expect(broken?.message).toContain(`BAKEN_CONFORMANCE_SEED=${seed}`)
      }
    })
  }

  it("never repeats a planted person's data in a failure message", async () => {
    for (const mutation of ["leaks-bsn-via-parser-error", "leaks-name", "leaks-address", "throws"] as const) {
      const text = (await suiteFailures(mutant(mutation), defaultSeed)).map((f) => f.message).join("\n")
      for (const c of canaries(defaultSeed)) {
        for (const value of [
          c.bsn,
          c.bsnWithDots,
          c.bsnWithSpaces,
          ...c.bsnSpellings,
          c.givenName,
          c.familyName,
          c.street,
          c.city,
        ]) {
          expect(text.toLowerCase(), mutation).not.toContain(value.toLowerCase())
        }
        expect(text).not.toContain(c.birthDate)
        expect(text).not.toContain(c.birthDateDutch)
      }
    }
  })
})
