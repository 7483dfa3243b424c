// The admin's pages as data on the real router and store: tokens in Dutch without their secrets, the processing log
// filtered and paged newest first, a filter value of the wrong shape refused as a bad request, and neither page for
// any other audience.
import { Partner } from "@baken/domain"
import { ApiTokenRepository, PlanRepository } from "@baken/store"
import { TRPCError } from "@trpc/server"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Caller, fromToken } from "../src/Audience.js"
import { resumeSession, startSession } from "../src/Authentication.js"
import { endOfDay, startOfDay } from "../src/dashboard/AdminView.js"
import * as Entities from "../src/PlanEntities.js"
import { callerFor, callers, makeRuntime } from "./runtime.js"

const runtime = makeRuntime()
afterAll(() => runtime.dispose())

const admin = callerFor(runtime, callers.admin)
const region = callerFor(runtime, callers.region)

const partners = [
  new Partner.Partner({
    id: "test-veilig-thuis" as never,
    name: "TEST Veilig Thuis",
    kind: "veilig-thuis",
    adapters: [],
  }),
  new Partner.Partner({
    id: "test-veilig-thuis-noord" as never,
    name: "TEST Veilig Thuis Noord",
    kind: "veilig-thuis",
    adapters: [],
  }),
]

/** The tRPC code a call fails with, or "OK". */
const codeOf = (call: Promise<unknown>): Promise<string> =>
  call.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : "NOT_A_TRPC_ERROR"),
  )

beforeAll(() =>
  runtime.runPromise(
    PlanRepository.PlanRepository.use((repo) =>
      Effect.forEach(partners, (p) => repo.put(Entities.partner, p), { discard: true }),
    ),
  ),
)

describe("the admin's tokens", () => {
  it("an admin token signs in as the admin", async () => {
    expect(await admin.dashboard.me()).toEqual({ role: "admin", name: "Beheerder" })
  })

  it("lists every token newest first, in Dutch, with whom it acts as and its status, and never a secret", async () => {
    const made = await admin.token.create({
      audience: "partner",
      partner: "test-veilig-thuis" as never,
      label: "TEST export Veilig Thuis",
      days: 30,
    })
    const huizen = await admin.token.create({
      audience: "municipality",
      municipality: "GM0406" as never,
      label: "TEST beleidsmedewerker Huizen",
      days: 1,
    })
    await admin.token.revoke({ id: huizen.token.id })
    const old = await runtime.runPromise(
      ApiTokenRepository.ApiTokenRepository.use((repo) =>
        repo.issue({ scopes: ["audience:region"], label: "TEST verlopen", expiresAt: Date.now() - 1000 }),
      ),
    )
    const view = await admin.dashboard.admin({ on: "2026-03-01" as never })
    const byId = new Map(view.tokens.map((t) => [t.id, t]))
    expect(byId.get(made.token.id)).toMatchObject({
      label: "TEST export Veilig Thuis",
      audience: "partner",
      kind: "partner",
      holder: "TEST Veilig Thuis",
      status: "active",
      state: "actief",
    })
    expect(byId.get(huizen.token.id)).toMatchObject({
      kind: "gemeente",
      holder: "Gemeente Huizen",
      state: "ingetrokken",
    })
    expect(byId.get(huizen.token.id)?.revokedAt).not.toBeNull()
    expect(byId.get(old.token.id)).toMatchObject({ kind: "regio", holder: null, status: "expired", state: "verlopen" })
    expect(view.tokens.slice(0, 3).map((t) => t.id)).toEqual([old.token.id, huizen.token.id, made.token.id])
    const text = JSON.stringify(view)
    for (const secret of [made.secret, huizen.secret, old.secret]) expect(text).not.toContain(secret)
  })

  it("refuses a token label with a BSN in any spelling as a bad request, before the database would", async () => {
    for (const label of [
      "TEST 999900006",
      "TEST 9999 000 43",
      "TEST 999_900_006",
      "TEST \uff19\uff19\uff19\uff19\uff10\uff10\uff10\uff10\uff16",
    ]) {
      expect(await codeOf(admin.token.create({ audience: "region", label, days: 1 })), label).toBe("BAD_REQUEST")
    }
    // Ten digits or more are no BSN: an IBAN in a label is taken (an outside tester found it refused).
    for (const label of ["TEST koppeling 2026-11", "TEST rekening NL91ABNA0417164300"]) {
      expect(await codeOf(admin.token.create({ audience: "region", label, days: 1 })), label).toBe("OK")
    }
  })

  it("offers the region's partners and its member municipalities for a new token", async () => {
    const view = await admin.dashboard.admin({ on: "2026-03-01" as never })
    expect(view.partners.map((p) => p.value)).toEqual(["test-veilig-thuis", "test-veilig-thuis-noord"])
    expect(view.municipalities.map((m) => m.label)).toContain("Gemeente Huizen")
    expect(view.municipalities.map((m) => m.label)).not.toContain("Gemeente Weesp")
  })
})

