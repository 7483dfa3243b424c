import { CalendarDate, Disclosure, Membership, Region } from "@baken/domain"
import { Schema } from "effect"

const memberships = [{ municipality: "GM0402" }, { municipality: "GM0457", until: "2022-03-23" }] // Weesp: until 23/3
const region = Schema.decodeUnknownSync(Region.Region)({ id: "voorbeeld", name: "Voorbeeld", areas: [], memberships })
console.log(Membership.membersOn(region, CalendarDate.CalendarDate.make("2022-03-24"))) // Weesp has left
const counts = [[4], [57], [23]] // Blaricum, Hilversum, Huizen in 2023
const table = new Disclosure.CountTable({ rows: ["Blaricum", "Hilversum", "Huizen"], columns: ["2023"], counts })
console.log(Disclosure.protect(table).cells.map(([c]) => (c?._tag === "Shown" ? c.value : "x")))
