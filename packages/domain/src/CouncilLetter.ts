/**
 * The raadsinformatiebrief (council information letter) that tells the councils about a plan: its date, kenmerk,
 * the councils addressed (the plan's councils that are members on that date), subject, and paragraphs naming the
 * plan's task areas, linked domains and programmes. Built from the plan and its decisions, rendered to Markdown and
 * to HTML with every piece of text escaped. In Dutch, like the letters it replaces.
 */
import { Result, Schema } from "effect"
import { CalendarDate, formatNl } from "./CalendarDate.js"
import { Kenmerk, MunicipalityCode } from "./Ids.js"
import type { LinkedDomain } from "./LinkedDomain.js"
import * as Municipality from "./Municipality.js"
import type * as Plan from "./Plan.js"
import * as PlanLifecycle from "./PlanLifecycle.js"
import * as Programme from "./Programme.js"
import type { TaskArea } from "./TaskArea.js"

/** A council the letter is addressed to. */
export class Addressee extends Schema.Class<Addressee>("Addressee")({
  municipality: MunicipalityCode,
  name: Schema.String,
}) {}

/** A council information letter. */
export class CouncilLetter extends Schema.Class<CouncilLetter>("CouncilLetter")({
  date: CalendarDate,
  kenmerk: Kenmerk,
  addressees: Schema.Array(Addressee),
  subject: Schema.String,
  salutation: Schema.String,
  paragraphs: Schema.Array(Schema.String),
  closing: Schema.String,
  /** Who signs; a placeholder such as `<naam wethouder>` until it is known. */
  signatory: Schema.String,
}) {}

/** A date written in Dutch: `23 december 2021` (`CalendarDate.formatNl`). */
export const formatDate = (date: CalendarDate): string => formatNl(date)

