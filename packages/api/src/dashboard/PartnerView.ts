/**
 * A partner's deliveries as the dashboard shows them: stored deliveries newest first with their counts and periods,
 * a delivered file's job with its status and located rejections, and what each adapter reads, in Dutch.
 */
import type { Delivery } from "@baken/domain"
import type { DeliveryRepository } from "@baken/store"
import type { AdapterView, DeliveryView, RejectionView } from "./Views.js"

const sum = (counts: { readonly [kind: string]: number }): number => Object.values(counts).reduce((a, b) => a + b, 0)

/** The records of a delivery summary, accepted and rejected. */
export const totals = (summary: typeof Delivery.Summary.Encoded) => ({
  accepted: sum(summary.accepted),
  rejected: sum(summary.rejected),
})

/** The periods a delivery covers, as one label: `2024-Q1` or `2024-Q1 – 2024-Q4`. */
export const periodLabel = (summary: {
  readonly periodFrom?: string | undefined
  readonly periodTo?: string | undefined
}) =>
  summary.periodFrom === undefined || summary.periodFrom === summary.periodTo
    ? (summary.periodTo ?? "")
    : `${summary.periodFrom} – ${summary.periodTo ?? ""}`

/** A stored delivery. */
export const deliveryView = (d: DeliveryRepository.StoredDelivery): DeliveryView => ({
  id: d.header.sourceHash,
  adapter: d.header.adapter,
  fileName: d.header.sourceName,
  receivedAt: d.header.receivedOn,
  period: periodLabel(d.summary),
  ...totals(d.summary as typeof Delivery.Summary.Encoded),
})

/** A rejected record with where it sits and why. */
export const rejectionView = (delivery: string, r: typeof Delivery.Rejection.Encoded): RejectionView => ({
  delivery,
  location: {
    file: r.location.file,
    line: r.location.line ?? null,
    field: r.field ?? null,
    element: r.location.path ?? r.location.message ?? null,
    column: r.location.column ?? null,
  },
  rule: r.rule,
  message: r.message.nl,
})

/** An adapter as the delivery form offers it: its Dutch name, what it reads and the file name endings. */
export const adapterView = (a: {
  readonly id: string
  readonly name: string
  readonly formats: ReadonlyArray<{ readonly description: string; readonly extensions: ReadonlyArray<string> }>
}): AdapterView => ({
  id: a.id,
  name: a.name,
  accepts: a.formats.map((f) => f.description.replace(/\.$/, "")).join("; "),
  extensions: [...new Set(a.formats.flatMap((f) => f.extensions))],
})
