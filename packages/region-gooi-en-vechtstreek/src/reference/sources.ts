/**
 * The documents the reference data of Gooi en Vechtstreek comes from, and the facts taken from them with their exact
 * words. A test checks every quote against its document.
 */
import { CalendarDate } from "@baken/domain/CalendarDate"
import { Fact, Source } from "@baken/domain/Source"

const date = CalendarDate.make

/** The letter of 23 December 2021 telling the councils the 2022-2025 plan was adopted. */
export const adoptionLetter2021 = new Source({
  id: "seed-000",
  title: "Raadsinformatiebrief: Vastgesteld beleidsplan Bescherming en Opvang 2022 - 2025",
  date: date("2021-12-23"),
  file: "seeds/000_7a276d9cfc978a7a.txt",
})

/** The press release of 16 March 2017 releasing the first plan for decision-making. */
export const pressRelease2017 = new Source({
  id: "seed-002",
  title: "Beleidsplan bescherming & opvang vrijgegeven voor besluitvorming door gemeenten",
  date: date("2017-03-16"),
  file: "seeds/002_5cd3726ff1e1cf43.txt",
})

/** The project's domain brief, which records facts about the region and its plans. */
export const domainBrief = new Source({
  id: "domain-brief",
  title: "The domain: Bescherming en Opvang in Gooi en Vechtstreek",
  file: "docs/DOMAIN.md",
})

/** Every source. */
export const sources: ReadonlyArray<Source> = [adoptionLetter2021, pressRelease2017, domainBrief]

const fact = (about: string, statement: string, source: Source, quote: string) =>
  new Fact({ about, statement, source: source.id, quote })

