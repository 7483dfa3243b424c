/**
 * iWmo 3.2 sample messages, written from the XSDs: builders for every message kind (WMO301 toewijzing to WMO323
 * declaratie) and a WMO323 declaration of any size generated on the fly, in constant memory. Only test BSNs (9999…)
 * and made-up names and organisations; AGB code 12345678 is fictitious. The package's tests, its benchmark and the
 * demo deliveries of `@baken/adapter-registry` all build their messages here.
 */
const base = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
const ns = (n: string, version = "3_2") => `http://www.istandaarden.nl/iwmo/${version}/wmo${n}/schema`

const codes: Record<string, string> = {
  "301": "414",
  "305": "418",
  "307": "420",
  "315": "444",
  "317": "480",
  "319": "482",
  "323": "484",
}

/** Header fields a fixture may override. */
export interface HeaderOptions {
  readonly afzender?: string
  readonly ontvanger?: string
  readonly identificatie?: string
  readonly dagtekening?: string
  readonly version?: string
  readonly berichtCode?: string
}

const fromMunicipality = (n: string) => n === "301" || n === "319"

/** A whole message of kind `n` around a body (the elements after the Header). */
export const message = (n: string, body: string, h: HeaderOptions = {}): string => {
  const p = `wmo${n}`
  const afzender = h.afzender ?? (fromMunicipality(n) ? "0402" : "12345678")
  const ontvanger = h.ontvanger ?? (fromMunicipality(n) ? "12345678" : "0402")
  return `<?xml version="1.0" encoding="UTF-8"?>
<${p}:Bericht xmlns:iwmo="${base}" xmlns:${p}="${ns(n, h.version)}">
  <${p}:Header>
    <${p}:BerichtCode>${h.berichtCode ?? codes[n]}</${p}:BerichtCode>
    <${p}:BerichtVersie>3</${p}:BerichtVersie>
    <${p}:BerichtSubversie>2</${p}:BerichtSubversie>
    <${p}:Afzender>${afzender}</${p}:Afzender>
    <${p}:Ontvanger>${ontvanger}</${p}:Ontvanger>
    <${p}:BerichtIdentificatie>
      <iwmo:Identificatie>${h.identificatie ?? `B${n}-0001`}</iwmo:Identificatie>
      <iwmo:Dagtekening>${h.dagtekening ?? "2024-03-05"}</iwmo:Dagtekening>
    </${p}:BerichtIdentificatie>
    <${p}:XsdVersie>
      <iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>
      <iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie>
    </${p}:XsdVersie>
  </${p}:Header>
${body}
</${p}:Bericht>
`
}

const person = (p: string, bsn: string, full: boolean) => `    <${p}:Bsn>${bsn}</${p}:Bsn>
    <${p}:Geboortedatum><iwmo:Datum>1980-01-01</iwmo:Datum></${p}:Geboortedatum>
    <${p}:Geslacht>0</${p}:Geslacht>
    <${p}:Naam>
      <iwmo:Geslachtsnaam><iwmo:Achternaam>Testpersoon</iwmo:Achternaam></iwmo:Geslachtsnaam>
      <iwmo:Voorletters>T</iwmo:Voorletters>${full ? "\n      <iwmo:NaamGebruik>1</iwmo:NaamGebruik>" : ""}
    </${p}:Naam>`

const product = (category: string | undefined) =>
  category === undefined
    ? ""
    : `<Product><iwmo:Categorie>${category}</iwmo:Categorie><iwmo:Code>${category}A01</iwmo:Code></Product>`

/** A product line; `Product` is written in the message's prefix. */
const withPrefix = (p: string, xml: string) => xml.replace(/<(\/?)(?!iwmo:)([A-Z][A-Za-z]*)/g, `<$1${p}:$2`)

/** Options for the product-carrying messages. */
export interface ProductOptions {
  readonly bsn?: string
  readonly category?: string | undefined
  readonly header?: HeaderOptions
  /** The ToewijzingNummer of a WMO305 or WMO307 fixture; default 1001. */
  readonly toewijzingNummer?: number
}

