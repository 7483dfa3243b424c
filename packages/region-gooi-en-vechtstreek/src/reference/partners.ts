/**
 * The partners the sources name as organisations (not as kinds): Veilig Thuis, the GGD, the Zorg- en
 * Veiligheidshuis, the police, the Taskforce Huiselijk Geweld en Kindermishandeling and the health insurer Zilveren
 * Kruis. AGB codes and KvK numbers are left out: the sources do not give them.
 */
import { AdapterId, PartnerId } from "@baken/domain/Ids"
import { Partner } from "@baken/domain/Partner"

/** Veilig Thuis for the region (the CBS table calls it "Gooi en Vechtstreek (VT)"). */
export const veiligThuis = new Partner({
  id: PartnerId.make("veilig-thuis-gooi-en-vechtstreek"),
  name: "Veilig Thuis Gooi en Vechtstreek",
  kind: "veilig-thuis",
  adapters: [AdapterId.make("veilig-thuis")],
})

/** The GGD of the region. */
export const ggd = new Partner({
  id: PartnerId.make("ggd-gooi-en-vechtstreek"),
  name: "GGD Gooi en Vechtstreek",
  kind: "ggd",
  adapters: [],
})

/** The Zorg- en Veiligheidshuis (the 2017 press release says "het Veiligheidshuis"). */
export const zorgEnVeiligheidshuis = new Partner({
  id: PartnerId.make("zorg-en-veiligheidshuis"),
  name: "Zorg- en Veiligheidshuis",
  kind: "zorg-en-veiligheidshuis",
  adapters: [],
})

/** The police, delivering incident counts (E33 and others) per municipality through the police adapter. */
export const politie = new Partner({
  id: PartnerId.make("politie"),
  name: "Politie",
  kind: "politie",
  adapters: [AdapterId.make("politie")],
})

/** The Taskforce Huiselijk Geweld en Kindermishandeling. */
export const taskforce = new Partner({
  id: PartnerId.make("taskforce-huiselijk-geweld-en-kindermishandeling"),
  name: "Taskforce Huiselijk Geweld en Kindermishandeling",
  kind: "taskforce-huiselijk-geweld-en-kindermishandeling",
  adapters: [],
})

/** The health insurer Zilveren Kruis. */
export const zilverenKruis = new Partner({
  id: PartnerId.make("zilveren-kruis"),
  name: "Zilveren Kruis",
  kind: "zorgverzekeraar",
  adapters: [],
})

/** Every partner the sources name. */
export const partners: ReadonlyArray<Partner> = [
  veiligThuis,
  ggd,
  zorgEnVeiligheidshuis,
  politie,
  taskforce,
  zilverenKruis,
]
