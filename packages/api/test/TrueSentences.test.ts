// The true sentences of issue 13, through the real router on the real store (embedded PGlite): council decisions are
// a history and the status follows each council's latest; the status sentence is Dutch and says when a plan is over;
// an action past its end is not "gepland"; budget shares are public and charge only the plan's councils.
import { Budget, CalendarDate, CouncilDecision } from "@baken/domain"
import * as Demo from "@baken/region-gooi-en-vechtstreek/demo"
import { laren, plan2017, plan2022, programmes, weesp } from "@baken/region-gooi-en-vechtstreek/reference"
import { CouncilDecisionRepository, PlanRepository } from "@baken/store"
import { TRPCError } from "@trpc/server"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())
const region = () => callerFor(runtime, callers.region)
const anyone = () => callerFor(runtime, callers.public)
const iso = /\d{4}-\d{2}-\d{2}/

beforeAll(async () => {
  await runtime.runPromise(
    Effect.gen(function* () {
      const repo = yield* PlanRepository.PlanRepository
      yield* repo.put(Entities.plan, { plan: plan2022, status: Demo.status })
      yield* repo.put(Entities.plan, { plan: plan2017, status: { _tag: "Draft" } as never })
      for (const p of programmes) yield* repo.put(Entities.programme, p)
      for (const g of Demo.goals) yield* repo.put(Entities.goal(plan2022.id), g)
      for (const a of Demo.actions) yield* repo.put(Entities.action(plan2022.id), a)
      yield* repo.put(Entities.budget, { plan: plan2022.id, lines: Demo.budget, key: Demo.costKey(2022) })
      const decisions = yield* CouncilDecisionRepository.CouncilDecisionRepository
      for (const d of Demo.decisions) yield* decisions.recordOnce(d)
    }),
  )
})

describe("council decisions through the API", () => {
  it("refuses a council's reference holding a BSN in any spelling, since it is published, and stores nothing", async () => {
    const before = await anyone().plan.decisions({ plan: plan2022.id, municipality: laren.code } as never)
    for (const reference of [
      "BSN 999900055",
      "9999 000 55 besluit",
      "\uFF19\uFF19\uFF19\uFF19\uFF10\uFF10\uFF10\uFF15\uFF15",
    ]) {
      await expect(
        region().plan.recordDecision({
          plan: plan2022.id,
          municipality: laren.code,
          outcome: "postponed",
          date: "2024-02-09",
          reference,
        } as never),
      ).rejects.toThrow("het kenmerk van het raadsbesluit bevat een getal dat een BSN kan zijn")
    }
    expect(await anyone().plan.decisions({ plan: plan2022.id, municipality: laren.code } as never)).toEqual(before)
  })

  it("a new decision adds a row: Laren's 2021 adoption stays, listed after its 2024 rejection, which now counts", async () => {
    await region().plan.recordDecision({
      plan: plan2022.id,
      municipality: laren.code,
      outcome: "rejected",
      date: "2024-03-05",
      reference: "TEST-besluit-laren",
    } as never)
    const history = await anyone().plan.decisions({
      plan: plan2022.id,
      municipality: laren.code,
      on: "2024-06-01",
    } as never)
    expect(history.map((d) => [d.outcome, d.date, d.counts])).toEqual([
      ["rejected", "2024-03-05", true],
      ["adopted", "2021-12-14", false],
      ["postponed", "2021-11-09", false],
    ])
    expect(history[0]).toMatchObject({
      name: "Laren",
      outcomeNl: "verworpen",
      dateNl: "5 maart 2024",
      reference: "TEST-besluit-laren",
      planTitle: plan2022.title,
    })
  })

  it("the status follows each council's latest decision: no longer 'alle 7' after Laren's rejection", async () => {
    const before = await anyone().plan.status({ plan: plan2022.id, on: "2024-03-04" } as never)
    expect(before.adoption.adopted).toBe(true)
    expect(before.sentenceNl).toContain("Vastgesteld door alle 7 gemeenteraden")
    const after = await anyone().plan.status({ plan: plan2022.id, on: "2024-06-01" } as never)
    expect(after.adoption.adopted).toBe(false)
    expect(after.sentenceNl).not.toContain("alle 7")
    expect(after.sentenceNl).toContain("Laren heeft het plan op 5 maart 2024 verworpen")
    expect(after.sentenceNl).not.toMatch(iso)
  })

  it("of two decisions of one council on the same day both are kept and the later recorded counts", async () => {
    for (const outcome of ["postponed", "adopted"] as const) {
      await region().plan.recordDecision({
        plan: plan2022.id,
        municipality: laren.code,
        outcome,
        date: "2024-09-10",
      } as never)
    }
    const history = await anyone().plan.decisions({
      plan: plan2022.id,
      municipality: laren.code,
      on: "2024-09-10",
    } as never)
    expect(history.slice(0, 3).map((d) => [d.outcome, d.date, d.counts])).toEqual([
      ["adopted", "2024-09-10", true],
      ["postponed", "2024-09-10", false],
      ["rejected", "2024-03-05", false],
    ])
    const status = await anyone().plan.status({ plan: plan2022.id, on: "2024-09-10" } as never)
    expect(status.adoption.adopted).toBe(true)
  })

  it("lists a municipality's decisions on every plan the caller may see, and hides a draft's from the public", async () => {
    await runtime.runPromise(
      CouncilDecisionRepository.CouncilDecisionRepository.use((r) =>
        r.record(
          new CouncilDecision.CouncilDecision({
            plan: plan2017.id,
            municipality: laren.code,
            outcome: "adopted",
            date: CalendarDate.CalendarDate.make("2017-06-01"),
          }),
        ),
      ),
    )
    const publicView = await anyone().plan.decisions({ municipality: laren.code } as never)
    expect(publicView.every((d) => d.plan === plan2022.id)).toBe(true)
    const regionView = await region().plan.decisions({ municipality: laren.code } as never)
    expect(regionView.map((d) => d.plan)).toContain(plan2017.id)
    await expect(anyone().plan.decisions({ plan: plan2017.id } as never)).rejects.toMatchObject({ code: "NOT_FOUND" })
  })

  it("refuses, in Dutch and naming the field, a decision of Weesp, whose council the 2022-2025 plan was never put to", async () => {
    const error = await region()
      .plan.recordDecision({
        plan: plan2022.id,
        municipality: weesp.code,
        outcome: "adopted",
        date: "2021-12-01",
      } as never)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCError)
    expect((error as TRPCError).code).toBe("BAD_REQUEST")
    expect((error as TRPCError).message).toBe(
      "input.municipality: de raad van Weesp beslist op 1 december 2021 niet over plan bo-2022-2025",
    )
  })
})

