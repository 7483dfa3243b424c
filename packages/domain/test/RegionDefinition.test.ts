import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import { RegionDefinition } from "../src/index.js"

const exampleText = readFileSync(new URL("../examples/voorbeeldregio.json", import.meta.url), "utf8")
// biome-ignore lint/suspicious/noExplicitAny: the tests edit a parsed JSON document in place
type Doc = any

const example = (): Doc => JSON.parse(exampleText)

const problems = (input: unknown): ReadonlyArray<string> => {
  const r = RegionDefinition.decode(input)
  return Result.isFailure(r) ? r.failure.problems.map((p) => `${p.field}: ${p.message}`) : []
}

const decoded = (input: unknown) => {
  const r = RegionDefinition.decode(input)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

/** Every path into a JSON value, objects' keys and arrays' indexes, the value itself first. */
const pathsOf = (value: unknown, prefix: ReadonlyArray<string | number> = []): Array<Array<string | number>> => {
  const here = [[...prefix]]
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))]
  if (typeof value === "object" && value !== null)
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))]
  return here
}

const setAt = (root: Doc, path: ReadonlyArray<string | number>, value: unknown): unknown => {
  if (path.length === 0) return value
  let node = root
  for (const key of path.slice(0, -1)) node = node[key]
  node[path[path.length - 1] as string | number] = value
  return root
}

