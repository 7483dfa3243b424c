/**
 * `baken demo`: loads the plans, programmes and partners of Gooi en Vechtstreek's region definition
 * (`@baken/region-gooi-en-vechtstreek`), and clearly labelled demo deliveries that take the real path: generated
 * files in each partner's own format (iWmo messages, Veilig Thuis,
 * vroegsignalering, detention notices, woningcorporatie, politie, CBS StatLine pages, observations CSV; test BSNs
 * only), among them the generated person histories the flow measures are computed from (`Histories` of
 * `@baken/adapter-registry`), each queued as its DEMO partner's upload and run through the registry's adapter, the
 * admission check and the staged store by the delivery worker, exactly as a partner's file is. Every demo name says
 * DEMO; loading twice changes nothing.
 */

import { createHash, randomUUID } from "node:crypto"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Pseudonymiser } from "@baken/adapter-kit"
import { Samples } from "@baken/adapter-registry"
import { DeliveryJobs, type Environment, PlanEntities } from "@baken/api"
import {
  Delivery,
  Indicator,
  Observation,
  ObservationsCsv,
  Partner,
  PlanLifecycle,
  RegionDefinition,
} from "@baken/domain"
import { definition as gooiEnVechtstreek } from "@baken/region-gooi-en-vechtstreek"
import * as DomainDemo from "@baken/region-gooi-en-vechtstreek/demo"
import { CouncilDecisionRepository, DeliveryJobRepository, PlanRepository } from "@baken/store"
import { Effect, Layer, Option, Redacted } from "effect"

/**
 * An HMAC secret for tests that pseudonymise demo files themselves (the kit's pseudonymiser); the server stores
 * pseudonyms made with its own keys (see `Pseudonyms`), not with this. It keys nothing real.
 */
export const demoSecret = Redacted.make("DEMO-ONLY secret for generated test data, never for real BSNs")

/** The demo partner that delivers the demo indicator's figures. */
export const demoPartner = new Partner.Partner({
  id: Delivery.DeliveryHeader.fields.partner.make("demo-zorgaanbieder"),
  name: "DEMO zorgaanbieder (voorbeeldgegevens)",
  kind: "zorgaanbieder",
  adapters: [
    Delivery.DeliveryHeader.fields.adapter.make("template-csv"),
    Delivery.DeliveryHeader.fields.adapter.make("observations-csv"),
  ],
})

/** The demo indicator the demo observations are about. */
export const demoIndicator = Indicator.Indicator.make({
  id: Observation.Observation.fields.indicator.make("demo-instroom-bw"),
  name: "DEMO instroom beschermd wonen (voorbeeldgegevens)",
  definition: "Verzonnen voorbeeldcijfers om het dashboard te proberen; geen echte gegevens.",
  unit: "count",
  direction: "lower-is-better",
  aggregation: { _tag: "Sum" },
  source: {
    adapter: Delivery.DeliveryHeader.fields.adapter.make("observations-csv"),
    description: "DEMO: verzonnen gegevens, geleverd als CSV met waarnemingen",
  },
  disclosure: "person-counts",
})

const members = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"] as const

/** The demo periods: the quarters of 2024. */
export const demoPeriods = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] as const

/**
 * The demo indicator's figures, one per member × quarter, some small enough that disclosure suppresses them, and one
 * row the intake rejects (Amsterdam is no member), as a partner's file sometimes has.
 */
const demoIndicatorFile = (): Samples.DemoDelivery => {
  const observations = members.flatMap((m, i) =>
    demoPeriods.map(
      (p, j) =>
        new Observation.Observation({
          indicator: demoIndicator.id,
          area: Observation.Observation.fields.area.make(m),
          period: Observation.Observation.fields.period.make(p),
          value: ((i * 7 + j * 5) % 23) + (i === 2 ? 3 : 12),
          source: Delivery.DeliveryHeader.fields.adapter.make("observations-csv"),
        }),
    ),
  )
  return {
    partner: demoPartner,
    adapter: "observations-csv",
    name: "DEMO-instroom-beschermd-wonen-2024.csv",
    // One row names a municipality that was never a member, so the partner page shows a located rejection.
    bytes: new TextEncoder().encode(`${ObservationsCsv.write(observations)}${demoIndicator.id};GM0363;2024-Q1;4\r\n`),
  }
}

/** Every file the demo delivers: the registry's demo deliveries and the demo indicator's figures. */
export const files = (): ReadonlyArray<Samples.DemoDelivery> => [...Samples.demoDeliveries(), demoIndicatorFile()]

/**
 * Queues `file` as its partner's upload, from a spool file in `spoolDir`, and returns the job; the same bytes again
 * give the job that has them.
 */
const queue = (file: Samples.DemoDelivery, spoolDir: string) =>
  Effect.gen(function* () {
    const id = randomUUID()
    const spool = join(spoolDir, `${id}.part`)
    writeFileSync(spool, file.bytes)
    const queued = yield* DeliveryJobs.enqueue(
      { audience: "partner", partner: file.partner.id },
      {
        id,
        adapter: Delivery.DeliveryHeader.fields.adapter.make(file.adapter),
        kind: "file",
        sourceName: file.name,
        sourceHash: Delivery.DeliveryHeader.fields.sourceHash.make(
          createHash("sha256").update(file.bytes).digest("hex"),
        ),
        spool,
        bytes: file.bytes.length,
      },
    )
    if (!queued.fresh) rmSync(spool, { force: true })
    return queued.job.id
  })

