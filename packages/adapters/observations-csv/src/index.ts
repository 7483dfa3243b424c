/**
 * @baken/adapter-observations-csv — the generic observations CSV (`indicator;municipality;period;value`, version 1):
 * its format, its adapter, and the writer the API exports with, so that an export reads back unchanged.
 */

export * as ObservationsAdapter from "./ObservationsAdapter.js"
export * as ObservationsCsv from "./ObservationsCsv.js"
export * as ObservationsFormat from "./ObservationsFormat.js"
