// The conformance suite's canaries in iWmo messages: a valid WMO301 that carries the generated person's BSN, name,
// birth date and address where iWmo has them (the adapter must pass on only the pseudonym), and broken messages with
// the person in them, each refused at the element that is wrong.
import type { Canary, PlantedFixture } from "@baken/adapter-kit/testing"
import { wmo301, wmo305 } from "./fixtures.js"

const enc = (s: string) => new TextEncoder().encode(s)

/** The client's data of a sample message replaced by the canary's: BSN, family name, birth date. */
const asCanary = (xml: string, c: Canary, bsn = c.bsn, birthDate = c.birthDate, familyName = c.familyName) =>
  xml
    .replace(/<(wmo\d{3}):Bsn>\d+<\/wmo\d{3}:Bsn>/, `<$1:Bsn>${bsn}</$1:Bsn>`)
    .replace("<iwmo:Datum>1980-01-01</iwmo:Datum>", `<iwmo:Datum>${birthDate}</iwmo:Datum>`)
    .replace("<iwmo:Achternaam>Testpersoon</iwmo:Achternaam>", `<iwmo:Achternaam>${familyName}</iwmo:Achternaam>`)

/** The canary's address as iWmo writes it in a WMO301's contact. */
const address = (c: Canary) =>
  `<wmo301:Contact><wmo301:Soort>01</wmo301:Soort><wmo301:Adres><iwmo:Huis><iwmo:Huisnummer>${c.houseNumber}</iwmo:Huisnummer></iwmo:Huis><iwmo:Postcode>${c.postcode.replace(" ", "")}</iwmo:Postcode><iwmo:Straatnaam>${c.street}</iwmo:Straatnaam><iwmo:Plaatsnaam>${c.city}</iwmo:Plaatsnaam></wmo301:Adres></wmo301:Contact>`

/** The canary in seven iWmo messages: two valid ones (two records each) and five refused at their wrong element. */
export const withPersonalData = (c: Canary): ReadonlyArray<PlantedFixture> => {
  const tag = c.bsn.slice(-3)
  const file = (name: string, xml: string, accepted: number, rejected: PlantedFixture["rejected"]) => ({
    name: `canary-${tag}-${name}.xml`,
    bytes: enc(xml),
    accepted,
    rejected,
  })
  const at = (kind: string, path: string) => [{ message: `${kind} B${kind.slice(3)}-0001`, path }]
  return [
    file(
      "toewijzing",
      asCanary(wmo301(), c).replace("<wmo301:Contact><wmo301:Soort>01</wmo301:Soort></wmo301:Contact>", address(c)),
      2,
      [],
    ),
    file("bsn-met-punten", asCanary(wmo305(), c, c.bsnWithDots), 0, at("WMO305", "/Bericht/Client/Bsn")),
    file("bsn-met-spaties", asCanary(wmo305(), c, c.bsnWithSpaces), 0, at("WMO305", "/Bericht/Client/Bsn")),
    file(
      "geboortedatum",
      asCanary(wmo305(), c, c.bsn, c.birthDateDutch),
      0,
      at("WMO305", "/Bericht/Client/Geboortedatum/Datum"),
    ),
    // A whole name and address in the family name is valid iWmo (up to 200 characters): read, never passed on.
    file("naam-en-adres", asCanary(wmo305(), c, c.bsn, c.birthDate, `${c.fullName}, ${c.address}`), 2, []),
    file(
      "naam-te-lang",
      asCanary(wmo305(), c, c.bsn, c.birthDate, `${c.fullName}, ${c.address}; `.repeat(8)),
      0,
      at("WMO305", "/Bericht/Client/Naam/Geslachtsnaam/Achternaam"),
    ),
    file("naam-als-gemeente", asCanary(wmo305({ header: { ontvanger: c.givenName } }), c), 0, [
      { path: "/Bericht/Header/Ontvanger" },
    ]),
    file("straat-als-agb", asCanary(wmo305({ header: { afzender: c.street } }), c), 0, [
      { path: "/Bericht/Header/Afzender" },
    ]),
  ]
}