// The region's own plans, programmes, partners and municipalities come from its definition, as any region's do.
const regionPlans = RegionDefinition.plansOf(gooiEnVechtstreek)
const planOf = (id: string) => {
  const plan = regionPlans.find((p) => p.id === id)
  if (plan === undefined) throw new Error(`the definition of Gooi en Vechtstreek has no plan ${id}`)
  return plan
}
const plan2017 = planOf("bo-2017-2020")
const plan2022 = planOf("bo-2022-2025")
const programmes = gooiEnVechtstreek.plans.flatMap((p) => p.programmes ?? [])
const partners = gooiEnVechtstreek.partners ?? []
const municipalities = gooiEnVechtstreek.municipalities

/** Loads the reference plans and the demo data; returns what was loaded. */
export const load = Effect.gen(function* () {
  const plans = yield* PlanRepository.PlanRepository
  yield* plans.put(PlanEntities.plan, {
    plan: plan2017,
    status: PlanLifecycle.Evaluated.make({
      releasedOn: Delivery.DeliveryHeader.fields.receivedOn.make("2017-03-16"),
      adoptedOn: Delivery.DeliveryHeader.fields.receivedOn.make("2017-07-01"),
      executionFrom: Delivery.DeliveryHeader.fields.receivedOn.make("2017-07-01"),
      evaluatedOn: Delivery.DeliveryHeader.fields.receivedOn.make("2021-10-07"),
    }),
  })
  // The 2022-2025 plan with the domain's demo set: decisions, lifecycle, goals, actions, indicators, targets, budget.
  yield* plans.put(PlanEntities.plan, { plan: plan2022, status: DomainDemo.status })
  // Decisions are a history: each demo decision is recorded once, however often the demo is loaded.
  const decisions = yield* CouncilDecisionRepository.CouncilDecisionRepository
  for (const d of DomainDemo.decisions) yield* decisions.recordOnce(d)
  for (const p of programmes) yield* plans.put(PlanEntities.programme, p)
  for (const p of [...partners, ...DomainDemo.partners, ...DomainDemo.deliveryPartners, demoPartner]) {
    yield* plans.put(PlanEntities.partner, p)
  }
  // The plan's flow measures (issue 14) are the reference plan's own, not example data: computed by the store from
  // the person events partners deliver, they stand beside the demo's invented indicators.
  for (const i of [...DomainDemo.indicators, ...DomainDemo.deliveryIndicators, demoIndicator]) {
    yield* plans.put(PlanEntities.indicator(plan2022.id), i)
  }
  for (const g of DomainDemo.goals) yield* plans.put(PlanEntities.goal(plan2022.id), g)
  for (const a of DomainDemo.actions) yield* plans.put(PlanEntities.action(plan2022.id), a)
  for (const t of DomainDemo.targets) yield* plans.put(PlanEntities.target(plan2022.id), t)
  yield* plans.put(PlanEntities.budget, { plan: plan2022.id, lines: DomainDemo.budget, key: DomainDemo.costKey(2022) })

  // The files, each queued as its DEMO partner's upload and run by the delivery worker (here, until none waits).
  const spoolDir = mkdtempSync(join(tmpdir(), "baken-demo-"))
  const intake = Effect.gen(function* () {
    const ids: Array<string> = []
    for (const file of files()) ids.push(yield* queue(file, spoolDir))
    yield* DeliveryJobs.drain
    const jobs = yield* DeliveryJobRepository.DeliveryJobRepository
    // A server's own worker may have taken a job before this drain did and still be running it: wait until every
    // demo job is finished before its spool folder is removed (removing it under a running job refused the demo's
    // largest file as a broken archive; found by an outside tester).
    const done: Array<DeliveryJobRepository.Job> = []
    for (const id of ids) {
      for (;;) {
        const job = yield* jobs.find(id)
        if (Option.isNone(job)) break
        if (job.value.status === "stored" || job.value.status === "refused") {
          done.push(job.value)
          break
        }
        yield* DeliveryJobs.drain
        yield* Effect.sleep("100 millis")
      }
    }
    return done
  }).pipe(Effect.ensuring(Effect.sync(() => rmSync(spoolDir, { recursive: true, force: true }))))
  const deliveries = yield* intake
  return {
    plans: regionPlans.length,
    programmes: programmes.length,
    partners: partners.length + DomainDemo.partners.length + DomainDemo.deliveryPartners.length + 1,
    municipalities: municipalities.length,
    deliveries: deliveries.map((job) => ({
      id: job.id,
      file: job.sourceName,
      partner: job.partner,
      status: job.status,
    })),
  }
})

/** Keeps the demo's layer needs visible to callers. */
export type Requirements = Environment.Services

/** The demo secret as a layer, for tests that read the demo pseudonyms. */
export const demoPseudonymiser = Pseudonymiser.Pseudonymiser.layer(demoSecret).pipe(Layer.orDie)
