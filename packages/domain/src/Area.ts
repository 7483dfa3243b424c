/**
 * Areas that figures are about: a municipality (CBS `GM0402`), the whole country (`NL01`), or another CBS region
 * such as a veiligheidsregio (`VR14`), COROP area (`CR24`) or GGD region (`GG3606`). Baken's own region totals are
 * computed, never stored as an area.
 */
import { Schema } from "effect"
import type { MunicipalityCode } from "./Ids.js"

/** A CBS region code: `GM0402`, `NL01`, `VR14`, `CR24`, `GG3606`, … */
export const AreaCode = Schema.String.check(
  Schema.isPattern(/^(NL01|GM\d{4}|(?!GM)[A-Z]{2}\d{2,4})$/, {
    message: "expected a CBS region code like GM0402, NL01, VR14 or CR24",
  }),
).pipe(Schema.brand("AreaCode"))
export type AreaCode = typeof AreaCode.Type

/** The code CBS uses for the Netherlands as a whole, the benchmark area. */
export const netherlands: AreaCode = AreaCode.make("NL01")

/** Whether an area code names a municipality. */
export const isMunicipality = (area: AreaCode): boolean => area.startsWith("GM")

/** The area of a municipality: its CBS code, read as an area code. */
export const ofMunicipality = (code: MunicipalityCode): AreaCode => AreaCode.make(code)
