/**
 * @baken/adapter-csv — the CSV engine behind Baken's partner delivery formats: formats as data (columns, types, code
 * lists, version), a streaming intake on csv-parse with header checks and per-row located rejections, file-signature
 * and encoding checks, region and plan scope checks, a writer for the same dialect, and an intake benchmark.
 */

/** The writer of this CSV dialect; it lives in the domain (the API's export uses it), re-exported here. */
export { CsvWriter as Writer } from "@baken/domain"
export * as Benchmark from "./Benchmark.js"
export * as Column from "./Column.js"
export * as CsvAdapter from "./CsvAdapter.js"
export * as Format from "./Format.js"
export * as Header from "./Header.js"
export * as Intake from "./Intake.js"
export * as Parser from "./Parser.js"
export * as Records from "./Records.js"
export * as Scope from "./Scope.js"
export * as Signature from "./Signature.js"