/** WMO301 toewijzing with one or more allocated products. */
export const wmo301 = (
  o: ProductOptions & {
    readonly products?: ReadonlyArray<{ nummer: string; category?: string; ingang?: string; eind?: string }>
  } = {},
) => {
  const products = o.products ?? [{ nummer: "1001", category: o.category ?? "15" }]
  const lines = products
    .map(
      (x) => `      <ToegewezenProduct>
        <ToewijzingNummer>${x.nummer}</ToewijzingNummer>
        ${product(x.category)}
        <Toewijzingsdatum>2024-03-01</Toewijzingsdatum>
        <Toewijzingstijd>10:00:00</Toewijzingstijd>
        <Ingangsdatum>${x.ingang ?? "2024-03-04"}</Ingangsdatum>
        ${x.eind === undefined ? "" : `<Einddatum>${x.eind}</Einddatum>`}
      </ToegewezenProduct>`,
    )
    .join("\n")
  return message(
    "301",
    withPrefix(
      "wmo301",
      `  <Client>
${person("wmo301", o.bsn ?? "999900006", true)}
    <Contactgegevens><Contact><Soort>01</Soort></Contact></Contactgegevens>
    <ToegewezenProducten>
${lines}
    </ToegewezenProducten>
  </Client>`,
    ),
    o.header,
  )
}

/** The client, the parties and the message identity of a WMO305 start or WMO307 stop. */
export interface SupportMessage {
  /** The client's BSN (test BSNs only, 9999…); it never leaves the adapter unpseudonymised. */
  readonly bsn: string
  /** The municipality, as its 4-digit gemeentecode (`0402` for Hilversum): the Ontvanger. */
  readonly municipality: string
  /** The care provider's AGB code (8 digits): the Afzender. */
  readonly provider: string
  /** BerichtIdentificatie/Identificatie, at most 12 characters; default from the first product's number and status. */
  readonly identificatie?: string
  /** The Dagtekening; default the latest date in the message (a Dagtekening after today is rejected, 8848). */
  readonly dagtekening?: string
}

/** One StartProduct of a WMO305. */
export interface StartLine {
  /** The ToewijzingNummer (0-999999999); absent: the product carries none, and its event no allocation. */
  readonly toewijzingNummer?: string | number | undefined
  /** The WMO020 product category (`15`-`18` for B&O); absent: no Product element. */
  readonly category?: string | undefined
  /** ToewijzingIngangsdatum, at or before Begindatum; default Begindatum. */
  readonly toewijzingIngangsdatum?: string
  /** Begindatum: the day support started. */
  readonly begin: string
  /** StatusAanlevering: 1 eerste aanlevering (default), 2 gewijzigd, 3 verwijderd. */
  readonly status?: "1" | "2" | "3"
}

/** One StopProduct of a WMO307. */
export interface StopLine extends StartLine {
  /** Einddatum: the last day of support, at or after Begindatum. */
  readonly end: string
  /** RedenBeeindiging (code list: 02, 19-23, 31, 36-39); 19 is "levering volgens plan beëindigd". */
  readonly reden: string
}

const optional = (name: string, value: string | number | undefined) =>
  value === undefined ? "" : `\n        <${name}>${value}</${name}>`

const supportMessage = (
  n: "305" | "307",
  o: SupportMessage,
  lines: ReadonlyArray<StartLine & { readonly end?: string; readonly reden?: string }>,
  header: HeaderOptions,
): string => {
  const [group, item] = n === "305" ? ["StartProducten", "StartProduct"] : ["StopProducten", "StopProduct"]
  const first = lines[0]
  const dates = lines.flatMap((l) => [l.begin, ...(l.end === undefined ? [] : [l.end])]).sort()
  const products = lines
    .map(
      (l) => `      <${item}>${optional("ToewijzingNummer", l.toewijzingNummer)}
        ${product(l.category)}
        <ToewijzingIngangsdatum>${l.toewijzingIngangsdatum ?? l.begin}</ToewijzingIngangsdatum>
        <Begindatum>${l.begin}</Begindatum>${optional("RedenBeeindiging", l.reden)}${optional("Einddatum", l.end)}
        <StatusAanlevering>${l.status ?? "1"}</StatusAanlevering>
      </${item}>`,
    )
    .join("\n")
  return message(
    n,
    withPrefix(
      `wmo${n}`,
      `  <Client>
${person(`wmo${n}`, o.bsn, false)}
    <${group}>
${products}
    </${group}>
  </Client>`,
    ),
    {
      afzender: o.provider,
      ontvanger: o.municipality,
      identificatie:
        o.identificatie ?? `${n === "305" ? "S" : "E"}${first?.toewijzingNummer ?? "0"}-${first?.status ?? "1"}`,
      dagtekening: o.dagtekening ?? dates.at(-1) ?? "2024-03-05",
      ...header,
    },
  )
}

