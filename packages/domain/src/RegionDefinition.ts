/**
 * A region as a definition, not code: one versioned JSON document holding the region and its municipalities with
 * CBS codes and membership dates, the plans with their programmes, goals, actions, indicators, targets, budget and
 * council decisions, the partners and their adapters, the region's own linked domains and partner kinds (the national
 * ones are always known), its kenmerk pattern, its disclosure rules and the wording of its letters. Every part is
 * decoded with the domain's own Schemas; `decode` and `parse` refuse a bad document with located Dutch messages
 * (`gemeenten[2].code: verwacht een CBS-gemeentecode zoals GM0402`), never a stack trace. A server serves whatever
 * region it is handed (`baken serve --region <file>`); Gooi en Vechtstreek is one such document.
 */
import { Result, Schema, type SchemaIssue } from "effect"
import * as Action from "./Action.js"
import * as Budget from "./Budget.js"
import * as CouncilDecision from "./CouncilDecision.js"
import * as Disclosure from "./Disclosure.js"
import * as Goal from "./Goal.js"
import { AdapterId, fitsPattern, type IndicatorId, Kenmerk, KenmerkPattern, type MunicipalityCode } from "./Ids.js"
import * as Indicator from "./Indicator.js"
import * as InvalidInput from "./InvalidInput.js"
import * as LinkedDomain from "./LinkedDomain.js"
import * as Municipality from "./Municipality.js"
import * as Partner from "./Partner.js"
import * as Plan from "./Plan.js"
import * as PlanLifecycle from "./PlanLifecycle.js"
import * as Programme from "./Programme.js"
import * as Region from "./Region.js"
import * as Target from "./Target.js"
import * as TaskArea from "./TaskArea.js"
import * as Text from "./Text.js"

/** The schema version this module reads. A document of another version is refused with a message saying which. */
export const currentVersion = 1

/** The most bytes a definition file may have: a region's plan is kilobytes, not megabytes. */
export const maxBytes = 5_000_000

/** The most elements any list in a definition may have; more is no region's plan and could only slow the checks. */
export const maxListLength = 10_000

/** The deepest a definition's JSON may nest; the format itself goes about eight levels deep. */
export const maxDepth = 32

/** The first list longer than `maxListLength` or nesting deeper than `maxDepth`, as a located problem. */
const tooLarge = (value: unknown): Problem | undefined => {
  const walk = (v: unknown, path: ReadonlyArray<PropertyKey>, depth: number): Problem | undefined => {
    if (typeof v !== "object" || v === null) return undefined
    if (depth > maxDepth) {
      return new Problem({ field: InvalidInput.fieldOf(path), message: `nest hoogstens ${maxDepth} niveaus diep` })
    }
    if (Array.isArray(v)) {
      if (v.length > maxListLength) {
        return new Problem({
          field: InvalidInput.fieldOf(path),
          message: `een lijst heeft hoogstens ${maxListLength.toLocaleString("nl-NL")} elementen, deze heeft er ${v.length.toLocaleString("nl-NL")}`,
        })
      }
      for (const [i, x] of v.entries()) {
        const found = walk(x, [...path, i], depth + 1)
        if (found !== undefined) return found
      }
      return undefined
    }
    for (const [k, x] of Object.entries(v)) {
      const found = walk(x, [...path, k], depth + 1)
      if (found !== undefined) return found
    }
    return undefined
  }
  return walk(value, [], 0)
}

/** A kind of partner the region adds to the national ones, with its Dutch name. */
export class OwnPartnerKind extends Schema.Class<OwnPartnerKind>("OwnPartnerKind")({
  kind: Partner.Kind,
  name: Text.requiredLine("kind's Dutch name"),
  /** The adapters that read this kind of partner's systems, if any. */
  adapters: Schema.optionalKey(Schema.Array(AdapterId)),
}) {}

/** The pooled budget of a plan: its lines and the cost key that divides each year's total. */
export class PlanBudget extends Schema.Class<PlanBudget>("PlanBudget")({
  lines: Schema.Array(Budget.BudgetLine),
  key: Budget.CostKey,
}) {}

