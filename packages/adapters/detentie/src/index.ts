/**
 * @baken/adapter-detentie — detention notices (begin and end of detention, from DJI via the municipality's aftercare
 * team) in the versioned CSV format `detentie-csv-1`, and its adapter, which pseudonymises every BSN at the edge.
 */

export * as DetentieAdapter from "./DetentieAdapter.js"
export * as DetentieFormat from "./DetentieFormat.js"
export { type Row as DetentionRow, writeDetentionCsv } from "./Sample.js"
