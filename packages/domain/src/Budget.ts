/**
 * The pooled budget and how the members pay for it. Amounts are integer euro cents. A cost key divides an amount
 * among the municipalities that are members on the key's reference date — per resident, by fixed shares, or a mix
 * of keys — with the largest-remainder method, so the contributions add up to the amount to the cent. A key that
 * names a municipality that is no member on its reference date has that entry set aside and reported; a member the
 * key does not cover is an error, never a silent zero.
 */
import { Result, Schema } from "effect"
import { CalendarDate, formatNl, next as nextDay } from "./CalendarDate.js"
import { MunicipalityCode, PlanId, ProgrammeId } from "./Ids.js"
import * as Membership from "./Membership.js"
import * as Municipality from "./Municipality.js"
import * as Plan from "./Plan.js"
import * as Text from "./Text.js"

/** An amount in integer euro cents (a safe integer). */
export const Cents = Schema.Int.check(
  Schema.isBetween(
    { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
    { message: "expected an amount in whole euro cents" },
  ),
).pipe(Schema.brand("Cents"))
export type Cents = typeof Cents.Type

/** A non-negative amount in euro cents. */
export const NonNegativeCents = Cents.check(
  Schema.isGreaterThanOrEqualTo(0, { message: "expected an amount of at least 0 cents" }),
)

/** A pooled budget line: what a programme of a plan may spend in a year. */
export class BudgetLine extends Schema.Class<BudgetLine>("BudgetLine")({
  plan: PlanId,
  programme: ProgrammeId,
  year: Schema.Int.check(Schema.isBetween({ minimum: 1900, maximum: 2200 })),
  description: Text.Line,
  amount: NonNegativeCents,
}) {}

const Positive = Schema.Int.check(Schema.isGreaterThan(0, { message: "expected a whole number above 0" }))
const NonNegative = Schema.Int.check(
  Schema.isGreaterThanOrEqualTo(0, { message: "expected a whole number of at least 0" }),
)

/** A municipality's number in a key: residents, or a share in a fixed key. */
export class KeyEntry extends Schema.Class<KeyEntry>("KeyEntry")({
  municipality: MunicipalityCode,
  value: NonNegative,
}) {}

/** Divide by number of residents on the reference date. */
export const PerResident = Schema.TaggedStruct("PerResident", {
  referenceDate: CalendarDate,
  residents: Schema.Array(KeyEntry),
})
/** Divide by agreed whole-number shares (e.g. per mille). */
export const FixedShares = Schema.TaggedStruct("FixedShares", {
  referenceDate: CalendarDate,
  shares: Schema.Array(KeyEntry),
})
/** A simple key: per resident or fixed shares. */
export const SimpleKey = Schema.Union([PerResident, FixedShares])
export type SimpleKey = typeof SimpleKey.Type

/** A part of a mixed key, with its whole-number weight. */
export class MixPart extends Schema.Class<MixPart>("MixPart")({
  weight: Positive,
  key: SimpleKey,
}) {}

/** A mix: each part's key divides its weight's share of the amount, e.g. 70 per resident and 30 in equal shares. */
export const Mix = Schema.TaggedStruct("Mix", {
  referenceDate: CalendarDate,
  parts: Schema.NonEmptyArray(MixPart),
})

/** A cost key. */
export const CostKey = Schema.Union([PerResident, FixedShares, Mix])
export type CostKey = typeof CostKey.Type

/** One member's contribution. */
export class Contribution extends Schema.Class<Contribution>("Contribution")({
  municipality: MunicipalityCode,
  amount: Cents,
}) {}

/** The division of an amount: contributions (summing to the amount) and key entries set aside. */
export class Allocation extends Schema.Class<Allocation>("Allocation")({
  amount: Cents,
  referenceDate: CalendarDate,
  contributions: Schema.Array(Contribution),
  /** Municipalities named in the key that are no member on the reference date; they pay nothing. */
  setAside: Schema.Array(MunicipalityCode),
}) {}

/** Why a key cannot divide an amount. */
export const KeyProblem = Schema.Union([
  Schema.TaggedStruct("MemberNotInKey", { municipality: MunicipalityCode, name: Schema.String }),
  Schema.TaggedStruct("NamedTwice", { municipality: MunicipalityCode, name: Schema.String }),
  Schema.TaggedStruct("NothingToDivideBy", {}),
  Schema.TaggedStruct("NoMembers", { referenceDate: CalendarDate }),
])
export type KeyProblem = typeof KeyProblem.Type

/** A reason in English. */
export const describe = (problem: KeyProblem): string => {
  switch (problem._tag) {
    case "MemberNotInKey":
      return `${problem.name} is a member on the reference date but not in the key`
    case "NamedTwice":
      return `${problem.name} appears twice in the key`
    case "NothingToDivideBy":
      return "the key's numbers add up to 0"
    case "NoMembers":
      return `the region has no members on ${problem.referenceDate}`
  }
}

/** A reason in Dutch, for the region's officer. */
export const describeNl = (problem: KeyProblem): string => {
  switch (problem._tag) {
    case "MemberNotInKey":
      return `${problem.name} is op de peildatum lid, maar staat niet in de verdeelsleutel`
    case "NamedTwice":
      return `${problem.name} staat twee keer in de verdeelsleutel`
    case "NothingToDivideBy":
      return "de getallen van de verdeelsleutel tellen op tot 0"
    case "NoMembers":
      return `de regio heeft op ${formatNl(problem.referenceDate)} geen leden`
  }
}

/** A cost key cannot divide an amount; `problems` say why, in `message` (English) and `messageNl` (Dutch). */
export class CostKeyRefused extends Schema.TaggedError<CostKeyRefused>()("CostKeyRefused", {
  problems: Schema.NonEmptyArray(KeyProblem),
}) {
  override get message(): string {
    return `the cost key cannot be applied: ${this.problems.map(describe).join("; ")}`
  }
  get messageNl(): string {
    return `De verdeelsleutel kan niet worden toegepast: ${this.problems.map(describeNl).join("; ")}.`
  }
}

/**
 * What a key needs to be applied: the region's memberships, names for messages, and optionally the plan whose budget
 * is divided (then only the plan's councils pay, see `Plan.councilsOn`).
 */
export interface KeyContext {
  readonly region: Membership.HasMemberships
  readonly municipalities: ReadonlyArray<Municipality.Municipality>
  readonly plan?: Plan.Plan
}

/** Integer weights per member, checked against the members on the reference date. */
const weightsOf = (
  key: SimpleKey,
  members: ReadonlyArray<MunicipalityCode>,
  context: KeyContext,
): Result.Result<{ weights: Map<MunicipalityCode, bigint>; setAside: Array<MunicipalityCode> }, Array<KeyProblem>> => {
  const entries = key._tag === "PerResident" ? key.residents : key.shares
  const weights = new Map<MunicipalityCode, bigint>()
  const setAside: Array<MunicipalityCode> = []
  const problems: Array<KeyProblem> = []
  const name = (code: MunicipalityCode) => Municipality.nameOf(context.municipalities, code)
  for (const entry of entries) {
    if (!members.includes(entry.municipality)) setAside.push(entry.municipality)
    else if (weights.has(entry.municipality))
      problems.push({ _tag: "NamedTwice", municipality: entry.municipality, name: name(entry.municipality) })
    else weights.set(entry.municipality, BigInt(entry.value))
  }
  for (const m of members) {
    if (!weights.has(m)) problems.push({ _tag: "MemberNotInKey", municipality: m, name: name(m) })
  }
  let total = 0n
  for (const w of weights.values()) total += w
  if (problems.length === 0 && total === 0n) problems.push({ _tag: "NothingToDivideBy" })
  return problems.length > 0 ? Result.fail(problems) : Result.succeed({ weights, setAside })
}

/**
 * Divides `amount` (cents) among the members on the key's reference date. Each gets the whole-cent part
 * of its exact share; the cents left over go one each to the largest remainders (ties by municipality code), so the
 * contributions add up to `amount` exactly.
 */
export const allocate = (amount: Cents, key: CostKey, context: KeyContext): Result.Result<Allocation, CostKeyRefused> =>
  divide(
    amount,
    key,
    context.plan === undefined
      ? Membership.membersOn(context.region, key.referenceDate)
      : Plan.councilsOn(context.plan, context.region, key.referenceDate),
    undefined,
    context,
  )

/**
 * Divides `amount` among `members` by `key`, each member's weight multiplied by its `days` (of membership in the
 * period divided, when given), so that a municipality that joined mid-year pays for the days it was a member.
 */
const divide = (
  amount: Cents,
  key: CostKey,
  members: ReadonlyArray<MunicipalityCode>,
  days: ReadonlyMap<MunicipalityCode, number> | undefined,
  context: KeyContext,
): Result.Result<Allocation, CostKeyRefused> => {
  const fail = (problems: ReadonlyArray<KeyProblem>) => {
    const [first, ...rest] = problems
    return Result.fail(
      new CostKeyRefused({ problems: first === undefined ? [{ _tag: "NothingToDivideBy" }] : [first, ...rest] }),
    )
  }
  if (members.length === 0) return fail([{ _tag: "NoMembers", referenceDate: key.referenceDate }])
  const parts = key._tag === "Mix" ? key.parts : [new MixPart({ weight: 1, key })]
  // Every part's weights are brought to one denominator: member weight × part weight × the other parts' totals.
  const resolved: Array<{ weights: Map<MunicipalityCode, bigint>; total: bigint; partWeight: bigint }> = []
  const setAside = new Set<MunicipalityCode>()
  const problems: Array<KeyProblem> = []
  for (const part of parts) {
    const r = weightsOf(part.key, members, context)
    if (Result.isFailure(r)) problems.push(...r.failure)
    else {
      for (const m of r.success.setAside) setAside.add(m)
      let total = 0n
      for (const w of r.success.weights.values()) total += w
      resolved.push({ weights: r.success.weights, total, partWeight: BigInt(part.weight) })
    }
  }
  if (problems.length > 0) return fail(problems)
  const combined = new Map<MunicipalityCode, bigint>(members.map((m) => [m, 0n]))
  resolved.forEach((part, i) => {
    let others = 1n
    resolved.forEach((o, k) => {
      if (k !== i) others *= o.total
    })
    for (const [m, w] of part.weights) {
      const share = w * part.partWeight * others * BigInt(days?.get(m) ?? 1)
      combined.set(m, (combined.get(m) ?? 0n) + share)
    }
  })
  let denominator = 0n
  for (const w of combined.values()) denominator += w
  if (denominator === 0n) return fail([{ _tag: "NothingToDivideBy" }])
  // A negative amount (a refund) is divided as its absolute value, then every contribution is negated.
  const sign = amount < 0 ? -1n : 1n
  const total = BigInt(amount) * sign
  const shares = members.map((m) => {
    const exact = total * (combined.get(m) ?? 0n)
    return { municipality: m, floor: exact / denominator, remainder: exact % denominator }
  })
  let left = total - shares.reduce((sum, s) => sum + s.floor, 0n)
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.municipality.localeCompare(b.municipality) : a.remainder > b.remainder ? -1 : 1,
  )
  const extra = new Set<MunicipalityCode>()
  for (const s of byRemainder) {
    if (left <= 0n) break
    extra.add(s.municipality)
    left -= 1n
  }
  return Result.succeed(
    new Allocation({
      amount,
      referenceDate: key.referenceDate,
      contributions: shares.map(
        (s) =>
          new Contribution({
            municipality: s.municipality,
            amount: Cents.make(Number(sign * (s.floor + (extra.has(s.municipality) ? 1n : 0n)))),
          }),
      ),
      setAside: [...setAside].sort(),
    }),
  )
}

