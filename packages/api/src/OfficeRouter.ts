/**
 * The region office's documents: the pooled budget with each municipality's contribution under the plan's cost
 * key and the spending declared in iWmo 323 messages (staff); each municipality's share per year (public: the pooled
 * budget is in public council documents); the progress letter to the councils (a concept for a date, the
 * letters sent, and sending one, which keeps it with its figures for the next letter to compare with); and the
 * adoption letter for a plan and date as Markdown and HTML.
 */
import {
  Budget,
  CalendarDate,
  CouncilLetter,
  Ids,
  IwmoIndicator,
  IwmoProductCategory,
  Municipality,
  Period,
  Plan,
  ProgressLetter,
  type Publication,
} from "@baken/domain"
import { ObservationRepository, PlanRepository, ProcessingLog, Transaction } from "@baken/store"
import type { TRPCRouterRecord } from "@trpc/server"
import { Clock, Effect, Option, Result, Schema } from "effect"
import { Conflict, InvalidInput, NotFound } from "./ApiError.js"
import { actorOf, anonymous, type Caller } from "./Audience.js"
import * as S from "./DomainSchemas.js"
import { Reference } from "./Environment.js"
import { indicatorsFor, tableFor } from "./Figures.js"
import * as Entities from "./PlanEntities.js"
import { decisionsOf, findPlan, planData } from "./PlanRouter.js"
import { procedure, run } from "./Trpc.js"

const input = Schema.toStandardSchemaV1

/** The product categories of Bescherming en Opvang: beschermd wonen, opvang, spoedopvang, overige BW/MO. */
export const boCategories = IwmoProductCategory.beschermingEnOpvang

const isPeriod = Schema.is(Period.Period)

/**
 * Spending declared in WMO323 messages for the B&O categories within the plan's years, in euro cents per
 * municipality, summed in SQL per indicator × municipality × period by the store; `only` limits it to one municipality.
 */
export const declaredSpending = (plan: Plan.Plan, only?: string) =>
  Effect.gen(function* () {
    const observations = yield* ObservationRepository.ObservationRepository
    const perMunicipality = new Map<string, number>()
    for (const category of boCategories) {
      for (const cell of yield* observations.aggregate(IwmoIndicator.declared(category))) {
        if (!isPeriod(cell.period) || !Plan.covers(plan, cell.period)) continue
        if (!cell.area.startsWith("GM") || (only !== undefined && cell.area !== only)) continue
        perMunicipality.set(cell.area, (perMunicipality.get(cell.area) ?? 0) + cell.total)
      }
    }
    const byMunicipality = [...perMunicipality]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([municipality, cents]) => ({ municipality, cents }))
    return { categories: boCategories, byMunicipality, total: byMunicipality.reduce((sum, m) => sum + m.cents, 0) }
  })

/** A plan the caller may see, its stored budget (or NotFound) and the region's reference data. */
const budgetOf = (caller: Caller, planId: Ids.PlanId) =>
  Effect.gen(function* () {
    const { plan } = yield* findPlan(caller, planId)
    const record = yield* (yield* PlanRepository.PlanRepository).get(Entities.budget, planId)
    if (Option.isNone(record)) return yield* new NotFound({ what: "budget of plan", id: planId })
    return { plan, record, reference: yield* Reference }
  })