/** One plan with every part of it. */
export class PlanDefinition extends Schema.Class<PlanDefinition>("PlanDefinition")({
  plan: Plan.Plan,
  /** Where the plan is in its lifecycle; absent: a draft. */
  status: Schema.optionalKey(PlanLifecycle.Status),
  /** The councils' decisions on it, in the order they were taken. */
  decisions: Schema.optionalKey(Schema.Array(CouncilDecision.CouncilDecision)),
  programmes: Schema.optionalKey(Schema.Array(Programme.Programme)),
  goals: Schema.optionalKey(Schema.Array(Goal.Goal)),
  actions: Schema.optionalKey(Schema.Array(Action.Action)),
  indicators: Schema.optionalKey(Schema.Array(Indicator.Indicator)),
  targets: Schema.optionalKey(Schema.Array(Target.Target)),
  budget: Schema.optionalKey(PlanBudget),
}) {}

/** The wording of the region's letters to the councils. */
export class LetterWording extends Schema.Class<LetterWording>("LetterWording")({
  salutation: Text.requiredLine("letter's salutation"),
  closing: Text.requiredLine("letter's closing"),
  /** Who signs until a letter names someone, e.g. `<naam wethouder>`. */
  signatory: Text.requiredLine("letter's signatory"),
}) {}

/** How published figures are protected: per audience; audiences not named keep CBS practice. */
export class DisclosureSettings extends Schema.Class<DisclosureSettings>("DisclosureSettings")({
  public: Schema.optionalKey(Disclosure.Rules),
  council: Schema.optionalKey(Disclosure.Rules),
  municipality: Schema.optionalKey(Disclosure.Rules),
  region: Schema.optionalKey(Disclosure.Rules),
  partner: Schema.optionalKey(Disclosure.Rules),
}) {}

/** A region definition, schema version 1. */
export class Definition extends Schema.Class<Definition>("RegionDefinition")({
  /** The schema version of the document: 1. */
  version: Schema.Literal(currentVersion),
  /** The region: id, name, seat, CBS areas, centrumgemeente and the membership intervals of its municipalities. */
  region: Region.Region,
  /** How the region is named in running text and page titles (`Gooi en Vechtstreek`); absent: `region.name`. */
  shortName: Schema.optionalKey(Text.requiredLine("region's short name")),
  /** Every municipality the memberships and plans name, with its CBS code. */
  municipalities: Schema.Array(Municipality.Municipality),
  /** How the region numbers its documents. */
  kenmerk: KenmerkPattern,
  /** The task areas the plans cover, with their Dutch names (the six Wmo tasks). */
  taskAreas: Schema.optionalKey(Schema.Array(TaskArea.TaskArea)),
  /** Linked domains the region adds to the national ones (`LinkedDomain.national`). */
  linkedDomains: Schema.optionalKey(Schema.Array(LinkedDomain.LinkedDomain)),
  /** Partner kinds the region adds to the national ones (`Partner.nationalKinds`). */
  partnerKinds: Schema.optionalKey(Schema.Array(OwnPartnerKind)),
  partners: Schema.optionalKey(Schema.Array(Partner.Partner)),
  plans: Schema.Array(PlanDefinition),
  disclosure: Schema.optionalKey(DisclosureSettings),
  letter: Schema.optionalKey(LetterWording),
}) {}

/** One thing wrong with a definition: where (a path into the document) and what, in Dutch. */
export class Problem extends Schema.Class<Problem>("RegionDefinitionProblem")({
  field: Schema.String,
  message: Schema.String,
}) {}

/** A region definition was refused; `problems` say where and why, in Dutch. */
export class DefinitionRefused extends Schema.TaggedError<DefinitionRefused>()("DefinitionRefused", {
  /** The file, when the definition was read from one. */
  file: Schema.optionalKey(Schema.String),
  problems: Schema.NonEmptyArray(Problem),
}) {
  override get message(): string {
    const where = this.file === undefined ? "de regiodefinitie" : `de regiodefinitie ${this.file}`
    const shown = this.problems.slice(0, 20).map((p) => (p.field === "" ? p.message : `${p.field}: ${p.message}`))
    const more = this.problems.length - shown.length
    return `${where} is geweigerd: ${shown.join("; ")}${more > 0 ? `; en nog ${more} fouten` : ""}`
  }
}

