import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import { CalendarDate, CouncilLetter, Ids } from "../src/index.js"
import * as Demo from "./fixtures/demo.js"
import * as Ref from "./fixtures/reference.js"

const d = CalendarDate.CalendarDate.make
const input = (date: string) => ({
  plan: Ref.plan2022,
  region: Ref.gooiEnVechtstreek,
  municipalities: Ref.municipalities,
  decisions: Demo.decisions,
  regionName: "Regio Gooi en Vechtstreek",
  programmes: Ref.programmes,
  taskAreas: Ref.taskAreas,
  linkedDomains: Ref.linkedDomains,
  predecessor: Ref.plan2017,
  date: d(date),
  kenmerk: Ids.Kenmerk.make("21.0008702"),
  signatory: "<naam wethouder>",
})
const letterOn = (date: string) => {
  const r = CouncilLetter.adoptionLetter(input(date))
  if (Result.isFailure(r)) throw r.failure
  return r.success
}

describe("CouncilLetter", () => {
  it("addresses the councils the 2021 letter addressed: the plan's councils that are members on its date", () => {
    const letter = letterOn("2021-12-23")
    expect(letter.addressees).toEqual(Ref.letter2021.addressees)
    expect(CouncilLetter.addressLine(letter)).toBe(
      "Blaricum, Eemnes, Gooise Meren, Hilversum, Huizen, Laren en Wijdemeren",
    )
    expect(letter.subject).toBe(Ref.letter2021.subject)
  })

  it("lists the programmes, task areas and linked domains in Dutch", () => {
    const letter = letterOn("2021-12-23")
    expect(letter.paragraphs).toContain(
      "Het beleidsplan bestaat uit drie programma's: Preventie en perspectief, Beschermd en veilig thuis wonen en Integrale benadering vanuit zorg en veiligheid.",
    )
    expect(letter.paragraphs).toContain(
      "Bescherming en Opvang omvat de gemeentelijke Wmo-taken geestelijke gezondheidszorg, verslavingszorg, aanpak van huiselijk geweld en kindermishandeling, beschermd wonen, maatschappelijke opvang en vrouwenopvang.",
    )
    expect(letter.paragraphs).toContain(
      "De komende jaren wordt ingezet op de verbinding van beschermd wonen en opvang met schuldhulpverlening, veiligheid en werk.",
    )
    expect(letter.paragraphs[0]).toContain("verdieping van de weg die met het beleidsplan 2017 - 2020 is ingeslagen")
  })

  it("is refused before every council has adopted, naming who has not", () => {
    const r = CouncilLetter.adoptionLetter(input("2021-11-30"))
    expect(Result.isFailure(r) && r.failure.message).toBe(
      "bo-2022-2025 cannot be adopted: Eemnes has not decided yet; Laren postponed its decision on 2021-11-09",
    )
  })

  it("renders Markdown with the letter head, date in Dutch, and every paragraph", () => {
    const md = CouncilLetter.toMarkdown(Ref.letter2021)
    expect(md).toContain("**Datum:** 23 december 2021  \n**Kenmerk:** 21.0008702  \n")
    expect(md).toContain("**Onderwerp:** Vastgesteld beleidsplan Bescherming en Opvang 2022 - 2025")
    expect(md).toContain("Het nieuwe beleidsplan Bescherming en Opvang \\(2022 - 2025\\) Regio Gooi en Vechtstreek")
    expect(md).toContain("\\<naam wethouder\\>")
  })

  it("escapes text in HTML so that no markup from the data gets through", () => {
    const letter = new CouncilLetter.CouncilLetter({
      ...Ref.letter2021,
      subject: `<script>alert("x")</script> & 'co'`,
      paragraphs: ["<b>vet</b>"],
    })
    const html = CouncilLetter.toHtml(letter)
    expect(html).toContain("<dd>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</dd>")
    expect(html).toContain("<p>&lt;b&gt;vet&lt;/b&gt;</p>")
    expect(html).not.toContain("<script>")
    expect(html).toContain('<time datetime="2021-12-23">23 december 2021</time>')
  })

  it("escapes Markdown syntax in the data", () => {
    expect(CouncilLetter.escapeMarkdown("*vet* [link](x) # kop")).toBe("\\*vet\\* \\[link\\]\\(x\\) \\# kop")
    expect(CouncilLetter.escapeMarkdown("1. lijst\n- punt")).toBe("1\\. lijst\n\\- punt")
  })
})
