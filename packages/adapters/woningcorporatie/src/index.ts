/**
 * @baken/adapter-woningcorporatie — the woningcorporatie delivery format (rent arrears, eviction notices and
 * evictions per municipality and month, CSV version 1) and its adapter.
 */

export * as WoningcorporatieAdapter from "./WoningcorporatieAdapter.js"
export * as WoningcorporatieFormat from "./WoningcorporatieFormat.js"
