/**
 * @baken/adapter-kit — the contract every Baken partner adapter implements: byte sources (file, folder, zip, stream),
 * a stream of accepted records and located rejections, the BSN pseudonymiser, delivery summaries, and a template
 * adapter to start from. The conformance suite lives at `@baken/adapter-kit/testing`.
 */

// The main types under plain names as well, so that declarations inferred in other packages can name them.
/** The adapter contract (same as `Adapter.Adapter`). */
export type { Adapter as AdapterContract } from "./Adapter.js"
export * as Adapter from "./Adapter.js"
export { defineAdapter } from "./Adapter.js"
export * as Bsn from "./Bsn.js"
/** An item of an adapter's stream (same as `Item.Item`). */
export type { Item as AdapterItem } from "./Item.js"
export * as Item from "./Item.js"
export * as Lines from "./Lines.js"
export * as Oprf from "./Oprf.js"
export * as Placeholder from "./Placeholder.js"
export * as Pseudonymiser from "./Pseudonymiser.js"
/** The pseudonymiser service (same as `Pseudonymiser.Pseudonymiser`). */
export { Pseudonymiser as PseudonymiserService } from "./Pseudonymiser.js"
export * as Registry from "./Registry.js"
export * as Scaffold from "./Scaffold.js"
export * as Source from "./Source.js"
/** A delivery's bytes (same as `Source.Source`), and why they could not be read (same as `Source.SourceError`). */
export { type Source as DeliverySource, SourceError } from "./Source.js"
export * as Summary from "./Summary.js"
export * as Template from "./Template.js"
