import { readFileSync } from "node:fs"
import {
  Action,
  Budget,
  CalendarDate,
  CouncilDecision,
  CouncilLetter,
  Goal,
  Indicator,
  LinkedDomain,
  Membership,
  Municipality,
  Observation,
  Partner,
  Plan,
  PlanLifecycle,
  Programme,
  Region,
  Source,
  Target,
  TaskArea,
} from "@baken/domain"
import { describe, expect, it } from "@effect/vitest"
import { Option, Schema } from "effect"
import * as Demo from "../src/demo/index.js"
import * as Ref from "../src/reference/index.js"

const d = CalendarDate.CalendarDate.make
// Sources are kept as .txt so that no formatter touches them.
const read = (file: string) => {
  const name = file.split("/").pop() ?? file
  return readFileSync(new URL(`./sources/${name.endsWith(".txt") ? name : `${name}.txt`}`, import.meta.url), "utf8")
}
const domain = read("docs/DOMAIN.md")

const roundTrips = <A>(schema: Schema.Codec<A, unknown>, values: ReadonlyArray<A>) => {
  for (const value of values) {
    const json: unknown = JSON.parse(JSON.stringify(Schema.encodeUnknownSync(schema)(value)))
    expect(Schema.decodeUnknownSync(schema)(json)).toEqual(value)
  }
}