/**
 * A WMO305 start message (provider → municipality) for one client, with one StartProduct, or more in `more`. For
 * demo person histories: `startMessage({ bsn, municipality: "0402", provider: "12345678", toewijzingNummer: 5001,
 * category: "16", begin: "2024-03-06" })`; resend it with `status: "2"` to correct it, `"3"` to delete it.
 */
export const startMessage = (
  o: SupportMessage & StartLine & { readonly more?: ReadonlyArray<StartLine>; readonly header?: HeaderOptions },
): string => supportMessage("305", o, [o, ...(o.more ?? [])], o.header ?? {})

/**
 * A WMO307 stop message (provider → municipality) for one client, with one StopProduct, or more in `more`: the
 * allocation's ToewijzingNummer, its Begindatum, Einddatum and RedenBeeindiging, and StatusAanlevering.
 */
export const stopMessage = (
  o: SupportMessage & StopLine & { readonly more?: ReadonlyArray<StopLine>; readonly header?: HeaderOptions },
): string => supportMessage("307", o, [o, ...(o.more ?? [])], o.header ?? {})

/** The fixture's client and parties: a test BSN, Hilversum (0402) and the fictitious provider 12345678. */
const fixtureParties = (o: ProductOptions, bsn: string) => ({
  bsn: o.bsn ?? bsn,
  municipality: "0402",
  provider: "12345678",
  identificatie: o.header?.identificatie ?? "B305-0001",
  dagtekening: "2024-03-05",
  header: o.header ?? {},
})

/** WMO305 start with one product (ToewijzingNummer 1001 unless given), the tests' fixture. */
export const wmo305 = (o: ProductOptions & { readonly status?: "1" | "2" | "3"; readonly begin?: string } = {}) =>
  startMessage({
    ...fixtureParties(o, "999900018"),
    toewijzingNummer: o.toewijzingNummer ?? 1001,
    category: "category" in o ? o.category : "16",
    toewijzingIngangsdatum: "2024-03-04",
    begin: o.begin ?? "2024-03-06",
    status: o.status ?? "1",
  })

/** WMO307 stop with reden beëindiging (ToewijzingNummer 1001 unless given), the tests' fixture. */
export const wmo307 = (
  o: ProductOptions & { readonly begin?: string; readonly end?: string; readonly reden?: string } = {},
) =>
  stopMessage({
    ...fixtureParties(o, "999900031"),
    identificatie: o.header?.identificatie ?? "B307-0001",
    toewijzingNummer: o.toewijzingNummer ?? 1001,
    category: "category" in o ? o.category : "15",
    toewijzingIngangsdatum: "2024-01-01",
    begin: o.begin ?? "2024-01-02",
    end: o.end ?? "2024-02-29",
    reden: o.reden ?? "19",
  })

/** WMO315 verzoek om toewijzing. */
export const wmo315 = (o: ProductOptions = {}) =>
  message(
    "315",
    withPrefix(
      "wmo315",
      `  <Client>
${person("wmo315", o.bsn ?? "999900043", false)}
    <AangevraagdeProducten>
      <AangevraagdProduct>
        <ReferentieAanbieder>REF-315-1</ReferentieAanbieder>
        ${product("category" in o ? o.category : "17")}
        <ToewijzingIngangsdatum>2024-03-10</ToewijzingIngangsdatum>
        <ToewijzingEinddatum>2024-09-10</ToewijzingEinddatum>
        <Verwijzer><iwmo:Type>01</iwmo:Type></Verwijzer>
      </AangevraagdProduct>
    </AangevraagdeProducten>
  </Client>`,
    ),
    o.header,
  )

