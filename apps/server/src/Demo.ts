/**
 * `baken demo`: loads the Gooi en Vechtstreek reference plans, programmes and partners, and clearly labelled demo
 * deliveries: person events made with test BSNs (999900006, …) through the template adapter, pseudonymised here,
 * and aggregated demo observations for a demo indicator. Every demo name says DEMO; loading twice changes nothing.
 */
import { createHash } from "node:crypto"
import { Pseudonymiser, Source, Summary, Template } from "@baken/adapter-kit"
import { type Environment, PlanEntities } from "@baken/api"
import { Delivery, Indicator, Observation, Partner, PlanLifecycle } from "@baken/domain"
import * as DomainDemo from "@baken/domain/demo"
import { municipalities, partners, plan2017, plan2022, programmes } from "@baken/domain/reference"
import { DeliveryRepository, PlanRepository } from "@baken/store"
import { Effect, Layer, Redacted, Schema, Stream } from "effect"

/** The pseudonymisation secret of the demo data; it keys nothing real. */
export const demoSecret = Redacted.make("DEMO-ONLY secret for generated test data, never for real BSNs")

/** Test BSNs (valid under the eleven-test, in the 9999 test range). */
export const testBsns = ["999900006", "999900018", "999900031", "999900043", "999900055", "999900067"]

/** The demo partner that delivers the demo data. */
export const demoPartner = new Partner.Partner({
  id: Delivery.DeliveryHeader.fields.partner.make("demo-zorgaanbieder"),
  name: "DEMO zorgaanbieder (voorbeeldgegevens)",
  kind: "zorgaanbieder",
  adapters: [Delivery.DeliveryHeader.fields.adapter.make("template-csv")],
})

/** The demo indicator the demo observations are about. */
export const demoIndicator = Indicator.Indicator.make({
  id: Observation.Observation.fields.indicator.make("demo-instroom-bw"),
  name: "DEMO instroom beschermd wonen (voorbeeldgegevens)",
  definition: "Generated example figures for trying the dashboard; not real data.",
  unit: "count",
  direction: "lower-is-better",
  aggregation: { _tag: "Sum" },
  source: { adapter: Delivery.DeliveryHeader.fields.adapter.make("demo"), description: "DEMO generated data" },
  disclosure: "person-counts",
})

const members = ["GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"] as const

/** The demo periods: the quarters of 2024. */
export const demoPeriods = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] as const

const csvOfEvents = (): string => {
  const rows: Array<string> = [Template.header]
  testBsns.forEach((bsn, i) => {
    rows.push(`${bsn},allocation-granted,2024-0${(i % 9) + 1}-15,${members[i % members.length] ?? "GM0402"}`)
  })
  rows.push("123456789,allocation-granted,2024-02-30,GM9999")
  return `${rows.join("\n")}\n`
}

