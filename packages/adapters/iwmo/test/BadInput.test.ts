// The issue's bad inputs: each must give a located rejection, never a crash, a hang or a partly accepted message.
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Item, Source } from "@baken/adapter-kit"
import { Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { adapter } from "../src/IwmoAdapter.js"
import * as F from "./fixtures.js"
import { layer, read, readText, records, rejections } from "./helpers.js"
import { testBsns } from "./testBsns.js"
import { zip } from "./zip.js"

describe("bad input", () => {
  for (const [name, fixture] of Object.entries(F.invalid())) {
    it(`${name} is rejected with rule ${fixture.rule}${fixture.code === undefined ? "" : ` (${fixture.code})`}, located, and nothing of it accepted`, async () => {
      const items = await readText(name, fixture.xml)
      expect(records(items)).toEqual([])
      const found = rejections(items)
      expect(found.map((r) => r.rule)).toContain(fixture.rule)
      const rejection = found.find((r) => r.rule === fixture.rule)
      expect(rejection?.code).toBe(fixture.code)
      expect(rejection?.location.file).toBe(name)
      expect(Item.isLocated(rejection as NonNullable<typeof rejection>)).toBe(true)
    })
  }

  it("a nine-digit number typed into the Afzender is rejected without being repeated", async () => {
    // Found by the conformance suite's garbage inputs: an echoed header value must never show a BSN-shaped run.
    const xml = F.wmo305().replace(
      /<wmo305:Afzender>\d+<\/wmo305:Afzender>/,
      "<wmo305:Afzender>112345678</wmo305:Afzender>",
    )
    expect(xml).toContain("112345678")
    const items = await readText("negen-cijfers.xml", xml)
    expect(records(items)).toEqual([])
    expect(rejections(items).map((r) => r.field)).toContain("Afzender")
    expect(JSON.stringify(items)).not.toContain("112345678")
  })

  it("an element named like a BSN, in any spelling, is rejected without its name being repeated", async () => {
    // Found by an outside tester: "gevonden: X999960003" and a root path "/X999960015" came back in rejections.
    for (const name of [
      "X999960003",
      "X9999.600.03",
      "X9999_600_03",
      "X\uFF19\uFF19\uFF19\uFF19\uFF16\uFF10\uFF10\uFF10\uFF13",
    ]) {
      const misplaced = F.wmo305().replace(/<wmo305:Header>/, `<wmo305:Header><wmo305:${name}>1</wmo305:${name}>`)
      expect(misplaced).toContain(name)
      const asRoot = `<?xml version="1.0"?><${name}>1</${name}>`
      for (const [file, xml] of [
        ["element.xml", misplaced],
        ["wortel.xml", asRoot],
      ]) {
        const items = await readText(file as string, xml as string)
        expect(rejections(items).length, `${name} in ${file}`).toBeGreaterThan(0)
        const shown = JSON.stringify(rejections(items))
        expect(shown, `${name} in ${file}`).not.toContain(name)
        expect(shown, `${name} in ${file}`).not.toMatch(/99996000|9999.600|9999_600/)
      }
    }
  })

  it("a name or a street typed into the Ontvanger or Afzender is rejected without being repeated", async () => {
    // Found by the conformance suite's canaries: code fields repeated up to 20 characters of whatever they held.
    for (const [field, value] of [
      ["Ontvanger", "Quozzixa"],
      ["Afzender", "Zwexwlaan 2"],
    ] as const) {
      const xml = F.wmo305({ header: field === "Ontvanger" ? { ontvanger: value } : { afzender: value } })
      const items = await readText("verkeerd-veld.xml", xml)
      expect(rejections(items).map((r) => r.field)).toContain(field)
      expect(JSON.stringify(items)).not.toContain(value)
    }
  })

  it("a wrong four-digit gemeentecode is still repeated in its rejection, as a code", async () => {
    const items = await readText("onbekend.xml", F.wmo305({ header: { ontvanger: "0999" } }))
    expect(
      rejections(items)
        .map((r) => r.message.nl)
        .join(" "),
    ).toContain("0999")
  })

  it("a billion-laughs entity bomb is refused where its DOCTYPE ends, without expanding anything", async () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("\n")
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${entities}\n]>\n<lolz>&lol9;</lolz>`
    const items = await readText("lol.xml", bomb)
    expect(items).toHaveLength(1)
    expect(rejections(items)[0]).toMatchObject({ rule: "doctype-not-allowed", location: { file: "lol.xml", line: 13 } })
    expect(JSON.stringify(items)).not.toContain("lollol")
  })

  it("an external entity is refused at its DOCTYPE and never fetched", async () => {
    const xxe = F.wmo305()
      .replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE wmo305:Bericht [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      )
      .replace("Testpersoon", "&xxe;")
    const items = await readText("xxe.xml", xxe)
    expect(rejections(items).map((r) => r.rule)).toEqual(["doctype-not-allowed"])
    expect(JSON.stringify(items)).not.toContain("root:")
  })

  it("an entity reference without a declaration is malformed XML, not a lookup", async () => {
    const items = await readText("ref.xml", F.wmo305().replace("Testpersoon", "&xxe;"))
    expect(rejections(items).map((r) => r.rule)).toEqual(["malformed-xml"])
    expect(records(items)).toEqual([])
  })

  it("a truncated zip is one rejection located at the archive, and nothing in it is accepted", async () => {
    const archive = await zip([
      { name: "a.xml", content: F.wmo305() },
      { name: "b.xml", content: F.wmo301() },
    ])
    const items = await readText("levering.zip", archive.subarray(0, archive.length - 40))
    expect(records(items)).toEqual([])
    expect(rejections(items)).toMatchObject([{ rule: "broken-archive", location: { file: "levering.zip", path: "/" } }])
  })

  it("a zip bomb (88 KB that inflates to 18 MB of declarations) is one located rejection, and nothing in it is read", async () => {
    const { head, tail } = F.wmo323Parts(20_000 * 1000)
    const client = F.wmo323Clients([{ bsn: "999900006", category: "15", cents: 1000 }])
    const archive = await zip([{ name: "declaratie.xml", content: `${head}${`${client}\n`.repeat(20_000)}${tail}` }])
    expect(archive.length).toBeLessThan(140 * 1024)
    const items = await readText("levering.zip", archive)
    expect(records(items)).toEqual([])
    expect(rejections(items)).toMatchObject([
      { rule: "archive-ratio", location: { file: "levering.zip!/declaratie.xml", path: "/" } },
    ])
    expect(rejections(items)[0]?.message.nl).not.toContain("declaratie.xml")
  })

  it("a zip reports per message: good messages are accepted, a bad one rejected, other files refused", async () => {
    const archive = await zip([
      { name: "goed.xml", content: F.wmo305() },
      { name: "fout.xml", content: F.wmo305({ bsn: "999900007" }) },
      { name: "lees-mij.txt", content: "hallo" },
    ])
    const dir = mkdtempSync(join(tmpdir(), "iwmo-test-"))
    writeFileSync(join(dir, "levering.zip"), archive)
    const items = await read(Source.file(join(dir, "levering.zip")))
    expect(rejections(items).map((r) => [r.location.file, r.rule])).toEqual([
      ["levering.zip!/fout.xml", "bsn-eleven-test"],
      ["levering.zip!/lees-mij.txt", "file-type"],
    ])
    expect(records(items).map((r) => ("kind" in r ? r.kind : r.indicator))).toEqual([
      "support-started",
      "iwmo-starts-cat-16",
    ])
  })

  it("a 2 GB text node is refused after about 1 MiB is read, so it can neither exhaust memory nor hang", async () => {
    const { head } = F.wmo323Parts(0)
    const mib = new Uint8Array(1024 * 1024).fill(0x37)
    let pulled = 0
    async function* twoGigabytes() {
      yield new TextEncoder().encode(head.replace("<iwmo:Identificatie>", "<iwmo:Identificatie>1"))
      for (let i = 0; i < 2048; i++) {
        pulled++
        yield mib
      }
    }
    const items = await Effect.runPromise(
      Stream.runCollect(adapter.read(Source.bytes("groot.xml", twoGigabytes()))).pipe(Effect.provide(layer)),
    )
    expect(rejections(items).map((r) => r.rule)).toEqual(["element-too-large"])
    expect(pulled).toBeLessThan(4)
  })

  const largeMb = Number(process.env.IWMO_LARGE_MB ?? "500")
  it(`a ${largeMb} MB declaration generated on the fly is read whole with flat memory and exact totals`, async () => {
    const { head, tail } = F.wmo323Parts(0)
    const block = F.wmo323Clients(
      Array.from({ length: 200 }, (_, i) => ({
        bsn: testBsns[i % testBsns.length] ?? "999900006",
        category: i % 2 === 0 ? "15" : "02",
        cents: 1000,
      })),
    )
    const blockBytes = new TextEncoder().encode(`${block}\n`)
    const blocks = Math.ceil((largeMb * 1024 * 1024) / blockBytes.length)
    // The declared total must match the prestaties: 200 per block at 1000 cents each.
    const total = blocks * 200 * 1000
    const headBytes = new TextEncoder().encode(F.wmo323Parts(total).head)
    let peak = 0
    const start = process.memoryUsage().rss
    async function* generate() {
      yield headBytes
      for (let i = 0; i < blocks; i++) {
        if (i % 256 === 0) peak = Math.max(peak, process.memoryUsage().rss - start)
        yield blockBytes
      }
      yield new TextEncoder().encode(tail)
    }
    expect(head.length).toBeGreaterThan(0)
    const items = await Effect.runPromise(
      Stream.runCollect(adapter.read(Source.bytes("declaratie.xml", generate()))).pipe(Effect.provide(layer)),
    )
    expect(rejections(items)).toEqual([])
    const values = Object.fromEntries(
      records(items).map((r) => ["indicator" in r ? r.indicator : r.kind, "value" in r ? r.value : 0]),
    )
    expect(values).toEqual({
      "iwmo-declaratie-bedrag-cat-02": (blocks * 200 * 1000) / 2,
      "iwmo-declaratie-bedrag-cat-15": (blocks * 200 * 1000) / 2,
    })
    expect(peak).toBeLessThan(200 * 1024 * 1024)
    // Half a gigabyte takes tens of seconds on a shared machine: this raises the preset's default timeout, it does not
    // time the adapter.
  }, 600_000)
})