/** WMO317 verzoek om wijziging: one product to change and one new product. */
export const wmo317 = (o: ProductOptions & { readonly gewenst?: string; readonly eind?: string } = {}) =>
  message(
    "317",
    withPrefix(
      "wmo317",
      `  <Client>
    <Bsn>${o.bsn ?? "999900055"}</Bsn>
    <Verzoek>
      <ReferentieAanbieder>REF-317-1</ReferentieAanbieder>
      <RedenVerzoek>1</RedenVerzoek>
      <TeWijzigenProducten>
        <TeWijzigenProduct>
          <ToewijzingNummer>1001</ToewijzingNummer>
          <GewensteIngangsdatum>${o.gewenst ?? "2024-04-01"}</GewensteIngangsdatum>
          ${o.eind === undefined ? "" : `<Einddatum>${o.eind}</Einddatum>`}
        </TeWijzigenProduct>
      </TeWijzigenProducten>
      <NieuweProducten>
        <NieuwProduct>
          ${product("category" in o ? o.category : "18")}
          <GewensteIngangsdatum>2024-04-01</GewensteIngangsdatum>
        </NieuwProduct>
      </NieuweProducten>
    </Verzoek>
  </Client>`,
    ),
    o.header,
  )

/** WMO319 antwoord (carries no BSN in iWmo 3.2). */
export const wmo319 = (o: { readonly antwoord?: string; readonly header?: HeaderOptions } = {}) =>
  message(
    "319",
    withPrefix(
      "wmo319",
      `  <Antwoord>
    <ReferentieAanbieder>REF-315-1</ReferentieAanbieder>
    <VerzoekAntwoord>${o.antwoord ?? "1"}</VerzoekAntwoord>
  </Antwoord>`,
    ),
    o.header,
  )

/** One prestatie of a declaration: a client's product in a period, in euro cents, debet or credit. */
export interface Prestatie {
  readonly bsn: string
  readonly category: string
  readonly from?: string
  readonly to?: string
  readonly cents: number
  readonly credit?: boolean
}

/** The Client elements of a WMO323, one per prestatie. */
export const wmo323Clients = (prestaties: ReadonlyArray<Prestatie>, start = 0): string =>
  prestaties
    .map(
      (x, i) => `      <wmo323:Client>
        <wmo323:Bsn>${x.bsn}</wmo323:Bsn>
        <wmo323:Prestaties>
          <wmo323:Prestatie>
            <wmo323:ProductReferentie><iwmo:ReferentieNummer>P${start + i}</iwmo:ReferentieNummer></wmo323:ProductReferentie>
            <wmo323:ToewijzingNummer>${1000 + ((start + i) % 1000)}</wmo323:ToewijzingNummer>
            <wmo323:ProductCategorie>${x.category}</wmo323:ProductCategorie>
            <wmo323:ProductCode>${x.category}A01</wmo323:ProductCode>
            <wmo323:ProductPeriode><iwmo:Begindatum>${x.from ?? "2024-02-01"}</iwmo:Begindatum><iwmo:Einddatum>${x.to ?? "2024-02-29"}</iwmo:Einddatum></wmo323:ProductPeriode>
            <wmo323:GeleverdVolume>1</wmo323:GeleverdVolume>
            <wmo323:Eenheid>83</wmo323:Eenheid>
            <wmo323:IngediendBedrag><iwmo:Bedrag>${x.cents}</iwmo:Bedrag><iwmo:DebetCredit>${x.credit === true ? "C" : "D"}</iwmo:DebetCredit></wmo323:IngediendBedrag>
          </wmo323:Prestatie>
        </wmo323:Prestaties>
      </wmo323:Client>`,
    )
    .join("\n")