/** The budget procedures. */
export const budgetRouter = {
  get: procedure.input(input(Schema.Struct({ plan: S.PlanId }))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const { plan, record, reference } = yield* budgetOf(ctx.caller, input.plan)
        const total = Budget.total(record.value.lines)
        // Each year is divided among the plan's councils that are members that year, for the days they are: a
        // municipality that joined mid-plan pays from its joining date, one whose council never voted pays nothing.
        const years = Budget.sharesPerYear(record.value.lines, () => record.value.key, { ...reference, plan })
        if (Result.isFailure(years)) return yield* years.failure
        const paid = new Map<string, number>()
        for (const year of years.success) {
          for (const c of year.contributions) paid.set(c.municipality, (paid.get(c.municipality) ?? 0) + c.amount)
        }
        const contributions = [...paid]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(
            ([municipality, amount]) =>
              new Budget.Contribution({ municipality: municipality as never, amount: Budget.Cents.make(amount) }),
          )
          .filter((c) => ctx.caller.audience !== "municipality" || c.municipality === ctx.caller.municipality)
        const setAside = [...new Set(years.success.flatMap((y) => y.setAside))].filter((m) => !paid.has(m)).sort()
        yield* (yield* ProcessingLog.ProcessingLog).record({
          actor: actorOf(ctx.caller),
          action: "read",
          subject: `declarations for plan ${input.plan}`,
          purpose: "budget overview",
        })
        return {
          plan: input.plan,
          lines: record.value.lines,
          total,
          contributions,
          setAside,
          spending: yield* declaredSpending(
            plan,
            ctx.caller.audience === "municipality" ? ctx.caller.municipality : undefined,
          ),
        }
      }),
    ),
  ),
  shares: procedure
    .input(input(Schema.Struct({ plan: S.PlanId, municipality: Schema.optionalKey(S.MunicipalityCode) })))
    .query(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          const { plan, record, reference } = yield* budgetOf(ctx.caller, input.plan)
          const name = (code: string) => Municipality.nameOf(reference.municipalities, code as never)
          // The plan keeps one cost key; it divides every year of the plan.
          const years = Budget.sharesPerYear(record.value.lines, () => record.value.key, { ...reference, plan })
          if (Result.isFailure(years)) return yield* years.failure
          return {
            plan: input.plan,
            years: years.success.map((y) => ({
              year: y.year,
              totalCents: y.total as number,
              keyNl: y.keyNl,
              referenceDate: y.key.referenceDate,
              shares: y.contributions
                .filter((c) => input.municipality === undefined || c.municipality === input.municipality)
                .map((c) => ({ municipality: c.municipality, name: name(c.municipality), cents: c.amount as number })),
              setAside: y.setAside.map((m) => ({ municipality: m, name: name(m) })),
            })),
          }
        }),
      ),
    ),
} satisfies TRPCRouterRecord

const Signatory = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200))

/** Which progress letter: an issued one by its kenmerk, else the concept on `date` (default today). */
export const LetterQuery = Schema.Struct({
  plan: S.PlanId,
  kenmerk: Schema.optionalKey(S.Kenmerk),
  date: Schema.optionalKey(S.CalendarDate),
  signatory: Schema.optionalKey(Signatory),
})

/** What sending a progress letter needs: its kenmerk, and optionally its date (default today) and signatory. */
export const IssueInput = Schema.Struct({
  plan: S.PlanId,
  kenmerk: S.Kenmerk,
  date: Schema.optionalKey(S.CalendarDate),
  signatory: Schema.optionalKey(Signatory),
})

/** A progress letter as the API serves it: the letter, and whether it was sent (stored) or is a concept. */
export interface CouncilLetterAnswer {
  readonly letter: ProgressLetter.ProgressLetter
  readonly issued: boolean
}

const today = Effect.map(Clock.currentTimeMillis, CalendarDate.fromEpochMillis)

/**
 * The published yearly region figures of the plan's goals' indicators, as the public reads them: a council letter is
 * a public document, so it shows nothing the public may not see, whoever asks for it. A shown 0 counts as no figure,
 * as in the plan's roll-up (the published table writes "no observation" as 0).
 */
const letterFigures = (plan: Plan.Plan, indicatorIds: ReadonlyArray<Ids.IndicatorId>) =>
  Effect.gen(function* () {
    const published = yield* indicatorsFor(anonymous)
    const ids = [...new Set(indicatorIds)].filter((id) => published.has(id)).slice(0, 50)
    if (ids.length === 0) return []
    const tables = yield* tableFor(anonymous, { indicators: ids, periods: Plan.years(plan) })
    return tables.flatMap((t) =>
      t.periods.map((period, j): ProgressLetter.Figure => {
        const cell = t.regionTotals[j] ?? ({ _tag: "NoData" } as Publication.Cell)
        return {
          indicator: t.indicator as Ids.IndicatorId,
          year: Period.Period.make(period),
          cell: cell._tag === "Shown" && cell.value === 0 ? { _tag: "NoData" } : cell,
        }
      }),
    )
  })