describe("reference data of Gooi en Vechtstreek", () => {
  it("decodes every entity with its schema", () => {
    roundTrips(Region.Region, [Ref.gooiEnVechtstreek])
    roundTrips(Municipality.Municipality, Ref.municipalities)
    roundTrips(Plan.Plan, Ref.plans)
    roundTrips(Programme.Programme, Ref.programmes)
    roundTrips(TaskArea.TaskArea, Ref.taskAreas)
    roundTrips(LinkedDomain.LinkedDomain, Ref.linkedDomains)
    roundTrips(Partner.KindDescription, Ref.partnerKinds)
    roundTrips(Partner.Partner, Ref.partners)
    roundTrips(Ref.KnownStep, Ref.knownSteps)
    roundTrips(CouncilLetter.CouncilLetter, [Ref.letter2021])
    roundTrips(Source.Source, Ref.sources)
    roundTrips(Source.Fact, Ref.facts)
  })

  it("quotes every fact word for word from its source", () => {
    for (const fact of Ref.facts) {
      const source = Ref.sources.find((s) => s.id === fact.source)
      expect(source, fact.statement).toBeDefined()
      if (source !== undefined) expect(read(source.file), fact.statement).toContain(fact.quote)
    }
  })

  it("has the eight municipalities with the CBS codes of DOMAIN.md, and the three that formed Gooise Meren", () => {
    for (const m of Ref.members)
      expect(domain).toContain(`| ${m.name} | ${m.code} | ${Municipality.gemeentecode(m.code)} |`)
    expect(Ref.members).toHaveLength(8)
    for (const m of [Ref.bussum, Ref.naarden, Ref.muiden]) expect(domain).toContain(`${m.name} (${m.code})`)
    expect(Ref.eemnes.province).toBe("Utrecht")
  })

  it("has Weesp leave on 24 March 2022 for Amsterdam and Gooise Meren start on 1 January 2016", () => {
    expect(Ref.weesp.succeededBy?.on).toBe("2022-03-24")
    expect(Ref.weesp.succeededBy?.successor).toBe(Ref.amsterdam.code)
    expect(Membership.isMemberOn(Ref.gooiEnVechtstreek, Ref.weesp.code, d("2022-03-24"))).toBe(false)
    expect(Membership.isMemberOn(Ref.gooiEnVechtstreek, Ref.weesp.code, d("2022-03-23"))).toBe(true)
    expect(Membership.membersOn(Ref.gooiEnVechtstreek, d("2016-01-01"))).toContain(Ref.gooiseMeren.code)
    for (const m of [Ref.bussum, Ref.naarden, Ref.muiden]) expect(m.succeededBy?.on).toBe("2016-01-01")
  })

  it("has both plans with the titles and kenmerken of DOMAIN.md, the second deepening the first", () => {
    expect(domain).toContain(`"${Ref.plan2017.title}" (kenmerk ${Ref.plan2017.kenmerk})`)
    expect(domain).toContain(`"${Ref.plan2022.title}" (kenmerk ${Ref.plan2022.kenmerk}, final text 7 October 2021)`)
    expect(Ref.plan2022.predecessor).toBe(Ref.plan2017.id)
    expect(Ref.plan2022.finalTextOn).toBe("2021-10-07")
    expect(Plan.yearsLabel(Ref.plan2017)).toBe("2017 - 2020")
  })

  it("has three named core programmes for 2022-2025 and four unnamed ones for 2017-2020, saying they are not named", () => {
    const p2022 = Programme.ofPlan(Ref.programmes, Ref.plan2022.id)
    const flowing = domain.replace(/\s+/g, " ")
    for (const p of p2022) expect(flowing).toContain(`**${p.name}**`)
    expect(p2022).toHaveLength(3)
    const p2017 = Programme.ofPlan(Ref.programmes, Ref.plan2017.id)
    expect(p2017).toHaveLength(4)
    for (const p of p2017) {
      expect(p.name).toBeUndefined()
      expect(p.note).toContain("niet bij naam")
    }
  })

  it("records the release of 16 March 2017 and the adoption by all councils by 23 December 2021, no invented dates", () => {
    expect(Ref.knownSteps).toContainEqual(
      new Ref.KnownStep({ plan: Ref.plan2017.id, step: "release", on: d("2017-03-16"), source: "seed-002" }),
    )
    expect(Ref.knownSteps).toContainEqual(
      new Ref.KnownStep({ plan: Ref.plan2022.id, step: "adopt", noLaterThan: d("2021-12-23"), source: "seed-000" }),
    )
    expect(Ref.knownSteps.filter((s) => s.step === "adopt" && s.on !== undefined)).toEqual([])
  })

  it("has the six task areas, three linked domains, and the fifteen partner kinds of DOMAIN.md plus gemeente", () => {
    expect(Ref.taskAreas.map((t) => t.id)).toEqual(TaskArea.TaskAreaId.literals)
    expect(Ref.linkedDomains.map((l) => l.id)).toEqual(["schuldhulpverlening", "veiligheid", "werk"])
    expect(Partner.namedKinds).toHaveLength(15)
    expect(Ref.partnerKinds.map((k) => k.kind)).toEqual([...Partner.namedKinds, "gemeente"])
    for (const t of Ref.taskAreas.filter((t) => t.abbreviation !== undefined))
      expect(domain).toContain(`(${t.abbreviation})`)
  })

  it("names only partners the sources name, without identifiers the sources do not give", () => {
    const seeds = read("000_7a276d9cfc978a7a.txt") + read("002_5cd3726ff1e1cf43.txt")
    for (const p of Ref.partners) {
      expect(p.agb).toBeUndefined()
      expect(p.kvk).toBeUndefined()
    }
    for (const name of [
      "Zilveren Kruis",
      "Veilig Thuis",
      "GGD",
      "Zorg- en Veiligheidshuis",
      "politie",
      "Taskforce Huiselijk Geweld en Kindermishandeling",
    ]) {
      expect(seeds).toContain(name)
    }
  })

  it("keeps the letter of 23 December 2021 as sent, paragraph for paragraph", () => {
    const letter = read("000_7a276d9cfc978a7a.txt")
      .replace(/\[([^\]]*)\]\(#\)/g, "$1")
      .replace(/\\\(/g, "(")
      .replace(/\\\)/g, ")")
    for (const paragraph of Ref.letter2021.paragraphs) expect(letter).toContain(paragraph)
    expect(letter).toContain(Ref.letter2021.subject)
    expect(CouncilLetter.formatDate(Ref.letter2021.date)).toBe("23 december 2021")
  })
})

describe("demo data", () => {
  it("says it is example data", () => {
    expect(Demo.label).toContain("Voorbeelddata")
    for (const p of Demo.partners) expect(p.name).toContain("(demo)")
  })

  it("decodes every entity with its schema", () => {
    roundTrips(Partner.Partner, Demo.partners)
    roundTrips(Indicator.Indicator, Demo.indicators)
    roundTrips(Target.Target, Demo.targets)
    roundTrips(Goal.Goal, Demo.goals)
    roundTrips(Action.Action, Demo.actions)
    roundTrips(CouncilDecision.CouncilDecision, Demo.decisions)
    roundTrips(PlanLifecycle.Status, [Demo.status])
    roundTrips(Budget.BudgetLine, Demo.budget)
    roundTrips(Budget.CostKey, [2022, 2023, 2024, 2025].map(Demo.costKey))
    roundTrips(Observation.Observation, Demo.observations)
  })

  it("agrees with the sources: every council of the 2022 plan adopted it by 23 December 2021", () => {
    const date = PlanLifecycle.adoptionDate({
      plan: Ref.plan2022,
      region: Ref.gooiEnVechtstreek,
      municipalities: Ref.municipalities,
      decisions: Demo.decisions,
    })
    expect(Option.isSome(date) && date.value <= "2021-12-23").toBe(true)
    expect(Demo.status._tag === "InExecution" && Demo.status.adoptedOn).toEqual(Option.getOrNull(date))
  })

  it("is rich enough to show: goals and actions for every programme, and small counts for disclosure control to hide", () => {
    for (const p of Programme.ofPlan(Ref.programmes, Ref.plan2022.id)) {
      const goals = Goal.ofProgramme(Demo.goals, p.id)
      expect(goals.length).toBeGreaterThanOrEqual(2)
      expect(goals.some((g) => Action.ofGoal(Demo.actions, g.id).length > 0)).toBe(true)
    }
    const small = Demo.observations.filter((o) => o.value !== null && o.value > 0 && o.value < 10)
    expect(small.length).toBeGreaterThan(10)
    expect(new Set(Demo.observations.map((o) => o.area)).size).toBe(8)
  })
})
