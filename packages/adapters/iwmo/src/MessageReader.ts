/**
 * Reads one iWmo message file while it streams in: decodes UTF-8 strictly, parses with saxes (which never expands
 * DTD-defined or external entities; a DOCTYPE is refused outright), validates every element against the XSD model as
 * it closes, applies the plan's rules (BSN eleven-test, known municipality, product category, date order, …),
 * pseudonymises the BSN on the spot and keeps only what the plan needs. A rejection is handed out as soon as it is
 * found; the message's records only when the whole message turned out valid, so a message is never half accepted.
 */

import type { Pseudonymiser } from "@baken/adapter-kit"
import { Bsn, Item } from "@baken/adapter-kit"
import type { Period as PeriodNs } from "@baken/domain"
import {
  CalendarDate,
  Ids,
  IwmoIndicator as Indicator,
  Period,
  PersonEvent,
  IwmoProductCategory as ProductCategory,
} from "@baken/domain"
import { Result } from "effect"
import { SaxesParser, type SaxesTagPlain } from "saxes"
import * as Municipality from "./Municipality.js"
import * as SchemaModel from "./SchemaModel.js"
import { Totals } from "./Totals.js"

/** Limits that keep a hostile file from growing memory or time without bound. */
export const limits = {
  /** The most characters the parser may take in without producing an event (one tag, one text node). */
  charactersPerEvent: 1024 * 1024,
  /** The most products one message may carry (declarations excepted: their prestaties are only summed). */
  productsPerMessage: 100_000,
  /** The most rejections reported for one message before reading stops. */
  rejectionsPerMessage: 20,
}

/** What the reader needs from its surroundings. */
export interface Context {
  readonly pseudonymise: Pseudonymiser.Pseudonymiser["Service"]["pseudonymiseResult"]
  /** Today, for the rule that a Dagtekening may not lie in the future (retourcode 8848). */
  readonly today: string
  /** The delivery's totals, which an accepted message's counts are merged into. */
  readonly totals: Totals
}

interface Frame {
  readonly type: SchemaModel.Type
  readonly parent: Frame | undefined
  /** The element's 1-based position among its repeated siblings, or 0 when it cannot repeat. */
  readonly index: number
  /** The path below the root without repetition indices, e.g. `Client/StartProducten/StartProduct/Begindatum`. */
  readonly relative: string
  readonly local: string
  readonly line: number
  readonly column: number
  particle: number
  count: number
  text: string
}

interface Position {
  readonly line: number
  readonly column: number
  /** The element, whose path is only spelled out when a rejection needs it. */
  readonly frame?: Frame | undefined
  readonly path?: string
}

/** `/Bericht/Client/StartProducten/StartProduct[2]/Begindatum`: the element path of a frame. */
const pathOf = (frame: Frame | undefined): string => {
  if (frame === undefined) return "/"
  const own = frame.index === 0 ? frame.local : `${frame.local}[${frame.index}]`
  return frame.parent === undefined ? `/${own}` : `${pathOf(frame.parent)}/${own}`
}

const relatives = new Map<string, Map<string, string>>()

/** The relative path of a child, as one shared string per path, so that comparing and hashing paths stays cheap. */
const relativeOf = (parent: string, name: string): string => {
  let children = relatives.get(parent)
  if (children === undefined) {
    children = new Map()
    relatives.set(parent, children)
  }
  let relative = children.get(name)
  if (relative === undefined) {
    relative = parent === "" ? name : `${parent}/${name}`
    children.set(name, relative)
  }
  return relative
}

const adapterId = Ids.AdapterId.make("iwmo")
const isoDate = /^\d{4}-\d{2}-\d{2}$/
const notBlank = /[^ \t\n\r]/
const noPrefixes: Readonly<Record<string, string>> = {}
const versionedNamespace = /^http:\/\/www\.istandaarden\.nl\/iwmo\/(\d+)_(\d+)\/wmo(\d{3})\/schema$/
const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

/** Paths (below the root) of the elements each message kind repeats per product. */
const productPaths: Readonly<Record<string, ReadonlyArray<string>>> = {
  "301": ["Client/ToegewezenProducten/ToegewezenProduct"],
  "305": ["Client/StartProducten/StartProduct"],
  "307": ["Client/StopProducten/StopProduct"],
  "315": ["Client/AangevraagdeProducten/AangevraagdProduct"],
  "317": ["Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct", "Client/Verzoek/NieuweProducten/NieuwProduct"],
  "319": [],
  "323": ["Declaratie/Clienten/Client/Prestaties/Prestatie"],
}

/** Which side of a message is the municipality: 301 and 319 go from municipality to provider, the rest back. */
const municipalitySide = (message: string): "Afzender" | "Ontvanger" =>
  message === "301" || message === "319" ? "Afzender" : "Ontvanger"

/** The care provider's side (its AGB code): the other side of `municipalitySide`. */
const providerSide = (message: string): "Afzender" | "Ontvanger" =>
  municipalitySide(message) === "Afzender" ? "Ontvanger" : "Afzender"

