import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Action, CalendarDate, Ids, Period, ProgressLetter, Publication } from "../src/index.js"
import { progressLetter as generatedLetter } from "./arbitraries.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const d = CalendarDate.CalendarDate.make
const p = Period.Period.make

/** The demo's yearly region figures, as if every one were published: the sum of the members' demo values. */
const demoFigures = (years: ReadonlyArray<string>): ReadonlyArray<ProgressLetter.Figure> =>
  Demo.targets.flatMap((t) =>
    years.map((year) => {
      const values = Demo.observations.filter(
        (o) => o.indicator === t.indicator && o.period === year && o.area !== (Ref.weesp.code as string),
      )
      return {
        indicator: t.indicator,
        year: p(year),
        cell:
          values.length === 0
            ? Publication.NoData.make({})
            : Publication.Shown.make({ value: values.reduce((s, o) => s + (o.value ?? 0), 0) }),
      }
    }),
  )

const input = (
  date: string,
  overrides: Partial<ProgressLetter.ProgressLetterInput> = {},
): ProgressLetter.ProgressLetterInput => ({
  plan: Ref.plan2022,
  status: Demo.status,
  region: Ref.gooiEnVechtstreek,
  regionName: "Regio Gooi en Vechtstreek",
  municipalities: Ref.municipalities,
  decisions: Demo.decisions,
  programmes: Ref.programmes,
  goals: Demo.goals,
  actions: Demo.actions,
  indicators: Demo.indicators,
  targets: Demo.targets,
  figures: demoFigures(["2022", "2023"]),
  budget: { lines: Demo.budget, key: Demo.costKey(2022) },
  date: d(date),
  kenmerk: Ids.Kenmerk.make("26.0001234"),
  signatory: "Het dagelijks bestuur van Regio Gooi en Vechtstreek",
  ...overrides,
})

const isoDate = /\d{4}-\d{2}-\d{2}/

