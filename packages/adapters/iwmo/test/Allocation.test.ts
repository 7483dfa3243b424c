// Person events of WMO301/305/307 as the store needs them to pair stays and apply corrections: the allocation they
// belong to, what StatusAanlevering says about an earlier event, and where each was read. Every message here is
// written by src/Sample.ts and, where the iWmo 3.2 XSDs are at hand, checked against them first.
import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Bsn, Source } from "@baken/adapter-kit"
import { PersonEvent } from "@baken/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { validateXML } from "xmllint-wasm"
import { startMessage, stopMessage, testBsns, wmo301 } from "../src/Sample.js"
import { read, readText, records, rejections } from "./helpers.js"
import { zip } from "./zip.js"

const here = dirname(fileURLToPath(import.meta.url))
const standard = process.env.IWMO_STANDARD_DIR ?? join(here, "../../../../../shared/standards/iwmo-3.2")
const xsdDir = join(standard, "xsd")
const xsdPresent = existsSync(join(xsdDir, "basisschema.xsd"))

/** Fails the test when the XSDs are present and reject the message: every message read here is a valid one. */
const xsdValid = async (xml: string): Promise<string> => {
  if (!xsdPresent) return xml
  const kind = /wmo(\d{3})\/schema/.exec(xml)?.[1] ?? ""
  const result = await validateXML({
    xml: { fileName: "message.xml", contents: xml },
    schema: { fileName: `WMO${kind}.xsd`, contents: readFileSync(join(xsdDir, `WMO${kind}.xsd`), "utf8") },
    preload: [{ fileName: "basisschema.xsd", contents: readFileSync(join(xsdDir, "basisschema.xsd"), "utf8") }],
  })
  expect(result.errors).toEqual([])
  return xml
}

const events = (items: Awaited<ReturnType<typeof readText>>) =>
  records(items).filter((r): r is PersonEvent.PersonEvent => r instanceof PersonEvent.PersonEvent)

/** Reads valid messages, each as its own file, and returns their person events in file order. */
const eventsOf = async (...xmls: ReadonlyArray<string>) => {
  const out: Array<PersonEvent.PersonEvent> = []
  for (const [i, xml] of xmls.entries()) {
    const items = await readText(`m${i + 1}.xml`, await xsdValid(xml))
    expect(rejections(items)).toEqual([])
    out.push(...events(items))
  }
  return out
}

