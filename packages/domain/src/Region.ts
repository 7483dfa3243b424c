/**
 * A region: municipalities that pool governance, policy and money for a plan (for Gooi en Vechtstreek, the joint
 * arrangement Regio Gooi en Vechtstreek). It holds its membership intervals, the CBS areas that cover it, and its
 * centrumgemeente for beschermd wonen and maatschappelijke opvang when one is known.
 */
import { Schema } from "effect"
import { AreaCode } from "./Area.js"
import { MunicipalityCode, RegionId } from "./Ids.js"
import * as Membership from "./Membership.js"

/** A region with its members over time. No municipality may have two memberships that share a day. */
export class Region extends Schema.Class<Region>("Region")(
  Schema.Struct({
    id: RegionId,
    name: Schema.String.check(Schema.isNonEmpty({ message: "expected the region's name" })),
    /** Where the joint arrangement has its seat, e.g. Bussum. */
    seat: Schema.optionalKey(Schema.String),
    /** CBS areas covering the region, e.g. COROP `CR24`, veiligheidsregio `VR14`, GGD region `GG3606`. */
    areas: Schema.Array(AreaCode),
    /** The centrumgemeente for beschermd wonen and maatschappelijke opvang, when the sources confirm it. */
    centrumgemeente: Schema.optionalKey(MunicipalityCode),
    memberships: Schema.Array(Membership.Membership),
  }).check(
    Schema.makeFilter((r) => {
      const pair = Membership.overlapping(r.memberships)[0]
      return pair === undefined || `${pair[0].municipality} has two memberships that share a day`
    }),
  ),
) {}

/** Every municipality that was ever a member of `region`, sorted by code. */
export const everMembers = (region: Region): ReadonlyArray<MunicipalityCode> =>
  [...new Set(region.memberships.map((m) => m.municipality))].sort()
