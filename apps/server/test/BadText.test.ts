// Text no person types — a NUL, another control character, half a surrogate pair, or far too much — sent as a plan
// edit through the real app and store: a 400 that names the field, and the stored part is left as it was.
import { AdminRouter, PlanEntities } from "@baken/api"
import { Plan, Programme } from "@baken/domain"
import { plan2022 } from "@baken/region-gooi-en-vechtstreek/reference"
import { PlanRepository } from "@baken/store"
import * as fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as App from "../src/App.js"
import * as Runtime from "../src/Runtime.js"
import { appConfig } from "./settings.js"

const runtime = Runtime.make({ database: { _tag: "Embedded" }, pseudonymSecret: undefined })
const config = appConfig({
  bodyLimit: 1024 * 1024,
  uploadLimit: 1024 * 1024,
  publicRateLimit: 100_000,
  tokenRateLimit: 100_000,
  answerCacheSeconds: 0,
})
const app = App.make({ runtime, config })
const draft = new Plan.Plan({ ...plan2022, id: "test-tekst-plan" as never, title: "TEST conceptplan" })
const programme = new Programme.Programme({
  id: "test-tekst-programma" as never,
  plan: draft.id,
  number: 1,
  name: "Naam die blijft",
  description: "Omschrijving die blijft",
})
let token = ""

beforeAll(async () => {
  token = (await runtime.runPromise(AdminRouter.issueToken({ audience: "region", label: "test region", days: 1 })))
    .secret
  await runtime.runPromise(
    PlanRepository.PlanRepository.use((repo) =>
      repo.put(PlanEntities.plan, { plan: draft, status: { _tag: "Draft" } } as never),
    ),
  )
  await runtime.runPromise(PlanRepository.PlanRepository.use((repo) => repo.put(PlanEntities.programme, programme)))
})
afterAll(() => runtime.dispose())

const edit = (body: unknown) =>
  app.request("/trpc/plan.editPart", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })

/** Strings no person types: with a NUL or another control character, with a lone surrogate, or far too long. */
const hostile = fc.oneof(
  fc
    .tuple(fc.string(), fc.constantFrom("\u0000", "\u0001", "\u001b", "\u007f"), fc.string())
    .map(([a, c, b]) => a + c + b),
  fc
    .tuple(fc.string(), fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF"), fc.string())
    .map(([a, s, b]) => a + s + b),
  fc.integer({ min: 4001, max: 200_000 }).map((n) => "x".repeat(n)),
)

describe("bad text in a plan edit", () => {
  it("is a 400 naming the field, and the programme keeps its name and description", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom("name", "description"), async (bad, field) => {
        const res = await edit({
          plan: draft.id,
          edit: {
            kind: "programme",
            id: programme.id,
            name: "Nieuwe naam",
            description: "Nieuwe omschrijving",
            [field]: bad,
          },
        })
        const body = (await res.json()) as { error: { message: string } }
        expect(res.status).toBe(400)
        expect(body.error.message).toContain(`input.edit.${field}: `)
      }),
      { numRuns: 60 },
    )
    const stored = await runtime.runPromise(
      PlanRepository.PlanRepository.use((repo) => repo.get(PlanEntities.programme, programme.id)),
    )
    expect(stored).toMatchObject({ value: { name: "Naam die blijft", description: "Omschrijving die blijft" } })
  })

  it("refuses a NUL in an indicator's name with 400, not 503", async () => {
    const res = await edit({
      plan: draft.id,
      edit: { kind: "indicator", id: "bw-instroom", title: "Instroom\u0000", definition: "Aantal" },
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /^input\.edit\.title: expected text without (control characters|a NUL character)/,
    )
  })

  it("refuses a 900 KB indicator name with 400 naming the field", async () => {
    const res = await edit({
      plan: draft.id,
      edit: { kind: "indicator", id: "bw-instroom", title: "x".repeat(900_000), definition: "Aantal" },
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "input.edit.title: expected at most 200 characters",
    )
  })

  it("still stores an ordinary edit with tabs, line breaks and any script", async () => {
    const res = await edit({
      plan: draft.id,
      edit: {
        kind: "programme",
        id: programme.id,
        name: "Zorg & veiligheid 😀",
        description: "Regel 1\r\n\tRegel 2 ë",
      },
    })
    expect(res.status).toBe(200)
    const restore = await edit({
      plan: draft.id,
      edit: { kind: "programme", id: programme.id, name: programme.name, description: programme.description },
    })
    expect(restore.status).toBe(200)
  })
})