/** The 1-based line of the `nth` (1-based) occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string, nth = 1): number => {
  let at = -1
  for (let i = 0; i < nth; i++) at = text.indexOf(needle, at + 1)
  if (at === -1) throw new Error(`${needle} not found`)
  return text.slice(0, at).split("\n").length
}

const client = { bsn: "999900018", municipality: "0402", provider: "12345678" }

describe("iWmo person events and their allocation", () => {
  it("gives a start and its stop the same allocation key: ToewijzingNummer and the provider's AGB code", async () => {
    const [start, stop] = await eventsOf(
      startMessage({ ...client, toewijzingNummer: 5001, category: "16", begin: "2024-03-06" }),
      stopMessage({
        ...client,
        toewijzingNummer: 5001,
        category: "16",
        begin: "2024-03-06",
        end: "2024-05-31",
        reden: "19",
      }),
    )
    expect(start).toMatchObject({ kind: "support-started", allocation: "T5001A12345678", municipality: "GM0402" })
    expect(stop).toMatchObject({ kind: "support-stopped", allocation: "T5001A12345678", reason: "19" })
    expect(start?.person).toBe(stop?.person)
  })

  it("takes the provider of a WMO301 from its Ontvanger, so the toewijzing pairs with the provider's start", async () => {
    const [granted, started] = await eventsOf(
      wmo301({ bsn: client.bsn, products: [{ nummer: "5001", category: "16" }] }),
      startMessage({ ...client, toewijzingNummer: 5001, category: "16", begin: "2024-03-06" }),
    )
    expect(granted).toMatchObject({ kind: "allocation-granted", allocation: "T5001A12345678" })
    expect(started?.allocation).toBe(granted?.allocation)
  })

  it("keeps two allocations of one person apart, also when they run at once or share a number across providers", async () => {
    const found = await eventsOf(
      startMessage({
        ...client,
        toewijzingNummer: 5001,
        category: "16",
        begin: "2024-03-06",
        more: [{ toewijzingNummer: 5002, category: "15", begin: "2024-03-06" }],
      }),
      startMessage({ ...client, provider: "87654321", toewijzingNummer: 5001, category: "17", begin: "2024-03-07" }),
      stopMessage({
        ...client,
        toewijzingNummer: 5002,
        category: "15",
        begin: "2024-03-06",
        end: "2024-04-01",
        reden: "38",
      }),
    )
    expect(found.map((e) => [e.kind, e.category, e.allocation])).toEqual([
      ["support-started", "16", "T5001A12345678"],
      ["support-started", "15", "T5002A12345678"],
      ["support-started", "17", "T5001A87654321"],
      ["support-stopped", "15", "T5002A12345678"],
    ])
    expect(new Set(found.map((e) => e.person)).size).toBe(1)
  })

  it("pairs a ToewijzingNummer written with leading zeros with the same number written without", async () => {
    const [start, stop] = await eventsOf(
      startMessage({ ...client, toewijzingNummer: "0005001", category: "18", begin: "2024-03-06" }),
      stopMessage({
        ...client,
        toewijzingNummer: 5001,
        category: "18",
        begin: "2024-03-06",
        end: "2024-03-31",
        reden: "19",
      }),
    )
    expect([start?.allocation, stop?.allocation]).toEqual(["T5001A12345678", "T5001A12345678"])
  })

  it("writes a nine-digit ToewijzingNummer in groups of three joined by x, so no BSN-shaped run leaves the adapter", async () => {
    const [start] = await eventsOf(
      startMessage({ ...client, toewijzingNummer: 123456782, category: "16", begin: "2024-03-06" }),
    )
    expect(start?.allocation).toBe("T123x456x782A12345678")
    expect(Bsn.find(JSON.stringify(start))).toEqual([])
    expect(PersonEvent.allocationKey("000000000", "12345678")).toBe("T0A12345678")
  })

  it("takes a key an older adapter wrote with underscores (T123_456_782A…) as the same allocation", () => {
    expect(PersonEvent.canonicalAllocation("T123_456_782A12345678")).toBe(
      PersonEvent.allocationKey("123456782", "12345678"),
    )
    expect(PersonEvent.canonicalAllocation("T5001A12345678")).toBe("T5001A12345678")
  })

  it("gives a product without a ToewijzingNummer no allocation, and still an event", async () => {
    const [start] = await eventsOf(startMessage({ ...client, category: "16", begin: "2024-03-06" }))
    expect(start).toMatchObject({ kind: "support-started", category: "16" })
    expect(start?.allocation).toBeUndefined()
  })

  it("refuses a ToewijzingNummer that is the client's own BSN, at the product, and keeps nothing of the message", async () => {
    const xml = await xsdValid(
      startMessage({ ...client, toewijzingNummer: client.bsn, category: "16", begin: "2024-03-06" }),
    )
    const items = await readText("bsn-als-nummer.xml", xml)
    expect(records(items)).toEqual([])
    expect(rejections(items)).toMatchObject([
      {
        rule: "toewijzingnummer-is-bsn",
        field: "ToewijzingNummer",
        location: {
          line: lineOf(xml, "<wmo305:StartProduct>"),
          path: "/Bericht/Client/StartProducten/StartProduct[1]",
        },
      },
    ])
    expect(JSON.stringify(items)).not.toContain(client.bsn)
  })
})

describe("iWmo corrections (StatusAanlevering)", () => {
  const start = (status: "1" | "2" | "3") =>
    startMessage({ ...client, toewijzingNummer: 5001, category: "16", begin: "2024-03-06", status })
  const stop = (status: "1" | "2" | "3") =>
    stopMessage({
      ...client,
      toewijzingNummer: 5001,
      category: "16",
      begin: "2024-03-06",
      end: "2024-04-30",
      reden: "21",
      status,
    })

  it("makes StatusAanlevering 1 a new event, 2 an event that replaces and 3 one that deletes, for starts and stops", async () => {
    const found = await eventsOf(start("1"), start("2"), start("3"), stop("1"), stop("2"), stop("3"))
    expect(found.map((e) => [e.kind, e.allocation, e.correction])).toEqual([
      ["support-started", "T5001A12345678", undefined],
      ["support-started", "T5001A12345678", "replaces"],
      ["support-started", "T5001A12345678", "deletes"],
      ["support-stopped", "T5001A12345678", undefined],
      ["support-stopped", "T5001A12345678", "replaces"],
      ["support-stopped", "T5001A12345678", "deletes"],
    ])
    // A deletion names what it deletes: the same date, category and reason as the event it takes away.
    expect(found[5]).toMatchObject({ date: "2024-04-30", category: "16", reason: "21" })
    expect("correction" in (found[0] as object)).toBe(false)
  })

  it("keeps the counts as they were: 1 adds one, 2 nothing, 3 takes one away", async () => {
    const dir = await zip([
      { name: "a.xml", content: start("1") },
      { name: "b.xml", content: start("2") },
      { name: "c.xml", content: start("3") },
      { name: "d.xml", content: stop("1") },
      { name: "e.xml", content: stop("2") },
    ])
    const items = await read(Source.bytes("levering.zip", dir))
    const counts = Object.fromEntries(
      records(items).flatMap((r) => ("indicator" in r ? [[`${r.indicator} ${r.period}`, r.value]] : [])),
    )
    expect(counts).toEqual({ "iwmo-starts-cat-16 2024-03": 0, "iwmo-stops-cat-16 2024-04": 1 })
  })

  it("passes on two first starts of one allocation in one message, each with its own line, for the store to judge", async () => {
    const xml = startMessage({
      ...client,
      toewijzingNummer: 5001,
      category: "16",
      begin: "2024-03-06",
      more: [{ toewijzingNummer: 5001, category: "16", begin: "2024-03-07" }],
    })
    const found = await eventsOf(xml)
    expect(found.map((e) => [e.allocation, e.origin?.line])).toEqual([
      ["T5001A12345678", lineOf(xml, "<wmo305:StartProduct>", 1)],
      ["T5001A12345678", lineOf(xml, "<wmo305:StartProduct>", 2)],
    ])
  })
})

describe("where an iWmo event was read", () => {
  it("points at the file inside the archive, the message and the line of the product element", async () => {
    const xml = await xsdValid(
      stopMessage({
        ...client,
        identificatie: "STOP-77",
        toewijzingNummer: 5001,
        category: "15",
        begin: "2024-01-02",
        end: "2024-02-29",
        reden: "19",
        more: [{ toewijzingNummer: 5002, category: "17", begin: "2024-01-03", end: "2024-02-28", reden: "22" }],
      }),
    )
    const items = await read(Source.bytes("levering.zip", await zip([{ name: "stops/bericht.xml", content: xml }])))
    expect(rejections(items)).toEqual([])
    expect(events(items).map((e) => e.origin)).toEqual([
      new PersonEvent.Origin({
        file: "levering.zip!/stops/bericht.xml",
        message: "WMO307 STOP-77",
        line: lineOf(xml, "<wmo307:StopProduct>", 1),
      }),
      new PersonEvent.Origin({
        file: "levering.zip!/stops/bericht.xml",
        message: "WMO307 STOP-77",
        line: lineOf(xml, "<wmo307:StopProduct>", 2),
      }),
    ])
  })

  it("gives the origin a file name that stays within 300 characters, keeping its start and its end", async () => {
    const name = `${"map/".repeat(100)}bericht.xml`
    const items = await readText(
      name,
      startMessage({ ...client, toewijzingNummer: 1, category: "16", begin: "2024-03-06" }),
    )
    const file = events(items)[0]?.origin?.file ?? ""
    expect(file).toHaveLength(300)
    expect(file.startsWith("map/map/")).toBe(true)
    expect(file.endsWith("map/bericht.xml")).toBe(true)
  })

  it("never lets a BSN into an event or its origin, whatever the client, number, provider, file or message id", async () => {
    const bsns = testBsns(400)
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bsns),
        fc.oneof(fc.integer({ min: 0, max: 999_999_999 }), fc.constantFrom(...bsns).map(Number)),
        fc.constantFrom("12345678", "87654321", "99990001"),
        fc.constantFrom("1", "2", "3"),
        fc.boolean(),
        async (bsn, nummer, provider, status, stop) => {
          const parties = { bsn, municipality: "0402", provider, identificatie: `I${bsn}`.slice(0, 12) }
          const line = { toewijzingNummer: nummer, category: "16", begin: "2024-03-06", status } as const
          const xml = stop
            ? stopMessage({ ...parties, ...line, end: "2024-03-31", reden: "19" })
            : startMessage({ ...parties, ...line })
          const items = await readText(`levering-${bsn}.xml`, xml)
          const output = JSON.stringify(items)
          // Outside the pseudonym (hexadecimal, so it may hold digit runs), no nine-digit run at all: neither this
          // client's BSN nor a number that might be someone else's.
          const besidesPseudonym = JSON.stringify(items.map((i) => ("record" in i ? { ...i.record, person: "" } : i)))
          return Bsn.find(besidesPseudonym).length === 0 && !output.includes(bsn)
        },
      ),
      { numRuns: 200 },
    )
  })
})