// ---- Dutch messages ------------------------------------------------------------------------------------------------

/** The domain's English schema messages and their Dutch wording; the first that matches is used. */
const dutch: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray) => string]> = [
  [/^is required(?: \((.*)\))?$/, () => "ontbreekt"],
  [
    /^Unexpected key\b.*|^Expected no excess property\b.*/i,
    () => "onbekend veld: controleer de spelling (zie de beschrijving van het formaat)",
  ],
  [/^Expected string\b.*/, () => "verwacht tekst"],
  [/^Expected number\b.*/, () => "verwacht een getal"],
  [/^Expected boolean\b.*/, () => "verwacht true of false"],
  [/^Expected array\b.*/, () => "verwacht een lijst [ … ]"],
  [/^Expected object\b.*|^Expected \{.*/, () => "verwacht een object { … }"],
  [/^Expected an integer\b.*|^Expected int\b.*/, () => "verwacht een geheel getal"],
  [/^Expected a finite number\b.*/, () => "verwacht een eindig getal"],
  [/^Expected (?:a value with a length of at least|a value with a size of at least) 1\b.*/, () => "mag niet leeg zijn"],
  [/^Expected ("[^"]*"(?: \| "[^"]*")*)(?:, got .*)?$/, (m) => `verwacht een van ${m[1]?.replaceAll(" | ", ", ")}`],
  [/^Expected a value between (\S+) and (\S+)\b.*/, (m) => `verwacht een waarde van ${m[1]} tot en met ${m[2]}`],
  [
    /^Expected a value greater than or equal to (\S+?),?(?: got.*)?$/,
    (m) => `verwacht een waarde van ten minste ${m[1]}`,
  ],
  [/^Expected a value less than or equal to (\S+?),?(?: got.*)?$/, (m) => `verwacht een waarde van hoogstens ${m[1]}`],
  [/^Expected a value greater than (\S+?),?(?: got.*)?$/, (m) => `verwacht een waarde groter dan ${m[1]}`],
  [/^Expected a value less than (\S+?),?(?: got.*)?$/, (m) => `verwacht een waarde kleiner dan ${m[1]}`],
  [/^(.*) is not a day of the calendar$/, (m) => `${m[1]} is geen dag van de kalender`],
  [/^expected an ISO date like (\S+)$/, (m) => `verwacht een datum als JJJJ-MM-DD, zoals ${m[1]}`],
  [/^expected a CBS region code like .*/, () => "verwacht een CBS-gebiedscode zoals GM0402, NL01, VR14 of CR24"],
  [/^expected a period like .*/, () => "verwacht een periode zoals 2024, 2024-H1, 2024-Q1 of 2024-03"],
  [/^expected a weight of at least 0$/, () => "verwacht een gewicht van ten minste 0"],
  [/^expected an amount in whole euro cents$/, () => "verwacht een bedrag in hele eurocenten"],
  [/^expected an amount of at least 0 cents$/, () => "verwacht een bedrag van ten minste 0 cent"],
  [/^expected a whole number above 0$/, () => "verwacht een geheel getal groter dan 0"],
  [/^expected a whole number of at least 0$/, () => "verwacht een geheel getal van ten minste 0"],
  [/^expected a count of at least 0$/, () => "verwacht een aantal van ten minste 0"],
  [/^Expected (.+?)(?:, got (.*))?$/, (m) => `verwacht ${m[1]}${m[2] === undefined ? "" : `, maar staat er ${m[2]}`}`],
  [/^expected a CBS municipality code like GM0402$/, () => "verwacht een CBS-gemeentecode zoals GM0402"],
  [/^expected a slug\b.*/, () => "verwacht een slug van kleine letters, cijfers en losse streepjes, zoals mijn-regio"],
  [
    /^expected a (partner kind|linked domain) as a slug\b.*/,
    (m) =>
      `verwacht ${m[1] === "partner kind" ? "een soort partner" : "een verbonden domein"} als slug van kleine letters, cijfers en losse streepjes`,
  ],
  [/^expected a kenmerk of\b.*/, () => "verwacht een kenmerk van 1 tot 40 letters, cijfers en . / - _ : # ( )"],
  [/^expected a date\b.*|^expected an ISO calendar date\b.*/i, () => "verwacht een datum als JJJJ-MM-DD"],
  [/^expected at most (\d+) characters$/, (m) => `hoogstens ${m[1]} tekens`],
  [/^expected the (.+)$/, (m) => `mag niet leeg zijn (${m[1]})`],
  [/^expected an AGB code of 8 digits$/, () => "verwacht een AGB-code van 8 cijfers"],
  [/^expected a KvK number of 8 digits$/, () => "verwacht een KvK-nummer van 8 cijfers"],
  [/^expected a year between 1900 and 2200$/, () => "verwacht een jaar van 1900 tot en met 2200"],
  [
    /^the first year \((\d+)\) is after the last \((\d+)\)$/,
    (m) => `het eerste jaar (${m[1]}) ligt na het laatste (${m[2]})`,
  ],
  [/^(GM\d{4}) has two memberships that share a day$/, (m) => `${m[1]} heeft twee lidmaatschappen die een dag delen`],
  [
    /^a membership cannot end \((.+)\) before it starts \((.+)\)$/,
    (m) => `een lidmaatschap kan niet eindigen (${m[1]}) voordat het begint (${m[2]})`,
  ],
  [/^expected a regular expression\b.*/, () => "verwacht een reguliere expressie"],
  [/^"(.*)" is no valid regular expression$/, (m) => `"${m[1]}" is geen geldige reguliere expressie`],
  [
    /^expected a pattern without a repeated group\b.*/,
    () => "een herhaalde groep binnen een herhaling, zoals (a+)+, is niet toegestaan: die kan eindeloos lang rekenen",
  ],
  [
    /^the example (.+) does not fit the pattern (.+)$/,
    (m) => `het voorbeeld ${m[1]} past niet bij het patroon ${m[2]}`,
  ],
  [/^expected text without control characters\b.*/, () => "verwacht tekst zonder stuurtekens zoals NUL"],
  [/^expected well-formed text\b.*/, () => "verwacht geldige tekst (er staat een half UTF-16-tekenpaar in)"],
  [/^a partner of kind gemeente names its municipality$/, () => "een partner van soort gemeente noemt zijn gemeente"],
]

