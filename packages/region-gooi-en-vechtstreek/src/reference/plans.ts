/**
 * The two plans of Gooi en Vechtstreek, their programmes, the lifecycle steps the sources record, and the letter of
 * 23 December 2021 as it was sent. The first plan's four programmes are not named in the sources, so they carry a
 * number and a note instead of a name. Individual council decisions are not in the sources; see
 * `@baken/region-gooi-en-vechtstreek/demo` for example decisions.
 */

import { CalendarDate } from "@baken/domain/CalendarDate"
import { Addressee, CouncilLetter } from "@baken/domain/CouncilLetter"
import { Kenmerk, PlanId, ProgrammeId } from "@baken/domain/Ids"
import { Plan } from "@baken/domain/Plan"
import { Step } from "@baken/domain/PlanLifecycle"
import { Programme } from "@baken/domain/Programme"
import { SourceId } from "@baken/domain/Source"
import { TaskAreaId } from "@baken/domain/TaskArea"
import { Schema } from "effect"
import * as R from "./region.js"

const date = CalendarDate.make

const allTaskAreas = TaskAreaId.literals

/** The first plan, 2017-2020: "Echte betrokkenheid, wederzijdse afhankelijkheid". */
export const plan2017 = new Plan({
  id: PlanId.make("bo-2017-2020"),
  region: R.gooiEnVechtstreek.id,
  title: "Echte betrokkenheid, wederzijdse afhankelijkheid",
  kenmerk: Kenmerk.make("17.0002775"),
  firstYear: 2017,
  lastYear: 2020,
  taskAreas: allTaskAreas,
  linkedDomains: [],
  // The press release of 16 March 2017 names these seven; Laren is not among them.
  councils: [R.blaricum, R.eemnes, R.gooiseMeren, R.hilversum, R.huizen, R.weesp, R.wijdemeren].map((m) => m.code),
})

/** The second plan, 2022-2025: "Herstel de verbinding", a deepening of the first. */
export const plan2022 = new Plan({
  id: PlanId.make("bo-2022-2025"),
  region: R.gooiEnVechtstreek.id,
  title: "Herstel de verbinding",
  kenmerk: Kenmerk.make("21.005875"),
  firstYear: 2022,
  lastYear: 2025,
  predecessor: plan2017.id,
  finalTextOn: date("2021-10-07"),
  taskAreas: allTaskAreas,
  linkedDomains: ["schuldhulpverlening", "veiligheid", "werk"],
  // The letter of 23 December 2021 is addressed to these seven; Weesp was about to join Amsterdam.
  councils: [R.blaricum, R.eemnes, R.gooiseMeren, R.hilversum, R.huizen, R.laren, R.wijdemeren].map((m) => m.code),
})

/** Both plans. */
export const plans: ReadonlyArray<Plan> = [plan2017, plan2022]

const unnamed = (n: number) =>
  new Programme({
    id: ProgrammeId.make(`bo-2017-2020-programma-${n}`),
    plan: plan2017.id,
    number: n,
    note: "De bronnen noemen de vier programma's van het plan 2017-2020 niet bij naam.",
  })

const core = (n: number, id: string, name: string) =>
  new Programme({ id: ProgrammeId.make(id), plan: plan2022.id, number: n, name, description: "kernprogramma" })

/** The three core programmes of 2022-2025. */
export const preventieEnPerspectief = core(1, "preventie-en-perspectief", "Preventie en perspectief")
/** The second core programme of 2022-2025. */
export const beschermdEnVeiligThuisWonen = core(2, "beschermd-en-veilig-thuis-wonen", "Beschermd en veilig thuis wonen")
/** The third core programme of 2022-2025. */
export const integraleBenadering = core(
  3,
  "integrale-benadering-vanuit-zorg-en-veiligheid",
  "Integrale benadering vanuit zorg en veiligheid",
)