/** What StatusAanlevering says about an earlier event: 1 is new, 2 replaces it, 3 deletes it. */
const corrections: Readonly<Record<string, PersonEvent.Correction | undefined>> = { "2": "replaces", "3": "deletes" }

/** The longest file name an event's origin holds (`PersonEvent.Origin`); a longer one keeps its start and its end. */
const originFileLength = 300

const originFile = (file: string): string =>
  file.length <= originFileLength ? file : `${file.slice(0, 100)}…${file.slice(file.length - originFileLength + 101)}`

/** Values of these types may be repeated in a rejection message; everything else might be personal. */
const echoable = new Set([
  "LDT_Gemeente",
  "LDT_AgbCode",
  "LDT_BerichtCode",
  "LDT_BerichtVersie",
  "LDT_BerichtSubversie",
  "LDT_ProductCategorie",
  "LDT_Eenheid",
  "LDT_RedenBeeindiging",
  "LDT_StatusAanlevering",
  "LDT_VerzoekAntwoord",
  "LDT_DebetCredit",
])

/** What a repeated value may look like: at most four digits or capitals, like the codes of iWmo's own lists. */
const echoableValue = /^[0-9A-Z]{1,4}$/

const problemText: Record<SchemaModel.Problem, { nl: string; en: string }> = {
  lexical: { nl: "heeft niet de vorm die het type vraagt", en: "does not have the form its type requires" },
  pattern: { nl: "voldoet niet aan het patroon", en: "does not match the pattern" },
  enumeration: { nl: "is geen toegestane code", en: "is not an allowed code" },
  length: { nl: "heeft niet de toegestane lengte", en: "does not have an allowed length" },
  range: { nl: "ligt buiten het toegestane bereik", en: "is out of the allowed range" },
}

/** Friendlier words for the types a data steward meets most. */
const typeHint: Readonly<Record<string, { nl: string; en: string }>> = {
  LDT_Gemeente: { nl: "een gemeentecode van 4 cijfers, zoals 0402", en: "a municipality code of 4 digits, like 0402" },
  LDT_AgbCode: { nl: "een AGB-code van 8 cijfers", en: "an AGB code of 8 digits" },
  LDT_BurgerServicenummer: { nl: "een BSN van 9 cijfers", en: "a BSN of 9 digits" },
  LDT_Datum: { nl: "een datum zoals 2024-03-01", en: "a date like 2024-03-01" },
}

const months = new Map<string, PeriodNs.Period>()

/** The month of an ISO date, remembered: building branded values validates them, which is slow in a hot loop. */
const monthOf = (date: string): PeriodNs.Period => {
  const key = date.slice(0, 7)
  let month = months.get(key)
  if (month === undefined) {
    month = Period.ofDate(CalendarDate.CalendarDate.make(`${key}-01`), "month")
    if (months.size < 100_000) months.set(key, month)
  }
  return month
}