/** Items joined the Dutch way: `A, B en C`. */
export const joinNl = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`

const numbersNl = ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"]

/** A small number written in Dutch words (`drie`), larger ones in digits. */
export const numberNl = (n: number): string => numbersNl[n] ?? String(n)

/** What the adoption letter is built from. */
export interface AdoptionLetterInput extends PlanLifecycle.AdoptionInput {
  readonly regionName: string
  readonly programmes: ReadonlyArray<Programme.Programme>
  readonly taskAreas: ReadonlyArray<TaskArea>
  readonly linkedDomains: ReadonlyArray<LinkedDomain>
  /** The plan this one deepens, if any, to mention the path it continues. */
  readonly predecessor?: Plan.Plan
  readonly date: CalendarDate
  readonly kenmerk: Kenmerk
  readonly signatory: string
  /** The region's own salutation and closing (its definition's `letter`); default "Geachte raadsleden," and "Met vriendelijke groet,". */
  readonly wording?: Wording | undefined
}

/** How a region opens and closes its letters to the councils. */
export interface Wording {
  readonly salutation: string
  readonly closing: string
}

/**
 * The letter telling the councils that every one of them adopted the plan. Refused, with the councils that have not
 * adopted, when the plan is not adopted on the letter's date.
 */
export const adoptionLetter = (
  input: AdoptionLetterInput,
): Result.Result<CouncilLetter, PlanLifecycle.PlanTransitionRefused> => {
  const status = PlanLifecycle.adoptionStatus(input, input.date)
  if (!status.adopted) {
    const reasons = PlanLifecycle.openReasons(status)
    const [first, ...rest] = reasons
    return Result.fail(
      new PlanLifecycle.PlanTransitionRefused({
        plan: input.plan.id,
        step: "adopt",
        reasons:
          first === undefined
            ? [PlanLifecycle.NotAllowed.make({ step: "adopt", stage: "Released" })]
            : [first, ...rest],
      }),
    )
  }
  const plan = input.plan
  const years = `${plan.firstYear} - ${plan.lastYear}`
  const programmes = Programme.ofPlan(input.programmes, plan.id)
  const taskAreas = plan.taskAreas.flatMap((id) => input.taskAreas.filter((t) => t.id === id).map((t) => t.name))
  const domains = plan.linkedDomains.flatMap((id) => input.linkedDomains.filter((d) => d.id === id).map((d) => d.name))
  const predecessor = input.predecessor
  const paragraphs = [
    `Het beleidsplan Bescherming en Opvang (${years}) "${plan.title}" van ${input.regionName} is in alle gemeenteraden vastgesteld.` +
      (predecessor === undefined
        ? ""
        : ` Het plan is een verdieping van de weg die met het beleidsplan ${predecessor.firstYear} - ${predecessor.lastYear} is ingeslagen.`),
    ...(domains.length === 0
      ? []
      : [`De komende jaren wordt ingezet op de verbinding van beschermd wonen en opvang met ${joinNl(domains)}.`]),
    ...(taskAreas.length === 0 ? [] : [`Bescherming en Opvang omvat de gemeentelijke Wmo-taken ${joinNl(taskAreas)}.`]),
    ...(programmes.length === 0
      ? []
      : [
          `Het beleidsplan bestaat uit ${numberNl(programmes.length)} ${programmes.length === 1 ? "programma" : "programma's"}: ${joinNl(programmes.map(Programme.label))}.`,
        ]),
  ]
  return Result.succeed(
    new CouncilLetter({
      date: input.date,
      kenmerk: input.kenmerk,
      addressees: status.councils
        .map((c) => new Addressee({ municipality: c.municipality, name: c.name }))
        .sort((a, b) => a.name.localeCompare(b.name, "nl")),
      subject: `Vastgesteld beleidsplan Bescherming en Opvang ${years}`,
      salutation: input.wording?.salutation ?? "Geachte raadsleden,",
      paragraphs,
      closing: input.wording?.closing ?? "Met vriendelijke groet,",
      signatory: input.signatory,
    }),
  )
}

/** The councils addressed, as the letter head writes them: `Blaricum, Eemnes … Laren en Wijdemeren`. */
export const addressLine = (letter: CouncilLetter): string => joinNl(letter.addressees.map((a) => a.name))

/** Escapes text for Markdown so that it shows as written (no emphasis, links, headings or HTML). */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)(\d+)\.(?=\s|$)/gm, "$1$2\\.")
    .replace(/^(\s*)-(?=\s|$)/gm, "$1\\-")
    .replace(/&/g, "&amp;")

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")

/** The letter as Markdown. */
export const toMarkdown = (letter: CouncilLetter): string => {
  const md = escapeMarkdown
  return [
    `**Datum:** ${md(formatDate(letter.date))}  `,
    `**Kenmerk:** ${md(letter.kenmerk)}  `,
    `**Aan:** de gemeenteraden van ${md(addressLine(letter))}  `,
    `**Onderwerp:** ${md(letter.subject)}`,
    "",
    md(letter.salutation),
    "",
    ...letter.paragraphs.flatMap((p) => [md(p), ""]),
    md(letter.closing),
    "",
    md(letter.signatory),
    "",
  ].join("\n")
}

/** The letter as an HTML fragment (an `<article>`), every text escaped. */
export const toHtml = (letter: CouncilLetter): string => {
  const h = escapeHtml
  return [
    '<article class="raadsinformatiebrief" lang="nl">',
    "<dl>",
    `<dt>Datum</dt><dd><time datetime="${h(letter.date)}">${h(formatDate(letter.date))}</time></dd>`,
    `<dt>Kenmerk</dt><dd>${h(letter.kenmerk)}</dd>`,
    `<dt>Aan</dt><dd>de gemeenteraden van ${h(addressLine(letter))}</dd>`,
    `<dt>Onderwerp</dt><dd>${h(letter.subject)}</dd>`,
    "</dl>",
    `<p>${h(letter.salutation)}</p>`,
    ...letter.paragraphs.map((p) => `<p>${h(p)}</p>`),
    `<p>${h(letter.closing)}</p>`,
    `<p>${h(letter.signatory)}</p>`,
    "</article>",
    "",
  ].join("\n")
}

/** The names of the councils addressed on a letter, looked up among `municipalities`. */
export const addressees = (
  municipalities: ReadonlyArray<Municipality.Municipality>,
  codes: ReadonlyArray<MunicipalityCode>,
): ReadonlyArray<Addressee> =>
  codes.map((municipality) => new Addressee({ municipality, name: Municipality.nameOf(municipalities, municipality) }))
