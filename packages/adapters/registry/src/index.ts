/**
 * @baken/adapter-registry — the one list of adapters a Baken server, the `baken` CLI and the dashboard offer.
 */

export * as Histories from "./Histories.js"
export * as AdapterRegistry from "./Registry.js"
export { entries as registry, forScope as registryFor } from "./Registry.js"
export * as Samples from "./Samples.js"
