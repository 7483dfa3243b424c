/**
 * The detention notice format, version 1: one row per begin or end of a detention, as the municipality's aftercare
 * team (nazorg ex-gedetineerden) receives them from DJI and can export them from its own list — person-level, with
 * the BSN, the municipality of registration and the date. Only four columns are read; every other column of the
 * export (name, birth date, institution, notes) is read past and never looked at. The BSN is replaced by the kit's
 * keyed pseudonym before anything leaves the adapter, the same pseudonym every person-level adapter gives that BSN.
 */
import { Column, Format, Records } from "@baken/adapter-csv"
import { type Ids, Municipality, type Period, type PersonEvent } from "@baken/domain"

/** The person-event kind of each `soort`, its other names included. */
export const kinds = {
  begin: "detention-started",
  "begin detentie": "detention-started",
  insluiting: "detention-started",
  einde: "detention-ended",
  "einde detentie": "detention-ended",
  ontslag: "detention-ended",
} as const satisfies Record<string, PersonEvent.EventKind>

/** A `soort` of the format as Baken writes it. */
export type Soort = "begin" | "einde"

const soorten: ReadonlyArray<Column.Code> = [
  { code: "begin", nl: "de detentie is begonnen", en: "detention began" },
  { code: "begin detentie", nl: "hetzelfde als begin", en: "the same as begin" },
  { code: "insluiting", nl: "hetzelfde als begin (insluiting)", en: "the same as begin (committal)" },
  { code: "einde", nl: "de detentie is geëindigd", en: "detention ended" },
  { code: "einde detentie", nl: "hetzelfde als einde", en: "the same as einde" },
  { code: "ontslag", nl: "hetzelfde als einde (ontslag uit de inrichting)", en: "the same as einde (release)" },
]

/**
 * Whether a municipality code names a Dutch municipality of the current CBS classification. A former member of the
 * region served (Weesp in Gooi en Vechtstreek, say) is known too: the intake adds the scope's members, past ones
 * included, so that a notice from before a merger still reads.
 */
const known = (code: Ids.MunicipalityCode): boolean => Municipality.isCurrentGemeentecode(code.slice(2))

/** Version 1 of the detention notice format. */
export const format = Format.define({
  id: "detentie-csv-1",
  version: 1,
  title: "Detentie: begin en einde per inwoner (nazorg ex-gedetineerden)",
  level: "person",
  columns: {
    bsn: Column.bsn({
      name: "bsn",
      nl: "het BSN van de gedetineerde; wordt bij inlezen vervangen door een pseudoniem",
      en: "the detainee's BSN; replaced by a pseudonym on intake",
    }),
    gemeente: Column.municipality(
      {
        name: "gemeente",
        nl: "de gemeente van inschrijving (BRP) van de gedetineerde",
        en: "the detainee's municipality of registration",
      },
      { gemeentecode: true },
    ),
    soort: Column.code(
      { name: "soort", nl: "begin of einde van de detentie", en: "begin or end of detention" },
      soorten,
    ),
    datum: Column.date(
      { name: "datum", nl: "de dag van insluiting of ontslag; niet na vandaag", en: "the day of committal or release" },
      { dayFirst: true },
    ),
  },
  otherColumns: "ignore",
  separators: [";", ","],
  knownMunicipality: known,
  placeColumns: { municipality: "gemeente", period: "datum" },
  // The month of a checked ISO date is its first seven characters, which is how Baken writes a month period.
  periodOf: (row) => row.datum.slice(0, 7) as Period.Period,
  records: (row, context) => {
    if (row.datum > context.today)
      return new Column.Problem(
        "date-after-today",
        "de datum ligt na vandaag; lever een begin of einde pas als het gebeurd is.",
        "the date lies after today; deliver a begin or end once it has happened.",
        "datum",
      )
    const person = context.pseudonymise(row.bsn)
    if (person instanceof Column.Problem) return person
    return [
      Records.personEvent({
        person,
        kind: kinds[row.soort as keyof typeof kinds],
        date: row.datum,
        municipality: row.gemeente,
        source: context.source,
        origin: context.origin(),
      }),
    ]
  },
})
