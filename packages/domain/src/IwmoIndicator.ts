/**
 * The indicator ids the iWmo adapter's observations use, in the domain's vocabulary so that the API (the budget's
 * declared spending) and the adapter name them from one place. Counts exist for every product category (so totals stay
 * honest even for categories that are not followed per person); spending is in euro cents, net of credits.
 *
 * | id | message | value | period (month of) |
 * | --- | --- | --- | --- |
 * | `iwmo-toewijzingen-cat-NN` | 301 | allocated products | Toewijzingsdatum |
 * | `iwmo-starts-cat-NN` | 305 | started products | Begindatum |
 * | `iwmo-stops-cat-NN` | 307 | stopped products | Einddatum |
 * | `iwmo-verzoeken-toewijzing-cat-NN` | 315 | requested products | Dagtekening |
 * | `iwmo-verzoeken-wijziging-cat-NN` | 317 | products asked to change or add | Dagtekening |
 * | `iwmo-antwoorden-N` | 319 | answers with VerzoekAntwoord N (1 toegekend, 2 in onderzoek) | Dagtekening |
 * | `iwmo-declaratie-bedrag-cat-NN` | 323 | declared euro cents, debet minus credit | ProductPeriode Begindatum |
 *
 * `NN` is the WMO020 category, or `onbekend` when the message names no product.
 */

import * as Ids from "./Ids.js"

/** The message kinds that are counted per product category. */
export type CountedMessage = "301" | "305" | "307" | "315" | "317"

const countPrefix: Record<CountedMessage, string> = {
  "301": "iwmo-toewijzingen-cat-",
  "305": "iwmo-starts-cat-",
  "307": "iwmo-stops-cat-",
  "315": "iwmo-verzoeken-toewijzing-cat-",
  "317": "iwmo-verzoeken-wijziging-cat-",
}

const made = new Map<string, Ids.IndicatorId>()

// Ids are few and used per product: validate each once.
const make = (id: string): Ids.IndicatorId => {
  let indicator = made.get(id)
  if (indicator === undefined) {
    indicator = Ids.IndicatorId.make(id)
    made.set(id, indicator)
  }
  return indicator
}

/** The count indicator of a message kind and product category. */
export const count = (message: CountedMessage, category: string): Ids.IndicatorId =>
  make(`${countPrefix[message]}${category}`)

/** The indicator counting WMO319 answers of one kind. */
export const answers = (verzoekAntwoord: string): Ids.IndicatorId => make(`iwmo-antwoorden-${verzoekAntwoord}`)

/** The indicator of declared spending (euro cents) in a product category. */
export const declared = (category: string): Ids.IndicatorId => make(`iwmo-declaratie-bedrag-cat-${category}`)