/** The letters sent about a plan, oldest first (by date, then kenmerk). */
const issuedLetters = (plan: Ids.PlanId) =>
  Effect.map(
    PlanRepository.PlanRepository.use((repo) => repo.list(Entities.councilLetter, plan)),
    (letters) =>
      [...letters].sort((a, b) => a.date.localeCompare(b.date) || (a.kenmerk ?? "").localeCompare(b.kenmerk ?? "")),
  )

/** The progress letter of a plan on a date, compared with the latest letter sent on or before that date. */
const buildLetter = (
  caller: Caller,
  planId: Ids.PlanId,
  date: CalendarDate.CalendarDate,
  kenmerk: Ids.Kenmerk | null,
  signatory: string | undefined,
) =>
  Effect.gen(function* () {
    const record = yield* findPlan(caller, planId)
    const repo = yield* PlanRepository.PlanRepository
    const reference = yield* Reference
    const data = yield* planData(record.plan.id)
    const decisions = yield* decisionsOf({ plan: record.plan.id })
    const budget = yield* repo.get(Entities.budget, record.plan.id)
    const previous = (yield* issuedLetters(record.plan.id)).filter((l) => l.date <= date).at(-1)
    const figures = yield* letterFigures(
      record.plan,
      data.goals.flatMap((g) => g.indicators.map((i) => i.indicator)),
    )
    return ProgressLetter.progressLetter({
      plan: record.plan,
      status: record.status,
      region: reference.region,
      regionName: reference.region.name,
      municipalities: reference.municipalities,
      decisions,
      programmes: data.programmes,
      goals: data.goals,
      actions: data.actions,
      indicators: data.indicators,
      targets: data.targets,
      figures,
      budget: Option.isSome(budget) ? { lines: budget.value.lines, key: budget.value.key } : undefined,
      previous,
      date,
      kenmerk,
      signatory: signatory ?? reference.letter?.signatory ?? `Het dagelijks bestuur van ${reference.region.name}`,
      wording: reference.letter,
    })
  })

