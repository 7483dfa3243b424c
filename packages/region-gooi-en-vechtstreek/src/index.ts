/**
 * @baken/region-gooi-en-vechtstreek — Regio Gooi en Vechtstreek as a region definition: the seven municipalities
 * (and those that merged away) with their CBS codes and membership dates, the plans 2017-2020 and 2022-2025 with their
 * programmes, the partners the sources name, the kenmerk numbering `21.0008702` and the wording of its letters. The
 * data is `gooi-en-vechtstreek.json` (also at `@baken/region-gooi-en-vechtstreek/region.json`); this module decodes it
 * with `RegionDefinition` from `@baken/domain`, so a Baken server serves it exactly as it serves any other region's
 * file (`baken serve --region <file>`).
 */
import { RegionDefinition } from "@baken/domain"
import { Result } from "effect"
import document from "./gooi-en-vechtstreek.json" with { type: "json" }

/** The definition as a JSON document, as shipped. */
export const json: unknown = document

const decoded = RegionDefinition.decode(document, "@baken/region-gooi-en-vechtstreek/region.json")
if (Result.isFailure(decoded)) throw new Error(decoded.failure.message)

/** Regio Gooi en Vechtstreek, decoded. */
export const definition: RegionDefinition.Definition = decoded.success
