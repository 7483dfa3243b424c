/**
 * The iWmo XSDs as a model the streaming validator walks: each message's root content model (sequences of elements
 * with occurrence bounds) and each simple type compiled into checks (lexical form of xs:string, xs:integer, xs:date,
 * xs:time; patterns, enumerations, lengths, ranges — every facet step of the derivation chain must hold). The data
 * comes from `SchemaModel.gen.ts`, generated from the official XSDs.
 */
import { data } from "./SchemaModel.gen.js"

/** A simple type as generated: its base (a primitive `xs:` type or another generated type) and its facets. */
export interface SimpleTypeData {
  readonly base: string
  readonly patterns?: ReadonlyArray<string>
  readonly enumeration?: ReadonlyArray<string>
  readonly minLength?: number
  readonly maxLength?: number
  readonly minInclusive?: string
  readonly maxInclusive?: string
}

/** An element in a sequence as generated; `ns` is the schema prefix (`iwmo` or `wmo301` …), `max` null is unbounded. */
export interface ParticleData {
  readonly name: string
  readonly ns: string
  readonly type: string
  readonly min: number
  readonly max: number | null
}

/** The whole generated model. */
export interface ModelData {
  readonly basisNamespace: string
  readonly messages: Readonly<Record<string, { readonly namespace: string; readonly root: string }>>
  readonly complexTypes: Readonly<Record<string, ReadonlyArray<ParticleData>>>
  readonly simpleTypes: Readonly<Record<string, SimpleTypeData>>
}

/** One derivation step's facets, compiled. */
interface Step {
  readonly patterns: ReadonlyArray<RegExp>
  readonly enumeration: ReadonlySet<string> | undefined
  readonly minLength: number | undefined
  readonly maxLength: number | undefined
  readonly minInclusive: bigint | undefined
  readonly maxInclusive: bigint | undefined
}

/** A compiled simple type. */
export interface Simple {
  readonly kind: "simple"
  /** The iWmo name of the type, e.g. `LDT_AgbCode` (for inline types, the type they restrict). */
  readonly label: string
  readonly primitive: "string" | "integer" | "date" | "time"
  readonly steps: ReadonlyArray<Step>
  /** The tightest maximum length of any step, if any. */
  readonly maxLength: number | undefined
}

/** An element of a sequence, compiled. */
export interface Particle {
  readonly name: string
  readonly namespace: string
  readonly type: Type
  readonly min: number
  readonly max: number
}

/** A compiled complex type: a sequence of elements. */
export interface Complex {
  readonly kind: "complex"
  readonly label: string
  particles: ReadonlyArray<Particle>
}

/** A compiled type. */
export type Type = Simple | Complex

/** A message kind's root: its namespace and content model. */
export interface Message {
  /** `301`, `305`, … */
  readonly id: string
  readonly namespace: string
  readonly root: Complex
}

/** What is wrong with a simple value: its lexical form, or the facet it breaks. */
export type Problem = "lexical" | "pattern" | "enumeration" | "length" | "range"

const stripPrefix = (name: string): string => name.slice(name.indexOf(":") + 1)

