/**
 * @baken/region-gooi-en-vechtstreek/reference — Gooi en Vechtstreek as data: the region and its municipalities with
 * membership dates, both plans with their programmes, the task areas, linked domains, partner kinds and the partners
 * the sources name, the lifecycle steps the sources record and the letter of 23 December 2021. Only what the sources
 * say; every fact carries its source's words (`facts`). Example data that is not in the sources lives in
 * `@baken/region-gooi-en-vechtstreek/demo`.
 */

export * from "./partners.js"
export * from "./plans.js"
export * from "./region.js"
export * from "./sources.js"
export * from "./vocabulary.js"