/** The council-letter procedures. */
export const councilLetterRouter = {
  /** An issued progress letter by its kenmerk; otherwise the concept letter on `date` (default today). */
  get: procedure.input(input(LetterQuery)).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* findPlan(ctx.caller, input.plan)
        if (input.kenmerk !== undefined) {
          const stored = yield* (yield* PlanRepository.PlanRepository).get(Entities.councilLetter, input.kenmerk)
          if (Option.isSome(stored) && stored.value.plan === record.plan.id) {
            return { letter: stored.value, issued: true } satisfies CouncilLetterAnswer
          }
        }
        const date = input.date ?? (yield* today)
        const letter = yield* buildLetter(ctx.caller, input.plan, date, input.kenmerk ?? null, input.signatory)
        return { letter, issued: false } satisfies CouncilLetterAnswer
      }),
    ),
  ),

  /** The progress letters sent about a plan, newest first. */
  list: procedure.input(input(Schema.Struct({ plan: S.PlanId }))).query(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* findPlan(ctx.caller, input.plan)
        const letters = yield* issuedLetters(record.plan.id)
        return letters
          .map((l) => ({ kenmerk: l.kenmerk, date: l.date, dateText: l.dateText, subject: l.subject }))
          .reverse()
      }),
    ),
  ),

  /**
   * Sends a progress letter: builds it on its date and keeps it, with its figures, for the next letter to compare
   * with. Refused for a plan in draft, a date after today or before the latest letter sent, and a kenmerk in use.
   */
  issue: procedure.input(input(IssueInput)).mutation(({ ctx, input }) =>
    run(
      ctx,
      Effect.gen(function* () {
        const record = yield* findPlan(ctx.caller, input.plan)
        if (record.status._tag === "Draft") {
          return yield* new InvalidInput({
            field: "input.plan",
            reason: "het plan is nog een concept: er is geen voortgang om de raden over te berichten",
          })
        }
        const numbering = (yield* Reference).kenmerk
        if (numbering !== undefined && !Ids.fitsPattern(numbering, input.kenmerk)) {
          return yield* new InvalidInput({
            field: "input.kenmerk",
            reason: `kenmerk ${input.kenmerk} volgt de nummering van de regio niet; een kenmerk ziet eruit als ${numbering.example}`,
          })
        }
        const now = yield* today
        const date = input.date ?? now
        if (date > now) {
          return yield* new InvalidInput({
            field: "input.date",
            reason: `een brief kan niet later dan vandaag (${CouncilLetter.formatDate(now)}) gedateerd zijn`,
          })
        }
        const repo = yield* PlanRepository.PlanRepository
        // Checked and stored under one lock: two letters sent at once with one kenmerk are one letter and a refusal.
        const letter = yield* Effect.gen(function* () {
          const used = yield* repo.get(Entities.councilLetter, input.kenmerk)
          if (Option.isSome(used)) {
            return yield* new Conflict({
              reason: `kenmerk ${input.kenmerk} is al gebruikt voor de brief van ${used.value.dateText}`,
            })
          }
          const latest = (yield* issuedLetters(record.plan.id)).at(-1)
          if (latest !== undefined && date < latest.date) {
            return yield* new InvalidInput({
              field: "input.date",
              reason: `de vorige brief (kenmerk ${latest.kenmerk ?? "onbekend"}) is van ${latest.dateText}; een nieuwe brief kan niet eerder gedateerd zijn`,
            })
          }
          const letter = yield* buildLetter(ctx.caller, input.plan, date, input.kenmerk, input.signatory)
          yield* repo.put(Entities.councilLetter, letter)
          return letter
        }).pipe(Transaction.exclusively("council-letter", "sending a council letter"))
        return { letter, issued: true } satisfies CouncilLetterAnswer
      }),
    ),
  ),

  /** The letter telling the councils that every one of them adopted the plan, as data, Markdown and HTML. */
  adoption: procedure
    .input(
      input(
        Schema.Struct({
          plan: S.PlanId,
          date: S.CalendarDate,
          kenmerk: S.Kenmerk,
          signatory: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200)),
        }),
      ),
    )
    .query(({ ctx, input }) =>
      run(
        ctx,
        Effect.gen(function* () {
          const record = yield* findPlan(ctx.caller, input.plan)
          const repo = yield* PlanRepository.PlanRepository
          const reference = yield* Reference
          const decisions = yield* decisionsOf({ plan: input.plan })
          const data = yield* planData(input.plan)
          const predecessor =
            record.plan.predecessor === undefined
              ? Option.none()
              : yield* repo.get(Entities.plan, record.plan.predecessor)
          const letter = CouncilLetter.adoptionLetter({
            plan: record.plan,
            region: reference.region,
            municipalities: reference.municipalities,
            decisions,
            regionName: reference.region.name,
            programmes: data.programmes,
            taskAreas: reference.taskAreas ?? [],
            linkedDomains: reference.linkedDomains ?? [],
            ...(Option.isSome(predecessor) ? { predecessor: predecessor.value.plan } : {}),
            date: input.date,
            kenmerk: input.kenmerk,
            signatory: input.signatory,
            wording: reference.letter,
          })
          if (Result.isFailure(letter)) return yield* letter.failure
          return {
            letter: letter.success,
            markdown: CouncilLetter.toMarkdown(letter.success),
            html: CouncilLetter.toHtml(letter.success),
          }
        }),
      ),
    ),
} satisfies TRPCRouterRecord