/** How many days from `first` to `last` (inclusive) `municipality` was a member of `region`. */
const daysMember = (
  region: Membership.HasMemberships,
  municipality: MunicipalityCode,
  first: CalendarDate,
  last: CalendarDate,
): number => {
  let days = 0
  for (let day = first; day <= last; day = nextDay(day)) if (Membership.isMemberOn(region, municipality, day)) days += 1
  return days
}

/** The total of `lines`, in cents. */
export const total = (lines: ReadonlyArray<BudgetLine>): Cents =>
  Cents.make(lines.reduce((sum, l) => sum + l.amount, 0))

/** Formats cents as Dutch euros: `€ 1.234,56`. */
export const formatEuro = (amount: Cents): string => {
  const sign = amount < 0 ? "-" : ""
  const abs = Math.abs(amount)
  const euros = Math.floor(abs / 100).toLocaleString("nl-NL")
  return `${sign}€ ${euros},${String(abs % 100).padStart(2, "0")}`
}

// The letter's `joinNl`, kept here so that the budget never imports the letter (which may come to show the budget).
const joinNl = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`

const simpleKeyNl = (key: SimpleKey): string =>
  key._tag === "PerResident"
    ? "naar inwonertal"
    : new Set(key.shares.map((s) => s.value)).size === 1
      ? "in gelijke delen"
      : "naar vaste aandelen"

/** A cost key in Dutch, e.g. `80 delen naar inwonertal en 20 delen in gelijke delen (peildatum 1 januari 2024)`. */
export const keyNl = (key: CostKey): string =>
  `${key._tag === "Mix" ? joinNl(key.parts.map((p) => `${p.weight} delen ${simpleKeyNl(p.key)}`)) : simpleKeyNl(key)} (peildatum ${formatNl(key.referenceDate)})`

/** A year of a plan's pooled budget divided among its councils: the year's total, the key, and each share. */
export interface YearShares {
  readonly year: number
  readonly total: Cents
  readonly key: CostKey
  /** The key in Dutch (`keyNl`). */
  readonly keyNl: string
  /** Each paying council's share, summing to `total` to the cent, by municipality code. */
  readonly contributions: ReadonlyArray<Contribution>
  /** Municipalities the key names that pay nothing: no member, or no council of the plan, on the reference date. */
  readonly setAside: ReadonlyArray<MunicipalityCode>
}

/**
 * A plan's pooled budget per year divided among the municipalities that pay for it: those whose council the plan is
 * put to (`Plan.councils`, absent: every member) that are members on at least one day of the year, each in proportion
 * to its key weight times the days of the year it was a member. A municipality that joins the region mid-plan pays
 * from its joining date (a joiner of 1 January pays the whole year, of 1 July about half); one whose council never
 * voted on the plan (Weesp, for the 2022-2025 plan) is charged nothing. `keyOf` gives the key of each year; only the
 * plan's own lines count. A key that cannot divide a year's total refuses the whole, never a silent gap.
 */
export const sharesPerYear = (
  lines: ReadonlyArray<BudgetLine>,
  keyOf: (year: number) => CostKey,
  context: KeyContext & { readonly plan: Plan.Plan },
): Result.Result<ReadonlyArray<YearShares>, CostKeyRefused> => {
  const own = lines.filter((l) => l.plan === context.plan.id)
  const years = [...new Set(own.map((l) => l.year))].sort((a, b) => a - b)
  const out: Array<YearShares> = []
  for (const year of years) {
    const amount = total(own.filter((l) => l.year === year))
    const key = keyOf(year)
    const first = CalendarDate.make(`${year}-01-01`)
    const last = CalendarDate.make(`${year}-12-31`)
    const listed = context.plan.councils
    const payers = Membership.membersAtSomePoint(context.region, first, last).filter(
      (code) => listed === undefined || listed.includes(code),
    )
    const days = new Map(payers.map((code) => [code, daysMember(context.region, code, first, last)]))
    const allocation = divide(amount, key, payers, days, context)
    if (Result.isFailure(allocation)) return Result.fail(allocation.failure)
    out.push({
      year,
      total: amount,
      key,
      keyNl: keyNl(key),
      contributions: allocation.success.contributions,
      setAside: allocation.success.setAside,
    })
  }
  return Result.succeed(out)
}
