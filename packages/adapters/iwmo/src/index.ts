/**
 * @baken/adapter-iwmo — the Baken adapter for iWmo 3.2 messages between municipalities and Wmo providers: it
 * validates them against the official schemas and the plan's rules, pseudonymises the BSN, and emits person events
 * for Bescherming en Opvang and counts and spending per municipality, category and month.
 */

/** The indicator ids the adapter emits; they live in the domain's vocabulary, re-exported here. */
/** WMO020's product categories; they live in the domain's vocabulary, re-exported here. */
export { IwmoIndicator as Indicator, IwmoProductCategory as ProductCategory } from "@baken/domain"
export * as IwmoAdapter from "./IwmoAdapter.js"
export { adapter as iwmoAdapter } from "./IwmoAdapter.js"
export * as MessageReader from "./MessageReader.js"
export * as Municipality from "./Municipality.js"
export * as Sample from "./Sample.js"
export * as SchemaModel from "./SchemaModel.js"
export * as Totals from "./Totals.js"