/** Loads the reference plans and the demo data; returns what was loaded. */
export const load = Effect.gen(function* () {
  const plans = yield* PlanRepository.PlanRepository
  const deliveries = yield* DeliveryRepository.DeliveryRepository
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
  for (const d of DomainDemo.decisions) yield* plans.put(PlanEntities.decision, d)
  for (const p of programmes) yield* plans.put(PlanEntities.programme, p)
  for (const p of [...partners, ...DomainDemo.partners, demoPartner]) yield* plans.put(PlanEntities.partner, p)
  for (const i of [...DomainDemo.indicators, demoIndicator]) yield* plans.put(PlanEntities.indicator(plan2022.id), i)
  for (const g of DomainDemo.goals) yield* plans.put(PlanEntities.goal(plan2022.id), g)
  for (const a of DomainDemo.actions) yield* plans.put(PlanEntities.action(plan2022.id), a)
  for (const t of DomainDemo.targets) yield* plans.put(PlanEntities.target(plan2022.id), t)
  yield* plans.put(PlanEntities.budget, { plan: plan2022.id, lines: DomainDemo.budget, key: DomainDemo.costKey(2022) })

  // Person events from test BSNs, through the template adapter with the demo secret.
  const csv = csvOfEvents()
  const hash = createHash("sha256").update(csv).digest("hex")
  const rejections: Array<Delivery.Rejection> = []
  const records: Array<Delivery.AcceptedRecord> = []
  yield* Summary.run(Template.adapter, Source.bytes("DEMO-voorbeeldgegevens.csv", csv), {
    onItem: (item) =>
      Effect.sync(() => (item._tag === "Accepted" ? records.push(item.record) : rejections.push(item.rejection))),
  }).pipe(Effect.provide(Pseudonymiser.Pseudonymiser.layer(demoSecret)), Effect.orDie)
  const events = yield* deliveries.store({
    header: new Delivery.DeliveryHeader({
      partner: demoPartner.id,
      adapter: Delivery.DeliveryHeader.fields.adapter.make("template-csv"),
      sourceHash: Delivery.DeliveryHeader.fields.sourceHash.make(hash),
      sourceName: "DEMO-voorbeeldgegevens.csv",
      receivedOn: Delivery.DeliveryHeader.fields.receivedOn.make("2024-10-01"),
    }),
    records: Stream.fromIterable(records),
    rejections,
    actor: "cli:demo",
    purpose: "loading labelled demo data",
  })

  // Aggregated demo observations: one per member × quarter, with some small counts that disclosure suppresses.
  const observations = members.flatMap((m, i) =>
    demoPeriods.map(
      (p, j) =>
        new Observation.Observation({
          indicator: demoIndicator.id,
          area: Observation.Observation.fields.area.make(m),
          period: Observation.Observation.fields.period.make(p),
          value: ((i * 7 + j * 5) % 23) + (i === 2 ? 3 : 12),
          source: Delivery.DeliveryHeader.fields.adapter.make("demo"),
        }),
    ),
  )
  const obsHash = createHash("sha256")
    .update(JSON.stringify(Schema.encodeSync(Schema.Array(Observation.Observation))(observations)))
    .digest("hex")
  const figures = yield* deliveries.store({
    header: new Delivery.DeliveryHeader({
      partner: demoPartner.id,
      adapter: Delivery.DeliveryHeader.fields.adapter.make("demo"),
      sourceHash: Delivery.DeliveryHeader.fields.sourceHash.make(obsHash),
      sourceName: "DEMO-cijfers-2024.json",
      receivedOn: Delivery.DeliveryHeader.fields.receivedOn.make("2025-01-15"),
    }),
    records: Stream.fromIterable(observations),
    rejections: [],
    actor: "cli:demo",
    purpose: "loading labelled demo data",
  })
  // The domain's invented figures per municipality and period, delivered as one labelled demo delivery.
  const domainFigures = yield* deliveries.store({
    header: new Delivery.DeliveryHeader({
      partner: demoPartner.id,
      adapter: Delivery.DeliveryHeader.fields.adapter.make("demo"),
      sourceHash: Delivery.DeliveryHeader.fields.sourceHash.make(
        createHash("sha256")
          .update(JSON.stringify(Schema.encodeSync(Schema.Array(Observation.Observation))(DomainDemo.observations)))
          .digest("hex"),
      ),
      sourceName: "DEMO-cijfers-gemeenten.json",
      receivedOn: Delivery.DeliveryHeader.fields.receivedOn.make("2025-01-15"),
    }),
    records: Stream.fromIterable(DomainDemo.observations),
    rejections: [],
    actor: "cli:demo",
    purpose: "loading labelled demo data",
  })
  return {
    plans: 2,
    programmes: programmes.length,
    partners: partners.length + 1,
    municipalities: municipalities.length,
    deliveries: [events, figures, domainFigures],
  }
})

/** Keeps the demo's layer needs visible to callers. */
export type Requirements = PlanRepository.PlanRepository | DeliveryRepository.DeliveryRepository | Environment.Services

/** The demo secret as a layer, for tests that read the demo pseudonyms. */
export const demoPseudonymiser = Pseudonymiser.Pseudonymiser.layer(demoSecret).pipe(Layer.orDie)