/** Every fact the reference data rests on, with the source's words. */
export const facts: ReadonlyArray<Fact> = [
  fact(
    "bo-2022-2025",
    "All councils adopted the 2022-2025 plan; the letter saying so is dated 23 December 2021.",
    adoptionLetter2021,
    "is na een zorgvuldige procedure in alle gemeenteraden vastgesteld",
  ),
  fact("bo-2022-2025", "The letter is dated 23 December 2021.", adoptionLetter2021, "Datum\t23 december 2021"),
  fact("bo-2022-2025", "The letter's kenmerk is 21.0008702.", adoptionLetter2021, "Kenmerk\t21.0008702"),
  fact(
    "bo-2022-2025",
    "The letter is addressed to the councils of seven municipalities (Weesp is not among them).",
    adoptionLetter2021,
    "Blaricum, Eemnes, Gooise Meren, Hilversum,",
  ),
  fact(
    "bo-2022-2025",
    "The letter head continues with Huizen, Laren and Wijdemeren (misspelt Wijdemerem in the letter).",
    adoptionLetter2021,
    "Huizen, Laren en Wijdemerem",
  ),
  fact(
    "bo-2022-2025",
    "The new plan deepens the path taken with the first plan of 2017.",
    adoptionLetter2021,
    "Het nieuwe plan is een verdieping van de weg die met het eerste beleidsplan in 2017 is ingeslagen.",
  ),
  fact(
    "bo-2022-2025",
    "The plan links beschermd wonen and opvang with schuldhulpverlening, veiligheid and werk.",
    adoptionLetter2021,
    "de verbinding van beschermd wonen en opvang met schuldhulpverlening, veiligheid en werk",
  ),
  fact(
    "bo-2022-2025",
    "The plan has three core programmes, named.",
    adoptionLetter2021,
    "drie kernprogramma's: Preventie en perspectief, Beschermd en veilig thuis wonen en Integrale benadering vanuit zorg en veiligheid",
  ),
  fact(
    "task-areas",
    "Bescherming en Opvang covers six Wmo tasks.",
    adoptionLetter2021,
    "geestelijke gezondheids- en verslavingszorg, aanpak van huiselijk geweld en kindermishandeling, beschermd wonen, maatschappelijke opvang én vrouwenopvang",
  ),
  fact(
    "gooi-en-vechtstreek",
    "The municipalities work together regionally on these tasks since 2018.",
    adoptionLetter2021,
    "Sinds 2018 wordt door gemeenten op deze taken regionaal samengewerkt.",
  ),
  fact(
    "bo-2017-2020",
    "The first plan was carried out jointly.",
    adoptionLetter2021,
    "gezamenlijk [beleidsplan bescherming en opvang](#) hebben uitgevoerd",
  ),
  fact(
    "bo-2017-2020",
    "The policy of the past period was evaluated with partners.",
    adoptionLetter2021,
    "Gemeenten hebben het beleid van de afgelopen periode geëvalueerd met ervaringsdeskundige inwoners, zorgaanbieders, Zorg- en Veiligheidshuis, politie, Veilig Thuis, GGD, Taskforce Huiselijk Geweld en Kindermishandeling, woningcorporaties, huisartsen en zorgverzekeraars.",
  ),
  fact(
    "bo-2017-2020",
    "The first plan was released for decision-making on 16 March 2017.",
    pressRelease2017,
    "Bussum 16 maart 2017 – Vandaag geeft Regio Gooi en Vechtstreek het beleidsplan bescherming & opvang vrij voor bespreking",
  ),
  fact(
    "bo-2017-2020",
    "It was released to seven municipalities (Laren is not named).",
    pressRelease2017,
    "in de gemeenten Blaricum, Eemnes, Gooise Meren, Hilversum, Huizen, Weesp en Wijdemeren",
  ),
  fact(
    "bo-2017-2020",
    "The councils aimed to adopt it before the summer; the sources do not give the dates they did.",
    pressRelease2017,
    "We streven ernaar dat de gemeenteraden het beleidsplan voor de zomer vaststellen.",
  ),
  fact(
    "bo-2017-2020",
    "Partners involved in writing the first plan.",
    pressRelease2017,
    "Inwoners, adviesraden sociaal domen, cliëntvertegenwoordigers, gemeenten, aanbieders van (jeugd)zorg en ondersteuning, Veilig Thuis, aanbieders van eerstelijns zorg en tweedelijns zorg, zorgverzekeraar Zilveren Kruis, politie, woningcorporaties, het Veiligheidshuis en het onderwijs",
  ),
  fact(
    "gooi-en-vechtstreek",
    "The municipalities pool governance, policy and money.",
    pressRelease2017,
    "Met dit plan slaan de gemeenten bestuurlijk, beleidsmatig en financieel de handen ineen.",
  ),
  fact(
    "bo-2017-2020",
    "Title and kenmerk of the first plan.",
    domainBrief,
    '"Echte betrokkenheid, wederzijdse afhankelijkheid" (kenmerk 17.0002775)',
  ),
  fact(
    "bo-2017-2020",
    "The first plan had four programmes; the sources do not name them.",
    domainBrief,
    "councils aimed to adopt before summer; four programmes",
  ),
  fact(
    "bo-2022-2025",
    "Title, kenmerk and date of the final text of the second plan.",
    domainBrief,
    '"Herstel de verbinding" (kenmerk 21.005875, final text 7 October 2021)',
  ),
  fact(
    "GM1942",
    "Gooise Meren was formed on 1 January 2016 from Bussum, Naarden and Muiden.",
    domainBrief,
    "formed 1 January 2016 from Bussum (GM0381), Naarden (GM0425), Muiden (GM0424)",
  ),
  fact(
    "GM0457",
    "Weesp merged into Amsterdam on 24 March 2022 and is not in the 2022 plan.",
    domainBrief,
    "merged into Amsterdam (GM0363) on 24 March 2022, so not in the 2022 plan",
  ),
  fact(
    "GM0317",
    "Eemnes lies in the province of Utrecht; the other members in Noord-Holland.",
    domainBrief,
    "| Eemnes | GM0317 | 0317 | province Utrecht |",
  ),
  fact(
    "GM0402",
    "Hilversum is the likely centrumgemeente for BW/MO, not yet confirmed, so the reference region names none.",
    domainBrief,
    "the likely *centrumgemeente* for BW/MO (to be confirmed; model it as data, not code)",
  ),
  fact(
    "gooi-en-vechtstreek",
    "CBS areas that cover the region.",
    domainBrief,
    'COROP CR24 "Het Gooi en Vechtstreek", Veiligheidsregio VR14 Gooi en Vechtstreek, GGD',
  ),
  fact(
    "gooi-en-vechtstreek",
    "The GGD region code, with moderate confidence.",
    domainBrief,
    "(GG3606, moderate confidence)",
  ),
  fact(
    "gooi-en-vechtstreek",
    "The joint arrangement has its seat in Bussum.",
    domainBrief,
    "Regio Gooi en Vechtstreek is the joint arrangement (seat: Bussum)",
  ),
]