const quoteValue = (value: unknown): string => {
  const text = typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? value)
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

/** An English schema message in Dutch; an unknown one is kept, after a Dutch lead, so nothing is lost. */
export const messageNl = (english: string): string => {
  for (const [pattern, word] of dutch) {
    const match = english.match(pattern)
    if (match !== null) return word(match)
  }
  return `ongeldige waarde (${english})`
}

const problemsOf = (issue: SchemaIssue.Issue): Array<Problem> => {
  const out: Array<Problem> = []
  const walk = (i: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>): void => {
    switch (i._tag) {
      case "Pointer":
        walk(i.issue, [...path, ...i.path])
        return
      case "UnexpectedKey":
        out.push(new Problem({ field: InvalidInput.fieldOf(path), message: messageNl("Unexpected key") }))
        return
      case "Composite":
        for (const child of i.issues) walk(child, path)
        return
      default:
        for (const p of InvalidInput.problemsOf(i)) {
          const field = [InvalidInput.fieldOf(path), p.field]
            .filter((f) => f !== "")
            .join(p.field.startsWith("[") ? "" : ".")
          out.push(new Problem({ field, message: messageNl(p.message) }))
        }
    }
  }
  walk(issue, [])
  return out
}

// ---- checks across the document ------------------------------------------------------------------------------------

