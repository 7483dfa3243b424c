// Amending a plan in execution on the real router and store: the region amends a target and an indicator with a
// date and a reason, the earlier values stay readable, and every refusal is a Dutch sentence.
import * as Demo from "@baken/region-gooi-en-vechtstreek/demo"
import { plan2017, plan2022 } from "@baken/region-gooi-en-vechtstreek/reference"
import { PlanRepository } from "@baken/store"
import { StandardSchemaV1Error, type TRPCError } from "@trpc/server"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Entities from "../src/PlanEntities.js"
import { describeIssues } from "../src/Trpc.js"
import { callerFor, callers, makeRuntime } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

beforeAll(() =>
  runtime.runPromise(
    Effect.gen(function* () {
      const repo = yield* PlanRepository.PlanRepository
      yield* repo.put(Entities.plan, { plan: plan2017, status: { _tag: "Draft" } as never })
      yield* repo.put(Entities.plan, { plan: plan2022, status: Demo.status })
      for (const i of Demo.indicators) yield* repo.put(Entities.indicator(plan2022.id), i)
      for (const t of Demo.targets) yield* repo.put(Entities.target(plan2022.id), t)
    }),
  ),
)

const reason = "De raad van Huizen heeft op 12 maart 2024 gevraagd de streefwaarde te verlagen."

describe("amending a plan in execution (plan.amend)", () => {
  it("changes a target with a date and a reason, serves the new value, and keeps the old one as history", async () => {
    const region = callerFor(runtime, callers.region)
    const amended = await region.plan.amend({
      plan: plan2022.id,
      date: "2024-03-14",
      reason,
      changes: [
        { _tag: "TargetChange", indicator: "huisuitzettingen", period: "2025", value: 15 },
        { _tag: "IndicatorChange", indicator: "wachttijd-bw", name: "Wachttijd tot plaatsing in beschermd wonen" },
        { _tag: "TargetAdded", indicator: "wachttijd-bw", period: "2024", value: 40 },
      ],
    } as never)
    expect(amended).toMatchObject({ plan: plan2022.id, number: 1, date: "2024-03-14", reason })
    expect(amended.changes.map((c) => c.description)).toEqual([
      "streefwaarde van Huisuitzettingen voor 2025: 20 → 15",
      "naam van indicator „Wachttijd beschermd wonen” gewijzigd in „Wachttijd tot plaatsing in beschermd wonen”",
      "streefwaarde van Wachttijd tot plaatsing in beschermd wonen voor 2024 toegevoegd: 40",
    ])

    const got = await callerFor(runtime, callers.public).plan.get({ plan: plan2022.id } as never)
    expect(got.targets.find((t) => t.indicator === "huisuitzettingen" && t.period === "2025")?.value).toBe(15)
    expect(got.indicators.find((i) => i.id === "wachttijd-bw")?.name).toBe("Wachttijd tot plaatsing in beschermd wonen")

    const before = await callerFor(runtime, callers.public).plan.asOn({ plan: plan2022.id, on: "2024-03-13" } as never)
    expect(before.targets.find((t) => t.indicator === "huisuitzettingen" && t.period === "2025")?.value).toBe(20)
    expect(before.targets.some((t) => t.indicator === "wachttijd-bw" && t.period === "2024")).toBe(false)
    expect(before.indicators.find((i) => i.id === "wachttijd-bw")?.name).toBe("Wachttijd beschermd wonen")
  })

  it("lists the plan's amendments newest first, with what changed from → to, for anyone", async () => {
    const region = callerFor(runtime, callers.region)
    await region.plan.amend({
      plan: plan2022.id,
      date: "2024-09-01",
      reason: "Bijgesteld na de evaluatie van de eerste helft van 2024.",
      changes: [{ _tag: "TargetChange", indicator: "mo-instroom", period: "2025", value: 140 }],
    } as never)
    const listed = await callerFor(runtime, callers.public).plan.amendments({ plan: plan2022.id } as never)
    expect(listed.amendments.map((a) => [a.number, a.date])).toEqual([
      [2, "2024-09-01"],
      [1, "2024-03-14"],
    ])
    expect(listed.amendments[0]?.changes[0]).toMatchObject({
      _tag: "TargetValue",
      indicator: "mo-instroom",
      indicatorName: expect.any(String),
      period: "2025",
      from: 150,
      to: 140,
    })
  })

  it("refuses a date before the plan's adoption and one in the future, in Dutch", async () => {
    const region = callerFor(runtime, callers.region)
    const change = { _tag: "TargetChange", indicator: "huisuitzettingen", period: "2025", value: 10 }
    await expect(
      region.plan.amend({ plan: plan2022.id, date: "2021-12-01", reason, changes: [change] } as never),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("ligt vóór de vaststelling van het plan op 14 december 2021"),
    })
    await expect(
      region.plan.amend({ plan: plan2022.id, date: "2199-01-01", reason, changes: [change] } as never),
    ).rejects.toMatchObject({ message: expect.stringContaining("ligt in de toekomst") })
  })

  it("refuses an unknown indicator and a target outside the plan's years, naming the change", async () => {
    const region = callerFor(runtime, callers.region)
    await expect(
      region.plan.amend({
        plan: plan2022.id,
        date: "2024-10-01",
        reason,
        changes: [
          { _tag: "TargetChange", indicator: "bestaat-niet", period: "2025", value: 1 },
          { _tag: "TargetAdded", indicator: "huisuitzettingen", period: "2026", value: 1 },
        ],
      } as never),
    ).rejects.toMatchObject({
      message:
        "De wijziging van plan bo-2022-2025 is geweigerd: wijziging 1: het plan heeft geen indicator bestaat-niet; wijziging 2: de periode 2026 valt buiten de jaren van het plan (2022 tot en met 2025).",
    })
  })

  it("refuses a blank reason, a reason over the limit and an amendment without changes as bad input, naming the field", async () => {
    const region = callerFor(runtime, callers.region)
    const change = { _tag: "TargetChange", indicator: "huisuitzettingen", period: "2025", value: 10 }
    /** The message the HTTP caller reads: each issue as `field: what was expected` (the error formatter's). */
    const located = (call: Promise<unknown>) =>
      call.then(
        () => "accepted",
        (e: TRPCError) =>
          `${e.code} ${e.cause instanceof StandardSchemaV1Error ? describeIssues(e.cause.issues) : e.message}`,
      )
    expect(
      await located(
        region.plan.amend({ plan: plan2022.id, date: "2024-10-01", reason: "  ", changes: [change] } as never),
      ),
    ).toBe("BAD_REQUEST input.reason: verwacht de reden van de wijziging")
    expect(
      await located(
        region.plan.amend({
          plan: plan2022.id,
          date: "2024-10-01",
          reason: "x".repeat(2001),
          changes: [change],
        } as never),
      ),
    ).toBe("BAD_REQUEST input.reason: expected at most 2000 characters")
    expect(
      await located(region.plan.amend({ plan: plan2022.id, date: "2024-10-01", reason, changes: [] } as never)),
    ).toBe("BAD_REQUEST input.changes: verwacht ten minste één wijziging")
  })

  it("refuses a draft plan in Dutch, and leaves amending to the region", async () => {
    await expect(
      callerFor(runtime, callers.region).plan.amend({
        plan: plan2017.id,
        date: "2024-10-01",
        reason,
        changes: [{ _tag: "TargetAdded", indicator: "huisuitzettingen", period: "2019", value: 1 }],
      } as never),
    ).rejects.toMatchObject({
      message: expect.stringContaining("alleen een plan in uitvoering kan worden gewijzigd; dit plan is een concept"),
    })
    await expect(
      callerFor(runtime, callers.municipality).plan.amend({
        plan: plan2022.id,
        date: "2024-10-01",
        reason,
        changes: [{ _tag: "TargetChange", indicator: "huisuitzettingen", period: "2025", value: 1 }],
      } as never),
    ).rejects.toMatchObject({ code: "FORBIDDEN" })
  })

  it("refuses a direct edit of the plan in execution in Dutch, pointing to an amendment", async () => {
    const region = callerFor(runtime, callers.region)
    const message =
      "Plan bo-2022-2025 is in uitvoering en kan niet meer rechtstreeks worden bewerkt. Leg een wijziging vast met een datum en een reden; alleen indicatoren en streefwaarden kunnen worden gewijzigd."
    await expect(
      region.plan.editPart({
        plan: plan2022.id,
        edit: { kind: "target", indicator: "huisuitzettingen", period: "2025", value: 1 },
      } as never),
    ).rejects.toMatchObject({ code: "CONFLICT", message })
    await expect(region.plan.update(plan2022 as never)).rejects.toMatchObject({ code: "CONFLICT", message })
  })
})

