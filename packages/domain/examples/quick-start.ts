import { Aggregation, CalendarDate, Disclosure, Membership } from "@baken/domain"
import { indicators, observations } from "@baken/domain/demo"
import { gooiEnVechtstreek as region } from "@baken/domain/reference"

console.log(Membership.membersOn(region, CalendarDate.CalendarDate.make("2022-03-24")).length) // 7: Weesp has left
const figures = Aggregation.aggregateAll(region, indicators, observations)
const inflow = figures.find((f) => f.indicator === "bw-instroom" && f.period === "2022")
console.log(inflow?.excluded.map((e) => `${e.area}: ${e.reason}`)) // Weesp's 2022 figures are set aside
const counts = [[4], [57], [23]] // Blaricum, Hilversum, Huizen in 2023
const table = new Disclosure.CountTable({ rows: ["Blaricum", "Hilversum", "Huizen"], columns: ["2023"], counts })
console.log(Disclosure.protect(table).cells.map(([c]) => (c?._tag === "Shown" ? c.value : "x")))