describe("the plan's status and its actions on a day", () => {
  it("says a plan past its last year is over, with a Dutch stage label and no ISO date", async () => {
    const status = await anyone().plan.status({ plan: plan2022.id, on: "2026-12-06" } as never)
    expect(status.stageNl).toBe("Afgelopen")
    expect(status.sentenceNl).toContain("Het plan liep van 2022 tot en met 2025 en is afgelopen.")
    expect(status.sentenceNl).toContain("In uitvoering genomen op 1 januari 2022.")
    expect(status.sentenceNl).not.toMatch(iso)
  })

  it("does not call the waiting-list action that ended in 2024 'gepland' in 2025", async () => {
    const got = await anyone().plan.get({ plan: plan2022.id, on: "2025-03-01" } as never)
    const waiting = got.actionStatuses.find((a) => a.action === "wachtlijstbeheer")
    expect(waiting).toMatchObject({ status: "expired", labelNl: "verlopen" })
    expect(waiting?.sentenceNl).toContain("31 december 2024")
    expect(got.actionStatuses).toHaveLength(got.actions.length)
    const early = await anyone().plan.get({ plan: plan2022.id, on: "2022-06-01" } as never)
    expect(early.actionStatuses.find((a) => a.action === "wachtlijstbeheer")?.labelNl).toBe("gepland")
  })
})

describe("budget shares", () => {
  it("are public per municipality and year, and never charge Weesp for the 2022-2025 plan", async () => {
    const shares = await anyone().budget.shares({ plan: plan2022.id } as never)
    expect(shares.years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025])
    for (const y of shares.years) {
      expect(y.shares.map((s) => s.municipality)).not.toContain(weesp.code)
      expect(y.shares).toHaveLength(7)
      expect(y.shares.reduce((sum, s) => sum + s.cents, 0)).toBe(y.totalCents)
      expect(y.setAside).toEqual([{ municipality: weesp.code, name: "Weesp" }])
      expect(y.keyNl).toBe("80 delen naar inwonertal en 20 delen in gelijke delen (peildatum 1 januari 2022)")
    }
    expect(shares.years[0]?.totalCents).toBe(Budget.total(Demo.budget.filter((l) => l.year === 2022)))
  })

  it("gives one municipality's share when asked, named", async () => {
    const shares = await anyone().budget.shares({ plan: plan2022.id, municipality: "GM0406" } as never)
    for (const y of shares.years) expect(y.shares.map((s) => s.name)).toEqual(["Huizen"])
  })

  it("the staff budget charges the same councils as the public shares, not Weesp", async () => {
    const budget = await region().budget.get({ plan: plan2022.id } as never)
    expect(budget.contributions.map((c) => c.municipality)).not.toContain(weesp.code)
    expect(budget.setAside).toContain(weesp.code)
  })

  it("of a draft plan are not public", async () => {
    await expect(anyone().budget.shares({ plan: plan2017.id } as never)).rejects.toMatchObject({ code: "NOT_FOUND" })
  })
})
