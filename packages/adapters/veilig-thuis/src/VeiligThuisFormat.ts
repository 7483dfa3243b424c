/**
 * The Veilig Thuis delivery format, version 1: the half-yearly "Beleidsinformatie Veilig Thuis" figures per
 * municipality, one figure per row (`gemeente;periode;onderwerp;categorie;aantal`). The subjects mirror the
 * Beleidsinformatie items: adviezen, meldingen, onderzoeken, aard van het geweld and vervolg; each figure becomes an
 * observation with indicator `vt-<onderwerp>` (category `totaal`) or `vt-<onderwerp>-<categorie>`.
 */
import { Column, Format, Records } from "@baken/adapter-csv"
import { Ids } from "@baken/domain"

/** The subjects of the Beleidsinformatie, with the categories each one takes. */
export const subjects = {
  adviezen: ["totaal"],
  meldingen: ["totaal"],
  onderzoeken: ["gestart", "afgerond"],
  "aard-geweld": [
    "kindermishandeling",
    "partnergeweld",
    "ex-partnergeweld",
    "ouderenmishandeling",
    "overig-huiselijk-geweld",
  ],
  vervolg: [
    "geen-vervolg",
    "overdracht-lokaal-veld",
    "onderzoek-veilig-thuis",
    "overdracht-raad-kinderbescherming",
    "overdracht-politie",
    "overig",
  ],
} as const satisfies Record<string, ReadonlyArray<string>>

/** A subject of the Beleidsinformatie. */
export type Subject = keyof typeof subjects

const subjectCodes: ReadonlyArray<Column.Code> = [
  { code: "adviezen", nl: "adviezen gegeven door Veilig Thuis", en: "advice given by Veilig Thuis" },
  { code: "meldingen", nl: "meldingen ontvangen door Veilig Thuis", en: "reports received by Veilig Thuis" },
  { code: "onderzoeken", nl: "onderzoeken door Veilig Thuis", en: "investigations by Veilig Thuis" },
  { code: "aard-geweld", nl: "meldingen naar aard van het geweld", en: "reports by kind of violence" },
  { code: "vervolg", nl: "meldingen naar vervolg na de melding", en: "reports by follow-up after the report" },
]

const categoryCodes: ReadonlyArray<Column.Code> = [
  { code: "totaal", nl: "totaal (bij adviezen en meldingen)", en: "total (advice and reports)" },
  { code: "gestart", nl: "onderzoek gestart (bij onderzoeken)", en: "investigation started" },
  { code: "afgerond", nl: "onderzoek afgerond (bij onderzoeken)", en: "investigation completed" },
  { code: "kindermishandeling", nl: "kindermishandeling (bij aard-geweld)", en: "child abuse" },
  { code: "partnergeweld", nl: "partnergeweld (bij aard-geweld)", en: "intimate-partner violence" },
  { code: "ex-partnergeweld", nl: "ex-partnergeweld (bij aard-geweld)", en: "violence by a former partner" },
  { code: "ouderenmishandeling", nl: "ouderenmishandeling (bij aard-geweld)", en: "elder abuse" },
  { code: "overig-huiselijk-geweld", nl: "overig huiselijk geweld (bij aard-geweld)", en: "other domestic violence" },
  { code: "geen-vervolg", nl: "afgesloten zonder vervolg (bij vervolg)", en: "closed without follow-up" },
  {
    code: "overdracht-lokaal-veld",
    nl: "overgedragen aan het lokale veld / wijkteam (bij vervolg)",
    en: "handed to the local team",
  },
  {
    code: "onderzoek-veilig-thuis",
    nl: "onderzoek door Veilig Thuis (bij vervolg)",
    en: "investigation by Veilig Thuis",
  },
  {
    code: "overdracht-raad-kinderbescherming",
    nl: "overgedragen aan de Raad voor de Kinderbescherming (bij vervolg)",
    en: "handed to the child protection board",
  },
  { code: "overdracht-politie", nl: "overgedragen aan de politie (bij vervolg)", en: "handed to the police" },
  { code: "overig", nl: "overig vervolg (bij vervolg)", en: "other follow-up" },
]

/** The indicator id of a subject and category: `vt-meldingen`, `vt-aard-geweld-partnergeweld`, … */
export const indicatorOf = (subject: Subject, category: string): Ids.IndicatorId =>
  Ids.IndicatorId.make(category === "totaal" ? `vt-${subject}` : `vt-${subject}-${category}`)

/** Every indicator id this format emits. */
export const indicators: ReadonlyArray<Ids.IndicatorId> = Object.entries(subjects).flatMap(([subject, categories]) =>
  categories.map((category) => indicatorOf(subject as Subject, category)),
)

// Each subject's indicator ids by category, made once: a row looks its indicator up instead of validating a new id.
const indicatorBySubject: ReadonlyMap<string, ReadonlyMap<string, Ids.IndicatorId>> = new Map(
  Object.entries(subjects).map(([subject, categories]) => [
    subject,
    new Map(categories.map((category: string) => [category, indicatorOf(subject as Subject, category)])),
  ]),
)

/** Version 1 of the Veilig Thuis format. */
export const format = Format.define({
  id: "veilig-thuis-csv-1",
  version: 1,
  title: "Beleidsinformatie Veilig Thuis per gemeente en halfjaar",
  level: "aggregated",
  columns: {
    gemeente: Column.municipality({
      name: "gemeente",
      nl: "de gemeente waar het gezin of de persoon woont",
      en: "the municipality the household or person lives in",
    }),
    periode: Column.period({ name: "periode", nl: "het halfjaar", en: "the half year" }, ["half"]),
    onderwerp: Column.code(
      { name: "onderwerp", nl: "het onderdeel van de Beleidsinformatie", en: "the Beleidsinformatie item" },
      subjectCodes,
    ),
    categorie: Column.code(
      {
        name: "categorie",
        nl: "de uitsplitsing binnen het onderwerp (`totaal` als er geen is)",
        en: "the breakdown within the item",
      },
      categoryCodes,
    ),
    aantal: Column.count({
      name: "aantal",
      nl: "het aantal; leeg als het onbekend is (nooit 0 voor onbekend)",
      en: "the count; empty when unknown",
      optional: true,
    }),
  },
  placeColumns: { municipality: "gemeente", period: "periode" },
  records: (row, context) => {
    const subject = row.onderwerp as Subject
    const allowed: ReadonlyArray<string> = subjects[subject]
    if (!allowed.includes(row.categorie))
      return new Column.Problem(
        "category-of-subject",
        `categorie ${row.categorie} hoort niet bij onderwerp ${subject}; daar horen: ${allowed.join(", ")}.`,
        `category ${row.categorie} does not belong to subject ${subject}; it takes: ${allowed.join(", ")}.`,
        "categorie",
      )
    return [
      Records.observation({
        // The category was checked to belong to the subject above, so the lookup always finds it.
        indicator: indicatorBySubject.get(subject)?.get(row.categorie) ?? indicatorOf(subject, row.categorie),
        area: Column.areaOf(row.gemeente),
        period: row.periode,
        value: row.aantal,
        source: context.source,
      }),
    ]
  },
})
