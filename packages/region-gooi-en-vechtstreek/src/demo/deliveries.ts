/**
 * DEMO partners that deliver the demo's figures through the real adapters, one per kind of partner system, and the
 * indicators of the catalogue that the CBS adapter's population figures need. Every name says DEMO; nothing here is
 * a real organisation or a real figure. `@baken/adapter-registry`'s `Samples.demoDeliveries()` writes the files
 * these partners deliver.
 */
import { populationIndicator } from "@baken/domain/Comparison"
import { AdapterId, IndicatorId, MunicipalityCode, PartnerId } from "@baken/domain/Ids"
import { DataSource, Indicator } from "@baken/domain/Indicator"
import { Partner } from "@baken/domain/Partner"
import { nationalIndicators } from "./national.js"

const adapters = (...ids: ReadonlyArray<string>) => ids.map((id) => AdapterId.make(id))

/** DEMO care provider: iWmo messages, and the demo's B&O figures (instroom, wachttijd) as an observations CSV. */
export const demoZorgaanbieder = new Partner({
  id: PartnerId.make("demo-zorgaanbieder-bescherming-en-opvang"),
  name: "DEMO Zorgaanbieder Bescherming en Opvang (voorbeeldgegevens)",
  kind: "zorgaanbieder",
  adapters: adapters("iwmo", "observations-csv"),
})

/** DEMO Veilig Thuis: the half-yearly Beleidsinformatie. */
export const demoVeiligThuis = new Partner({
  id: PartnerId.make("demo-veilig-thuis"),
  name: "DEMO Veilig Thuis (voorbeeldgegevens)",
  kind: "veilig-thuis",
  adapters: adapters("veilig-thuis"),
})

/** DEMO municipality team for debt counselling: vroegsignalering events, and the demo's figures on accepted help. */
export const demoSchuldhulp = new Partner({
  id: PartnerId.make("demo-gemeente-schuldhulpverlening"),
  name: "DEMO Gemeente Hilversum, schuldhulpverlening (voorbeeldgegevens)",
  kind: "gemeente",
  municipality: MunicipalityCode.make("GM0402"),
  adapters: adapters("vroegsignalering", "observations-csv"),
})

/** DEMO municipality aftercare team (nazorg ex-gedetineerden): begin and end of detention notices from DJI. */
export const demoNazorgDetentie = new Partner({
  id: PartnerId.make("demo-gemeente-nazorg-detentie"),
  name: "DEMO Gemeente Hilversum, nazorg ex-gedetineerden (voorbeeldgegevens)",
  kind: "gemeente",
  municipality: MunicipalityCode.make("GM0402"),
  adapters: adapters("detentie"),
})

/** DEMO housing corporation: rent arrears and evictions per month, and the demo's eviction figures. */
export const demoWoningcorporatie = new Partner({
  id: PartnerId.make("demo-woningcorporatie"),
  name: "DEMO Woningcorporatie (voorbeeldgegevens)",
  kind: "woningcorporatie",
  adapters: adapters("woningcorporatie", "observations-csv"),
})

/** DEMO police unit: E33 incidents per month. */
export const demoPolitie = new Partner({
  id: PartnerId.make("demo-politie"),
  name: "DEMO Politie, basisteam (voorbeeldgegevens)",
  kind: "politie",
  adapters: adapters("politie"),
})

/**
 * DEMO research team of the region (a municipality delivering for the region): saved CBS StatLine pages, and the
 * demo's population figures.
 */
export const demoOnderzoek = new Partner({
  id: PartnerId.make("demo-regio-onderzoek"),
  name: "DEMO Regio Gooi en Vechtstreek, onderzoek en statistiek (voorbeeldgegevens)",
  kind: "gemeente",
  municipality: MunicipalityCode.make("GM0402"),
  adapters: adapters("cbs-statline", "observations-csv"),
})

/** DEMO care provider that delivers person events in the adapter kit's example format. */
export const demoVoorbeeldformaat = new Partner({
  id: PartnerId.make("demo-voorbeeldformaat"),
  name: "DEMO Zorgaanbieder met het voorbeeldformaat (voorbeeldgegevens)",
  kind: "zorgaanbieder",
  adapters: adapters("template-csv"),
})

/** Every DEMO partner that delivers a demo file, one per adapter of the registry. */
export const deliveryPartners: ReadonlyArray<Partner> = [
  demoZorgaanbieder,
  demoVeiligThuis,
  demoSchuldhulp,
  demoNazorgDetentie,
  demoWoningcorporatie,
  demoPolitie,
  demoOnderzoek,
  demoVoorbeeldformaat,
]

const cbs = new DataSource({ adapter: AdapterId.make("cbs-statline"), description: "CBS StatLine, tabel 03759ned" })

/**
 * The population figures the CBS adapter emits from table 03759ned, and the DEMO national indicators it emits from
 * 85043NED and 84848NED (`nationalIndicators`), as catalogue indicators, so that a CBS delivery is admitted (the
 * adapter's ids are not a family of their own). Store them with the demo's other indicators.
 */
export const deliveryIndicators: ReadonlyArray<Indicator> = [
  new Indicator({
    id: populationIndicator,
    name: "Bevolking op 1 januari",
    definition: "Aantal inwoners op 1 januari volgens CBS StatLine (tabel 03759ned).",
    unit: "residents",
    direction: "higher-is-better",
    aggregation: { _tag: "Sum" },
    source: cbs,
    disclosure: "open",
  }),
  new Indicator({
    id: IndicatorId.make("bevolking-gemiddeld"),
    name: "Gemiddelde bevolking",
    definition: "Gemiddeld aantal inwoners over het jaar volgens CBS StatLine (tabel 03759ned).",
    unit: "residents",
    direction: "higher-is-better",
    aggregation: { _tag: "Sum" },
    source: cbs,
    disclosure: "open",
  }),
  ...nationalIndicators,
]
