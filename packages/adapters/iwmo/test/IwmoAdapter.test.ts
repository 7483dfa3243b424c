import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Source, Summary } from "@baken/adapter-kit"
import { Observation, PersonEvent } from "@baken/domain"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { adapter } from "../src/IwmoAdapter.js"
import * as F from "./fixtures.js"
import { layer, read, readText, records, rejections } from "./helpers.js"

const events = (items: Awaited<ReturnType<typeof readText>>) =>
  records(items).filter((r): r is PersonEvent.PersonEvent => r instanceof PersonEvent.PersonEvent)
const observations = (items: Awaited<ReturnType<typeof readText>>) =>
  Object.fromEntries(
    records(items)
      .filter((r): r is Observation.Observation => r instanceof Observation.Observation)
      .map((o) => [`${o.indicator} ${o.area} ${o.period}`, o.value]),
  )

const folderOf = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), "iwmo-folder-"))
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

describe("the iWmo adapter", () => {
  it("turns a WMO301 toewijzing for beschermd wonen into an allocation-granted event for GM0402 and a count", async () => {
    const items = await readText("a.xml", F.wmo301())
    expect(events(items)).toMatchObject([
      { kind: "allocation-granted", date: "2024-03-01", municipality: "GM0402", category: "15", source: "iwmo" },
    ])
    expect(observations(items)).toEqual({ "iwmo-toewijzingen-cat-15 GM0402 2024-03": 1 })
  })

  it("follows only categories 15-18 per person, but counts every category", async () => {
    const items = await read(
      Source.folder(
        folderOf({
          "1.xml": F.wmo305({ category: "16" }),
          "2.xml": F.wmo305({ category: "01" }),
          "3.xml": F.wmo305({ category: "17", bsn: "999900092" }),
        }),
      ),
    )
    expect(events(items).map((e) => e.category)).toEqual(["16", "17"])
    expect(observations(items)).toEqual({
      "iwmo-starts-cat-01 GM0402 2024-03": 1,
      "iwmo-starts-cat-16 GM0402 2024-03": 1,
      "iwmo-starts-cat-17 GM0402 2024-03": 1,
    })
  })

  it("gives the same person the same pseudonym in an allocation, a start and a stop", async () => {
    const bsn = "999900109"
    const items = await read(
      Source.folder(
        folderOf({
          "1.xml": F.wmo301({ bsn }),
          "2.xml": F.wmo305({ bsn, category: "15" }),
          "3.xml": F.wmo307({ bsn }),
        }),
      ),
    )
    const people = new Set(events(items).map((e) => e.person))
    expect(events(items)).toHaveLength(3)
    expect(people.size).toBe(1)
  })

  it("records the reden beëindiging of a stop as the event's reason", async () => {
    expect(events(await readText("s.xml", F.wmo307({ reden: "38" })))).toMatchObject([
      { kind: "support-stopped", date: "2024-02-29", reason: "38", category: "15" },
    ])
  })

  it("turns a declaration into spending in euro cents per municipality, category and month, credits subtracted", async () => {
    const items = await readText("d.xml", F.declaration())
    expect(events(items)).toEqual([])
    expect(observations(items)).toEqual({
      "iwmo-declaratie-bedrag-cat-02 GM0402 2024-02": 30_000,
      "iwmo-declaratie-bedrag-cat-15 GM0402 2024-02": 240_000,
      "iwmo-declaratie-bedrag-cat-16 GM0402 2024-02": 120_050,
    })
  })

  it("counts WMO319 answers per kind for the sending municipality, as the message carries no BSN", async () => {
    const items = await readText("a.xml", F.wmo319({ antwoord: "2", header: { afzender: "1942" } }))
    expect(observations(items)).toEqual({ "iwmo-antwoorden-2 GM1942 2024-03": 1 })
  })

  it("counts a deleted start (StatusAanlevering 3) as minus one and a corrected one as nothing, and passes both on as corrections", async () => {
    const items = await read(
      Source.folder(
        folderOf({ "1.xml": F.wmo305(), "2.xml": F.wmo305({ status: "3" }), "3.xml": F.wmo305({ status: "2" }) }),
      ),
    )
    expect(events(items).map((e) => e.correction)).toEqual([undefined, "deletes", "replaces"])
    expect(observations(items)).toEqual({ "iwmo-starts-cat-16 GM0402 2024-03": 0 })
  })

  it("counts a verzoek om wijziging that lists only unchanged products as zero, so it leaves a trace", async () => {
    const xml = F.wmo317().replace(
      /<wmo317:TeWijzigenProducten>[\s\S]*<\/wmo317:NieuweProducten>/,
      "<wmo317:OngewijzigdeProducten><wmo317:OngewijzigdProduct><wmo317:ToewijzingNummer>1001</wmo317:ToewijzingNummer></wmo317:OngewijzigdProduct></wmo317:OngewijzigdeProducten>",
    )
    const items = await readText("o.xml", xml)
    expect(rejections(items)).toEqual([])
    expect(observations(items)).toEqual({ "iwmo-verzoeken-wijziging-cat-onbekend GM0402 2024-03": 0 })
  })

  it("keeps no BSN, name or birth date: only the pseudonym, dates of events and codes leave the adapter", async () => {
    const all = Object.values(F.valid())
    const output = JSON.stringify(await Promise.all(all.map((xml, i) => readText(`${i}.xml`, xml))))
    for (const secret of ["999900006", "999900018", "Testpersoon", "1980-01-01"]) expect(output).not.toContain(secret)
  })

  it("locates a bad BSN by file, message, line, column and element path", async () => {
    const [rejection] = rejections(await readText("bsn.xml", F.wmo305({ bsn: "999900007" })))
    expect(rejection?.location).toMatchObject({
      file: "bsn.xml",
      message: "WMO305 B305-0001",
      line: 19,
      path: "/Bericht/Client/Bsn",
    })
    expect(rejection?.message.nl).toContain("elfproef")
  })

  it("rejects a whole message on one bad product, keeping none of its good products", async () => {
    const items = await readText(
      "m.xml",
      F.wmo301({
        products: [
          { nummer: "1", category: "15" },
          { nummer: "2", category: "16", ingang: "2024-05-01", eind: "2024-04-01" },
        ],
      }),
    )
    expect(records(items)).toEqual([])
    expect(rejections(items)).toMatchObject([
      { rule: "date-order", location: { path: "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]" } },
    ])
  })

  it("gives a delivery summary with counts per kind, the months covered and the source hash", async () => {
    const dir = folderOf({ "1.xml": F.wmo305(), "2.xml": F.wmo307(), "3.xml": F.wmo305({ bsn: "999900007" }) })
    const summary = await Effect.runPromise(Summary.run(adapter, Source.folder(dir)).pipe(Effect.provide(layer)))
    expect(summary.accepted).toEqual({ observation: 2, "support-started": 1, "support-stopped": 1 })
    expect(summary.rejected).toEqual({ "bsn-eleven-test": 1 })
    expect([summary.periodFrom, summary.periodTo]).toEqual(["2024-02", "2024-03"])
    expect(summary.sourceHash).toMatch(/^[0-9a-f]{64}$/)
  })
})
