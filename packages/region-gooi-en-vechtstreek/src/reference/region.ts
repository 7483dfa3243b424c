/**
 * Gooi en Vechtstreek: the region, its municipalities (with the three that formed Gooise Meren and Amsterdam, which
 * Weesp joined) and their membership intervals. Membership starts are left open where the sources give none.
 */
import { AreaCode } from "@baken/domain/Area"
import { CalendarDate } from "@baken/domain/CalendarDate"
import { MunicipalityCode, RegionId } from "@baken/domain/Ids"
import { Membership } from "@baken/domain/Membership"
import { Municipality, type Province, Succession } from "@baken/domain/Municipality"
import { Region } from "@baken/domain/Region"

const code = MunicipalityCode.make
const date = CalendarDate.make

const municipality = (c: string, name: string, province: Province, succeededBy?: Succession) =>
  new Municipality({ code: code(c), name, province, ...(succeededBy === undefined ? {} : { succeededBy }) })

/** Blaricum, `GM0376`. */
export const blaricum = municipality("GM0376", "Blaricum", "Noord-Holland")
/** Eemnes, `GM0317`, in the province of Utrecht. */
export const eemnes = municipality("GM0317", "Eemnes", "Utrecht")
/** Gooise Meren, `GM1942`, since 1 January 2016. */
export const gooiseMeren = municipality("GM1942", "Gooise Meren", "Noord-Holland")
/** Hilversum, `GM0402`. */
export const hilversum = municipality("GM0402", "Hilversum", "Noord-Holland")
/** Huizen, `GM0406`. */
export const huizen = municipality("GM0406", "Huizen", "Noord-Holland")
/** Laren, `GM0417`. */
export const laren = municipality("GM0417", "Laren", "Noord-Holland")
/** Wijdemeren, `GM1696`. */
export const wijdemeren = municipality("GM1696", "Wijdemeren", "Noord-Holland")
/** Weesp, `GM0457`, merged into Amsterdam on 24 March 2022. */
export const weesp = municipality(
  "GM0457",
  "Weesp",
  "Noord-Holland",
  new Succession({ successor: code("GM0363"), on: date("2022-03-24") }),
)
/** Bussum, `GM0381`, part of Gooise Meren since 1 January 2016. */
export const bussum = municipality(
  "GM0381",
  "Bussum",
  "Noord-Holland",
  new Succession({ successor: gooiseMeren.code, on: date("2016-01-01") }),
)
/** Naarden, `GM0425`, part of Gooise Meren since 1 January 2016. */
export const naarden = municipality(
  "GM0425",
  "Naarden",
  "Noord-Holland",
  new Succession({ successor: gooiseMeren.code, on: date("2016-01-01") }),
)
/** Muiden, `GM0424`, part of Gooise Meren since 1 January 2016. */
export const muiden = municipality(
  "GM0424",
  "Muiden",
  "Noord-Holland",
  new Succession({ successor: gooiseMeren.code, on: date("2016-01-01") }),
)
/** Amsterdam, `GM0363`: not a member; Weesp's successor. */
export const amsterdam = municipality("GM0363", "Amsterdam", "Noord-Holland")

/** The eight municipalities of the region in the plans' era (Weesp until 23 March 2022). */
export const members: ReadonlyArray<Municipality> = [
  blaricum,
  eemnes,
  gooiseMeren,
  hilversum,
  huizen,
  laren,
  wijdemeren,
  weesp,
]

/** Every municipality the reference data mentions, members and former members first, then Amsterdam. */
export const municipalities: ReadonlyArray<Municipality> = [...members, bussum, naarden, muiden, amsterdam]

const since = (m: Municipality, from?: string, until?: string) =>
  new Membership({
    municipality: m.code,
    ...(from === undefined ? {} : { from: date(from) }),
    ...(until === undefined ? {} : { until: date(until) }),
  })

/** Regio Gooi en Vechtstreek with its membership intervals. */
export const gooiEnVechtstreek = new Region({
  id: RegionId.make("gooi-en-vechtstreek"),
  name: "Regio Gooi en Vechtstreek",
  seat: "Bussum",
  areas: [AreaCode.make("CR24"), AreaCode.make("VR14"), AreaCode.make("GG3606")],
  memberships: [
    since(blaricum),
    since(eemnes),
    since(gooiseMeren, "2016-01-01"),
    since(hilversum),
    since(huizen),
    since(laren),
    since(wijdemeren),
    since(weesp, undefined, "2022-03-23"),
    since(bussum, undefined, "2015-12-31"),
    since(naarden, undefined, "2015-12-31"),
    since(muiden, undefined, "2015-12-31"),
  ],
})