/** The declaration part of a WMO323 before and after its clients, for streaming generators. */
export const wmo323Parts = (totalCents: number, h: HeaderOptions = {}): { head: string; tail: string } => {
  const whole = message(
    "323",
    `  <wmo323:Declaratie>
    <wmo323:DeclaratieNummer>D2024020001</wmo323:DeclaratieNummer>
    <wmo323:DeclaratiePeriode><iwmo:Begindatum>2024-02-01</iwmo:Begindatum><iwmo:Einddatum>2024-02-29</iwmo:Einddatum></wmo323:DeclaratiePeriode>
    <wmo323:DeclaratieDagtekening>2024-03-05</wmo323:DeclaratieDagtekening>
    <wmo323:TotaalIngediendBedrag><iwmo:TotaalBedrag>${Math.abs(totalCents)}</iwmo:TotaalBedrag><iwmo:DebetCredit>${totalCents < 0 ? "C" : "D"}</iwmo:DebetCredit></wmo323:TotaalIngediendBedrag>
    <wmo323:Clienten>
@@CLIENTS@@
    </wmo323:Clienten>
  </wmo323:Declaratie>`,
    h,
  )
  const [head, tail] = whole.split("@@CLIENTS@@\n") as [string, string]
  return { head, tail }
}

/** A WMO323 declaratie. */
export const wmo323 = (prestaties: ReadonlyArray<Prestatie>, o: { total?: number; header?: HeaderOptions } = {}) => {
  const sum = prestaties.reduce((s, x) => s + (x.credit === true ? -x.cents : x.cents), 0)
  const { head, tail } = wmo323Parts(o.total ?? sum, o.header)
  return `${head}${wmo323Clients(prestaties)}\n${tail}`
}

/** The standard declaration fixture: two B&O prestaties, one other, one credit. */
export const declaration = () =>
  wmo323([
    { bsn: "999900067", category: "15", cents: 250_000 },
    { bsn: "999900079", category: "16", cents: 120_050 },
    { bsn: "999900080", category: "02", cents: 30_000 },
    { bsn: "999900067", category: "15", cents: 10_000, credit: true },
  ])

/** Whether a nine-digit number passes the BSN eleven-test. */
const elevenTest = (s: string): boolean => {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(s[i])
  return (sum - Number(s[8])) % 11 === 0
}

/** The first `count` test BSNs: eleven-test-valid numbers 999900000 and up, never real ones. */
export const testBsns = (count: number): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (let n = 0; out.length < count && n < 100_000; n++) {
    const s = `9999${String(n).padStart(5, "0")}`
    if (elevenTest(s)) out.push(s)
  }
  return out
}

/** A WMO323 declaration generated on the fly: its exact size in bytes, its clients, and its bytes in chunks. */
export interface LargeDeclaration {
  readonly size: number
  readonly clients: number
  /** The bytes, in chunks of at most 64 KiB, made lazily each time: nothing is held but one block of clients. */
  readonly chunks: () => Iterable<Uint8Array>
}

const blockClients = 600
const largeCategories = ["15", "16", "17", "18", "02", "07"]

/**
 * A valid WMO323 declaration of about `bytes` bytes (at least one block of 600 clients), for February 2024, sent to
 * `ontvanger` (default Hilversum, 0402), with test BSNs; its total matches its prestaties.
 */
export const largeDeclaration = (bytes: number, h: HeaderOptions = {}): LargeDeclaration => {
  const bsns = testBsns(500)
  const prestaties = Array.from(
    { length: blockClients },
    (_, i): Prestatie => ({
      bsn: bsns[i % bsns.length] ?? "999900006",
      category: largeCategories[i % largeCategories.length] ?? "15",
      cents: (1 + (i % 20)) * (5000 + (i % 7)),
    }),
  )
  const encoder = new TextEncoder()
  const block = encoder.encode(`${wmo323Clients(prestaties)}\n`)
  const blockCents = prestaties.reduce((sum, p) => sum + p.cents, 0)
  const blocks = Math.max(1, Math.round(bytes / block.length))
  const { head, tail } = wmo323Parts(blocks * blockCents, h)
  const headBytes = encoder.encode(head)
  const tailBytes = encoder.encode(tail)
  const chunk = 64 * 1024
  return {
    size: headBytes.length + blocks * block.length + tailBytes.length,
    clients: blocks * blockClients,
    chunks: function* () {
      yield headBytes
      for (let b = 0; b < blocks; b++) {
        for (let i = 0; i < block.length; i += chunk) yield block.subarray(i, i + chunk)
      }
      yield tailBytes
    },
  }
}
