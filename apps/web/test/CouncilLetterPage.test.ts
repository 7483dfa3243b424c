import { readFileSync } from "node:fs"
import { CalendarDate, Ids, ProgressLetter, Publication } from "@baken/domain"
import * as Demo from "@baken/region-gooi-en-vechtstreek/demo"
import * as Ref from "@baken/region-gooi-en-vechtstreek/reference"
import { describe, expect, it } from "vitest"
import { CouncilLetterPage, type CouncilLetterPageProps } from "../src/pages/CouncilLetterPage.js"

/** A letter as the API serves it, built by the domain from the demo plan with a few published figures. */
const answer = (kenmerk: string | null): CouncilLetterPageProps => ({
  letter: ProgressLetter.progressLetter({
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
    figures: [
      {
        indicator: Ids.IndicatorId.make("huisuitzettingen"),
        year: "2022" as never,
        cell: Publication.Shown.make({ value: 1235 }),
      },
      {
        indicator: Ids.IndicatorId.make("huisuitzettingen"),
        year: "2023" as never,
        cell: Publication.Suppressed.make({ reason: "protected" }),
      },
    ],
    budget: { lines: Demo.budget, key: Demo.costKey(2022) },
    date: CalendarDate.CalendarDate.make("2026-12-06"),
    kenmerk: kenmerk === null ? null : Ids.Kenmerk.make(kenmerk),
    signatory: "Het dagelijks bestuur van Regio Gooi en Vechtstreek",
  }),
  issued: kenmerk !== null,
})

const render = async (props: CouncilLetterPageProps): Promise<string> =>
  String(await CouncilLetterPage(props).toString())
const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")

describe("the council letter page", () => {
  it("renders the letter head, every section, the figures and the budget of the API's answer", async () => {
    const html = await render(answer("26.0001234"))
    expect(html).toContain('<time datetime="2026-12-06">6 december 2026</time>')
    expect(html).toContain("<dd>26.0001234</dd>")
    expect(html).toContain(
      "<dd>de gemeenteraden van Blaricum, Eemnes, Gooise Meren, Hilversum, Huizen, Laren en Wijdemeren</dd>",
    )
    for (const heading of [
      "Aanleiding",
      "Voortgang per programma",
      "Wat is er veranderd sinds de vorige brief",
      "Budget",
      "Vervolg",
    ]) {
      expect(html).toContain(`<h2 class="utrecht-heading-2">${heading}</h2>`)
    }
    expect(html).toMatch(
      /<h3 class="utrecht-heading-3" id="programma-1">Preventie en perspectief: (\d+%|onbekend)<\/h3>/,
    )
    const figures = html.slice(
      html.indexOf('id="cijfers-programma-1"'),
      html.indexOf("</table>", html.indexOf('id="cijfers-programma-1"')),
    )
    expect(figures).toContain('data-status="shown">1.235</td>')
    expect(figures).toContain('data-status="hidden"><span class="baken-suppressed">verborgen</span></td>')
    expect(figures).toContain(">20 (2025)</td>")
    const budget = html.slice(html.indexOf('id="budget"'), html.indexOf("</table>", html.indexOf('id="budget"')))
    expect(budget.match(/data-municipality=/g)).toHaveLength(7)
    expect(budget).not.toContain("Weesp")
    expect(budget).toMatch(
      /<td class="utrecht-table__cell utrecht-table__cell--numeric-column">€ \d{1,3}(\.\d{3})+<\/td>/,
    )
    expect(html).toContain("Met vriendelijke groet,")
    expect(html).not.toContain("baken-letter-concept")
  })

  it("writes no ISO date in the text a reader sees (only in the machine-readable datetime)", async () => {
    const html = await render(answer("26.0001234"))
    expect(text(html)).not.toMatch(/\d{4}-\d{2}-\d{2}/)
  })

  it("marks a concept, which has no kenmerk yet, on screen only", async () => {
    const html = await render(answer(null))
    expect(html).toContain("<dd>volgt bij verzending</dd>")
    expect(html).toMatch(/class="utrecht-paragraph baken-noprint baken-letter-concept"/)
  })

  it("prints on A4 without the site's header, navigation and footer, and keeps tables whole", () => {
    const css = readFileSync(new URL("../src/assets/baken.css", import.meta.url), "utf8")
    expect(css).toMatch(/@page\s*{\s*size: A4;\s*margin: [^;]+;\s*}/)
    const print = css.slice(css.indexOf("@media print"))
    expect(print).toMatch(/\.baken-header,\s*\.baken-footer,\s*\.baken-noprint/)
    expect(print).toMatch(/\.baken-letter-table\s*{\s*break-inside: avoid;/)
    expect(print).toMatch(/\.baken-letter thead\s*{\s*display: table-header-group;/)
  })
})
