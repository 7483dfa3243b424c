/**
 * The vroegsignalering schulden delivery format, version 1: one row per event of a person in the municipality's
 * early-debt-signal process, following the concepts of the VNG DDAS vroegsignalering model — a Vroegsignaal (a
 * signal of rent, energy, water or health-insurance arrears), a Contactpoging (a contact attempt and whether contact
 * was made), accepted help, and the resultaat with which the Vroegsignaalzaak is closed. Rows carry the person's BSN,
 * which the kit's pseudonymiser replaces by a keyed pseudonym before anything leaves the adapter.
 */
import { Column, Format, Records } from "@baken/adapter-csv"
import type { Period, PersonEvent } from "@baken/domain"

/** The events of the format and the person-event kind each becomes. */
export const events = {
  vroegsignaal: "debt-signal-received",
  contactpoging: "contact-attempted",
  "hulp-geaccepteerd": "help-accepted",
  "zaak-afgesloten": "case-closed",
} as const satisfies Record<string, PersonEvent.EventKind>

/** An event of the format. */
export type Event = keyof typeof events

const eventCodes: ReadonlyArray<Column.Code> = [
  {
    code: "vroegsignaal",
    nl: "een vroegsignaal over een betalingsachterstand is ontvangen (Vroegsignaal)",
    en: "an early signal of arrears was received",
  },
  {
    code: "contactpoging",
    nl: "een poging tot contact met de inwoner (Contactpoging)",
    en: "an attempt to contact the resident",
  },
  { code: "hulp-geaccepteerd", nl: "de inwoner heeft hulp geaccepteerd", en: "the resident accepted help" },
  {
    code: "zaak-afgesloten",
    nl: "de Vroegsignaalzaak is afgesloten met een resultaat",
    en: "the case was closed with a result",
  },
]

/** The kinds of signal (`soort`), required for a vroegsignaal and empty otherwise. */
export const signalKinds: ReadonlyArray<Column.Code> = [
  { code: "huur", nl: "huurachterstand (woningcorporatie of verhuurder)", en: "rent arrears" },
  { code: "energie", nl: "achterstand energie", en: "energy arrears" },
  { code: "water", nl: "achterstand drinkwater", en: "water arrears" },
  { code: "zorgverzekering", nl: "achterstand zorgverzekeringspremie", en: "health-insurance arrears" },
]

/** The results of a contactpoging. */
export const contactResults: ReadonlyArray<Column.Code> = [
  { code: "contact", nl: "er is contact gemaakt", en: "contact was made" },
  { code: "geen-contact", nl: "er is geen contact gemaakt", en: "no contact was made" },
]

/** The results with which a Vroegsignaalzaak is closed. */
export const caseResults: ReadonlyArray<Column.Code> = [
  { code: "schuldhulp", nl: "doorverwezen naar schuldhulpverlening", en: "referred to debt counselling" },
  { code: "betalingsregeling", nl: "betalingsregeling getroffen", en: "payment arrangement made" },
  { code: "opgelost", nl: "achterstand opgelost zonder verdere hulp", en: "arrears resolved without further help" },
  { code: "hulp-geweigerd", nl: "inwoner wil geen hulp", en: "resident declined help" },
  { code: "geen-contact", nl: "geen contact gekregen", en: "no contact could be made" },
  { code: "overig", nl: "ander resultaat", en: "other result" },
]

const problem = (nl: string, en: string, column: string) => new Column.Problem("field-of-event", nl, en, column)

/** Version 1 of the vroegsignalering format. */
export const format = Format.define({
  id: "vroegsignalering-csv-1",
  version: 1,
  title: "Vroegsignalering schulden: gebeurtenissen per inwoner",
  level: "person",
  columns: {
    bsn: Column.bsn({
      name: "bsn",
      nl: "het BSN van de inwoner; wordt bij inlezen vervangen door een pseudoniem",
      en: "the resident's BSN; replaced by a pseudonym on intake",
    }),
    gemeente: Column.municipality({
      name: "gemeente",
      nl: "de gemeente die het signaal behandelt",
      en: "the municipality handling the signal",
    }),
    datum: Column.date({ name: "datum", nl: "de datum van de gebeurtenis", en: "the date of the event" }),
    gebeurtenis: Column.code({ name: "gebeurtenis", nl: "wat er gebeurde", en: "what happened" }, eventCodes),
    soort: Column.code(
      {
        name: "soort",
        nl: "de soort achterstand; alleen bij een vroegsignaal, anders leeg",
        en: "the kind of arrears; only for a vroegsignaal",
        optional: true,
      },
      signalKinds,
    ),
    resultaat: Column.code(
      {
        name: "resultaat",
        nl: "bij een contactpoging: contact of geen-contact; bij zaak-afgesloten: het resultaat; anders leeg",
        en: "for a contactpoging: contact or geen-contact; for zaak-afgesloten: the result; otherwise empty",
        optional: true,
      },
      [...contactResults, ...caseResults.filter((c) => c.code !== "geen-contact")],
    ),
  },
  placeColumns: { municipality: "gemeente", period: "datum" },
  // The month of a checked date is its first seven characters (`2024-03`), which is how Baken writes a month period;
  // slicing skips re-validating a value the date column already checked (`Period.ofDate` gives the same period).
  periodOf: (row) => row.datum.slice(0, 7) as Period.Period,
  records: (row, context) => {
    const event = row.gebeurtenis as Event
    const isSignal = event === "vroegsignaal"
    if (isSignal !== (row.soort !== null))
      return isSignal
        ? problem(
            "een vroegsignaal heeft een soort: huur, energie, water of zorgverzekering.",
            "a vroegsignaal needs a soort.",
            "soort",
          )
        : problem(`bij ${event} blijft soort leeg.`, `soort stays empty for ${event}.`, "soort")
    const results = event === "contactpoging" ? contactResults : event === "zaak-afgesloten" ? caseResults : undefined
    if (results === undefined && row.resultaat !== null)
      return problem(`bij ${event} blijft resultaat leeg.`, `resultaat stays empty for ${event}.`, "resultaat")
    if (results !== undefined && (row.resultaat === null || !results.some((r) => r.code === row.resultaat)))
      return problem(
        `bij ${event} hoort een resultaat uit: ${results.map((r) => r.code).join(", ")}.`,
        `${event} takes a resultaat from: ${results.map((r) => r.code).join(", ")}.`,
        "resultaat",
      )
    const person = context.pseudonymise(row.bsn)
    if (person instanceof Column.Problem) return person
    return [
      Records.personEvent({
        person,
        kind: events[event],
        date: row.datum,
        municipality: row.gemeente,
        category: row.soort ?? undefined,
        reason: row.resultaat ?? undefined,
        source: context.source,
      }),
    ]
  },
})