/** What the document says across its parts that no single Schema can check: every name used is defined, once. */
const crossChecks = (d: Definition): Array<Problem> => {
  const out: Array<Problem> = []
  const problem = (field: string, message: string) => out.push(new Problem({ field, message }))
  const codes = new Set<string>()
  d.municipalities.forEach((m, i) => {
    if (codes.has(m.code)) problem(`municipalities[${i}].code`, `${m.code} staat twee keer in de lijst van gemeenten`)
    codes.add(m.code)
  })
  const knownCode = (code: MunicipalityCode, field: string) => {
    if (!codes.has(code)) problem(field, `${code} staat niet in municipalities: voeg de gemeente met haar naam toe`)
  }
  d.region.memberships.forEach((m, i) => {
    knownCode(m.municipality, `region.memberships[${i}].municipality`)
  })
  if (d.region.memberships.length === 0) problem("region.memberships", "de regio heeft geen enkele gemeente als lid")
  if (d.region.centrumgemeente !== undefined) knownCode(d.region.centrumgemeente, "region.centrumgemeente")
  const ever = new Set(Region.everMembers(d.region))
  const domains = new Set(LinkedDomain.withNational(d.linkedDomains ?? []).map((l) => l.id))
  const kinds = new Set<string>([...Partner.nationalKinds, ...(d.partnerKinds ?? []).map((k) => k.kind)])
  const taskAreas = new Set<string>(
    d.taskAreas === undefined ? TaskArea.TaskAreaId.literals : d.taskAreas.map((t) => t.id),
  )
  const partnerIds = new Set<string>()
  ;(d.partners ?? []).forEach((p, i) => {
    if (partnerIds.has(p.id)) problem(`partners[${i}].id`, `partner ${p.id} staat twee keer in de lijst`)
    partnerIds.add(p.id)
    if (!kinds.has(p.kind)) {
      problem(
        `partners[${i}].kind`,
        `soort ${p.kind} is geen landelijke soort partner en staat niet in partnerKinds: voeg hem daar toe met zijn Nederlandse naam`,
      )
    }
    if (p.municipality !== undefined) knownCode(p.municipality, `partners[${i}].municipality`)
  })
  const planIds = new Set<string>()
  d.plans.forEach((entry, i) => {
    const at = `plans[${i}]`
    const plan = entry.plan
    if (planIds.has(plan.id)) problem(`${at}.plan.id`, `plan ${plan.id} staat twee keer in de lijst`)
    planIds.add(plan.id)
    if (plan.region !== d.region.id) {
      problem(`${at}.plan.region`, `het plan hoort bij regio ${plan.region}, maar dit is regio ${d.region.id}`)
    }
    if (!fitsPattern(d.kenmerk, plan.kenmerk)) {
      problem(
        `${at}.plan.kenmerk`,
        `kenmerk ${plan.kenmerk} volgt de nummering van de regio niet (patroon ${d.kenmerk.regex}, zoals ${d.kenmerk.example})`,
      )
    }
    plan.linkedDomains.forEach((id, k) => {
      if (!domains.has(id)) {
        problem(
          `${at}.plan.linkedDomains[${k}]`,
          `${id} is geen landelijk verbonden domein en staat niet in linkedDomains: voeg het daar toe met zijn Nederlandse naam`,
        )
      }
    })
    plan.taskAreas.forEach((id, k) => {
      if (!taskAreas.has(id)) problem(`${at}.plan.taskAreas[${k}]`, `taakveld ${id} staat niet in taskAreas`)
    })
    plan.councils?.forEach((code, k) => {
      if (!ever.has(code)) problem(`${at}.plan.councils[${k}]`, `${code} is nooit lid van de regio geweest`)
    })
    for (const [k, decision] of (entry.decisions ?? []).entries()) {
      if (decision.plan !== plan.id)
        problem(`${at}.decisions[${k}].plan`, `het besluit gaat over ${decision.plan}, niet over ${plan.id}`)
      if (!ever.has(decision.municipality)) {
        problem(`${at}.decisions[${k}].municipality`, `${decision.municipality} is nooit lid van de regio geweest`)
      }
    }
    const programmes = new Set<string>()
    for (const [k, p] of (entry.programmes ?? []).entries()) {
      if (p.plan !== plan.id)
        problem(`${at}.programmes[${k}].plan`, `het programma hoort bij ${p.plan}, niet bij ${plan.id}`)
      if (programmes.has(p.id)) problem(`${at}.programmes[${k}].id`, `programma ${p.id} staat twee keer in het plan`)
      programmes.add(p.id)
    }
    const goals = new Set<string>()
    for (const [k, g] of (entry.goals ?? []).entries()) {
      if (!programmes.has(g.programme)) {
        problem(`${at}.goals[${k}].programme`, `programma ${g.programme} staat niet in de programma's van dit plan`)
      }
      if (goals.has(g.id)) problem(`${at}.goals[${k}].id`, `doel ${g.id} staat twee keer in het plan`)
      goals.add(g.id)
    }
    const indicators = new Set<IndicatorId>((entry.indicators ?? []).map((x) => x.id))
    for (const [k, g] of (entry.goals ?? []).entries()) {
      for (const [n, link] of g.indicators.entries()) {
        if (!indicators.has(link.indicator)) {
          problem(`${at}.goals[${k}].indicators[${n}].indicator`, `indicator ${link.indicator} staat niet in dit plan`)
        }
      }
    }
    for (const [k, a] of (entry.actions ?? []).entries()) {
      if (!goals.has(a.goal)) problem(`${at}.actions[${k}].goal`, `doel ${a.goal} staat niet in de doelen van dit plan`)
      if (!partnerIds.has(a.owner)) problem(`${at}.actions[${k}].owner`, `partner ${a.owner} staat niet in partners`)
    }
    for (const [k, t] of (entry.targets ?? []).entries()) {
      if (!indicators.has(t.indicator))
        problem(`${at}.targets[${k}].indicator`, `indicator ${t.indicator} staat niet in dit plan`)
    }
    const budget = entry.budget
    if (budget !== undefined) {
      for (const [k, line] of budget.lines.entries()) {
        if (line.plan !== plan.id)
          problem(`${at}.budget.lines[${k}].plan`, `de regel hoort bij ${line.plan}, niet bij ${plan.id}`)
        if (!programmes.has(line.programme)) {
          problem(`${at}.budget.lines[${k}].programme`, `programma ${line.programme} staat niet in dit plan`)
        }
        if (line.year < plan.firstYear || line.year > plan.lastYear) {
          problem(
            `${at}.budget.lines[${k}].year`,
            `${line.year} valt buiten het plan (${plan.firstYear}-${plan.lastYear})`,
          )
        }
      }
      const parts = budget.key._tag === "Mix" ? budget.key.parts.map((p) => p.key) : [budget.key]
      parts.forEach((key, p) => {
        const entries = key._tag === "PerResident" ? key.residents : key.shares
        const list = key._tag === "PerResident" ? "residents" : "shares"
        const path = budget.key._tag === "Mix" ? `${at}.budget.key.parts[${p}].key.${list}` : `${at}.budget.key.${list}`
        entries.forEach((e, k) => {
          knownCode(e.municipality, `${path}[${k}].municipality`)
        })
      })
    }
  })
  d.plans.forEach((entry, i) => {
    const predecessor = entry.plan.predecessor
    if (predecessor !== undefined && !planIds.has(predecessor)) {
      problem(`plans[${i}].plan.predecessor`, `plan ${predecessor} staat niet in plans`)
    }
  })
  return out
}

