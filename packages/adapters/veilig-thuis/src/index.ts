/**
 * @baken/adapter-veilig-thuis — the Veilig Thuis delivery format (half-yearly Beleidsinformatie per municipality,
 * CSV version 1) and its adapter.
 */

export * as VeiligThuisAdapter from "./VeiligThuisAdapter.js"
export * as VeiligThuisFormat from "./VeiligThuisFormat.js"