describe("amendments sent at the same time (found by an outside tester)", () => {
  it("take turns: each is applied to what the one before it left, and none is lost", async () => {
    const region = callerFor(runtime, callers.region)
    const before = await region.plan.amendments({ plan: plan2022.id } as never)
    const values = [701, 702, 703, 704]
    const answers = await Promise.allSettled(
      values.map((value) =>
        region.plan.amend({
          plan: plan2022.id,
          date: "2025-06-01",
          reason: `tegelijk ${value}`,
          changes: [{ _tag: "TargetChange", indicator: "vroegsignalen-hulp-aanvaard", period: "2025", value }],
        } as never),
      ),
    )
    expect(
      answers.filter((a) => a.status === "rejected").map((a) => String((a as PromiseRejectedResult).reason)),
    ).toEqual([])
    const after = await region.plan.amendments({ plan: plan2022.id } as never)
    const added = after.amendments.slice(0, after.amendments.length - before.amendments.length).reverse()
    expect(added.map((a) => a.reason).sort()).toEqual(values.map((v) => `tegelijk ${v}`))
    // The chain of values holds: each amendment's "from" is the value the previous one set.
    for (let i = 1; i < added.length; i++) {
      const previous = added[i - 1]?.changes[0] as { to: number } | undefined
      const current = added[i]?.changes[0] as { from: number | null } | undefined
      expect(current?.from).toBe(previous?.to)
    }
    const got = await region.plan.get({ plan: plan2022.id } as never)
    const last = added.at(-1)?.changes[0] as { to: number } | undefined
    expect(got.targets.find((t) => t.indicator === "vroegsignalen-hulp-aanvaard" && t.period === "2025")?.value).toBe(
      last?.to,
    )
  })
})