/** Reads one file's bytes as one iWmo message. */
export class MessageReader {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true })
  // Namespaces are resolved here rather than by saxes: iWmo declares them on the root, and a scope per element that
  // declares any is much cheaper than saxes' general namespace processing on every tag.
  private readonly parser = new SaxesParser({ xmlns: false, position: true })
  /** Per open element, the prefixes in scope: shared with the parent unless the element declares its own. */
  private readonly scopes: Array<Readonly<Record<string, string>>> = []
  private readonly stack: Array<Frame> = []
  private readonly pending: Array<Item.Item> = []
  private readonly events: Array<PersonEvent.PersonEvent> = []
  private readonly totals = new Totals()
  private message: SchemaModel.Message | undefined
  private productPathSet: ReadonlySet<string> = new Set()
  private rejections = 0
  private ended = false
  private sawRoot = false
  /** Events seen so far, and characters fed since the last one: the guard against runaway tokens. */
  private eventCount = 0
  private charactersSinceEvent = 0
  private tagLine = 1
  private tagColumn = 1
  /** Set when reading cannot usefully go on: the caller stops feeding bytes. */
  stopped = false

  // What the plan needs from the message, and nothing else: no name, address or birth date is ever kept.
  private readonly header = new Map<string, string>()
  private person: Ids.Pseudonym | undefined
  private product: Map<string, string> | undefined
  private productPath = ""
  private productPrefix = "/"
  private productPosition: Position = { line: 1, column: 1 }
  private products = 0
  private allocationNumbers = new Set<string>()
  private declaredSum = 0n

  constructor(
    private readonly file: string,
    private readonly context: Context,
  ) {
    const p = this.parser
    p.on("xmldecl", (decl) => {
      this.touch()
      if (decl.encoding !== undefined && decl.encoding.toLowerCase() !== "utf-8") {
        this.fatal("encoding", undefined, undefined, {
          nl: `Het bericht moet in UTF-8 zijn, niet in ${decl.encoding.slice(0, 20)}.`,
          en: `The message must be UTF-8, not ${decl.encoding.slice(0, 20)}.`,
        })
      }
    })
    p.on("doctype", () => {
      this.touch()
      this.fatal("doctype-not-allowed", undefined, "0001", {
        nl: "Een iWmo-bericht mag geen DOCTYPE bevatten (geen entiteiten, geen externe verwijzingen).",
        en: "An iWmo message may not contain a DOCTYPE (no entities, no external references).",
      })
    })
    p.on("opentag", (tag) => this.open(tag))
    p.on("closetag", () => {
      this.scopes.pop()
      this.close()
    })
    p.on("text", (text) => this.text(text))
    p.on("cdata", (text) => this.text(text))
    p.on("comment", () => this.touch())
    p.on("processinginstruction", () => this.touch())
    p.on("error", (error) => {
      this.fatal("malformed-xml", undefined, "0001", {
        nl: `Het bestand is geen goedgevormde XML: ${this.redactedParserMessage(error.message)}.`,
        en: `The file is not well-formed XML: ${this.redactedParserMessage(error.message)}.`,
      })
    })
  }

  /** Feeds a chunk of bytes; returns the rejections found so far, to be handed out at once. */
  write(chunk: Uint8Array): ReadonlyArray<Item.Item> {
    if (this.stopped) return this.drain()
    let text: string
    try {
      text = this.decoder.decode(chunk, { stream: true })
    } catch {
      this.notUtf8()
      return this.drain()
    }
    this.feed(text)
    return this.drain()
  }

  /** The bytes could not be read to the end (e.g. a broken archive): the message is rejected. */
  fail(reason: string): ReadonlyArray<Item.Item> {
    this.fatal("unreadable", undefined, "0001", {
      nl: `Het bestand kon niet helemaal worden gelezen (${reason}).`,
      en: `The file could not be read to the end (${reason}).`,
    })
    return this.drain()
  }

  /** Ends the file: the remaining rejections, or, for a valid message, its person events. */
  end(): ReadonlyArray<Item.Item> {
    if (!this.stopped) {
      try {
        this.feed(this.decoder.decode())
      } catch {
        this.notUtf8()
      }
      if (!this.stopped) this.parser.close()
    }
    if (!this.stopped && !this.sawRoot) {
      this.fatal("empty", undefined, "0001", {
        nl: "Het bestand bevat geen bericht.",
        en: "The file holds no message.",
      })
    }
    this.ended = true
    const out = this.drain()
    if (this.rejections > 0 || this.stopped || this.message === undefined) return out
    this.context.totals.merge(this.totals)
    return [...out, ...this.events.map(Item.accepted)]
  }

  private feed(text: string): void {
    if (text.length === 0 || this.stopped) return
    // Feed in slices so that the guard on characters per event sees a runaway token early.
    const slice = 64 * 1024
    for (let i = 0; i < text.length && !this.stopped; i += slice) {
      const part = text.length <= slice ? text : text.slice(i, i + slice)
      const before = this.eventCount
      this.parser.write(part)
      // Approximate by slices: an event in this slice resets the count, none adds the whole slice.
      this.charactersSinceEvent = this.eventCount === before ? this.charactersSinceEvent + part.length : 0
      if (!this.stopped && this.charactersSinceEvent > limits.charactersPerEvent) {
        this.fatal("element-too-large", undefined, "0001", {
          nl: "Een element of tekst is groter dan 1 MiB; zo groot is geen iWmo-gegeven.",
          en: "An element or text is larger than 1 MiB; no iWmo field is that large.",
        })
      }
    }
  }

  private touch(): void {
    this.eventCount++
  }

  private drain(): Array<Item.Item> {
    return this.pending.splice(0, this.pending.length)
  }

  private notUtf8(): void {
    this.fatal("not-utf8", undefined, "0001", {
      nl: "Het bestand is geen UTF-8-tekst; een iWmo-bericht is XML in UTF-8.",
      en: "The file is not UTF-8 text; an iWmo message is XML in UTF-8.",
    })
  }

  private redactedParserMessage(message: string): string {
    // saxes prefixes its messages with the position, which the location already carries.
    return message
      .replace(/^(?:[^:]*:)?\d+:\d+: /, "")
      .replace(/\.+$/, "")
      .replace(Bsn.shaped, "*********")
      .slice(0, 200)
  }

  private here(): Position {
    const top = this.stack.at(-1)
    return { line: this.parser.line, column: Math.max(1, this.parser.column), frame: top }
  }

  private messageId(): string | undefined {
    const id = this.header.get("Header/BerichtIdentificatie/Identificatie")
    if (id === undefined) return undefined
    const prefix = this.message === undefined ? "" : `WMO${this.message.id} `
    return `${prefix}${Bsn.redact(id)}`
  }

  private reject(
    rule: string,
    at: Position,
    field: string | undefined,
    code: string | undefined,
    text: { nl: string; en: string },
  ): void {
    if (this.ended) return
    this.rejections++
    if (this.rejections > limits.rejectionsPerMessage) {
      this.stopped = true
      return
    }
    // Element names and values come from the file: whatever of them a rejection repeats (a message, a path, a field)
    // is redacted here, in one place, so that an element named like a BSN is never echoed (found by an outside
    // tester: `<X999960003>` came back in "gevonden: …" and in the path).
    this.pending.push(
      Item.rejected({
        location: {
          file: this.file,
          message: this.messageId(),
          line: at.line,
          column: at.column,
          path: Bsn.redact(at.path ?? pathOf(at.frame)),
        },
        rule,
        field: field === undefined ? undefined : Bsn.redact(field),
        code,
        nl: Bsn.redact(text.nl),
        en: Bsn.redact(text.en),
      }),
    )
  }

  private fatal(rule: string, field: string | undefined, code: string | undefined, text: { nl: string; en: string }) {
    if (this.stopped) return
    this.reject(rule, this.here(), field, code, text)
    this.stopped = true
  }

  private resolve(prefix: string): string | undefined {
    const uri = this.scopes.at(-1)?.[prefix]
    if (uri !== undefined) return uri
    return prefix === "" ? "" : prefix === "xml" ? "http://www.w3.org/XML/1998/namespace" : undefined
  }

  private open(plain: SaxesTagPlain): void {
    this.touch()
    // The parser stands just after the start tag: its line, and the column where the tag ends.
    this.tagLine = this.parser.line
    this.tagColumn = Math.max(1, this.parser.column)
    const inherited = this.scopes.at(-1) ?? noPrefixes
    let scope: Record<string, string> | undefined
    let others: Array<string> | undefined
    for (const name in plain.attributes) {
      const value = plain.attributes[name] as string
      if (name === "xmlns" || name.startsWith("xmlns:")) {
        scope ??= { ...inherited }
        scope[name === "xmlns" ? "" : name.slice(6)] = value
      } else {
        others ??= []
        others.push(name)
      }
    }
    this.scopes.push(scope ?? inherited)
    if (this.stopped) return
    const colon = plain.name.indexOf(":")
    const prefix = colon === -1 ? "" : plain.name.slice(0, colon)
    const uri = this.resolve(prefix)
    if (uri === undefined) {
      this.fatal("malformed-xml", undefined, "0001", {
        nl: `Het voorvoegsel ${prefix.slice(0, 40)} is niet aan een namespace gebonden.`,
        en: `The prefix ${prefix.slice(0, 40)} is not bound to a namespace.`,
      })
      return
    }
    for (const name of others ?? []) {
      const c = name.indexOf(":")
      const local = name.slice(c + 1)
      const allowed =
        c !== -1 &&
        this.resolve(name.slice(0, c)) === xsiNamespace &&
        (local === "schemaLocation" || local === "noNamespaceSchemaLocation")
      if (!allowed) {
        this.structure("attribute-not-allowed", {
          nl: `Attribuut ${name.slice(0, 40)} is niet toegestaan.`,
          en: `Attribute ${name.slice(0, 40)} is not allowed.`,
        })
        return
      }
    }
    const tag = { uri, local: colon === -1 ? plain.name : plain.name.slice(colon + 1) }
    const at = { line: this.tagLine, column: this.tagColumn }
    const parent = this.stack.at(-1)
    if (parent === undefined) {
      this.openRoot(tag, at)
      return
    }
    if (parent.type.kind === "simple") {
      this.structure("unexpected-element", {
        nl: `Element ${tag.local} mag hier niet staan: ${parent.local} bevat alleen een waarde.`,
        en: `Element ${tag.local} is not allowed here: ${parent.local} holds a value only.`,
      })
      return
    }
    if (parent.text.length > 0) {
      this.structure("unexpected-text", {
        nl: `${parent.local} mag geen losse tekst bevatten.`,
        en: `${parent.local} may not contain loose text.`,
      })
      return
    }
    const particles = parent.type.particles
    while (parent.particle < particles.length) {
      const p = particles[parent.particle] as SchemaModel.Particle
      if (p.name === tag.local && p.namespace === tag.uri) {
        if (parent.count < p.max) {
          parent.count++
          const relative = relativeOf(parent.relative, p.name)
          this.stack.push({
            type: p.type,
            parent,
            index: p.max > 1 ? parent.count : 0,
            relative,
            local: p.name,
            line: at.line,
            column: at.column,
            particle: 0,
            count: 0,
            text: "",
          })
          this.openedElement(relative)
          return
        }
        parent.particle++
        parent.count = 0
        continue
      }
      if (p.name === tag.local && p.namespace !== tag.uri) {
        this.structure("wrong-namespace", {
          nl: `Element ${p.name} staat in de verkeerde namespace.`,
          en: `Element ${p.name} is in the wrong namespace.`,
        })
        return
      }
      if (parent.count >= p.min) {
        parent.particle++
        parent.count = 0
        continue
      }
      this.structure("missing-element", {
        nl: `Element ${p.name} ontbreekt in ${parent.local} (gevonden: ${tag.local.slice(0, 40)}).`,
        en: `Element ${p.name} is missing in ${parent.local} (found: ${tag.local.slice(0, 40)}).`,
      })
      return
    }
    this.structure("unexpected-element", {
      nl: `Element ${tag.local.slice(0, 40)} is hier niet toegestaan in ${parent.local}.`,
      en: `Element ${tag.local.slice(0, 40)} is not allowed here in ${parent.local}.`,
    })
  }

  private openRoot(tag: { readonly uri: string; readonly local: string }, at: { line: number; column: number }): void {
    this.sawRoot = true
    const rootAt = { ...at, path: `/${tag.local}` }
    const message = SchemaModel.messagesByNamespace.get(tag.uri)
    if (message === undefined || tag.local !== "Bericht") {
      const versioned = versionedNamespace.exec(tag.uri)
      if (versioned !== null && `${versioned[1]}_${versioned[2]}` !== "3_2") {
        this.reject("unsupported-version", rootAt, "Bericht", "0001", {
          nl: `Dit is een iWmo ${versioned[1]}.${versioned[2]}-bericht (WMO${versioned[3]}); alleen iWmo 3.2 wordt gelezen.`,
          en: `This is an iWmo ${versioned[1]}.${versioned[2]} message (WMO${versioned[3]}); only iWmo 3.2 is read.`,
        })
      } else {
        this.reject("unknown-message", rootAt, "Bericht", "0001", {
          nl: "Dit is geen iWmo 3.2-bericht: het hoofdelement is geen Bericht in een iWmo 3.2-namespace.",
          en: "This is not an iWmo 3.2 message: the root is not a Bericht in an iWmo 3.2 namespace.",
        })
      }
      this.stopped = true
      return
    }
    this.message = message
    this.productPathSet = new Set(productPaths[message.id] ?? [])
    this.stack.push({
      type: message.root,
      parent: undefined,
      index: 0,
      relative: "",
      local: "Bericht",
      line: at.line,
      column: at.column,
      particle: 0,
      count: 0,
      text: "",
    })
  }

  private structure(rule: string, text: { nl: string; en: string }): void {
    // After a structural error the content model is lost, so the message is rejected and reading stops.
    const top = this.stack.at(-1)
    this.reject(rule, { line: this.tagLine, column: this.tagColumn, frame: top }, undefined, "0001", text)
    this.stopped = true
  }

  private text(text: string): void {
    this.touch()
    if (this.stopped) return
    const top = this.stack.at(-1)
    if (top === undefined) return
    if (top.type.kind === "complex") {
      // Only whitespace may stand between elements; remember that something else did.
      if (top.text.length === 0 && notBlank.test(text)) top.text = "x"
      return
    }
    const max = (top.type.maxLength ?? 64 * 1024) + 1
    if (top.text.length < max) top.text = (top.text + text).slice(0, max)
  }

  private close(): void {
    this.touch()
    if (this.stopped) return
    const frame = this.stack.pop()
    if (frame === undefined) return
    const at: Position = { line: frame.line, column: frame.column, frame }
    if (frame.type.kind === "complex") {
      if (frame.text.length > 0) {
        this.stack.push(frame)
        this.structure("unexpected-text", {
          nl: `${frame.local} mag geen losse tekst bevatten.`,
          en: `${frame.local} may not contain loose text.`,
        })
        return
      }
      const particles = frame.type.particles
      for (let i = frame.particle; i < particles.length; i++) {
        const p = particles[i] as SchemaModel.Particle
        const have = i === frame.particle ? frame.count : 0
        if (have < p.min) {
          this.stack.push(frame)
          this.structure("missing-element", {
            nl: `Element ${p.name} ontbreekt in ${frame.local}.`,
            en: `Element ${p.name} is missing in ${frame.local}.`,
          })
          return
        }
      }
      this.closedComplex(frame.relative, at)
      return
    }
    const problem = SchemaModel.check(frame.type, frame.text)
    if (problem !== undefined) {
      const label = frame.type.label
      // Only a value that can be nothing but a code is repeated: a name or a street typed into a code field (found by
      // the conformance suite's canaries: "Ontvanger ("<given name>")") is personal, whatever the field's type.
      const shown = echoable.has(label) && echoableValue.test(frame.text) ? ` ("${frame.text}")` : ""
      const hint = typeHint[label]
      const rule =
        label === "LDT_BurgerServicenummer"
          ? "bsn-format"
          : label === "LDT_ProductCategorie" && problem === "enumeration"
            ? "product-category"
            : (frame.local === "Afzender" || frame.local === "Ontvanger") && hint !== undefined
              ? "party-kind"
              : `xsd-${problem}`
      this.reject(rule, at, frame.local, "0001", {
        nl: `${frame.local}${shown} ${problemText[problem].nl}${hint === undefined ? ` (${label})` : `: verwacht ${hint.nl}`}.`,
        en: `${frame.local}${shown} ${problemText[problem].en}${hint === undefined ? ` (${label})` : `: expected ${hint.en}`}.`,
      })
      return
    }
    this.closedValue(frame.relative, SchemaModel.normalise(frame.type, frame.text), at, frame.local)
  }

  // ---- what the plan needs, gathered as the message streams by ----

  private openedElement(relative: string): void {
    const message = this.message
    if (message === undefined) return
    if (this.productPathSet.has(relative)) {
      this.products++
      // Person events wait in memory until the message ends; declarations only add to bounded totals.
      if (message.id !== "323" && this.products > limits.productsPerMessage) {
        this.structure("too-many-products", {
          nl: `Een bericht met meer dan ${limits.productsPerMessage} producten wordt niet gelezen.`,
          en: `A message with more than ${limits.productsPerMessage} products is not read.`,
        })
        return
      }
      this.product = new Map()
      this.productPath = relative
      this.productPrefix = `${relative}/`
      const top = this.stack.at(-1) as Frame
      this.productPosition = { line: top.line, column: top.column, frame: top }
    }
    if (message.id === "323" && relative === "Declaratie/Clienten/Client") this.person = undefined
  }

  private closedValue(relative: string, value: string, at: Position, local: string): void {
    const message = this.message
    if (message === undefined) return
    if (this.product !== undefined && relative.startsWith(this.productPrefix)) {
      this.product.set(relative.slice(this.productPrefix.length), value)
      return
    }
    if (relative === "Client/Bsn" || relative === "Declaratie/Clienten/Client/Bsn") {
      const result = this.context.pseudonymise(value)
      if (Result.isFailure(result)) {
        this.reject("bsn-eleven-test", at, local, undefined, {
          nl: "Het BSN voldoet niet aan de elfproef.",
          en: "The BSN fails the eleven-test.",
        })
      } else {
        this.person = result.success
      }
      return
    }
    if (relative.startsWith("Header/") || relative.startsWith("Declaratie/") || relative.startsWith("Antwoord/")) {
      this.header.set(relative, value)
      if (relative === "Header/Afzender" || relative === "Header/Ontvanger") {
        const side = municipalitySide(message.id)
        if (relative === `Header/${side}` && !Municipality.isKnown(value)) {
          this.reject("unknown-municipality", at, side, "S300", {
            nl: `Gemeentecode ${value} is ongeldig: geen gemeente in de CBS-indeling.`,
            en: `Municipality code ${value} is invalid: not a municipality of the CBS classification.`,
          })
        }
      }
      if (relative === "Header/BerichtIdentificatie/Dagtekening" && isoDate.test(value) && value > this.context.today) {
        this.reject("dagtekening-in-future", at, local, "8848", {
          nl: "De dagtekening ligt na vandaag.",
          en: "The Dagtekening lies after today.",
        })
      }
    }
  }

  private municipalityCache: Ids.MunicipalityCode | undefined

  private municipality(): Ids.MunicipalityCode | undefined {
    const message = this.message
    if (message === undefined) return undefined
    if (this.municipalityCache !== undefined) return this.municipalityCache
    const code = this.header.get(`Header/${municipalitySide(message.id)}`)
    if (code === undefined || !Municipality.isKnown(code)) return undefined
    this.municipalityCache = Municipality.toCbs(code)
    return this.municipalityCache
  }

  private month(date: string | undefined, at: Position, field: string): PeriodNs.Period | undefined {
    if (date === undefined) return undefined
    if (!isoDate.test(date)) {
      this.reject("date-range", at, field, undefined, {
        nl: `${field} moet een datum met een jaartal van 4 cijfers zijn.`,
        en: `${field} must be a date with a 4-digit year.`,
      })
      return undefined
    }
    return monthOf(date)
  }

  private dateOrder(first: string | undefined, firstName: string, last: string | undefined, lastName: string) {
    if (first === undefined || last === undefined || first <= last) return true
    this.reject("date-order", this.productPosition, lastName, undefined, {
      nl: `${lastName} ligt vóór ${firstName}.`,
      en: `${lastName} lies before ${firstName}.`,
    })
    return false
  }

  private category(code: string | undefined): string {
    if (code === undefined) return ProductCategory.unknown
    if (!ProductCategory.isKnown(code)) {
      this.reject("product-category", this.productPosition, "Categorie", "0001", {
        nl: `Productcategorie "${code.slice(0, 4)}" staat niet in codelijst WMO020.`,
        en: `Product category "${code.slice(0, 4)}" is not in code list WMO020.`,
      })
      return ProductCategory.unknown
    }
    return code
  }

  /**
   * The allocation key of a product's ToewijzingNummer with the provider's AGB code, or undefined when the product
   * names no number. A number that is the client's own BSN is refused: it would carry the BSN past the adapter.
   */
  private allocation(number: string | undefined, id: string): string | undefined {
    const provider = this.header.get(`Header/${providerSide(id)}`)
    if (number === undefined || provider === undefined) return undefined
    const canonical = String(Number(number))
    if (this.person !== undefined && Bsn.isValid(canonical)) {
      const asBsn = this.context.pseudonymise(canonical)
      if (Result.isSuccess(asBsn) && asBsn.success === this.person) {
        this.reject("toewijzingnummer-is-bsn", this.productPosition, "ToewijzingNummer", undefined, {
          nl: "Het ToewijzingNummer is het BSN van de cliënt; een BSN mag geen toewijzingsnummer zijn.",
          en: "The ToewijzingNummer is the client's BSN; a BSN may not serve as an allocation number.",
        })
        return undefined
      }
    }
    return PersonEvent.allocationKey(number, provider)
  }

  private event(
    kind: PersonEvent.EventKind,
    date: string,
    category: string,
    more: {
      readonly reason?: string | undefined
      readonly allocation?: string | undefined
      readonly correction?: PersonEvent.Correction | undefined
    } = {},
  ): void {
    const municipality = this.municipality()
    if (this.person === undefined || municipality === undefined || !ProductCategory.isBeschermingEnOpvang(category)) {
      return
    }
    const message = this.messageId()
    this.events.push(
      new PersonEvent.PersonEvent({
        person: this.person,
        kind,
        date: CalendarDate.CalendarDate.make(date),
        municipality,
        category,
        ...(more.reason === undefined ? {} : { reason: more.reason }),
        source: adapterId,
        ...(more.allocation === undefined ? {} : { allocation: more.allocation }),
        ...(more.correction === undefined ? {} : { correction: more.correction }),
        origin: new PersonEvent.Origin({
          file: originFile(this.file),
          ...(message === undefined ? {} : { message }),
          line: this.productPosition.line,
        }),
      }),
    )
  }

  private count(indicator: Ids.IndicatorId, period: PeriodNs.Period | undefined, amount: number): void {
    const municipality = this.municipality()
    if (municipality === undefined || period === undefined) return
    this.totals.add(indicator, municipality, period, amount)
  }

  /** A start or stop with StatusAanlevering 1 adds one, 3 (verwijderen) takes one away, 2 (gewijzigd) changes nothing. */
  private statusDelta(status: string | undefined): number {
    return status === "1" ? 1 : status === "3" ? -1 : 0
  }

  private closedComplex(relative: string, at: Position): void {
    const message = this.message
    if (message === undefined) return
    if (this.product !== undefined && relative === this.productPath) {
      const product = this.product
      this.product = undefined
      this.closedProduct(message.id, relative, product)
      return
    }
    if (relative === "" && message.id === "317" && this.products === 0) {
      // A verzoek om wijziging that only lists unchanged products still arrived: it counts as zero, not as nothing.
      const date = this.header.get("Header/BerichtIdentificatie/Dagtekening")
      this.count(Indicator.count("317", ProductCategory.unknown), this.month(date, at, "Dagtekening"), 0)
    }
    if (relative === "" && message.id === "319") {
      const answer = this.header.get("Antwoord/VerzoekAntwoord")
      const date = this.header.get("Header/BerichtIdentificatie/Dagtekening")
      if (answer !== undefined) this.count(Indicator.answers(answer), this.month(date, at, "Dagtekening"), 1)
    }
    if (relative === "" && message.id === "323") {
      const total = BigInt(this.header.get("Declaratie/TotaalIngediendBedrag/TotaalBedrag") ?? "0")
      const sign = this.header.get("Declaratie/TotaalIngediendBedrag/DebetCredit") === "C" ? -1n : 1n
      if (total * sign !== this.declaredSum) {
        this.reject(
          "declaratie-totaal",
          { ...at, path: "/Bericht/Declaratie/TotaalIngediendBedrag" },
          "TotaalIngediendBedrag",
          undefined,
          {
            nl: "TotaalIngediendBedrag is niet de som van de IngediendBedragen van de prestaties.",
            en: "TotaalIngediendBedrag is not the sum of the prestaties' IngediendBedrag.",
          },
        )
      }
    }
    if (relative === "Declaratie/DeclaratiePeriode") {
      const from = this.header.get("Declaratie/DeclaratiePeriode/Begindatum")
      const to = this.header.get("Declaratie/DeclaratiePeriode/Einddatum")
      if (from !== undefined && to !== undefined && to < from) {
        this.reject("date-order", at, "Einddatum", undefined, {
          nl: "De einddatum van de DeclaratiePeriode ligt vóór de begindatum.",
          en: "The DeclaratiePeriode ends before it begins.",
        })
      }
    }
  }

  private closedProduct(id: string, relative: string, p: Map<string, string>): void {
    const at = this.productPosition
    switch (id) {
      case "301": {
        const category = this.category(p.get("Product/Categorie"))
        // Compared as numbers: 0007 and 7 are the same ToewijzingNummer.
        const number = String(Number(p.get("ToewijzingNummer") ?? ""))
        if (this.allocationNumbers.has(number)) {
          this.reject("toewijzingnummer-unique", at, "ToewijzingNummer", "9332", {
            nl: "Het ToewijzingNummer komt twee keer voor in dit bericht.",
            en: "The ToewijzingNummer occurs twice in this message.",
          })
        }
        this.allocationNumbers.add(number)
        this.dateOrder(p.get("Ingangsdatum"), "Ingangsdatum", p.get("Einddatum"), "Einddatum")
        const date = p.get("Toewijzingsdatum")
        const month = this.month(date, at, "Toewijzingsdatum")
        this.count(Indicator.count("301", category), month, 1)
        const allocation = this.allocation(p.get("ToewijzingNummer"), id)
        if (date !== undefined && month !== undefined) this.event("allocation-granted", date, category, { allocation })
        return
      }
      case "305": {
        const category = this.category(p.get("Product/Categorie"))
        this.dateOrder(p.get("ToewijzingIngangsdatum"), "ToewijzingIngangsdatum", p.get("Begindatum"), "Begindatum")
        const date = p.get("Begindatum")
        const month = this.month(date, at, "Begindatum")
        const status = p.get("StatusAanlevering")
        this.count(Indicator.count("305", category), month, this.statusDelta(status))
        const allocation = this.allocation(p.get("ToewijzingNummer"), id)
        const correction = status === undefined ? undefined : corrections[status]
        if (date !== undefined && month !== undefined) {
          this.event("support-started", date, category, { allocation, correction })
        }
        return
      }
      case "307": {
        const category = this.category(p.get("Product/Categorie"))
        this.dateOrder(p.get("ToewijzingIngangsdatum"), "ToewijzingIngangsdatum", p.get("Begindatum"), "Begindatum")
        this.dateOrder(p.get("Begindatum"), "Begindatum", p.get("Einddatum"), "Einddatum")
        const date = p.get("Einddatum")
        const month = this.month(date, at, "Einddatum")
        const status = p.get("StatusAanlevering")
        this.count(Indicator.count("307", category), month, this.statusDelta(status))
        const allocation = this.allocation(p.get("ToewijzingNummer"), id)
        const correction = status === undefined ? undefined : corrections[status]
        if (date !== undefined && month !== undefined) {
          this.event("support-stopped", date, category, { reason: p.get("RedenBeeindiging"), allocation, correction })
        }
        return
      }
      case "315": {
        const category = this.category(p.get("Product/Categorie"))
        this.dateOrder(
          p.get("ToewijzingIngangsdatum"),
          "ToewijzingIngangsdatum",
          p.get("ToewijzingEinddatum"),
          "ToewijzingEinddatum",
        )
        const date = this.header.get("Header/BerichtIdentificatie/Dagtekening")
        const month = this.month(date, at, "Dagtekening")
        this.count(Indicator.count("315", category), month, 1)
        if (date !== undefined && month !== undefined) this.event("allocation-requested", date, category)
        return
      }
      case "317": {
        const isNew = relative.endsWith("NieuwProduct")
        const category = isNew ? this.category(p.get("Product/Categorie")) : ProductCategory.unknown
        this.dateOrder(p.get("GewensteIngangsdatum"), "GewensteIngangsdatum", p.get("Einddatum"), "Einddatum")
        const date = this.header.get("Header/BerichtIdentificatie/Dagtekening")
        const month = this.month(date, at, "Dagtekening")
        this.count(Indicator.count("317", category), month, 1)
        if (date !== undefined && month !== undefined) this.event("allocation-change-requested", date, category)
        return
      }
      case "323": {
        const category = this.category(p.get("ProductCategorie"))
        const from = p.get("ProductPeriode/Begindatum")
        const to = p.get("ProductPeriode/Einddatum")
        this.dateOrder(from, "Begindatum", to, "Einddatum")
        const declFrom = this.header.get("Declaratie/DeclaratiePeriode/Begindatum")
        const declTo = this.header.get("Declaratie/DeclaratiePeriode/Einddatum")
        if (from !== undefined && to !== undefined && declFrom !== undefined && declTo !== undefined) {
          if (from < declFrom || to > declTo) {
            this.reject("productperiode-in-declaratieperiode", at, "ProductPeriode", "9319", {
              nl: "De ProductPeriode valt niet geheel binnen de DeclaratiePeriode.",
              en: "The ProductPeriode does not lie wholly within the DeclaratiePeriode.",
            })
          }
        }
        const amount =
          BigInt(p.get("IngediendBedrag/Bedrag") ?? "0") * (p.get("IngediendBedrag/DebetCredit") === "C" ? -1n : 1n)
        this.declaredSum += amount
        if (this.person === undefined) return
        this.count(Indicator.declared(category), this.month(from, at, "Begindatum"), Number(amount))
        return
      }
    }
  }
}

/** The rejection for a whole file that is not read because its name does not end in `.xml`. */
export const notXmlFile = (file: string): Item.Item =>
  Item.rejected({
    location: { file, path: "/" },
    rule: "file-type",
    nl: "Alleen .xml-bestanden (of een zip daarvan) worden gelezen.",
    en: "Only .xml files (or a zip of them) are read.",
  })