const decodeDocument = Schema.decodeUnknownResult(Definition)

/**
 * Decodes a region definition (a parsed JSON value): its version first, then every part with the domain's Schemas,
 * then the checks across parts. Fails with every problem found, in Dutch, each at its place in the document.
 */
export const decode = (input: unknown, file?: string): Result.Result<Definition, DefinitionRefused> => {
  const refuse = (problems: ReadonlyArray<Problem>) => {
    const [first, ...rest] = problems
    return Result.fail(
      new DefinitionRefused({
        ...(file === undefined ? {} : { file }),
        problems:
          first === undefined ? [new Problem({ field: "", message: "de definitie klopt niet" })] : [first, ...rest],
      }),
    )
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return refuse([
      new Problem({
        field: "",
        message: "verwacht een JSON-object { … } met version, region, municipalities, kenmerk en plans",
      }),
    ])
  }
  const version = (input as { readonly version?: unknown }).version
  if (version !== currentVersion) {
    return refuse([
      new Problem({
        field: "version",
        message:
          version === undefined
            ? `ontbreekt: zet "version": ${currentVersion} bovenaan`
            : `versie ${quoteValue(version)} kan deze Baken niet lezen; deze leest versie ${currentVersion}`,
      }),
    ])
  }
  const large = tooLarge(input)
  if (large !== undefined) return refuse([large])
  const decoded = decodeDocument(input, { errors: "all", onExcessProperty: "error" })
  if (Result.isFailure(decoded)) return refuse(problemsOf(decoded.failure.issue))
  const problems = crossChecks(decoded.success)
  return problems.length > 0 ? refuse(problems) : Result.succeed(decoded.success)
}

