/**
 * @baken/adapter-observations-csv — the generic observations CSV (`indicator;gemeente;periode;waarde`, version 1):
 * its format, its adapter, and (re-exported from `@baken/domain`) the writer the API exports with, so that an export
 * reads back unchanged.
 */

/** The writer of the format; it lives in the domain (the API's export uses it), re-exported here. */
export { ObservationsCsv } from "@baken/domain"
export * as ObservationsAdapter from "./ObservationsAdapter.js"
export * as ObservationsFormat from "./ObservationsFormat.js"
