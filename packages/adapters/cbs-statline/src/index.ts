/**
 * @baken/adapter-cbs-statline — CBS StatLine for Baken: population (70072ned, 03759ned), Wmo clients (85043NED) and
 * Veilig Thuis figures (84848NED) from OData v3 and v4, as observations per area and period. Pulls live with paging
 * and retry (`CbsAdapter.pull`) or reads saved pages as a kit adapter (`CbsAdapter.adapter`).
 */

export * as CbsAdapter from "./CbsAdapter.js"
export * as Client from "./Client.js"
export * as JsonPage from "./JsonPage.js"
export * as Page from "./Page.js"
export * as Row from "./Row.js"
export * as Table from "./Table.js"