/** Reads a definition from JSON text (the contents of `file`): too large, not JSON or not a definition is refused. */
export const parse = (text: string, file?: string): Result.Result<Definition, DefinitionRefused> => {
  const at = (message: string) =>
    Result.fail(
      new DefinitionRefused({
        ...(file === undefined ? {} : { file }),
        problems: [new Problem({ field: "", message })],
      }),
    )
  if (text.length > maxBytes) return at(`het bestand is groter dan ${maxBytes.toLocaleString("nl-NL")} tekens`)
  let json: unknown
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    return at(`het bestand is geen geldige JSON: ${(error as Error).message}`)
  }
  return decode(json, file)
}

/** The document of a definition, as JSON: what `decode` reads back to an equal definition. */
export const encode = (definition: Definition): unknown => Schema.encodeSync(Definition)(definition)

// ---- what a host takes from a definition ----------------------------------------------------------------------------

/** The name used in running text and titles: the short name, else the region's name. */
export const shortNameOf = (d: Definition): string => d.shortName ?? d.region.name

/** The linked domains the region knows: the national ones and its own. */
export const linkedDomainsOf = (d: Definition): ReadonlyArray<LinkedDomain.LinkedDomain> =>
  LinkedDomain.withNational(d.linkedDomains ?? [])

/** The partner kinds the region knows, with Dutch names: the national ones and its own. */
export const partnerKindsOf = (d: Definition): ReadonlyArray<Partner.KindDescription> => [
  ...Partner.nationalKinds
    .filter((kind) => !(d.partnerKinds ?? []).some((k) => k.kind === kind))
    .map((kind) => new Partner.KindDescription({ kind, name: Partner.kindNl(kind), adapters: [] })),
  ...(d.partnerKinds ?? []).map(
    (k) => new Partner.KindDescription({ kind: k.kind, name: k.name, adapters: k.adapters ?? [] }),
  ),
]

/** The task areas the region names, else the six national ones. */
export const taskAreasOf = (d: Definition): ReadonlyArray<TaskArea.TaskArea> => d.taskAreas ?? TaskArea.national

/** The plans of the definition. */
export const plansOf = (d: Definition): ReadonlyArray<Plan.Plan> => d.plans.map((p) => p.plan)

/** The plans' first and last years as one span, e.g. `{ firstYear: 2024, lastYear: 2027 }`; none without plans. */
export const yearsOf = (d: Definition): { readonly firstYear: number; readonly lastYear: number } | undefined =>
  d.plans.length === 0
    ? undefined
    : {
        firstYear: Math.min(...d.plans.map((p) => p.plan.firstYear)),
        lastYear: Math.max(...d.plans.map((p) => p.plan.lastYear)),
      }

/** Whether `kenmerk` follows the region's numbering. */
export const kenmerkFits = (d: Definition, kenmerk: string): boolean =>
  Schema.is(Kenmerk)(kenmerk) && fitsPattern(d.kenmerk, kenmerk)

/** The disclosure rules per audience the definition configures (audiences it does not name keep CBS practice). */
export const disclosureOf = (d: Definition): Disclosure.Configuration => {
  const s = d.disclosure
  if (s === undefined) return {}
  return Object.fromEntries(
    (["public", "council", "municipality", "region", "partner"] as const).flatMap((a) =>
      s[a] === undefined ? [] : [[a, s[a]]],
    ),
  )
}

/** The issue type the Dutch messages are made from, for hosts that decode parts of a definition themselves. */
export type Issue = SchemaIssue.Issue