const compile = (model: ModelData) => {
  const namespaces: Record<string, string> = { iwmo: model.basisNamespace }
  for (const [prefix, m] of Object.entries(model.messages)) namespaces[prefix] = m.namespace
  const simple = new Map<string, Simple>()
  const complex = new Map<string, Complex>()

  const simpleType = (name: string): Simple => {
    const found = simple.get(name)
    if (found !== undefined) return found
    const t = model.simpleTypes[name]
    if (t === undefined) throw new Error(`unknown simple type ${name}`)
    const step: Step = {
      patterns: (t.patterns ?? []).map((p) => new RegExp(p, "u")),
      enumeration: t.enumeration === undefined ? undefined : new Set(t.enumeration),
      minLength: t.minLength,
      maxLength: t.maxLength,
      minInclusive: t.minInclusive === undefined ? undefined : BigInt(t.minInclusive),
      maxInclusive: t.maxInclusive === undefined ? undefined : BigInt(t.maxInclusive),
    }
    let compiled: Simple
    if (t.base.startsWith("xs:")) {
      const primitive = t.base.slice(3)
      if (primitive !== "string" && primitive !== "integer" && primitive !== "date" && primitive !== "time") {
        throw new Error(`unsupported base ${t.base}`)
      }
      compiled = { kind: "simple", label: stripPrefix(name), primitive, steps: [step], maxLength: step.maxLength }
    } else {
      const base = simpleType(t.base)
      const lengths = [base.maxLength, step.maxLength].filter((n): n is number => n !== undefined)
      compiled = {
        kind: "simple",
        label: name.includes(".") ? base.label : stripPrefix(name),
        primitive: base.primitive,
        steps: [...base.steps, step],
        maxLength: lengths.length === 0 ? undefined : Math.min(...lengths),
      }
    }
    simple.set(name, compiled)
    return compiled
  }

  const type = (name: string): Type => (model.complexTypes[name] !== undefined ? complexType(name) : simpleType(name))

  const complexType = (name: string): Complex => {
    const found = complex.get(name)
    if (found !== undefined) return found
    const particles = model.complexTypes[name]
    if (particles === undefined) throw new Error(`unknown complex type ${name}`)
    const compiled: Complex = { kind: "complex", label: stripPrefix(name), particles: [] }
    complex.set(name, compiled)
    compiled.particles = particles.map((p) => ({
      name: p.name,
      namespace: namespaces[p.ns] ?? "",
      type: type(p.type),
      min: p.min,
      max: p.max ?? Number.POSITIVE_INFINITY,
    }))
    return compiled
  }

  const messages = new Map<string, Message>()
  for (const [prefix, m] of Object.entries(model.messages)) {
    messages.set(m.namespace, { id: prefix.replace(/^wmo/, ""), namespace: m.namespace, root: complexType(m.root) })
  }
  return messages
}

/** The message kinds of iWmo 3.2 by namespace URI. */
export const messagesByNamespace: ReadonlyMap<string, Message> = compile(data)

/** The namespace URI of the iWmo 3.2 base schema. */
export const basisNamespace: string = data.basisNamespace

const whitespace = /[ \t\n\r]/
const collapse = (s: string): string => (whitespace.test(s) ? s.replace(/[ \t\n\r]+/g, " ").trim() : s)

const integerLexical = /^[+-]?[0-9]+$/
const dateLexical =
  /^(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$/
const timeLexical =
  /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$/

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const daysIn = (year: string, month: number): number => {
  if (month !== 2) return monthDays[month - 1] ?? 31
  // Years may have any number of digits in XSD; since 400 divides 10000, the last four decide leap years.
  const y = Number(year.slice(-4))
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return leap ? 29 : 28
}

const codePoints = (s: string): number => {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0xd800 || c > 0xdbff) n++
  }
  return n
}

/** The value after the XSD whitespace rule of the type (strings keep it, other primitives collapse it). */
export const normalise = (type: Simple, raw: string): string => (type.primitive === "string" ? raw : collapse(raw))

/** What is wrong with `raw` as a value of `type`, or undefined when it is valid. */
export const check = (type: Simple, raw: string): Problem | undefined => {
  const value = normalise(type, raw)
  let integer: number | bigint | undefined
  switch (type.primitive) {
    case "integer":
      if (!integerLexical.test(value)) return "lexical"
      // Up to 15 digits a double is exact; longer integers are compared as BigInt.
      integer = value.length <= 15 ? Number(value) : BigInt(value)
      break
    case "date": {
      const m = dateLexical.exec(value)
      if (m === null) return "lexical"
      if (Number(m[3]) > daysIn(m[1] ?? "0", Number(m[2]))) return "lexical"
      break
    }
    case "time":
      if (!timeLexical.test(value)) return "lexical"
      break
    case "string":
      break
  }
  const length = type.primitive === "string" ? codePoints(value) : 0
  for (const step of type.steps) {
    if (step.minLength !== undefined && length < step.minLength) return "length"
    if (step.maxLength !== undefined && length > step.maxLength) return "length"
    if (integer !== undefined && step.minInclusive !== undefined && integer < step.minInclusive) return "range"
    if (integer !== undefined && step.maxInclusive !== undefined && integer > step.maxInclusive) return "range"
    if (step.enumeration !== undefined && !step.enumeration.has(value)) return "enumeration"
    if (step.patterns.length > 0 && !step.patterns.some((p) => p.test(value))) return "pattern"
  }
  return undefined
}
