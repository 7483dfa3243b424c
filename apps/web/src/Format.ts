/**
 * How the dashboard writes dates, numbers, money and shares for Dutch readers: "16 december 2021", "1.234",
 * "€ 42.000.000,00", "64%". One place, so pages, tables and letters agree; dates, money and percentages are written
 * by `@baken/domain` (`CouncilLetter.formatDate`, `Budget.formatEuro`, `Progress.percent`), like its letters.
 */
import { Budget, CouncilLetter, Progress } from "@baken/domain"
import { Cents, isDay } from "./DomainSchemas.js"

/** An ISO calendar date (`2021-12-16`) written the Dutch way: `16 december 2021`; anything else as it is. */
export const date = (iso: string): string => (isDay(iso) ? CouncilLetter.formatDate(iso) : iso)

const numberFormat = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 })

/** A number with Dutch separators: `1.234,5`. */
export const number = (n: number): string => numberFormat.format(n)

/** An amount of euro cents in euros, to the cent: `€ 42.000.000,37`. */
export const euro = (cents: number): string => Budget.formatEuro(Cents.make(Math.round(cents)))

/** A share from 0 to 1 as a whole percentage, or `onbekend`. */
export const percent = (share: number | null): string => Progress.percent(share)

const dateTimeFormat = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Amsterdam",
})

const shortFormat = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "Europe/Amsterdam",
})

/**
 * An instant of the last day or so, briefly, for a table with several of them in a row: `6 dec. 10:30` (Amsterdam
 * time, no year). Anything that is no instant as it is.
 */
export const shortDateTime = (iso: string): string => {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const part = (type: string) => shortFormat.formatToParts(d).find((p) => p.type === type)?.value ?? ""
  const month = part("month").replace(/\.$/, "")
  return `${part("day")} ${month === "mei" ? month : `${month}.`} ${part("hour")}:${part("minute")}`
}

/** An instant (`2026-12-06T09:30:00.000Z`) as Dutch readers in the region see it: `6 december 2026 om 10:30`. */
export const dateTime = (iso: string): string => {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d).replace(",", " om")
}
