/**
 * Municipality codes as iWmo writes them (`0402`, four digits) and their CBS form (`GM0402`). The known codes are
 * the CBS municipal classification of 1 January 2026 (342 municipalities) from the iWmo 3.2 code list "CBS
 * Gemeentecodes"; a code outside it is refused with retourcode S300 (Gemeentecode ongeldig). When CBS publishes a new
 * classification, update this list.
 */

import { Ids, Municipality } from "@baken/domain"

/** The four-digit codes of the CBS municipal classification (the domain's list). */
export const known: ReadonlySet<string> = Municipality.currentGemeentecodes

/** Whether an iWmo municipality code names a municipality of the current CBS classification. */
export const isKnown = Municipality.isCurrentGemeentecode

/** The CBS code (`GM0402`) of an iWmo municipality code (`0402`). */
export const toCbs = (code: string): Ids.MunicipalityCode => Ids.MunicipalityCode.make(`GM${code}`)