/** The programmes of both plans: four unnamed ones for 2017-2020, three core programmes for 2022-2025. */
export const programmes: ReadonlyArray<Programme> = [
  unnamed(1),
  unnamed(2),
  unnamed(3),
  unnamed(4),
  preventieEnPerspectief,
  beschermdEnVeiligThuisWonen,
  integraleBenadering,
]

/**
 * A lifecycle step the sources record: on a known day, or only "no later than" a day when the sources say it happened
 * without saying when.
 */
export class KnownStep extends Schema.Class<KnownStep>("KnownStep")({
  plan: PlanId,
  step: Step,
  on: Schema.optionalKey(CalendarDate),
  noLaterThan: Schema.optionalKey(CalendarDate),
  source: SourceId,
}) {}

/** The lifecycle steps the sources record. */
export const knownSteps: ReadonlyArray<KnownStep> = [
  new KnownStep({ plan: plan2017.id, step: "release", on: date("2017-03-16"), source: "seed-002" }),
  new KnownStep({ plan: plan2017.id, step: "start-execution", noLaterThan: date("2021-12-23"), source: "seed-000" }),
  new KnownStep({ plan: plan2017.id, step: "evaluate", noLaterThan: date("2021-12-23"), source: "seed-000" }),
  new KnownStep({ plan: plan2022.id, step: "adopt", noLaterThan: date("2021-12-23"), source: "seed-000" }),
]

/** The letter of 23 December 2021 (kenmerk 21.0008702) as sent, its links left out and no contact person named. */
export const letter2021 = new CouncilLetter({
  date: date("2021-12-23"),
  kenmerk: Kenmerk.make("21.0008702"),
  addressees: [R.blaricum, R.eemnes, R.gooiseMeren, R.hilversum, R.huizen, R.laren, R.wijdemeren].map(
    (m) => new Addressee({ municipality: m.code, name: m.name }),
  ),
  subject: "Vastgesteld beleidsplan Bescherming en Opvang 2022 - 2025",
  salutation: "Geachte raadsleden,",
  paragraphs: [
    "Het nieuwe beleidsplan Bescherming en Opvang (2022 - 2025) Regio Gooi en Vechtstreek is na een zorgvuldige procedure in alle gemeenteraden vastgesteld. Het nieuwe plan is een verdieping van de weg die met het eerste beleidsplan in 2017 is ingeslagen. De komende jaren wordt ingezet op de verbinding van beschermd wonen en opvang met schuldhulpverlening, veiligheid en werk. Op deze manier kunnen inwoners beter en eerder worden geholpen.",
    "Bescherming en Opvang omvat de gemeentelijke wmo taken zoals geestelijke gezondheids- en verslavingszorg, aanpak van huiselijk geweld en kindermishandeling, beschermd wonen, maatschappelijke opvang én vrouwenopvang. Sinds 2018 wordt door gemeenten op deze taken regionaal samengewerkt. De gemeenten in Gooi en Vechtstreek waren één van de eersten in Nederland die hierop een gezamenlijk beleidsplan bescherming en opvang hebben uitgevoerd.",
    "Gemeenten hebben het beleid van de afgelopen periode geëvalueerd met ervaringsdeskundige inwoners, zorgaanbieders, Zorg- en Veiligheidshuis, politie, Veilig Thuis, GGD, Taskforce Huiselijk Geweld en Kindermishandeling, woningcorporaties, huisartsen en zorgverzekeraars. De uitkomst van deze evaluatie was dat alle partijen willen doorgaan op de eerder ingeslagen weg.",
    "Het nieuwe beleidsplan bestaat uit drie kernprogramma's: Preventie en perspectief, Beschermd en veilig thuis wonen en Integrale benadering vanuit zorg en veiligheid.",
    "Met dit nieuwe plan kunnen we regiobreed de goede dingen doen voor deze specifieke groep inwoners.",
  ],
  closing: "Met vriendelijke groet,",
  signatory: "<naam wethouder>",
})