describe("the admin's processing log", () => {
  beforeAll(async () => {
    // The region reads each partner's deliveries: two reads of partner 1, one of partner 2.
    await region.delivery.list({ partner: "test-veilig-thuis" as never })
    await region.delivery.list({ partner: "test-veilig-thuis-noord" as never })
    await region.delivery.list({ partner: "test-veilig-thuis" as never })
  })

  it("finds a partner's delivery reads, newest first, in Dutch beside what was recorded", async () => {
    const page = await admin.dashboard.processingLog({ partner: "test-veilig-thuis" as never, action: "read" })
    expect(page.total).toBe(2)
    expect(page.entries).toHaveLength(2)
    expect(page.entries[0]).toMatchObject({
      actor: "regio",
      actorId: "region",
      token: callers.region.tokenId,
      action: "lezen",
      actionId: "read",
      subject: "leveringen van TEST Veilig Thuis",
      subjectId: "deliveries of test-veilig-thuis",
      purpose: "overzicht van leveringen",
    })
    expect(page.entries[0]?.at.localeCompare(page.entries[1]?.at ?? "")).toBeGreaterThanOrEqual(0)
  })

  it("pages through the filtered entries and counts them all", async () => {
    const first = await admin.dashboard.processingLog({ actor: "region", pageSize: 2 })
    const second = await admin.dashboard.processingLog({ actor: "region", pageSize: 2, page: 2 })
    expect(first.total).toBe(3)
    expect(first.entries.map((e) => e.subjectId)).toEqual([
      "deliveries of test-veilig-thuis",
      "deliveries of test-veilig-thuis-noord",
    ])
    expect(second.entries.map((e) => e.subjectId)).toEqual(["deliveries of test-veilig-thuis"])
  })

  it("a period of days today includes today's entries; one that ended yesterday has none", async () => {
    // Days as Amsterdam counts them, whatever the hour in UTC.
    const dayInAmsterdam = (t: number) => new Date(t).toLocaleDateString("en-CA", { timeZone: "Europe/Amsterdam" })
    const today = dayInAmsterdam(Date.now())
    const before = dayInAmsterdam(Date.now() - 3 * 86_400_000)
    const yesterday = dayInAmsterdam(Date.now() - 86_400_000)
    expect((await admin.dashboard.processingLog({ from: before as never, to: today as never })).total).toBe(3)
    expect((await admin.dashboard.processingLog({ from: before as never, to: yesterday as never })).total).toBe(0)
  })

  it("offers who can have acted and whose data, by name", async () => {
    const page = await admin.dashboard.processingLog({})
    expect(page.actors).toContainEqual({ value: "region", label: "Regio" })
    expect(page.actors).toContainEqual({ value: "partner:test-veilig-thuis", label: "TEST Veilig Thuis" })
    expect(page.actors).toContainEqual({ value: "municipality:GM0406", label: "Gemeente Huizen" })
    expect(page.partners).toContainEqual({ value: "test-veilig-thuis-noord", label: "TEST Veilig Thuis Noord" })
  })

  it("refuses a filter value of the wrong shape as a bad request, never a failure", async () => {
    const bad: ReadonlyArray<Record<string, unknown>> = [
      { actor: "'; drop table processing_log; --" },
      { partner: "'; drop table processing_log; --" },
      { subject: "'; drop table" },
      { subject: "a".repeat(10_240) },
      { token: "xyz" },
      { action: "lezen" },
      { from: "2024-13-45" },
      { from: "2024-03-10", to: "2024-03-01" },
      { page: 0 },
      { pageSize: 1e9 },
    ]
    for (const input of bad) {
      expect(await codeOf(admin.dashboard.processingLog(input as never)), JSON.stringify(input).slice(0, 60)).toBe(
        "BAD_REQUEST",
      )
    }
    expect((await admin.dashboard.processingLog({})).total).toBe(3)
  })
})

