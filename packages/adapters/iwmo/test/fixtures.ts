// iWmo 3.2 test messages: the builders live in src/Sample.ts (shared with the benchmark and the registry's samples);
// here every message kind, valid and invalid, by file name.
import {
  declaration,
  startMessage,
  stopMessage,
  wmo301,
  wmo305,
  wmo307,
  wmo315,
  wmo317,
  wmo319,
  wmo323,
} from "../src/Sample.js"

export * from "../src/Sample.js"

/** Every valid fixture, by file name: each message kind, B&O and other categories. */
export const valid = (): Record<string, string> => ({
  "wmo301-beschermd-wonen.xml": wmo301(),
  "wmo301-twee-producten.xml": wmo301({
    products: [
      { nummer: "2001", category: "16", eind: "2024-12-31" },
      { nummer: "2002", category: "02" },
    ],
  }),
  "wmo305-opvang.xml": wmo305(),
  "wmo305-hulp-bij-huishouden.xml": wmo305({ category: "01" }),
  "wmo305-zonder-product.xml": wmo305({ category: undefined }),
  "wmo307-beschermd-wonen.xml": wmo307(),
  "wmo305-twee-toewijzingen-gecorrigeerd.xml": startMessage({
    bsn: "999900122",
    municipality: "0376",
    provider: "87654321",
    toewijzingNummer: 999999999,
    category: "17",
    begin: "2024-02-10",
    status: "2",
    more: [{ toewijzingNummer: "0", category: "15", toewijzingIngangsdatum: "2024-02-01", begin: "2024-02-11" }],
  }),
  "wmo305-zonder-toewijzingnummer.xml": startMessage({
    bsn: "999900134",
    municipality: "0402",
    provider: "12345678",
    category: "18",
    begin: "2024-01-31",
  }),
  "wmo307-verwijderd.xml": stopMessage({
    bsn: "999900122",
    municipality: "0376",
    provider: "87654321",
    toewijzingNummer: 4711,
    category: "16",
    begin: "2024-02-10",
    end: "2024-02-29",
    reden: "22",
    status: "3",
    more: [{ category: "15", begin: "2024-02-11", end: "2024-02-11", reden: "21" }],
  }),
  "wmo315-spoedopvang.xml": wmo315(),
  "wmo317-overige.xml": wmo317(),
  "wmo319-antwoord.xml": wmo319(),
  "wmo323-declaratie.xml": declaration(),
})

/** Every invalid fixture, by file name, with the rule it must break. */
export const invalid = (): Record<string, { xml: string | Uint8Array; rule: string; code?: string }> => ({
  "bsn-elfproef.xml": { xml: wmo305({ bsn: "999900007" }), rule: "bsn-eleven-test" },
  "bsn-acht-cijfers.xml": { xml: wmo305({ bsn: "99990000" }), rule: "bsn-format", code: "0001" },
  "onbekende-gemeente.xml": {
    xml: wmo305({ header: { ontvanger: "0999" } }),
    rule: "unknown-municipality",
    code: "S300",
  },
  "afzender-agb-in-301.xml": { xml: wmo301({ header: { afzender: "12345678" } }), rule: "party-kind", code: "0001" },
  "ontvanger-gemeente-in-305.xml": {
    xml: wmo305({ header: { ontvanger: "12345678" } }),
    rule: "party-kind",
    code: "0001",
  },
  "onbekende-categorie.xml": { xml: wmo305({ category: "2" }), rule: "product-category", code: "0001" },
  "categorie-buiten-wmo020.xml": {
    xml: wmo323([{ bsn: "999900067", category: "19", cents: 1 }]),
    rule: "product-category",
    code: "0001",
  },
  "stop-voor-start.xml": { xml: wmo307({ begin: "2024-03-01", end: "2024-02-01" }), rule: "date-order" },
  "start-voor-toewijzing.xml": { xml: wmo305({ begin: "2024-01-01" }), rule: "date-order" },
  "wijziging-eind-voor-ingang.xml": { xml: wmo317({ gewenst: "2024-05-01", eind: "2024-04-01" }), rule: "date-order" },
  "toewijzing-dubbel-nummer.xml": {
    xml: wmo301({
      products: [
        { nummer: "7", category: "15" },
        { nummer: "7", category: "16" },
      ],
    }),
    rule: "toewijzingnummer-unique",
    code: "9332",
  },
  "toewijzing-eind-voor-ingang.xml": {
    xml: wmo301({ products: [{ nummer: "8", category: "15", ingang: "2024-05-01", eind: "2024-04-30" }] }),
    rule: "date-order",
  },
  "antwoord-onbekend.xml": { xml: wmo319({ antwoord: "7" }), rule: "xsd-enumeration", code: "0001" },
  "declaratie-periode.xml": {
    xml: wmo323([{ bsn: "999900067", category: "15", from: "2024-01-15", to: "2024-02-10", cents: 100 }]),
    rule: "productperiode-in-declaratieperiode",
    code: "9319",
  },
  "declaratie-totaal.xml": {
    xml: wmo323([{ bsn: "999900067", category: "15", cents: 100 }], { total: 999 }),
    rule: "declaratie-totaal",
  },
  "dagtekening-toekomst.xml": {
    xml: wmo305({ header: { dagtekening: "2999-01-01" } }),
    rule: "dagtekening-in-future",
    code: "8848",
  },
  "iwmo-3-1.xml": { xml: wmo305({ header: { version: "3_1" } }), rule: "unsupported-version", code: "0001" },
  "vreemde-namespace.xml": {
    xml: `<?xml version="1.0" encoding="UTF-8"?><Bericht xmlns="urn:example:other"><Header/></Bericht>`,
    rule: "unknown-message",
    code: "0001",
  },
  "ontbrekend-element.xml": {
    xml: wmo305().replace(/<wmo305:Geslacht>0<\/wmo305:Geslacht>/, ""),
    rule: "missing-element",
    code: "0001",
  },
  "onverwacht-element.xml": {
    xml: wmo305().replace("</wmo305:StartProducten>", "</wmo305:StartProducten><wmo305:Extra>x</wmo305:Extra>"),
    rule: "unexpected-element",
    code: "0001",
  },
  "verkeerde-berichtcode.xml": { xml: wmo305({ header: { berichtCode: "414" } }), rule: "xsd-pattern", code: "0001" },
  "malformed.xml": {
    xml: wmo305().replace("</wmo305:Client>", "</wmo305:Klant>"),
    rule: "malformed-xml",
    code: "0001",
  },
  "afgebroken.xml": { xml: wmo305().slice(0, 900), rule: "malformed-xml", code: "0001" },
  "geen-xml.xml": {
    xml: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    rule: "not-utf8",
    code: "0001",
  },
  "tekst.xml": { xml: "Dit is geen XML maar een briefje.\n", rule: "malformed-xml", code: "0001" },
  "leeg.xml": { xml: "", rule: "malformed-xml", code: "0001" },
  "verkeerde-namespace-element.xml": {
    xml: wmo305().replace("<iwmo:Datum>1980-01-01</iwmo:Datum>", "<wmo305:Datum>1980-01-01</wmo305:Datum>"),
    rule: "wrong-namespace",
    code: "0001",
  },
})
