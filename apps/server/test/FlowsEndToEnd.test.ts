// Issue 14 from end to end, on the real server (HTTP, the embedded store, the delivery worker): a care provider's
// iWmo WMO305/WMO307 messages, a debt-counselling team's vroegsignalering file and an aftercare team's detention
// notices, delivered as those partners with `POST /api/deliveries`, become the flow measures the public reads — on the
// page "Niemand uit beeld", in `indicator.values` and in the CSV export — protected by disclosure control. What they
// must be is computed apart from the store: the domain's reference (`Flow.figures`) over the same persons' events,
// published with the same rules (`Publication.publish`).
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Pseudonymiser } from "@baken/adapter-kit"
import { Histories } from "@baken/adapter-registry"
import { AdminRouter, PlanEntities } from "@baken/api"
import { Flow, type Ids, Membership, Period, Publication } from "@baken/domain"
import * as DomainDemo from "@baken/region-gooi-en-vechtstreek/demo"
import { gooiEnVechtstreek, plan2022, programmes } from "@baken/region-gooi-en-vechtstreek/reference"
import { PlanRepository } from "@baken/store"
import { Csv as WebCsv } from "@baken/web"
import { Effect, Redacted, Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Dashboard from "../src/Dashboard.js"
import * as Log from "../src/Log.js"
import * as Server from "../src/Server.js"
import * as ServerConfig from "../src/ServerConfig.js"

const secret = Redacted.make("TEST-ONLY secret of the flows end-to-end test, keys test BSNs only")
const spoolDir = mkdtempSync(join(tmpdir(), "baken-flows-e2e-"))
const config: ServerConfig.ServerConfig = {
  ...ServerConfig.fromEnv({ BAKEN_DATA_DIR: "memory", PORT: "0", LOG_LEVEL: "error", BAKEN_SPOOL_DIR: spoolDir }),
  pseudonymSecret: secret,
  publicRateLimit: 100_000,
  tokenRateLimit: 100_000,
}
const day = "2026-03-01"

/**
 * The persons: every generated history of Hilversum and Huizen, and one in four of Blaricum, so that Blaricum's
 * figures fall below the threshold and are hidden while the others are shown.
 */
const municipalityOf = (h: Histories.History): string =>
  h.stays[0]?.municipality ?? h.detentions[0]?.municipality ?? h.signals[0]?.municipality ?? ""
const persons = Histories.histories().filter((h, i) => {
  const m = municipalityOf(h)
  return m === "GM0402" || m === "GM0406" || (m === "GM0376" && i % 4 === 0)
})

let running: Server.Running
const url = (path: string) => `${running.url}${path}`
const tokens = new Map<string, string>()

/** Delivers a file as its partner over HTTP and waits until the worker stored (or refused) it. */
const deliver = async (file: { partner: { id: string }; adapter: string; name: string; bytes: Uint8Array }) => {
  const token = tokens.get(file.partner.id) as string
  const sent = await fetch(url(`/api/deliveries?adapter=${file.adapter}&name=${encodeURIComponent(file.name)}`), {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: file.bytes,
  })
  expect(sent.status, file.name).toBe(202)
  const { id } = (await sent.json()) as { id: string }
  for (;;) {
    const job = (await (
      await fetch(url(`/api/deliveries/${id}`), { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { status: string; rejections: ReadonlyArray<{ message: { nl: string } }> }
    if (job.status === "stored" || job.status === "refused") return job
    await new Promise((r) => setTimeout(r, 100))
  }
}

beforeAll(async () => {
  running = await Server.start(config, {
    logger: Log.silent,
    web: (runtime) => Dashboard.app(runtime, { today: () => day }),
  })
  // The reference plan with its flow measures, the goal they judge and the three partners — no demo deliveries.
  await running.runtime.runPromise(
    Effect.gen(function* () {
      const plans = yield* PlanRepository.PlanRepository
      yield* plans.put(PlanEntities.plan, { plan: plan2022, status: DomainDemo.status })
      for (const p of programmes) yield* plans.put(PlanEntities.programme, p)
      for (const i of Flow.indicators) yield* plans.put(PlanEntities.indicator(plan2022.id), i)
      for (const g of DomainDemo.goals.filter((g) => g.indicators.some((gi) => gi.indicator === Flow.ids.aftercare))) {
        yield* plans.put(PlanEntities.goal(plan2022.id), g)
      }
      for (const t of DomainDemo.targets.filter((t) => t.indicator === Flow.ids.aftercare)) {
        yield* plans.put(PlanEntities.target(plan2022.id), t)
      }
      for (const p of [DomainDemo.demoZorgaanbieder, DomainDemo.demoSchuldhulp, DomainDemo.demoNazorgDetentie]) {
        yield* plans.put(PlanEntities.partner, p)
        const issued = yield* AdminRouter.issueToken({ audience: "partner", partner: p.id, label: "TEST", days: 1 })
        tokens.set(p.id, issued.secret)
      }
    }),
  )
  for (const file of Histories.files(persons)) {
    const job = await deliver(file)
    expect(job.status, file.name).toBe("stored")
  }
}, 300_000)
afterAll(() => running?.close())

/** What the public must read: the reference's figures over the same persons, published with the same rules. */
const expected = (() => {
  const pseudonymiser = Effect.runSync(Pseudonymiser.make(secret))
  const pseudonym = (bsn: string): Ids.Pseudonym => Result.getOrThrow(pseudonymiser.pseudonymiseResult(bsn))
  const result = Flow.figures(persons.map((h) => Histories.personEvents(h, pseudonym(h.bsn))))
  const indicators = new Map(Flow.indicators.map((i) => [i.id as string, i]))
  const municipalities = [...new Set(gooiEnVechtstreek.memberships.map((m) => m.municipality))].sort()
  const zeros = (values: Publication.Values): Publication.Values =>
    new Map(
      [...values].map(([period, byArea]) => {
        const p = Period.Period.make(period)
        const members = Membership.membersAtSomePoint(gooiEnVechtstreek, Period.start(p), Period.end(p))
        return [period, new Map([...members.map((m) => [m as string, 0] as const), ...byArea])]
      }),
    )
  const medians: Publication.Medians = {
    cells: new Map(
      [...result.medians].map(([p, byArea]) => [p as string, byArea as ReadonlyMap<string, Publication.MedianValue>]),
    ),
    region: new Map(
      [...result.medians].map(([p]) => {
        const members = Membership.membersThroughout(gooiEnVechtstreek, Period.start(p), Period.end(p))
        const lengths = persons.flatMap((h) =>
          Flow.personFlows(Histories.personEvents(h, pseudonym(h.bsn))).lengths.filter(
            (l) => members.includes(l.municipality) && Period.includesDate(p, l.end),
          ),
        )
        return [p as string, { value: Flow.median(lengths.map((l) => l.days)) ?? 0, base: lengths.length }]
      }),
    ),
  }
  const sources: Publication.Sources = {
    region: gooiEnVechtstreek,
    municipalities,
    indicators,
    values: (id) => zeros((result.counts.get(id) ?? new Map()) as Publication.Values),
    medians: () => medians,
  }
  return (id: string) => Publication.publish(sources, indicators.get(id) as (typeof Flow.indicators)[number], "public")
})()

const years = ["2022", "2023", "2024", "2025"]
const show = (cell: Publication.Cell): string =>
  cell._tag === "Shown" ? String(cell.value) : cell._tag === "Suppressed" ? "verborgen" : "leeg"

describe("partners' files to the public's figures", () => {
  it("indicator.values gives exactly the reference's figures, published with the plan's disclosure rules", async () => {
    const ids = [...Flow.countIds, Flow.ids.stayLength]
    const members = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"]
    const input = encodeURIComponent(JSON.stringify({ indicators: ids, periods: years, municipalities: members }))
    const answer = (await (await fetch(url(`/trpc/indicator.values?input=${input}`))).json()) as {
      result: {
        data: ReadonlyArray<{
          indicator: string
          cells: ReadonlyArray<ReadonlyArray<Publication.Cell>>
          regionTotals: ReadonlyArray<Publication.Cell>
        }>
      }
    }
    const got = answer.result.data.flatMap((t) => [
      ...t.cells.flatMap((row, i) => row.map((c, j) => `${t.indicator} ${members[i]} ${years[j]} ${show(c)}`)),
      ...t.regionTotals.map((c, j) => `${t.indicator} regio ${years[j]} ${show(c)}`),
    ])
    const want = ids.flatMap((id) => [
      ...members.flatMap((m) => years.map((y) => `${id} ${m} ${y} ${show(expected(id).cell(m, y))}`)),
      ...years.map((y) => `${id} regio ${y} ${show(expected(id).region(y))}`),
    ])
    expect(got).toEqual(want)
    // Disclosure control is at work: Blaricum's small numbers are hidden, Hilversum's are shown.
    expect(got.filter((g) => g.includes(" GM0376 ") && g.endsWith("verborgen")).length).toBeGreaterThan(0)
    expect(got.filter((g) => g.includes(" GM0402 ") && /\d$/.test(g)).length).toBeGreaterThan(20)
  })

  it("the page shows the same figures for the region and for each municipality, and never a hidden one", async () => {
    for (const area of ["regio", "GM0402", "GM0406", "GM0376"]) {
      const html = await (await fetch(url(`/niemand-uit-beeld?gebied=${area}`))).text()
      const start = html.indexOf('id="stromen-tabel"')
      const table = html.slice(start, html.indexOf("</table>", start))
      for (const id of [...Flow.countIds, Flow.ids.stayLength]) {
        const row = table.slice(table.indexOf(`data-key="${id}"`))
        const cells = [...row.matchAll(/data-value="([^"]*)" data-status="([^"]*)"/g)].slice(0, years.length)
        const want = years.map((y) => (area === "regio" ? expected(id).region(y) : expected(id).cell(area, y)))
        expect(
          cells.map((m) => (m[2] === "getoond" ? m[1] : m[2])),
          `${area} ${id}`,
        ).toEqual(want.map(show))
      }
    }
  })

  it("the CSV export holds the shown figures and an empty value for each hidden one", async () => {
    const input = encodeURIComponent(
      JSON.stringify({ indicators: [Flow.ids.departures, Flow.ids.aftercare], periods: years }),
    )
    const answer = (await (await fetch(url(`/trpc/indicator.exportCsv?input=${input}`))).json()) as {
      result: { data: { csv: string } }
    }
    const records = WebCsv.parse(answer.result.data.csv).slice(1)
    for (const id of [Flow.ids.departures, Flow.ids.aftercare]) {
      for (const m of ["GM0402", "GM0406", "GM0376"]) {
        for (const y of years) {
          const record = records.find((r) => r[0] === id && r[1] === m && r[2] === y)
          const cell = expected(id).cell(m, y)
          expect(record?.[3], `${id} ${m} ${y}`).toBe(cell._tag === "Shown" ? String(cell.value) : "")
        }
      }
    }
  })

  it("the goal 'Niemand uit beeld na detentie' is judged from the region's aftercare figure of the latest year", async () => {
    const input = encodeURIComponent(JSON.stringify({ on: day }))
    const view = (await (await fetch(url(`/trpc/dashboard.flows?input=${input}`))).json()) as {
      result: { data: { goal: { measure: { share: number | null; sentence: string } } } }
    }
    const latest = expected(Flow.ids.aftercare).region("2025")
    expect(latest._tag).toBe("Shown")
    const value = latest._tag === "Shown" ? latest.value : 0
    expect(view.result.data.goal.measure.sentence).toContain(`gemeten ${value.toLocaleString("nl-NL")} (2025)`)
    expect(view.result.data.goal.measure.share).not.toBeNull()
  })
})
