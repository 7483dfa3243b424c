// The parts of CONTRACT.md that are made from the domain's schemas and rules, so the document cannot drift from
// them: Contract.test.ts compares them with the file (BAKEN_UPDATE_CONTRACT=1 writes them in).
import { Admission, Area, DeliveryRights, Ids, Indicator, Observation, Period, PersonEvent } from "@baken/domain"
import { indicators } from "@baken/region-gooi-en-vechtstreek/demo"
import type { Schema } from "effect"

/** The regular expression a string schema checks, read from its pattern check. */
export const patternOf = (schema: Schema.Top): string => {
  const checks = (schema.ast as { checks?: ReadonlyArray<{ annotations?: Record<string, unknown> }> }).checks ?? []
  for (const check of checks) {
    const representation = check.annotations?.representation as
      | { id?: string; payload?: { source?: string } }
      | undefined
    if (representation?.id === "effect/schema/isPattern" && representation.payload?.source !== undefined) {
      return representation.payload.source
    }
  }
  throw new Error("the schema checks no pattern")
}

// A pipe inside a table cell must be escaped, in code too.
const code = (s: string) => `\`${s.replaceAll("|", "\\|")}\``
const list = (values: ReadonlyArray<string>) => values.map(code).join(", ")
const table = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>) =>
  [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n")

const literals = (schema: unknown): ReadonlyArray<string> => (schema as { literals: ReadonlyArray<string> }).literals

/** Each generated section of CONTRACT.md by its marker name. */
export const sections = (): Record<string, string> => {
  const fields = PersonEvent.PersonEvent.fields
  const personEvent = table(
    ["field", "required", "what it holds"],
    [
      ["`person`", "yes", "the pseudonym the kit's `Pseudonymiser` gives for the BSN; never the BSN"],
      ["`kind`", "yes", `one of the event kinds below (${literals(fields.kind).length})`],
      ["`date`", "yes", "an ISO calendar day that exists, `2024-03-01`"],
      ["`municipality`", "yes", `a CBS municipality code, pattern ${code(patternOf(Ids.MunicipalityCode))}`],
      ["`category`", "no", `a code from the partner's code list, pattern ${code(patternOf(PersonEvent.Code))}`],
      ["`reason`", "no", `a reason or result code, pattern ${code(patternOf(PersonEvent.Code))}`],
      ["`source`", "yes", `the adapter's id, pattern ${code(patternOf(Ids.AdapterId))}`],
      ["`allocation`", "no", `the allocation it belongs to, pattern ${code(patternOf(PersonEvent.Allocation))}`],
      [
        "`correction`",
        "no",
        `${list(literals(PersonEvent.Correction))} an earlier event of the same allocation and kind`,
      ],
      ["`origin`", "no", "where it was read: `{ file, message?, line? }`, for rejections found later"],
    ],
  )
  const byAdapter = Object.entries(Admission.eventKindsByAdapter).map(([adapter, kinds]) => [
    code(adapter),
    kinds.length === 0 ? "none: figures only" : list(kinds),
  ])
  const eventKinds = [
    `Every kind: ${list(literals(fields.kind))}.`,
    "",
    "Which adapter may deliver which kinds (the server refuses others with `event-kind-not-allowed`):",
    "",
    table(["adapter", "kinds"], [...byAdapter, ["any other adapter, your own too", list(Admission.careEventKinds)]]),
  ].join("\n")
  const observation = table(
    ["field", "what it holds"],
    [
      ["`indicator`", `an indicator id, pattern ${code(patternOf(Ids.IndicatorId))}`],
      ["`area`", `a CBS area code, pattern ${code(patternOf(Area.AreaCode))}`],
      [
        "`period`",
        `${code("2024")}, ${code("2024-H1")}, ${code("2024-Q1")} or ${code("2024-03")}: pattern ${code(patternOf(Period.Period))}`,
      ],
      ["`value`", "a finite number, or `null` when the source marks it unknown (never 0 for unknown)"],
      ["`source`", `the adapter's id, pattern ${code(patternOf(Ids.AdapterId))}`],
    ],
  )
  void Observation
  const families = table(
    ["adapter", "indicator ids", "unit"],
    DeliveryRights.families.map((f) => [code(f.adapter), `${code(f.prefix)}…`, code(f.unit)]),
  )
  const catalogue = table(
    ["indicator", "unit", "delivered through", "delivered?"],
    indicators.map((i) => [
      code(i.id),
      code(i.unit),
      code(i.source.adapter),
      Indicator.isComputed(i) ? "no: computed by Baken" : "yes",
    ]),
  )
  const generic = list(DeliveryRights.genericAdapters)
  const indicatorsSection = [
    `The demo catalogue (\`@baken/region-gooi-en-vechtstreek/demo\`); a region's server holds its own, and partner-specific id families:`,
    "",
    catalogue,
    "",
    families,
    "",
    `A generic adapter (${generic}) carries the catalogue's indicators the region allows the partner. Any other adapter`,
    "— your own too — carries the catalogue indicators whose source names it, and its id family above if it has one.",
  ].join("\n")
  const limits = [
    `- A count is a whole number from 0 to ${Admission.maxCount.toLocaleString("en")} (nine digits would look like a BSN).`,
    `- A person event may be dated from ${Admission.historyYears} years before the first plan's first year to ${Admission.lookAheadYears} year after the last plan's last year.`,
  ].join("\n")
  return {
    "person-event": personEvent,
    "event-kinds": eventKinds,
    observation,
    indicators: indicatorsSection,
    limits,
  }
}

/** `text` with every `<!-- generated:name -->…<!-- /generated -->` block replaced by the section of that name. */
export const fill = (text: string, generated: Record<string, string>): string =>
  text.replace(
    /<!-- generated:([a-z-]+) -->\n[\s\S]*?<!-- \/generated -->/g,
    (_, name: string) =>
      `<!-- generated:${name} -->\n${generated[name] ?? `(no section ${name})`}\n<!-- /generated -->`,
  )
