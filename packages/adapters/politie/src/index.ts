/**
 * @baken/adapter-politie — the politie delivery format (E33 incidents per municipality and month, CSV version 1) and
 * its adapter.
 */

export * as PolitieAdapter from "./PolitieAdapter.js"
export * as PolitieFormat from "./PolitieFormat.js"