describe("the admin's sessions", () => {
  /** Signs `who` in to a dashboard session; the caller the session's secret stands for afterwards. */
  const signedIn = async (caller: Caller, subject: string, label: string) => {
    const started = await runtime.runPromise(startSession({ caller, subject, label }))
    return { id: started.session.id, caller: await runtime.runPromise(resumeSession(started.secret)) }
  }

  it("a person who signed in through the identity provider is named by the provider's name; a code by whom it acts as", async () => {
    const anna = await signedIn({ audience: "region" }, "oidc:https://id.example#anna", "Anna de Regio")
    expect(await callerFor(runtime, anna.caller).dashboard.me()).toEqual({ role: "region", name: "Anna de Regio" })
    const bert = await signedIn(
      { audience: "municipality", municipality: "GM0402" as never },
      "oidc:https://id.example#bert",
      "Bert van Huizen",
    )
    expect(await callerFor(runtime, bert.caller).dashboard.me()).toMatchObject({
      role: "municipality",
      name: "Bert van Huizen",
    })
    const token = await admin.token.create({ audience: "region", label: "TEST koppeling regio", days: 1 })
    const code = fromToken({ ...token.token, scopes: [...token.token.scopes] }) as Caller
    const coded = await signedIn(code, `token:${token.token.id}`, "TEST koppeling regio")
    expect(await callerFor(runtime, coded.caller).dashboard.me()).toEqual({ role: "region", name: "Regio" })
  })

  it("lists every live session in Dutch, how each signed in and whom it acts as, with the admin's own one marked", async () => {
    const me = await signedIn({ audience: "admin" }, "oidc:https://id.example#dora", "Dora Beheer")
    await signedIn({ audience: "admin" }, "oidc:https://id.example#dora", "Dora Beheer")
    const partner = await signedIn(
      { audience: "partner", partner: "test-veilig-thuis" as never },
      "oidc:https://id.example#piet",
      "Piet Partner",
    )
    const huizen = await signedIn(
      { audience: "municipality", municipality: "GM0402" as never },
      "oidc:https://id.example#hans",
      "Hans Huizen",
    )
    const view = await callerFor(runtime, me.caller).dashboard.sessions()
    const byId = new Map(view.sessions.map((s) => [s.id, s]))
    expect(byId.get(me.id)).toMatchObject({
      label: "Dora Beheer",
      via: "organisatieaccount",
      kind: "beheerder",
      holder: null,
      current: true,
      currentPerson: true,
      personSessions: 2,
    })
    expect(view.sessions.filter((s) => s.current)).toHaveLength(1)
    expect(view.sessions.filter((s) => s.currentPerson)).toHaveLength(2)
    expect(byId.get(partner.id)).toMatchObject({ kind: "partner", holder: "TEST Veilig Thuis", current: false })
    expect(byId.get(huizen.id)).toMatchObject({ kind: "gemeente", holder: "Gemeente Hilversum" })
    const session = byId.get(me.id)
    // A session ends after half an hour without a request, so the end shown is at most that far from its last use.
    expect(Date.parse(session?.endsAt ?? "") - Date.parse(session?.seenAt ?? "")).toBe(30 * 60_000)
    expect(JSON.stringify(view)).not.toMatch(/bks_/)
  })
})

describe("no other audience reaches the admin's pages", () => {
  for (const audience of ["public", "partner", "municipality", "region"] as const) {
    it(`the ${audience} audience is refused every admin page`, async () => {
      const caller = callerFor(runtime, callers[audience])
      const expected = audience === "public" ? "UNAUTHORIZED" : "FORBIDDEN"
      expect(await codeOf(caller.dashboard.admin())).toBe(expected)
      expect(await codeOf(caller.dashboard.sessions())).toBe(expected)
      expect(await codeOf(caller.dashboard.processingLog({}))).toBe(expected)
    })
  }
})

describe("the days of a log filter are Amsterdam's days", () => {
  it("a winter day starts at 23:00 UTC the day before, a summer day at 22:00", () => {
    expect(new Date(startOfDay("2024-01-15")).toISOString()).toBe("2024-01-14T23:00:00.000Z")
    expect(new Date(startOfDay("2024-07-01")).toISOString()).toBe("2024-06-30T22:00:00.000Z")
  })

  it("the day the clocks go forward ends at 22:00 UTC, 23 hours after it began", () => {
    expect(new Date(endOfDay("2024-03-31")).toISOString()).toBe("2024-03-31T22:00:00.000Z")
    expect(endOfDay("2024-03-31") - startOfDay("2024-03-31")).toBe(23 * 3_600_000)
    expect(endOfDay("2024-10-27") - startOfDay("2024-10-27")).toBe(25 * 3_600_000)
  })
})