describe("the progress letter", () => {
  const letter = ProgressLetter.progressLetter(input("2026-12-06"))

  it("has a Dutch date, the kenmerk, the plan's councils, a subject and every section", () => {
    expect(letter.dateText).toBe("6 december 2026")
    expect(letter.kenmerk).toBe("26.0001234")
    expect(letter.addressees.map((a) => a.name)).toEqual([
      "Blaricum",
      "Eemnes",
      "Gooise Meren",
      "Hilversum",
      "Huizen",
      "Laren",
      "Wijdemeren",
    ])
    expect(letter.addressLine).toBe(
      "de gemeenteraden van Blaricum, Eemnes, Gooise Meren, Hilversum, Huizen, Laren en Wijdemeren",
    )
    expect(letter.subject).toBe("Voortgang beleidsplan Bescherming en Opvang 2022 - 2025")
    expect(letter.aanleiding.heading).toBe("Aanleiding")
    expect(letter.aanleiding.paragraphs.join(" ")).toContain("in alle gemeenteraden vastgesteld")
    expect(letter.programmes.map((s) => s.heading)).toEqual([
      "Preventie en perspectief",
      "Beschermd en veilig thuis wonen",
      "Integrale benadering vanuit zorg en veiligheid",
    ])
    expect(letter.changes.heading).toBe("Wat is er veranderd sinds de vorige brief")
    expect(letter.budget.heading).toBe("Budget")
    expect(letter.vervolg.heading).toBe("Vervolg")
    expect(letter.closing).toBe("Met vriendelijke groet,")
    expect(letter.signatory).toBe("Het dagelijks bestuur van Regio Gooi en Vechtstreek")
  })

  it("reports each programme's progress with the published yearly figures of its goals' indicators and their targets", () => {
    const prevention = letter.programmes[0]
    expect(prevention?.years).toEqual(["2022", "2023", "2024", "2025"])
    const evictions = prevention?.rows.find((r) => r.indicator === "huisuitzettingen")
    expect(evictions?.goalTitle).toBe("Minder huisuitzettingen")
    expect(evictions?.values.map((v) => v.status)).toEqual(["shown", "shown", "none", "none"])
    expect(evictions?.values[2]?.text).toBe("–")
    expect(evictions?.target?.text).toBe("20")
    expect(evictions?.baseline?.text).toBe("44")
    expect(evictions?.latest?.period).toBe("2023")
    expect(evictions?.summary).toMatch(/^Huisuitzettingen: \d+ in 2023, tegen een doel van hoogstens 20 in 2025/)
    for (const section of letter.programmes) expect(section.progressText).toMatch(/^(\d+%|onbekend)$/)
  })

  it("shows a hidden figure as hidden, never as a number, and counts nothing for it", () => {
    const figures = demoFigures(["2022", "2023"]).map((f) =>
      f.indicator === "huisuitzettingen" ? { ...f, cell: Publication.Suppressed.make({ reason: "protected" }) } : f,
    )
    const hidden = ProgressLetter.progressLetter(input("2026-12-06", { figures }))
    const row = hidden.programmes[0]?.rows.find((r) => r.indicator === "huisuitzettingen")
    expect(row?.values.map((v) => v.text)).toEqual(["verborgen", "verborgen", "–", "–"])
    expect(row?.latest).toBeNull()
    expect(row?.progress).toBeNull()
    expect(row?.summary).toContain("het cijfer is verborgen, zodat niemand herkenbaar is")
  })

  it("writes no ISO date in any paragraph, list item or table text", () => {
    for (const sentence of ProgressLetter.sentences(letter)) expect(sentence).not.toMatch(isoDate)
    const second = ProgressLetter.progressLetter(input("2027-03-01", { previous: letter }))
    for (const sentence of ProgressLetter.sentences(second)) expect(sentence).not.toMatch(isoDate)
  })

  it("writes no ISO date in any sentence of any letter, whatever its figures, date and previous letter", () => {
    fc.assert(
      fc.property(generatedLetter, (generated) => {
        for (const sentence of ProgressLetter.sentences(generated)) expect(sentence).not.toMatch(isoDate)
      }),
      { numRuns: 100 },
    )
  })

  it("writes amounts as whole euros and numbers with Dutch separators", () => {
    expect(ProgressLetter.formatEuros(123_456_789)).toBe("€ 1.234.568")
    expect(ProgressLetter.formatEuros(-1_000_000)).toBe("-€ 10.000")
    expect(ProgressLetter.formatNumber(1234.5)).toBe("1.234,5")
    expect(ProgressLetter.formatNumber(0.625)).toBe("0,63")
    expect(ProgressLetter.formatValueInText("per-1000-residents", 0.6)).toBe("0,6 per 1.000 inwoners")
    expect(ProgressLetter.formatValueInText("days", 34)).toBe("34 dagen")
    for (const t of letter.budget.totals) expect(t.text).toMatch(/^€ \d{1,3}(\.\d{3})*$/)
    for (const s of letter.budget.shares) for (const y of s.years) expect(y.text).toMatch(/^€ \d{1,3}(\.\d{3})*$/)
  })

  it("formats any number with a dot per thousand and a decimal comma", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = ProgressLetter.formatNumber(whole + (Math.sign(whole || 1) * cents) / 100)
        expect(text).toMatch(/^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$/)
        expect(Number(text.replace(/\./g, "").replace(",", "."))).toBeCloseTo(
          whole + (Math.sign(whole || 1) * cents) / 100,
          2,
        )
      }),
    )
  })

  it("gives the pooled total per year and each plan council's share, which add up to the total", () => {
    expect(letter.budget.years).toEqual([2022, 2023, 2024, 2025])
    expect(letter.budget.shares.map((s) => s.name)).not.toContain("Weesp")
    expect(letter.budget.shares).toHaveLength(7)
    letter.budget.totals.forEach((t, i) => {
      expect(letter.budget.shares.reduce((sum, s) => sum + (s.years[i]?.amount ?? 0), 0)).toBe(t.amount)
    })
    expect(letter.budget.paragraphs[0]).toMatch(
      /^Het gezamenlijke budget voor het plan is € [\d.]+ over 2022 - 2025\.$/,
    )
  })

  it("says so when no budget is recorded", () => {
    const none = ProgressLetter.progressLetter(input("2026-12-06", { budget: undefined }))
    expect(none.budget.paragraphs).toEqual(["Voor dit plan is nog geen gezamenlijk budget vastgelegd."])
    expect(none.budget.shares).toEqual([])
  })

  it("says the first letter has no earlier letter to compare with", () => {
    expect(letter.previous).toBeNull()
    expect(letter.changes.paragraphs[0]).toContain("Dit is de eerste voortgangsbrief over dit plan")
    expect(letter.changes.items).toEqual([])
  })

  it("names what changed since the previous letter: new and revised figures, milestones reached, budget", () => {
    const first = ProgressLetter.progressLetter(input("2024-03-01", { figures: demoFigures(["2022"]) }))
    const actions = Demo.actions.map((a) =>
      a.id === "betalingsregelingen-huur"
        ? Action.Action.make({
            ...a,
            milestones: a.milestones.map((m) =>
              m.id === "alle-corporaties" ? Action.Milestone.make({ ...m, completedOn: d("2024-11-20") }) : m,
            ),
          })
        : a,
    )
    const figures = demoFigures(["2022", "2023"]).map((f) =>
      f.indicator === "mo-instroom" && f.year === "2022" && f.cell._tag === "Shown"
        ? { ...f, cell: Publication.Shown.make({ value: f.cell.value + 5 }) }
        : f,
    )
    const budget = {
      lines: Demo.budget.map((l, i) => (i === 0 ? { ...l, amount: (l.amount + 10_000_000) as never } : l)),
      key: Demo.costKey(2022),
    }
    const second = ProgressLetter.progressLetter(
      input("2024-12-06", {
        previous: first,
        figures,
        actions,
        budget: budget as never,
        kenmerk: "24.0009999" as never,
      }),
    )
    expect(second.previous).toEqual({ date: "2024-03-01", kenmerk: "26.0001234" })
    expect(second.changes.paragraphs[0]).toBe(
      "Onze vorige brief over de voortgang is van 1 maart 2024 (kenmerk 26.0001234). Sindsdien is het volgende veranderd.",
    )
    const items = second.changes.items.join("\n")
    expect(items).toMatch(/Huisuitzettingen: nieuw cijfer over 2023 \(\d+\)\./)
    expect(items).toMatch(/Instroom maatschappelijke opvang: het cijfer over 2022 is bijgesteld van \d+ naar \d+\./)
    expect(items).toContain(
      'Mijlpaal "Alle corporaties doen mee" van "Afspraken over betalingsregelingen bij huurachterstand" is bereikt op 20 november 2024.',
    )
    expect(items).toMatch(/Het budget voor 2022 is gewijzigd van € [\d.]+ naar € [\d.]+\./)
  })

  it("says nothing changed when nothing did", () => {
    const again = ProgressLetter.progressLetter(input("2026-12-07", { previous: letter }))
    expect(again.changes.items).toEqual([])
    expect(again.changes.paragraphs[0]).toContain("Sindsdien zijn er geen nieuwe cijfers")
  })

  it("lists next steps: the evaluation of a plan past its years, open milestones, and actions past their end", () => {
    expect(letter.vervolg.paragraphs[0]).toBe(
      "Het beleidsplan liep tot en met 2025. De evaluatie met de partners volgt; de uitkomst ervan ontvangt u in een volgende brief.",
    )
    const items = letter.vervolg.items.join("\n")
    expect(items).toContain(
      'Mijlpaal "Evaluatie pilot" van "Pilot Housing First" had op 31 maart 2025 bereikt moeten zijn en staat nog open.',
    )
    expect(items).toContain('Actie "Regionaal wachtlijstbeheer" had op 31 december 2024 klaar moeten zijn')
    const earlier = ProgressLetter.progressLetter(input("2024-06-01"))
    expect(earlier.vervolg.items.join("\n")).toContain(
      'Mijlpaal "Alle corporaties doen mee" van "Afspraken over betalingsregelingen bij huurachterstand" staat gepland op 31 december 2024.',
    )
  })

  it("names the councils that have not adopted the plan, in the aanleiding and as an open decision", () => {
    const open = ProgressLetter.progressLetter(
      input("2021-11-20", { decisions: Demo.decisions.filter((x) => x.date <= "2021-11-20") }),
    )
    expect(open.aanleiding.paragraphs.join(" ")).toContain("nog niet door alle gemeenteraden vastgesteld")
    expect(open.vervolg.items).toContain("De gemeenteraad van Laren heeft nog niet over het plan besloten.")
  })

  it("survives being stored: encoding and decoding gives the same letter", async () => {
    const { Schema } = await import("effect")
    const encoded = Schema.encodeSync(ProgressLetter.ProgressLetter)(letter)
    const decoded = Schema.decodeUnknownSync(ProgressLetter.ProgressLetter)(JSON.parse(JSON.stringify(encoded)))
    expect(decoded).toEqual(letter)
  })
})
