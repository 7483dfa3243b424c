import { Plan, Programme } from "@baken/domain"
import { plan2022 } from "@baken/domain/reference"
import { PlanRepository } from "@baken/store"
import { afterAll, describe, expect, it } from "vitest"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

const draft = new Plan.Plan({ ...plan2022, id: "test-concept-plan" as never, title: "TEST conceptplan" })
const programme = new Programme.Programme({
  id: "test-programma" as never,
  plan: draft.id,
  number: 1,
  name: "Oude naam",
  description: "oud",
})

describe("editing a plan's parts (plan.editPart)", () => {
  it("renames a programme of a draft plan, and refuses once the plan is released", async () => {
    const region = callerFor(runtime, callers.region)
    await region.plan.create(draft as never)
    await runtime.runPromise(PlanRepository.PlanRepository.use((repo) => repo.put(Entities.programme, programme)))
    const edited = await region.plan.editPart({
      plan: draft.id,
      edit: { kind: "programme", id: programme.id, name: "Nieuwe naam", description: "nieuw" },
    } as never)
    expect(edited).toMatchObject({ name: "Nieuwe naam", description: "nieuw" })
    const got = await region.plan.get({ plan: draft.id } as never)
    expect(got.programmes.map((p) => p.name)).toEqual(["Nieuwe naam"])
    await region.plan.release({ plan: draft.id, on: "2025-01-01" } as never)
    await expect(
      region.plan.editPart({
        plan: draft.id,
        edit: { kind: "programme", id: programme.id, name: "Te laat", description: "" },
      } as never),
    ).rejects.toMatchObject({ code: "CONFLICT" })
  })

  it("answers an unknown part with NOT_FOUND", async () => {
    const region = callerFor(runtime, callers.region)
    await region.plan.create(new Plan.Plan({ ...draft, id: "test-concept-2" as never }) as never)
    await expect(
      region.plan.editPart({
        plan: "test-concept-2",
        edit: { kind: "goal", id: "bestaat-niet", title: "x", description: "" },
      } as never),
    ).rejects.toMatchObject({ code: "NOT_FOUND" })
  })
})