describe("RegionDefinition", () => {
  it("reads the example region: four municipalities, one joining on 1 January 2025, and a plan with two programmes", () => {
    const d = decoded(example())
    expect(d.region.name).toBe("Regio Heuvelrand (voorbeeldregio)")
    expect(d.municipalities.map((m) => m.name)).toEqual(["Heuveldorp", "Rivierstad", "Duinhout", "Veenmeer"])
    expect(d.region.memberships.find((m) => m.municipality === "GM9904")?.from).toBe("2025-01-01")
    expect(d.plans[0]?.plan.title).toBe("Beschermd Thuis 2024-2027")
    expect(d.plans[0]?.programmes).toHaveLength(2)
  })

  it("accepts the kenmerk ZK/2023/0412 for a region that numbers its documents that way", () => {
    const d = decoded(example())
    expect(d.plans[0]?.plan.kenmerk).toBe("ZK/2023/0412")
    expect(RegionDefinition.kenmerkFits(d, "ZK/2024/0001")).toBe(true)
    expect(RegionDefinition.kenmerkFits(d, "21.0008702")).toBe(false)
  })

  it("refuses a plan whose kenmerk does not follow the region's numbering, naming the field and the pattern", () => {
    const doc = example()
    doc.kenmerk = { regex: "\\d{2}\\.\\d{6,7}", example: "21.0008702" }
    expect(problems(doc)).toEqual([
      "plans[0].plan.kenmerk: kenmerk ZK/2023/0412 volgt de nummering van de regio niet (patroon \\d{2}\\.\\d{6,7}, zoals 21.0008702)",
    ])
  })

  it("knows the region's own linked domain and partner kind beside the national ones", () => {
    const d = decoded(example())
    expect(RegionDefinition.linkedDomainsOf(d).map((l) => l.id)).toEqual([
      "schuldhulpverlening",
      "veiligheid",
      "werk",
      "inkomen",
    ])
    const kinds = RegionDefinition.partnerKindsOf(d)
    expect(kinds).toHaveLength(17)
    expect(kinds.find((k) => k.kind === "reclassering")?.name).toBe("reclassering")
  })

  it("refuses a linked domain or partner kind the region does not define, saying where to add it", () => {
    const doc = example()
    doc.linkedDomains = []
    doc.partnerKinds = []
    expect(problems(doc)).toEqual([
      "partners[0].kind: soort reclassering is geen landelijke soort partner en staat niet in partnerKinds: voeg hem daar toe met zijn Nederlandse naam",
      "plans[0].plan.linkedDomains[1]: inkomen is geen landelijk verbonden domein en staat niet in linkedDomains: voeg het daar toe met zijn Nederlandse naam",
    ])
  })

  it("says in Dutch which field is wrong and what belongs there", () => {
    const doc = example()
    doc.municipalities[1].code = "0402"
    delete doc.region.name
    doc.plans[0].plan.firstYear = "2024"
    expect(problems(doc)).toEqual([
      "region.name: ontbreekt",
      "municipalities[1].code: verwacht een CBS-gemeentecode zoals GM0402",
      "plans[0].plan.firstYear: verwacht een getal",
    ])
  })

  it("refuses a misspelt field instead of ignoring it", () => {
    const doc = example()
    doc.municipalites = doc.municipalities
    expect(problems(doc)).toEqual([
      "municipalites: onbekend veld: controleer de spelling (zie de beschrijving van het formaat)",
    ])
  })

  it("refuses a document of another schema version, or without one, before reading the rest", () => {
    expect(problems({ ...example(), version: 2 })).toEqual([
      "version: versie 2 kan deze Baken niet lezen; deze leest versie 1",
    ])
    const { version: _, ...rest } = example()
    expect(problems(rest)).toEqual(['version: ontbreekt: zet "version": 1 bovenaan'])
    expect(problems([])).toEqual([
      ": verwacht een JSON-object { … } met version, region, municipalities, kenmerk en plans",
    ])
  })

  it("refuses text that is no JSON, and a file too large to be a region's plan", () => {
    const broken = RegionDefinition.parse("{ version: 1", "regio.json")
    expect(Result.isFailure(broken) && broken.failure.message).toMatch(
      /^de regiodefinitie regio\.json is geweigerd: het bestand is geen geldige JSON: /,
    )
    const huge = RegionDefinition.parse(" ".repeat(RegionDefinition.maxBytes + 1))
    expect(Result.isFailure(huge) && huge.failure.message).toContain("groter dan")
  })

  it("refuses names that point nowhere: a member, council, programme, owner or key entry the document does not define", () => {
    const doc = example()
    doc.region.memberships.push({ municipality: "GM9905" })
    doc.plans[0].plan.councils = ["GM9906"]
    doc.plans[0].goals[0].programme = "elders"
    doc.plans[0].actions[0].owner = "onbekend"
    doc.plans[0].budget.key.residents.push({ municipality: "GM9907", value: 1 })
    expect(problems(doc)).toEqual([
      "region.memberships[4].municipality: GM9905 staat niet in municipalities: voeg de gemeente met haar naam toe",
      "plans[0].plan.councils[0]: GM9906 is nooit lid van de regio geweest",
      "plans[0].goals[0].programme: programma elders staat niet in de programma's van dit plan",
      "plans[0].actions[0].owner: partner onbekend staat niet in partners",
      "plans[0].budget.key.residents[4].municipality: GM9907 staat niet in municipalities: voeg de gemeente met haar naam toe",
    ])
  })

  it("refuses a plan of another region and a membership that overlaps another of the same municipality", () => {
    const doc = example()
    doc.plans[0].plan.region = "gooi-en-vechtstreek"
    expect(problems(doc)).toEqual([
      "plans[0].plan.region: het plan hoort bij regio gooi-en-vechtstreek, maar dit is regio heuvelrand",
    ])
    const twice = example()
    twice.region.memberships.push({ municipality: "GM9904", from: "2025-06-01" })
    expect(problems(twice)).toEqual(["region: GM9904 heeft twee lidmaatschappen die een dag delen"])
  })

  it("refuses a kenmerk pattern that could keep the server busy for ages, or that its own example does not fit", () => {
    const hostile = example()
    hostile.kenmerk = { regex: "(a+)+b", example: "ab" }
    expect(problems(hostile)[0]).toBe(
      "kenmerk.regex: een herhaalde groep binnen een herhaling, zoals (a+)+, is niet toegestaan: die kan eindeloos lang rekenen",
    )
    const broken = example()
    broken.kenmerk = { regex: "ZK/[", example: "ZK/1" }
    expect(problems(broken)[0]).toBe('kenmerk.regex: "ZK/[" is geen geldige reguliere expressie')
    const unfit = example()
    unfit.kenmerk = { regex: "ZK/\\d{4}", example: "21.0008702" }
    expect(problems(unfit)).toEqual(["kenmerk: het voorbeeld 21.0008702 past niet bij het patroon ZK/\\d{4}"])
  })

  it("refuses a hostile document quickly: a huge list, deep nesting, or a __proto__ key", () => {
    const many = example()
    many.region.memberships = Array.from({ length: 200_000 }, () => ({ municipality: "GM9901" }))
    const started = Date.now()
    expect(problems(many)).toEqual([
      "region.memberships: een lijst heeft hoogstens 10.000 elementen, deze heeft er 200.000",
    ])
    expect(Date.now() - started).toBeLessThan(2_000)
    const deep = example()
    let nested: Doc = []
    for (let i = 0; i < 1000; i++) nested = [nested]
    deep.plans[0].plan.title = nested
    expect(problems(deep)[0]).toBe(
      `plans[0].plan.title${"[0]".repeat(RegionDefinition.maxDepth - 3)}: nest hoogstens 32 niveaus diep`,
    )
    const polluted = RegionDefinition.parse(
      exampleText.replace('"version": 1,', '"version": 1, "__proto__": { "admin": true },'),
    )
    expect(Result.isFailure(polluted) && polluted.failure.problems.map((p) => p.field)).toEqual(["__proto__"])
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
  })

  it("writes a definition back to a document that reads as the same definition", () => {
    const d = decoded(example())
    expect(decoded(JSON.parse(JSON.stringify(RegionDefinition.encode(d))))).toEqual(d)
  })

  it("never throws on any JSON value, and refuses what it refuses in located Dutch", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = RegionDefinition.decode(value)
        expect(Result.isFailure(r)).toBe(true)
        if (Result.isFailure(r)) for (const p of r.failure.problems) expect(p.message).not.toMatch(/^[Ee]xpected/)
      }),
      { numRuns: 200 },
    )
  })

  it("refuses the example with any one part replaced by other JSON in Dutch, at a field inside the document", () => {
    const doc = example()
    const paths = pathsOf(doc).filter((p) => p.length > 0)
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        const r = RegionDefinition.decode(setAt(example(), path, value))
        if (Result.isSuccess(r)) return
        for (const p of r.failure.problems) {
          expect(p.message).not.toMatch(/^[Ee]xpected/)
          expect(p.message.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 300 },
    )
  })
})
